"""Reading the rule sets: which applies on a date, bands, what each council level may do."""

from datetime import date
from decimal import Decimal

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import CouncilLevelRule, RuleSet


def rule_set_in_force(day: date) -> RuleSet:
    """The rule set that applies to ratings decided on `day`."""
    for rule_set in RuleSet.objects.order_by("-applies_from"):
        if rule_set.is_in_force_on(day):
            return rule_set
    raise CatalogError(CatalogErrorCode.RULE_SET_NOT_IN_FORCE, "rule_set", rule_set="—", date=day)


def stars_for_score(rule_set: RuleSet, score: Decimal) -> int:
    """Stars that a mean score earns under the rule set's bands."""
    stars = 0
    for band in rule_set.star_bands.order_by("stars"):
        if score >= band.min_score:
            stars = band.stars
    return stars


def level_rule(rule_set: RuleSet, level: str) -> CouncilLevelRule:
    try:
        return rule_set.level_rules.get(level=level)
    except CouncilLevelRule.DoesNotExist:
        raise CatalogError(
            CatalogErrorCode.COUNCIL_LEVEL_NOT_IN_RULE_SET,
            "council_level",
            rule_set=rule_set,
            level=level,
        ) from None


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")

"""Load the reference data into the database; safe to run again (used by a data migration)."""

from datetime import date
from decimal import Decimal

from catalog.reference_data.load_units import SEED_PROVINCES, load_official_units
from catalog.reference_data.product_groups import GROUPS, LEGACY_SETS, parent_code
from catalog.reference_data.rule_sets import RULE_SETS, STAR_BANDS


def _date(value):
    return date.fromisoformat(value) if value else None


def load_rule_sets(apps) -> None:
    RuleSet = apps.get_model("catalog", "RuleSet")
    StarBand = apps.get_model("catalog", "StarBand")
    CouncilLevelRule = apps.get_model("catalog", "CouncilLevelRule")
    for data in RULE_SETS:
        weight_a, weight_b, weight_c = data["weights"]
        rule_set, _ = RuleSet.objects.update_or_create(
            code=data["code"],
            defaults={
                "decision_number": data["decision_number"],
                "decision_date": _date(data["decision_date"]),
                "title": data["title"],
                "applies_from": _date(data["applies_from"]),
                "applies_to": _date(data["applies_to"]),
                "weight_a": weight_a,
                "weight_b": weight_b,
                "weight_c": weight_c,
                "has_mandatory_criteria": data["has_mandatory_criteria"],
                "validity_months": data["validity_months"],
                "expiry_notice_days": data["expiry_notice_days"],
            },
        )
        for stars, minimum in STAR_BANDS.items():
            StarBand.objects.update_or_create(
                rule_set=rule_set, stars=stars, defaults={"min_score": Decimal(minimum)}
            )
        for level, (certifiable, forward) in data["levels"].items():
            CouncilLevelRule.objects.update_or_create(
                rule_set=rule_set,
                level=level,
                defaults={
                    "certifiable_stars": certifiable,
                    "forward_min_score": Decimal(forward) if forward else None,
                },
            )


def load_product_groups(apps) -> None:
    ProductGroup = apps.get_model("catalog", "ProductGroup")
    LegacyProductSet = apps.get_model("catalog", "LegacyProductSet")
    for code, name, name_en, examples, vat_rate in GROUPS:
        parent = parent_code(code)
        ProductGroup.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "parent": ProductGroup.objects.get(code=parent) if parent else None,
                "examples": examples,
                "vat_rate": vat_rate,
            },
        )
    for number, name, name_en, group_codes in LEGACY_SETS:
        legacy, _ = LegacyProductSet.objects.update_or_create(
            number=number, defaults={"name": name, "name_en": name_en}
        )
        legacy.maps_to.set(ProductGroup.objects.filter(code__in=group_codes.split()))


def load_administrative_units(apps) -> None:
    load_official_units(apps, SEED_PROVINCES)


def load_all(apps) -> None:
    load_rule_sets(apps)
    ProductGroup = apps.get_model("catalog", "ProductGroup")
    # Migration 0002 runs this before groups had a VAT rate and a third level;
    # migration 0008 loads them.
    if any(field.name == "vat_rate" for field in ProductGroup._meta.get_fields()):
        load_product_groups(apps)
    load_administrative_units(apps)

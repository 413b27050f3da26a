"""Which council may rate a product: the levels above the first rate only what the level
below forwarded to them.

- Decision 1048/QĐ-TTg (2019), its rating procedure: the district council scores and
  forwards products of 50 points and more to the province, which certifies 3 and 4 stars
  and forwards 90 points and more to the central council (5 stars).
- Decision 148/QĐ-TTg (2023), its rating procedure (the organisation of rating at each
  level): the district certifies 3 stars and forwards 70 points and more; the province
  certifies 4 stars and forwards 90 and more; the central council certifies 5 stars.
- Decision 1489/QĐ-TTg (2025), amending 148 for two-level local government after
  1 July 2025: the commune reviews the dossier and forwards it to the province (no score
  threshold); the province certifies 3 and 4 stars and forwards 90 points and more.

(docs/domain-rules.md quotes the rules; ../shared/DOMAIN.md is our source for them.)

The levels and thresholds are data (`CouncilLevelRule`), this module applies them."""

from decimal import Decimal

from django.utils import translation

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import CouncilLevel, Rating, RatingStatus
from catalog.services.rule_sets import level_rule

ORDER = [level for level, _ in CouncilLevel.choices]


def levels_through(rule_set, level: str) -> list[str]:
    """The rule set's council levels from the first up to `level`, in the order a product
    is forwarded through them."""
    present = set(rule_set.level_rules.values_list("level", flat=True))
    return [step for step in ORDER[: ORDER.index(level) + 1] if step in present]


def lower_level(rating: Rating) -> str | None:
    """The level just below the rating's own in its rule set; None for the first level."""
    below = levels_through(rating.rule_set, rating.council_level)[:-1]
    return below[-1] if below else None


def nomination_for(rating: Rating) -> Rating | None:
    """The lower council's rating that forwards this product to the rating's council, or
    None when the rating's council is the first level. Raise when one is needed and none
    exists."""
    lower = lower_level(rating)
    if lower is None:
        return None
    threshold = level_rule(rating.rule_set, lower).forward_min_score
    candidates = Rating.objects.filter(
        product_id=rating.product_id,
        rule_set_id=rating.rule_set_id,
        council_level=lower,
        created_at__lte=rating.created_at,
    ).exclude(status=RatingStatus.REVOKED)
    if threshold is not None:
        candidates = candidates.filter(mean_score__gte=threshold)
    found = candidates.order_by("-created_at").first()
    if found is None:
        raise _missing(rating, lower, threshold)
    return found


def _missing(rating: Rating, lower: str, threshold: Decimal | None) -> CatalogError:
    levels = dict(CouncilLevel.choices)
    points = format(threshold.normalize(), "f") if threshold is not None else ""
    with translation.override("vi"):
        level_vi, lower_vi = str(levels[rating.council_level]), str(levels[lower])
    return CatalogError(
        CatalogErrorCode.NOMINATION_REQUIRED,
        "council_level",
        rule_set=rating.rule_set,
        level_vi=level_vi,
        lower_vi=lower_vi,
        level_en=rating.council_level,
        lower_en=lower,
        threshold_vi=f" (từ {points} điểm)" if points else "",
        threshold_en=f" (from {points} points)" if points else "",
    )

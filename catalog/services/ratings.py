"""Council ratings: record scores, certify, upgrade, revoke, expire, and read the current star."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import CouncilMemberScore, Product, Rating, RatingStatus, RuleSet
from catalog.search import products_changed
from catalog.services.nominations import nomination_for
from catalog.services.rule_sets import add_months, level_rule, stars_for_score

CENT = Decimal("0.01")
MINIMUM_CERTIFIED_STARS = 3


@dataclass(frozen=True)
class MemberScore:
    member_name: str
    score_a: Decimal
    score_b: Decimal
    score_c: Decimal

    @property
    def total(self) -> Decimal:
        return self.score_a + self.score_b + self.score_c


@dataclass(frozen=True)
class Certification:
    decision_number: str
    decision_date: date
    certificate_number: str
    issuing_body: str


def mean_score(members: list[MemberScore]) -> Decimal:
    """The mean of the members' totals, to two decimals (half up)."""
    total = sum((member.total for member in members), Decimal(0))
    return (total / len(members)).quantize(CENT, rounding=ROUND_HALF_UP)


def record_scores(
    product: Product,
    rule_set: RuleSet,
    council_level: str,
    members: list[MemberScore],
    *,
    stated_mean: Decimal | None = None,
    stated_stars: int | None = None,
    mandatory_criteria_met_up_to: int | None = None,
    recorded_by=None,
) -> Rating:
    """Record a council's scores as a proposed rating; stars follow from the rule set."""
    level_rule(rule_set, council_level)
    check_member_scores(rule_set, members)
    computed = mean_score(members)
    if stated_mean is not None and Decimal(stated_mean).quantize(CENT) != computed:
        raise CatalogError(
            CatalogErrorCode.MEAN_SCORE_MISMATCH,
            "mean_score",
            claimed=stated_mean,
            computed=computed,
        )
    stars = _stars(rule_set, computed, mandatory_criteria_met_up_to)
    if stated_stars is not None and stated_stars != stars:
        raise CatalogError(
            CatalogErrorCode.STARS_OUTSIDE_BAND,
            "stars",
            score=computed,
            expected=stars,
            claimed=stated_stars,
        )
    with transaction.atomic():
        rating = Rating.objects.create(
            product=product,
            rule_set=rule_set,
            council_level=council_level,
            mean_score=computed,
            stars=stars,
            mandatory_criteria_met_up_to=mandatory_criteria_met_up_to,
            recorded_by=recorded_by,
        )
        CouncilMemberScore.objects.bulk_create(
            CouncilMemberScore(
                rating=rating,
                member_name=member.member_name,
                score_a=member.score_a,
                score_b=member.score_b,
                score_c=member.score_c,
            )
            for member in members
        )
    return rating


def check_member_scores(rule_set: RuleSet, members: list[MemberScore]) -> None:
    """Raise unless every member scored and each part is within the rule set's weight."""
    if not members:
        raise CatalogError(CatalogErrorCode.NO_COUNCIL_MEMBERS, "members")
    limits = {"A": rule_set.weight_a, "B": rule_set.weight_b, "C": rule_set.weight_c}
    for index, member in enumerate(members):
        if not member.member_name.strip():
            raise CatalogError(CatalogErrorCode.REQUIRED, f"members[{index}].member_name")
        for part, score in (("A", member.score_a), ("B", member.score_b), ("C", member.score_c)):
            if not Decimal(0) <= score <= limits[part]:
                raise CatalogError(
                    CatalogErrorCode.PART_SCORE_OUT_OF_RANGE,
                    f"members[{index}].score_{part.lower()}",
                    part=part,
                    member=member.member_name,
                    score=score,
                    maximum=limits[part],
                )


def recompute_scores(rating: Rating) -> Rating:
    """Recompute mean and stars of a proposed rating from its stored member scores."""
    members = [
        MemberScore(m.member_name, m.score_a, m.score_b, m.score_c)
        for m in rating.member_scores.all()
    ]
    check_member_scores(rating.rule_set, members)
    rating.mean_score = mean_score(members)
    rating.stars = _stars(rating.rule_set, rating.mean_score, rating.mandatory_criteria_met_up_to)
    rating.save(update_fields=["mean_score", "stars"])
    return rating


def _stars(rule_set: RuleSet, score: Decimal, mandatory_met_up_to: int | None) -> int:
    stars = stars_for_score(rule_set, score)
    if rule_set.has_mandatory_criteria:
        if mandatory_met_up_to is None:
            raise CatalogError(
                CatalogErrorCode.MANDATORY_CRITERIA_REQUIRED,
                "mandatory_criteria_met_up_to",
                rule_set=rule_set,
            )
        # A product that fails a star's mandatory criteria cannot hold that star.
        stars = min(stars, mandatory_met_up_to)
    return stars


def certify(rating: Rating, certification: Certification) -> Rating:
    """Certify a proposed rating: the certificate runs from the decision date for the
    rule set's validity (36 months)."""
    with transaction.atomic():
        rating = _locked(rating)
        _check_certifiable(rating, certification)
        _check_no_overlap(rating, certification.decision_date)
        return _write_certificate(rating, certification)


def upgrade(previous: Rating, new: Rating, certification: Certification) -> Rating:
    """Certify `new` as the replacement of the certified `previous` (e.g. 3★ → 4★)."""
    with transaction.atomic():
        previous, new = _locked(previous), _locked(new)
        if previous.product_id != new.product_id:
            raise CatalogError(CatalogErrorCode.DIFFERENT_PRODUCT, "replaces")
        if previous.status != RatingStatus.CERTIFIED:
            raise CatalogError(
                CatalogErrorCode.INVALID_STATUS, "replaces", status=previous.get_status_display()
            )
        if new.stars <= previous.stars:
            raise CatalogError(
                CatalogErrorCode.NOT_AN_UPGRADE, "stars", new=new.stars, old=previous.stars
            )
        _check_certifiable(new, certification)
        _check_no_overlap(new, certification.decision_date, ignore=previous)
        previous.status = RatingStatus.SUPERSEDED
        previous.save(update_fields=["status"])
        new.replaces = previous
        return _write_certificate(new, certification)


def revoke(rating: Rating, *, reason: str, revoked_on: date) -> Rating:
    """Revoke a certified rating; the product loses the star at once."""
    if not reason.strip():
        raise CatalogError(CatalogErrorCode.REQUIRED, "revocation_reason")
    with transaction.atomic():
        rating = _locked(rating)
        if rating.status != RatingStatus.CERTIFIED:
            raise CatalogError(
                CatalogErrorCode.INVALID_STATUS, "status", status=rating.get_status_display()
            )
        rating.status = RatingStatus.REVOKED
        rating.revoked_on = revoked_on
        rating.revocation_reason = reason.strip()
        rating.save(update_fields=["status", "revoked_on", "revocation_reason"])
    products_changed([rating.product_id])
    return rating


def expire_due_certificates(today: date) -> int:
    """Mark certificates whose validity ended before `today` as expired; return how many."""
    due = Rating.objects.filter(status=RatingStatus.CERTIFIED, valid_to__lt=today)
    products_changed(due.values_list("product_id", flat=True))
    return due.update(status=RatingStatus.EXPIRED)


def certificates_expiring_within(days: int, today: date):
    """Certified ratings whose certificate ends within `days` days of `today`."""
    return (
        Rating.objects.filter(
            status=RatingStatus.CERTIFIED,
            valid_to__gte=today,
            valid_to__lte=today + timedelta(days=days),
        )
        .select_related("product", "product__producer")
        .order_by("valid_to")
    )


def current_certificate(product: Product, on: date) -> Rating | None:
    """The latest certificate of `product` valid on `on`, the source of its star."""
    return valid_certificates(on).filter(product=product).order_by("-valid_from").first()


def valid_certificates(on: date):
    return Rating.objects.filter(
        status=RatingStatus.CERTIFIED, valid_from__lte=on, valid_to__gte=on
    )


def current_stars_subquery(on: date):
    """A subquery giving each product's stars on `on` (null when not certified)."""
    latest = valid_certificates(on).filter(product=OuterRef("pk")).order_by("-valid_from")
    return Subquery(latest.values("stars")[:1])


def _locked(rating: Rating) -> Rating:
    return Rating.objects.select_for_update().select_related("rule_set").get(pk=rating.pk)


def _check_certifiable(rating: Rating, certification: Certification) -> None:
    for field in ("decision_number", "certificate_number", "issuing_body"):
        if not getattr(certification, field).strip():
            raise CatalogError(CatalogErrorCode.REQUIRED, field)
    if rating.status != RatingStatus.PROPOSED:
        raise CatalogError(
            CatalogErrorCode.INVALID_STATUS, "status", status=rating.get_status_display()
        )
    number = certification.certificate_number.strip()
    if Rating.objects.filter(certificate_number=number).exclude(pk=rating.pk).exists():
        raise CatalogError(
            CatalogErrorCode.DUPLICATE_CERTIFICATE_NUMBER, "certificate_number", certificate=number
        )
    if not rating.rule_set.is_in_force_on(certification.decision_date):
        raise CatalogError(
            CatalogErrorCode.RULE_SET_NOT_IN_FORCE,
            "decision_date",
            rule_set=rating.rule_set,
            date=certification.decision_date,
        )
    if rating.stars < MINIMUM_CERTIFIED_STARS:
        raise CatalogError(CatalogErrorCode.STARS_NOT_CERTIFIABLE, "stars", stars=rating.stars)
    rule = level_rule(rating.rule_set, rating.council_level)
    if rating.stars not in rule.certifiable_stars:
        raise CatalogError(
            CatalogErrorCode.LEVEL_CANNOT_CERTIFY,
            "council_level",
            rule_set=rating.rule_set,
            level=rule.get_level_display(),
            stars=rating.stars,
        )
    rating.nominated_by = nomination_for(rating)


def _validity(rating: Rating, start: date) -> tuple[date, date]:
    return start, add_months(start, rating.rule_set.validity_months) - timedelta(days=1)


def _check_no_overlap(rating: Rating, start: date, ignore: Rating | None = None) -> None:
    valid_from, valid_to = _validity(rating, start)
    clash = (
        Rating.objects.filter(product_id=rating.product_id, status=RatingStatus.CERTIFIED)
        .filter(Q(valid_from__lte=valid_to) & Q(valid_to__gte=valid_from))
        .exclude(pk=rating.pk)
    )
    if ignore is not None:
        clash = clash.exclude(pk=ignore.pk)
    existing = clash.first()
    if existing:
        raise CatalogError(
            CatalogErrorCode.OVERLAPPING_CERTIFICATE,
            "decision_date",
            certificate=existing.certificate_number,
        )


def _write_certificate(rating: Rating, certification: Certification) -> Rating:
    rating.valid_from, rating.valid_to = _validity(rating, certification.decision_date)
    rating.decision_number = certification.decision_number.strip()
    rating.decision_date = certification.decision_date
    rating.certificate_number = certification.certificate_number.strip()
    rating.issuing_body = certification.issuing_body.strip()
    rating.status = RatingStatus.CERTIFIED
    try:
        with transaction.atomic():
            rating.save()
            _mark_forwarded(rating)
    except IntegrityError as error:
        # A concurrent certification won the race for the same period.
        raise CatalogError(
            CatalogErrorCode.OVERLAPPING_CERTIFICATE,
            "decision_date",
            certificate=rating.certificate_number,
        ) from error
    products_changed([rating.product_id])
    return rating


def _mark_forwarded(rating: Rating) -> None:
    """The lower council's proposal went up: it is no longer waiting for a decision."""
    if rating.nominated_by_id:
        Rating.objects.filter(pk=rating.nominated_by_id, status=RatingStatus.PROPOSED).update(
            status=RatingStatus.FORWARDED
        )

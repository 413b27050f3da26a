"""Programme staff operations: producers' status and OCOP ratings."""

import graphene
from django.utils import timezone

from catalog.errors import CatalogError
from catalog.graphql.types import OcopCertificate
from catalog.graphql.types import Producer as ProducerType
from catalog.models import Producer, Product, RuleSet
from catalog.models import Rating as RatingModel
from catalog.services import ratings as rating_services
from marketplace.graphql.core import error_type, errors_from, from_global_id, to_global_id
from marketplace.graphql.core.permissions import Permission, ScopedMutation

StaffErrorCode = graphene.Enum(
    "OcopErrorCode",
    [
        (name.upper(), name.upper())
        for name in (
            "required",
            "invalid",
            "not_found",
            "part_score_out_of_range",
            "mean_score_mismatch",
            "stars_outside_band",
            "mandatory_criteria_required",
            "council_level_not_in_rule_set",
            "level_cannot_certify",
            "nomination_required",
            "stars_not_certifiable",
            "rule_set_not_in_force",
            "overlapping_certificate",
            "invalid_status",
            "duplicate_certificate_number",
            "no_council_members",
        )
    ],
)
OcopError = error_type("OcopError", StaffErrorCode)


def _errors(error):
    return errors_from(error, {}, str(error.code).upper())


def _not_found(field, what):
    return [{"field": field, "code": "NOT_FOUND", "message": f"{what} not found."}]


class ProducerSetStatus(ScopedMutation):
    """Approve or suspend a producer (OCOP extension)."""

    permissions = (Permission.MANAGE_PRODUCERS,)

    class Arguments:
        id = graphene.ID(required=True)
        status = graphene.String(required=True, description="approved or suspended")

    producer = graphene.Field(ProducerType)
    errors = graphene.List(graphene.NonNull(OcopError), required=True)

    @classmethod
    def perform(cls, info, user, id, status):
        producer = Producer.objects.filter(pk=from_global_id(id, "Producer")).first()
        if producer is None:
            return cls(errors=_not_found("id", "Producer"))
        if status not in ("approved", "suspended"):
            return cls(
                producer=producer,
                errors=[{"field": "status", "code": "INVALID", "message": "approved or suspended"}],
            )
        producer.status = status
        producer.save(update_fields=["status"])
        return cls(producer=producer, errors=[])


class Rating(graphene.ObjectType):
    id = graphene.ID(required=True)
    stars = graphene.Int(required=True)
    mean_score = graphene.Float(required=True)
    status = graphene.String(required=True)
    certificate = graphene.Field(OcopCertificate)

    @staticmethod
    def resolve_id(rating, info):
        return to_global_id("Rating", rating.pk)

    @staticmethod
    def resolve_certificate(rating, info):
        return OcopCertificate.of(rating) if rating.certificate_number else None


class CouncilScoreInput(graphene.InputObjectType):
    member_name = graphene.String(required=True)
    score_a = graphene.Decimal(required=True)
    score_b = graphene.Decimal(required=True)
    score_c = graphene.Decimal(required=True)


class RatingRecordInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    rule_set = graphene.String(required=True, description="e.g. 1489/2025")
    council_level = graphene.String(required=True)
    members = graphene.List(graphene.NonNull(CouncilScoreInput), required=True)
    mandatory_criteria_met_up_to = graphene.Int()
    stated_mean = graphene.Decimal()
    stated_stars = graphene.Int()


class RatingRecord(ScopedMutation):
    permissions = (Permission.MANAGE_RATINGS,)

    class Arguments:
        input = RatingRecordInput(required=True)

    rating = graphene.Field(Rating)
    errors = graphene.List(graphene.NonNull(OcopError), required=True)

    @classmethod
    def perform(cls, info, user, input):
        product = Product.objects.filter(pk=from_global_id(input["product"], "Product")).first()
        rule_set = RuleSet.objects.filter(code=input["rule_set"]).first()
        if product is None or rule_set is None:
            return cls(errors=_not_found("product" if product is None else "ruleSet", "Target"))
        members = [
            rating_services.MemberScore(m["member_name"], m["score_a"], m["score_b"], m["score_c"])
            for m in input["members"]
        ]
        try:
            rating = rating_services.record_scores(
                product,
                rule_set,
                input["council_level"],
                members,
                stated_mean=input.get("stated_mean"),
                stated_stars=input.get("stated_stars"),
                mandatory_criteria_met_up_to=input.get("mandatory_criteria_met_up_to"),
                recorded_by=user,
            )
        except CatalogError as error:
            return cls(errors=_errors(error))
        return cls(rating=rating, errors=[])


class CertificationInput(graphene.InputObjectType):
    decision_number = graphene.String(required=True)
    decision_date = graphene.Date(required=True)
    certificate_number = graphene.String(required=True)
    issuing_body = graphene.String(required=True)


class RatingCertify(ScopedMutation):
    permissions = (Permission.MANAGE_RATINGS,)

    class Arguments:
        id = graphene.ID(required=True)
        input = CertificationInput(required=True)

    rating = graphene.Field(Rating)
    errors = graphene.List(graphene.NonNull(OcopError), required=True)

    @classmethod
    def perform(cls, info, user, id, input):
        rating = _rating(id)
        if rating is None:
            return cls(errors=_not_found("id", "Rating"))
        try:
            rating = rating_services.certify(rating, rating_services.Certification(**input))
        except CatalogError as error:
            return cls(errors=_errors(error))
        return cls(rating=rating, errors=[])


class RatingRevoke(ScopedMutation):
    permissions = (Permission.MANAGE_RATINGS,)

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    rating = graphene.Field(Rating)
    errors = graphene.List(graphene.NonNull(OcopError), required=True)

    @classmethod
    def perform(cls, info, user, id, reason):
        rating = _rating(id)
        if rating is None:
            return cls(errors=_not_found("id", "Rating"))
        try:
            rating = rating_services.revoke(rating, reason=reason, revoked_on=timezone.localdate())
        except CatalogError as error:
            return cls(errors=_errors(error))
        return cls(rating=rating, errors=[])


def _rating(global_id):
    return RatingModel.objects.filter(pk=from_global_id(global_id, "Rating")).first()


class StaffMutations(graphene.ObjectType):
    producer_set_status = ProducerSetStatus.Field()
    rating_record = RatingRecord.Field()
    rating_certify = RatingCertify.Field()
    rating_revoke = RatingRevoke.Field()

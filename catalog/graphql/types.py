"""GraphQL types of the OCOP catalogue: producers, administrative units, OCOP ratings."""

import base64

import graphene

from catalog.models import ProducerStatus, Rating


def global_id(type_name: str, pk) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


ProducerStatusEnum = graphene.Enum(
    "ProducerStatusEnum", [(value.upper(), value) for value in ProducerStatus.values]
)


class AdministrativeUnit(graphene.ObjectType):
    id = graphene.ID(required=True)
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    kind = graphene.String(required=True)
    level = graphene.String(required=True)
    valid_from = graphene.Date(required=True)
    valid_to = graphene.Date()
    parent = graphene.Field(lambda: AdministrativeUnit)

    @staticmethod
    def resolve_id(unit, info):
        return global_id("AdministrativeUnit", unit.pk)

    @staticmethod
    def resolve_parent(unit, info):
        return unit.parent


class Producer(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    legal_form = graphene.String(required=True)
    status = graphene.String(required=True)
    story = graphene.String()
    administrative_unit = graphene.Field(
        AdministrativeUnit, description="The commune or ward the producer is registered in."
    )

    @staticmethod
    def resolve_id(producer, info):
        return global_id("Producer", producer.pk)

    @staticmethod
    def resolve_administrative_unit(producer, info):
        return producer.commune


class OcopRuleSet(graphene.ObjectType):
    code = graphene.String(required=True)
    decision_number = graphene.String(required=True)


class OcopCertificate(graphene.ObjectType):
    number = graphene.String(required=True)
    issued_by = graphene.String(required=True)
    level = graphene.String(required=True)
    valid_from = graphene.Date()
    valid_until = graphene.Date()
    status = graphene.String(required=True)
    stars = graphene.Int(required=True)

    @staticmethod
    def of(rating: Rating) -> dict:
        return {
            "number": rating.certificate_number,
            "issued_by": rating.issuing_body,
            "level": rating.council_level,
            "valid_from": rating.valid_from,
            "valid_until": rating.valid_to,
            "status": rating.status,
            "stars": rating.stars,
        }


class OcopGroup(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    name_en = graphene.String(required=True)


class OcopInfo(graphene.ObjectType):
    """The product's OCOP rating, derived from its latest valid certificate."""

    stars = graphene.Int(description="Stars of the current certificate; null when none.")
    score = graphene.Float()
    rule_set = graphene.Field(OcopRuleSet)
    group = graphene.Field(OcopGroup, required=True)
    certificate = graphene.Field(OcopCertificate)
    history = graphene.List(graphene.NonNull(OcopCertificate), required=True)

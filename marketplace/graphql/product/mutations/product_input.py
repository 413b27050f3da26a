"""The product fields a producer sets through the API, and how they are applied."""

import graphene
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog.models import ProductGroup
from marketplace.graphql.core import from_global_id
from marketplace.graphql.product.mutations.common import error


class ProductInput(graphene.InputObjectType):
    name = graphene.String()
    name_en = graphene.String()
    slug = graphene.String()
    description = graphene.String()
    category = graphene.ID(description="An OCOP sub-group (Category with level 1).")
    shelf_life_days = graphene.Int()
    ingredients = graphene.String()
    storage_instructions = graphene.String()


FIELDS = (
    "name",
    "name_en",
    "slug",
    "description",
    "shelf_life_days",
    "ingredients",
    "storage_instructions",
)


def apply_product_input(product, data) -> list[dict]:
    """Set the given fields, validate, save; the errors, or [] when saved."""
    for field in FIELDS:
        if data.get(field) is not None:
            setattr(product, field, data[field])
    if data.get("category"):
        group = ProductGroup.objects.filter(
            pk=from_global_id(data["category"], "Category"), parent__isnull=False
        ).first()
        if group is None:
            return error(
                "category", "INVALID", "Chọn một phân nhóm OCOP / Choose an OCOP sub-group."
            )
        product.group = group
    try:
        product.full_clean(exclude=["producer"])
    except ValidationError as invalid:
        return [
            {"field": field, "code": "INVALID", "message": " ".join(messages)}
            for field, messages in invalid.message_dict.items()
        ]
    try:
        with transaction.atomic():
            product.save()
    except IntegrityError:
        return error("slug", "UNIQUE", "Slug đã tồn tại / Slug taken.")
    return []

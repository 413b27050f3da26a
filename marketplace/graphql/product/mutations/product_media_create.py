import graphene
from graphene_file_upload.scalars import Upload

from catalog.errors import CatalogError
from catalog.services.images import add_product_image
from marketplace.graphql.product.mutations.common import (
    ProducerMutation,
    domain_errors,
    error,
    not_found,
    own_product,
)
from marketplace.graphql.product.types import Product, ProductMedia


class ProductMediaCreateInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    image = Upload()
    alt = graphene.String()


class ProductMediaCreate(ProducerMutation):
    """Multipart upload (GraphQL multipart request spec), checked like portal uploads."""

    class Arguments:
        input = ProductMediaCreateInput(required=True)

    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)

    @classmethod
    def perform(cls, info, user, input):
        product = own_product(user, input["product"])
        if product is None:
            return cls(errors=not_found("product", "product"))
        upload = input.get("image")
        if upload is None:
            message = "Chọn ảnh / Choose an image."
            return cls(product=product, errors=error("image", "REQUIRED", message))
        try:
            media = add_product_image(product, upload.read(), alt=input.get("alt") or "")
        except CatalogError as invalid:
            return cls(product=product, errors=domain_errors(invalid))
        return cls(product=product, media=media, errors=[])

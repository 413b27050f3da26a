import pytest

from catalog.models import Product, ProductGroup
from marketplace.channels.models import Channel
from marketplace.channels.services import publish_product, set_variant_price
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import set_stock


@pytest.fixture
def add_listed_product(demo):
    """A new product of a demo producer, published with a price and stock."""

    def add(name: str, slug: str, price=50000, stock=5):
        producer = Product.objects.get(slug="gao-nep-cai-hoa-vang").producer
        product = Product.objects.create(
            producer=producer, group=ProductGroup.objects.get(code="1.3"), name=name, slug=slug
        )
        variant = product.variants.create(name="Gói", sku=f"SKU-{slug}")
        channel = Channel.objects.get(slug="default-channel")
        publish_product(product, channel)
        set_variant_price(variant, channel, price)
        set_stock(Warehouse.objects.get(producer=producer), variant, stock, reason="test")
        return product

    return add

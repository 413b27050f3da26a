from dataclasses import dataclass
from itertools import count

import pytest

from catalog.models import AdministrativeUnit, Producer, Product, ProductGroup, ProductVariant
from marketplace.channels.models import Channel
from marketplace.channels.services import publish_product, set_variant_price
from marketplace.checkout import services as checkout_services
from marketplace.checkout.services import AddressInput
from marketplace.shipping.models import DeliveryRate
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import set_stock

_numbers = count(1)


@pytest.fixture
def online(db):
    return Channel.objects.create(
        slug="online",
        name="Cửa hàng trực tuyến",
        kind="online",
        payment_gateways=["stripe", "cod", "vietqr"],
    )


@dataclass
class Seller:
    producer: Producer
    warehouse: Warehouse
    rate: DeliveryRate
    variant: ProductVariant


@pytest.fixture
def make_seller(online):
    """A producer with a warehouse serving the channel, a delivery rate and one priced variant."""

    def make(price=120000, stock=10, group_code="1.4", rate_kind="flat", base=30000, per_kg=0):
        number = next(_numbers)
        commune = AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).first()
        producer = Producer.objects.create(
            name=f"HTX Số {number}",
            slug=f"htx-so-{number}",
            legal_form="cooperative",
            registration_number=f"08007{number:05d}",
            street_address="Thôn 1",
            commune=commune,
            status="approved",
        )
        warehouse = Warehouse.objects.create(
            name=f"Kho HTX {number}",
            slug=f"kho-{number}",
            producer=producer,
            street_address="Thôn 1",
            commune=commune,
        )
        warehouse.channels.add(online)
        rate = DeliveryRate.objects.create(
            producer=producer,
            channel=online,
            name="Giao tận nhà",
            kind=rate_kind,
            base_amount=base,
            per_kg_amount=per_kg,
        )
        rate.provinces.add(AdministrativeUnit.objects.get(code="31"))
        product = Product.objects.create(
            producer=producer,
            group=ProductGroup.objects.get(code=group_code),
            name=f"Sản phẩm {number}",
            slug=f"san-pham-{number}",
        )
        variant = ProductVariant.objects.create(
            product=product, name="Chai 500 ml", sku=f"SKU-{number}", net_quantity=500, unit="ml"
        )
        publish_product(product, online)
        set_variant_price(variant, online, price)
        set_stock(warehouse, variant, stock, reason="kiểm kho đầu kỳ")
        return Seller(producer, warehouse, rate, variant)

    return make


@pytest.fixture
def address():
    return AddressInput(
        full_name="Nguyễn Thị Hoa",
        phone="0987654321",
        province_code="31",
        commune_code="11074",
        street_address="Số 5 đường Trần Phú",
    )


@pytest.fixture
def ready_checkout(online, address):
    """A checkout with contact, address and home delivery chosen for every producer."""

    def make(*lines):
        checkout = checkout_services.create_checkout(online, email="hoa@example.vn")
        checkout_services.add_lines(
            checkout, [(seller.variant, quantity) for seller, quantity in lines]
        )
        checkout_services.set_shipping_address(checkout, address)
        for seller, _ in lines:
            checkout_services.set_delivery(checkout, seller.producer, rate=seller.rate)
        return checkout

    return make

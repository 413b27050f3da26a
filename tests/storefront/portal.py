"""Builders for the producer portal tests: approved producers with their owner, products,
and a cash-on-delivery order placed through the real checkout."""

from itertools import count

from django.conf import settings

from catalog.gtin import check_digit
from catalog.models import AdministrativeUnit, Producer, Product, ProductGroup
from catalog.services.products import add_variant, ensure_dossier
from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.channels.services import publish_product, set_variant_price
from marketplace.checkout import services as checkout_services
from marketplace.checkout.complete import complete_checkout
from marketplace.checkout.services import AddressInput
from marketplace.shipping.models import DeliveryRate
from marketplace.warehouses.services import open_warehouse, set_stock

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "mat-khau-cong-thong-2026"
_numbers = count(1)


def gtin_for(number: int) -> str:
    body = f"893820{number:06d}"
    return body + str(check_digit(body))


def storefront_channel() -> Channel:
    channel, _ = Channel.objects.get_or_create(
        slug=settings.STOREFRONT_CHANNEL,
        defaults={"name": "Cửa hàng", "kind": "online", "payment_gateways": ["cod", "vietqr"]},
    )
    return channel


def login(client, who) -> User:
    """Sign `who` (a user, or an email for a new customer) in on the test client."""
    user = who if isinstance(who, User) else User.objects.filter(email=who).first()
    if user is None:
        user = User.objects.create_user(who, PASSWORD)
    client.force_login(user)
    return user


def english(client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def approved_producer(tag: str, *, warehouse: bool = False) -> tuple[Producer, User]:
    number = next(_numbers)
    commune = AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).first()
    producer = Producer.objects.create(
        name=f"HTX Cổng {tag} {number}",
        slug=f"htx-cong-{tag}-{number}",
        legal_form="cooperative",
        registration_number=f"0900{number:06d}",
        street_address="Thôn 3",
        commune=commune,
        email=f"htx-{tag}-{number}@example.vn",
        status="approved",
    )
    owner = User.objects.create_user(
        f"chu-{tag}-{number}@example.vn", PASSWORD, producer=producer, is_producer_owner=True
    )
    if warehouse:
        open_warehouse(producer, channel=storefront_channel())
    return producer, owner


def product_with_variant(producer, *, sku: str | None = None, gtin: str = ""):
    number = next(_numbers)
    product = Product.objects.create(
        producer=producer,
        group=ProductGroup.objects.get(code="1.4"),
        name=f"Nước mắm cổng {number}",
        slug=f"nuoc-mam-cong-{number}",
    )
    ensure_dossier(product)
    variant = add_variant(
        product, sku=sku or f"CONG-{number}", name="Chai 500 ml", gtin=gtin, unit="ml"
    )
    return product, variant


def cod_order_for(producer, *, quantity: int, price: int):
    """A cash-on-delivery order of one of the producer's products, placed at checkout."""
    channel = storefront_channel()
    product, variant = product_with_variant(producer)
    publish_product(product, channel)
    set_variant_price(variant, channel, price)
    warehouse = producer.warehouses.get()
    set_stock(warehouse, variant, 10, reason="đầu kỳ")
    rate = DeliveryRate.objects.create(
        producer=producer, channel=channel, name="Giao tận nhà", kind="flat", base_amount=30000
    )
    rate.provinces.add(AdministrativeUnit.objects.get(code="31"))
    checkout = checkout_services.create_checkout(channel, email="mua@example.vn")
    checkout_services.add_lines(checkout, [(variant, quantity)])
    checkout_services.set_shipping_address(
        checkout,
        AddressInput(
            full_name="Trần Văn Mua",
            phone="0987654321",
            province_code="31",
            commune_code="11074",
            street_address="Số 5 Trần Phú",
        ),
    )
    checkout_services.set_delivery(checkout, producer, rate=rate)
    return complete_checkout(checkout, "cod")

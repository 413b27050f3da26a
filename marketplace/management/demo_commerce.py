"""Demo commerce: the online channel, producer warehouses and stock, prices, delivery
rates, and a few past orders in each payment state. Safe to run again."""

from decimal import Decimal

from django.db import transaction

from catalog.demo.variants import demo_variant
from catalog.models import AdministrativeUnit, Producer, Product
from marketplace.channels.models import Channel
from marketplace.channels.services import publish_product, set_variant_price
from marketplace.checkout import services as checkout
from marketplace.checkout.complete import complete_checkout
from marketplace.orders import services as orders
from marketplace.orders.models import CommissionRule, Order
from marketplace.payments.reconciliation import reconcile
from marketplace.payments.refunds import refund_lines
from marketplace.shipping.models import DeliveryRate
from marketplace.warehouses.models import Stock, Warehouse
from marketplace.warehouses.services import set_stock

CUSTOMER_DOMAIN = "@khach.ocop.demo"


@transaction.atomic
def load_commerce() -> dict:
    # Saleor's sample data calls its channel "default-channel": Saleor storefronts work as is.
    online, _ = Channel.objects.update_or_create(
        slug="default-channel",
        defaults={
            "name": "Cửa hàng OCOP trực tuyến",
            "kind": "online",
            "currency": "VND",
            "payment_gateways": ["cod", "vietqr", "stripe"],
        },
    )
    hai_phong = AdministrativeUnit.objects.get(code="31", valid_to__isnull=True)
    for index, producer in enumerate(Producer.objects.order_by("slug")):
        _producer_setup(index, producer, online, hai_phong)
    for index, product in enumerate(Product.objects.order_by("pk")):
        publish_product(product, online)
        for number, variant in enumerate(product.variants.order_by("sku")):
            set_variant_price(
                variant, online, Decimal(45000 + (index * 17 + number * 40) % 30 * 5000)
            )
    orders_made = 0 if _has_demo_orders() else _past_orders(online)
    return {
        "channels": 1,
        "orders": Order.objects.filter(email__endswith=CUSTOMER_DOMAIN).count(),
        "new_orders": orders_made,
    }


def _producer_setup(index, producer, channel, province) -> None:
    warehouse, _ = Warehouse.objects.update_or_create(
        slug=f"kho-{producer.slug}",
        defaults={
            "name": f"Kho {producer.name}",
            "producer": producer,
            "street_address": producer.street_address,
            "commune": producer.commune,
        },
    )
    warehouse.channels.add(channel)
    rate, _ = DeliveryRate.objects.update_or_create(
        producer=producer,
        channel=channel,
        name="Giao hàng tận nhà",
        defaults={
            "kind": "weight" if index % 3 == 0 else "flat",
            "base_amount": Decimal(25000 if index % 3 == 0 else 30000),
            "per_kg_amount": Decimal(8000 if index % 3 == 0 else 0),
        },
    )
    rate.provinces.add(province)
    for variant in [v for product in producer.products.all() for v in product.variants.all()]:
        if not Stock.objects.filter(warehouse=warehouse, variant=variant).exists():
            set_stock(
                warehouse, variant, 20 + (variant.pk * 7) % 60, reason="Tồn kho đầu kỳ (demo)"
            )
    if index == 0:
        CommissionRule.objects.get_or_create(producer=producer, defaults={"rate": Decimal("2")})


def _has_demo_orders() -> bool:
    return Order.objects.filter(email__endswith=CUSTOMER_DOMAIN).exists()


def _checkout(channel, customer: str, picks):
    address = checkout.AddressInput(
        full_name=customer,
        phone="0987654321",
        province_code="31",
        commune_code="11074",
        street_address="Số 12 đường Nguyễn Trãi",
    )
    email = customer.lower().replace(" ", ".") + CUSTOMER_DOMAIN
    cart = checkout.create_checkout(channel, email=email)
    variants = [demo_variant(Product.objects.get(slug=slug)) for slug, _ in picks]
    checkout.add_lines(cart, [(v, qty) for v, (_, qty) in zip(variants, picks, strict=True)])
    checkout.set_shipping_address(cart, address)
    for variant in variants:
        producer = variant.product.producer
        checkout.set_delivery(cart, producer, rate=producer.delivery_rates.first())
    return cart


def _past_orders(channel) -> int:
    delivered = complete_checkout(
        _checkout(channel, "Nguyen Van Binh", [("cha-ruoi-tu-ky", 2), ("gao-nep-cai-hoa-vang", 1)]),
        "cod",
    )
    for part in delivered.producer_orders.all():
        orders.fulfil(part, tracking_code=f"VNPOST{part.pk:06d}")
        orders.mark_delivered(part)
    complete_checkout(_checkout(channel, "Tran Thi Lan", [("mat-ong-hoa-nhan-dai-son", 1)]), "cod")
    complete_checkout(
        _checkout(channel, "Le Quang Huy", [("nuoc-mam-ca-com-nguyen-giap", 2)]), "vietqr"
    )
    paid = complete_checkout(
        _checkout(channel, "Pham Thu Ha", [("tram-huong-nu-ha-ky", 1)]), "vietqr"
    )
    reconcile(
        f"reference,date,amount,note\nDEMO-FT-{paid.pk},{paid.created_at.date()},"
        f"{int(paid.total)},{paid.code} Pham Thu Ha\n".encode()
    )
    complete_checkout(
        _checkout(channel, "Do Minh Khoa", [("ruou-nep-cai-hoa-vang-cong-lac", 1)]), "stripe"
    )
    cancelled = complete_checkout(
        _checkout(channel, "Vu Thi Mai", [("banh-da-nem-ha-thanh", 3)]), "cod"
    )
    orders.cancel_order(cancelled, reason="Khách đổi ý (demo)")
    refunded = complete_checkout(_checkout(channel, "Hoang Van Nam", [("hoa-ly-tan-ky", 2)]), "cod")
    part = refunded.producer_orders.get()
    orders.fulfil(part, tracking_code="GHN-DEMO-1")
    orders.mark_delivered(part)
    line = refunded.lines.get()
    refund_lines(refunded, {line.pk: 1}, reason="Một bó hoa bị dập khi giao (demo)")
    return 7

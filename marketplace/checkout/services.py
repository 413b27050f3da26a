"""Checkout operations: every change is validated first and written all at once."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catalog.models import Producer, ProductVariant
from catalog.services.administrative_units import units_valid_on
from catalog.validators import normalise_phone
from marketplace.accounts.models import Address
from marketplace.channels.models import Channel
from marketplace.channels.services import purchasable_price
from marketplace.checkout.models import Checkout, CheckoutDelivery, CheckoutLine, DeliveryMethod
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.shipping.models import DeliveryRate
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import (
    available_quantity,
    pickup_warehouses,
)


@dataclass(frozen=True)
class AddressInput:
    full_name: str
    phone: str
    province_code: str
    commune_code: str
    street_address: str


def expires_at(checkout: Checkout):
    return checkout.last_change + timedelta(hours=settings.CHECKOUT_TTL_HOURS)


def create_checkout(channel: Channel, *, user=None, email: str = "", lines=()) -> Checkout:
    """A new checkout in `channel`, optionally with lines (all valid or none written)."""
    if not channel.is_active:
        raise CommerceError(CommerceErrorCode.CHANNEL_INACTIVE, "channel", channel=channel.name)
    with transaction.atomic():
        checkout = Checkout.objects.create(
            channel=channel, user=user, email=email or (user.email if user else "") or ""
        )
        if lines:
            add_lines(checkout, lines)
    return checkout


def _editable(checkout: Checkout) -> Checkout:
    checkout = Checkout.objects.select_for_update().select_related("channel").get(pk=checkout.pk)
    if checkout.completed_order_id:
        raise CommerceError(
            CommerceErrorCode.CHECKOUT_COMPLETED, "checkout", order=checkout.completed_order.code
        )
    if expires_at(checkout) < timezone.now():
        raise CommerceError(CommerceErrorCode.CHECKOUT_EXPIRED, "checkout")
    return checkout


def _check_quantity(checkout: Checkout, variant: ProductVariant, quantity: int) -> None:
    purchasable_price(variant, checkout.channel)
    # The producer's own warehouses for the channel, or any pickup point serving it.
    warehouses = Warehouse.objects.filter(
        Q(producer_id=variant.product.producer_id) | Q(is_pickup_point=True),
        channels=checkout.channel,
    )
    available = available_quantity(variant, warehouses)
    if quantity > available:
        raise CommerceError(
            CommerceErrorCode.INSUFFICIENT_STOCK,
            "quantity",
            available=available,
            variant=variant,
            requested=quantity,
        )


def add_lines(checkout: Checkout, lines) -> Checkout:
    """Add (variant, quantity) pairs; quantities add up with lines already there."""
    with transaction.atomic():
        checkout = _editable(checkout)
        current = {line.variant_id: line for line in checkout.lines.all()}
        for variant, quantity in lines:
            if quantity <= 0:
                raise CommerceError(
                    CommerceErrorCode.QUANTITY_NOT_POSITIVE, "quantity", quantity=quantity
                )
            line = current.get(variant.pk) or CheckoutLine(
                checkout=checkout, variant=variant, quantity=0
            )
            line.quantity += quantity
            _check_quantity(checkout, variant, line.quantity)
            line.save()
            current[variant.pk] = line
        checkout.save(update_fields=["last_change"])
    return checkout


def update_lines(checkout: Checkout, lines) -> Checkout:
    """Set quantities of lines; a quantity of 0 removes the line (as in Saleor)."""
    with transaction.atomic():
        checkout = _editable(checkout)
        for variant, quantity in lines:
            if quantity < 0:
                raise CommerceError(
                    CommerceErrorCode.QUANTITY_NOT_POSITIVE, "quantity", quantity=quantity
                )
            if quantity == 0:
                checkout.lines.filter(variant=variant).delete()
                continue
            _check_quantity(checkout, variant, quantity)
            CheckoutLine.objects.update_or_create(
                checkout=checkout, variant=variant, defaults={"quantity": quantity}
            )
        _drop_unused_deliveries(checkout)
        checkout.save(update_fields=["last_change"])
    return checkout


def delete_lines(checkout: Checkout, variants) -> Checkout:
    with transaction.atomic():
        checkout = _editable(checkout)
        checkout.lines.filter(variant__in=variants).delete()
        _drop_unused_deliveries(checkout)
        checkout.save(update_fields=["last_change"])
    return checkout


def _drop_unused_deliveries(checkout: Checkout) -> None:
    producers = checkout.lines.values("variant__product__producer")
    checkout.deliveries.exclude(producer__in=producers).delete()


def detach_customer(checkout: Checkout, user) -> Checkout:
    """The signed-in owner takes the checkout off their account (it stays usable)."""
    with transaction.atomic():
        checkout = _editable(checkout)
        if checkout.user_id is None or checkout.user_id != getattr(user, "pk", None):
            raise CommerceError(CommerceErrorCode.PERMISSION_DENIED, "checkout")
        checkout.user = None
        checkout.save(update_fields=["user", "last_change"])
    return checkout


def attach_customer(checkout: Checkout, user) -> Checkout:
    """The signed-in customer takes an anonymous checkout (or their own) onto their account;
    its e-mail becomes theirs, as in Saleor."""
    with transaction.atomic():
        checkout = _editable(checkout)
        if not getattr(user, "is_authenticated", False) or checkout.user_id not in (None, user.pk):
            raise CommerceError(CommerceErrorCode.PERMISSION_DENIED, "customer_id")
        checkout.user = user
        checkout.email = user.email or checkout.email
        checkout.save(update_fields=["user", "email", "last_change"])
    return checkout


def set_contact(checkout: Checkout, *, email: str = "", phone: str = "") -> Checkout:
    """Email and/or phone for the order; a phone number must be valid."""
    with transaction.atomic():
        checkout = _editable(checkout)
        if phone:
            try:
                phone = normalise_phone(phone)
            except ValidationError:
                raise CommerceError(CommerceErrorCode.INVALID_PHONE, "phone", phone=phone) from None
        checkout.email, checkout.phone = email.strip(), phone
        checkout.save(update_fields=["email", "phone", "last_change"])
    return checkout


def create_address(data: AddressInput, user=None) -> Address:
    """A validated address (current units, commune inside the province, valid phone)."""
    today = timezone.localdate()
    for field in ("full_name", "street_address", "province_code", "commune_code"):
        if not getattr(data, field).strip():
            raise CommerceError(CommerceErrorCode.REQUIRED, field)
    try:
        phone = normalise_phone(data.phone)
    except ValidationError:
        raise CommerceError(CommerceErrorCode.INVALID_PHONE, "phone", phone=data.phone) from None
    province = units_valid_on(today, "province").filter(code=data.province_code).first()
    commune = units_valid_on(today, "commune").filter(code=data.commune_code).first()
    if province is None:
        raise CommerceError(CommerceErrorCode.INVALID, "province_code", detail=data.province_code)
    if commune is None or commune.parent_id not in {province.pk, *_districts_of(province)}:
        raise CommerceError(CommerceErrorCode.INVALID, "commune_code", detail=data.commune_code)
    return Address.objects.create(
        user=user,
        full_name=data.full_name.strip(),
        phone=phone,
        province=province,
        commune=commune,
        street_address=data.street_address.strip(),
    )


def _districts_of(province):
    return set(province.children.filter(level="district").values_list("pk", flat=True))


def set_shipping_address(checkout: Checkout, data: AddressInput) -> Checkout:
    with transaction.atomic():
        checkout = _editable(checkout)
        checkout.shipping_address = create_address(data, checkout.user)
        checkout.save(update_fields=["shipping_address", "last_change"])
        for delivery in checkout.deliveries.filter(method=DeliveryMethod.HOME_DELIVERY):
            _check_area(delivery.rate, checkout.shipping_address, delivery.producer)
    return checkout


def set_billing_address(checkout: Checkout, data: AddressInput) -> Checkout:
    with transaction.atomic():
        checkout = _editable(checkout)
        checkout.billing_address = create_address(data, checkout.user)
        checkout.save(update_fields=["billing_address", "last_change"])
    return checkout


def _check_area(rate: DeliveryRate, address: Address | None, producer: Producer) -> None:
    if address is not None and not rate.provinces.filter(pk=address.province_id).exists():
        raise CommerceError(
            CommerceErrorCode.OUTSIDE_DELIVERY_AREA,
            "shipping_address",
            producer=producer.name,
            area=address.province.name,
        )


def delivery_options(checkout: Checkout, producer: Producer):
    """Home-delivery rates and pickup points that can serve this producer's lines."""
    rates = DeliveryRate.objects.filter(producer=producer, channel=checkout.channel, is_active=True)
    if checkout.shipping_address_id:
        rates = rates.filter(provinces=checkout.shipping_address.province_id)
    lines = checkout.lines.filter(variant__product__producer=producer)
    points = [
        warehouse
        for warehouse in pickup_warehouses(checkout.channel)
        if all(available_quantity(line.variant, [warehouse]) >= line.quantity for line in lines)
    ]
    return list(rates), points


def set_delivery(
    checkout: Checkout,
    producer: Producer,
    *,
    rate: DeliveryRate | None = None,
    pickup_warehouse: Warehouse | None = None,
) -> CheckoutDelivery:
    """Choose home delivery at `rate` or pickup at `pickup_warehouse` for one producer."""
    with transaction.atomic():
        checkout = _editable(checkout)
        lines = list(checkout.lines.filter(variant__product__producer=producer))
        if not lines or (rate is None) == (pickup_warehouse is None):
            raise CommerceError(
                CommerceErrorCode.DELIVERY_METHOD_INVALID, "delivery_method", producer=producer.name
            )
        if rate is not None:
            if rate.producer_id != producer.pk or rate.channel_id != checkout.channel_id:
                raise CommerceError(
                    CommerceErrorCode.DELIVERY_METHOD_INVALID,
                    "delivery_method",
                    producer=producer.name,
                )
            _check_area(rate, checkout.shipping_address, producer)
            method = DeliveryMethod.HOME_DELIVERY
        else:
            if not pickup_warehouses(checkout.channel).filter(pk=pickup_warehouse.pk).exists():
                raise CommerceError(
                    CommerceErrorCode.DELIVERY_METHOD_INVALID,
                    "delivery_method",
                    producer=producer.name,
                )
            for line in lines:
                if available_quantity(line.variant, [pickup_warehouse]) < line.quantity:
                    raise CommerceError(
                        CommerceErrorCode.PICKUP_WITHOUT_STOCK,
                        "delivery_method",
                        point=pickup_warehouse.name,
                        variant=line.variant,
                    )
            method = DeliveryMethod.PICKUP
        delivery, _ = CheckoutDelivery.objects.update_or_create(
            checkout=checkout,
            producer=producer,
            defaults={"method": method, "rate": rate, "pickup_warehouse": pickup_warehouse},
        )
        checkout.save(update_fields=["last_change"])
    return delivery


def delete_expired_checkouts(now=None) -> int:
    """Delete checkouts untouched past their lifetime that never became orders."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.CHECKOUT_TTL_HOURS)
    expired = Checkout.objects.filter(last_change__lt=cutoff, completed_order__isnull=True)
    _, deleted = expired.delete()
    return deleted.get("checkout.Checkout", 0)


def choose_payment(checkout: Checkout, gateway: str) -> Checkout:
    """Remember the payment method the buyer chose; checked against the channel."""
    with transaction.atomic():
        checkout = _editable(checkout)
        if gateway not in checkout.channel.payment_gateways:
            raise CommerceError(
                CommerceErrorCode.PAYMENT_METHOD_NOT_ALLOWED,
                "gateway",
                gateway=gateway,
                channel=checkout.channel.name,
            )
        checkout.payment_gateway = gateway
        checkout.save(update_fields=["payment_gateway", "last_change"])
    return checkout


def choose_delivery_for_all(
    checkout: Checkout, *, home_delivery: bool = False, pickup_warehouse: Warehouse | None = None
) -> Checkout:
    """One delivery choice for every producer in the checkout (a Saleor client picks one
    method): home delivery at each producer's cheapest rate for the address, or pickup."""
    with transaction.atomic():
        checkout = _editable(checkout)
        producers = Producer.objects.filter(
            pk__in=checkout.lines.values("variant__product__producer")
        ).order_by("pk")
        for producer in producers:
            if pickup_warehouse is not None:
                set_delivery(checkout, producer, pickup_warehouse=pickup_warehouse)
                continue
            if checkout.shipping_address_id is None:
                raise CommerceError(CommerceErrorCode.ADDRESS_REQUIRED, "shipping_address")
            rates, _points = delivery_options(checkout, producer)
            if not rates:
                raise CommerceError(
                    CommerceErrorCode.OUTSIDE_DELIVERY_AREA,
                    "shipping_address",
                    producer=producer.name,
                    area=checkout.shipping_address.province.name,
                )
            set_delivery(checkout, producer, rate=min(rates, key=lambda rate: rate.base_amount))
    return checkout

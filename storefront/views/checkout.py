"""Checkout in three short steps: address, delivery per producer, payment."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from catalog.errors import DomainError
from catalog.models import Producer
from catalog.services.administrative_units import unit_at_level, units_valid_on
from marketplace.checkout import services as checkout_services
from marketplace.checkout.complete import complete_checkout
from marketplace.checkout.models import DeliveryMethod
from marketplace.checkout.totals import compute_totals, delivery_price
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.shipping.models import DeliveryRate
from marketplace.warehouses.models import Warehouse
from storefront.forms import AddressForm
from storefront.views.cart import current_cart, error_text, forget_cart

GATEWAY_LABELS = {
    "cod": gettext_lazy("Cash on delivery (COD)"),
    "vietqr": gettext_lazy("Bank transfer by VietQR"),
    "stripe": gettext_lazy("Card (Visa, Mastercard, JCB)"),
}


def _cart_or_redirect(request):
    cart = current_cart(request)
    if cart is None or not cart.lines.exists():
        messages.info(request, _("Your cart is empty."))
        return None, redirect("shop-cart")
    return cart, None


def province_code(commune_code: str) -> str:
    """The code of the province holding a commune in force today ("" when unknown)."""
    commune = units_valid_on(timezone.localdate(), "commune").filter(code=commune_code).first()
    province = unit_at_level(commune, "province") if commune else None
    return province.code if province else ""


def _initial(cart) -> dict:
    """What the buyer typed before, or the signed-in buyer's latest saved address."""
    address = cart.shipping_address
    if address is None and cart.user_id:
        address = cart.user.addresses.select_related("commune").order_by("-pk").first()
    initial = {"email": cart.email, "phone": cart.phone}
    if address is not None:
        initial.update(
            full_name=address.full_name,
            phone=address.phone,
            street_address=address.street_address,
            commune_code=address.commune.code,
        )
    return initial


@require_http_methods(["GET", "POST"])
def address_step(request):
    cart, leave = _cart_or_redirect(request)
    if leave:
        return leave
    form = AddressForm(request.POST or None, initial=_initial(cart))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        address = checkout_services.AddressInput(
            full_name=data["full_name"],
            phone=data["phone"],
            province_code=province_code(data["commune_code"]),
            commune_code=data["commune_code"],
            street_address=data["street_address"],
        )
        try:
            with transaction.atomic():
                checkout_services.set_contact(cart, email=data["email"], phone=data["phone"])
                checkout_services.set_shipping_address(cart, address)
        except DomainError as error:
            form.add_error(_field(error, form), error_text(error))
        else:
            return redirect("shop-checkout-delivery")
    return render(request, "storefront/checkout/address.html", {"form": form, "cart": cart})


def _field(error: DomainError, form) -> str | None:
    field = {"province_code": "commune_code", "shipping_address": "commune_code"}.get(
        error.field, error.field
    )
    return field if field in form.fields else None


def _options(cart, totals) -> list[dict]:
    """Per producer: home-delivery rates with their price, then pickup points with stock."""
    chosen = {delivery.producer_id: delivery for delivery in cart.deliveries.all()}
    groups = []
    for part in totals.parts:
        rates, points = checkout_services.delivery_options(cart, part.producer)
        options = [
            {
                "value": f"rate-{rate.pk}",
                "label": rate.name,
                "price": delivery_price(rate, part.weight_grams, totals.currency),
            }
            for rate in rates
        ] + [
            {
                "value": f"pickup-{point.pk}",
                "label": _("Pick up at %(name)s") % {"name": point.name},
                "price": 0,
            }
            for point in points
        ]
        current = chosen.get(part.producer.pk)
        if current is not None:
            selected = (
                f"rate-{current.rate_id}"
                if current.method == DeliveryMethod.HOME_DELIVERY
                else f"pickup-{current.pickup_warehouse_id}"
            )
        else:
            selected = options[0]["value"] if options else ""
        for option in options:
            option["checked"] = option["value"] == selected
        groups.append({"part": part, "options": options})
    return groups


def _apply_choice(cart, producer: Producer, value: str) -> None:
    kind, _, key = value.partition("-")
    if kind == "rate" and key.isdigit():
        rate = DeliveryRate.objects.filter(pk=int(key)).first()
        if rate is not None:
            checkout_services.set_delivery(cart, producer, rate=rate)
            return
    if kind == "pickup" and key.isdigit():
        point = Warehouse.objects.filter(pk=int(key)).first()
        if point is not None:
            checkout_services.set_delivery(cart, producer, pickup_warehouse=point)
            return
    raise CommerceError(
        CommerceErrorCode.DELIVERY_METHOD_REQUIRED,
        "delivery_method",
        producer=producer.name,
    )


@require_http_methods(["GET", "POST"])
def delivery_step(request):
    cart, leave = _cart_or_redirect(request)
    if leave:
        return leave
    if cart.shipping_address_id is None:
        return redirect("shop-checkout")
    totals = compute_totals(cart)
    errors = {}
    if request.method == "POST":
        try:
            with transaction.atomic():
                for part in totals.parts:
                    _apply_choice(
                        cart, part.producer, request.POST.get(f"producer-{part.producer.pk}", "")
                    )
        except DomainError as error:
            errors["form"] = error_text(error)
        else:
            return redirect("shop-checkout-payment")
    context = {"cart": cart, "groups": _options(cart, totals), "totals": totals, "errors": errors}
    return render(request, "storefront/checkout/delivery.html", context)


@require_http_methods(["GET", "POST"])
def payment_step(request):
    cart, leave = _cart_or_redirect(request)
    if leave:
        return leave
    totals = compute_totals(cart)
    producers = {part.producer.pk for part in totals.parts}
    if producers - set(cart.deliveries.values_list("producer_id", flat=True)):
        return redirect("shop-checkout-delivery")
    gateways = [
        (code, GATEWAY_LABELS.get(code, code))
        for code in cart.channel.payment_gateways
        if code in GATEWAY_LABELS
    ]
    error = ""
    if request.method == "POST":
        gateway = request.POST.get("gateway", "")
        try:
            checkout_services.choose_payment(cart, gateway)
            order = complete_checkout(cart, gateway)
        except DomainError as failure:
            error = error_text(failure)
        else:
            forget_cart(request)
            return redirect("shop-order", token=order.token)
    context = {"cart": cart, "totals": totals, "gateways": gateways, "error": error}
    return render(request, "storefront/checkout/payment.html", context)

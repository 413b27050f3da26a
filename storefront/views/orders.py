"""The order page reached by its private link: confirmation, status, and how to pay."""

import base64

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from catalog.errors import DomainError
from marketplace.kiosk.models import KioskSale
from marketplace.orders import vat
from marketplace.orders.models import Order
from marketplace.payments import stripe_gateway, vietqr
from marketplace.payments.models import Gateway, PaymentStatus
from storefront.views.cart import error_text

OPEN = (PaymentStatus.PENDING, PaymentStatus.AWAITING_TRANSFER, PaymentStatus.FAILED)


def _order(token) -> Order:
    return get_object_or_404(
        Order.objects.select_related("channel").prefetch_related(
            "producer_orders__producer", "producer_orders__lines", "payments"
        ),
        token=token,
    )


def _payment(order: Order):
    return max(order.payments.all(), key=lambda payment: payment.pk, default=None)


def _context(order: Order) -> dict:
    payment = _payment(order)
    context = {"order": order, "payment": payment, "awaiting": payment and payment.status in OPEN}
    if payment and payment.gateway == Gateway.VIETQR and payment.vietqr_payload:
        png = vietqr.qr_png(payment.vietqr_payload, scale=6)
        context["vietqr"] = {
            "image": "data:image/png;base64," + base64.b64encode(png).decode(),
            "bank_bin": settings.VIETQR_BANK_BIN,
            "account": settings.VIETQR_ACCOUNT_NUMBER,
            "account_name": settings.VIETQR_ACCOUNT_NAME,
            "payload": payment.vietqr_payload,
        }
    if payment and payment.gateway == Gateway.STRIPE:
        context["stripe_key"] = settings.STRIPE_PUBLISHABLE_KEY
    context["kiosk_sale"] = KioskSale.objects.filter(order=order).first()
    context["vat"] = vat.order_vat(order)
    return context


@require_GET
def order_page(request, token):
    order = _order(token)
    return render(request, "storefront/order.html", _context(order))


@require_GET
def order_status(request, token):
    """The status block alone, polled by htmx while a payment is awaited."""
    order = _order(token)
    return render(request, "storefront/_order_status.html", _context(order))


@require_POST
def pay_by_card(request, token):
    """Confirm the card payment with the payment method Stripe.js made in the browser."""
    order = _order(token)
    payment = _payment(order)
    if payment is None or payment.gateway != Gateway.STRIPE:
        return JsonResponse({"error": "not a card order"}, status=400)
    try:
        result = stripe_gateway.confirm_card(payment, request.POST.get("payment_method", ""))
    except DomainError as error:
        return JsonResponse({"error": error_text(error), "code": str(error.code)}, status=400)
    return JsonResponse(result)

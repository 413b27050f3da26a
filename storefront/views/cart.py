"""The cart: a checkout of the storefront channel kept in the visitor's session."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalog.errors import DomainError
from catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.checkout import services as checkout_services
from marketplace.checkout.models import Checkout
from marketplace.checkout.totals import compute_totals
from storefront.queries import channel_slug
from storefront.views.redirects import safe_next

SESSION_KEY = "checkout"


def error_text(error: DomainError) -> str:
    """The error's message in the page's language."""
    return error.message_en if get_language() == "en" else error.message_vi


def current_cart(request) -> Checkout | None:
    """The visitor's open checkout, or None when there is none (or it is over)."""
    token = request.session.get(SESSION_KEY)
    if not token:
        return None
    found = (
        Checkout.objects.select_related("channel", "shipping_address__commune")
        .filter(token=token, completed_order__isnull=True)
        .first()
    )
    if found is None or checkout_services.expires_at(found) < timezone.now():
        forget_cart(request)
        return None
    return found


def forget_cart(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session["cart_count"] = 0


def remember_count(request, cart: Checkout) -> None:
    request.session["cart_count"] = sum(line.quantity for line in cart.lines.all())


def _variant(request) -> ProductVariant | None:
    try:
        return ProductVariant.objects.select_related("product").get(pk=int(request.POST["variant"]))
    except (KeyError, ValueError, ProductVariant.DoesNotExist):
        return None


def _quantity(request) -> int | None:
    try:
        return int(request.POST.get("quantity", "1"))
    except ValueError:
        return None


def _back(request, fallback: str):
    return safe_next(request, fallback)


@require_POST
def add(request):
    variant, quantity = _variant(request), _quantity(request)
    if variant is None or quantity is None:
        messages.error(request, _("Choose a product and a whole number of items."))
        return _back(request, "shop-cart")
    cart = current_cart(request)
    try:
        if cart is None:
            channel = Channel.objects.get(slug=channel_slug())
            user = request.user if request.user.is_authenticated else None
            cart = checkout_services.create_checkout(
                channel, user=user, lines=[(variant, quantity)]
            )
            request.session[SESSION_KEY] = str(cart.token)
        else:
            checkout_services.add_lines(cart, [(variant, quantity)])
    except DomainError as error:
        messages.error(request, error_text(error))
        return _back(request, "shop-cart")
    remember_count(request, cart)
    messages.success(
        request,
        _("Added %(count)s × %(name)s to your cart.") % {"count": quantity, "name": variant},
    )
    if request.POST.get("buy_now"):  # the product page's buy bar goes on to the cart
        return redirect("shop-cart")
    return _back(request, "shop-cart")


@require_POST
def update(request):
    cart = current_cart(request)
    variant, quantity = _variant(request), _quantity(request)
    if cart is None:
        return redirect("shop-cart")
    if variant is None or quantity is None or quantity < 0:
        messages.error(request, _("Enter a whole number of items (0 removes the line)."))
        return redirect("shop-cart")
    try:
        checkout_services.update_lines(cart, [(variant, quantity)])
    except DomainError as error:
        messages.error(request, error_text(error))
    else:
        if quantity == 0:
            messages.success(request, _("Removed %(name)s from your cart.") % {"name": variant})
    remember_count(request, cart)
    return redirect("shop-cart")


@require_GET
def cart_page(request):
    cart = current_cart(request)
    totals = compute_totals(cart) if cart is not None and cart.lines.exists() else None
    return render(request, "storefront/cart.html", {"cart": cart, "totals": totals})

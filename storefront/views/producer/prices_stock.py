"""Saving a variant's price in a channel and its counted stock in a warehouse. A refused
value stays in its field with the reason beside it (HTTP 400); a saved one is confirmed
beside its field, where the page opens again."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.channels.services import set_variant_price
from marketplace.errors import CommerceError
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import set_stock
from storefront.producer_forms import PriceForm, StockForm
from storefront.views.producer.errors import message
from storefront.views.producer.products import product_context
from storefront.views.producer.scope import get_owned, portal_view
from storefront.views.producer.variant_rows import price_key, stock_key


@require_POST
@portal_view
def variant_price(request, producer, variant_id, channel_id):
    variant = get_owned(ProductVariant, producer, pk=variant_id)
    channel = _active_channel(channel_id)
    key = price_key(variant.pk, channel.pk)
    form = PriceForm(request.POST)
    errors = _field_errors(form)
    if not errors:
        try:
            set_variant_price(variant, channel, form.cleaned_data["price"])
        except CommerceError as error:
            errors = {"price": message(error)}
    if errors:
        typed = {key: {"value": request.POST.get("price", ""), "errors": errors}}
        return _refused(request, producer, variant, typed)
    messages.success(request, _("Price saved."))
    return _saved(variant, key)


@require_POST
@portal_view
def variant_stock(request, producer, variant_id, warehouse_id):
    variant = get_owned(ProductVariant, producer, pk=variant_id)
    warehouse = get_owned(Warehouse, producer, pk=warehouse_id)
    key = stock_key(variant.pk, warehouse.pk)
    form = StockForm(request.POST)
    errors = _field_errors(form)
    if not errors:
        try:
            set_stock(
                warehouse,
                variant,
                form.cleaned_data["quantity"],
                reason=form.cleaned_data["reason"],
                user=request.user,
            )
        except CommerceError as error:
            errors = {"quantity": message(error)}
    if errors:
        typed = {
            key: {
                "value": request.POST.get("quantity", ""),
                "reason": request.POST.get("reason", ""),
                "errors": errors,
            }
        }
        return _refused(request, producer, variant, typed)
    messages.success(request, _("Stock saved."))
    return _saved(variant, key)


def _active_channel(channel_id) -> Channel:
    return get_object_or_404(Channel, is_active=True, pk=channel_id)


def _field_errors(form) -> dict:
    if form.is_valid():
        return {}
    return {name: " ".join(errors) for name, errors in form.errors.items()}


def _refused(request, producer, variant, typed):
    context = product_context(producer, variant.product, typed=typed)
    return render(request, "storefront/producer/product.html", context, status=400)


def _saved(variant, key):
    url = reverse("producer-product", args=[variant.product_id])
    return HttpResponseRedirect(f"{url}?saved={key}#{key}")

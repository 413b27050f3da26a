"""The producer's sub-orders (new, to pack, shipped, delivered, cancelled), their actions,
and the money: sales summary and settlement for a period."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.errors import CommerceError
from marketplace.orders import services as orders
from marketplace.orders.models import OrderLine, OrderStatus, ProducerOrder, ProducerOrderStatus
from marketplace.orders.settlement import settlement, settlement_bounds, settlement_csv
from storefront.producer_forms import CancelForm, PeriodForm, ShipForm
from storefront.views.producer.errors import message
from storefront.views.producer.scope import get_owned, owned, portal_view

UNFULFILLED = Q(status=ProducerOrderStatus.UNFULFILLED)
UNPAID = Q(order__status=OrderStatus.UNCONFIRMED)
# The tabs of the order list: what the producer has to do next.
TABS = {
    "new": (
        gettext_lazy("New, awaiting payment"),
        UNFULFILLED & Q(order__status=OrderStatus.UNCONFIRMED),
    ),
    "to_pack": (gettext_lazy("To pack"), UNFULFILLED & ~Q(order__status=OrderStatus.UNCONFIRMED)),
    "shipped": (gettext_lazy("Shipped"), Q(status=ProducerOrderStatus.FULFILLED)),
    "delivered": (gettext_lazy("Delivered"), Q(status=ProducerOrderStatus.DELIVERED)),
    "cancelled": (gettext_lazy("Cancelled"), Q(status=ProducerOrderStatus.CANCELLED)),
}


@portal_view
def order_list(request, producer):
    tab = request.GET.get("tab", "to_pack")
    if tab not in TABS:
        tab = "to_pack"
    parts = owned(ProducerOrder, producer)
    counts = {name: parts.filter(condition).count() for name, (_, condition) in TABS.items()}
    chosen = parts.filter(TABS[tab][1]).select_related("order").order_by("-order__created_at")
    context = {
        "tabs": [(name, label, counts[name]) for name, (label, _) in TABS.items()],
        "tab": tab,
        "page": Paginator(chosen, 20).get_page(request.GET.get("page")),
    }
    return render(request, "storefront/producer/orders.html", context)


@portal_view
def order_detail(request, producer, part_id):
    part = get_owned(ProducerOrder, producer, pk=part_id)
    return _order_page(request, part)


def _order_page(request, part, ship_form=None, cancel_form=None, status=200):
    context = {
        "part": part,
        "order": part.order,
        "lines": part.lines.order_by("pk"),
        "is_cod": part.order.payments.filter(gateway="cod").exists(),
        "ship_form": ship_form or ShipForm(),
        "cancel_form": cancel_form or CancelForm(),
    }
    return render(request, "storefront/producer/order.html", context, status=status)


@require_POST
@portal_view
def order_ship(request, producer, part_id):
    part = get_owned(ProducerOrder, producer, pk=part_id)
    form = ShipForm(request.POST)
    if not form.is_valid():
        return _order_page(request, part, ship_form=form, status=400)
    return _act(
        request,
        part,
        lambda: orders.fulfil(
            part, tracking_code=form.cleaned_data["tracking_code"], user=request.user
        ),
        _("Marked as shipped."),
    )


@require_POST
@portal_view
def order_delivered(request, producer, part_id):
    part = get_owned(ProducerOrder, producer, pk=part_id)
    return _act(
        request,
        part,
        lambda: orders.mark_delivered(part, user=request.user),
        _("Marked as delivered; cash on delivery is recorded as paid."),
    )


@require_POST
@portal_view
def order_cancel(request, producer, part_id):
    part = get_owned(ProducerOrder, producer, pk=part_id)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _order_page(request, part, cancel_form=form, status=400)
    return _act(
        request,
        part,
        lambda: orders.cancel_producer_order(
            part, reason=form.cleaned_data["reason"], user=request.user
        ),
        _("Cancelled; the stock is released."),
    )


def _act(request, part, action, done: str):
    try:
        action()
    except CommerceError as error:
        messages.error(request, message(error))
    else:
        messages.success(request, done)
    return redirect("producer-order", part.pk)


def sales_by_product(producer, start: date, end: date) -> list[dict]:
    """Quantities and amounts of the producer's goods in orders paid in the period."""
    since, until = settlement_bounds(start, end)
    return list(
        OrderLine.objects.filter(
            producer_order__producer=producer, order__paid_at__gte=since, order__paid_at__lt=until
        )
        .values("product_name", "variant_name", "sku")
        .annotate(quantity=Sum("quantity"), gross=Sum("total"))
        .order_by("-gross")
    )


@portal_view
def money(request, producer):
    today = timezone.localdate()
    initial = {"start": date(today.year, today.month, 1), "end": today}
    form = PeriodForm(request.GET or initial)
    rows, period, sold = [], None, []
    if form.is_valid():
        period = (form.cleaned_data["start"], form.cleaned_data["end"])
        rows = settlement(*period, producer_id=producer.pk)
        sold = sales_by_product(producer, *period)
        if request.GET.get("format") == "csv":
            response = HttpResponse(
                "\ufeff" + settlement_csv(rows), content_type="text/csv; charset=utf-8"
            )
            name = f"doi-soat-{producer.slug}-{period[0]}-{period[1]}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
    context = {"form": form, "rows": rows, "period": period, "sold": sold}
    return render(
        request, "storefront/producer/money.html", context, status=200 if form.is_valid() else 400
    )

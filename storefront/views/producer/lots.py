"""Lots: their diary, the stamps issued for them, and their recall."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.errors import CatalogError
from catalog.models import ProductVariant
from storefront.producer_forms import EventForm, LotForm, RecallForm, StampRequestForm
from storefront.views.producer.errors import show_error
from storefront.views.producer.scope import get_owned, owned, portal_view
from traceability.errors import TraceError
from traceability.models import Lot, LotStatus, StampStatus
from traceability.services.lots import create_lot, recall_lot, record_event, scans_after_recall
from traceability.services.printing import request_sheet
from traceability.services.stamps import issue_for_producer

RECALLABLE = (LotStatus.ACTIVE, LotStatus.EXHAUSTED)


def _variants(producer):
    return owned(ProductVariant, producer).filter(gtin__isnull=False).select_related("product")


@portal_view
def lot_list(request, producer):
    lots = (
        owned(Lot, producer)
        .select_related("variant__product")
        .annotate(stamps=Sum("batches__count"))
        .order_by("-production_date", "code")
    )
    page = Paginator(lots, 20).get_page(request.GET.get("page"))
    return render(request, "storefront/producer/lots.html", {"page": page})


@portal_view
def lot_new(request, producer):
    form = LotForm(request.POST or None, variants=_variants(producer))
    if request.method == "POST" and form.is_valid():
        try:
            lot = create_lot(**form.cleaned_data)
        except TraceError as error:
            show_error(form, error)
        else:
            messages.success(request, _("Lot recorded with its harvest or production event."))
            return redirect("producer-lot", lot.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "has_gtin": _variants(producer).exists()}
    return render(request, "storefront/producer/lot_new.html", context, status=status)


@portal_view
def lot_detail(request, producer, lot_id):
    return _lot_page(request, get_owned(Lot, producer, pk=lot_id))


def _lot_page(request, lot, event_form=None, stamp_form=None, recall_form=None):
    batches = lot.batches.annotate(
        voided=Count("stamps", filter=Q(stamps__status=StampStatus.VOIDED)),
        scans=Sum("stamps__scan_count"),
    ).order_by("-issued_at")
    after_recall = scans_after_recall(lot).select_related("stamp").order_by("-scanned_at")
    context = {
        "lot": lot,
        "events": lot.events.order_by("event_time"),
        "batches": batches,
        "event_form": event_form or EventForm(),
        "stamp_form": stamp_form or StampRequestForm(),
        "recall_form": recall_form or RecallForm(),
        "can_recall": lot.status in RECALLABLE,
        "after_recall": Paginator(after_recall, 25).get_page(request.GET.get("page")),
    }
    status = 400 if (event_form or stamp_form or recall_form) else 200
    return render(request, "storefront/producer/lot.html", context, status=status)


@require_POST
@portal_view
def lot_event(request, producer, lot_id):
    lot = get_owned(Lot, producer, pk=lot_id)
    form = EventForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                event = record_event(
                    lot,
                    data["step"],
                    at=data["at"],
                    read_point=data["location"],
                    location=data["location"],
                    description=data["description"],
                    evidence=data["evidence"],
                )
        except (TraceError, CatalogError) as error:
            show_error(form, error)
        else:
            messages.success(
                request, _("Recorded: %(step)s.") % {"step": event.get_business_step_display()}
            )
            return redirect("producer-lot", lot.pk)
    return _lot_page(request, lot, event_form=form)


@require_POST
@portal_view
def stamps_issue(request, producer, lot_id):
    lot = get_owned(Lot, producer, pk=lot_id)
    form = StampRequestForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                batch = issue_for_producer(lot, form.cleaned_data["count"], user=request.user)
                request_sheet(batch)
        except TraceError as error:
            show_error(form, error)
        else:
            messages.success(
                request,
                _("%(count)s stamps issued; the printable sheets are being prepared.")
                % {"count": batch.count},
            )
            return redirect("producer-batch", batch.pk)
    return _lot_page(request, lot, stamp_form=form)


@require_POST
@portal_view
def lot_recall(request, producer, lot_id):
    """The producer recalls its own lot: from now on every stamp of it warns on scan."""
    lot = get_owned(Lot, producer, pk=lot_id)
    form = RecallForm(request.POST)
    if form.is_valid():
        try:
            lot = recall_lot(lot, reason=form.cleaned_data["reason"])
        except TraceError as error:
            show_error(form, error)
        else:
            messages.warning(
                request,
                _("Lot %(lot)s recalled: every stamp of it now warns buyers.") % {"lot": lot.code},
            )
            return redirect("producer-lot", lot.pk)
    return _lot_page(request, lot, recall_form=form)

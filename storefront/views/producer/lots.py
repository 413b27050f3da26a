"""Lots and their diary, stamp batches, printable sheets, voiding, scans and flags."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.errors import CatalogError
from catalog.models import ProductVariant
from storefront.producer_forms import EventForm, LotForm, StampRequestForm, VoidForm
from storefront.views.producer.errors import message, show_error
from storefront.views.producer.scope import get_owned, owned, portal_view
from traceability.errors import TraceError
from traceability.models import CounterfeitFlag, Lot, Scan, StampBatch, StampStatus
from traceability.services.lots import create_lot, record_event
from traceability.services.printing import request_sheet
from traceability.services.stamps import issue_for_producer, void_batch, void_range


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


def _lot_page(request, lot, event_form=None, stamp_form=None):
    batches = lot.batches.annotate(
        voided=Count("stamps", filter=Q(stamps__status=StampStatus.VOIDED)),
        scans=Sum("stamps__scan_count"),
    ).order_by("-issued_at")
    context = {
        "lot": lot,
        "events": lot.events.order_by("event_time"),
        "batches": batches,
        "event_form": event_form or EventForm(),
        "stamp_form": stamp_form or StampRequestForm(),
    }
    status = 400 if (event_form or stamp_form) else 200
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


@portal_view
def batch_detail(request, producer, batch_id):
    return _batch_page(request, get_owned(StampBatch, producer, pk=batch_id))


def _batch_page(request, batch, void_form=None):
    stamps = batch.stamps.order_by("pk")
    scans = Scan.objects.filter(stamp__batch=batch).select_related("stamp").order_by("-scanned_at")
    context = {
        "batch": batch,
        "counts": stamps.aggregate(
            issued=Count("pk"),
            voided=Count("pk", filter=Q(status=StampStatus.VOIDED)),
            activated=Count("pk", filter=Q(status=StampStatus.ACTIVATED)),
            scanned=Count("pk", filter=Q(scan_count__gt=0)),
        ),
        "scans": Paginator(scans, 25).get_page(request.GET.get("page")),
        "flags": CounterfeitFlag.objects.filter(stamp__batch=batch).select_related("stamp"),
        "void_form": void_form or VoidForm(),
        "sheet_ready": bool(batch.sheet)
        and batch.sheet_stamps == stamps.exclude(status=StampStatus.VOIDED).count(),
    }
    return render(
        request, "storefront/producer/batch.html", context, status=400 if void_form else 200
    )


@portal_view
def batch_pdf(request, producer, batch_id):
    """The printable sheets when ready; otherwise ask for them and show the progress page
    (it reloads itself until the file is there)."""
    batch = get_owned(StampBatch, producer, pk=batch_id)
    printable = batch.stamps.exclude(status=StampStatus.VOIDED).count()
    if batch.sheet and batch.sheet_stamps == printable:
        filename = f"tem-{batch.lot.code}-{batch.pk}.pdf"
        return FileResponse(batch.sheet.open("rb"), as_attachment=True, filename=filename)
    if request.GET.get("asked") != "1":
        request_sheet(batch)
    return render(request, "storefront/producer/batch_printing.html", {"batch": batch})


@require_POST
@portal_view
def batch_void(request, producer, batch_id):
    batch = get_owned(StampBatch, producer, pk=batch_id)
    form = VoidForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch, void_form=form)
    first, last = form.cleaned_data["first"], form.cleaned_data["last"]
    try:
        if first is None and last is None:
            count = void_batch(batch)
        else:
            count = void_range(batch, first or 1, last or batch.count)
    except TraceError as error:
        form.add_error(None, message(error))
        return _batch_page(request, batch, void_form=form)
    messages.success(request, _("%(count)s stamps voided.") % {"count": count})
    return redirect("producer-batch", batch.pk)

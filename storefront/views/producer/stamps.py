"""Stamp batches of a lot: counts, printable sheets, voiding, scans and flags."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from storefront.producer_forms import AppliedForm, VoidForm
from storefront.views.producer.errors import message
from storefront.views.producer.scope import get_owned, portal_view
from traceability.errors import TraceError
from traceability.models import CounterfeitFlag, Scan, StampBatch, StampStatus
from traceability.services.printing import request_sheet
from traceability.services.stamps import mark_applied, void_batch, void_range


@portal_view
def batch_detail(request, producer, batch_id):
    return _batch_page(request, get_owned(StampBatch, producer, pk=batch_id))


def _batch_page(request, batch, void_form=None, applied_form=None):
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
        "applied_form": applied_form or AppliedForm(),
        "sheet_ready": bool(batch.sheet)
        and batch.sheet_stamps == stamps.exclude(status=StampStatus.VOIDED).count(),
    }
    status = 400 if (void_form or applied_form) else 200
    return render(request, "storefront/producer/batch.html", context, status=status)


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


@require_POST
@portal_view
def batch_applied(request, producer, batch_id):
    """Stamps stuck on goods (or sold): counted as "sold or applied"."""
    batch = get_owned(StampBatch, producer, pk=batch_id)
    form = AppliedForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch, applied_form=form)
    try:
        count = mark_applied(batch, form.cleaned_data["first"], form.cleaned_data["last"])
    except TraceError as error:
        form.add_error(None, message(error))
        return _batch_page(request, batch, applied_form=form)
    messages.success(request, _("%(count)s stamps marked as applied.") % {"count": count})
    return redirect("producer-batch", batch.pk)

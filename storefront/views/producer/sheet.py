"""Bulk import of products and variants from CSV or XLSX (preview, then all or nothing),
and export in the same format."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.channels import product_sheet
from marketplace.channels.models import ProductSheetImport
from marketplace.errors import CommerceError
from storefront.producer_forms import SheetImportForm
from storefront.views.producer.errors import message, show_error
from storefront.views.producer.scope import get_owned, owned, portal_view

MAX_BYTES = 5 * 1024 * 1024


@portal_view
def upload(request, producer):
    form = SheetImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            try:
                sheet = product_sheet.preview(
                    producer, upload.read(), upload.name, user=request.user
                )
            except CommerceError as error:
                show_error(form, error)
            else:
                return redirect("producer-import-preview", sheet.pk)
    context = {
        "form": form,
        "recent": owned(ProductSheetImport, producer).order_by("-created_at")[:10],
        "columns": product_sheet.HEADER,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "storefront/producer/import.html", context, status=status)


@portal_view
def preview(request, producer, sheet_id):
    sheet = get_owned(ProductSheetImport, producer, pk=sheet_id)
    status = 200
    if request.method == "POST":
        try:
            count = product_sheet.confirm(sheet, user=request.user)
        except CommerceError as error:
            messages.error(request, message(error))
            status = 400
        else:
            messages.success(request, _("%(count)s rows imported.") % {"count": count})
            return redirect("producer-products")
    context = {"sheet": sheet, "columns": product_sheet.HEADER}
    return render(request, "storefront/producer/import_preview.html", context, status=status)


@portal_view
def export(request, producer, kind):
    if kind not in {"csv", "xlsx"}:
        kind = "csv"
    content_types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = HttpResponse(product_sheet.export(producer, kind), content_type=content_types[kind])
    response["Content-Disposition"] = f'attachment; filename="san-pham-{producer.slug}.{kind}"'
    return response

"""Import sales made outside the shop: upload, preview with row errors, then confirm."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from program.errors import ProgramError
from program.models import LedgerImport
from program.services import imports
from storefront.program_forms import ImportForm
from storefront.views.cart import error_text

PREVIEW_ROWS = 200


def _importer(user):
    """(may import, producer the imports are scoped to): staff import for anyone."""
    if user.has_perm("program.add_ledgerimport"):
        return True, None
    if user.producer_id:
        return True, user.producer
    return False, None


def _imports_of(user):
    allowed, producer = _importer(user)
    if not allowed:
        raise PermissionDenied
    found = LedgerImport.objects.all()
    return found.filter(producer=producer) if producer else found


@login_required
def upload(request):
    recent = _imports_of(request.user)
    _, producer = _importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            found = imports.preview(
                upload.read(), upload.name, user=request.user, producer=producer
            )
        except ProgramError as error:
            form.add_error("file", error_text(error))
        else:
            return redirect("program-import-preview", pk=found.pk)
    context = {"form": form, "recent": recent.select_related("uploaded_by")[:20]}
    return render(request, "storefront/program/import.html", context, status=_status(form))


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@login_required
def preview(request, pk: int):
    found = get_object_or_404(_imports_of(request.user), pk=pk)
    context = {
        "found": found,
        "rows": found.rows[:PREVIEW_ROWS],
        "more_rows": max(len(found.rows) - PREVIEW_ROWS, 0),
        "row_count": len(found.rows) + len({error["row"] for error in found.errors}),
    }
    return render(request, "storefront/program/import_preview.html", context)


@login_required
@require_POST
def confirm(request, pk: int):
    found = get_object_or_404(_imports_of(request.user), pk=pk)
    try:
        entries = imports.confirm(found)
    except ProgramError as error:
        messages.error(request, error_text(error))
        return redirect("program-import-preview", pk=found.pk)
    messages.success(
        request, _("%(count)d sales were added to the ledger.") % {"count": len(entries)}
    )
    return redirect("program-import-preview", pk=found.pk)

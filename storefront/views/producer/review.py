"""Programme staff review producer applications: documents, then approve or reject."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from catalog.errors import CatalogError
from catalog.models import Producer, ProducerDocument, ProducerStatus
from catalog.services import producers
from storefront.producer_forms import ReviewForm
from storefront.views.producer.errors import show_error
from storefront.views.producer.scope import staff_view


@staff_view
def applications(request):
    status = request.GET.get("status", ProducerStatus.APPLIED)
    if status not in ProducerStatus.values:
        status = ProducerStatus.APPLIED
    found = Producer.objects.filter(status=status).select_related("commune").order_by("created_at")
    context = {
        "page": Paginator(found, 20).get_page(request.GET.get("page")),
        "status": status,
        "statuses": ProducerStatus.choices,
    }
    return render(request, "storefront/producer/applications.html", context)


@staff_view
def application(request, producer_id):
    producer = get_object_or_404(Producer.objects.select_related("commune"), pk=producer_id)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                producers.approve(producer, reviewer=request.user)
                messages.success(request, _("Approved; the applicant was emailed."))
            else:
                producers.reject(
                    producer, reason=form.cleaned_data["reason"], reviewer=request.user
                )
                messages.success(request, _("Rejected; the applicant was emailed the reason."))
        except CatalogError as error:
            show_error(form, error)
        else:
            return redirect("producer-applications")
    context = {
        "producer": producer,
        "docs": producer.documents.order_by("kind"),
        "users": producer.staff_users.order_by("email"),
        "form": form,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "storefront/producer/application.html", context, status=status)


@staff_view
def document(request, document_id):
    record = get_object_or_404(ProducerDocument, pk=document_id)
    return FileResponse(record.file.open("rb"), as_attachment=True)

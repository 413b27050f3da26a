"""The portal's home, the application to sell, and the producer's team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalog.errors import CatalogError
from catalog.models import ProducerDocument, ProducerStatus
from catalog.services import producers
from catalog.services.documents import document_kind
from marketplace.accounts import producer_staff
from marketplace.accounts.models import ProducerInvitation, User
from marketplace.errors import CommerceError
from marketplace.orders.models import OrderStatus, ProducerOrder, ProducerOrderStatus
from storefront.producer_forms import ApplicationForm, InviteForm
from storefront.views.producer.errors import show_error
from storefront.views.producer.scope import get_owned, owned, portal_view
from traceability.models import CounterfeitFlag


@login_required
def home(request):
    producer = request.user.producer
    if producer is None:
        return render(request, "storefront/producer/welcome.html")
    if producer.status != ProducerStatus.APPROVED:
        documents = producer.documents.order_by("kind")
        return render(
            request, "storefront/producer/status.html", {"producer": producer, "docs": documents}
        )
    open_orders = owned(ProducerOrder, producer).filter(status=ProducerOrderStatus.UNFULFILLED)
    context = {
        "producer": producer,
        "to_pack": open_orders.exclude(order__status=OrderStatus.UNCONFIRMED).count(),
        "awaiting_payment": open_orders.filter(order__status=OrderStatus.UNCONFIRMED).count(),
        "products": producer.products.filter(is_archived=False).count(),
        "flags": CounterfeitFlag.objects.filter(
            stamp__batch__lot__variant__product__producer=producer, is_resolved=False
        ).count(),
    }
    return render(request, "storefront/producer/home.html", context)


@login_required
def apply(request):
    if request.user.producer_id:
        return redirect("producer-home")
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        documents = [
            (kind, data[kind]) for kind in ("business_registration", "food_safety_certificate")
        ]
        try:
            for kind, upload in documents:
                _check_document(form, kind, upload)
            application = producers.Application(
                **{name: data[name] for name in producers.Application.__dataclass_fields__}
            )
            producer_staff.apply_as_owner(request.user, application, documents)
        except (CatalogError, CommerceError) as error:
            show_error(form, error)
        else:
            messages.success(request, _("Your application was sent. We will email you."))
            return redirect("producer-home")
    return render(request, "storefront/producer/apply.html", {"form": form}, status=_status(form))


def _check_document(form, field: str, upload) -> None:
    try:
        document_kind(upload)
    except CatalogError as error:
        error.field = field
        raise


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@require_POST
@portal_view(owner=True, approved=False)
def reapply(request, producer):
    try:
        producers.reapply(producer)
    except CatalogError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application was sent again."))
    return redirect("producer-home")


@portal_view(owner=True)
def team(request, producer):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            producer_staff.invite(
                producer,
                form.cleaned_data["email"],
                invited_by=request.user,
                link_for=lambda token: request.build_absolute_uri(
                    reverse("producer-join", args=[token])
                ),
            )
        except CommerceError as error:
            show_error(form, error)
        else:
            messages.success(request, _("The invitation was emailed."))
            return redirect("producer-team")
    context = {
        "form": form,
        "members": owned(User, producer).order_by("-is_producer_owner", "email"),
        "invitations": owned(ProducerInvitation, producer).filter(
            Q(accepted_at__isnull=True) & Q(revoked_at__isnull=True)
        ),
    }
    return render(request, "storefront/producer/team.html", context, status=_status(form))


@require_POST
@portal_view(owner=True)
def remove_member(request, producer, user_id):
    member = get_owned(User, producer, pk=user_id)
    try:
        producer_staff.remove_member(request.user, member)
    except CommerceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(who)s no longer works for this producer.") % {"who": member})
    return redirect("producer-team")


@require_POST
@portal_view(owner=True)
def revoke_invitation(request, producer, invitation_id):
    producer_staff.revoke(get_owned(ProducerInvitation, producer, pk=invitation_id))
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("producer-team")


@login_required
def join(request, token):
    invitation = producer_staff.pending(token)
    if request.method == "POST" and invitation is not None:
        try:
            producer_staff.accept(token, request.user)
        except CommerceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("You now work for %(producer)s.") % {"producer": invitation.producer.name},
            )
            return redirect("producer-home")
    status = 200 if invitation else 404
    return render(
        request, "storefront/producer/join.html", {"invitation": invitation}, status=status
    )


@portal_view(approved=False)
def own_document(request, producer, document_id):
    record = get_owned(ProducerDocument, producer, pk=document_id)
    return FileResponse(record.file.open("rb"), as_attachment=True)

"""Producer onboarding: an application with its documents, reviewed by programme staff,
who approve it or reject it with a reason; the applicant is told by email."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import Producer, ProducerDocument, ProducerStatus
from catalog.services.slugs import free_slug


@dataclass
class Application:
    name: str
    legal_form: str
    registration_number: str
    street_address: str
    commune: object
    contact_name: str
    phone: str
    email: str
    bank_bin: str = ""
    bank_account: str = ""
    bank_account_name: str = ""


def apply(application: Application, documents: list[tuple[str, object]]) -> Producer:
    """Record an application (status "applied") with its documents, in one transaction.
    `documents` are (kind, uploaded file) pairs."""
    kinds = {kind for kind, _ in documents}
    for required in ProducerDocument.REQUIRED_KINDS:
        if required not in kinds:
            raise CatalogError(CatalogErrorCode.REQUIRED, required)
    with transaction.atomic():
        producer = Producer.objects.create(
            slug=free_slug(Producer, application.name, "chu-the"),
            status=ProducerStatus.APPLIED,
            **{key: value for key, value in vars(application).items()},
        )
        for kind, upload in documents:
            ProducerDocument.objects.create(producer=producer, kind=kind, file=upload)
    return producer


def reapply(producer: Producer) -> Producer:
    """A rejected applicant asks again after fixing what the reason said."""
    return _review(producer, ProducerStatus.APPLIED, note="", reviewer=None, notify=False)


def approve(producer: Producer, *, reviewer) -> Producer:
    """The producer may sell: its staff can list products and take orders."""
    return _review(producer, ProducerStatus.APPROVED, note="", reviewer=reviewer)


def reject(producer: Producer, *, reason: str, reviewer) -> Producer:
    """Refuse the application; the reason is shown to the applicant and emailed."""
    if not reason.strip():
        raise CatalogError(CatalogErrorCode.REQUIRED, "reason")
    return _review(producer, ProducerStatus.REJECTED, note=reason.strip(), reviewer=reviewer)


ALLOWED = {
    ProducerStatus.APPROVED: {ProducerStatus.APPLIED, ProducerStatus.SUSPENDED},
    ProducerStatus.REJECTED: {ProducerStatus.APPLIED},
    ProducerStatus.APPLIED: {ProducerStatus.REJECTED},
}


def _review(producer: Producer, status: str, *, note: str, reviewer, notify=True) -> Producer:
    with transaction.atomic():
        producer = Producer.objects.select_for_update().get(pk=producer.pk)
        if producer.status not in ALLOWED[status]:
            raise CatalogError(
                CatalogErrorCode.INVALID_PRODUCER_STATUS,
                "status",
                status=producer.get_status_display(),
            )
        producer.status = status
        producer.review_note = note
        producer.reviewed_at = timezone.now() if reviewer else None
        producer.reviewed_by = reviewer
        producer.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by"])
        if notify:
            transaction.on_commit(lambda: notify_applicant(producer.pk), robust=True)
    return producer


SUBJECTS = {
    ProducerStatus.APPROVED: "Hồ sơ chủ thể OCOP đã được duyệt / Producer application approved",
    ProducerStatus.REJECTED: "Hồ sơ chủ thể OCOP chưa được duyệt / Producer application rejected",
}


def notify_applicant(producer_id: int) -> int:
    """Email the producer's contact and users about the review's outcome."""
    producer = Producer.objects.get(pk=producer_id)
    recipients = {producer.email} | set(
        producer.staff_users.exclude(email=None).values_list("email", flat=True)
    )
    recipients.discard("")
    if not recipients or producer.status not in SUBJECTS:
        return 0
    if producer.status == ProducerStatus.APPROVED:
        body = (
            f"Hồ sơ của {producer.name} đã được duyệt. Bạn có thể đăng sản phẩm tại "
            f"{settings.TRACE_BASE_URL}/producer/.\n\n"
            f"The application of {producer.name} is approved. You can list products at "
            f"{settings.TRACE_BASE_URL}/producer/."
        )
    else:
        body = (
            f"Hồ sơ của {producer.name} chưa được duyệt. Lý do: {producer.review_note}\n"
            f"Bạn có thể sửa và gửi lại tại {settings.TRACE_BASE_URL}/producer/.\n\n"
            f"The application of {producer.name} was not approved. Reason: "
            f"{producer.review_note}\nYou can correct it and apply again at "
            f"{settings.TRACE_BASE_URL}/producer/."
        )
    return send_mail(SUBJECTS[producer.status], body, None, sorted(recipients))

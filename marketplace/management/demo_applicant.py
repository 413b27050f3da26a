"""Demo-only: an application to sell waiting for the programme office's review."""

from django.core.files.base import ContentFile

from catalog.models import AdministrativeUnit, Producer, ProducerDocument, ProducerStatus
from marketplace.accounts.models import User

APPLICANT_LOGIN = ("ungvien@ocop.demo", "demo-ungvien-2026")
# A one-page PDF, enough for the reviewer's download link to open.
DOCUMENT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def load_applicant() -> tuple[str, str, str]:
    """HTX Nông sản Hà Thanh has applied with its two documents (illustrative)."""
    producer, created = Producer.objects.get_or_create(
        slug="htx-nong-san-ha-thanh",
        defaults={
            "name": "HTX Nông sản Hà Thanh",
            "legal_form": "cooperative",
            "registration_number": "0801777666",
            "street_address": "Thôn Hà Thanh",
            "commune": AdministrativeUnit.objects.filter(level="commune").order_by("code").last(),
            "contact_name": "Lê Thị Thanh",
            "phone": "0912777666",
            "email": APPLICANT_LOGIN[0],
            "status": ProducerStatus.APPLIED,
        },
    )
    if created:
        for kind in ProducerDocument.REQUIRED_KINDS:
            ProducerDocument.objects.create(
                producer=producer, kind=kind, file=ContentFile(DOCUMENT, name=f"{kind}.pdf")
            )
    user, _ = User.objects.update_or_create(
        email=APPLICANT_LOGIN[0],
        defaults={"full_name": "Lê Thị Thanh", "producer": producer, "is_producer_owner": True},
    )
    user.set_password(APPLICANT_LOGIN[1])
    user.save()
    return ("applicant waiting for review", *APPLICANT_LOGIN)

"""Lot evidence, certificates and test reports: private storage under random names,
images without their metadata, and handed out only through signed, expiring links."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from storefront.views.files import SALT, signed_url
from traceability.models import Lot
from traceability.services.lots import record_event


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 32), (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {2: (21.0, 0.0, 0.0), 4: (106.0, 0.0, 0.0)}  # GPS latitude, longitude
    exif[0x010F] = "PhoneMaker"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def evidence_event(demo):
    lot = Lot.objects.order_by("pk").first()
    upload = SimpleUploadedFile("ruong-cua-ong-Bay-toa-do.jpg", jpeg_with_gps())
    event = record_event(
        lot, "packing", at=timezone.now(), read_point="x", location="Xưởng", evidence=upload
    )
    return event


def test_evidence_is_stored_privately_under_a_random_name(evidence_event):
    name = evidence_event.evidence.name

    assert "ruong-cua-ong" not in name and name.endswith(".jpg")
    assert (settings.PRIVATE_MEDIA_ROOT / name).exists()
    assert not (settings.MEDIA_ROOT / name).exists()


def test_evidence_images_lose_their_metadata(evidence_event):
    with evidence_event.evidence.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert dict(image.getexif()) == {} and "exif" not in image.info
    assert image.size == (64, 32)


def test_a_signed_link_serves_the_file_and_nothing_else_does(client, evidence_event):
    name = evidence_event.evidence.name
    link = signed_url(evidence_event.evidence)

    served = client.get(link)
    public = client.get(f"{settings.MEDIA_URL}{name}")
    tampered = client.get(link[:-3] + "xyz/")
    outside = client.get(
        "/tep/" + signing.dumps("../../etc/passwd", salt=SALT, compress=True) + "/"
    )

    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content).startswith(b"\xff\xd8")
    assert "tai-lieu.jpg" in served["Content-Disposition"]
    assert public.status_code == 404
    assert tampered.status_code == outside.status_code == 404


def test_a_link_expires_after_a_day(client, evidence_event, monkeypatch):
    link = signed_url(evidence_event.evidence)
    later = timezone.now() + timedelta(days=1, minutes=1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())

    assert client.get(link).status_code == 404


def test_a_document_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_kept(demo):
    from catalog.errors import CatalogError

    lot = Lot.objects.order_by("pk").first()
    before = lot.events.count()
    with pytest.raises(CatalogError):
        record_event(
            lot,
            "packing",
            at=timezone.now(),
            read_point="x",
            location="Xưởng",
            evidence=SimpleUploadedFile("a.jpg", b"<html>not an image</html>"),
        )
    assert lot.events.count() == before

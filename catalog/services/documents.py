"""Uploaded documents (producer papers, dossier files): checked by their content, not by
their name, and kept in private storage."""

import io
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import DossierFile, DossierItem, ReviewStatus
from catalog.services.images import clean_copy

# What a document may be, told by its first bytes.
SIGNATURES = {
    b"%PDF-": "pdf",
    b"\xff\xd8\xff": "jpg",
    b"\x89PNG\r\n\x1a\n": "png",
}


def document_kind(upload) -> str:
    """ "pdf", "jpg", "png" or "webp"; anything else, or too large, is refused."""
    if upload.size > settings.MAX_DOCUMENT_UPLOAD_BYTES:
        limit = settings.MAX_DOCUMENT_UPLOAD_BYTES // (1024 * 1024)
        raise CatalogError(CatalogErrorCode.INVALID_FILE, "file", detail=f"larger than {limit} MB")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    raise CatalogError(
        CatalogErrorCode.INVALID_FILE, "file", detail="only PDF, JPEG, PNG or WebP documents"
    )


def clean_document(upload) -> ContentFile:
    """What is kept of an uploaded document: a PDF as sent (lab reports and certificates
    are legal originals), an image re-encoded from its pixels alone (no EXIF, GPS, XMP
    or text chunks), under a random name that says nothing of the original's."""
    kind = document_kind(upload)
    upload.seek(0)
    data = upload.read()
    if kind != "pdf":
        image, image_format = clean_copy(data)
        buffer = io.BytesIO()
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, image_format, quality=90)
        data = buffer.getvalue()
    return ContentFile(data, name=f"{secrets.token_urlsafe(16)}.{kind}")


def add_dossier_file(item: DossierItem, upload, *, description: str = "") -> DossierFile:
    """Attach a file to a dossier item; the item goes (back) to review."""
    document_kind(upload)
    with transaction.atomic():
        record = DossierFile.objects.create(
            item=item, file=upload, description=description.strip()[:200]
        )
        item.review_status = ReviewStatus.SUBMITTED
        item.save(update_fields=["review_status"])
    return record

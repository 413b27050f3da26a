"""Print a stamp batch: the label contents for each stamp, rendered as PDF or PNG, and
the batch's sheets kept in media storage for download."""

import secrets
import tempfile

from celery import current_app
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from catalog.services.ratings import current_certificate
from traceability import serials
from traceability.models import StampBatch, StampStatus
from traceability.printing.content import DEFAULT_LABEL, LabelContent, LabelSize
from traceability.printing.pdf import render_sheets
from traceability.services.stamps import stamp_uri


def batch_labels(batch: StampBatch):
    """Label contents of the batch's printable stamps, in printing order."""
    lot = batch.lot
    product = lot.variant.product
    certificate = current_certificate(product, timezone.localdate())
    stars = certificate.stars if certificate else None
    stamps = (
        batch.stamps.exclude(status=StampStatus.VOIDED)
        .order_by("pk")
        .select_related("batch__lot__variant")
    )
    for stamp in stamps.iterator(chunk_size=2000):
        yield LabelContent(
            uri=stamp_uri(stamp),
            product_name=product.name,
            stars=stars,
            serial_display=serials.display(stamp.serial),
        )


def print_batch(batch: StampBatch, output, size: LabelSize = DEFAULT_LABEL, progress=None) -> int:
    return render_sheets(batch_labels(batch), output, size, progress)


def store_sheet(batch_id: int, size: LabelSize = DEFAULT_LABEL) -> StampBatch:
    """Render the batch's printable sheets into media storage, unless the stored ones
    already carry every printable stamp (so running it twice prints once). The file name
    is random: the sheets carry serials and must not be found by guessing."""
    batch = StampBatch.objects.select_related("lot__variant__product").get(pk=batch_id)
    printable = batch.stamps.exclude(status=StampStatus.VOIDED).count()
    if batch.sheet and batch.sheet_stamps == printable:
        return batch
    previous = batch.sheet.name if batch.sheet else ""
    with tempfile.TemporaryFile() as output:
        print_batch(batch, output, size)
        output.seek(0)
        name = f"batch-{batch.pk}-{secrets.token_urlsafe(12)}.pdf"
        batch.sheet.save(name, File(output), save=False)
    batch.sheet_stamps = printable
    batch.save(update_fields=["sheet", "sheet_stamps"])
    if previous:
        batch.sheet.storage.delete(previous)
    return batch


def request_sheet(batch: StampBatch) -> None:
    """Print the sheets in the background once the current transaction commits."""
    # by name from Celery's registry: traceability.tasks imports this module
    task = current_app.tasks["traceability.tasks.store_sheet_task"]
    transaction.on_commit(lambda: task.delay(batch.pk), robust=True)

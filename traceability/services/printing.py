"""Print a stamp batch: the label contents for each stamp, rendered as PDF or PNG."""

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

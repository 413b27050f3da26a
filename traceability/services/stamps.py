"""Issue stamps in bulk, void them, and give each its Digital Link."""

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone

from traceability.digital_link import DigitalLink, encode
from traceability.errors import TraceError, TraceErrorCode
from traceability.models import BatchStatus, Lot, LotStatus, Stamp, StampBatch, StampStatus
from traceability.serials import new_serial

COPY_STAMPS = "COPY traceability_stamp (batch_id, serial, status, scan_count) FROM STDIN"


def issue_batch(lot: Lot, count: int, *, user=None) -> StampBatch:
    """Issue `count` stamps for an active lot in one bulk write (COPY)."""
    maximum = settings.STAMPS_PER_BATCH_MAX
    if not 1 <= count <= maximum:
        raise TraceError(TraceErrorCode.STAMP_LIMIT, "count", maximum=maximum, count=count)
    if lot.status != LotStatus.ACTIVE:
        raise TraceError(
            TraceErrorCode.LOT_NOT_ACTIVE, "lot", lot=lot.code, status=lot.get_status_display()
        )
    for _attempt in range(3):
        try:
            with transaction.atomic():
                batch = StampBatch.objects.create(lot=lot, count=count, issued_by=user)
                _copy_stamps(batch.pk, count)
                return batch
        except IntegrityError:
            continue  # a serial collided (odds about count² / 2⁶⁵): draw them all again
    raise TraceError(TraceErrorCode.INVALID_VALUE, "count", detail="could not draw unique serials")


def issue_for_producer(lot: Lot, count: int, *, user) -> StampBatch:
    """Issue a batch from the producer portal, within the producer's monthly limit set by
    the programme (batches of the calendar month so far count against it)."""
    producer = lot.variant.product.producer
    month_start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    with transaction.atomic():
        # One producer's requests are serialised, so two at once cannot both fit.
        type(producer).objects.select_for_update().get(pk=producer.pk)
        issued = (
            StampBatch.objects.filter(
                lot__variant__product__producer=producer, issued_at__gte=month_start
            ).aggregate(total=Sum("count"))["total"]
            or 0
        )
        if issued + count > producer.stamp_monthly_limit:
            raise TraceError(
                TraceErrorCode.MONTHLY_STAMP_LIMIT,
                "count",
                issued=issued,
                limit=producer.stamp_monthly_limit,
                count=count,
            )
        return issue_batch(lot, count, user=user)


def _copy_stamps(batch_id: int, count: int) -> None:
    serials = {new_serial() for _ in range(count)}
    while len(serials) < count:
        serials.add(new_serial())
    with connection.cursor() as cursor, cursor.cursor.copy(COPY_STAMPS) as copy:
        for serial in serials:
            copy.write_row((batch_id, serial, StampStatus.ISSUED, 0))


def stamp_uri(stamp: Stamp) -> str:
    if not settings.TRACE_BASE_URL:
        raise TraceError(TraceErrorCode.REQUIRED, "TRACE_BASE_URL")
    lot = stamp.batch.lot
    link = DigitalLink(gtin=lot.variant.gtin, lot=lot.code, serial=stamp.serial)
    return encode(link, settings.TRACE_BASE_URL)


def void_stamps(stamps) -> int:
    """Void the given stamps (a queryset); returns how many changed."""
    return stamps.exclude(status=StampStatus.VOIDED).update(
        status=StampStatus.VOIDED, voided_at=timezone.now()
    )


def batch_range(batch: StampBatch, first: int | None, last: int | None):
    """Stamps `first`..`last` (1-based, in printing order) of a batch; both empty: all."""
    if first is None and last is None:
        return batch.stamps.all()
    first, last = first or 1, last or batch.count
    if not 1 <= first <= last <= batch.count:
        raise TraceError(
            TraceErrorCode.INVALID_VALUE, "range", detail=f"1 ≤ first ≤ last ≤ {batch.count}"
        )
    ids = list(batch.stamps.order_by("pk").values_list("pk", flat=True)[first - 1 : last])
    return Stamp.objects.filter(pk__in=ids)


def void_range(batch: StampBatch, first: int, last: int) -> int:
    """Void stamps `first`..`last` (1-based, in printing order) of a batch."""
    return void_stamps(batch_range(batch, first, last))


def void_batch(batch: StampBatch) -> int:
    with transaction.atomic():
        StampBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.VOIDED)
        return void_stamps(batch.stamps.all())


def mark_applied(batch: StampBatch, first: int | None = None, last: int | None = None) -> int:
    """The producer stuck these stamps on its goods (or sold them): issued → activated.
    Voided stamps stay voided. Returns how many changed."""
    return (
        batch_range(batch, first, last)
        .filter(status=StampStatus.ISSUED)
        .update(status=StampStatus.ACTIVATED, activated_at=timezone.now())
    )

"""Answer a scanned stamp: a verdict, the data a consumer must see, and a logged scan."""

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from traceability import serials
from traceability.models import Lot, LotStatus, Scan, ScanVerdict, Stamp, StampStatus
from traceability.services.signals import raise_flags


@dataclass
class Verification:
    verdict: str
    serial: str
    gtin: str
    lot: Lot | None = None
    stamp: Stamp | None = None
    scans_before: int = 0
    first_scanned_at: datetime | None = None
    scan: Scan | None = field(default=None, repr=False)

    @property
    def is_genuine(self) -> bool:
        return self.verdict in (ScanVerdict.GENUINE_FIRST, ScanVerdict.GENUINE_REPEAT)


def client_hash(address: str) -> str:
    """A salted hash of the client address: comparable between scans, not reversible."""
    key = hashlib.sha256(f"scan-salt:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, (address or "").encode(), hashlib.sha256).hexdigest()


def verify(
    gtin14: str,
    lot_code: str,
    serial_text: str,
    *,
    client: str,
    user_agent: str = "",
    latitude=None,
    longitude=None,
) -> Verification:
    """Look the stamp up (unless its check character already fails), decide, log the scan."""
    serial = serials.normalise(serial_text)
    result = Verification(verdict=ScanVerdict.UNKNOWN, serial=serial, gtin=gtin14)
    with transaction.atomic():
        if not serials.is_well_formed(serial):
            if len(serial) == serials.LENGTH and set(serial) <= set(serials.ALPHABET):
                result.verdict = ScanVerdict.MISTYPED
        else:
            _judge(result, lot_code)
        result.scan = Scan.objects.create(
            stamp=result.stamp,
            gtin=gtin14,
            lot_code=lot_code[:20],
            serial_text=serial[:40],
            verdict=result.verdict,
            client_hash=client,
            user_agent=user_agent[:300],
            latitude=_coarse(latitude),
            longitude=_coarse(longitude),
        )
        raise_flags(result.scan)
    return result


def _judge(result: Verification, lot_code: str) -> None:
    stamp = (
        Stamp.objects.select_for_update(of=("self",))
        .select_related("batch__lot__variant")
        .filter(serial=result.serial)
        .first()
    )
    if stamp is None:
        return
    lot = stamp.batch.lot
    if lot.variant.gtin != result.gtin or lot.code != lot_code:
        return  # a real serial printed under another product or lot: not this stamp
    result.stamp, result.lot = stamp, lot
    result.scans_before = stamp.scan_count
    result.first_scanned_at = stamp.first_scanned_at
    now = timezone.now()
    Stamp.objects.filter(pk=stamp.pk).update(
        scan_count=F("scan_count") + 1,
        last_scanned_at=now,
        first_scanned_at=stamp.first_scanned_at or now,
    )
    stamp.scan_count += 1  # what the UPDATE above wrote; the signals read it
    if stamp.status == StampStatus.VOIDED:
        result.verdict = ScanVerdict.VOIDED
    elif lot.status == LotStatus.RECALLED:
        result.verdict = ScanVerdict.RECALLED
    elif lot.expiry_date and lot.expiry_date < timezone.localdate():
        result.verdict = ScanVerdict.EXPIRED
    elif result.scans_before == 0:
        result.verdict = ScanVerdict.GENUINE_FIRST
    else:
        result.verdict = ScanVerdict.GENUINE_REPEAT


def _coarse(value):
    """About 1 km: enough to tell provinces apart, not enough to find a home."""
    if value in (None, ""):
        return None
    try:
        return round(float(value), 2)
    except (TypeError, ValueError):
        return None


def attach_location(scan: Scan, latitude, longitude) -> Scan:
    """The visitor chose to share a coarse location after the scan."""
    lat, lon = _coarse(latitude), _coarse(longitude)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return scan
    with transaction.atomic():
        Scan.objects.filter(pk=scan.pk).update(latitude=lat, longitude=lon)
        scan.refresh_from_db()
        raise_flags(scan)
    return scan

"""Answer a scanned stamp: a verdict, the data a consumer must see, and a logged scan."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from traceability import serials
from traceability.models import Scan, ScanVerdict
from traceability.services.prepared import PreparedStatement
from traceability.services.signals import raise_flags

# One statement, so one round trip and atomic on its own: find the stamp under this
# GTIN and lot, count the scan on it, and append the scan log row with the verdict.
# This is the hot path of every scanned stamp, hence SQL rather than three ORM calls, and
# a prepared statement (planned once per connection). Its transaction commits without
# waiting for the WAL flush (`synchronous_commit` off for this transaction only): if the
# database server crashed in the next fraction of a second, the last scans' log rows and
# counts could be lost, never half-written; nothing else (orders, payments) is affected.
VERIFY_SQL = """
WITH quick AS (
    SELECT set_config('synchronous_commit', 'off', true) AS synchronous_commit
), target AS (
    SELECT s.id, s.status, s.scan_count, s.first_scanned_at,
           l.id AS lot_id, l.status AS lot_status, l.expiry_date
    FROM traceability_stamp s
    JOIN traceability_stampbatch b ON b.id = s.batch_id
    JOIN traceability_lot l ON l.id = b.lot_id
    JOIN catalog_productvariant v ON v.id = l.variant_id
    WHERE s.serial = %(serial)s AND v.gtin = %(gtin)s AND l.code = %(lot)s
    FOR UPDATE OF s
), counted AS (
    UPDATE traceability_stamp s
    SET scan_count = s.scan_count + 1, last_scanned_at = %(now)s,
        first_scanned_at = COALESCE(s.first_scanned_at, %(now)s)
    FROM target WHERE s.id = target.id
    RETURNING s.id
), judged AS (
    SELECT target.*, CASE
        WHEN target.id IS NULL THEN 'unknown'
        WHEN target.status = 'voided' THEN 'voided'
        WHEN target.lot_status = 'recalled' THEN 'recalled'
        WHEN target.expiry_date < %(today)s THEN 'expired'
        WHEN target.scan_count = 0 THEN 'genuine_first'
        ELSE 'genuine_repeat' END AS verdict
    FROM (SELECT 1) AS one LEFT JOIN target ON TRUE
), logged AS (
    INSERT INTO traceability_scan
        (stamp_id, gtin, lot_code, serial_text, verdict, scanned_at, client_hash, user_agent)
    SELECT judged.id, %(gtin)s, %(lot)s, %(serial)s, judged.verdict, %(now)s, %(client)s,
           %(agent)s
    FROM judged
    RETURNING id
)
SELECT logged.id, judged.verdict, judged.id, judged.scan_count, judged.first_scanned_at,
       judged.lot_id, judged.lot_status
FROM logged, judged, quick
"""
VERIFY = PreparedStatement(
    "ocop_verify_scan",
    VERIFY_SQL,
    [
        ("serial", "varchar"),
        ("gtin", "varchar"),
        ("lot", "varchar"),
        ("now", "timestamptz"),
        ("today", "date"),
        ("client", "varchar"),
        ("agent", "varchar"),
    ],
)


@dataclass
class Verification:
    verdict: str
    serial: str
    gtin: str
    lot_code: str = ""
    scan_id: int | None = None
    stamp_id: int | None = None
    lot_id: int | None = None
    lot_status: str | None = None
    scans_before: int = 0
    first_scanned_at: datetime | None = None


def _keyed_hash(purpose: str, text: str) -> str:
    """HMAC-SHA256 under a key derived from SECRET_KEY for this one purpose."""
    key = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def client_hash(address: str) -> str:
    """A salted hash of the client address: comparable between scans, not reversible."""
    return _keyed_hash("scan-salt", address or "")


def scan_token(scan_id: int) -> str:
    """Proof that the bearer was shown this scan's result: needed to see it again (in the
    other language) and to attach a location to it, so scans cannot be enumerated."""
    return _keyed_hash("scan-token", str(scan_id))[:24]


def check_scan_token(scan_id: int, token: str) -> bool:
    return hmac.compare_digest(scan_token(scan_id), token or "")


def recorded(scan_id: int) -> Verification | None:
    """The result of a logged scan, as it was answered, without counting a new scan."""
    scan = Scan.objects.select_related("stamp__batch__lot").filter(pk=scan_id).first()
    if scan is None:
        return None
    result = Verification(
        verdict=scan.verdict,
        serial=scan.serial_text,
        gtin=scan.gtin,
        lot_code=scan.lot_code,
        scan_id=scan.pk,
    )
    if scan.stamp_id is not None:
        lot = scan.stamp.batch.lot
        result.stamp_id, result.lot_id, result.lot_status = scan.stamp_id, lot.pk, lot.status
        result.scans_before = Scan.objects.filter(stamp_id=scan.stamp_id, pk__lt=scan.pk).count()
        result.first_scanned_at = scan.stamp.first_scanned_at
    return result


def verify(
    gtin14: str, lot_code: str, serial_text: str, *, client: str, user_agent: str = ""
) -> Verification:
    """Look the stamp up (unless its check character already fails), decide, log the scan."""
    serial = serials.normalise(serial_text)
    result = Verification(
        verdict=ScanVerdict.UNKNOWN, serial=serial[:40], gtin=gtin14, lot_code=lot_code[:20]
    )
    now = timezone.now()
    if serials.is_well_formed(serial):
        _verify_in_database(result, lot_code[:20], client, user_agent[:300], now)
    else:
        if len(serial) == serials.LENGTH and set(serial) <= set(serials.ALPHABET):
            result.verdict = ScanVerdict.MISTYPED
        result.scan_id = Scan.objects.create(
            gtin=gtin14,
            lot_code=lot_code[:20],
            serial_text=result.serial,
            verdict=result.verdict,
            client_hash=client,
            user_agent=user_agent[:300],
        ).pk
    raise_flags(
        Scan(
            pk=result.scan_id,
            stamp_id=result.stamp_id,
            verdict=result.verdict,
            client_hash=client,
            scanned_at=now,
        ),
        stamp_scans=result.scans_before + 1 if result.stamp_id else 0,
    )
    return result


def _verify_in_database(result, lot_code, client, user_agent, now) -> None:
    parameters = {
        "serial": result.serial,
        "gtin": result.gtin,
        "lot": lot_code,
        "now": now,
        "today": timezone.localdate(),
        "client": client,
        "agent": user_agent,
    }
    row = VERIFY.fetchone(parameters)
    (
        result.scan_id,
        result.verdict,
        result.stamp_id,
        scans_before,
        result.first_scanned_at,
        result.lot_id,
        result.lot_status,
    ) = row
    result.scans_before = scans_before or 0


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
        raise_flags(scan, stamp_scans=scan.stamp.scan_count if scan.stamp_id else 0)
    return scan

"""Counterfeit signals raised from the scan log for programme staff to follow up."""

import math
from datetime import timedelta

from django.conf import settings

from traceability.models import CounterfeitFlag, FlagKind, Scan, ScanVerdict

SUSPICIOUS = (ScanVerdict.UNKNOWN, ScanVerdict.MISTYPED, ScanVerdict.VOIDED)
BURST_COUNT = 10
BURST_WINDOW = timedelta(minutes=10)


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def raise_flags(scan: Scan, *, stamp_scans: int) -> list[CounterfeitFlag]:
    """Check the signals a new scan may trigger; `stamp_scans` counts this scan too.
    A genuine scan below the thresholds costs no query."""
    raised = []
    if scan.stamp_id is not None:
        if stamp_scans >= settings.SCAN_FLAG_MANY:
            raised += _once(
                FlagKind.MANY_SCANS, stamp_id=scan.stamp_id, detail={"scans": stamp_scans}
            )
        if scan.verdict == ScanVerdict.RECALLED:
            raised += _once(
                FlagKind.SCANNED_AFTER_RECALL, stamp_id=scan.stamp_id, detail={"scan": scan.pk}
            )
        if scan.latitude is not None:
            raised += _far_apart(scan)
    if scan.verdict in SUSPICIOUS:
        recent = Scan.objects.filter(
            client_hash=scan.client_hash,
            verdict__in=SUSPICIOUS,
            scanned_at__gte=scan.scanned_at - BURST_WINDOW,
        ).count()
        if recent >= BURST_COUNT:
            raised += _once(
                FlagKind.UNKNOWN_BURST, client_hash=scan.client_hash, detail={"scans": recent}
            )
    return raised


def _far_apart(scan: Scan) -> list[CounterfeitFlag]:
    window = timedelta(hours=settings.SCAN_FLAG_WINDOW_HOURS)
    others = Scan.objects.filter(
        stamp_id=scan.stamp_id, latitude__isnull=False, scanned_at__gte=scan.scanned_at - window
    ).exclude(pk=scan.pk)
    for other in others:
        km = distance_km(
            float(scan.latitude),
            float(scan.longitude),
            float(other.latitude),
            float(other.longitude),
        )
        if km >= settings.SCAN_FLAG_DISTANCE_KM:
            return _once(
                FlagKind.FAR_APART,
                stamp_id=scan.stamp_id,
                detail={"km": round(km), "scans": [other.pk, scan.pk]},
            )
    return []


def _once(kind: str, *, stamp_id=None, client_hash: str = "", detail: dict):
    """One open flag per signal and stamp (or client): repeated scans do not pile up flags."""
    existing = CounterfeitFlag.objects.filter(
        kind=kind, stamp_id=stamp_id, client_hash=client_hash, is_resolved=False
    ).exists()
    if existing:
        return []
    flag = CounterfeitFlag.objects.create(
        kind=kind, stamp_id=stamp_id, client_hash=client_hash, detail=detail
    )
    return [flag]

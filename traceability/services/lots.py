"""Lots, their diary of events, and recalls."""

from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import ProductVariant
from catalog.services.documents import clean_document
from traceability.digital_link import _CSET82
from traceability.errors import TraceError, TraceErrorCode
from traceability.models import (
    BusinessStep,
    Disposition,
    EventType,
    Lot,
    LotStatus,
    Scan,
    TraceEvent,
)

EVENT_SHAPE = {
    BusinessStep.COMMISSIONING: (EventType.OBJECT, "ADD", Disposition.ACTIVE),
    BusinessStep.TRANSFORMING: (EventType.TRANSFORMATION, "ADD", Disposition.IN_PROGRESS),
    BusinessStep.PACKING: (EventType.AGGREGATION, "ADD", Disposition.IN_PROGRESS),
    BusinessStep.INSPECTING: (EventType.OBJECT, "OBSERVE", Disposition.CONFORMANT),
    BusinessStep.SHIPPING: (EventType.OBJECT, "OBSERVE", Disposition.IN_TRANSIT),
    BusinessStep.RETAIL_SELLING: (EventType.OBJECT, "OBSERVE", Disposition.RETAIL_SOLD),
}


def _checked_expiry(shelf_life_days, production_date: date, expiry_date: date | None):
    """The lot's expiry: production date + the product's shelf life when none is given;
    never later than that when one is (a lot cannot outlast what its label declares)."""
    if expiry_date and expiry_date < production_date:
        raise TraceError(TraceErrorCode.INVALID_VALUE, "expiry_date", detail="before production")
    if not shelf_life_days:
        return expiry_date
    latest = production_date + timedelta(days=shelf_life_days)
    if expiry_date is None:
        return latest
    if expiry_date > latest:
        raise TraceError(
            TraceErrorCode.EXPIRY_BEYOND_SHELF_LIFE,
            "expiry_date",
            expiry=f"{expiry_date:%d/%m/%Y}",
            days=shelf_life_days,
            production=f"{production_date:%d/%m/%Y}",
            latest=f"{latest:%d/%m/%Y}",
        )
    return expiry_date


# A lot is counted in the kind of measure its variant is sold in: a 500 g jar's lot in
# kilograms or grams, a 1 l bottle's in litres, a basket's in pieces.
UNIT_FAMILIES = {
    "mass": (("kg", "g", "tấn"), "khối lượng", "mass"),
    "volume": (("l", "ml"), "thể tích", "volume"),
    "count": (("piece",), "số cái", "pieces"),
}
FAMILY_OF = {"g": "mass", "kg": "mass", "ml": "volume", "l": "volume", "piece": "count"}


def _family(variant: ProductVariant) -> str | None:
    # A variant's unit means something only with its net quantity (500 g, 1 l, 1 piece).
    return FAMILY_OF.get(variant.unit) if variant.net_quantity is not None else None


def lot_units(variant: ProductVariant) -> tuple[str, ...]:
    """The units a lot of `variant` may be counted in (any when the variant has no net
    quantity to tell)."""
    family = _family(variant)
    if family is None:
        return tuple(unit for units, _vi, _en in UNIT_FAMILIES.values() for unit in units)
    return UNIT_FAMILIES[family][0]


def _check_unit(variant: ProductVariant, unit: str) -> None:
    family = _family(variant)
    allowed = lot_units(variant)
    if family is not None and unit not in allowed:
        _units, vi, en = UNIT_FAMILIES[family]
        raise TraceError(
            TraceErrorCode.UNIT_MISMATCH,
            "unit",
            expected_vi=vi,
            expected_en=en,
            allowed=", ".join(allowed),
            unit=unit,
        )


def create_lot(
    variant: ProductVariant,
    *,
    code: str,
    production_date: date,
    quantity,
    unit: str,
    origin_name: str,
    origin_unit,
    expiry_date: date | None = None,
    latitude=None,
    longitude=None,
) -> Lot:
    """Record a lot and its commissioning (harvest or production) event."""
    code = (code or "").strip()
    if not variant.gtin:
        raise TraceError(TraceErrorCode.REQUIRED, "gtin")
    if not code or len(code) > 20 or not _CSET82.match(code):
        raise TraceError(
            TraceErrorCode.INVALID_VALUE,
            "code",
            detail="1–20 characters of GS1's set 82 (letters, digits, - . _ / and the like)",
        )
    expiry_date = _checked_expiry(variant.product.shelf_life_days, production_date, expiry_date)
    _check_unit(variant, unit)
    try:
        with transaction.atomic():
            lot = Lot.objects.create(
                variant=variant,
                code=code,
                production_date=production_date,
                expiry_date=expiry_date,
                quantity=quantity,
                unit=unit,
                origin_name=origin_name,
                origin_unit=origin_unit,
                latitude=latitude,
                longitude=longitude,
            )
            record_event(
                lot,
                BusinessStep.COMMISSIONING,
                at=timezone.make_aware(datetime.combine(production_date, time(7, 0))),
                read_point=origin_name,
                location=origin_name,
                description="Thu hoạch / sản xuất lô",
            )
    except IntegrityError:
        raise TraceError(TraceErrorCode.DUPLICATE_LOT, "code", lot=code) from None
    return lot


def record_event(
    lot: Lot,
    step: str,
    *,
    at,
    read_point: str,
    location: str,
    description: str = "",
    inputs=(),
    evidence=None,
) -> TraceEvent:
    """Add an EPCIS-shaped event; its type, action and disposition follow the business step."""
    event_type, action, disposition = EVENT_SHAPE[BusinessStep(step)]
    stored = clean_document(evidence) if evidence is not None else None  # checked first
    if lot.status == LotStatus.RECALLED:
        disposition = Disposition.RECALLED
    event = TraceEvent.objects.create(
        lot=lot,
        event_type=event_type,
        action=action,
        business_step=step,
        disposition=disposition,
        event_time=at,
        read_point=read_point,
        business_location=location,
        description=description,
        **({"evidence": stored} if stored is not None else {}),
    )
    if inputs:
        event.input_lots.set(inputs)
    return event


def recall_lot(lot: Lot, *, reason: str) -> Lot:
    """Every stamp of the lot warns on scan from now on. A lot is recalled once: its
    recall time is where "scanned after the recall" starts."""
    if not reason.strip():
        raise TraceError(TraceErrorCode.REQUIRED, "recall_reason")
    with transaction.atomic():
        lot = Lot.objects.select_for_update().get(pk=lot.pk)
        if lot.status == LotStatus.RECALLED:
            recalled_on = timezone.localtime(lot.recalled_at).strftime("%d/%m/%Y")
            raise TraceError(TraceErrorCode.ALREADY_RECALLED, "lot", lot=lot.code, date=recalled_on)
        lot.status = LotStatus.RECALLED
        lot.recalled_at = timezone.now()
        lot.recall_reason = reason.strip()
        lot.save(update_fields=["status", "recalled_at", "recall_reason"])
    return lot


def scans_after_recall(lot: Lot):
    """Scans of the lot's stamps since it was recalled: who may still hold the goods."""
    if lot.recalled_at is None:
        return Scan.objects.none()
    return Scan.objects.filter(stamp__batch__lot=lot, scanned_at__gte=lot.recalled_at)

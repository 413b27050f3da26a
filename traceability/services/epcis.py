"""A lot's events as an EPCIS 2.0 JSON-LD document (GS1 field names and context)."""

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from catalog.text import unaccent
from traceability.digital_link import DigitalLink, encode
from traceability.models import BusinessStep, EventType, InputDiaryEntry, Lot, TraceEvent

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
UNIT_CODES = {"kg": "KGM", "g": "GRM", "l": "LTR", "ml": "MLT", "piece": "H87"}


def lot_class(lot: Lot) -> str:
    """The lot as an EPC class: its GS1 Digital Link without a serial."""
    return encode(DigitalLink(gtin=lot.variant.gtin, lot=lot.code), settings.TRACE_BASE_URL)


def _location(text: str) -> dict:
    return {"id": f"urn:ocop:loc:{slugify(unaccent(text)) or 'unknown'}"}


def vocabulary() -> str:
    """Where our extension terms live (declared as the `ocop` prefix in every document)."""
    return f"{settings.TRACE_BASE_URL.rstrip('/')}/voc/"


def biz_step(step: str) -> str:
    """The CBV 2.0 term for a step, or our declared extension URI where CBV has none:
    CBV 2.0 has no processing step ("transforming" is not one of its terms)."""
    return f"{vocabulary()}BizStep-processing" if step == BusinessStep.TRANSFORMING else step


def _amount(quantity, unit: str, epc_class: str) -> dict:
    entry = {"epcClass": epc_class, "quantity": float(quantity)}
    if unit.lower() in UNIT_CODES:
        entry["uom"] = UNIT_CODES[unit.lower()]
    return entry


def _quantity(lot: Lot) -> dict:
    return _amount(lot.quantity, lot.unit, lot_class(lot))


def _material(entry: InputDiaryEntry) -> dict:
    return _amount(
        entry.quantity, entry.unit, f"urn:ocop:material:{slugify(unaccent(entry.material)) or 'x'}"
    )


def _inputs(event: TraceEvent) -> list[dict]:
    """What the step consumed: the lots named as its inputs, and the materials of the
    lot's input diary used by the event's day."""
    day = timezone.localtime(event.event_time).date()
    materials = [entry for entry in event.lot.inputs.all() if entry.used_on <= day]
    return [_quantity(lot) for lot in event.input_lots.all()] + [_material(m) for m in materials]


def event_document(event: TraceEvent) -> dict:
    document = {
        "type": event.event_type,
        "eventTime": event.event_time.isoformat(),
        "eventTimeZoneOffset": event.time_zone_offset,
        "eventID": f"urn:ocop:event:{event.pk}",
        "bizStep": biz_step(event.business_step),
        "disposition": event.disposition,
        "readPoint": _location(event.read_point),
        "bizLocation": _location(event.business_location),
    }
    if event.event_type == EventType.TRANSFORMATION:
        inputs = _inputs(event)
        if inputs:  # EPCIS 2.0 (8.4.6): a list, when present, is not empty
            document["inputQuantityList"] = inputs
        document["outputQuantityList"] = [_quantity(event.lot)]
        document["transformationID"] = f"urn:ocop:transformation:{event.pk}"
    elif event.event_type == EventType.AGGREGATION:
        document["action"] = event.action
        # The packing run is the parent: the lot's units go into its cases.
        document["parentID"] = f"urn:ocop:pack:{event.pk}"
        document["childQuantityList"] = [_quantity(event.lot)]
    else:
        document["action"] = event.action
        document["quantityList"] = [_quantity(event.lot)]
    if event.description:
        document["ocop:description"] = event.description
    return document


def lot_document(lot: Lot) -> dict:
    """An EPCISDocument with every event of the lot and those that used it as input."""
    events = TraceEvent.objects.filter(lot=lot) | TraceEvent.objects.filter(input_lots=lot)
    return {
        "@context": [CONTEXT, {"ocop": vocabulary()}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": timezone.now().isoformat(),
        "epcisBody": {
            "eventList": [
                event_document(event)
                for event in events.distinct()
                .order_by("event_time", "pk")
                .select_related("lot__variant")
                .prefetch_related("input_lots__variant", "lot__inputs")
            ]
        },
    }

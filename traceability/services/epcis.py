"""A lot's events as an EPCIS 2.0 JSON-LD document (GS1 field names and context)."""

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from catalog.text import unaccent
from traceability.digital_link import DigitalLink, encode
from traceability.models import EventType, Lot, TraceEvent

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
UNIT_CODES = {"kg": "KGM", "g": "GRM", "l": "LTR", "ml": "MLT", "piece": "H87"}


def lot_class(lot: Lot) -> str:
    """The lot as an EPC class: its GS1 Digital Link without a serial."""
    return encode(DigitalLink(gtin=lot.variant.gtin, lot=lot.code), settings.TRACE_BASE_URL)


def _location(text: str) -> dict:
    return {"id": f"urn:ocop:loc:{slugify(unaccent(text)) or 'unknown'}"}


def _quantity(lot: Lot) -> dict:
    entry = {"epcClass": lot_class(lot), "quantity": float(lot.quantity)}
    if lot.unit.lower() in UNIT_CODES:
        entry["uom"] = UNIT_CODES[lot.unit.lower()]
    return entry


def event_document(event: TraceEvent) -> dict:
    document = {
        "type": event.event_type,
        "eventTime": event.event_time.isoformat(),
        "eventTimeZoneOffset": event.time_zone_offset,
        "eventID": f"urn:ocop:event:{event.pk}",
        "bizStep": event.business_step,
        "disposition": event.disposition,
        "readPoint": _location(event.read_point),
        "bizLocation": _location(event.business_location),
    }
    if event.event_type == EventType.TRANSFORMATION:
        document["inputQuantityList"] = [_quantity(lot) for lot in event.input_lots.all()]
        document["outputQuantityList"] = [_quantity(event.lot)]
    elif event.event_type == EventType.AGGREGATION:
        document["action"] = event.action
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
        "@context": [CONTEXT, {"ocop": f"{settings.TRACE_BASE_URL.rstrip('/')}/voc/"}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": timezone.now().isoformat(),
        "epcisBody": {
            "eventList": [
                event_document(event)
                for event in events.distinct()
                .order_by("event_time", "pk")
                .prefetch_related("input_lots__variant")
            ]
        },
    }

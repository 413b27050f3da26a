"""Every EPCIS document we export, checked against GS1's own EPCIS 2.0 JSON Schema and
CBV 2.0 vocabularies (`../shared/reference/epcis/`), not against our reading of them:
each demo lot, each of its events on its own, generated lots (hypothesis), and the
document the resolver answers for `linkType=gs1:traceability`."""

import json
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from jsonschema import Draft7Validator

from traceability.models import InputDiaryEntry, Lot
from traceability.services.epcis import lot_document, vocabulary
from traceability.services.lots import record_event

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "epcis"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.skipif(
    not REFERENCE.is_dir(), reason=f"GS1 reference artefacts not found at {REFERENCE}"
)


def _schema_validator() -> Draft7Validator:
    schema = json.loads((REFERENCE / "EPCIS-JSON-Schema.json").read_text())
    checker = Draft7Validator.FORMAT_CHECKER
    assert {"uri", "date-time"} <= set(checker.checkers), "format checkers missing"
    return Draft7Validator(schema, format_checker=checker)


def _terms(name: str) -> set[str]:
    context = json.loads((REFERENCE / f"cbv-context-{name}.jsonld").read_text())["@context"]
    return {key for key in context if not key.startswith("@") and key != "cbv"}


VALIDATOR = _schema_validator() if REFERENCE.is_dir() else None
BIZ_STEPS = _terms("bizstep") if REFERENCE.is_dir() else set()
DISPOSITIONS = _terms("disposition") if REFERENCE.is_dir() else set()


def problems(document: dict, *, require_inputs: bool = True) -> list[str]:
    """Schema errors of the document and of each event on its own (an event published
    alone carries the document's @context), and vocabulary or structure problems."""
    found = [error.message for error in VALIDATOR.iter_errors(document)]
    for event in document["epcisBody"]["eventList"]:
        alone = {"@context": document["@context"], **event}
        found += [f"{event['eventID']}: {e.message}" for e in VALIDATOR.iter_errors(alone)]
        if event["bizStep"] not in BIZ_STEPS and not event["bizStep"].startswith(vocabulary()):
            found.append(f"{event['eventID']}: bizStep {event['bizStep']} is not CBV 2.0")
        if event["disposition"] not in DISPOSITIONS:
            found.append(f"{event['eventID']}: disposition {event['disposition']} not CBV")
        if event["type"] == "TransformationEvent":
            needed = ("inputQuantityList",) if require_inputs else ()
            for field in (*needed, "outputQuantityList", "transformationID"):
                if not event.get(field):
                    found.append(f"{event['eventID']}: TransformationEvent without {field}")
        if event["type"] == "AggregationEvent" and not event.get("parentID"):
            found.append(f"{event['eventID']}: AggregationEvent without parentID")
    return found


def test_the_validator_refuses_what_the_auditor_found(demo):
    # The check itself can fail: the export as it was (a non-CBV step, no inputs, no
    # transformationID) is refused by GS1's schema and by the vocabulary check.
    document = lot_document(Lot.objects.order_by("pk").first())
    for event in document["epcisBody"]["eventList"]:
        if event["type"] == "TransformationEvent":
            event["bizStep"] = "transforming"
            event["inputQuantityList"] = []
            del event["transformationID"]
    found = problems(document)
    assert any("transforming" in problem for problem in found)
    assert any("transformationID" in problem for problem in found)


def test_every_demo_lot_exports_a_valid_epcis_document(demo):
    lots = list(Lot.objects.order_by("pk"))
    documents = [lot_document(lot) for lot in lots]
    events = [event for document in documents for event in document["epcisBody"]["eventList"]]

    assert len(lots) == 12 and len(events) >= 48
    assert {
        lot.code: problems(document) for lot, document in zip(lots, documents, strict=True)
    } == {lot.code: [] for lot in lots}
    kinds = {event["type"] for event in events}
    assert kinds == {"ObjectEvent", "TransformationEvent", "AggregationEvent"}


def test_the_resolvers_traceability_link_answers_a_valid_document(client, demo):
    lot = Lot.objects.order_by("pk").first()
    response = client.get(f"/01/{lot.variant.gtin}/10/{lot.code}", {"linkType": "gs1:traceability"})
    assert response["Content-Type"] == "application/ld+json"
    assert problems(response.json()) == []


STEPS = st.sampled_from(["commissioning", "transforming", "packing", "inspecting", "shipping"])
TEXT = st.text(min_size=0, max_size=40).filter(lambda text: "\x00" not in text)


class TestGeneratedLots(TestCase):
    """Lots with any sequence of steps, places, quantities, units and input diaries."""

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        steps=st.lists(STEPS, min_size=1, max_size=5),
        places=st.lists(TEXT, min_size=5, max_size=5),
        quantity=st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**6), places=3),
        unit=st.sampled_from(["kg", "g", "l", "ml", "piece", "bó", "hũ"]),
        materials=st.lists(st.tuples(TEXT, st.sampled_from(["kg", "lít", "gói"])), max_size=3),
        with_input_lot=st.booleans(),
        description=TEXT,
    )
    def test_any_generated_lot_validates(
        self, steps, places, quantity, unit, materials, with_input_lot, description
    ):
        from tests.traceability.conftest import new_lot

        lot = new_lot(quantity=quantity, unit=unit)
        source = new_lot() if with_input_lot else None
        made = datetime(2026, 1, 5, 8, tzinfo=HANOI)
        for name, material_unit in materials:
            InputDiaryEntry.objects.create(
                lot=lot,
                material=name or "x",
                quantity=Decimal(3),
                unit=material_unit,
                used_on=made.date(),
            )
        for index, step in enumerate(steps):
            record_event(
                lot,
                step,
                at=made + timedelta(days=index + 1),
                read_point=places[index],
                location=places[-1 - index],
                description=description,
                inputs=[source] if source and step == "transforming" else (),
            )
        # With nothing recorded as consumed, a TransformationEvent names its output and
        # its transformationID only, which GS1's schema allows; all else is checked alike.
        consumed = bool(materials or source)
        assert problems(lot_document(lot), require_inputs=consumed) == []

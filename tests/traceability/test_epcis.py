import json
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from traceability.services.epcis import CONTEXT, lot_class
from traceability.services.lots import record_event

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_export_is_an_epcis_2_document_of_the_lot(make_lot):
    # given a fish-sauce lot made from an anchovy lot, then packed and inspected
    anchovy = make_lot(code="CA-2023-09")
    sauce = make_lot(code="NM-2024-01")
    record_event(
        sauce,
        "transforming",
        at=datetime(2024, 3, 2, 8, tzinfo=HANOI),
        read_point="Bể chượp số 3",
        location="Nhà thùng Nguyên Giáp",
        inputs=[anchovy],
    )
    record_event(
        sauce,
        "packing",
        at=datetime(2025, 3, 1, 9, tzinfo=HANOI),
        read_point="Xưởng đóng chai",
        location="Nhà thùng Nguyên Giáp",
    )
    output = StringIO()

    # when it is exported
    call_command("epcis", "export", "NM-2024-01", "--gtin", sauce.variant.gtin, stdout=output)

    # then the document uses the standard's context, type and field names
    document = json.loads(output.getvalue())
    assert document["@context"][0] == CONTEXT
    assert (document["type"], document["schemaVersion"]) == ("EPCISDocument", "2.0")
    events = document["epcisBody"]["eventList"]
    assert [event["type"] for event in events] == [
        "ObjectEvent",
        "TransformationEvent",
        "AggregationEvent",
    ]
    commissioning, transformation, packing = events
    assert commissioning["bizStep"] == "commissioning"
    assert commissioning["action"] == "ADD"
    assert commissioning["eventTimeZoneOffset"] == "+07:00"
    assert commissioning["quantityList"][0]["epcClass"] == lot_class(sauce)
    assert commissioning["quantityList"][0]["uom"] == "LTR"
    assert transformation["inputQuantityList"][0]["epcClass"] == lot_class(anchovy)
    assert transformation["outputQuantityList"][0]["epcClass"] == lot_class(sauce)
    assert "action" not in transformation
    assert packing["childQuantityList"][0]["epcClass"] == lot_class(sauce)
    assert packing["readPoint"]["id"].startswith("urn:ocop:loc:")
    assert packing["eventTime"].startswith("2025-03-01T")


def test_the_input_lot_export_shows_where_it_went(make_lot):
    anchovy = make_lot(code="CA-2023-10")
    sauce = make_lot(code="NM-2024-02")
    record_event(
        sauce,
        "transforming",
        at=datetime(2024, 3, 2, tzinfo=HANOI),
        read_point="x",
        location="y",
        inputs=[anchovy],
    )
    output = StringIO()
    call_command("epcis", "export", "CA-2023-10", stdout=output)
    types = [e["type"] for e in json.loads(output.getvalue())["epcisBody"]["eventList"]]
    assert types == ["ObjectEvent", "TransformationEvent"]


def test_an_unknown_lot_is_a_clear_error(db):
    with pytest.raises(CommandError, match="no lot 'NOPE'"):
        call_command("epcis", "export", "NOPE")


def test_the_digital_link_commands(db, settings):
    built, parsed = StringIO(), StringIO()
    call_command(
        "digital-link",
        "build",
        "--gtin",
        "8934588012112",
        "--lot",
        "L1",
        "--serial",
        "S1",
        stdout=built,
    )
    call_command("digital-link", "parse", built.getvalue().strip(), stdout=parsed)
    assert built.getvalue().strip() == f"{settings.TRACE_BASE_URL}/01/08934588012112/10/L1/21/S1"
    assert json.loads(parsed.getvalue()) == {
        "gtin": "08934588012112",
        "cpv": None,
        "lot": "L1",
        "serial": "S1",
        "expiry": None,
    }
    with pytest.raises(CommandError, match="order 22, 10, 21"):
        call_command("digital-link", "parse", "https://x.vn/01/8934588012112/21/S/10/L")


def test_the_stamps_command_issues_and_voids(make_lot):
    lot = make_lot(code="NM-CMD-1")
    output = StringIO()
    call_command("stamps", "issue", "--lot", "NM-CMD-1", "--count", "12", stdout=output)
    batch = lot.batches.get()
    call_command("stamps", "void", str(batch.pk), "--first", "2", "--last", "4", stdout=output)
    assert "12 stamps issued" in output.getvalue()
    assert "3 stamps voided" in output.getvalue()
    with pytest.raises(CommandError, match=r"between 1 and 100000"):
        call_command("stamps", "issue", "--lot", "NM-CMD-1", "--count", "0")

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from traceability import serials
from traceability.digital_link import decode
from traceability.errors import TraceError, TraceErrorCode
from traceability.models import Stamp
from traceability.services.lots import recall_lot
from traceability.services.stamps import (
    issue_batch,
    mark_applied,
    stamp_uri,
    void_batch,
    void_range,
)


def test_issuing_writes_every_stamp_with_a_valid_unique_serial(make_lot):
    lot = make_lot()

    batch = issue_batch(lot, 2000)

    stored = list(batch.stamps.values_list("serial", flat=True))
    assert len(stored) == len(set(stored)) == 2000
    assert all(serials.is_well_formed(serial) for serial in stored)
    assert set(batch.stamps.values_list("status", flat=True)) == {"issued"}


def test_a_stamp_link_is_its_digital_link(make_lot, settings):
    lot = make_lot(code="NM-24-07")
    stamp = issue_batch(lot, 1).stamps.get()
    uri = stamp_uri(stamp)
    assert uri == f"{settings.TRACE_BASE_URL}/01/{lot.variant.gtin}/10/NM-24-07/21/{stamp.serial}"
    link = decode(uri)
    assert (link.gtin, link.lot, link.serial) == (lot.variant.gtin, "NM-24-07", stamp.serial)


@pytest.mark.parametrize("count", [0, -5, 100_001])
def test_a_batch_size_outside_the_limit_is_refused(make_lot, count):
    with pytest.raises(TraceError) as error:
        issue_batch(make_lot(), count)
    assert error.value.code == TraceErrorCode.STAMP_LIMIT
    assert not Stamp.objects.exists()


def test_a_recalled_lot_gets_no_new_stamps(make_lot):
    lot = recall_lot(make_lot(), reason="Nhiễm khuẩn")
    with pytest.raises(TraceError) as error:
        issue_batch(lot, 10)
    assert error.value.code == TraceErrorCode.LOT_NOT_ACTIVE


def test_void_a_range_then_the_batch(make_lot):
    batch = issue_batch(make_lot(), 10)

    assert void_range(batch, 3, 5) == 3
    ordered = list(batch.stamps.order_by("pk").values_list("status", flat=True))
    assert ordered == ["issued"] * 2 + ["voided"] * 3 + ["issued"] * 5
    assert void_batch(batch) == 7
    batch.refresh_from_db()
    assert batch.status == "voided"
    with pytest.raises(TraceError):
        void_range(batch, 4, 11)


def test_stamps_marked_as_applied_are_activated_but_voided_ones_stay_voided(make_lot):
    batch = issue_batch(make_lot(), 6)
    void_range(batch, 1, 1)
    out = StringIO()

    call_command("stamps", "applied", str(batch.pk), "--first", "1", "--last", "3", stdout=out)
    again = mark_applied(batch, 2, 3)
    rest = mark_applied(batch)

    assert out.getvalue().strip() == "2 stamps marked as applied"
    assert (again, rest) == (0, 3)
    ordered = list(batch.stamps.order_by("pk").values_list("status", flat=True))
    assert ordered == ["voided"] + ["activated"] * 5
    assert batch.stamps.filter(status="activated", activated_at__isnull=True).count() == 0
    with pytest.raises(CommandError, match="first ≤ last"):
        call_command("stamps", "applied", str(batch.pk), "--first", "5", "--last", "2")


def test_a_lot_code_is_unique_per_gtin_and_checked(make_lot):
    from traceability.services.lots import create_lot

    lot = make_lot(code="L1")
    with pytest.raises(TraceError) as duplicate:
        create_lot(
            lot.variant,
            code="L1",
            production_date=lot.production_date,
            quantity=1,
            unit="l",
            origin_name="x",
            origin_unit=lot.origin_unit,
        )
    with pytest.raises(TraceError) as outside:
        make_lot(code="L 2")  # a space is outside GS1's set 82 ("/" is inside it)
    assert duplicate.value.code == TraceErrorCode.DUPLICATE_LOT
    assert outside.value.code == TraceErrorCode.INVALID_VALUE
    assert lot.events.get().business_step == "commissioning"


def test_expiry_follows_the_shelf_life_and_never_outlasts_it(make_lot):
    # the fixture's product keeps 2500 days; production on 1 March 2024
    derived = make_lot(code="L-D", expiry=None)
    within = make_lot(code="L-W", expiry=date(2025, 1, 1))
    with pytest.raises(TraceError) as beyond:
        make_lot(code="L-B", expiry=date(2031, 1, 5))

    assert derived.expiry_date == date(2031, 1, 4)
    assert within.expiry_date == date(2025, 1, 1)
    assert beyond.value.code == TraceErrorCode.EXPIRY_BEYOND_SHELF_LIFE
    assert "04/01/2031" in beyond.value.message_vi and "shelf life" in beyond.value.message_en

"""Cash on delivery, VietQR bank transfer, and cash at a kiosk."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from marketplace.checkout.complete import complete_checkout
from marketplace.errors import CommerceError, CommerceErrorCode
from marketplace.orders import services as orders
from marketplace.payments import vietqr
from marketplace.payments.models import BankTransfer, Payment
from marketplace.payments.reconciliation import reconcile
from marketplace.payments.services import record_cash


def test_cash_on_delivery_is_paid_as_each_producer_delivers(make_seller, ready_checkout):
    # given a COD order from two producers: confirmed, not paid
    first, second = make_seller(price=100000), make_seller(price=50000)
    order = complete_checkout(ready_checkout((first, 1), (second, 1)), "cod")
    assert (order.status, order.charge_status) == ("unfulfilled", "none")
    part_one, part_two = order.producer_orders.order_by("pk")

    # when the first parcel is delivered, then the second
    orders.fulfil(part_one, tracking_code="VN1")
    orders.mark_delivered(part_one)
    order.refresh_from_db()
    assert (order.charge_status, order.total_charged) == ("partial", Decimal("130000"))

    orders.fulfil(part_two, tracking_code="VN2")
    orders.mark_delivered(part_two)

    # then the whole order is paid and fulfilled
    order.refresh_from_db()
    assert (order.status, order.charge_status) == ("fulfilled", "full")
    assert order.paid_at is not None
    assert order.payments.get().status == "charged"


def test_delivery_cannot_be_recorded_before_shipping(make_seller, ready_checkout):
    order = complete_checkout(ready_checkout((make_seller(), 1)), "cod")
    with pytest.raises(CommerceError) as error:
        orders.mark_delivered(order.producer_orders.get())
    assert error.value.code == CommerceErrorCode.INVALID_STATUS


def test_the_vietqr_payload_matches_the_napas_format():
    payload = vietqr.build_payload(
        bank_bin="970436", account="0011001234567", amount=120000, note="OCOP000123"
    )

    assert payload == (
        "000201010212"
        "38570010A000000727"
        "0127"
        "0006970436"
        "01130011001234567"
        "0208QRIBFTTA"
        "5303704"
        "5406120000"
        "5802VN"
        "62140810OCOP000123"
        "6304" + payload[-4:]
    )
    assert payload[-4:] == f"{vietqr.crc16_ccitt_false(payload[:-4].encode()):04X}"
    assert vietqr.crc16_ccitt_false(b"123456789") == 0x29B1  # the CRC-16/CCITT-FALSE check value


def test_a_transfer_note_loses_its_diacritics():
    assert vietqr.transfer_note("Thanh toán đơn OCOP000123 – Chả rươi!") == (
        "Thanh toan don OCOP000123 Cha ruoi"
    )


def test_parse_refuses_a_corrupted_payload():
    payload = vietqr.build_payload(bank_bin="970436", account="123456", amount=1000, note="X")
    assert vietqr.parse(payload)["38"]["01"] == {"00": "970436", "01": "123456"}
    corrupted = payload.replace("1000", "9000")
    with pytest.raises(CommerceError, match="CRC mismatch"):
        vietqr.parse(corrupted)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--bin", "97043", "--account", "1"], "BIN: 6 digits"),
        (["--bin", "970436", "--account", "1", "--amount", "12.5"], "whole đồng"),
        (["--bin", "970436", "--account", "1", "--amount", "0"], "whole đồng"),
    ],
)
def test_the_vietqr_command_refuses_bad_input(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("vietqr", *options, stdout=StringIO())


def test_the_vietqr_command_prints_the_payload_and_draws_it(tmp_path):
    output = StringIO()
    png = tmp_path / "qr.png"
    call_command(
        "vietqr",
        "--bin",
        "970436",
        "--account",
        "0011001234567",
        "--amount",
        "120000",
        "--note",
        "OCOP000123",
        "--png",
        str(png),
        stdout=output,
    )
    payload = output.getvalue().strip()
    assert vietqr.parse(payload)["54"] == "120000"
    assert png.read_bytes().startswith(b"\x89PNG")


@pytest.fixture
def transfer_order(make_seller, ready_checkout, settings):
    settings.VIETQR_BANK_BIN, settings.VIETQR_ACCOUNT_NUMBER = "970405", "102000000001"
    return complete_checkout(ready_checkout((make_seller(price=100000), 1)), "vietqr")


def statement(*rows):
    lines = ["reference,date,amount,note", *[",".join(row) for row in rows]]
    return "\n".join(lines).encode()


def test_a_vietqr_order_waits_for_its_transfer_then_is_paid(transfer_order):
    payment = transfer_order.payments.get()
    assert transfer_order.status == "unconfirmed"
    assert payment.status == "awaiting_transfer"
    fields = vietqr.parse(payment.vietqr_payload)
    assert fields["62"]["08"] == transfer_order.code
    assert fields["54"] == "130000"

    created = reconcile(
        statement(("FT001", "29/11/2026", "130.000", f"CK {transfer_order.code} Nguyen Thi Hoa"))
    )

    transfer_order.refresh_from_db()
    assert [t.outcome for t in created] == ["matched"]
    assert (transfer_order.status, transfer_order.charge_status) == ("unfulfilled", "full")


def test_partial_over_and_unknown_transfers_wait_for_a_person(
    transfer_order, make_seller, ready_checkout
):
    other = complete_checkout(ready_checkout((make_seller(price=100000), 1)), "vietqr")

    created = reconcile(
        statement(
            ("FT1", "2026-11-29", "100000", f"{transfer_order.code}"),
            ("FT2", "2026-11-29", "150000", f"ocop {other.pk:06d}"),
            ("FT3", "2026-11-29", "50000", "tien hang"),
        )
    )

    assert [t.outcome for t in created] == ["underpaid", "overpaid", "unmatched"]
    transfer_order.refresh_from_db()
    assert transfer_order.charge_status == "none"


def test_a_statement_imported_twice_changes_nothing(transfer_order):
    content = statement(("FT9", "2026-11-29", "130000", transfer_order.code))
    reconcile(content)
    assert reconcile(content) == []
    assert BankTransfer.objects.count() == 1
    assert Payment.objects.get(order=transfer_order).captured_amount == Decimal("130000")


def test_a_malformed_statement_is_refused_whole(transfer_order):
    content = statement(
        ("FT1", "2026-11-29", "130000", transfer_order.code),
        ("FT2", "29-11-2026", "abc", "x"),
    )
    with pytest.raises(CommerceError) as error:
        reconcile(content)
    assert error.value.code == CommerceErrorCode.INVALID_FILE
    assert "row 3" in error.value.message_en
    assert not BankTransfer.objects.exists()
    transfer_order.refresh_from_db()
    assert transfer_order.charge_status == "none"


def test_a_statement_without_the_columns_is_refused():
    with pytest.raises(CommerceError, match="missing columns: note"):
        reconcile(b"reference,date,amount\nFT1,2026-11-29,1000\n")


def test_kiosk_cash_records_the_change(make_seller, online, ready_checkout):
    online.payment_gateways = ["cash"]
    online.save()
    order = complete_checkout(ready_checkout((make_seller(price=95000), 1)), "cash")

    payment = record_cash(order, 200000)

    order.refresh_from_db()
    assert (payment.cash_tendered, payment.cash_change) == (Decimal("200000"), Decimal("75000"))
    assert (order.status, order.charge_status) == ("unfulfilled", "full")


def test_kiosk_cash_below_the_total_is_refused(make_seller, online, ready_checkout):
    online.payment_gateways = ["cash"]
    online.save()
    order = complete_checkout(ready_checkout((make_seller(price=95000), 1)), "cash")
    with pytest.raises(CommerceError) as error:
        record_cash(order, 100000)
    assert error.value.code == CommerceErrorCode.AMOUNT_TOO_LOW
    order.refresh_from_db()
    assert order.charge_status == "none"


def test_the_vietqr_png_decodes_to_the_same_payload(tmp_path):
    import shutil
    import subprocess

    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbar-tools must be installed (.ci/run installs it)"
    payload = vietqr.build_payload(
        bank_bin="970436", account="0011001234567", amount=120000, note="OCOP000123"
    )
    image = tmp_path / "vietqr.png"
    image.write_bytes(vietqr.qr_png(payload))

    decoded = subprocess.run(
        [zbarimg, "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True
    ).stdout.strip()

    assert decoded == payload

"""Hostile payment input: bank statements read by the bank's number format (issue #18,
point 2); Stripe events recorded with their effect, signed events missing fields,
refunds capped at what was paid (points 3, 13, 17)."""

from decimal import Decimal

import pytest

from marketplace.amounts import AmountError, parse_amount
from marketplace.checkout.complete import complete_checkout
from marketplace.errors import CommerceError
from marketplace.payments.models import BankTransfer
from marketplace.payments.reconciliation import reconcile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "number_format", "value"),
    [
        ("130000", "vi", 130000),
        ("130.000", "vi", 130000),
        ("1.234.567", "vi", 1234567),
        ("2.200,00", "vi", 2200),
        ("2200,00", "vi", 2200),
        ("2200.00", "en", 2200),
        ("1,234,567.00", "en", 1234567),
        ("130000", "en", 130000),
    ],
)
def test_amounts_are_read_by_their_format(text, number_format, value):
    assert parse_amount(text, number_format) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "number_format"),
    [
        ("2200.00", "vi"),  # read as 220,000 before: a dot in vi groups thousands
        ("2,200.00", "vi"),
        ("2.200,50", "vi"),  # VND has no fraction
        ("1.23.456", "vi"),
        ("2.200,00", "en"),
        ("1e16", "vi"),
        ("NaN", "en"),
        ("-5", "vi"),
        ("", "vi"),
        ("9" * 16, "vi"),
    ],
)
def test_ambiguous_or_malformed_amounts_are_refused(text, number_format):
    with pytest.raises(AmountError):
        parse_amount(text, number_format)


@pytest.fixture
def transfer_order(make_seller, ready_checkout):
    return complete_checkout(ready_checkout((make_seller(price=100000), 1)), "vietqr")


def test_a_decimal_point_statement_row_is_refused_and_pays_nothing(transfer_order):
    due = int(transfer_order.total)  # 130,000 with delivery
    content = f"reference,date,amount,note\nFT1,2026-11-29,{due // 100}.00,{transfer_order.code}\n"

    with pytest.raises(CommerceError) as error:
        reconcile(content.encode())

    assert "row 2: amount" in error.value.message_en
    assert not BankTransfer.objects.exists()
    transfer_order.refresh_from_db()
    assert transfer_order.charge_status == "none"


def test_an_english_format_statement_is_read_as_such(transfer_order):
    content = f"reference,date,amount,note\nFT1,2026-11-29,130,000.00,{transfer_order.code}\n"
    quoted = content.replace("130,000.00", '"130,000.00"')

    [transfer] = reconcile(quoted.encode(), "en")

    assert (transfer.amount, transfer.outcome) == (Decimal(130000), "matched")

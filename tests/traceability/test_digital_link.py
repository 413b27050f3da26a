from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.gtin import check_digit
from traceability.digital_link import DigitalLink, decode, encode
from traceability.errors import TraceError, TraceErrorCode

BASE = "https://ocop.tuky.vn"


def test_a_stamp_link_has_qualifiers_in_canonical_order():
    link = DigitalLink(gtin="8934588012112", lot="NM-2024-01", serial="ABC123", cpv="500ML")
    assert (
        encode(link, BASE)
        == "https://ocop.tuky.vn/01/08934588012112/22/500ML/10/NM-2024-01/21/ABC123"
    )


@pytest.mark.parametrize("gtin", ["96385074", "036000291452", "8934588012112"])
def test_short_gtins_are_normalised_to_fourteen_digits(gtin):
    assert decode(f"{BASE}/01/{gtin}").gtin == gtin.zfill(14)


def test_values_are_percent_encoded_and_expiry_goes_in_the_query():
    link = DigitalLink(gtin="8934588012112", lot="A%B C", expiry=date(2027, 3, 31))
    with pytest.raises(TraceError):  # space is not a GS1 AI character
        encode(link, BASE)
    uri = encode(DigitalLink(gtin="8934588012112", lot="A%B", expiry=date(2027, 3, 31)), BASE)
    assert uri == f"{BASE}/01/08934588012112/10/A%25B?17=270331"
    assert decode(uri).lot == "A%B"
    assert decode(uri).expiry == date(2027, 3, 31)


def test_day_zero_in_the_expiry_means_the_end_of_the_month():
    assert decode(f"{BASE}/01/8934588012112?17=270200").expiry == date(2027, 2, 28)


@pytest.mark.parametrize(
    ("uri", "detail"),
    [
        (f"{BASE}/10/LOT", "no /01/"),
        (f"{BASE}/01/8934588012113", None),
        (f"{BASE}/01/8934588012112/21/S1/10/L1", "order 22, 10, 21"),
        (f"{BASE}/01/8934588012112/10/L1/10/L2", "order 22, 10, 21"),
        (f"{BASE}/01/8934588012112/99/X", "not a key qualifier"),
        (f"{BASE}/01/8934588012112/10", "pairs"),
        (f"{BASE}/01/8934588012112/10/{'X' * 21}", "1–20"),
        (f"{BASE}/01/8934588012112?17=2713", "YYMMDD"),
        (f"{BASE}/01/8934588012112?17=271345", "not a date"),
    ],
)
def test_malformed_links_give_a_coded_error(uri, detail):
    with pytest.raises(TraceError) as error:
        decode(uri)
    if detail is None:
        assert error.value.code == TraceErrorCode.INVALID_GTIN
    else:
        assert error.value.code == TraceErrorCode.INVALID_DIGITAL_LINK
        assert detail in error.value.message_en


GS1_TEXT = st.text(
    alphabet="!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
    min_size=1,
    max_size=20,
)


@st.composite
def gtins(draw):
    length = draw(st.sampled_from([8, 12, 13, 14]))
    body = draw(st.text(alphabet="0123456789", min_size=length - 1, max_size=length - 1))
    return body + str(check_digit(body))


@given(
    gtin=gtins(),
    lot=st.none() | GS1_TEXT,
    serial=st.none() | GS1_TEXT,
    cpv=st.none() | GS1_TEXT,
    # dates GS1's sliding century window reads back from two digits, seen from 2026
    expiry=st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2076, 12, 31)),
)
def test_decode_of_encode_gives_back_the_same_link(gtin, lot, serial, cpv, expiry):
    link = DigitalLink(gtin=gtin.zfill(14), lot=lot, serial=serial, cpv=cpv, expiry=expiry)
    assert decode(encode(link, BASE), today=date(2026, 12, 6)) == link


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [
        ("991231", date(1999, 12, 31)),  # 73 years ahead: last century
        ("761231", date(2076, 12, 31)),  # 50 years ahead: this century
        ("771231", date(1977, 12, 31)),  # 51 years ahead: last century
        ("000101", date(2000, 1, 1)),
    ],
)
def test_two_digit_years_follow_gs1s_sliding_window(yymmdd, expected):
    uri = f"{BASE}/01/8934588012112?17={yymmdd}"
    assert decode(uri, today=date(2026, 12, 6)).expiry == expected


def test_a_lot_with_a_slash_travels_as_percent_2f():
    uri = encode(DigitalLink(gtin="8934588012112", lot="AB/12", serial="S1"), BASE)
    assert uri == f"{BASE}/01/08934588012112/10/AB%2F12/21/S1"
    assert decode(uri).lot == "AB/12"

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.gtin import check_digit, display_gtin, is_valid_gtin, normalise_gtin


@pytest.mark.parametrize(
    "gtin",
    ["96385074", "036000291452", "8934588012112", "4006381333931", "10614141000415"],
)
def test_valid_gtins_of_every_length_pass(gtin):
    assert is_valid_gtin(gtin)


@pytest.mark.parametrize(
    "gtin",
    ["8934588012113", "893458801211", "89345880121120", "893458801211X", "", "１２３４５６７８"],
)
def test_wrong_check_digit_length_or_characters_fail(gtin):
    assert not is_valid_gtin(gtin)


def test_normalise_pads_to_fourteen_digits_and_display_strips_the_pad():
    assert normalise_gtin("8934588012112") == "08934588012112"
    assert display_gtin("08934588012112") == "8934588012112"


def test_normalise_refuses_an_invalid_gtin():
    with pytest.raises(ValueError, match="invalid GTIN"):
        normalise_gtin("8934588012113")


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_any_body_with_its_computed_check_digit_is_valid(body):
    assert is_valid_gtin(body + str(check_digit(body)))


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(1, 9))
def test_any_other_check_digit_is_invalid(body, shift):
    wrong = (check_digit(body) + shift) % 10
    assert not is_valid_gtin(body + str(wrong))

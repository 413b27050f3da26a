import math

from hypothesis import given
from hypothesis import strategies as st

from traceability import serials


def test_serials_carry_at_least_64_random_bits_and_avoid_look_alikes():
    assert serials.RANDOM_LENGTH * math.log2(serials.BASE) >= 64
    assert not set("01ILO") & set(serials.ALPHABET)
    drawn = {serials.new_serial() for _ in range(5000)}
    assert len(drawn) == 5000
    assert all(len(s) == 14 and serials.is_well_formed(s) for s in drawn)


def test_printed_groups_and_typed_spaces_come_back_to_the_serial():
    serial = serials.new_serial()
    assert serials.normalise(serials.display(serial).lower()) == serial
    assert serials.normalise("abcd-efgh") == "ABCDEFGH"


@given(st.data())
def test_any_single_mistyped_character_is_caught(data):
    serial = serials.new_serial()
    position = data.draw(st.integers(0, len(serial) - 1))
    other = data.draw(st.sampled_from([c for c in serials.ALPHABET if c != serial[position]]))
    typo = serial[:position] + other + serial[position + 1 :]
    assert not serials.is_well_formed(typo)


@given(st.data())
def test_any_swap_of_two_neighbours_is_caught(data):
    serial = serials.new_serial()
    position = data.draw(st.integers(0, len(serial) - 2))
    if serial[position] == serial[position + 1]:
        return
    swapped = serial[:position] + serial[position + 1] + serial[position] + serial[position + 2 :]
    assert not serials.is_well_formed(swapped)

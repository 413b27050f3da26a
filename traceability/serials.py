"""Stamp serials: 13 random characters (64.4 bits) and a check character.

The alphabet has no look-alikes (no 0/O, 1/I/L). The check character makes the
weighted sum of all 14 characters (weights 14, 13, …, 1 from the left) a multiple of
31, as ISBN-10 does with 11. Because 31 is prime and the weights are distinct and below
31, any single mistyped character and any swap of two neighbours changes the sum, so
a typo is refused before the database is asked."""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE = len(ALPHABET)  # 31
RANDOM_LENGTH = 13  # 31**13 ≈ 2**64.4
LENGTH = RANDOM_LENGTH + 1
_INDEX = {char: position for position, char in enumerate(ALPHABET)}


def _weighted_sum(text: str) -> int:
    # The last character weighs 1, the one before it 2, and so on.
    return sum(weight * _INDEX[char] for weight, char in enumerate(reversed(text), start=1))


def check_character(body: str) -> str:
    """The character that makes the weighted sum of body + check a multiple of 31."""
    # The body's characters sit one place further from the end once the check follows.
    total = sum(weight * _INDEX[char] for weight, char in enumerate(reversed(body), start=2))
    return ALPHABET[-total % BASE]


def new_serial() -> str:
    """A fresh serial: 72 random bits reduced to 13 characters, plus the check character."""
    number = int.from_bytes(secrets.token_bytes(9), "big")
    chars = []
    for _ in range(RANDOM_LENGTH):
        number, digit = divmod(number, BASE)
        chars.append(ALPHABET[digit])
    body = "".join(chars)
    return body + check_character(body)


def normalise(text: str) -> str:
    """Upper-case, drop spaces and hyphens people type when copying a printed serial."""
    return "".join((text or "").split()).replace("-", "").upper()


def is_well_formed(serial: str) -> bool:
    """Right length, alphabet and check character."""
    if len(serial) != LENGTH or any(char not in _INDEX for char in serial):
        return False
    return _weighted_sum(serial) % BASE == 0


def display(serial: str) -> str:
    """How a serial is printed: groups of four, e.g. 'ABCD EFGH JKMN PQ'."""
    return " ".join(serial[index : index + 4] for index in range(0, len(serial), 4))

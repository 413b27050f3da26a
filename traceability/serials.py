"""Stamp serials: 13 random characters (64.4 bits) and a check character.

The alphabet has no look-alikes (no 0/O, 1/I/L). The check character is Luhn mod 31,
which catches any single mistyped character and any swap of two neighbours, so a typo
is refused before the database is asked."""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BASE = len(ALPHABET)  # 31
RANDOM_LENGTH = 13  # 31**13 ≈ 2**64.4
LENGTH = RANDOM_LENGTH + 1
_INDEX = {char: position for position, char in enumerate(ALPHABET)}


def check_character(body: str) -> str:
    """Luhn mod N over the alphabet."""
    factor, total = 2, 0
    for char in reversed(body):
        addend = factor * _INDEX[char]
        factor = 1 if factor == 2 else 2
        total += addend // BASE + addend % BASE
    return ALPHABET[(BASE - total % BASE) % BASE]


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
    return check_character(serial[:-1]) == serial[-1]


def display(serial: str) -> str:
    """How a serial is printed: groups of four, e.g. 'ABCD EFGH JKMN PQ'."""
    return " ".join(serial[index : index + 4] for index in range(0, len(serial), 4))

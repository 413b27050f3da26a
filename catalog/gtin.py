"""GTIN-8/12/13/14 check-digit validation and normalisation to 14 digits."""

VALID_LENGTHS = (8, 12, 13, 14)


def check_digit(body: str) -> int:
    """The GS1 mod-10 check digit for the digits before it."""
    total = 0
    for position, char in enumerate(reversed(body)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_valid_gtin(value: str) -> bool:
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) not in VALID_LENGTHS:
        return False
    return check_digit(value[:-1]) == int(value[-1])


def normalise_gtin(value: str) -> str:
    """Left-pad a valid GTIN to 14 digits; raise ValueError for an invalid one."""
    value = (value or "").strip()
    if not is_valid_gtin(value):
        raise ValueError(f"invalid GTIN: {value!r}")
    return value.zfill(14)


def display_gtin(gtin14: str) -> str:
    """Show a stored GTIN-14 the way it is printed on the pack (GTIN-13 when it starts with 0)."""
    return gtin14[1:] if gtin14.startswith("0") else gtin14

"""Vietnamese text helpers: the database has no Vietnamese collation, so we sort by a key."""

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})


def unaccent(text: str) -> str:
    """'Gạo nếp Đồng Tháp' -> 'Gao nep Dong Thap' (the same as PostgreSQL's unaccent)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sort_key(text: str) -> str:
    """A key that orders Vietnamese names as a reader expects: letters first, tones second."""
    return f"{unaccent(text).casefold()}\x01{text.casefold()}"

"""GS1 Digital Link URIs: encode and decode, with GTIN normalisation and validation.

Path: /01/{GTIN-14}[/22/{cpv}][/10/{lot}][/21/{serial}], key qualifiers in that
canonical order; data attributes in the query string (17 = expiry date, YYMMDD).
Values are percent-encoded: "/" (which GS1's character set 82 allows in a lot) travels
as %2F. GTIN-8/12/13 are accepted and normalised to 14 digits, as GS1's toolkit does;
the URIs we build always carry 14. Checked against GS1's `digital-link.js` in
`tests/traceability/test_digital_link_toolkit.py`."""

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from catalog.gtin import is_valid_gtin
from traceability.errors import TraceError, TraceErrorCode

QUALIFIERS = ("22", "10", "21")  # canonical order: CPV, batch/lot, serial
FIELD_FOR = {"22": "cpv", "10": "lot", "21": "serial"}
MAX_LENGTH = {"22": 20, "10": 20, "21": 20}
# GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1).
_CSET82 = re.compile(r"^[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$")


@dataclass(frozen=True)
class DigitalLink:
    gtin: str
    lot: str | None = None
    serial: str | None = None
    cpv: str | None = None
    expiry: date | None = None


def _fail(detail: str) -> TraceError:
    return TraceError(TraceErrorCode.INVALID_DIGITAL_LINK, "uri", detail=detail)


def normalise_gtin(value: str) -> str:
    if not is_valid_gtin(value):
        raise TraceError(TraceErrorCode.INVALID_GTIN, "gtin", value=value)
    return value.zfill(14)


def _check_value(ai: str, value: str) -> str:
    if not value or len(value) > MAX_LENGTH[ai] or not _CSET82.match(value):
        raise _fail(f"AI {ai} value {value!r} must be 1–{MAX_LENGTH[ai]} GS1 characters")
    return value


def encode(link: DigitalLink, base_url: str) -> str:
    """The canonical URI of `link` on the domain `base_url`."""
    parts = [base_url.rstrip("/"), "01", normalise_gtin(link.gtin)]
    for ai in QUALIFIERS:
        value = getattr(link, FIELD_FOR[ai])
        if value is not None:
            parts += [ai, quote(_check_value(ai, value), safe="")]
    uri = "/".join(parts)
    if link.expiry is not None:
        uri += "?" + urlencode({"17": link.expiry.strftime("%y%m%d")})
    return uri


def decode(uri: str, today: date | None = None) -> DigitalLink:
    """Parse a Digital Link URI (any domain); raise a coded error on malformed input."""
    split = urlsplit(uri)
    segments = [segment for segment in split.path.split("/") if segment]
    try:
        start = segments.index("01")
    except ValueError:
        raise _fail("no /01/{gtin} in the path") from None
    pairs = segments[start:]
    if len(pairs) % 2:
        raise _fail("path segments must come in AI/value pairs")
    link = DigitalLink(gtin=normalise_gtin(unquote(pairs[1])))
    seen: list[str] = []
    for ai, raw in zip(pairs[2::2], pairs[3::2], strict=True):
        if ai not in QUALIFIERS:
            raise _fail(f"AI {ai} is not a key qualifier of the GTIN")
        if ai in seen or (seen and QUALIFIERS.index(ai) < QUALIFIERS.index(seen[-1])):
            raise _fail("key qualifiers must appear once, in the order 22, 10, 21")
        seen.append(ai)
        link = replace(link, **{FIELD_FOR[ai]: _check_value(ai, unquote(raw))})
    return replace(link, expiry=_expiry(dict(parse_qsl(split.query)), today or date.today()))


def century_year(yy: int, today: date) -> int:
    """The full year of a two-digit YY by GS1's sliding window (General Specifications
    7.12): more than 50 years ahead is last century, 50 or more behind is next century."""
    difference = yy - today.year % 100
    century = today.year // 100 * 100
    if 51 <= difference <= 99:
        return century - 100 + yy
    if -99 <= difference <= -50:
        return century + 100 + yy
    return century + yy


def _expiry(query: dict, today: date) -> date | None:
    raw = query.get("17")
    if raw is None:
        return None
    if not re.fullmatch(r"\d{6}", raw):
        raise _fail("17 (expiry) must be YYMMDD")
    year, month, day = century_year(int(raw[:2]), today), int(raw[2:4]), int(raw[4:])
    try:
        # GS1: day 00 means the last day of the month.
        return date(year, month, day) if day else _month_end(year, month)
    except ValueError:
        raise _fail(f"17 (expiry) {raw} is not a date") from None


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)

"""Report periods: a month, a quarter or a year."""

import calendar
from datetime import date

from program.errors import ProgramError, ProgramErrorCode

KINDS = ("month", "quarter", "year")


def period_bounds(kind: str, year: int, number: int = 1) -> tuple[date, date]:
    """First and last day of month `number`, quarter `number`, or the year."""
    limits = {"month": 12, "quarter": 4, "year": 1}
    if kind not in limits or not 1 <= number <= limits[kind] or not 2000 <= year <= 2100:
        raise ProgramError(ProgramErrorCode.INVALID, "period", value=f"{kind} {number}/{year}")
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    first_month = number if kind == "month" else 3 * number - 2
    last_month = number if kind == "month" else first_month + 2
    return date(year, first_month, 1), date(
        year, last_month, calendar.monthrange(year, last_month)[1]
    )


def period_label(kind: str, year: int, number: int = 1) -> str:
    if kind == "month":
        return f"{number:02d}/{year}"
    if kind == "quarter":
        return f"Q{number}/{year}"
    return str(year)

"""Spreadsheets in and out: CSV (UTF-8; comma, semicolon or tab) or XLSX, with English or
Vietnamese column headings. Used by every bulk import and export."""

import csv
import io
from enum import StrEnum


class TableProblem(StrEnum):
    UNREADABLE = "unreadable_file"
    MISSING_COLUMNS = "missing_columns"
    EMPTY = "empty_file"
    TOO_MANY_ROWS = "too_many_rows"


class TableError(Exception):
    """A file-level problem: nothing in the file is used."""

    def __init__(self, problem: TableProblem, **params):
        self.problem = problem
        self.params = params
        super().__init__(problem.value)


def read_table(
    content: bytes, filename: str, columns: dict[str, tuple[str, ...]], required, max_rows: int
) -> list[dict]:
    """Rows as dicts keyed by our column names, each with the line number the spreadsheet
    shows ("row"). `columns` maps our name to the headings accepted for it."""
    try:
        if filename.lower().endswith(".xlsx"):
            header, body = _xlsx(content)
        else:
            header, body = _csv(content)
    except (ValueError, KeyError, OSError, csv.Error, UnicodeDecodeError) as error:
        raise TableError(TableProblem.UNREADABLE) from error
    names = {alias: key for key, aliases in columns.items() for alias in aliases}
    keys = [names.get(str(cell or "").strip().lower()) for cell in header]
    missing = [column for column in required if column not in keys]
    if missing:
        raise TableError(TableProblem.MISSING_COLUMNS, columns=", ".join(missing))
    rows = [
        {"row": number, **{key: cell for key, cell in zip(keys, cells, strict=False) if key}}
        for number, cells in body
        if any(str(cell or "").strip() for cell in cells)
    ]
    if not rows:
        raise TableError(TableProblem.EMPTY)
    if len(rows) > max_rows:
        raise TableError(TableProblem.TOO_MANY_ROWS, count=len(rows), maximum=max_rows)
    return rows


def _csv(content: bytes):
    text = content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    lines = list(csv.reader(io.StringIO(text), dialect))
    if not lines:
        raise ValueError("empty")
    return lines[0], [(number, cells) for number, cells in enumerate(lines[1:], start=2)]


def _xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        lines = list(sheet.iter_rows(values_only=True))
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValueError(str(error)) from error
    if not lines:
        raise ValueError("empty")
    return lines[0], [(number, list(cells)) for number, cells in enumerate(lines[1:], start=2)]


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs show Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def xlsx_bytes(header: list[str], rows: list[list], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

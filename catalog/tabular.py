"""Spreadsheets in and out: CSV (UTF-8; comma, semicolon or tab) or XLSX, with English or
Vietnamese column headings. Used by every bulk import and export."""

import csv
import io
import zipfile
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


MAX_COLUMNS = 64  # more than any import has; wider rows are cut, never padded
BLANK_LINES_FACTOR = 10
MAX_XLSX_EXPANDED = 32 * 1024 * 1024  # what the parts of an XLSX may unpack to


def read_table(
    content: bytes, filename: str, columns: dict[str, tuple[str, ...]], required, max_rows: int
) -> list[dict]:
    """Rows as dicts keyed by our column names, each with the line number the spreadsheet
    shows ("row"). `columns` maps our name to the headings accepted for it. Rows are read
    one at a time and reading stops past `max_rows`, whatever size the file declares."""
    try:
        header, body = _xlsx(content) if filename.lower().endswith(".xlsx") else _csv(content)
        names = {alias: key for key, aliases in columns.items() for alias in aliases}
        keys = [names.get(str(cell or "").strip().lower()) for cell in header]
        missing = [column for column in required if column not in keys]
        if missing:
            raise TableError(TableProblem.MISSING_COLUMNS, columns=", ".join(missing))
        rows = []
        for number, cells in body:
            if not any(str(cell or "").strip() for cell in cells):
                if number > BLANK_LINES_FACTOR * max_rows:  # a sheet of blank lines
                    raise TableError(
                        TableProblem.TOO_MANY_ROWS, count=f"{number}+", maximum=max_rows
                    )
                continue
            if len(rows) == max_rows:
                raise TableError(TableProblem.TOO_MANY_ROWS, count=f"{max_rows}+", maximum=max_rows)
            rows.append(
                {
                    "row": number,
                    **{key: cell for key, cell in zip(keys, cells, strict=False) if key},
                }
            )
    except (ValueError, KeyError, OSError, csv.Error, UnicodeDecodeError) as error:
        raise TableError(TableProblem.UNREADABLE) from error
    if not rows:
        raise TableError(TableProblem.EMPTY)
    return rows


def _csv(content: bytes):
    text = content.decode("utf-8-sig")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:  # too little text to tell: our own exports use commas
        dialect = csv.excel
    lines = csv.reader(io.StringIO(text), dialect)
    header = next(lines, None)
    if header is None:
        raise ValueError("empty")
    body = (
        (number, [_unquoted(cell) for cell in cells[:MAX_COLUMNS]])
        for number, cells in enumerate(lines, start=2)
    )
    return header[:MAX_COLUMNS], body


def _xlsx(content: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(part.file_size for part in archive.infolist()) > MAX_XLSX_EXPANDED:
                raise ValueError("unpacks to more than the limit")  # a zip bomb
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        # The declared size (A1:XFD2000) is not trusted: without it, rows are as long
        # as their cells, not padded to the declared width.
        sheet.reset_dimensions()
        lines = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        header = next(lines, None)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValueError(str(error)) from error
    if header is None:
        raise ValueError("empty")
    return list(header), _numbered(lines)


def _numbered(lines):
    try:
        for number, cells in enumerate(lines, start=2):
            yield number, list(cells)
    except Exception as error:  # a part damaged further down the sheet
        raise ValueError(str(error)) from error


# A spreadsheet program runs a cell starting with one of these as a formula
# (=HYPERLINK(…) that sends data away, or worse): OWASP's "CSV injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text a spreadsheet would run as a formula, behind an apostrophe: shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(cells) -> list:
    """A row for any CSV we write: every text cell through `safe_cell`."""
    return [safe_cell(cell) for cell in cells]


def _unquoted(cell):
    # Our own CSV exports quote formula-like text; reading them back gives the text.
    if isinstance(cell, str) and cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def xlsx_row(sheet, cells) -> list:
    """A row for any XLSX we write: text is stored as text, never as a formula (openpyxl
    stores a string starting with "=" as one), so it shows exactly as typed."""
    from openpyxl.cell import WriteOnlyCell

    row = []
    for value in cells:
        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, str) and cell.data_type == "f":
            cell.data_type = "s"
        row.append(cell)
    return row


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs show Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode()


def xlsx_bytes(header: list[str], rows: list[list], title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(xlsx_row(sheet, header))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

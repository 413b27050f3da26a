"""Print stamps, render the PDF as a scanner would see it, and decode every QR."""

import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from traceability.printing.content import LabelContent, LabelSize
from traceability.printing.png import label_png
from traceability.services.stamps import issue_batch, stamp_uri


def decode_images(images) -> list[str]:
    zbarimg = shutil.which("zbarimg")
    assert zbarimg, "zbar-tools must be installed (.ci/run installs it)"
    done = subprocess.run(
        [zbarimg, "--quiet", "--raw", *map(str, images)], capture_output=True, text=True
    )
    return [line for line in done.stdout.splitlines() if line]


def cut_labels(page: Path, size: LabelSize, dpi: int, folder: Path) -> list[Path]:
    """Cut a rendered page into its label cells, as a phone camera frames one stamp."""
    scale = dpi / 25.4
    cells = []
    with Image.open(page) as image:
        for row in range(size.rows):
            for column in range(size.columns):
                left = (size.margin + column * size.width) * scale
                top = (size.margin + row * size.height) * scale
                box = (
                    round(left),
                    round(top),
                    round(left + size.width * scale),
                    round(top + size.height * scale),
                )
                cell = folder / f"{page.stem}-{row:02d}-{column}.png"
                image.crop(box).save(cell)
                cells.append(cell)
    return cells


def decode_sheets(pdf: Path, folder: Path) -> list[str]:
    """Render the sheets at 200 dpi, cut them into labels, decode every QR with zbar."""
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(folder / "page")], check=True)
    cells = folder / "cells"
    cells.mkdir()
    pages = sorted(folder.glob("page*.png"))
    return decode_images(
        [cell for page in pages for cell in cut_labels(page, LabelSize(), 200, cells)]
    )


def test_every_qr_on_a_printed_sheet_decodes_to_its_stamp(make_lot, tmp_path):
    # given a batch of 30 stamps (two A4 pages of 27 labels)
    batch = issue_batch(make_lot(), 30)
    pdf = tmp_path / "tem.pdf"
    progress = StringIO()

    # when it is printed with the command, and the pages are rendered at 200 dpi
    call_command("stamps", "print", str(batch.pk), "--pdf", str(pdf), stdout=progress)
    assert shutil.which("pdftoppm"), "poppler-utils must be installed (.ci/run installs it)"
    decoded = decode_sheets(pdf, tmp_path)

    # then every QR decodes to the Digital Link of one stored stamp, each exactly once
    expected = {stamp_uri(stamp) for stamp in batch.stamps.select_related("batch__lot__variant")}
    assert sorted(decoded) == sorted(expected)
    assert len(list(tmp_path.glob("page*.png"))) == 2
    assert "30 labels written" in progress.getvalue()


def test_the_sheet_carries_the_label_text(make_lot, tmp_path):
    batch = issue_batch(make_lot(), 2)
    pdf = tmp_path / "tem.pdf"
    call_command("stamps", "print", str(batch.pk), "--pdf", str(pdf), stdout=StringIO())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Quét mã để truy xuất nguồn gốc" in text
    assert batch.lot.variant.product.name[:20] in text


def test_a_png_label_decodes(tmp_path):
    uri = "http://127.0.0.1:8000/01/08934588012112/10/NM-2024-01/21/ABCDEFGHJKMNP9"
    (tmp_path / "label.png").write_bytes(
        label_png(LabelContent(uri, "Nước mắm cá cơm", 4, "ABCD EFGH JKMN P9"))
    )
    assert decode_images([tmp_path / "label.png"]) == [uri]


def test_a_label_too_big_for_the_page_is_refused(make_lot, tmp_path):
    from django.core.management import CommandError

    batch = issue_batch(make_lot(), 1)
    with pytest.raises(CommandError, match="does not fit"):
        call_command(
            "stamps",
            "print",
            str(batch.pk),
            "--pdf",
            str(tmp_path / "x.pdf"),
            "--label-width",
            "300",
        )

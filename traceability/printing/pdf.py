"""A4 sheets of stamp labels (reportlab). Each QR row is drawn as one rectangle per run of
dark modules, in module units under a scaling matrix, so the code decodes when printed."""

import io
import os
from collections.abc import Callable, Iterable

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from traceability.printing.content import (
    CALL_TO_ACTION,
    DEFAULT_LABEL,
    LabelContent,
    LabelSize,
    dark_runs,
    font_path,
    logo_png,
    qr_matrix,
    stars_text,
)


def register_fonts() -> tuple[str, str]:
    """Regular and bold font names with Vietnamese glyphs (DejaVu), registered once."""
    regular, bold = font_path(False), font_path(True)
    if not regular:
        return "Helvetica", "Helvetica-Bold"  # no DejaVu: Vietnamese marks will be lost
    if "OCOP-Sans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("OCOP-Sans", regular))
        pdfmetrics.registerFont(TTFont("OCOP-Sans-Bold", bold or regular))
    return "OCOP-Sans", "OCOP-Sans-Bold"


def qr_operators(matrix, x: float, y: float, side: float) -> str:
    """PDF operators filling the QR's dark runs inside a square of `side` points at (x, y)."""
    module = side / len(matrix)
    parts = [f"q {module:.4f} 0 0 {-module:.4f} {x:.3f} {y + side:.3f} cm"]
    for row_index, row in enumerate(matrix):
        for start, length in dark_runs(row):
            parts.append(f"{start} {row_index} {length} 1 re")
    parts.append("f Q")
    return "\n".join(parts)


def render_sheets(
    labels: Iterable[LabelContent],
    output,
    size: LabelSize = DEFAULT_LABEL,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write labels to `output` (a path or binary file) as A4 pages; returns the count."""
    if isinstance(output, os.PathLike):
        output = os.fspath(output)
    canvas = Canvas(output, pagesize=(size.page_width * mm, size.page_height * mm))
    canvas.setTitle("OCOP traceability stamps")
    regular, bold = register_fonts()
    logo = ImageReader(io.BytesIO(logo_png()))
    count = 0
    for count, label in enumerate(labels, start=1):
        slot = (count - 1) % size.per_page
        if slot == 0 and count > 1:
            canvas.showPage()
        column, row = slot % size.columns, slot // size.columns
        left = (size.margin + column * size.width) * mm
        bottom = (size.page_height - size.margin - (row + 1) * size.height) * mm
        _draw_label(canvas, label, left, bottom, size, (regular, bold), logo)
        if progress and count % 500 == 0:
            progress(count)
    canvas.showPage()
    canvas.save()
    if progress:
        progress(count)
    return count


def fit_lines(text: str, font: str, size: float, width: float, max_lines: int = 2) -> list[str]:
    """Wrap `text` into at most `max_lines` lines of `width` points, ending with … if cut."""
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and pdfmetrics.stringWidth(lines[-1] + "…", font, size) > width:
            lines[-1] = lines[-1][:-1]
        lines[-1] += "…"
    return lines


def _draw_label(canvas, label, left, bottom, size, fonts, logo) -> None:
    regular, bold = fonts
    quiet, height = size.quiet_zone * mm, size.height * mm
    side = height - 2 * quiet
    canvas.addLiteral(qr_operators(qr_matrix(label.uri), left + quiet, bottom + quiet, side))
    text_left = left + height + 1 * mm
    text_width = size.width * mm - height - 2 * mm
    top = bottom + height
    canvas.drawImage(logo, text_left, top - 9 * mm, 7 * mm, 7 * mm, mask="auto")
    if label.stars:
        canvas.setFont(regular, 9)
        canvas.drawString(text_left + 8 * mm, top - 6 * mm, stars_text(label.stars))
    canvas.setFont(bold, 6.5)
    for index, line in enumerate(fit_lines(label.product_name, bold, 6.5, text_width)):
        canvas.drawString(text_left, top - (12.5 + index * 2.6) * mm, line)
    canvas.setFont(regular, 6.5)
    canvas.drawString(text_left, top - 19.5 * mm, label.serial_display)
    call_size = min(5.0, 5.0 * text_width / pdfmetrics.stringWidth(CALL_TO_ACTION, regular, 5.0))
    canvas.setFont(regular, call_size)
    canvas.drawString(text_left, bottom + 4 * mm, CALL_TO_ACTION)

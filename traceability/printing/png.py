"""One stamp label as a PNG (Pillow), e.g. for a thermal printer that takes images."""

import io

from PIL import Image, ImageDraw, ImageFont

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


def _font(size: int, bold: bool = False):
    path = font_path(bold)
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


def label_png(content: LabelContent, size: LabelSize = DEFAULT_LABEL, dpi: int = 300) -> bytes:
    px = dpi / 25.4
    width, height = round(size.width * px), round(size.height * px)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    matrix = qr_matrix(content.uri)
    quiet = size.quiet_zone * px
    module = (height - 2 * quiet) / len(matrix)
    for row_index, row in enumerate(matrix):
        top = quiet + row_index * module
        for start, length in dark_runs(row):
            left = quiet + start * module
            draw.rectangle(
                [
                    round(left),
                    round(top),
                    round(left + length * module) - 1,
                    round(top + module) - 1,
                ],
                fill=0,
            )
    text_left = round(height + 1 * px)
    with Image.open(io.BytesIO(logo_png())) as logo:
        mark = logo.convert("L").resize((round(7 * px), round(7 * px)))
        image.paste(mark, (text_left, round(2 * px)))
    draw.text(
        (text_left + round(8 * px), round(3 * px)),
        stars_text(content.stars),
        font=_font(round(3.2 * px)),
        fill=0,
    )
    draw.text(
        (text_left, round(11 * px)),
        content.product_name[:40],
        font=_font(round(2.6 * px), bold=True),
        fill=0,
    )
    draw.text(
        (text_left, round(18 * px)), content.serial_display, font=_font(round(2.4 * px)), fill=0
    )
    draw.text((text_left, round(24 * px)), CALL_TO_ACTION, font=_font(round(1.9 * px)), fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()

"""What goes on a stamp label, shared by the PNG and the PDF renderers."""

import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import segno
from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

CALL_TO_ACTION = "Quét mã để truy xuất nguồn gốc"


@dataclass(frozen=True)
class LabelContent:
    uri: str
    product_name: str
    stars: int | None
    serial_display: str


@dataclass(frozen=True)
class LabelSize:
    """Label and sheet geometry in millimetres (A4 sheets by default)."""

    width: float = 60
    height: float = 30
    quiet_zone: float = 3
    page_width: float = 210
    page_height: float = 297
    margin: float = 8

    @property
    def columns(self) -> int:
        return int((self.page_width - 2 * self.margin) // self.width)

    @property
    def rows(self) -> int:
        return int((self.page_height - 2 * self.margin) // self.height)

    @property
    def per_page(self) -> int:
        return self.columns * self.rows


DEFAULT_LABEL = LabelSize()


def qr_matrix(uri: str):
    """Rows of 0/1 modules. A fixed mask makes encoding about five times faster; every mask
    gives a valid code, and printed labels are tested by decoding them."""
    return segno.make(uri, error="m", micro=False, mask=0).matrix


def dark_runs(row) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    runs, start = [], None
    for column, module in enumerate(row):
        if module and start is None:
            start = column
        elif not module and start is not None:
            runs.append((start, column - start))
            start = None
    if start is not None:
        runs.append((start, len(row) - start))
    return runs


def stars_text(stars: int | None) -> str:
    return "★" * stars if stars else ""


@cache
def font_path(bold: bool = False) -> str | None:
    if not shutil.which("fc-match"):
        return None
    pattern = "DejaVu Sans:bold" if bold else "DejaVu Sans"
    found = subprocess.run(
        ["fc-match", pattern, "-f", "%{file}"], capture_output=True, text=True
    ).stdout.strip()
    return found or None


@cache
def logo_png() -> bytes:
    """The programme's mark: TRACE_LOGO_PATH, or a drawn round "OCOP" mark."""
    if settings.TRACE_LOGO_PATH:
        with Image.open(settings.TRACE_LOGO_PATH) as image:
            buffer = io.BytesIO()
            image.convert("RGBA").save(buffer, "PNG")
            return buffer.getvalue()
    size = 240
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([6, 6, size - 6, size - 6], fill=(196, 30, 58, 255))
    path = font_path(bold=True)
    font = ImageFont.truetype(path, 62) if path else ImageFont.load_default(size=62)
    draw.text((size / 2, size / 2), "OCOP", font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()

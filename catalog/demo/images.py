"""Draw demo product images with Pillow (no downloads)."""

import io
import shutil
import subprocess
from functools import cache

from PIL import Image, ImageDraw, ImageFont

GROUP_COLOURS = {
    "1": (196, 120, 42),
    "2": (120, 60, 140),
    "3": (46, 125, 80),
    "4": (150, 110, 70),
    "5": (200, 70, 110),
    "6": (40, 110, 170),
}


@cache
def _font_path() -> str | None:
    if not shutil.which("fc-match"):
        return None
    found = subprocess.run(
        ["fc-match", "DejaVu Sans:bold", "-f", "%{file}"], capture_output=True, text=True
    ).stdout.strip()
    return found or None


def _font(size: int):
    path = _font_path()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size=size)


@cache  # pure: the same arguments draw the same picture, and demo loads repeat in tests
def product_image(name: str, group_code: str, seed: int) -> bytes:
    """An 800×600 JPEG: a gradient in the group's colour with the product name."""
    base = GROUP_COLOURS.get(group_code.split(".")[0], (90, 90, 90))
    image = Image.new("RGB", (800, 600))
    draw = ImageDraw.Draw(image)
    for y in range(600):
        shade = 0.55 + 0.45 * (y / 600)
        draw.line([(0, y), (800, y)], fill=tuple(int(c * shade) for c in base))
    radius = 120 + (seed * 37) % 80
    centre = (560 + (seed * 53) % 160, 160 + (seed * 29) % 120)
    draw.ellipse(
        [centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius],
        fill=tuple(min(255, c + 60) for c in base),
    )
    font = _font(44)
    words, lines, line = name.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) > 680 and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    for index, text in enumerate(lines):
        draw.text((60, 380 + index * 56), text, font=font, fill=(255, 255, 255))
    draw.text((60, 540), "OCOP · demo", font=_font(24), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()

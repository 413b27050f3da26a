"""Charts drawn on the server as SVG geometry; the templates draw them, no JavaScript.

Each chart also comes with its numbers in a table beside it, so nothing depends on
reading a bar's length.
"""

from dataclasses import dataclass
from decimal import Decimal

# A narrow drawing with large type: on a 390-px phone it is drawn near its own size, so
# 13-unit text reads as about 12 px; on a desktop the CSS caps its width.
WIDTH = 400
ROW_HEIGHT = 40
COLUMN_AREA_HEIGHT = 150


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: Decimal
    text_x: float
    text_y: float


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    maximum: Decimal
    negative: bool = False


def _scale(values) -> Decimal:
    top = max((abs(Decimal(value)) for value in values), default=Decimal(0))
    return top or Decimal(1)


def horizontal(rows: list[dict]) -> Chart:
    """One bar per row ({"label", "gross"}), longest first as given; each label sits on its
    own line above its bar, so long Vietnamese names are never squeezed."""
    top = _scale(row["gross"] for row in rows)
    room = WIDTH - 120  # the value is written after the bar
    bars = []
    for index, row in enumerate(rows):
        length = max(float(abs(Decimal(row["gross"])) / top) * room, 1.0)
        y = index * ROW_HEIGHT
        bars.append(
            Bar(
                x=0,
                y=y + 20,
                width=length,
                height=14,
                label=str(row["label"]),
                value=row["gross"],
                text_x=length + 6,
                text_y=y + 27,
            )
        )
    return Chart(WIDTH, max(len(rows), 1) * ROW_HEIGHT + 4, bars, top)


def columns(points: list[tuple], label_format: str = "%m/%y") -> Chart:
    """One column per (day or month, amount, …), in time order. The template labels
    every column up to 6, every other up to 12, one in three beyond (the table below the
    chart and each column's title have them all)."""
    top = _scale(point[1] for point in points)
    slot = (WIDTH - 20) / max(len(points), 1)
    bars = []
    for index, (period, value, *_) in enumerate(points):
        height = float(abs(Decimal(value or 0)) / top) * COLUMN_AREA_HEIGHT
        x = 10 + index * slot + slot * 0.15
        bars.append(
            Bar(
                x=x,
                y=COLUMN_AREA_HEIGHT - height + 10,
                width=slot * 0.7,
                height=max(height, 1.0),
                label=period.strftime(label_format),
                value=value or Decimal(0),
                text_x=x + slot * 0.35,
                text_y=COLUMN_AREA_HEIGHT + 28,
            )
        )
    return Chart(WIDTH, COLUMN_AREA_HEIGHT + 40, bars, top)

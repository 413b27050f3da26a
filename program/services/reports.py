"""The periodic report for the standing agency (XLSX and PDF) and the ledger as CSV.

Every figure comes from `aggregates` and `progress`, the same functions the dashboard
uses, so the report and the dashboard cannot disagree.
"""

import csv
import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from catalog.tabular import safe_row, xlsx_row
from marketplace.channels.models import ChannelKind
from program.services import aggregates
from program.services.progress import TargetProgress, progress
from program.services.scope import Scope

LEDGER_COLUMNS = [
    "date",
    "kind",
    "source",
    "producer",
    "product",
    "sku",
    "administrative_unit",
    "channel_kind",
    "channel",
    "sales_point",
    "quantity",
    "gross",
    "commission",
    "currency",
]


@dataclass
class Report:
    title: str
    period: str
    area: str
    totals: aggregates.Totals
    sections: list[tuple[str, list[dict]]]
    targets: list[tuple[str, list[TargetProgress]]] = field(default_factory=list)


def build(scope: Scope, *, period: str, plans=()) -> Report:
    sections = [
        ("Kênh bán / Channel kind", aggregates.by_channel_kind(scope)),
        ("Địa bàn / Administrative unit", aggregates.by_unit(scope, limit=None)),
        ("Chủ thể / Producer", aggregates.by_producer(scope, limit=None)),
        ("Sản phẩm / Product", aggregates.by_product(scope, limit=None)),
    ]
    return Report(
        title="Báo cáo tiến độ Chương trình OCOP / OCOP programme progress report",
        period=period,
        area=str(scope.area) if scope.area else "Toàn chương trình / Whole programme",
        totals=aggregates.totals(scope),
        sections=sections,
        targets=[(str(plan), progress(plan)) for plan in plans],
    )


def _total_rows(report: Report) -> list[tuple[str, object]]:
    totals = report.totals
    return [
        ("Doanh thu (đã trừ hoàn tiền) / Revenue net of refunds (₫)", totals.gross),
        ("Hoàn tiền / Refunds (₫)", totals.refunds),
        ("Hoa hồng / Commission (₫)", totals.commission),
        ("Số lượng / Quantity", totals.quantity),
        ("Số dòng sổ / Ledger rows", totals.rows),
    ]


def _target_rows(items: list[TargetProgress], statuses: dict | None = None) -> list[list]:
    statuses = statuses or {}
    return [
        [
            item.target.get_metric_display(),
            _channel_kind_label(item.target.channel_kind),
            item.target.minimum,
            item.target.maximum if item.target.maximum is not None else "",
            item.value.value,
            statuses.get(item.status, item.status),
        ]
        for item in items
    ]


def _channel_kind_label(code: str) -> str:
    return str(dict(ChannelKind.choices).get(code, code)) if code else ""


TARGET_HEADER = [
    "Chỉ tiêu / Metric",
    "Kênh / Channel",
    "Tối thiểu / Min",
    "Tối đa / Max",
    "Đạt / Value",
    "Trạng thái / Status",
]


def to_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tong hop"
    for row in ([report.title], ["Kỳ / Period", report.period], ["Địa bàn / Area", report.area]):
        sheet.append(xlsx_row(sheet, row))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    for label, value in _total_rows(report):
        sheet.append(xlsx_row(sheet, [label, value]))
    for plan, items in report.targets:
        sheet.append([])
        sheet.append(xlsx_row(sheet, [plan]))
        sheet.append(xlsx_row(sheet, TARGET_HEADER))
        for row in _target_rows(items, STATUS_TEXT):
            sheet.append(xlsx_row(sheet, row))
    sheet.column_dimensions["A"].width = 60
    for index, (title, rows) in enumerate(report.sections, start=1):
        part = book.create_sheet(f"Bang {index}")
        part.append(xlsx_row(part, [title, "Doanh thu / Gross (₫)", "Số lượng / Quantity"]))
        for row in rows:
            part.append(xlsx_row(part, [row["label"], row["gross"], row["quantity"]]))
        part.column_dimensions["A"].width = 50
        part.column_dimensions["B"].width = 22
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# A4 portrait with 15 mm margins leaves 180 mm: every table's columns add up to it, and
# every cell is a paragraph that wraps, so no text runs off the page.
PAGE_MARGIN_MM = 15
FRAME_MM = 180
TARGET_WIDTHS_MM = (62, 24, 20, 20, 24, 30)
SECTION_WIDTHS_MM = (110, 40, 30)
STATUS_TEXT = {
    "met": "Đạt / Met",
    "short": "Chưa đạt / Not yet",
    "above": "Vượt mức tối đa / Above the maximum",
}


def to_pdf(report: Report) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = _pdf_styles()
    story = [
        Paragraph(report.title, styles["Title"]),
        Paragraph(
            f"Kỳ / Period: {report.period} — Địa bàn / Area: {report.area}", styles["Normal"]
        ),
        Spacer(1, 4 * mm),
        _table(
            styles,
            [[label, _number(value)] for label, value in _total_rows(report)],
            (130, 50),
            header=False,
        ),
    ]
    for plan, items in report.targets:
        rows = [[_number(cell) for cell in row] for row in _target_rows(items, STATUS_TEXT)]
        story += [Spacer(1, 4 * mm), Paragraph(plan, styles["Heading3"])]
        story.append(_table(styles, [TARGET_HEADER, *rows], TARGET_WIDTHS_MM))
    for title, rows in report.sections:
        body = [[row["label"], _number(row["gross"]), _number(row["quantity"])] for row in rows]
        story += [Spacer(1, 4 * mm), Paragraph(title, styles["Heading3"])]
        header = [title, "Doanh thu / Gross (₫)", "Số lượng / Quantity"]
        story.append(_table(styles, [header, *body], SECTION_WIDTHS_MM))
    output = io.BytesIO()
    margin = PAGE_MARGIN_MM * mm
    SimpleDocTemplate(
        output,
        pagesize=A4,
        title=report.title,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
    ).build(story)
    return output.getvalue()


def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    from traceability.printing.pdf import register_fonts

    regular, bold = register_fonts()
    styles = getSampleStyleSheet()
    for style in styles.byName.values():
        style.fontName = regular
    styles["Title"].fontName = bold
    styles.add(ParagraphStyle("Cell", fontName=regular, fontSize=8, leading=10))
    styles.add(ParagraphStyle("Number", parent=styles["Cell"], alignment=2))  # right
    styles.add(ParagraphStyle("Head", parent=styles["Cell"], fontName=bold))
    return styles


def _table(styles, rows: list[list], widths_mm, *, header: bool = True):
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    assert abs(sum(widths_mm) - FRAME_MM) < 0.5, widths_mm

    def cell(value, row_index, column_index):
        text = escape(str(value))
        if header and row_index == 0:
            return Paragraph(text, styles["Head"])
        numeric = column_index > 0 and text.replace(".", "").replace("-", "").isdigit()
        return Paragraph(text, styles["Number" if numeric else "Cell"])

    data = [[cell(v, r, c) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    return Table(
        data,
        colWidths=[width * mm for width in widths_mm],
        style=style,
        repeatRows=1 if header else 0,
    )


def _number(value) -> str:
    """120000 → "120.000", as Vietnamese writes amounts."""
    if isinstance(value, int | float) or hasattr(value, "quantize"):
        return f"{int(value):,}".replace(",", ".")
    return str(value)


def ledger_csv_lines(rows):
    """The ledger rows (a queryset) as CSV text, one line at a time, header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(safe_row(cells))
        return buffer.getvalue()

    yield line(LEDGER_COLUMNS)
    related = rows.select_related(
        "producer", "product", "variant", "administrative_unit", "channel", "sales_point"
    ).order_by("entry_date", "pk")
    for entry in related.iterator(chunk_size=2000):
        yield line(
            [
                entry.entry_date.isoformat(),
                entry.kind,
                entry.source,
                entry.producer.name,
                entry.product.name,
                entry.variant.sku if entry.variant else "",
                entry.administrative_unit.name,
                entry.channel_kind,
                entry.channel.slug if entry.channel else "",
                entry.sales_point.name if entry.sales_point else entry.note,
                entry.quantity,
                entry.gross,
                entry.commission,
                entry.currency,
            ]
        )

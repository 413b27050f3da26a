"""`ocop ledger rebuild` and the all-or-nothing import of sales made elsewhere."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from program.errors import ProgramError, ProgramErrorCode
from program.models import LedgerImport, SalesLedgerEntry
from program.services import imports
from program.services.rebuild import rebuild

pytestmark = pytest.mark.django_db


def run_rebuild(*args) -> str:
    out = io.StringIO()
    call_command("ledger", "rebuild", *args, stdout=out)
    return out.getvalue()


def test_rebuild_books_a_missing_row_and_a_second_run_changes_nothing(paid_cod_order):
    order = paid_cod_order(price=100000, quantity=2)
    SalesLedgerEntry.objects.all().delete()  # as if the event had never been handled

    first = run_rebuild()
    second = run_rebuild()

    line = order.lines.get()
    assert f"sale:{line.pk}: expected quantity 2, gross 200000" in first
    assert first.strip().endswith("1 differences booked.")
    assert second.strip() == "0 differences booked."
    assert SalesLedgerEntry.objects.get().gross == Decimal("200000")


def test_rebuild_corrects_a_wrong_row_with_a_correction_row(paid_cod_order):
    paid_cod_order(price=100000, quantity=2)
    entry = SalesLedgerEntry.objects.get()
    SalesLedgerEntry.objects.filter(pk=entry.pk).update(gross=Decimal("150000"))

    assert [d.source for d in rebuild(dry_run=True)] == [entry.source]
    assert SalesLedgerEntry.objects.count() == 1  # a dry run writes nothing
    rebuild()

    correction = SalesLedgerEntry.objects.get(kind="correction")
    assert correction.source == f"correction:1:{entry.source}"
    assert correction.gross == Decimal("50000")
    assert rebuild() == []


def sales_csv(*rows) -> bytes:
    lines = ["date,sku,quantity,gross,channel_kind,place", *rows]
    return "\n".join(lines).encode()


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(make_seller):
    seller = make_seller()
    content = sales_csv(
        f"01/03/2026,{seller.variant.sku},3,360.000,supermarket,WinMart Hải Dương",
        "02/03/2026,KHONG-CO,1,120000,supermarket,WinMart Hải Dương",
    )

    preview = imports.preview(content, "ban-le.csv")

    assert [(e["row"], e["field"]) for e in preview.errors] == [(3, "sku")]
    assert preview.errors[0]["message_vi"] == "Không có sản phẩm mã SKU «KHONG-CO»."
    assert preview.errors[0]["message_en"] == "No product has SKU “KHONG-CO”."
    with pytest.raises(ProgramError) as refused:
        imports.confirm(preview)
    assert refused.value.code == ProgramErrorCode.IMPORT_HAS_ERRORS
    assert not SalesLedgerEntry.objects.exists()


def test_a_valid_file_is_imported_once(make_seller):
    seller = make_seller()
    content = sales_csv(
        f"01/03/2026,{seller.variant.sku},3,360.000,supermarket,WinMart Hải Dương",
        f"2026-03-02,{seller.variant.sku},1,120000,fair,Hội chợ OCOP Hải Dương 2026",
    )

    entries = imports.confirm(imports.preview(content, "ban-le.csv"))
    again = imports.preview(content, "ban-le-lan-2.csv")

    assert [(e.entry_date.isoformat(), e.quantity, e.gross, e.note) for e in entries] == [
        ("2026-03-01", 3, Decimal("360000"), "WinMart Hải Dương"),
        ("2026-03-02", 1, Decimal("120000"), "Hội chợ OCOP Hải Dương 2026"),
    ]
    assert {e.kind for e in entries} == {"external"}
    with pytest.raises(ProgramError) as refused:
        imports.confirm(again)
    assert refused.value.code == ProgramErrorCode.ALREADY_IMPORTED
    assert SalesLedgerEntry.objects.count() == 2


def test_an_xlsx_file_with_vietnamese_headings_is_read(make_seller):
    seller = make_seller()
    book = Workbook()
    book.active.append(["Ngày", "Mã SKU", "Số lượng", "Thành tiền", "Kênh", "Nơi bán"])
    book.active.append(["05/04/2026", seller.variant.sku, 2, 240000, "supermarket", "Co.op"])
    output = io.BytesIO()
    book.save(output)

    preview = imports.preview(output.getvalue(), "thang-4.xlsx")

    assert preview.errors == []
    assert preview.rows == [
        {
            "row": 2,
            "place": "Co.op",
            "date": "2026-04-05",
            "sku": seller.variant.pk,
            "quantity": 2,
            "gross": "240000",
            "channel_kind": "supermarket",
        }
    ]


@pytest.mark.parametrize(
    ("content", "filename", "code"),
    [
        (b"\x00\x01garbage", "x.xlsx", ProgramErrorCode.UNREADABLE_FILE),
        (b"date,sku\n01/01/2026,A\n", "x.csv", ProgramErrorCode.MISSING_COLUMNS),
        (b"date,sku,quantity,gross,channel_kind\n", "x.csv", ProgramErrorCode.EMPTY_FILE),
        (b"\xff\xfe\x00bad", "x.csv", ProgramErrorCode.UNREADABLE_FILE),
    ],
)
def test_an_unusable_file_is_refused_before_preview(content, filename, code):
    with pytest.raises(ProgramError) as refused:
        imports.preview(content, filename)

    assert refused.value.code == code
    assert not LedgerImport.objects.exists()


def test_each_bad_value_gets_its_own_error(make_seller):
    seller = make_seller()
    content = sales_csv(f"31/02/2026,{seller.variant.sku},-1,12.5,shop,")

    preview = imports.preview(content, "x.csv")

    assert [e["field"] for e in preview.errors] == ["date", "quantity", "gross", "channel_kind"]


def test_a_producer_may_import_only_its_own_products(make_seller):
    mine, theirs = make_seller(), make_seller()
    content = sales_csv(f"01/03/2026,{theirs.variant.sku},1,1000,fair,Hội chợ")

    preview = imports.preview(content, "x.csv", producer=mine.producer)

    assert preview.errors[0]["message_en"] == (
        f"Product {theirs.variant.sku} does not belong to your producer."
    )

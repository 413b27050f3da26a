"""The programme pages: who may read them, what they show, and the downloads."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from catalog.models import AdministrativeUnit
from marketplace.accounts.models import User
from program.models import LedgerImport, SalesLedgerEntry
from program.services import aggregates
from program.services.scope import scope_for

pytestmark = pytest.mark.django_db
YEAR_2023 = {"start": "2023-01-01", "end": "2023-12-31"}


@pytest.fixture
def staff(demo, client):
    client.force_login(User.objects.get(email="canbo@ocop.demo"))
    return client


@pytest.fixture
def district(demo, client):
    client.force_login(User.objects.get(email="tuky@ocop.demo"))
    return client


@pytest.mark.parametrize(
    "url", ["/chuong-trinh/", "/chuong-trinh/so-cai/", "/chuong-trinh/bao-cao/"]
)
def test_anonymous_visitors_are_sent_to_sign_in(demo, client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/login/")


@pytest.mark.parametrize("login", ["chaxua@ocop.demo", None])
def test_customers_and_producers_may_not_read_the_dashboard(demo, client, login):
    user = (
        User.objects.get(email=login)
        if login
        else User.objects.create_user("khach@example.vn", "mat-khau-dai-123")
    )
    client.force_login(user)

    assert client.get("/chuong-trinh/").status_code == 403
    assert client.get("/chuong-trinh/so-cai/?format=csv").status_code == 403


def test_the_dashboard_shows_plan_progress_and_totals(staff):
    response = staff.get("/chuong-trinh/", YEAR_2023)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-metric="inspections"' in html
    assert "39.900.000\u00a0₫" in html  # the 2023 outside sales of the demo
    assert 'data-testid="time-chart"' in html
    assert "<svg" in html and "WinMart" not in html  # places are in the ledger, not charts


def test_an_empty_period_says_so(staff):
    response = staff.get("/chuong-trinh/", {"start": "2019-01-01", "end": "2019-01-31"})

    assert "Không có doanh số trong kỳ và địa bàn này." in response.content.decode()


def test_a_start_after_the_end_is_refused(staff):
    response = staff.get("/chuong-trinh/", {"start": "2024-02-01", "end": "2024-01-01"})

    assert response.status_code == 400
    assert "Ngày bắt đầu không được sau ngày kết thúc." in response.content.decode()


def test_a_district_user_sees_their_district_by_default(district):
    response = district.get("/chuong-trinh/", YEAR_2023)

    assert response.context["scope"].area.code == "298"
    assert response.context["totals"].gross == Decimal("39900000")


def test_a_district_user_cannot_pick_an_area_outside_theirs(district):
    hai_phong = AdministrativeUnit.objects.get(code="31", valid_to__isnull=True)

    response = district.get("/chuong-trinh/", {**YEAR_2023, "area": hai_phong.pk})

    assert response.status_code == 400
    assert "totals" not in response.context
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_2026_sales_of_the_districts_former_communes_still_count_for_it(district):
    year_2026 = {"start": "2026-01-01", "end": "2026-12-31"}

    mine = district.get("/chuong-trinh/", year_2026).context["totals"].gross

    # The 2023 district ended on 30 June 2025 and 2026 sales are recorded under Hải
    # Phòng's communes; the communes that took over Tứ Kỳ's still count for Tứ Kỳ.
    tu_ky = SalesLedgerEntry.objects.filter(
        entry_date__year=2026, producer__commune__parent__code="298"
    )
    assert mine == sum(row.gross for row in tu_ky) == Decimal(7_900_000)
    assert aggregates.totals(scope_for(date(2026, 1, 1), date(2026, 12, 31))).gross >= mine


def test_ledger_rows_drill_down_and_download_as_csv(staff):
    producer_id = SalesLedgerEntry.objects.filter(entry_date__year=2023).first().producer_id

    page = staff.get("/chuong-trinh/so-cai/", {**YEAR_2023, "producer": producer_id})
    csv = staff.get("/chuong-trinh/so-cai/", {**YEAR_2023, "format": "csv"})

    expected = SalesLedgerEntry.objects.filter(entry_date__year=2023, producer_id=producer_id)
    assert page.context["page"].paginator.count == expected.count()
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("date,kind,source,producer")
    assert len(lines) == 1 + SalesLedgerEntry.objects.filter(entry_date__year=2023).count()


def test_the_year_report_in_xlsx_equals_the_dashboard(staff):
    response = staff.get(
        "/chuong-trinh/bao-cao/", {"kind": "year", "year": 2023, "number": 1, "format": "xlsx"}
    )

    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Tong hop"].iter_rows(values_only=True) if row}
    totals = aggregates.totals(scope_for(date(2023, 1, 1), date(2023, 12, 31)))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-ocop-2023.xlsx"'
    assert Decimal(summary["Doanh thu (đã trừ hoàn tiền) / Revenue net of refunds (₫)"]) == (
        totals.gross
    )
    channel_rows = list(book["Bang 1"].iter_rows(min_row=2, values_only=True))
    assert sum(Decimal(row[1]) for row in channel_rows) == totals.gross


def test_the_month_report_in_xlsx_equals_the_dashboard_for_that_month(staff):
    response = staff.get(
        "/chuong-trinh/bao-cao/", {"kind": "month", "year": 2023, "number": 9, "format": "xlsx"}
    )
    dashboard = staff.get("/chuong-trinh/", {"start": "2023-09-01", "end": "2023-09-30"})

    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["Tong hop"].iter_rows(values_only=True) if row}
    total = summary["Doanh thu (đã trừ hoàn tiền) / Revenue net of refunds (₫)"]
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-ocop-09-2023.xlsx"'
    assert Decimal(total) == dashboard.context["totals"].gross == Decimal("13800000")


def test_the_quarter_report_in_pdf_is_a_pdf(staff):
    response = staff.get(
        "/chuong-trinh/bao-cao/", {"kind": "quarter", "year": 2023, "number": 3, "format": "pdf"}
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_fifth_quarter_is_refused(staff):
    response = staff.get("/chuong-trinh/bao-cao/", {"kind": "quarter", "year": 2023, "number": 5})

    assert response.status_code == 400
    assert "Một năm có bốn quý." in response.content.decode()


def sales_file(*rows) -> SimpleUploadedFile:
    lines = ["date,sku,quantity,gross,channel_kind,place", *rows]
    return SimpleUploadedFile("ban-le.csv", "\n".join(lines).encode(), "text/csv")


def test_an_import_with_one_bad_row_shows_the_row_and_imports_nothing(staff):
    before = SalesLedgerEntry.objects.count()
    upload = sales_file(
        "01/03/2026,TK-00-1,3,360.000,supermarket,WinMart",
        "02/03/2026,TK-00-1,abc,120000,supermarket,WinMart",
    )

    preview = staff.post("/chuong-trinh/nhap-doanh-so/", {"file": upload}, follow=True)
    found = preview.context["found"]
    confirm = staff.post(f"/chuong-trinh/nhap-doanh-so/{found.pk}/confirm", follow=True)

    html = preview.content.decode()
    assert 'data-testid="import-errors"' in html
    assert "Số lượng «abc» phải là số nguyên dương, tối đa 10.000.000." in html
    assert 'data-testid="confirm-import"' not in html
    assert "không dòng nào được nhập" in confirm.content.decode()
    assert SalesLedgerEntry.objects.count() == before


def test_a_valid_import_is_confirmed_once(staff):
    before = SalesLedgerEntry.objects.count()
    upload = sales_file("01/03/2026,TK-00-1,3,360.000,supermarket,WinMart")

    preview = staff.post("/chuong-trinh/nhap-doanh-so/", {"file": upload}, follow=True)
    url = f"/chuong-trinh/nhap-doanh-so/{preview.context['found'].pk}/confirm"
    done = staff.post(url, follow=True)
    again = staff.post(url, follow=True)

    assert "Đã thêm 1 doanh số vào sổ." in done.content.decode()
    assert "Tệp này đã được nhập hoặc đã bị từ chối." in again.content.decode()
    assert SalesLedgerEntry.objects.count() == before + 1


def test_a_producer_sees_only_its_own_imports(demo, client):
    other = LedgerImport.objects.get(filename="demo.csv")  # imported by the programme office
    client.force_login(User.objects.get(email="chaxua@ocop.demo"))

    assert client.get(f"/chuong-trinh/nhap-doanh-so/{other.pk}/").status_code == 404
    assert client.post(f"/chuong-trinh/nhap-doanh-so/{other.pk}/confirm").status_code == 404
    assert client.get("/chuong-trinh/nhap-doanh-so/").context["recent"].count() == 0


def test_a_file_that_is_not_a_table_is_refused_with_a_message(staff):
    upload = SimpleUploadedFile("anh.xlsx", b"\x89PNG not a workbook", "application/octet-stream")

    response = staff.post("/chuong-trinh/nhap-doanh-so/", {"file": upload})

    assert response.status_code == 400
    assert "Không đọc được tệp: hãy dùng CSV (UTF-8) hoặc XLSX." in response.content.decode()
    assert LedgerImport.objects.filter(filename="anh.xlsx").count() == 0


def test_the_default_period_follows_the_plan_and_no_plan_shows_none(staff):
    # a first visit opens the newest plan with its year
    first = staff.get("/chuong-trinh/")
    assert first.status_code == 200
    plan = first.context["plan"]
    assert plan is not None and plan.year == 2023
    scope = first.context["scope"]
    assert (scope.start, scope.end) == (date(2023, 1, 1), date(2023, 12, 31))
    page = first.content.decode()
    assert 'value="2023-01-01"' in page and 'value="2023-12-31"' in page

    # "(none)" shows no plan, over this year so far
    none = staff.get("/chuong-trinh/", {"plan": ""})
    assert none.context["plan"] is None and none.context["targets"] == []
    assert none.context["scope"].start == date(date.today().year, 1, 1)

    # one date without the other is a clear error
    half = staff.get("/chuong-trinh/", {"plan": plan.pk, "start": "2023-03-01"})
    assert half.status_code == 400
    assert "để trống cả hai" in half.content.decode()

    # the drill-down link says what it opens
    assert "Xem giao dịch" in page


def test_every_table_of_the_pdf_report_fits_the_a4_page(staff, tmp_path):
    import re
    import subprocess

    response = staff.get(
        "/chuong-trinh/bao-cao/", {"kind": "year", "year": 2023, "number": 1, "format": "pdf"}
    )
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    html = tmp_path / "words.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(html)], check=True)
    layout = html.read_text(encoding="utf-8")
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">', layout)
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', layout
    )
    width = float(pages[0][0])
    assert round(width) == 595 and words  # A4 portrait, in points
    outside = [(text, x0, x1) for x0, x1, text in words if float(x0) < 40 or float(x1) > width - 40]
    assert outside == []
    text = " ".join(word for *_, word in words)
    assert "Chưa đạt / Not yet" in text and "Đạt / Met" in text  # statuses whole, translated
    assert "Chỉ tiêu / Metric" in text and "Số lượng / Quantity" in text  # headers whole

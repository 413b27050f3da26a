"""Plan progress is computed from the data; commune and district users see their own area."""

from datetime import date
from decimal import Decimal

import pytest

from catalog.models import AdministrativeUnit
from program.models import Plan
from program.services import aggregates
from program.services.progress import progress, visible_plans
from program.services.scope import allowed_area, scope_for

pytestmark = pytest.mark.django_db


def test_the_demo_2023_plan_is_partly_met(demo):
    plan = Plan.objects.get(year=2023)

    figures = {item.target.metric: (item.value.value, item.status) for item in progress(plan)}

    assert figures == {
        "newly_certified": (Decimal(3), "short"),
        "upgraded": (Decimal(0), "short"),
        "standard_dossier": (Decimal(0), "short"),
        "packaging_support": (Decimal(33), "met"),
        "display_points": (Decimal(2), "short"),
        "modern_channels": (Decimal(4), "short"),
        "fairs_attended": (Decimal(1), "short"),
        "inspections": (Decimal(4), "met"),
        "revenue": (Decimal("39900000"), "short"),
    }


def test_a_metric_lists_what_it_counts(demo):
    plan = Plan.objects.get(year=2023)

    newly = next(item for item in progress(plan) if item.target.metric == "newly_certified")

    assert newly.value.items == sorted(newly.value.items)
    assert "Chả rươi Tứ Kỳ" in newly.value.items


def test_a_district_user_sees_only_their_district(demo):
    from marketplace.accounts.models import User

    user = User.objects.get(email="tuky@ocop.demo")
    hai_phong = AdministrativeUnit.objects.get(code="31", valid_to__isnull=True)
    commune = AdministrativeUnit.objects.get(code="11083")

    assert allowed_area(user, hai_phong).code == "298"  # outside their area: back to their own
    assert allowed_area(user, commune) == commune  # inside it: allowed
    assert list(visible_plans(user).values_list("year", flat=True)) == [2023]


def test_area_totals_add_up_to_the_whole(demo):
    start, end = date(2023, 1, 1), date(2023, 12, 31)
    whole = aggregates.totals(scope_for(start, end))

    by_unit = aggregates.by_unit(scope_for(start, end), limit=None)

    assert sum(row["gross"] for row in by_unit) == whole.gross == Decimal("39900000")


def test_a_district_officer_sees_its_former_communes_sales_after_the_merger(demo):
    from marketplace.accounts.models import User
    from program.models import SalesLedgerEntry
    from program.services.scope import reader_scope

    officer = User.objects.get(email="tuky@ocop.demo")
    start, end = date(2025, 7, 1), date(2026, 12, 31)
    after = SalesLedgerEntry.objects.filter(
        entry_date__range=(start, end), producer__commune__parent__code="298"
    )
    # given Tứ Kỳ producers' sales recorded under the communes of 1 July 2025
    assert after.count() >= 6
    assert (
        not after.filter(administrative_unit__valid_to__isnull=False)
        .exclude(
            administrative_unit__code="11086"  # Hưng Đạo was split: it stays as it was
        )
        .exists()
    )

    # when the 2023 district's officer reads the period
    figures = aggregates.totals(reader_scope(officer, start, end))

    # then every one of them counts, and nothing from elsewhere
    assert figures.rows == after.count()
    assert figures.gross == sum(row.gross for row in after)

    # and the 2025 commune's own scope reaches back to the 2023 rows of its former communes
    xa_tu_ky = AdministrativeUnit.objects.get(code="11074", valid_to__isnull=True)
    before = SalesLedgerEntry.objects.filter(
        entry_date__year=2023, administrative_unit__successors=xa_tu_ky
    )
    assert before.exists()
    assert aggregates.totals(scope_for(date(2023, 1, 1), date(2023, 12, 31), xa_tu_ky)).rows == (
        before.count()
    )

import sqlite3
from contextlib import closing
from datetime import date
from importlib import resources
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from catalog.models import AdministrativeUnit
from catalog.services.administrative_units import successors_on, unit_at_level, units_valid_on


def test_a_2023_producer_still_reports_under_its_2023_district(make_producer):
    # given a producer registered in 2023 in a Tứ Kỳ commune
    producer = make_producer()

    # when its records are reported by district
    district = unit_at_level(producer.commune, "district")

    # then they fall under Tứ Kỳ district of Hải Dương, even though both were abolished
    assert district.name == "Tứ Kỳ"
    assert district.valid_to == date(2025, 6, 30)
    assert unit_at_level(producer.commune, "province").name == "Hải Dương"


def test_a_2023_commune_leads_to_its_2025_successor_in_hai_phong(commune_2023):
    successors = successors_on(commune_2023, date(2025, 7, 1))

    assert [unit.name for unit in successors] == ["Tứ Kỳ"]
    assert successors[0].level == "commune"
    assert unit_at_level(successors[0], "province").name == "Hải Phòng"
    assert unit_at_level(successors[0], "district") is None


def test_a_unit_valid_on_the_day_is_its_own_successor(commune_2023):
    assert successors_on(commune_2023, date(2024, 1, 1)) == [commune_2023]


def test_hai_duong_province_was_merged_into_hai_phong(db):
    hai_duong = AdministrativeUnit.objects.get(code="30")
    assert [unit.name for unit in successors_on(hai_duong, date(2026, 1, 1))] == ["Hải Phòng"]


def _package_rows(sql: str, *args) -> list[tuple]:
    """Rows of the official dataset, read straight from the package's own file."""
    path = resources.files("vietnamadminunits") / "data" / "dataset.db"
    with resources.as_file(path) as file, closing(sqlite3.connect(file)) as database:
        return database.execute(sql, args).fetchall()


def test_units_valid_on_a_day_come_from_their_own_time(db):
    old = units_valid_on(date(2023, 6, 1), "commune")
    new = units_valid_on(date(2026, 1, 1), "commune")
    former = _package_rows(
        "SELECT count(*) FROM admin_units_legacy WHERE provinceCode IN ('30', '31')"
        " AND wardCode IS NOT NULL"
    )
    current = _package_rows("SELECT count(*) FROM admin_units WHERE provinceCode = '31'")
    assert old.count() == former[0][0] == 374
    assert new.count() == current[0][0] == 114
    assert not units_valid_on(date(2026, 1, 1), "district").exists()


def test_the_seeded_tu_ky_units_are_the_official_ones(db):
    official = _package_rows(
        "SELECT wardCode, ward FROM admin_units_legacy WHERE districtCode = '298'"
    )
    ours = AdministrativeUnit.objects.filter(parent__code="298", level="commune")
    assert {(u.code, f"{u.kind} {u.name}".casefold()) for u in ours} == {
        (code, name.casefold()) for code, name in official
    }
    assert len(official) == 20


def test_a_commune_split_in_2025_has_every_part_as_successor(db):
    hung_dao = AdministrativeUnit.objects.get(code="11086", valid_to__isnull=False)
    assert hung_dao.name == "Hưng Đạo"
    successors = successors_on(hung_dao, date(2026, 1, 1))
    assert len(successors) >= 2
    assert {unit.name for unit in successors} >= {"Đại Sơn"}


def test_the_loader_imports_the_whole_country_and_is_safe_to_run_again(db):
    out = StringIO()
    call_command("load_administrative_units", stdout=out)
    call_command("load_administrative_units", stdout=out)
    assert AdministrativeUnit.objects.filter(level="province").count() == 63
    assert units_valid_on(date(2024, 1, 1), "province").count() == 63
    assert units_valid_on(date(2026, 1, 1), "province").count() == 34
    assert units_valid_on(date(2024, 1, 1), "district").count() == 696
    assert units_valid_on(date(2026, 1, 1), "commune").count() == 3321
    assert units_valid_on(date(2024, 1, 1), "commune").count() == 10035
    unconverted = AdministrativeUnit.objects.filter(
        level="commune", valid_to__isnull=False, successors__isnull=True
    )
    assert not unconverted.exists()
    ha_giang = AdministrativeUnit.objects.get(code="02")
    assert [unit.name for unit in successors_on(ha_giang, date(2026, 1, 1))] == ["Tuyên Quang"]
    with pytest.raises(CommandError, match="99"):
        call_command("load_administrative_units", "--province", "99")


def test_an_address_names_todays_units_down_to_the_province_and_the_former_ones(db):
    from django.utils import translation

    from catalog.services.administrative_units import full_address

    old = AdministrativeUnit.objects.get(code="11074", valid_to__isnull=False)
    with translation.override("vi"):
        today = full_address("Thôn 2", old, date(2026, 12, 6))
        before = full_address("Thôn 2", old, date(2024, 1, 1))

    assert today == (
        "Thôn 2, Xã Tứ Kỳ, Thành phố Hải Phòng "
        "(đến 30/06/2025: Thị trấn Tứ Kỳ, Huyện Tứ Kỳ, Tỉnh Hải Dương)"
    )
    assert before == "Thôn 2, Thị trấn Tứ Kỳ, Huyện Tứ Kỳ, Tỉnh Hải Dương"

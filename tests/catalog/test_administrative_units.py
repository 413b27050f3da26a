from datetime import date

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


def test_units_valid_on_a_day_come_from_their_own_time(db):
    old = units_valid_on(date(2023, 6, 1), "commune")
    new = units_valid_on(date(2026, 1, 1), "commune")
    assert old.count() == 23
    assert new.count() == 6
    assert not units_valid_on(date(2026, 1, 1), "district").exists()


def test_seeded_units_below_province_are_marked_illustrative(db):
    assert not AdministrativeUnit.objects.filter(level="commune", is_illustrative=False).exists()
    assert not AdministrativeUnit.objects.get(code="30").is_illustrative


def test_an_address_names_todays_units_down_to_the_province_and_the_former_ones(db):
    from django.utils import translation

    from catalog.services.administrative_units import full_address

    old = AdministrativeUnit.objects.get(code="10900", valid_to__isnull=False)
    with translation.override("vi"):
        today = full_address("Thôn 2", old, date(2026, 12, 6))
        before = full_address("Thôn 2", old, date(2024, 1, 1))

    assert today == (
        "Thôn 2, Xã Tứ Kỳ, Thành phố Hải Phòng "
        "(đến 30/06/2025: Thị trấn Tứ Kỳ, Huyện Tứ Kỳ, Tỉnh Hải Dương)"
    )
    assert before == "Thôn 2, Thị trấn Tứ Kỳ, Huyện Tứ Kỳ, Tỉnh Hải Dương"

from datetime import date
from decimal import Decimal

import pytest

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.services.rule_sets import add_months, level_rule, rule_set_in_force, stars_for_score


@pytest.mark.parametrize(
    ("score", "stars"),
    [
        ("0", 1),
        ("29.99", 1),
        ("30", 2),
        ("49.99", 2),
        ("50", 3),
        ("69.99", 3),
        ("70", 4),
        ("89.99", 4),
        ("90", 5),
        ("100", 5),
    ],
)
def test_star_bands_follow_the_mean_score(rule_148, score, stars):
    assert stars_for_score(rule_148, Decimal(score)) == stars


def test_part_weights_differ_between_1048_and_148(rule_1048, rule_148):
    assert (rule_1048.weight_a, rule_1048.weight_b, rule_1048.weight_c) == (35, 25, 40)
    assert (rule_148.weight_a, rule_148.weight_b, rule_148.weight_c) == (40, 25, 35)
    assert not rule_1048.has_mandatory_criteria
    assert rule_148.has_mandatory_criteria


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2019, 8, 21), "1048/2019"),
        (date(2023, 2, 23), "1048/2019"),
        (date(2023, 2, 24), "148/2023"),
        (date(2025, 7, 5), "148/2023"),
        (date(2025, 7, 6), "1489/2025"),
        (date(2026, 11, 29), "1489/2025"),
    ],
)
def test_the_rule_set_in_force_depends_on_the_date(db, day, code):
    assert rule_set_in_force(day).code == code


def test_no_rule_set_before_2019(db):
    with pytest.raises(CatalogError) as error:
        rule_set_in_force(date(2018, 1, 1))
    assert error.value.code == CatalogErrorCode.RULE_SET_NOT_IN_FORCE


def test_which_level_certifies_which_stars_is_data(rule_1048, rule_148, rule_1489):
    assert level_rule(rule_1048, "district").certifiable_stars == []
    assert level_rule(rule_1048, "district").forward_min_score == Decimal("50")
    assert level_rule(rule_1048, "province").certifiable_stars == [3, 4]
    assert level_rule(rule_148, "district").certifiable_stars == [3]
    assert level_rule(rule_148, "district").forward_min_score == Decimal("70")
    assert level_rule(rule_148, "province").certifiable_stars == [4]
    assert level_rule(rule_148, "central").certifiable_stars == [5]
    assert level_rule(rule_1489, "province").certifiable_stars == [3, 4]
    assert level_rule(rule_1489, "province").forward_min_score == Decimal("90")


def test_1489_has_no_district_council(rule_1489):
    with pytest.raises(CatalogError) as error:
        level_rule(rule_1489, "district")
    assert error.value.code == CatalogErrorCode.COUNCIL_LEVEL_NOT_IN_RULE_SET
    assert error.value.field == "council_level"


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2023, 6, 15), 36, date(2026, 6, 15)),
        (date(2024, 2, 29), 36, date(2027, 2, 28)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2023, 12, 20), 36, date(2026, 12, 20)),
    ],
)
def test_add_months_clamps_to_the_end_of_short_months(start, months, end):
    assert add_months(start, months) == end

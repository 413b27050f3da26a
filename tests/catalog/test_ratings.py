from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import CouncilMemberScore, Rating, RatingStatus
from catalog.services import ratings as service
from catalog.services.nominations import levels_through
from catalog.services.ratings import Certification, MemberScore
from tests.catalog.conftest import members_scoring


def certification(day, number="CN-1", issuer="UBND huyện Tứ Kỳ"):
    return Certification(
        decision_number="12/QĐ-UBND",
        decision_date=day,
        certificate_number=number,
        issuing_body=issuer,
    )


def scored(product, rule_set, level, total):
    return service.record_scores(
        product, rule_set, level, members_scoring(rule_set, total), mandatory_criteria_met_up_to=5
    )


def forwarded(product, rule_set, level, total):
    """Scores at `level` after each lower council of the rule set forwarded the product
    with the same marks."""
    for step in levels_through(rule_set, level)[:-1]:
        scored(product, rule_set, step, total)
    return scored(product, rule_set, level, total)


def certified(product, rule_set, level, total, day, number):
    rating = forwarded(product, rule_set, level, total)
    return service.certify(rating, certification(day, number))


def test_mean_score_and_stars_are_computed_from_the_members(make_product, rule_148):
    # given three members scoring 64, 65 and 67.5
    product = make_product()
    members = members_scoring(rule_148, 64, 65, "67.5")

    # when the scores are recorded
    rating = service.record_scores(
        product, rule_148, "district", members, mandatory_criteria_met_up_to=5
    )

    # then the mean is 65.50, 3 stars, proposed, with every member stored
    assert rating.mean_score == Decimal("65.50")
    assert rating.stars == 3
    assert rating.status == RatingStatus.PROPOSED
    assert rating.member_scores.count() == 3


def test_failing_a_mandatory_criterion_caps_the_stars(make_product, rule_148):
    rating = service.record_scores(
        make_product(),
        rule_148,
        "province",
        members_scoring(rule_148, 80),
        mandatory_criteria_met_up_to=3,
    )
    assert rating.mean_score == Decimal("80.00")
    assert rating.stars == 3


def test_148_requires_the_mandatory_criteria_result(make_product, rule_148):
    with pytest.raises(CatalogError) as error:
        service.record_scores(make_product(), rule_148, "district", members_scoring(rule_148, 60))
    assert error.value.code == CatalogErrorCode.MANDATORY_CRITERIA_REQUIRED
    assert Rating.objects.count() == 0


def test_1048_needs_no_mandatory_criteria(make_product, rule_1048):
    rating = service.record_scores(
        make_product(), rule_1048, "province", members_scoring(rule_1048, 72)
    )
    assert rating.stars == 4


def test_a_part_score_above_its_weight_is_refused_and_nothing_written(make_product, rule_148):
    # given part C above the 35 points of Decision 148
    members = [MemberScore("Trần Thị Bình", Decimal("30"), Decimal("20"), Decimal("36"))]

    with pytest.raises(CatalogError) as error:
        service.record_scores(
            make_product(), rule_148, "district", members, mandatory_criteria_met_up_to=5
        )

    assert error.value.code == CatalogErrorCode.PART_SCORE_OUT_OF_RANGE
    assert error.value.field == "members[0].score_c"
    assert "35" in error.value.message_vi and "35" in error.value.message_en
    assert Rating.objects.count() == 0
    assert CouncilMemberScore.objects.count() == 0


def test_the_same_part_score_is_allowed_under_1048_weights(make_product, rule_1048):
    members = [MemberScore("Trần Thị Bình", Decimal("30"), Decimal("20"), Decimal("36"))]
    rating = service.record_scores(make_product(), rule_1048, "province", members)
    assert rating.mean_score == Decimal("86.00")


def test_a_negative_part_score_is_refused(make_product, rule_148):
    members = [MemberScore("Lê Minh Châu", Decimal("-1"), Decimal("20"), Decimal("30"))]
    with pytest.raises(CatalogError) as error:
        service.record_scores(
            make_product(), rule_148, "district", members, mandatory_criteria_met_up_to=5
        )
    assert error.value.code == CatalogErrorCode.PART_SCORE_OUT_OF_RANGE


def test_a_stated_mean_that_does_not_match_is_refused(make_product, rule_148):
    with pytest.raises(CatalogError) as error:
        service.record_scores(
            make_product(),
            rule_148,
            "district",
            members_scoring(rule_148, 60, 62),
            stated_mean=Decimal("65"),
            mandatory_criteria_met_up_to=5,
        )
    assert error.value.code == CatalogErrorCode.MEAN_SCORE_MISMATCH
    assert "61.00" in error.value.message_en
    assert Rating.objects.count() == 0


def test_stars_claimed_outside_the_band_are_refused(make_product, rule_148):
    with pytest.raises(CatalogError) as error:
        service.record_scores(
            make_product(),
            rule_148,
            "district",
            members_scoring(rule_148, 68),
            stated_stars=4,
            mandatory_criteria_met_up_to=5,
        )
    assert error.value.code == CatalogErrorCode.STARS_OUTSIDE_BAND
    assert error.value.message_en == "A score of 68.00 gives 3 stars, not 4."
    assert Rating.objects.count() == 0


def test_a_rating_needs_council_members(make_product, rule_148):
    with pytest.raises(CatalogError) as error:
        service.record_scores(
            make_product(), rule_148, "district", [], mandatory_criteria_met_up_to=5
        )
    assert error.value.code == CatalogErrorCode.NO_COUNCIL_MEMBERS


def test_certificate_is_valid_36_months_from_the_decision_date(make_product, rule_148):
    rating = certified(make_product(), rule_148, "district", 60, date(2023, 6, 15), "CN-36")

    assert rating.status == RatingStatus.CERTIFIED
    assert rating.valid_from == date(2023, 6, 15)
    assert rating.valid_to == date(2026, 6, 14)
    assert service.current_certificate(rating.product, date(2026, 6, 14)) == rating
    assert service.current_certificate(rating.product, date(2026, 6, 15)) is None


def test_a_district_may_not_certify_four_stars_under_148(make_product, rule_148):
    rating = service.record_scores(
        make_product(),
        rule_148,
        "district",
        members_scoring(rule_148, 75),
        mandatory_criteria_met_up_to=5,
    )

    with pytest.raises(CatalogError) as error:
        service.certify(rating, certification(date(2023, 9, 1)))

    assert error.value.code == CatalogErrorCode.LEVEL_CANNOT_CERTIFY
    rating.refresh_from_db()
    assert rating.status == RatingStatus.PROPOSED
    assert rating.certificate_number == ""


def test_a_district_certifies_nothing_under_1048(make_product, rule_1048):
    rating = service.record_scores(
        make_product(), rule_1048, "district", members_scoring(rule_1048, 60)
    )
    with pytest.raises(CatalogError) as error:
        service.certify(rating, certification(date(2020, 5, 1)))
    assert error.value.code == CatalogErrorCode.LEVEL_CANNOT_CERTIFY


def test_two_stars_are_not_certified(make_product, rule_148):
    rating = service.record_scores(
        make_product(),
        rule_148,
        "district",
        members_scoring(rule_148, 45),
        mandatory_criteria_met_up_to=5,
    )
    with pytest.raises(CatalogError) as error:
        service.certify(rating, certification(date(2023, 9, 1)))
    assert error.value.code == CatalogErrorCode.STARS_NOT_CERTIFIABLE


def test_a_rule_set_is_not_used_after_it_was_replaced(make_product, rule_1048):
    rating = service.record_scores(
        make_product(), rule_1048, "province", members_scoring(rule_1048, 60)
    )
    with pytest.raises(CatalogError) as error:
        service.certify(rating, certification(date(2023, 3, 1)))
    assert error.value.code == CatalogErrorCode.RULE_SET_NOT_IN_FORCE


def test_an_overlapping_certificate_for_the_same_product_is_refused(make_product, rule_148):
    product = make_product()
    certified(product, rule_148, "district", 60, date(2023, 6, 15), "CN-A")
    second = service.record_scores(
        product, rule_148, "district", members_scoring(rule_148, 62), mandatory_criteria_met_up_to=5
    )

    with pytest.raises(CatalogError) as error:
        service.certify(second, certification(date(2024, 1, 10), "CN-B"))

    assert error.value.code == CatalogErrorCode.OVERLAPPING_CERTIFICATE
    assert "CN-A" in error.value.message_vi
    second.refresh_from_db()
    assert second.status == RatingStatus.PROPOSED


def test_the_database_itself_refuses_overlapping_certificates(make_product, rule_148):
    # given a certified rating, and a second one forced past the service
    product = make_product()
    first = certified(product, rule_148, "district", 60, date(2023, 6, 15), "CN-A")
    second = service.record_scores(
        product, rule_148, "district", members_scoring(rule_148, 62), mandatory_criteria_met_up_to=5
    )
    second.status, second.certificate_number = RatingStatus.CERTIFIED, "CN-B"
    second.valid_from, second.valid_to = date(2024, 1, 1), date(2026, 12, 31)

    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()
    assert Rating.objects.get(pk=first.pk).status == RatingStatus.CERTIFIED


def test_a_new_certificate_after_the_old_one_ends_is_accepted(make_product, rule_1048, rule_148):
    product = make_product()
    old = certified(product, rule_1048, "province", 60, date(2020, 3, 1), "CN-A")
    renewed = certified(product, rule_148, "district", 61, date(2023, 3, 1), "CN-B")
    assert old.valid_to == date(2023, 2, 28)
    assert renewed.valid_from == date(2023, 3, 1)


def test_a_certificate_number_is_used_once(make_product, rule_148):
    certified(make_product(), rule_148, "district", 60, date(2023, 6, 15), "CN-SAME")
    other = service.record_scores(
        make_product(),
        rule_148,
        "district",
        members_scoring(rule_148, 60),
        mandatory_criteria_met_up_to=5,
    )
    with pytest.raises(CatalogError) as error:
        service.certify(other, certification(date(2023, 7, 1), "CN-SAME"))
    assert error.value.code == CatalogErrorCode.DUPLICATE_CERTIFICATE_NUMBER


def test_an_upgrade_from_three_to_four_stars_supersedes_the_old_certificate(make_product, rule_148):
    # given a 3-star certificate from the district
    product = make_product()
    old = certified(product, rule_148, "district", 66, date(2023, 6, 15), "CN-3")
    # and the district council's new 76 points, forwarding it to the province's 76
    better = forwarded(product, rule_148, "province", 76)

    # when the province certifies 4 stars as its replacement
    new = service.upgrade(
        old, better, certification(date(2025, 3, 27), "CN-4", "UBND tỉnh Hải Dương")
    )

    # then the product shows 4 stars, the old rating is superseded and linked
    old.refresh_from_db()
    assert old.status == RatingStatus.SUPERSEDED
    assert new.replaces == old
    assert new.stars == 4
    assert service.current_certificate(product, date(2025, 4, 1)) == new
    assert service.current_certificate(product, date(2024, 4, 1)) is None


def test_an_upgrade_must_raise_the_stars(make_product, rule_148):
    product = make_product()
    old = certified(product, rule_148, "district", 66, date(2023, 6, 15), "CN-3")
    same = service.record_scores(
        product, rule_148, "district", members_scoring(rule_148, 68), mandatory_criteria_met_up_to=5
    )
    with pytest.raises(CatalogError) as error:
        service.upgrade(old, same, certification(date(2024, 3, 1), "CN-3B"))
    assert error.value.code == CatalogErrorCode.NOT_AN_UPGRADE
    old.refresh_from_db()
    assert old.status == RatingStatus.CERTIFIED


def test_revoking_removes_the_star_at_once(make_product, rule_148):
    rating = certified(make_product(), rule_148, "district", 60, date(2024, 1, 18), "CN-R")

    service.revoke(rating, reason="Vi phạm an toàn thực phẩm", revoked_on=date(2025, 10, 15))

    rating.refresh_from_db()
    assert rating.status == RatingStatus.REVOKED
    assert rating.revocation_reason == "Vi phạm an toàn thực phẩm"
    assert service.current_certificate(rating.product, date(2025, 11, 1)) is None


def test_revoking_needs_a_reason(make_product, rule_148):
    rating = certified(make_product(), rule_148, "district", 60, date(2024, 1, 18), "CN-R")
    with pytest.raises(CatalogError) as error:
        service.revoke(rating, reason="  ", revoked_on=date(2025, 10, 15))
    assert error.value.code == CatalogErrorCode.REQUIRED
    rating.refresh_from_db()
    assert rating.status == RatingStatus.CERTIFIED


def test_a_proposed_rating_cannot_be_revoked(make_product, rule_148):
    rating = service.record_scores(
        make_product(),
        rule_148,
        "district",
        members_scoring(rule_148, 60),
        mandatory_criteria_met_up_to=5,
    )
    with pytest.raises(CatalogError) as error:
        service.revoke(rating, reason="x", revoked_on=date(2025, 1, 1))
    assert error.value.code == CatalogErrorCode.INVALID_STATUS


def test_expiring_due_certificates_marks_only_those_past_validity(make_product, rule_148):
    lapsed = certified(make_product(), rule_148, "district", 60, date(2023, 3, 1), "CN-OLD")
    current = certified(make_product(), rule_148, "district", 60, date(2024, 3, 1), "CN-NEW")

    expired_count = service.expire_due_certificates(date(2026, 3, 1))

    assert expired_count == 1
    assert Rating.objects.get(pk=lapsed.pk).status == RatingStatus.EXPIRED
    assert Rating.objects.get(pk=current.pk).status == RatingStatus.CERTIFIED
    assert service.expire_due_certificates(date(2026, 3, 1)) == 0


def test_certificates_expiring_within_n_days(make_product, rule_148):
    soon = certified(make_product(), rule_148, "district", 60, date(2023, 12, 20), "CN-SOON")
    certified(make_product(), rule_148, "district", 60, date(2024, 9, 1), "CN-LATER")

    expiring = list(service.certificates_expiring_within(30, date(2026, 11, 29)))

    assert expiring == [soon]


def test_the_expiry_commands_list_and_expire_certificates(make_product, rule_148):
    from io import StringIO

    from django.core.management import call_command

    soon = certified(make_product(), rule_148, "district", 60, date(2023, 12, 20), "CN-SOON")
    lapsed = certified(make_product(), rule_148, "district", 60, date(2023, 3, 1), "CN-GONE")
    listing, expiring = StringIO(), StringIO()

    call_command("certificates_expiring", "--days", "90", "--on", "2026-11-29", stdout=listing)
    call_command("expire_certificates", "--on", "2026-11-29", stdout=expiring)

    assert "2026-12-19  CN-SOON  3★" in listing.getvalue()
    assert "CN-GONE" not in listing.getvalue()
    assert "1 certificate(s) end within 90 days." in listing.getvalue()
    assert expiring.getvalue().strip() == "1 certificate(s) expired."
    assert Rating.objects.get(pk=lapsed.pk).status == RatingStatus.EXPIRED
    assert Rating.objects.get(pk=soon.pk).status == RatingStatus.CERTIFIED


def test_a_5_star_needs_the_provincial_nomination(make_product, rule_148):
    # given a central council's 95 points, with no provincial rating behind it
    product = make_product()
    central = scored(product, rule_148, "central", 95)

    # when it is certified, it is refused in both languages and nothing changes
    with pytest.raises(CatalogError) as error:
        service.certify(central, certification(date(2024, 5, 1)))
    assert error.value.code == CatalogErrorCode.NOMINATION_REQUIRED
    assert "đề xuất" in error.value.message_vi and "(từ 90 điểm)" in error.value.message_vi
    assert "forwarded by the" in error.value.message_en
    central.refresh_from_db()
    assert central.status == RatingStatus.PROPOSED

    # and a provincial score under 90 does not forward it either
    scored(product, rule_148, "province", 85)
    with pytest.raises(CatalogError):
        service.certify(central, certification(date(2024, 5, 1)))


def test_a_nomination_is_recorded_and_leaves_the_pending_list(make_product, rule_148):
    product = make_product()
    district = scored(product, rule_148, "district", 92)
    province = scored(product, rule_148, "province", 92)
    central = scored(product, rule_148, "central", 92)

    rating = service.certify(central, certification(date(2024, 5, 1)))

    assert rating.nominated_by == province
    province.refresh_from_db()
    district.refresh_from_db()
    assert province.status == RatingStatus.FORWARDED
    assert district.status == RatingStatus.PROPOSED  # not used by this certificate


def test_148_a_province_rates_what_the_district_forwarded_from_70(make_product, rule_148):
    product = make_product()
    scored(product, rule_148, "district", 68)
    province = scored(product, rule_148, "province", 75)
    with pytest.raises(CatalogError) as error:
        service.certify(province, certification(date(2024, 5, 1)))
    assert "(from 70 points)" in error.value.message_en

    scored(product, rule_148, "district", 72)
    later = scored(product, rule_148, "province", 75)
    assert service.certify(later, certification(date(2024, 5, 1), "CN-2")).stars == 4


def test_the_first_level_needs_no_nomination(make_product, rule_148):
    rating = scored(make_product(), rule_148, "district", 60)
    assert service.certify(rating, certification(date(2024, 5, 1))).nominated_by is None


def test_1489_the_commune_forwards_without_a_score_threshold(make_product, rule_1489):
    product = make_product()
    province = scored(product, rule_1489, "province", 75)
    with pytest.raises(CatalogError) as error:
        service.certify(province, certification(date(2025, 9, 1)))
    assert "điểm" not in error.value.message_vi  # no threshold is quoted: 1489 sets none

    commune = scored(product, rule_1489, "commune", 45)
    again = scored(product, rule_1489, "province", 75)
    assert service.certify(again, certification(date(2025, 9, 1), "CN-2")).nominated_by == commune

from datetime import date

import pytest

from catalog.models import AdministrativeUnit, Producer, Product, ProductGroup, Rating, RuleSet
from marketplace.accounts.models import User
from marketplace.management.demo_users import programme_office_group


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_user("canbo@example.vn", "mat-khau-canbo-2023", is_staff=True)
    user.groups.add(programme_office_group())
    client.force_login(user)
    return client


@pytest.fixture
def product(db):
    producer = Producer.objects.create(
        name="HTX Thử",
        slug="htx-thu",
        legal_form="cooperative",
        registration_number="0800900001",
        street_address="Thôn 1",
        commune=AdministrativeUnit.objects.filter(level="commune").first(),
    )
    return Product.objects.create(
        producer=producer, group=ProductGroup.objects.get(code="1.4"), name="Nước mắm", slug="nm"
    )


def rating_form(product, rule_set, members, **extra):
    data = {
        "product": product.pk,
        "rule_set": rule_set.pk,
        "council_level": "district",
        "mandatory_criteria_met_up_to": "5",
        "member_scores-TOTAL_FORMS": str(len(members)),
        "member_scores-INITIAL_FORMS": "0",
        "member_scores-MIN_NUM_FORMS": "0",
        "member_scores-MAX_NUM_FORMS": "1000",
        **extra,
    }
    for index, (name, a, b, c) in enumerate(members):
        data.update(
            {
                f"member_scores-{index}-member_name": name,
                f"member_scores-{index}-score_a": a,
                f"member_scores-{index}-score_b": b,
                f"member_scores-{index}-score_c": c,
            }
        )
    return data


def test_staff_record_a_rating_and_the_mean_and_stars_are_computed(staff_client, product):
    rule_set = RuleSet.objects.get(code="148/2023")
    members = [("An", "25", "15", "20"), ("Bình", "26", "16", "21")]

    response = staff_client.post(
        "/admin/catalog/rating/add/", rating_form(product, rule_set, members)
    )

    assert response.status_code == 302
    rating = Rating.objects.get()
    assert str(rating.mean_score) == "61.50"
    assert rating.stars == 3
    assert rating.status == "proposed"


def test_a_part_score_above_the_rule_set_weight_is_shown_and_nothing_saved(staff_client, product):
    rule_set = RuleSet.objects.get(code="148/2023")
    members = [("An", "25", "15", "36")]

    response = staff_client.post(
        "/admin/catalog/rating/add/", rating_form(product, rule_set, members)
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "phải từ 0 đến 35" in page
    assert "must be between 0 and 35" in page
    assert not Rating.objects.exists()


def test_staff_certify_a_rating_through_the_admin_action(staff_client, product):
    rule_set = RuleSet.objects.get(code="148/2023")
    staff_client.post(
        "/admin/catalog/rating/add/",
        rating_form(product, rule_set, [("An", "25", "15", "20")]),
    )
    rating = Rating.objects.get()

    response = staff_client.post(
        "/admin/catalog/rating/",
        {
            "action": "certify_action",
            "_selected_action": [rating.pk],
            "confirm": "1",
            "decision_number": "55/QĐ-UBND",
            "decision_date": "2024-05-02",
            "certificate_number": "TK-2024-055",
            "issuing_body": "UBND huyện Tứ Kỳ",
        },
    )

    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.status == "certified"
    assert rating.valid_to == date(2027, 5, 1)


def test_a_refused_certification_shows_the_reason_and_changes_nothing(staff_client, product):
    rule_set = RuleSet.objects.get(code="148/2023")
    staff_client.post(
        "/admin/catalog/rating/add/",
        rating_form(product, rule_set, [("An", "32", "20", "28")]),  # 80 points: 4 stars
    )
    rating = Rating.objects.get()

    response = staff_client.post(
        "/admin/catalog/rating/",
        {
            "action": "certify_action",
            "_selected_action": [rating.pk],
            "confirm": "1",
            "decision_number": "56/QĐ-UBND",
            "decision_date": "2024-05-02",
            "certificate_number": "TK-2024-056",
            "issuing_body": "UBND huyện Tứ Kỳ",
        },
    )

    assert response.status_code == 200
    assert "may not certify 4-star products" in response.content.decode()
    rating.refresh_from_db()
    assert rating.status == "proposed"


def test_revoking_through_the_admin_asks_for_a_reason_first(staff_client, product):
    rule_set = RuleSet.objects.get(code="148/2023")
    staff_client.post(
        "/admin/catalog/rating/add/", rating_form(product, rule_set, [("An", "25", "15", "20")])
    )
    rating = Rating.objects.get()
    staff_client.post(
        "/admin/catalog/rating/",
        {
            "action": "certify_action",
            "_selected_action": [rating.pk],
            "confirm": "1",
            "decision_number": "57/QĐ-UBND",
            "decision_date": "2024-05-02",
            "certificate_number": "TK-2024-057",
            "issuing_body": "UBND huyện Tứ Kỳ",
        },
    )

    confirmation = staff_client.post(
        "/admin/catalog/rating/", {"action": "revoke_action", "_selected_action": [rating.pk]}
    )
    rating.refresh_from_db()
    assert confirmation.status_code == 200
    assert rating.status == "certified"

    staff_client.post(
        "/admin/catalog/rating/",
        {
            "action": "revoke_action",
            "_selected_action": [rating.pk],
            "confirm": "1",
            "revoked_on": "2025-10-15",
            "reason": "Không duy trì chất lượng",
        },
    )
    rating.refresh_from_db()
    assert rating.status == "revoked"

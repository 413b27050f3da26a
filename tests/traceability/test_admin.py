from marketplace.accounts.models import User
from marketplace.management.demo_users import programme_office_group
from traceability.services.stamps import issue_batch


def staff(client):
    user = User.objects.create_user("truyxuat@example.vn", "mat-khau-tx-2023", is_staff=True)
    user.groups.add(programme_office_group())
    client.force_login(user)


def test_staff_download_a_batch_pdf_and_recall_a_lot(client, make_lot):
    staff(client)
    lot = make_lot()
    batch = issue_batch(lot, 3)

    pdf = client.post(
        "/admin/traceability/stampbatch/",
        {"action": "print_action", "_selected_action": [batch.pk]},
    )
    recall = client.post(
        "/admin/traceability/lot/", {"action": "recall_action", "_selected_action": [lot.pk]}
    )

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert recall.status_code == 302
    lot.refresh_from_db()
    assert lot.status == "recalled"
    for page in [
        "/admin/traceability/lot/",
        f"/admin/traceability/lot/{lot.pk}/change/",
        "/admin/traceability/scan/",
        "/admin/traceability/counterfeitflag/",
    ]:
        assert client.get(page).status_code == 200, page


def test_anonymous_visitors_cannot_reach_stamps(client, db):
    response = client.get("/admin/traceability/stampbatch/")
    assert response.status_code == 302

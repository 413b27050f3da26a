from marketplace.accounts.models import User
from marketplace.management.demo_users import programme_office_group
from tests.traceability.conftest import path_of
from traceability.services.lots import recall_lot
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
    action = {"action": "recall_action", "_selected_action": [lot.pk]}
    asked = client.post("/admin/traceability/lot/", action)
    no_reason = client.post("/admin/traceability/lot/", {**action, "confirm": "1", "reason": ""})
    lot.refresh_from_db()
    assert lot.status == "active"  # nothing happens before a reason is confirmed
    recall = client.post(
        "/admin/traceability/lot/", {**action, "confirm": "1", "reason": "Histamine vượt ngưỡng"}
    )

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert asked.status_code == no_reason.status_code == 200
    assert "không thể hoàn tác" in asked.content.decode()
    assert recall.status_code == 302
    lot.refresh_from_db()
    assert (lot.status, lot.recall_reason) == ("recalled", "Histamine vượt ngưỡng")
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


def test_staff_see_which_stamps_were_scanned_after_the_recall(client, make_lot):
    staff(client)
    lot = make_lot()
    before, after = issue_batch(lot, 2).stamps.order_by("pk")
    other = make_lot(code="KHAC-1")
    other_stamp = issue_batch(other, 1).stamps.get()
    client.get(path_of(before))
    lot = recall_lot(lot, reason="Nhiễm khuẩn")
    recall_lot(other, reason="Khác")
    client.get(path_of(after))
    client.get(path_of(other_stamp))

    change = client.get(f"/admin/traceability/lot/{lot.pk}/change/").content.decode()
    listing = client.get(f"/admin/traceability/scan/?recalled_lot={lot.pk}").content.decode()

    assert f"/admin/traceability/scan/?recalled_lot={lot.pk}" in change
    assert "1 lượt quét" in change
    assert after.serial in listing
    assert before.serial not in listing and other_stamp.serial not in listing

from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.management.demo_users import STAFF_LOGIN
from marketplace.payments.models import BankTransfer, Payment


def upload(client, content: bytes):
    return client.post(
        "/admin/payments/banktransfer/upload/",
        {"statement": SimpleUploadedFile("saoke.csv", content, content_type="text/csv")},
    )


def test_staff_reconcile_a_statement_from_the_admin(client, demo):
    client.login(username=STAFF_LOGIN[0], password=STAFF_LOGIN[1])
    waiting = Payment.objects.get(gateway="vietqr", status="awaiting_transfer")
    content = (
        "reference,date,amount,note\n"
        f"FT-ADMIN-1,29/11/2026,{int(waiting.amount)},CK {waiting.order.code}\n"
    ).encode()

    response = upload(client, content)

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == "charged"
    assert BankTransfer.objects.get(reference="FT-ADMIN-1").outcome == "matched"


def test_a_bad_statement_is_shown_with_its_errors_and_imports_nothing(client, demo):
    client.login(username=STAFF_LOGIN[0], password=STAFF_LOGIN[1])
    before = BankTransfer.objects.count()

    response = upload(client, b"reference,date,amount,note\nFT-X,2026-13-45,100,x\n")

    assert response.status_code == 200
    assert "row 2" in response.content.decode()
    assert BankTransfer.objects.count() == before


def test_anonymous_visitors_cannot_upload_statements(client, db):
    response = upload(client, b"reference,date,amount,note\n")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_refund_a_paid_order_in_full_from_the_admin(client, demo):
    from marketplace.orders.models import Order

    client.login(username=STAFF_LOGIN[0], password=STAFF_LOGIN[1])
    order = Order.objects.filter(status="fulfilled", charge_status="full", total_refunded=0).first()

    response = client.post(
        "/admin/orders/order/", {"action": "refund_action", "_selected_action": [order.pk]}
    )

    order.refresh_from_db()
    assert response.status_code == 302
    # every item is refunded; the delivery fee was a service rendered and stays charged
    assert (order.status, order.charge_status) == ("refunded", "full")
    assert order.total_refunded == order.subtotal

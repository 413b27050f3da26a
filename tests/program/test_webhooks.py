"""Outbound webhooks: signed, recorded per attempt, retried, and never blocking a sale."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from program.models import SalesLedgerEntry, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from program.services.webhooks import send_due, verify

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP server on 127.0.0.1 that answers with `status` and keeps what it gets."""

    def __init__(self):
        self.status = 200
        self.received: list = []  # (headers, body); headers match names case-insensitively
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((self.headers, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/ocop"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_a_ledger_row_is_sent_signed_to_each_endpoint(receiver, paid_cod_order):
    endpoint = WebhookEndpoint.objects.create(name="Sở NN&MT", url=receiver.url)

    paid_cod_order(price=100000, quantity=2)

    entry = SalesLedgerEntry.objects.get()
    [(headers, body)] = receiver.received
    assert verify(endpoint.secret, headers["X-OCOP-Signature"], body)
    assert not verify("another-secret", headers["X-OCOP-Signature"], body)
    payload = json.loads(body)
    assert payload["event"] == "ledger.entry_created"
    assert (payload["entry"]["id"], payload["entry"]["gross"]) == (entry.pk, "200000.00")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
    assert WebhookAttempt.objects.get().status_code == 200


def test_a_failing_endpoint_is_retried_later_and_the_sale_stands(receiver, paid_cod_order):
    receiver.status = 500
    WebhookEndpoint.objects.create(name="Hệ thống tỉnh", url=receiver.url)

    paid_cod_order()

    assert SalesLedgerEntry.objects.count() == 1
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert send_due() == 0  # not yet due

    receiver.status = 204
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    assert send_due() == 1

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert list(WebhookAttempt.objects.values_list("status_code", flat=True)) == [500, 204]
    assert send_due() == 0  # delivered: never sent again


def test_an_unreachable_endpoint_records_the_error(paid_cod_order, settings):
    settings.WEBHOOK_TIMEOUT_SECONDS = 2
    WebhookEndpoint.objects.create(name="Tắt", url="http://127.0.0.1:9/closed")

    paid_cod_order()

    attempt = WebhookAttempt.objects.get()
    assert attempt.status_code is None
    assert "Connection refused" in attempt.error or "URLError" in attempt.error
    assert SalesLedgerEntry.objects.count() == 1


def test_a_stale_or_malformed_signature_is_rejected():
    body = b'{"event":"ledger.entry_created"}'
    from program.services.webhooks import signature

    old = signature("s3cret", int(timezone.now().timestamp()) - 3600, body)

    assert not verify("s3cret", old, body)
    assert not verify("s3cret", "v1=abc", body)
    assert not verify("s3cret", "t=x,v1=abc", body)

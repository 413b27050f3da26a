"""Outbound webhooks: signed with HMAC-SHA256, sent after commit, retried with backoff.

A receiver checks `X-OCOP-Signature: t=<unix time>,v1=<hex>` where the hex digest is
HMAC-SHA256(secret, "<t>.<body>"). Every attempt is recorded; a failing endpoint never
blocks a sale because sending happens after the sale's transaction, in a task.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from program.models import SalesLedgerEntry, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from program.models.webhooks import DeliveryStatus

LEDGER_EVENT = "ledger.entry_created"
MAX_ATTEMPTS = 10


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(secret: str, header: str, body: bytes, tolerance_seconds: int = 300) -> bool:
    """What a receiver does: check the signature and that it is recent."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(time.time() - timestamp) > tolerance_seconds:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header)


def entry_payload(entry: SalesLedgerEntry) -> dict:
    return {
        "id": entry.pk,
        "source": entry.source,
        "kind": entry.kind,
        "date": entry.entry_date.isoformat(),
        "product": entry.product_id,
        "variant": entry.variant_id,
        "producer": entry.producer_id,
        "administrativeUnit": entry.administrative_unit_id,
        "channel": entry.channel_id,
        "channelKind": entry.channel_kind,
        "salesPoint": entry.sales_point_id,
        "quantity": entry.quantity,
        "gross": str(entry.gross),
        "commission": str(entry.commission),
        "currency": entry.currency,
    }


def active_endpoints() -> list[WebhookEndpoint]:
    return list(WebhookEndpoint.objects.filter(is_active=True))


def queue_ledger_webhooks(entries: list[SalesLedgerEntry], endpoints=None) -> int:
    """Record one delivery per active endpoint and entry; they are sent after commit."""
    endpoints = active_endpoints() if endpoints is None else endpoints
    if not endpoints or not entries:
        return 0
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint=endpoint,
            event=LEDGER_EVENT,
            payload={"event": LEDGER_EVENT, "entry": entry_payload(entry)},
            next_attempt_at=now,
        )
        for endpoint in endpoints
        for entry in entries
    )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: _enqueue(ids), robust=True)
    return len(ids)


def _enqueue(ids: list[int]) -> None:
    # by name from Celery's registry: program.tasks imports this module
    task = current_app.tasks["program.tasks.send_webhook_task"]
    for delivery_id in ids:
        task.delay(delivery_id)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after each failure, at most six hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 360))


def send(delivery_id: int) -> WebhookDelivery:
    """Try one delivery now (if still pending) and record the attempt."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return WebhookDelivery.objects.get(pk=delivery_id)
        status_code, error, elapsed = _post(delivery)
        WebhookAttempt.objects.create(
            delivery=delivery, status_code=status_code, error=error[:500], duration_ms=elapsed
        )
        delivery.attempts += 1
        if status_code is not None and 200 <= status_code < 300:
            delivery.status = DeliveryStatus.DELIVERED
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
        delivery.save(update_fields=["attempts", "status", "next_attempt_at"])
    return delivery


def _post(delivery: WebhookDelivery) -> tuple[int | None, str, int]:
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "OCOP-Market-Webhooks/1",
            "X-OCOP-Event": delivery.event,
            "X-OCOP-Delivery": str(delivery.pk),
            "X-OCOP-Signature": signature(delivery.endpoint.secret, int(time.time()), body),
        },
    )
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as answer:
            status, error = answer.status, ""
    except urllib.error.HTTPError as failure:
        status, error = failure.code, f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError, ValueError) as failure:
        status, error = None, f"{type(failure).__name__}: {failure}"
    return status, error, int((time.monotonic() - started) * 1000)


def send_due() -> int:
    """Send every pending delivery whose retry time has come (the scheduler's job)."""
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    ids = list(due[:1000])
    for delivery_id in ids:
        send(delivery_id)
    return len(ids)

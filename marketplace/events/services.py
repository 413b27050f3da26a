"""Emit events in the caller's transaction; deliver them to subscribers after commit.

Subscribers register by event type when their app loads (`subscribe`), so the code
that emits never imports the code that listens. Each delivery is recorded; a failed
one is retried by `redeliver_pending` (the `deliver_events` command) and handlers must
be safe to run twice.
"""

import logging
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from marketplace.events.models import Event, EventDelivery

logger = logging.getLogger(__name__)

Handler = Callable[[Event], None]
_subscribers: dict[str, dict[str, Handler]] = defaultdict(dict)


class EventType:
    ORDER_CREATED = "order.created"
    ORDER_PAID = "order.paid"
    ORDER_LINE_PAID = "order_line.paid"
    ORDER_LINE_REFUNDED = "order_line.refunded"
    ORDER_CANCELLED = "order.cancelled"
    ORDER_FULFILLED = "order.fulfilled"
    PAYMENT_NEEDS_REVIEW = "payment.needs_review"


def subscribe(event_type: str, handler: Handler, name: str | None = None) -> None:
    """Register `handler` for `event_type`; the name identifies its delivery records."""
    _subscribers[event_type][name or f"{handler.__module__}.{handler.__qualname__}"] = handler


def unsubscribe(event_type: str, name: str) -> None:
    _subscribers[event_type].pop(name, None)


def emit(event_type: str, payload: dict) -> Event:
    """Append an event in the current transaction; subscribers get it after commit."""
    event = Event.objects.create(type=event_type, payload=payload)
    if _subscribers.get(event_type):
        transaction.on_commit(lambda: deliver(event.pk, event), robust=True)
    return event


def emit_many(event_type: str, payloads: list[dict]) -> list[Event]:
    """Append several events of one type with one insert; delivered like `emit`'s."""
    events = Event.objects.bulk_create(Event(type=event_type, payload=p) for p in payloads)
    if _subscribers.get(event_type):
        for event in events:
            transaction.on_commit(lambda event=event: deliver(event.pk, event), robust=True)
    return events


def deliver(event_id: int, event: Event | None = None) -> None:
    """Give the event to each subscriber that has not yet handled it.

    Each subscriber's delivery record and its handler's writes commit together, in one
    transaction (the handler in a savepoint, so its failure is recorded, not lost)."""
    event = event or Event.objects.get(pk=event_id)
    for name, handler in list(_subscribers.get(event.type, {}).items()):
        with transaction.atomic():
            # Handlers are idempotent, so two deliveries racing for one event are harmless;
            # a clash on the delivery record fails this attempt and the retry finds it.
            delivery = EventDelivery.objects.filter(event=event, subscriber=name).first()
            if delivery is None:  # written below with its outcome (one insert)
                delivery = EventDelivery(event=event, subscriber=name)
            elif delivery.succeeded:
                continue
            delivery.attempts += 1
            try:
                with transaction.atomic():
                    handler(event)
            except Exception as error:  # a failing subscriber must not lose the event
                logger.exception("event %s to %s failed", event.pk, name)
                delivery.last_error = f"{type(error).__name__}: {error}"
            else:
                delivery.succeeded = True
                delivery.delivered_at = timezone.now()
                delivery.last_error = ""
            delivery.save()


def redeliver_pending() -> int:
    """Retry every event whose delivery to a current subscriber has not succeeded."""
    count = 0
    for event_type, handlers in _subscribers.items():
        names = list(handlers)
        done = Count(
            "deliveries", filter=Q(deliveries__succeeded=True, deliveries__subscriber__in=names)
        )
        pending = (
            Event.objects.filter(type=event_type).annotate(done=done).filter(done__lt=len(names))
        )
        for event in pending:
            deliver(event.pk)
            count += 1
    return count

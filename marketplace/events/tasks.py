from celery import shared_task

from marketplace.events.services import redeliver_pending


@shared_task
def redeliver_events_task() -> int:
    """Every few minutes: retry event deliveries that failed (handlers are idempotent)."""
    return redeliver_pending()

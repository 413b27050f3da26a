from celery import shared_task

from program.services.webhooks import send, send_due


@shared_task
def send_webhook_task(delivery_id: int) -> str:
    """Send one webhook delivery (safe to repeat: a delivered one is left alone)."""
    return send(delivery_id).status


@shared_task
def send_due_webhooks_task() -> int:
    """Every minute: retry webhook deliveries whose backoff has passed."""
    return send_due()

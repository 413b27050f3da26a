from celery import shared_task

from marketplace.checkout.services import delete_expired_checkouts


@shared_task
def delete_expired_checkouts_task() -> int:
    """Hourly: delete checkouts that expired without becoming orders (safe to repeat)."""
    return delete_expired_checkouts()

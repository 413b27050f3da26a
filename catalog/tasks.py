from celery import shared_task
from django.utils import timezone
from elasticsearch import TransportError

from catalog.search import get_backend
from catalog.services.ratings import expire_due_certificates


# A search server that is briefly unreachable gets the update later (1, 2, 4… minutes).
@shared_task(autoretry_for=(TransportError,), retry_backoff=60, max_retries=8)
def index_products_task(product_ids: list[int]) -> int:
    """Re-index these products from the database (safe to repeat: it writes their
    current state, whatever it was asked before)."""
    return get_backend().index_products(product_ids)


@shared_task
def expire_certificates_task() -> int:
    """Daily: mark certificates whose validity ended as expired (safe to repeat)."""
    return expire_due_certificates(timezone.localdate())

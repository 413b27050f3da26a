"""Product search behind one small interface; the backend comes from `SEARCH_BACKEND`."""

from collections.abc import Iterable
from functools import cache

from celery import current_app
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from catalog.search.base import SearchBackend, SearchFilters

BACKENDS = {
    "postgres": "catalog.search.postgres.PostgresBackend",
    "elasticsearch": "catalog.search.elastic.ElasticsearchBackend",
}

__all__ = ["SearchBackend", "SearchFilters", "get_backend", "products_changed", "variants_changed"]


@cache
def _backend_for(name: str) -> SearchBackend:
    if name not in BACKENDS:
        raise ValueError(f"SEARCH_BACKEND={name!r}: choose one of {', '.join(sorted(BACKENDS))}")
    return import_string(BACKENDS[name])()


def get_backend() -> SearchBackend:
    return _backend_for(settings.SEARCH_BACKEND)


def products_changed(product_ids: Iterable[int]) -> None:
    """Tell the search index that these products changed: after the transaction commits,
    a task re-reads and re-indexes them (nothing happens for the PostgreSQL backend)."""
    if not get_backend().updates_index:
        return
    ids = sorted(set(product_ids))
    if ids:
        # by name from Celery's registry: catalog.tasks imports this module
        task = current_app.tasks["catalog.tasks.index_products_task"]
        transaction.on_commit(lambda: task.delay(ids), robust=True)


def variants_changed(variant_ids: Iterable[int]) -> None:
    """The same for the products of these variants (a price or stock level changed)."""
    if not get_backend().updates_index:
        return
    # from Django's registry: the catalogue's models import this module
    ids = (
        apps.get_model("catalog", "ProductVariant")
        .objects.filter(pk__in=list(variant_ids))
        .values_list("product_id", flat=True)
    )
    products_changed(ids)

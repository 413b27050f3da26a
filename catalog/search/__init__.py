"""Product search behind one small interface; the backend comes from `SEARCH_BACKEND`."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from catalog.search.base import SearchBackend

BACKENDS = {"postgres": "catalog.search.postgres.PostgresBackend"}


@cache
def _backend_for(name: str) -> SearchBackend:
    if name not in BACKENDS:
        raise ValueError(f"SEARCH_BACKEND={name!r}: choose one of {', '.join(sorted(BACKENDS))}")
    return import_string(BACKENDS[name])()


def get_backend() -> SearchBackend:
    return _backend_for(settings.SEARCH_BACKEND)

"""Reads that tolerate replication lag go to the replica (`DATABASE_URL_REPLICA`).

Nothing goes there by default: a view or command opts in with `lag_tolerant` (listing,
search, programme reports). Writes, anything inside a transaction, and the tables that
decide who the visitor is (sessions, users, permissions) always use the primary, so a
customer never loses their own just-written cart, order or login to lag."""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.db import transaction

from marketplace.infrastructure import REPLICA

_reads_may_lag: ContextVar[bool] = ContextVar("reads_may_lag", default=False)
PRIMARY_ONLY_APPS = {"sessions", "auth", "accounts", "contenttypes", "admin"}


@contextmanager
def replica_reads():
    token = _reads_may_lag.set(True)
    try:
        yield
    finally:
        _reads_may_lag.reset(token)


def lag_tolerant(view: Callable) -> Callable:
    """Run a read-only view (or function) with its reads on the replica, when there is one."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            _reads_may_lag.get()
            and REPLICA in settings.DATABASES
            and model._meta.app_label not in PRIMARY_ONLY_APPS
            and not transaction.get_connection("default").in_atomic_block
        ):
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"

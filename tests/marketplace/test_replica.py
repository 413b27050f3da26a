"""Reads that tolerate lag go to the replica named by DATABASE_URL_REPLICA; the rest stay
on the primary. The child process gets a second connection alias ("replica") to the same
test database, so every query can be attributed to the connection that ran it."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import transaction

from catalog.models import Product
from marketplace.accounts.models import User
from marketplace.replica import ReplicaRouter, replica_reads
from tests.subprocess_env import child_env, database_url

CHILD = """
import json, django
django.setup()
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

def tables(alias, action):
    with CaptureQueriesContext(connections[alias]) as captured:
        action()
    return sorted({word.strip('"').split('"')[0] for query in captured
                   for word in query["sql"].split() if word.startswith('"catalog_')})

client = Client()
seen = {}
for name, path in (("listing", "/san-pham/?q=gao"), ("suggest", "/san-pham/goi-y?q=gao")):
    on_replica = []
    on_primary = tables("default", lambda: on_replica.extend(
        tables("replica", lambda: client.get(path))))
    seen[name] = {"replica": on_replica, "primary": on_primary}
on_replica = []
seen["product_page"] = {"primary": tables("default", lambda: on_replica.extend(
    tables("replica", lambda: client.get("/san-pham/khong-co/")))), "replica": on_replica}
print(json.dumps(seen))
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_listing_and_search_read_from_the_replica_and_other_pages_from_the_primary():
    env = child_env(DJANGO_SETTINGS_MODULE="marketplace.settings")
    env["DATABASE_URL"] = env["DATABASE_URL_REPLICA"] = database_url()

    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    for page in ("listing", "suggest"):
        assert "catalog_product" in seen[page]["replica"], seen
        assert seen[page]["primary"] == [], seen
    assert seen["product_page"]["replica"] == [], seen
    assert "catalog_product" in seen["product_page"]["primary"], seen


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_router_sends_only_marked_reads_outside_transactions_to_the_replica(monkeypatch):
    monkeypatch.setitem(settings.DATABASES, "replica", settings.DATABASES["default"])
    router = ReplicaRouter()

    assert router.db_for_read(Product) is None
    with replica_reads():
        assert router.db_for_read(Product) == "replica"
        # Who the visitor is never lags: sessions, users and permissions.
        assert router.db_for_read(User) is None
        with transaction.atomic():
            assert router.db_for_read(Product) is None
    assert router.db_for_write(Product) == "default"
    assert router.allow_migrate("replica", "catalog") is False
    assert router.allow_migrate("default", "catalog") is True


def test_without_a_replica_marked_reads_stay_on_the_primary():
    assert "replica" not in settings.DATABASES
    with replica_reads():
        assert ReplicaRouter().db_for_read(Product) is None

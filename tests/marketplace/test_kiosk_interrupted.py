"""A sync cut off at random points and sent again: every sale exists exactly once.

The server is a separate process that is killed (SIGKILL) part-way through the batch,
twenty times, each time after a random number of further sales; then the batch is
sent again whole. Nothing is mocked: the process dies wherever it happens to be."""

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from marketplace.events.services import redeliver_pending
from marketplace.kiosk.models import KioskSale
from marketplace.kiosk.sync import sync_batch
from marketplace.orders.models import Order, OrderLine
from marketplace.warehouses.models import Stock
from program.models import SalesLedgerEntry
from tests.marketplace.test_kiosk_sync import fair, kiosk, sale  # noqa: F401
from tests.subprocess_env import child_env

SALES = 200
SERVER = """
import json, sys, django
django.setup()
from marketplace.kiosk.models import KioskDevice
from marketplace.kiosk.sync import sync_batch
device = KioskDevice.objects.get(pk=int(sys.argv[1]))
print("ready", flush=True)
sync_batch(device, json.load(sys.stdin))
"""


def start_server(device_id: int, batch: list) -> subprocess.Popen:
    env = child_env()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(device_id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if os.environ.get("KIOSK_DEBUG") else subprocess.DEVNULL,
        env=env,
        text=True,
    )
    line = server.stdout.readline().strip()
    assert line == "ready", server.stderr.read() if server.stderr else line
    server.stdin.write(json.dumps(batch))
    server.stdin.close()
    return server


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_killed_syncs_then_a_full_one_write_each_sale_once(kiosk):  # noqa: F811
    registration, rice, _ = kiosk
    device = registration.device
    Stock.objects.filter(warehouse=device.warehouse, variant=rice).update(quantity=1000)
    batch = [sale([(rice, 1)]) for _ in range(SALES)]
    randomness = random.Random(20261129)
    progress = []

    for _ in range(20):
        goal = KioskSale.objects.count() + randomness.randint(1, 6)
        server = start_server(device.pk, batch)
        while KioskSale.objects.count() < goal and server.poll() is None:
            time.sleep(randomness.uniform(0, 0.01))
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        progress.append(KioskSale.objects.count())

    results = sync_batch(device, batch)
    redeliver_pending()  # ledger deliveries the killed servers never made

    # Every sync was cut off part-way: sales written each time, never all of them.
    assert progress == sorted(progress) and 0 < progress[-1] < SALES, progress
    assert len(set(progress)) == 20, progress
    assert {r["status"] for r in results} == {"synced"}
    assert KioskSale.objects.count() == Order.objects.count() == SALES
    assert OrderLine.objects.count() == SALES
    assert SalesLedgerEntry.objects.filter(order_line__order__kiosk_sale__isnull=False).count() == (
        SALES
    )
    assert Stock.objects.get(warehouse=device.warehouse, variant=rice).quantity == 1000 - SALES

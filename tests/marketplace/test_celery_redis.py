"""Celery on a real Redis broker with a real worker process.

The worker is `celery -A marketplace worker` in its own process, on the test database;
work is enqueued by the real services and only after their transaction commits."""

import json
import re
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
import redis
from django.db import transaction
from django.utils import timezone
from kombu import pools

from catalog.models import Rating, RatingStatus
from catalog.tasks import expire_certificates_task
from marketplace.celery import app
from program.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from program.services.webhooks import verify
from tests.catalog.conftest import commune_2023, make_producer, make_product, rule_148, rule_1489  # noqa: F401
from tests.catalog.test_ratings import certified
from tests.marketplace.conftest import address, make_seller, online, ready_checkout  # noqa: F401
from tests.program.conftest import committed, paid_cod_order  # noqa: F401
from tests.program.test_webhooks import receiver  # noqa: F401
from tests.subprocess_env import child_env
from tests.traceability.conftest import make_lot  # noqa: F401
from traceability.models import StampBatch
from traceability.services.printing import request_sheet
from traceability.services.stamps import issue_batch, void_range

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def broker(redis_url, settings):
    """This process enqueues to Redis instead of running tasks inline."""
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=redis_url, task_always_eager=False)
    settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER = redis_url, False
    _drop_connections()
    yield redis.Redis.from_url(redis_url)
    app.conf.update(saved)
    _drop_connections()


def _drop_connections():
    """Forget pooled broker connections, so the next send uses the current broker_url."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def worker(broker, redis_url, tmp_path, settings):
    log = tmp_path / "worker.log"
    env = child_env(CELERY_BROKER_URL=redis_url, MEDIA_ROOT=str(settings.MEDIA_ROOT))
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "marketplace",
        "worker",
        "--pool",
        "solo",
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while "ready." not in log.read_text():
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
    yield log
    process.terminate()
    process.wait(timeout=20)


def task_lines(log: Path, task: str, state: str = "succeeded") -> int:
    """How many times the worker logged `task` in `state` (received, succeeded)."""
    return len(re.findall(rf"{task}\[[0-9a-f-]+\] {state}", log.read_text()))


def wait_until(check, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def test_stamp_sheets_are_printed_by_the_worker_after_commit(worker, make_lot, settings):  # noqa: F811
    lot = make_lot()
    batch = issue_batch(lot, 12)
    abandoned = issue_batch(lot, 3)

    with transaction.atomic():
        request_sheet(batch)
        # Not sent before the commit (the worker could not see the batch yet): a message
        # sent now would reach the idle worker well within a second.
        time.sleep(1)
        assert task_lines(worker, "store_sheet_task", "received") == 0
    with transaction.atomic():
        request_sheet(abandoned)
        transaction.set_rollback(True)

    printed = wait_until(lambda: StampBatch.objects.filter(pk=batch.pk).exclude(sheet="").first())
    assert printed.sheet_stamps == 12
    path = Path(printed.sheet.path)
    assert path.read_bytes().startswith(b"%PDF")
    assert str(batch.pk) in path.name and len(path.stem) > len(f"batch-{batch.pk}-") + 10

    # Asked again for the same stamps: the stored sheet is kept, not printed twice.
    with transaction.atomic():
        request_sheet(printed)
    wait_until(lambda: task_lines(worker, "store_sheet_task") == 2)
    assert StampBatch.objects.get(pk=batch.pk).sheet.name == printed.sheet.name

    # Voiding stamps makes the sheet stale: the next request prints it again.
    void_range(printed, 1, 2)
    with transaction.atomic():
        request_sheet(printed)
    reprinted = wait_until(lambda: StampBatch.objects.filter(pk=batch.pk, sheet_stamps=10).first())
    assert reprinted.sheet.name != printed.sheet.name
    assert not path.exists()
    # The rolled-back request never reached the queue.
    assert StampBatch.objects.get(pk=abandoned.pk).sheet == ""
    assert task_lines(worker, "store_sheet_task", "received") == 3


def test_webhooks_of_a_paid_order_are_sent_by_the_worker(worker, receiver, paid_cod_order):  # noqa: F811
    endpoint = WebhookEndpoint.objects.create(name="Sở NN&MT", url=receiver.url)

    paid_cod_order(price=50000, quantity=3)

    delivery = wait_until(lambda: WebhookDelivery.objects.filter(status="delivered").first())
    [(headers, body)] = receiver.received
    assert verify(endpoint.secret, headers["X-OCOP-Signature"], body)
    assert json.loads(body)["entry"]["gross"] == "150000.00"
    assert delivery.attempts == 1
    assert WebhookAttempt.objects.filter(delivery=delivery).count() == 1
    assert task_lines(worker, "send_webhook_task") == 1


def test_the_daily_certificate_expiry_runs_on_the_worker(worker, make_product, rule_148, rule_1489):  # noqa: F811
    # Certificates last 36 months: one of March 2023 has lapsed; one of last month holds.
    lapsed = certified(make_product(), rule_148, "district", 60, date(2023, 3, 1), "CN-CU")
    last_month = timezone.localdate() - timedelta(days=30)
    current = certified(make_product(), rule_1489, "province", 60, last_month, "CN-MOI")

    expire_certificates_task.delay()

    wait_until(lambda: Rating.objects.filter(pk=lapsed.pk, status=RatingStatus.EXPIRED).exists())
    assert Rating.objects.get(pk=current.pk).status == RatingStatus.CERTIFIED
    assert task_lines(worker, "expire_certificates_task") == 1

"""`make demo` serves with the production server (gunicorn + uvicorn workers, as the
image does) and survives 200 concurrent requests without running out of database
connections (the development server it replaced leaked them: 100 idle, then 500s)."""

import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from marketplace.serve import gunicorn_command, serve
from tests.subprocess_env import database_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


@pytest.fixture
def demo_server():
    port = _free_port()
    process = serve(database_url(), port, OCOP_MODE="test", LOG_LEVEL="WARNING")
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while _get_quietly(f"{base}/healthz") != 200:
        assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=30)


def _get_quietly(url: str):
    try:
        return _get(url)
    except OSError:
        return None


def test_the_demo_runs_the_images_server_command(db):
    command = gunicorn_command("127.0.0.1", 8000, 2)
    dockerfile = Path(__file__).resolve().parents[2] / "docker" / "Dockerfile"
    assert "marketplace.asgi:application" in command
    assert "uvicorn_worker.UvicornWorker" in command
    assert "marketplace.asgi:application --worker-class uvicorn_worker.UvicornWorker" in (
        dockerfile.read_text()
    )


def test_two_hundred_concurrent_requests_all_succeed(demo_server):
    paths = ["/", "/healthz", "/san-pham/", "/san-pham/?q=gao"] * 50
    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(lambda path: _get(demo_server + path), paths))
    idle_after = _connections()

    assert statuses.count(200) == 200, sorted(set(statuses))
    # The test's own connection plus at most a few left closing; never a pile of idle ones.
    assert idle_after <= 5, idle_after

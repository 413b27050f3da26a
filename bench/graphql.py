"""The storefront product-list query in Saleor's shape, against a production-style server.

    .venv/bin/python bench/graphql.py [--requests 500]

Starts a fresh embedded PostgreSQL with the demo data, serves the project with gunicorn
(DEBUG off, one process, threads) on 127.0.0.1, and sends the query sequentially over one
keep-alive connection. Prints p50, p95, requests per second, the SQL queries the query
costs, and /healthz timed in the same run for a ratio. Goals: p50 ≤ 11 ms, ≤ 6 queries.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is called graphql.py: keep its folder off the path so `import graphql`
# finds the library, not this script.
sys.path = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]

QUERY = """query ProductList($channel: String!) {
  products(first: 20, channel: $channel) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node {
      id name slug
      category { id name }
      thumbnail(size: 256) { url alt }
      pricing {
        onSale
        priceRange {
          start { gross { amount currency } net { amount currency } }
          stop { gross { amount currency } }
        }
        priceRangeUndiscounted { start { gross { amount currency } } }
        discount { gross { amount currency } }
      }
    } }
  }
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(data_dir: str) -> str:
    os.environ.update(
        OCOP_MODE="test",
        OCOP_DATA_DIR=data_dir,
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="marketplace.settings",
        MEDIA_ROOT=str(Path(data_dir) / "media"),
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", verbosity=0, stdout=quiet)
    return settings.DATABASE_URL


def queries_per_request() -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    body = json.dumps({"query": QUERY, "variables": {"channel": "default-channel"}})
    client.post("/graphql/", body, content_type="application/json")
    with CaptureQueriesContext(connection) as captured:
        client.post("/graphql/", body, content_type="application/json")
    return len(captured.captured_queries)


def serve(database_url: str, data_dir: str, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "OCOP_MODE": "production",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
    }
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "marketplace.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def timed_requests(port: int, count: int):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    body = json.dumps({"query": QUERY, "variables": {"channel": "default-channel"}})
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
    graph, health = [], []
    for _ in range(10):  # warm up the worker
        connection.request("POST", "/graphql/", body, headers)
        connection.getresponse().read()
    started = time.perf_counter()
    for _ in range(count):
        begin = time.perf_counter()
        connection.request("POST", "/graphql/", body, headers)
        response = connection.getresponse()
        payload = response.read()
        graph.append(time.perf_counter() - begin)
        assert response.status == 200 and b'"errors"' not in payload, payload[:300]
    wall = time.perf_counter() - started
    for _ in range(count):
        begin = time.perf_counter()
        connection.request("GET", "/healthz", headers={"Connection": "keep-alive"})
        connection.getresponse().read()
        health.append(time.perf_counter() - begin)
    connection.close()
    return graph, health, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as data_dir:
        database_url = prepare(data_dir)
        queries = queries_per_request()
        port = free_port()
        server = serve(database_url, data_dir, port)
        try:
            graph, health, wall = timed_requests(port, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=20)
        quantiles = statistics.quantiles(graph, n=100)
        p50, p95 = statistics.median(graph) * 1000, quantiles[94] * 1000
        health_p50 = statistics.median(health) * 1000
        print(f"product list (20, Saleor shape), {args.requests} sequential requests, keep-alive")
        print(f"p50               {p50:.2f} ms   (goal ≤ 11 ms: {p50 / 11:.2f}× the goal)")
        print(f"p95               {p95:.2f} ms")
        print(f"requests/second   {args.requests / wall:.1f}")
        print(f"SQL queries       {queries}   (goal ≤ 6)")
        print(f"/healthz p50      {health_p50:.2f} ms   (product list = {p50 / health_p50:.1f}×)")
        print("reference: Saleor 3.20 serves this query here at 54 ms p50 with 14 SQL queries")
        from marketplace.embedded_database import stop

        stop(Path(data_dir))


if __name__ == "__main__":
    main()

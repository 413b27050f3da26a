"""Saleor-shaped storefront queries (product list, product detail, search sorted by rank)
against a production-style server.

    .venv/bin/python bench/graphql_api.py [--requests 500]

Starts a fresh embedded PostgreSQL with the demo data, serves the project with gunicorn
(DEBUG off, one process, threads) on 127.0.0.1, and sends each query sequentially over one
keep-alive connection. Prints p50 and p95 per query, the SQL queries each costs (the list
at 5, 20 and 100 a page: constant in page size), and /healthz timed in the same run.
Goal (issue #20): each p50 at most 1/5 of Saleor 3.20's for the same query on this machine;
the one Saleor figure measured here is the product list, 86 ms p50 (goal ≤ 17.2 ms).
"""

import argparse
import http.client
import json
import statistics
import tempfile
import time
from pathlib import Path

from _goals import at_most
from _server import free_port, prepare, serve

QUERY = """query ProductList($channel: String!, $first: Int = 20) {
  products(first: $first, channel: $channel) {
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


DETAIL = """query ProductDetails($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    id name slug description seoTitle seoDescription isAvailableForPurchase
    category { id name slug }
    media { url(size: 1024) alt type }
    attributes { attribute { slug name } values { name } }
    pricing { priceRange { start { gross { amount currency } } } }
    defaultVariant { id }
    variants { id name quantityAvailable attributes { attribute { slug } values { name } }
               pricing { price { gross { amount currency } net { amount } tax { amount } } } }
  }
}"""

SEARCH = """query Search($search: String!, $channel: String!) {
  products(first: 20, channel: $channel, search: $search,
           sortBy: {field: RANK, direction: DESC}) {
    totalCount
    edges { node { id name slug thumbnail(size: 256) { url }
                   pricing { priceRange { start { gross { amount currency } } } } } }
  }
}"""

CHANNEL = {"channel": "default-channel"}
TIMED = {
    "product list": (QUERY, CHANNEL),
    "product detail": (DETAIL, {**CHANNEL, "slug": "gao-nep-cai-hoa-vang"}),
    "search by rank": (SEARCH, {**CHANNEL, "search": "gao nep"}),
}
SALEOR_P50_MS = {"product list": 86.0}


def count_queries(query: str, variables: dict) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    body = json.dumps({"query": query, "variables": variables})
    client.post("/graphql/", body, content_type="application/json")
    with CaptureQueriesContext(connection) as captured:
        client.post("/graphql/", body, content_type="application/json")
    return len(captured.captured_queries)


def queries_per_request() -> dict:
    counts = {name: count_queries(*pair) for name, pair in TIMED.items()}
    for first in (5, 100):
        counts[f"product list, {first} a page"] = count_queries(QUERY, {**CHANNEL, "first": first})
    return counts


def _time(connection, headers, query, variables, count):
    body = json.dumps({"query": query, "variables": variables})
    for _ in range(10):  # warm up the worker
        connection.request("POST", "/graphql/", body, headers)
        connection.getresponse().read()
    times = []
    for _ in range(count):
        begin = time.perf_counter()
        connection.request("POST", "/graphql/", body, headers)
        response = connection.getresponse()
        payload = response.read()
        times.append(time.perf_counter() - begin)
        assert response.status == 200 and b'"errors"' not in payload, payload[:300]
    return times


def timed_requests(port: int, count: int):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
    health = []
    started = time.perf_counter()
    graph = {
        name: _time(connection, headers, query, variables, count)
        for name, (query, variables) in TIMED.items()
    }
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
        health_p50 = statistics.median(health) * 1000
        total = args.requests * len(graph)
        print(f"Saleor-shaped queries, {args.requests} sequential requests each, keep-alive")
        for name, times in graph.items():
            p50 = statistics.median(times) * 1000
            p95 = statistics.quantiles(times, n=100)[94] * 1000
            saleor = SALEOR_P50_MS.get(name)
            against = (
                f"Saleor 3.20 {saleor:.0f} ms: {p50 / saleor:.2f}, goal ≤ 0.20"
                if saleor
                else "no Saleor figure measured here"
            )
            print(
                f"{name:<16} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  SQL {queries[name]:>2}  "
                f"({against})"
            )
        sizes = [queries[f"product list, {n} a page"] for n in (5, 100)]
        sizes.insert(1, queries["product list"])
        print(
            f"SQL queries of the list at 5 / 20 / 100 a page: {sizes[0]} / {sizes[1]} / "
            f"{sizes[2]} ({'constant' if len(set(sizes)) == 1 else 'NOT constant'})"
        )
        print(f"requests/second   {total / wall:.1f}")
        for name, saleor in SALEOR_P50_MS.items():
            p50 = statistics.median(graph[name]) * 1000
            at_most(f"GraphQL {name} p50 (Saleor 3.20: {saleor:g} ms)", p50, saleor / 5, " ms")
        at_most("GraphQL list SQL at 100 / at 5 a page", sizes[2] / sizes[0], 1, "×")
        list_p50 = statistics.median(graph["product list"]) * 1000
        print(
            f"/healthz p50      {health_p50:.2f} ms   (product list = {list_p50 / health_p50:.1f}×)"
        )
        from marketplace.embedded_database import stop

        stop(Path(data_dir))


if __name__ == "__main__":
    main()

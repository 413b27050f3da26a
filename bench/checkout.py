"""Concurrent checkout completion against the embedded PostgreSQL.

    .venv/bin/python bench/checkout.py [--buyers 600] [--threads 8] [--stock 150]

Prepares one checkout per buyer (not timed), each for one unit of one of three
products whose stock is smaller than the demand, then lets `--threads` workers
complete them as fast as they can. Prints completions per second, p50/p95 latency,
how many buyers were refused for lack of stock, and the oversell count (units
allocated beyond stock, and orders beyond the units there were), which must be 0.
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from _goals import at_least, at_most

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(data_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    os.environ["OCOP_MODE"] = "test"
    os.environ["OCOP_DATA_DIR"] = data_dir  # a fresh embedded server, removed afterwards
    os.environ.pop("DATABASE_URL", None)
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def prepare(buyers: int, stock: int):
    from catalog.models import AdministrativeUnit, Producer, Product, ProductGroup, ProductVariant
    from marketplace.channels.models import Channel
    from marketplace.channels.services import publish_product, set_variant_price
    from marketplace.checkout import services
    from marketplace.shipping.models import DeliveryRate
    from marketplace.warehouses.models import Warehouse
    from marketplace.warehouses.services import set_stock

    channel = Channel.objects.create(
        slug="bench", name="Bench", kind="online", payment_gateways=["cod"]
    )
    commune = AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).first()
    province = AdministrativeUnit.objects.get(code="31")
    sellers = []
    for number in range(3):
        producer = Producer.objects.create(
            name=f"Bench {number}",
            slug=f"bench-{number}",
            legal_form="cooperative",
            registration_number=f"080060000{number}",
            street_address="-",
            commune=commune,
        )
        warehouse = Warehouse.objects.create(
            name=f"W{number}",
            slug=f"w{number}",
            producer=producer,
            street_address="-",
            commune=commune,
        )
        warehouse.channels.add(channel)
        rate = DeliveryRate.objects.create(
            producer=producer, channel=channel, name="flat", kind="flat", base_amount=30000
        )
        rate.provinces.add(province)
        product = Product.objects.create(
            producer=producer,
            group=ProductGroup.objects.get(code="1.4"),
            name=f"Bench {number}",
            slug=f"bench-{number}",
        )
        variant = ProductVariant.objects.create(product=product, name="1", sku=f"B{number}")
        publish_product(product, channel)
        set_variant_price(variant, channel, 100000)
        set_stock(warehouse, variant, stock, reason="bench")
        sellers.append((producer, rate, variant))
    address = services.AddressInput("Bench", "0987654321", "31", "11074", "1")
    checkouts = []
    for buyer in range(buyers):
        producer, rate, variant = sellers[buyer % 3]
        checkout = services.create_checkout(
            channel, email=f"b{buyer}@bench.test", lines=[(variant, 1)]
        )
        services.set_shipping_address(checkout, address)
        services.set_delivery(checkout, producer, rate=rate)
        checkouts.append(checkout)
    return checkouts


def run(checkouts, threads: int):
    from django.db import connection

    from marketplace.checkout.complete import complete_checkout
    from marketplace.errors import CommerceError

    queue = list(reversed(checkouts))
    lock = threading.Lock()
    latencies, refused = [], []

    def worker():
        while True:
            with lock:
                if not queue:
                    break
                checkout = queue.pop()
            started = time.perf_counter()
            try:
                complete_checkout(checkout, "cod")
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
            except CommerceError:
                with lock:
                    refused.append(time.perf_counter() - started)
        connection.close()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return time.perf_counter() - started, latencies, refused


def oversell() -> int:
    from django.db.models import F

    from marketplace.orders.models import OrderLine
    from marketplace.warehouses.models import Stock

    over_allocated = sum(
        s.quantity_allocated - s.quantity
        for s in Stock.objects.filter(quantity_allocated__gt=F("quantity"))
    )
    sold = {}
    for line in OrderLine.objects.all():
        sold[line.variant_id] = sold.get(line.variant_id, 0) + line.quantity
    beyond = sum(max(0, sold.get(s.variant_id, 0) - s.quantity) for s in Stock.objects.all())
    return over_allocated + beyond


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=600)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--stock", type=int, default=150, help="units per product (3 products)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as data_dir:
        setup_django(data_dir)
        checkouts = prepare(args.buyers, args.stock)
        wall, latencies, refused = run(checkouts, args.threads)
        completions = len(latencies)
        quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
        print(f"buyers {args.buyers}, threads {args.threads}, stock {3 * args.stock} units")
        print(f"completed orders      {completions}")
        print(f"refused (no stock)    {len(refused)}")
        print(
            f"completions/second    {completions / wall:.1f}   (goal ≥ 30: "
            f"{completions / wall / 30:.2f}× the goal)"
        )
        print(f"attempts/second       {(completions + len(refused)) / wall:.1f}")
        print(f"latency p50           {quantiles[49] * 1000:.1f} ms")
        print(f"latency p95           {quantiles[94] * 1000:.1f} ms")
        print(f"oversell              {oversell()}   (goal 0)")
        at_least("checkout completions/second", completions / wall, 30)
        at_most("checkout oversell (units)", oversell(), 0)
        from marketplace.embedded_database import stop

        stop(Path(data_dir))


if __name__ == "__main__":
    main()

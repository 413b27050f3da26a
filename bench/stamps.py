"""Stamp issuing, label printing and the verification page, against the embedded PostgreSQL.

    .venv/bin/python bench/stamps.py [--issue 100000] [--labels 10000] [--scans 300]

Prints: seconds to issue the stamps in one batch (goal ≤ 10 s); seconds to render the
labels to A4 PDF sheets and the ratio to encoding the same QR codes alone (goals ≤ 30 s
and ≤ 2×); the verification page's p50 and its ratio to /healthz's p50 measured in the
same run, each request going through the whole WSGI application (goal ≤ 2×).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from _goals import at_most

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup(data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "marketplace.settings"
    os.environ["OCOP_MODE"] = "test"
    os.environ["OCOP_DATA_DIR"] = data_dir
    os.environ["MEDIA_ROOT"] = str(Path(data_dir) / "media")
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_lot():
    from catalog.gtin import check_digit
    from catalog.models import AdministrativeUnit, Producer, Product, ProductGroup, ProductVariant
    from traceability.services.lots import create_lot

    commune = AdministrativeUnit.objects.filter(level="commune").first()
    producer = Producer.objects.create(
        name="Bench",
        slug="bench",
        legal_form="cooperative",
        registration_number="0800600099",
        street_address="-",
        commune=commune,
    )
    product = Product.objects.create(
        producer=producer,
        group=ProductGroup.objects.get(code="1.4"),
        name="Nước mắm cá cơm Nguyên Giáp",
        slug="bench",
    )
    body = "893810099999"
    variant = ProductVariant.objects.create(
        product=product, name="500 ml", sku="BENCH", gtin=body + str(check_digit(body))
    )
    return create_lot(
        variant,
        code="BENCH-01",
        production_date=date(2026, 1, 1),
        expiry_date=date(2030, 1, 1),
        quantity=Decimal(1),
        unit="l",
        origin_name="Bench",
        origin_unit=commune,
    )


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def p50(samples) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issue", type=int, default=100_000)
    parser.add_argument("--labels", type=int, default=10_000)
    parser.add_argument("--scans", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as data_dir:
        setup(data_dir)
        from django.conf import settings
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import RequestFactory

        from traceability.printing.content import qr_matrix
        from traceability.printing.pdf import render_sheets
        from traceability.services.printing import batch_labels
        from traceability.services.stamps import issue_batch

        lot = make_lot()
        issue_seconds, batch = timed(lambda: issue_batch(lot, args.issue))
        print(f"issue {args.issue} stamps        {issue_seconds:.2f} s   (goal ≤ 10 s)")
        at_most(f"issue {args.issue:,} stamps", issue_seconds, 10, " s")

        labels = []
        for label in batch_labels(batch):
            labels.append(label)
            if len(labels) == args.labels:
                break
        encode_seconds, _ = timed(lambda: [qr_matrix(label.uri) for label in labels])
        pdf = Path(data_dir) / "sheets.pdf"
        render_seconds, _ = timed(lambda: render_sheets(labels, pdf))
        print(f"encode {len(labels)} QR codes      {encode_seconds:.2f} s")
        print(
            f"render {len(labels)} labels (PDF)  {render_seconds:.2f} s   (goal ≤ 30 s), "
            f"{render_seconds / encode_seconds:.2f}× encoding alone (goal ≤ 2×), "
            f"{pdf.stat().st_size / 1e6:.1f} MB"
        )
        at_most(f"render {len(labels):,} labels to PDF", render_seconds, 30, " s")
        at_most("label PDF / QR encoding alone", render_seconds / encode_seconds, 2, "×")

        settings.SCAN_RATE_LIMIT_PER_MINUTE = 10**9
        application = WSGIHandler()
        factory = RequestFactory()

        def get(path):
            """One request through the whole WSGI application (middleware, view, template),
            without the test client's template instrumentation and without a socket."""
            statuses = []
            body = application(
                factory.get(path).environ, lambda status, headers: statuses.append(status)
            )
            b"".join(body)
            assert statuses[0].startswith("200"), (path, statuses)

        serials = list(batch.stamps.values_list("serial", flat=True)[: args.scans])
        random.shuffle(serials)
        base = f"/01/{lot.variant.gtin}/10/{lot.code}/21/"
        get("/healthz")
        health, verify = [], []
        for serial in serials:
            health.append(timed(lambda: get("/healthz"))[0])
            verify.append(timed(lambda s=serial: get(base + s))[0])
        print(f"/healthz p50                {p50(health):.2f} ms")
        print(
            f"verification page p50       {p50(verify):.2f} ms   "
            f"{p50(verify) / p50(health):.1f}× /healthz (goal ≤ 2×)"
        )
        at_most("stamp verification p50 / healthz", p50(verify) / p50(health), 2, "×")
        from marketplace.embedded_database import stop

        stop(Path(data_dir))


if __name__ == "__main__":
    main()

"""`ocop ledger rebuild`: recompute the ledger from orders and book any difference.

The ledger is append-only, so a difference is booked as a correction row whose
source names the row it corrects; a second run finds nothing left to correct.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count

from marketplace.orders.models import OrderLine
from marketplace.payments.models import RefundLine
from program.models import EntryKind, SalesLedgerEntry
from program.services.ledger import (
    LINE_RELATIONS,
    SalesPoints,
    record_entry,
    refund_entry,
    sale_entry,
)

ORDER_KINDS = (EntryKind.SALE, EntryKind.REFUND, EntryKind.CORRECTION)


@dataclass(frozen=True)
class Difference:
    source: str
    expected: tuple[int, Decimal, Decimal]
    booked: tuple[int, Decimal, Decimal]

    def describe(self) -> str:
        return (
            f"{self.source}: expected quantity {self.expected[0]}, gross {self.expected[1]}, "
            f"commission {self.expected[2]}; ledger had {self.booked[0]}, {self.booked[1]}, "
            f"{self.booked[2]}"
        )


def expected_entries() -> dict[str, SalesLedgerEntry]:
    """The rows the orders call for: every line of a paid order, every refund line."""
    points = SalesPoints()
    lines = OrderLine.objects.filter(order__paid_at__isnull=False, variant__isnull=False)
    entries = [sale_entry(line, points) for line in lines.select_related(*LINE_RELATIONS)]
    refunds = RefundLine.objects.select_related(
        "refund", *(f"order_line__{name}" for name in LINE_RELATIONS)
    ).filter(order_line__variant__isnull=False)
    entries += [refund_entry(refund_line, points) for refund_line in refunds]
    return {entry.source: entry for entry in entries}


def booked_totals() -> dict[str, tuple[int, Decimal, Decimal]]:
    """What the ledger holds per order source, corrections added to the rows they correct."""
    totals: dict[str, list] = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
    rows = SalesLedgerEntry.objects.filter(kind__in=ORDER_KINDS).values_list(
        "source", "quantity", "gross", "commission"
    )
    for source, quantity, gross, commission in rows.iterator(chunk_size=5000):
        total = totals[corrected_source(source)]
        total[0] += quantity
        total[1] += gross
        total[2] += commission
    return {source: tuple(total) for source, total in totals.items()}


def corrected_source(source: str) -> str:
    """`correction:<n>:sale:12` corrects `sale:12`."""
    if source.startswith("correction:"):
        return source.split(":", 2)[2]
    return source


def rebuild(*, dry_run: bool = False) -> list[Difference]:
    """Compare the ledger with the orders; book missing rows and corrections unless dry."""
    with transaction.atomic():
        # One rebuild at a time: the advisory lock is released at commit.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('program.ledger.rebuild'))")
        expected = expected_entries()
        booked = booked_totals()
        differences = _differences(expected, booked)
        if not dry_run:
            _book(differences, expected)
    return differences


def _differences(expected, booked) -> list[Difference]:
    zero = (0, Decimal(0), Decimal(0))
    differences = []
    for source in sorted(set(expected) | set(booked)):
        entry = expected.get(source)
        want = (entry.quantity, entry.gross, entry.commission) if entry else zero
        have = booked.get(source, zero)
        if tuple(want) != tuple(have):
            differences.append(Difference(source, want, have))
    return differences


def _book(differences: list[Difference], expected: dict[str, SalesLedgerEntry]) -> None:
    corrections = Count("pk")
    for difference in differences:
        entry = expected.get(difference.source)
        if difference.booked == (0, Decimal(0), Decimal(0)) and entry is not None:
            record_entry(entry)
            continue
        template = entry or SalesLedgerEntry.objects.get(source=difference.source)
        done = SalesLedgerEntry.objects.filter(
            source__startswith="correction:", source__endswith=f":{difference.source}"
        ).aggregate(n=corrections)["n"]
        record_entry(_correction(template, difference, done + 1))


def _correction(template: SalesLedgerEntry, difference: Difference, number: int):
    quantity, gross, commission = (
        want - have for want, have in zip(difference.expected, difference.booked, strict=True)
    )
    fields = {
        field.attname: getattr(template, field.attname)
        for field in SalesLedgerEntry._meta.concrete_fields
        if field.attname not in ("id", "created_at")
    }
    fields.update(
        source=f"correction:{number}:{difference.source}",
        kind=EntryKind.CORRECTION,
        quantity=quantity,
        gross=gross,
        commission=commission,
        note="ocop ledger rebuild",
    )
    return SalesLedgerEntry(**fields)

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.management.progress import progress_bar
from traceability.errors import TraceError
from traceability.models import Lot, StampBatch
from traceability.printing.content import LabelSize
from traceability.services.printing import print_batch
from traceability.services.stamps import issue_batch, mark_applied, void_batch, void_range


def find_lot(code: str, gtin: str | None) -> Lot:
    lots = Lot.objects.filter(code=code)
    if gtin:
        lots = lots.filter(variant__gtin=gtin.zfill(14))
    found = list(lots[:2])
    if not found:
        raise CommandError(f"no lot {code!r}")
    if len(found) > 1:
        raise CommandError(f"several lots are called {code!r}: add --gtin")
    return found[0]


class Command(BaseCommand):
    help = "Issue, print and void traceability stamps, and mark them as applied."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="issue a batch of stamps for a lot")
        issue.add_argument("--lot", required=True, help="lot code")
        issue.add_argument("--gtin", help="GTIN, when several products share the lot code")
        issue.add_argument("--count", type=int, required=True)
        printing = actions.add_parser("print", help="print a batch as A4 PDF sheets")
        printing.add_argument("batch", type=int)
        printing.add_argument("--pdf", type=Path, required=True)
        printing.add_argument("--label-width", type=float, default=60, help="mm")
        printing.add_argument("--label-height", type=float, default=30, help="mm")
        void = actions.add_parser("void", help="void a whole batch or a range of it")
        void.add_argument("batch", type=int)
        void.add_argument("--first", type=int, help="first stamp (1-based) of a range")
        void.add_argument("--last", type=int, help="last stamp of a range")
        applied = actions.add_parser(
            "applied", help="mark a whole batch or a range of it as applied to goods or sold"
        )
        applied.add_argument("batch", type=int)
        applied.add_argument("--first", type=int, help="first stamp (1-based) of a range")
        applied.add_argument("--last", type=int, help="last stamp of a range")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except TraceError as error:
            raise CommandError(str(error)) from error

    def _issue(self, lot, gtin, count, **options):
        batch = issue_batch(find_lot(lot, gtin), count)
        self.stdout.write(f"batch {batch.pk}: {batch.count} stamps issued for lot {batch.lot.code}")

    def _print(self, batch, pdf, label_width, label_height, **options):
        batch = self._batch(batch)
        size = LabelSize(width=label_width, height=label_height)
        if size.per_page < 1:
            raise CommandError("the label does not fit on an A4 page")
        printed = print_batch(batch, pdf, size, progress_bar(sys.stderr, batch.count))
        sys.stderr.write("\n")
        self.stdout.write(f"{printed} labels written to {pdf}")

    def _void(self, batch, first, last, **options):
        batch = self._batch(batch)
        if first is None and last is None:
            count = void_batch(batch)
        else:
            count = void_range(batch, first or 1, last or batch.count)
        self.stdout.write(f"{count} stamps voided")

    def _applied(self, batch, first, last, **options):
        count = mark_applied(self._batch(batch), first, last)
        self.stdout.write(f"{count} stamps marked as applied")

    def _batch(self, pk) -> StampBatch:
        batch = StampBatch.objects.select_related("lot__variant__product").filter(pk=pk).first()
        if batch is None:
            raise CommandError(f"no stamp batch {pk}")
        return batch

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.errors import CommerceError
from marketplace.payments.reconciliation import reconcile


class Command(BaseCommand):
    help = "Import a bank statement CSV (reference,date,amount,note) and mark VietQR orders paid."

    def add_arguments(self, parser):
        parser.add_argument("statement", type=Path)
        parser.add_argument(
            "--number-format",
            choices=["vi", "en"],
            default="vi",
            help="how the bank writes amounts: vi = 1.234.567,00 (default), en = 1,234,567.00",
        )

    def handle(self, *args, statement, number_format, **options):
        try:
            transfers = reconcile(statement.read_bytes(), number_format)
        except (CommerceError, OSError) as error:
            raise CommandError(str(error)) from error
        for transfer in transfers:
            self.stdout.write(
                f"{transfer.reference}  {transfer.amount}  {transfer.get_outcome_display()}"
            )
        self.stdout.write(f"{len(transfers)} new transfer(s).")

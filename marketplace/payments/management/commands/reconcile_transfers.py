from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.errors import CommerceError
from marketplace.payments.reconciliation import reconcile


class Command(BaseCommand):
    help = "Import a bank statement CSV (reference,date,amount,note) and mark VietQR orders paid."

    def add_arguments(self, parser):
        parser.add_argument("statement", type=Path)

    def handle(self, *args, statement, **options):
        try:
            transfers = reconcile(statement.read_bytes())
        except (CommerceError, OSError) as error:
            raise CommandError(str(error)) from error
        for transfer in transfers:
            self.stdout.write(
                f"{transfer.reference}  {transfer.amount}  {transfer.get_outcome_display()}"
            )
        self.stdout.write(f"{len(transfers)} new transfer(s).")

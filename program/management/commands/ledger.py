from django.core.management.base import BaseCommand

from program.services.rebuild import rebuild
from program.services.webhooks import send_due


class Command(BaseCommand):
    help = (
        "The programme's sales ledger. `rebuild` recomputes it from the orders and books "
        "any difference (safe to run again); `send-webhooks` retries due webhook deliveries."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        rebuild_parser = actions.add_parser("rebuild", help="compare with orders, book differences")
        rebuild_parser.add_argument(
            "--dry-run", action="store_true", help="report differences, write nothing"
        )
        actions.add_parser("send-webhooks", help="send webhook deliveries that are due")

    def handle(self, *args, action, **options):
        if action == "send-webhooks":
            self.stdout.write(f"{send_due()} webhook deliveries attempted.")
            return
        differences = rebuild(dry_run=options["dry_run"])
        for difference in differences:
            self.stdout.write(difference.describe())
        verb = "found" if options["dry_run"] else "booked"
        self.stdout.write(f"{len(differences)} differences {verb}.")

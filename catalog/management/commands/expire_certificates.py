from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from catalog.services.ratings import expire_due_certificates


class Command(BaseCommand):
    help = "Mark certificates whose validity has ended as expired (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--on", type=date.fromisoformat, help="as of this day (YYYY-MM-DD)")

    def handle(self, *args, on, **options):
        count = expire_due_certificates(on or timezone.localdate())
        self.stdout.write(f"{count} certificate(s) expired.")

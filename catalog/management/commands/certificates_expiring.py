from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from catalog.services.ratings import certificates_expiring_within


class Command(BaseCommand):
    help = "List certificates that end within the given number of days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90)
        parser.add_argument("--on", type=date.fromisoformat, help="as of this day (YYYY-MM-DD)")

    def handle(self, *args, days, on, **options):
        ratings = certificates_expiring_within(days, on or timezone.localdate())
        for rating in ratings:
            self.stdout.write(
                f"{rating.valid_to}  {rating.certificate_number}  {rating.stars}★  "
                f"{rating.product.name}  ({rating.product.producer.name})"
            )
        self.stdout.write(f"{len(ratings)} certificate(s) end within {days} days.")

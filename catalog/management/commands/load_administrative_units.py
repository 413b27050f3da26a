"""Load Vietnam's official administrative units (both generations) and their succession."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog.reference_data.load_units import load_official_units


class Command(BaseCommand):
    help = (
        "Load the official provinces, districts and communes in force until 30 June 2025, "
        "the 34 provinces and 3,321 communes from 1 July 2025, and which former unit each "
        "new one took over (package vietnamadminunits). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            action="append",
            dest="provinces",
            metavar="CODE",
            help="Only this province (former or new GSO code, e.g. 30 or 31); repeatable. "
            "A new province brings the former provinces merged into it.",
        )

    def handle(self, *args, provinces=None, **options):
        try:
            with transaction.atomic():
                counts = load_official_units(apps, provinces)
        except ValueError as error:
            raise CommandError(str(error)) from None
        for what, count in counts.items():
            self.stdout.write(f"{what}: {count}")

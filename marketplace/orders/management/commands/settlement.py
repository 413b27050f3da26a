from datetime import date

from django.core.management.base import BaseCommand, CommandError

from catalog.models import Producer
from marketplace.orders.settlement import settlement, settlement_csv


class Command(BaseCommand):
    help = "Print the settlement CSV per producer for a period (dates inclusive)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
        parser.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
        parser.add_argument("--producer", help="producer slug; all producers when omitted")

    def handle(self, *args, start, end, producer, **options):
        if end < start:
            raise CommandError("--to must not be before --from")
        producer_id = None
        if producer:
            found = Producer.objects.filter(slug=producer).first()
            if found is None:
                raise CommandError(f"no producer with slug {producer!r}")
            producer_id = found.pk
        self.stdout.write(settlement_csv(settlement(start, end, producer_id)), ending="")

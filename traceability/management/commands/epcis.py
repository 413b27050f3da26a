import json

from django.core.management.base import BaseCommand

from traceability.management.commands.stamps import find_lot
from traceability.services.epcis import lot_document


class Command(BaseCommand):
    help = "Export a lot's events as an EPCIS 2.0 JSON-LD document."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="print the lot's EPCIS document")
        export.add_argument("lot", help="lot code")
        export.add_argument("--gtin", help="GTIN, when several products share the lot code")

    def handle(self, *args, lot, gtin, **options):
        document = lot_document(find_lot(lot, gtin))
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))

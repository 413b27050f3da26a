import json
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from traceability.digital_link import DigitalLink, decode, encode
from traceability.errors import TraceError


class Command(BaseCommand):
    help = "Parse or build GS1 Digital Link URIs."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        parse = actions.add_parser("parse", help="print the fields of a URI as JSON")
        parse.add_argument("uri")
        build = actions.add_parser("build", help="print the URI for these fields")
        build.add_argument("--gtin", required=True)
        build.add_argument("--lot")
        build.add_argument("--serial")
        build.add_argument("--cpv")
        build.add_argument("--expiry", type=date.fromisoformat, help="YYYY-MM-DD")

    def handle(self, *args, action, **options):
        try:
            if action == "parse":
                link = decode(options["uri"])
                fields = {
                    "gtin": link.gtin,
                    "cpv": link.cpv,
                    "lot": link.lot,
                    "serial": link.serial,
                    "expiry": link.expiry.isoformat() if link.expiry else None,
                }
                self.stdout.write(json.dumps(fields, ensure_ascii=False))
            else:
                link = DigitalLink(
                    gtin=options["gtin"],
                    lot=options["lot"],
                    serial=options["serial"],
                    cpv=options["cpv"],
                    expiry=options["expiry"],
                )
                self.stdout.write(encode(link, settings.TRACE_BASE_URL))
        except TraceError as error:
            raise CommandError(str(error)) from error

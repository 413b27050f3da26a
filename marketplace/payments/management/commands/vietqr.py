from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.errors import CommerceError
from marketplace.payments import vietqr


class Command(BaseCommand):
    help = "Print the VietQR (EMVCo/NAPAS) payload for a bank transfer; --png also draws it."

    def add_arguments(self, parser):
        parser.add_argument("--bin", required=True, help="bank BIN, 6 digits (e.g. 970436)")
        parser.add_argument("--account", required=True, help="beneficiary account number")
        parser.add_argument("--amount", help="amount in whole đồng (omit for a static QR)")
        parser.add_argument("--note", default="", help="transfer note, e.g. the order code")
        parser.add_argument("--png", type=Path, help="also write the QR code to this PNG file")

    def handle(self, *args, **options):
        try:
            payload = vietqr.build_payload(
                bank_bin=options["bin"],
                account=options["account"],
                amount=options["amount"],
                note=options["note"],
            )
        except CommerceError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(payload)
        if options["png"]:
            options["png"].write_bytes(vietqr.qr_png(payload))

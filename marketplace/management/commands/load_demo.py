from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.demo.load import load_catalog
from marketplace.management.demo_applicant import load_applicant
from marketplace.management.demo_commerce import load_commerce
from marketplace.management.demo_pages import load_pages
from marketplace.management.demo_users import load_users
from program.demo import load_program
from tourism.demo import load_tourism
from tourism.kiosk_demo import load_kiosks
from traceability.demo import load_traceability


class Command(BaseCommand):
    help = "Load the illustrative Tứ Kỳ 2023 demo programme (safe to run again)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = load_catalog()
            commerce = load_commerce()
            load_pages()
            trace = load_traceability()
            tourism = load_tourism()
            kiosks = load_kiosks()
            logins = load_users()
            logins.append(load_applicant())
            program = load_program()
        self.stdout.write(
            f"Demo data: {counts['producers']} producers, {counts['products']} products, "
            f"{commerce['orders']} orders in the online shop, "
            f"{trace['lots']} traced lots with {trace['stamps']} stamp batches, "
            f"{tourism['points']} open tourism points."
        )
        logins.append(("district user (Tứ Kỳ only)", *program["login"]))
        for role, login, password in logins:
            self.stdout.write(f"  {role:32} {login} / {password}")
        self.stdout.write("Kiosks (open /kiosk/ and enter the device token, then the PIN):")
        for name, token, pin in kiosks:
            self.stdout.write(f"  {name:56} token {token}  PIN {pin}")

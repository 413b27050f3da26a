from django.core.management.base import BaseCommand

from marketplace.checkout.services import delete_expired_checkouts


class Command(BaseCommand):
    help = "Delete checkouts that expired without becoming orders (run hourly)."

    def handle(self, *args, **options):
        self.stdout.write(f"{delete_expired_checkouts()} expired checkout(s) deleted.")

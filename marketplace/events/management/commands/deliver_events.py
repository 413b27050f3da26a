from django.core.management.base import BaseCommand

from marketplace.events.services import redeliver_pending


class Command(BaseCommand):
    help = "Retry event deliveries that failed or never ran."

    def handle(self, *args, **options):
        self.stdout.write(f"{redeliver_pending()} event(s) redelivered.")

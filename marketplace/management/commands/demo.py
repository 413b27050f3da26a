import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Migrate, load the demo data, print the logins and serve on 127.0.0.1:PORT."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--no-serve", action="store_true", help="prepare only, do not serve")

    def handle(self, *args, port, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo")
        url = f"http://127.0.0.1:{port}"
        self.stdout.write(
            self.style.SUCCESS(f"\nOCOP Market demo: {url}/  (administration: {url}/admin/)")
        )
        self.stdout.write(f"Data folder: {settings.DATA_DIR}  (make demo-reset wipes it)\n")
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from marketplace.serve import DEMO_WORKERS, serve
from traceability.models import Stamp
from traceability.services.stamps import stamp_uri


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
        stamp = (
            Stamp.objects.filter(scan_count=0, batch__lot__status="active").order_by("pk").first()
        )
        if stamp is not None:
            path = stamp_uri(stamp).removeprefix(settings.TRACE_BASE_URL)
            self.stdout.write(f"Scan a demo stamp:  {url}{path}")
        self.stdout.write(f"Data folder: {settings.DATA_DIR}  (make demo-reset wipes it)\n")
        if not no_serve:
            self._serve(int(port))

    def _serve(self, port: int) -> None:
        """The production server (gunicorn + uvicorn workers); Ctrl-C stops it, then the
        embedded database stops with this process."""
        self.stdout.write(f"Serving with gunicorn ({DEMO_WORKERS} uvicorn workers); Ctrl-C stops.")
        server = serve(settings.DATABASE_URL, port)
        try:
            server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait(timeout=15)

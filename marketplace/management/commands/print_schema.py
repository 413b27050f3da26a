from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.graphql.schema import schema


class Command(BaseCommand):
    help = "Write the GraphQL schema (SDL) to schema.graphql, or print it with --stdout."

    def add_arguments(self, parser):
        parser.add_argument("--stdout", action="store_true")

    def handle(self, *args, stdout, **options):
        text = str(schema).rstrip() + "\n"
        if stdout:
            self.stdout.write(text, ending="")
            return
        target = Path(settings.BASE_DIR) / "schema.graphql"
        target.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {target}")

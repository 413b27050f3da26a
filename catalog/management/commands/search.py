import sys

from django.core.management.base import BaseCommand, CommandError
from elasticsearch import ApiError, TransportError

from catalog.management.progress import progress_bar
from catalog.models import Product
from catalog.search import get_backend


class Command(BaseCommand):
    help = "Manage the product search index (Elasticsearch backend)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser(
            "reindex", help="build a new index from every product, then swap the alias to it"
        )

    def handle(self, *args, action, **options):
        backend = get_backend()
        if not hasattr(backend, "reindex"):
            self.stdout.write(
                "The PostgreSQL search backend keeps its index inside the database: "
                "nothing to rebuild."
            )
            return
        try:
            name = backend.reindex(progress_bar(sys.stderr, Product.objects.count()))
        except (ApiError, TransportError) as error:
            raise CommandError(f"reindexing failed, the alias was not moved: {error}") from error
        sys.stderr.write("\n")
        self.stdout.write(f"index {name} built; alias {backend.alias_name} now points to it")

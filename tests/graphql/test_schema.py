from pathlib import Path

from django.conf import settings

from marketplace.graphql.schema import schema


def test_the_committed_schema_matches_the_code():
    committed = (Path(settings.BASE_DIR) / "schema.graphql").read_text(encoding="utf-8")
    assert committed == str(schema).rstrip() + "\n", (
        "schema.graphql is out of date: run `make schema` and commit the result"
    )

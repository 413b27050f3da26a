"""Our API against Saleor 3.20.35's own schema (read from ../shared/reference, never
copied): every field, argument, input field, enum value and union member a storefront can
reach exists here with a compatible type, except the deliberate omissions below."""

import pytest
from graphql import build_client_schema, get_introspection_query, graphql_sync

from marketplace.graphql.schema import schema
from tests.graphql.saleor_surface import REFERENCE, Walk, saleor_schema

pytestmark = pytest.mark.skipif(
    not REFERENCE.is_file(), reason=f"Saleor's schema not found at {REFERENCE}"
)

# What a storefront can reach in Saleor and we deliberately do not offer, with the reason.
OMISSIONS = {
    # not modelled here; Saleor's own "not configured" answer is an error, ours too
    "Mutation.externalAuthenticationUrl": "no external identity providers (plugins)",
}


def our_schema():
    """Ours as a client sees it: through introspection, like Saleor's file."""
    result = graphql_sync(
        schema.graphql_schema,
        get_introspection_query(descriptions=True, input_value_deprecation=True),
    )
    return build_client_schema(result.data)


def test_the_storefront_surface_of_saleor_is_ours():
    report = Walk(saleor_schema(), our_schema(), OMISSIONS).run()
    print(
        f"\nSaleor 3.20.35 storefront surface: {report.covered} fields, arguments and enum "
        f"values covered in {len(report.seen)} types; {len(report.omitted)} omissions; "
        f"{report.skipped_staff} staff/app-only fields not walked; {len(report.gaps)} gaps"
    )
    assert report.gaps == [], "\n".join(report.gaps[:200])
    unused = set(OMISSIONS) - report.omitted
    assert not unused, f"omissions that no longer omit anything: {sorted(unused)}"

"""Our API against Saleor 3.20.35's own schema (read from ../shared/reference, never
copied): every field, argument, input field, enum value and union member a storefront can
reach exists here with a compatible type, except the deliberate omissions below."""

from fnmatch import fnmatchcase as fnmatch

import pytest
from graphql import build_client_schema, get_introspection_query, graphql_sync

from marketplace.graphql.schema import schema
from tests.graphql.saleor_surface import REFERENCE, Walk, saleor_schema

pytestmark = pytest.mark.skipif(
    not REFERENCE.is_file(), reason=f"Saleor's schema not found at {REFERENCE}"
)

# What a storefront can reach in Saleor and we deliberately do not offer, with the reason.
# A key is a coordinate ("Type.field"), or a pattern of them ("*Translation.field").
OMISSIONS = {
    "*Translation.translatableContent": "the source text for translators (Saleor Dashboard); "
    "storefronts read `translation(languageCode)`, which is here",
    "Order.voucher": "no vouchers: promo codes are refused with Saleor's INVALID promoCode "
    "error, `voucherCode` answers null",
    "OrderLine.digitalContentUrl": "no digital goods: every OCOP product ships or is picked up",
    "Warehouse.shippingZones": "no Saleor shipping zones: each producer sets its own delivery "
    "areas and rates (checkout `shippingMethods` prices them for the address)",
    "GiftCard.app": "no apps; no gift card exists either (every gift card list is empty)",
    "TransactionEvent.createdBy": "a `User | App` union: no apps here, payments are ours",
    "TransactionItem.createdBy": "a `User | App` union: no apps here, payments are ours",
    "User.userPermissions": "Saleor's staff permission model; staff here hold OCOP roles",
    "User.permissionGroups": "Saleor's staff permission model; staff here hold OCOP roles",
    "User.editableGroups": "Saleor's staff permission model; staff here hold OCOP roles",
    "User.accessibleChannels": "Saleor's staff permission model; staff here hold OCOP roles",
    "User.restrictedAccessToChannels": "Saleor's staff permission model; OCOP roles here",
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
        f"values covered in {len(report.seen)} types; {len(report.omitted)} coordinates "
        f"omitted by {len(OMISSIONS)} listed omissions; {report.skipped_staff} staff/app-only "
        f"fields not walked; {len(report.gaps)} gaps"
    )
    assert report.gaps == [], "\n".join(report.gaps[:200])
    unused = {key for key in OMISSIONS if not any(fnmatch(hit, key) for hit in report.omitted)}
    assert not unused, f"omissions that no longer omit anything: {sorted(unused)}"

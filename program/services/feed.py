"""The outbound feed for provincial and national systems: products with their ratings
and certificates, and sales aggregates by period, area, producer, product or channel."""

from django.db.models import Prefetch
from django.utils import timezone

from catalog.models import AdministrativeUnit, Product, Rating
from program.errors import ProgramError, ProgramErrorCode
from program.services import aggregates
from program.services.scope import Scope

PAGE_SIZE = 200
GROUPINGS = ("month", "day", "administrative_unit", "producer", "product", "channel_kind")


def _certificate(rating: Rating) -> dict:
    return {
        "number": rating.certificate_number,
        "stars": rating.stars,
        "issuedBy": rating.issuing_body,
        "decisionNumber": rating.decision_number,
        "decisionDate": rating.decision_date.isoformat() if rating.decision_date else None,
        "validFrom": rating.valid_from.isoformat() if rating.valid_from else None,
        "validUntil": rating.valid_to.isoformat() if rating.valid_to else None,
        "status": rating.status,
    }


def unit_dict(unit: AdministrativeUnit) -> dict:
    return {"code": unit.code, "name": unit.name, "level": unit.level}


MAX_PAGE = 1_000_000


def products_page(page: int) -> dict:
    """One page of products (every product ever rated or listed), oldest first."""
    if not 1 <= page <= MAX_PAGE:  # past it the database's OFFSET would overflow
        raise ProgramError(ProgramErrorCode.INVALID, "page", value=page)
    certificates = Rating.objects.exclude(certificate_number="").order_by("-valid_from")
    products = (
        Product.objects.filter(is_archived=False)
        .select_related("producer__commune", "group")
        .prefetch_related(Prefetch("ratings", certificates, to_attr="certificates"), "variants")
        .order_by("pk")
    )
    chunk = list(products[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    today = timezone.localdate()
    items = []
    for product in chunk[:PAGE_SIZE]:
        valid = [
            rating
            for rating in product.certificates
            if rating.status == "certified" and rating.valid_from <= today <= rating.valid_to
        ]
        items.append(
            {
                "id": product.pk,
                "name": product.name,
                "nameEn": product.name_en,
                "slug": product.slug,
                "group": product.group.code,
                "gtins": sorted(v.gtin for v in product.variants.all() if v.gtin),
                "producer": {
                    "id": product.producer_id,
                    "name": product.producer.name,
                    "administrativeUnit": unit_dict(product.producer.commune),
                },
                "stars": valid[0].stars if valid else None,
                "certificates": [_certificate(rating) for rating in product.certificates],
            }
        )
    return {"page": page, "products": items, "hasNext": len(chunk) > PAGE_SIZE}


def sales(scope: Scope, group_by: str) -> dict:
    """Sales aggregates of a scope, grouped one way; totals equal the dashboard's."""
    if group_by not in GROUPINGS:
        raise ProgramError(ProgramErrorCode.INVALID, "group_by", value=group_by)
    if group_by in ("month", "day"):
        rows = [
            {"key": period.isoformat(), "label": period.isoformat(), "gross": gross, "quantity": q}
            for period, gross, q in aggregates.over_time(scope, group_by)
        ]
    else:
        grouped = {
            "administrative_unit": aggregates.by_unit,
            "producer": aggregates.by_producer,
            "product": aggregates.by_product,
        }
        if group_by == "channel_kind":
            found = aggregates.by_channel_kind(scope)
        else:
            found = grouped[group_by](scope, limit=None)
        rows = [
            {
                "key": str(row["id"]),
                "label": row["label"],
                "gross": row["gross"],
                "quantity": row["quantity"],
            }
            for row in found
        ]
    totals = aggregates.totals(scope)
    return {
        "start": scope.start.isoformat(),
        "end": scope.end.isoformat(),
        "area": unit_dict(scope.area) if scope.area else None,
        "groupBy": group_by,
        "currency": "VND",
        "total": {"gross": str(totals.gross), "quantity": totals.quantity},
        "rows": [{**row, "gross": str(row["gross"])} for row in rows],
    }

from datetime import date
from decimal import Decimal
from itertools import count

import pytest
from django.core.cache import cache

from catalog.gtin import check_digit
from catalog.models import AdministrativeUnit, Producer, Product, ProductGroup, ProductVariant
from traceability.services.lots import create_lot

_numbers = count(1)


def gtin_for(number: int) -> str:
    body = f"893810{number:06d}"
    return body + str(check_digit(body))


def new_lot(code="NM-2024-01", expiry=date(2030, 12, 31), **fields):
    """A lot of a new producer's new product (nothing shared with other lots)."""
    number = next(_numbers)
    commune = AdministrativeUnit.objects.filter(level="commune").first()
    producer = Producer.objects.create(
        name=f"HTX Truy xuất {number}",
        slug=f"htx-tx-{number}",
        legal_form="cooperative",
        registration_number=f"08004{number:05d}",
        street_address="Thôn 2",
        commune=commune,
    )
    product = Product.objects.create(
        producer=producer,
        group=ProductGroup.objects.get(code="1.4"),
        name=f"Nước mắm cá cơm {number}",
        slug=f"nmcc-{number}",
        shelf_life_days=2500,
    )
    variant = ProductVariant.objects.create(
        product=product,
        name="Chai 500 ml",
        sku=f"TX-{number}",
        gtin=gtin_for(number),
    )
    return create_lot(
        variant,
        code=code,
        production_date=date(2024, 3, 1),
        expiry_date=expiry,
        origin_name="Nhà thùng Nguyên Giáp",
        origin_unit=commune,
        **{"quantity": Decimal("1200"), "unit": "l", **fields},
    )


@pytest.fixture
def make_lot(db):
    return new_lot


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and cached page shells do not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


def path_of(stamp, serial=None):
    """The Digital Link path of a stamp (or of another serial under its lot)."""
    lot = stamp.batch.lot
    return f"/01/{lot.variant.gtin}/10/{lot.code}/21/{serial or stamp.serial}"

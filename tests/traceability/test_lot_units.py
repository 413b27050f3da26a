"""A lot is counted in the measure its product is sold by."""

from decimal import Decimal

import pytest

from tests.traceability.conftest import new_lot
from traceability.errors import TraceError
from traceability.services.lots import create_lot, lot_units

pytestmark = pytest.mark.django_db


def test_a_lot_of_a_500_g_product_is_not_counted_in_litres():
    lot = new_lot()
    variant = lot.variant
    variant.net_quantity, variant.unit = Decimal(500), "g"
    variant.save()

    with pytest.raises(TraceError) as error:
        create_lot(
            variant,
            code="NM-2024-02",
            production_date=lot.production_date,
            quantity=Decimal(300),
            unit="l",
            origin_name="Nhà thùng",
            origin_unit=lot.origin_unit,
        )

    assert error.value.code == "unit_mismatch"
    assert "khối lượng (kg, g, tấn)" in error.value.message_vi
    assert "mass" in error.value.message_en
    assert lot_units(variant) == ("kg", "g", "tấn")
    assert variant.lots.count() == 1

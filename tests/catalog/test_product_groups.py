"""Decision 148's product groups, as the office and the VAT tables use them."""

from decimal import Decimal

import pytest

from catalog.models import LegacyProductSet, ProductGroup
from marketplace.taxes import VAT_RATES

pytestmark = pytest.mark.django_db


def test_six_sectors_their_groups_and_26_sub_groups():
    sectors = ProductGroup.objects.filter(parent__isnull=True)
    leaves = [group for group in ProductGroup.objects.all() if group.is_leaf]
    assert sectors.count() == 6
    assert len(leaves) == 26
    divided = [leaf for leaf in leaves if leaf.parent.parent_id is not None]
    assert len(divided) == 16  # the phân nhóm of groups 1.1–1.5, 2.1 and 2.2
    assert {leaf.code for leaf in leaves} >= {"1.1a", "1.3d", "1.6", "2.1a", "3.1", "6.1"}
    assert ProductGroup.objects.get(code="1.1b").name == "Thịt, thủy sản, trứng, sữa tươi"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("3", "Dược liệu và sản phẩm từ dược liệu"),
        ("4", "Hàng thủ công mỹ nghệ"),
        ("4.1", "Thủ công mỹ nghệ gia dụng, trang trí"),
        ("4.2", "Vải, may mặc"),
        ("6", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"),
    ],
)
def test_names_are_the_decisions_wording(code, name):
    assert ProductGroup.objects.get(code=code).name == name


def test_every_group_has_a_vietnamese_vat_rate():
    rates = set(ProductGroup.objects.values_list("vat_rate", flat=True))
    assert rates <= set(VAT_RATES)
    assert ProductGroup.objects.get(code="2.1a").vat_rate == Decimal(10)  # alcohol keeps 10 %
    assert ProductGroup.objects.get(code="1.3d").vat_rate == Decimal(8)
    assert ProductGroup.objects.get(code="1.1a").vat_rate == Decimal(5)


def test_the_2019_sets_map_to_sub_groups_and_set_24_to_two():
    sets = LegacyProductSet.objects.prefetch_related("maps_to")
    assert sets.count() == 26
    assert all(group.is_leaf for legacy in sets for group in legacy.maps_to.all())
    flowers_and_trees = sets.get(number=24)
    assert sorted(group.code for group in flowers_and_trees.maps_to.all()) == ["5.1", "5.2"]

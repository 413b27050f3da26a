from decimal import Decimal
from itertools import count

import pytest

from catalog.models import AdministrativeUnit, Producer, Product, ProductGroup, RuleSet
from catalog.services.ratings import MemberScore

_sequence = count(1)


@pytest.fixture
def commune_2023(db):
    return AdministrativeUnit.objects.get(level="commune", name="Quang Phục", parent__code="298")


@pytest.fixture
def make_producer(db, commune_2023):
    def make(**fields):
        number = next(_sequence)
        defaults = {
            "name": f"HTX Thử nghiệm {number}",
            "slug": f"htx-thu-nghiem-{number}",
            "legal_form": "cooperative",
            "registration_number": f"08009{number:05d}",
            "street_address": "Thôn 1",
            "commune": commune_2023,
        }
        return Producer.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def make_product(db, make_producer):
    def make(producer=None, **fields):
        number = next(_sequence)
        defaults = {
            "producer": producer or make_producer(),
            "group": ProductGroup.objects.get(code="1.4"),
            "name": f"Nước mắm thử {number}",
            "slug": f"nuoc-mam-thu-{number}",
        }
        return Product.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def rule_148(db):
    return RuleSet.objects.get(code="148/2023")


@pytest.fixture
def rule_1048(db):
    return RuleSet.objects.get(code="1048/2019")


@pytest.fixture
def rule_1489(db):
    return RuleSet.objects.get(code="1489/2025")


def members_scoring(rule_set: RuleSet, *totals) -> list[MemberScore]:
    """Council members whose totals are `totals`, split across parts by the rule set's weights."""
    members = []
    for index, total in enumerate(totals):
        total = Decimal(str(total))
        part_a = (total * rule_set.weight_a / 100).quantize(Decimal("0.01"))
        part_b = (total * rule_set.weight_b / 100).quantize(Decimal("0.01"))
        members.append(
            MemberScore(f"Thành viên {index + 1}", part_a, part_b, total - part_a - part_b)
        )
    return members

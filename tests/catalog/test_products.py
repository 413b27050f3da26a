import pytest
from django.core.exceptions import ValidationError

from catalog.errors import CatalogError, CatalogErrorCode
from catalog.models import DossierItemKind, Product, ProductGroup, ProductVariant
from catalog.services.products import add_variant, ensure_dossier


def test_a_variant_gtin_is_stored_as_fourteen_digits(make_product):
    variant = add_variant(make_product(), sku="NM-500", name="Chai 500 ml", gtin="8934588012112")
    assert variant.gtin == "08934588012112"
    assert variant.gtin_display == "8934588012112"


def test_a_gtin_with_a_wrong_check_digit_is_refused_and_nothing_written(make_product):
    product = make_product()
    with pytest.raises(CatalogError) as error:
        add_variant(product, sku="NM-500", name="Chai 500 ml", gtin="8934588012113")
    assert error.value.code == CatalogErrorCode.INVALID_GTIN
    assert error.value.field == "gtin"
    assert "8934588012113" in error.value.message_vi
    assert not ProductVariant.objects.exists()


def test_the_same_gtin_cannot_name_two_variants(make_product):
    add_variant(make_product(), sku="A", name="A", gtin="8934588012112")
    with pytest.raises(CatalogError) as error:
        add_variant(make_product(), sku="B", name="B", gtin="08934588012112")
    assert error.value.code == CatalogErrorCode.DUPLICATE_GTIN


def test_the_model_form_validation_refuses_a_bad_gtin(make_product):
    variant = ProductVariant(product=make_product(), sku="X", name="X", gtin="12345678")
    with pytest.raises(ValidationError) as error:
        variant.full_clean()
    assert "gtin" in error.value.message_dict


def test_the_dossier_holds_every_checklist_item_once(make_product):
    product = make_product()
    ensure_dossier(product)
    items = ensure_dossier(product)
    assert sorted(item.kind for item in items) == sorted(DossierItemKind.values)
    assert all(item.review_status == "missing" for item in items)


def test_products_sort_in_vietnamese_order(make_product):
    group = ProductGroup.objects.get(code="1.1")
    for name in ["Dưa hấu", "Bánh đa", "Đậu xanh", "Cà rốt", "Ổi", "Ốc"]:
        make_product(name=name, group=group, slug=name.replace(" ", "-"))
    names = list(Product.objects.filter(group=group).values_list("name", flat=True))
    assert names == ["Bánh đa", "Cà rốt", "Đậu xanh", "Dưa hấu", "Ốc", "Ổi"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("registration_number", "12345"),
        ("bank_bin", "97040"),
        ("phone", "0123"),
    ],
)
def test_producer_fields_are_validated(make_producer, field, value):
    producer = make_producer(bank_bin="970405", bank_account="102000001")
    setattr(producer, field, value)
    with pytest.raises(ValidationError) as error:
        producer.full_clean()
    assert field in error.value.message_dict
    assert "/" in error.value.message_dict[field][0]  # Vietnamese / English


@pytest.mark.parametrize("number", ["0800512345", "0800512345-001", "04A8012345"])
def test_accepted_registration_number_formats(make_producer, number):
    producer = make_producer(registration_number=number)
    producer.full_clean()

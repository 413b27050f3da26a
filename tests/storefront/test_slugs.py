"""Human addresses: a product, producer or tourism point is at its Vietnamese name without
diacritics (đ → d), unique, stable when the name changes; a replaced address answers 301."""

import pytest
from django.contrib.auth import get_user_model

from catalog.models import FormerSlug, Producer, Product, SlugKind
from catalog.services.slugs import change_slug, free_slug, slug_of
from tourism.models import TourismPoint


def test_a_slug_is_the_name_without_diacritics_and_unique(demo):
    assert slug_of("Mật ong hoa nhãn Đại Sơn", "x") == "mat-ong-hoa-nhan-dai-son"
    assert slug_of("???", "san-pham") == "san-pham"
    taken = Product.objects.get(slug="cha-ruoi-tu-ky")
    assert free_slug(Product, taken.name, "san-pham") == "cha-ruoi-tu-ky-2"


def test_the_demo_uses_human_addresses(client, demo):
    assert not Product.objects.filter(slug__startswith="demo-").exists()
    page = client.get("/san-pham/cha-ruoi-tu-ky/")
    assert page.status_code == 200 and "Chả rươi Tứ Kỳ" in page.content.decode()
    home = client.get("/").content.decode()
    assert "/san-pham/demo-" not in home


def test_renaming_keeps_the_address(client, demo):
    product = Product.objects.get(slug="gao-nep-cai-hoa-vang")
    product.name = "Gạo nếp cái hoa vàng Quang Phục"
    product.save()
    assert Product.objects.get(pk=product.pk).slug == "gao-nep-cai-hoa-vang"
    assert client.get("/san-pham/gao-nep-cai-hoa-vang/").status_code == 200


@pytest.mark.parametrize(
    ("model", "kind", "old", "prefix"),
    [
        (Product, SlugKind.PRODUCT, "cha-ruoi-tu-ky", "/san-pham/"),
        (Producer, SlugKind.PRODUCER, "htx-cha-ruoi-tu-ky", "/chu-the/"),
        (TourismPoint, SlugKind.POINT, "dinh-lang-tu-ky", "/diem-du-lich/"),
    ],
)
def test_an_old_address_answers_301_to_the_new_one(client, demo, model, kind, old, prefix):
    thing = model.objects.get(slug=old)
    change_slug(thing, kind, f"{old}-moi")
    moved = client.get(f"{prefix}{old}/")
    assert moved.status_code == 301 and moved["Location"] == f"{prefix}{old}-moi/"
    assert client.get(moved["Location"]).status_code == 200
    # moving it back frees the old name, and the newer address now leads back
    change_slug(thing, kind, old)
    assert client.get(f"{prefix}{old}/").status_code == 200
    assert client.get(f"{prefix}{old}-moi/")["Location"] == f"{prefix}{old}/"
    assert client.get(f"{prefix}khong-co-{old}/").status_code == 404


def test_a_slug_changed_in_the_admin_keeps_its_old_address(client, demo):
    staff = get_user_model().objects.create_superuser("slugs@example.vn", "mat-khau-dai-2026")
    client.force_login(staff)
    product = Product.objects.get(slug="banh-da-gac")
    page = client.get(f"/admin/catalog/product/{product.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | dict)
    }
    data.update({"slug": "banh-da-gac-tu-ky", "producer": product.producer_id})
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update(
            {f"{management.prefix}-{key}": value for key, value in management.initial.items()}
        )
        for index, inline in enumerate(formset.formset.forms):
            for name, field in inline.fields.items():
                value = inline.initial.get(name, field.initial)
                if value is not None:
                    data[f"{formset.formset.prefix}-{index}-{name}"] = (
                        value.pk if hasattr(value, "pk") else value
                    )
    saved = client.post(f"/admin/catalog/product/{product.pk}/change/", data)
    assert saved.status_code == 302, page.context["adminform"].form.errors
    assert Product.objects.get(pk=product.pk).slug == "banh-da-gac-tu-ky"
    assert FormerSlug.objects.filter(kind="product", slug="banh-da-gac").exists()
    client.logout()
    assert client.get("/san-pham/banh-da-gac/")["Location"] == "/san-pham/banh-da-gac-tu-ky/"


def test_the_migration_moves_old_demo_addresses(client, demo):
    """Databases made before human addresses had `demo-NN`: the migration renames them and
    keeps the old address leading to the product (its function, on today's models)."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("catalog.migrations.0009_former_slugs")
    Product.objects.filter(slug="cha-ruoi-tu-ky").update(slug="demo-00")
    migration.human_demo_slugs(apps, None)
    assert Product.objects.filter(slug="cha-ruoi-tu-ky").exists()
    assert client.get("/san-pham/demo-00/")["Location"] == "/san-pham/cha-ruoi-tu-ky/"

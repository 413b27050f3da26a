"""Search ignores case and diacritics, tolerates a small typo, and never breaks on input."""

import pytest
from django.db import connection

from catalog.models import Producer, Product, SearchWord
from catalog.search import get_backend
from catalog.search.base import fold, query_words
from catalog.search.postgres import corrected

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return list(get_backend().search(Product.objects.all(), text).values_list("slug", flat=True))


def test_with_or_without_diacritics_and_in_capitals_the_same_products_are_found(demo):
    plain, accented, capitals = found("gao nep"), found("Gạo nếp"), found("GẠO NẾP")
    assert plain == accented == capitals
    assert "gao-nep-cai-hoa-vang" in plain  # Gạo nếp cái hoa vàng


def test_dau_finds_dau_with_its_stroke(add_listed_product):
    add_listed_product("Đậu phụ làng Mơ", "dau-phu-lang-mo")
    assert "dau-phu-lang-mo" in found("dau")
    assert "dau-phu-lang-mo" in found("đậu phụ")


def test_a_small_typo_still_finds_the_product(demo):
    assert found("gao nepp")[:3].count("gao-nep-cai-hoa-vang") == 1
    assert "mat-ong-hoa-nhan-dai-son" in found("mat ongg hoa nhan")  # Mật ong hoa nhãn Đại Sơn


def test_the_word_list_holds_every_products_words_as_postgresql_keeps_it(add_listed_product):
    assert {"gao", "nep", "cai", "hoa", "vang"} <= set(
        SearchWord.objects.values_list("pk", flat=True)
    )
    product = add_listed_product("Bánh đa vừng Kế", "banh-da-vung-ke")
    assert SearchWord.objects.filter(pk="ke").exists()
    product.name = "Bánh đa vừng Thổ Hà"
    product.save()
    assert SearchWord.objects.filter(pk__in=["tho", "ha"]).count() == 2
    # A bulk insert (no save(), as an import does) adds its words too.
    Product.objects.bulk_create(
        [
            Product(
                producer=product.producer,
                group=product.group,
                name="x",
                slug="x",
                search_text="quatxanh vinhbao",
            )
        ]
    )
    assert SearchWord.objects.filter(pk__in=["quatxanh", "vinhbao"]).count() == 2


def test_a_misspelt_word_is_corrected_to_the_closest_word_products_hold(demo):
    assert corrected(["gao", "nepp"]) == ["gao", "nep"]  # "gao" is a word: kept as it is
    assert corrected(["mat", "ongg"]) == ["mat", "ong"]
    assert corrected(["ga", "ne"]) == ["ga", "ne"]  # beginnings of words are not "typos"
    assert corrected(["zzzz"]) == ["zzzz"]  # nothing close: left for the trigram fallback
    # The corrected query answers like the right spelling, best match first.
    assert found("gao nepp") == found("gao nep")


def test_a_word_no_product_holds_any_more_falls_back_to_trigrams(add_listed_product):
    add_listed_product("Mứt gừng Vạn Phúc", "mut-gung-van-phuc")
    SearchWord.objects.create(word="gungg")  # a stale word, closer to the typo than "gung"
    assert corrected(["mut", "gunggg"]) == ["mut", "gungg"]
    assert "mut-gung-van-phuc" in found("mut gunggg")


def test_the_best_match_comes_first(demo):
    assert found("mật ong hoa nhãn")[0] == "mat-ong-hoa-nhan-dai-son"


def test_operators_and_punctuation_are_plain_text(demo):
    assert query_words("gạo & | ! :* ' (nếp)") == ["gao", "nep"]
    assert found("!!! :* &") == []
    assert found("gạo & | ! :* ' (nếp)") == found("gao nep")


def test_suggestions_answer_from_two_letters(client, demo):
    assert client.get("/san-pham/goi-y", {"q": "g"}).content.strip() == b""
    response = client.get("/san-pham/goi-y", {"q": "gao ne"})
    assert response.status_code == 200
    assert "/san-pham/gao-nep-cai-hoa-vang/" in response.content.decode()


def test_renaming_a_producer_updates_its_products_search_text(demo):
    producer = Product.objects.get(slug="gao-nep-cai-hoa-vang").producer
    producer.name = "Hợp tác xã Lúa Vàng Ven Sông"
    producer.save()
    assert "gao-nep-cai-hoa-vang" in found("lua vang ven song")


def test_python_folding_equals_postgresql_unaccent_on_every_demo_name(demo):
    names = list(Product.objects.values_list("name", flat=True))
    names += list(Producer.objects.values_list("name", flat=True))
    with connection.cursor() as cursor:
        cursor.execute("SELECT lower(unaccent(name)) FROM unnest(%s::text[]) AS name", [names])
        folded_by_postgresql = [row[0] for row in cursor.fetchall()]
    assert folded_by_postgresql == [fold(name) for name in names]

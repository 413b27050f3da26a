"""Hostile input on the HTML pages: `next` addresses, NUL characters, absurd page numbers,
imports with numbers the ledger cannot hold, and a locked account's way back in."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from marketplace.accounts.models import User
from tests.storefront.portal import approved_producer, login


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


# 15 and 13: one safe-redirect helper
@pytest.mark.parametrize(
    "target", ["https://evil.example/x", "//evil.example/x", "javascript:alert(1)", "x"]
)
def test_the_cart_never_follows_a_foreign_or_broken_next(client, db, target):
    response = client.post("/gio-hang/add", {"variant": "", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/gio-hang/"


@pytest.mark.parametrize("target", ["https://evil.example/x", "x", "//evil.example"])
def test_the_portal_never_follows_a_foreign_or_broken_next(client, db, target):
    producer, owner = approved_producer("next")
    login(client, owner)
    response = client.post("/producer/warehouse/new", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/producer/products/"
    assert producer.warehouses.count() == 1


def test_a_next_on_this_site_is_followed(client, db):
    response = client.post("/gio-hang/add", {"variant": "", "next": "/san-pham/"})
    assert response["Location"] == "/san-pham/"


# 13: a NUL character or an absurd page is a 400, not a 500
@pytest.mark.parametrize("path", ["/producer/products/?q=%00", "/san-pham/?q=g%00ao", "/?x=%00"])
def test_a_nul_in_a_query_is_a_400(client, db, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_in_a_form_is_a_400_and_changes_nothing(client, db):
    response = client.post("/tai-khoan/register/", {"full_name": "A\x00B", "email": "a@b.vn"})
    assert response.status_code == 400
    assert not User.objects.filter(email="a@b.vn").exists()


@pytest.mark.parametrize("page", ["99999999999999999999", "0", "-1", "1" * 5000])
def test_an_absurd_feed_page_is_a_400(client, db, page):
    response = client.get(f"/api/feed/v1/products.json?page={page}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "page"


@pytest.mark.parametrize(
    "quantity, gross, field",
    [
        ("3000000000", "100000", "quantity"),
        ("NaN", "1000", "quantity"),
        ("2", "1e16", "gross"),
        ("2", "Infinity", "gross"),
    ],
)
def test_an_import_row_the_ledger_cannot_hold_is_refused_at_preview(db, quantity, gross, field):
    from program.services.imports import check_rows

    row = {"row": 2, "date": "01/01/2024", "sku": "none", "quantity": quantity, "gross": gross}
    _cleaned, errors = check_rows([row])
    refused = [error for error in errors if error.field == field]
    assert len(refused) == 1
    assert "at most" in refused[0].message_en or "whole" in refused[0].message_en


# 16: an account's lock says so, with its time, and the owner gets in by e-mail
def test_a_locked_account_says_so_and_its_owner_signs_in_by_link(client, db, settings):
    settings.LOGIN_MAX_FAILURES = 3
    owner = User.objects.create_user("chu@example.vn", "mat-khau-cua-chu-2026")
    for _ in range(3):
        client.post("/tai-khoan/login/", {"username": "chu@example.vn", "password": "sai"})

    refused = client.post(
        "/tai-khoan/login/", {"username": "chu@example.vn", "password": "mat-khau-cua-chu-2026"}
    )
    text = refused.content.decode()
    assert refused.status_code == 200
    assert re.search(r"(locked until|tạm khoá đến) \d\d:\d\d", text), text[-2000:]
    assert "/tai-khoan/login/link/" in text

    asked = client.post("/tai-khoan/login/link/", {"username": "chu@example.vn"})
    unknown = client.post("/tai-khoan/login/link/", {"username": "khong-co@example.vn"})
    assert asked.status_code == unknown.status_code == 302  # the same answer either way
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["chu@example.vn"]
    link = re.search(r"http://testserver(/tai-khoan/login/link/[^/\s]+/)", mail.outbox[0].body)

    signed_in = client.get(link.group(1))
    assert signed_in["Location"] == "/tai-khoan/"
    assert client.get("/tai-khoan/").context["user"] == owner
    client.post("/tai-khoan/logout")
    again = client.get(link.group(1))  # once only
    assert again["Location"] == "/tai-khoan/login/link/"
    # the link cleared the lock: the right password works again
    back = client.post(
        "/tai-khoan/login/", {"username": "chu@example.vn", "password": "mat-khau-cua-chu-2026"}
    )
    assert back.status_code == 302

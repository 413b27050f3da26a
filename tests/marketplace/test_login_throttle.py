import pytest
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.test import RequestFactory

from marketplace.accounts.models import User


@pytest.fixture
def customer(db):
    cache.clear()
    yield User.objects.create_user("khach@example.vn", "mat-khau-dung-2023")
    cache.clear()


def attempt(password, address="203.0.113.7", login="khach@example.vn"):
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR=address)
    return authenticate(request, username=login, password=password)


def test_the_right_password_works_before_the_limit(customer, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES - 1):
        assert attempt("sai") is None
    assert attempt("mat-khau-dung-2023") == customer


def test_after_too_many_failures_even_the_right_password_is_refused(customer, settings):
    for _ in range(settings.LOGIN_MAX_FAILURES):
        assert attempt("sai", address=f"198.51.100.{_}") is None

    assert attempt("mat-khau-dung-2023", address="192.0.2.1") is None


def test_one_address_failing_on_many_accounts_is_throttled(customer, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 8
    for number in range(8):
        assert attempt("sai", login=f"khac{number}@example.vn") is None

    assert attempt("mat-khau-dung-2023") is None
    assert attempt("mat-khau-dung-2023", address="192.0.2.1") == customer


def test_a_shared_address_is_not_locked_by_one_accounts_failures(customer, settings):
    # Many shoppers share one carrier address: one account's lock is not everyone's.
    other = User.objects.create_user("hangxom@example.vn", "mat-khau-hang-xom-2026")
    for _ in range(settings.LOGIN_MAX_FAILURES):
        assert attempt("sai") is None

    assert attempt("mat-khau-dung-2023") is None  # that account is locked
    assert attempt("mat-khau-hang-xom-2026", login="hangxom@example.vn") == other


def test_passwords_are_hashed_with_argon2(customer):
    assert customer.password.startswith("argon2")

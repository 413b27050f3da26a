"""Log in with an email address or a phone number; throttle repeated failures.

Failures are counted per account and per client address, separately: an account is
locked after LOGIN_MAX_FAILURES wrong passwords (whoever typed them), an address after
LOGIN_MAX_FAILURES_PER_ADDRESS (many people share one address behind a carrier's or an
office's NAT, so that limit is higher). A locked account says so, with the time it opens
again, and its owner can still come in through a one-time link sent to its e-mail."""

import hashlib
import time

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.models import User


def _account_key(login: str) -> str:
    account = "".join((login or "").split()).casefold()
    return f"login-failures:account:{hashlib.sha256(account.encode()).hexdigest()}"


def _address_key(request) -> str | None:
    return None if request is None else f"login-failures:ip:{request.META.get('REMOTE_ADDR', '')}"


def _locked_until(key: str | None, limit: int) -> float | None:
    if key is None:
        return None
    state = cache.get(key)
    if isinstance(state, dict) and state["count"] >= limit:
        return state["until"]
    return None


def locked_until(request, login: str) -> float | None:
    """When this account or address may try again (a Unix time), or None when it may now."""
    times = [
        _locked_until(_account_key(login), settings.LOGIN_MAX_FAILURES),
        _locked_until(_address_key(request), settings.LOGIN_MAX_FAILURES_PER_ADDRESS),
    ]
    return max((moment for moment in times if moment), default=None)


def is_throttled(request, login: str) -> bool:
    return locked_until(request, login) is not None


def _count(key: str | None) -> None:
    if key is None:
        return
    state = cache.get(key)
    if not isinstance(state, dict):
        state = {"count": 0, "until": time.time() + settings.LOGIN_FAILURE_WINDOW_SECONDS}
    state["count"] += 1
    cache.set(key, state, max(1, int(state["until"] - time.time())))


def record_failure(request, login: str) -> None:
    _count(_account_key(login))
    _count(_address_key(request))


def address_locked_until(request) -> float | None:
    """The same, for a request from this address whatever the account (sign-in links)."""
    return _locked_until(_address_key(request), settings.LOGIN_MAX_FAILURES_PER_ADDRESS)


def record_address_attempt(request) -> None:
    _count(_address_key(request))


def clear_account(login: str) -> None:
    """Forget an account's failures (its owner proved who they are another way)."""
    cache.delete(_account_key(login))


class EmailOrPhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        login = username or kwargs.get("email") or kwargs.get("phone")
        if not login or password is None:
            return None
        if is_throttled(request, login):
            # PermissionDenied stops Django from trying other backends for this attempt.
            raise PermissionDenied("Too many failed logins; try again later.")
        try:
            user = User.objects.get_by_login(login)
        except (User.DoesNotExist, ValidationError):
            User().set_password(password)  # same cost as a real check: no timing oracle
            record_failure(request, login)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        record_failure(request, login)
        return None

"""Log in with an email address or a phone number; throttle repeated failures."""

import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.accounts.models import User


def _keys(request, login: str) -> list[str]:
    account = "".join((login or "").split()).casefold()
    keys = [f"login-failures:account:{hashlib.sha256(account.encode()).hexdigest()}"]
    if request is not None:
        keys.append(f"login-failures:ip:{request.META.get('REMOTE_ADDR', '')}")
    return keys


def is_throttled(request, login: str) -> bool:
    """True when this account or client address has failed too often within the window."""
    limit = settings.LOGIN_MAX_FAILURES
    return any(cache.get(key, 0) >= limit for key in _keys(request, login))


def record_failure(request, login: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for key in _keys(request, login):
        cache.add(key, 0, window)
        cache.incr(key)


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

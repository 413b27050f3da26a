"""Password reset, e-mail confirmation and e-mail change by link, as Saleor's account API
and the shop's pages use them. Every token expires (PASSWORD_RESET_TIMEOUT) and works once:
a reset token is bound to the password it replaces, a confirmation token to the account
not yet being confirmed, an e-mail change token to the address it replaces."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.http.request import validate_host

from marketplace.accounts.models import User, new_token_key

EMAIL_CHANGE_SALT = "ocop.accounts.email-change"
# One reset e-mail per address per this many seconds (Saleor's PASSWORD_RESET_ALREADY_REQUESTED).
RESET_INTERVAL = 60


class _ConfirmationTokens(PasswordResetTokenGenerator):
    key_salt = "ocop.accounts.recovery.ConfirmationTokens"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.is_confirmed}{timestamp}"


confirmation_tokens = _ConfirmationTokens()
reset_tokens = default_token_generator


def check_redirect_url(url: str) -> None:
    """Links go only to the shop's own hosts or the storefronts set in ALLOWED_CLIENT_HOSTS,
    so a reset e-mail can never carry its token to someone else's site."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            "Địa chỉ chuyển hướng không hợp lệ / Invalid URL", code="invalid", params={}
        )
    allowed = [*settings.ALLOWED_CLIENT_HOSTS, *settings.ALLOWED_HOSTS]
    if not validate_host(parts.hostname, allowed):  # Django's host patterns (".example.vn")
        raise ValidationError(
            f"{parts.hostname} không được phép / {parts.hostname} is not allowed; "
            "set ALLOWED_CLIENT_HOSTS",
            code="invalid",
        )


def _link(redirect_url: str, **params) -> str:
    separator = "&" if "?" in redirect_url else "?"
    return f"{redirect_url}{separator}{urlencode(params)}"


def _hours() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)


def send_password_reset(email: str, redirect_url: str) -> bool:
    """E-mail a reset link to the active account of `email`, if there is one (the answer is
    the same either way, so accounts cannot be probed). False, sending nothing, when a
    reset was asked for this address less than RESET_INTERVAL seconds ago."""
    if not cache.add(f"password-reset:{email.strip().casefold()}", 1, timeout=RESET_INTERVAL):
        return False
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return True
    link = _link(redirect_url, email=user.email, token=reset_tokens.make_token(user))
    send_mail(
        "Đặt lại mật khẩu OCOP Market / Reset your OCOP Market password",
        f"Mở liên kết sau để đặt mật khẩu mới (trong {_hours()} giờ, một lần):\n"
        f"Open this link to choose a new password (within {_hours()} hours, once):\n\n"
        f"{link}\n\n"
        "Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu cũ vẫn dùng được.\n"
        "If you did not ask for it, ignore this e-mail; your password stays as it is.",
        None,
        [user.email],
    )
    return True


def user_for_reset(email: str, token: str) -> User | None:
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None or not reset_tokens.check_token(user, token):
        return None
    return user


def set_new_password(user: User, password: str) -> None:
    """Set the password; every API token issued before stops working (the tokens carry a
    piece of the password hash), and so does the reset link."""
    user.set_password(password)
    user.save(update_fields=["password"])


def deactivate_tokens(user: User) -> None:
    user.jwt_token_key = new_token_key()
    user.save(update_fields=["jwt_token_key"])


def send_confirmation(user: User, redirect_url: str) -> None:
    link = _link(redirect_url, email=user.email, token=confirmation_tokens.make_token(user))
    send_mail(
        "Xác nhận e-mail OCOP Market / Confirm your OCOP Market e-mail",
        f"Mở liên kết sau để xác nhận địa chỉ e-mail:\nOpen this link to confirm your e-mail:\n\n"
        f"{link}\n",
        None,
        [user.email],
    )


def confirm(email: str, token: str) -> User | None:
    user = User.objects.filter(email__iexact=(email or "").strip()).first()
    if user is None or not confirmation_tokens.check_token(user, token):
        return None
    user.is_confirmed = True
    user.save(update_fields=["is_confirmed"])
    return user


def send_email_change(user: User, new_email: str, redirect_url: str) -> None:
    token = signing.dumps(
        {"user": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT
    )
    send_mail(
        "Xác nhận e-mail mới / Confirm your new e-mail",
        "Mở liên kết sau để dùng địa chỉ này cho tài khoản OCOP Market:\n"
        "Open this link to use this address for your OCOP Market account:\n\n"
        f"{_link(redirect_url, token=token)}\n",
        None,
        [new_email],
    )


def change_email(user: User, token: str) -> str | None:
    """Apply the change `token` asks for, for `user`; the error code when it cannot."""
    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.SignatureExpired:
        return "JWT_SIGNATURE_EXPIRED"
    except signing.BadSignature:
        return "JWT_INVALID_TOKEN"
    if data.get("user") != user.pk or data.get("old") != user.email:
        return "JWT_INVALID_TOKEN"
    if User.objects.filter(email__iexact=data["new"]).exclude(pk=user.pk).exists():
        return "UNIQUE"
    user.email = data["new"]
    user.is_confirmed = True
    user.save(update_fields=["email", "is_confirmed"])
    return None

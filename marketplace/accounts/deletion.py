"""Closing an account on the user's request (Saleor's accountRequestDeletion and
accountDelete): a signed link by email, then the account is deactivated and unlinked
from its addresses; orders keep their own copies for the producers and the ledger."""

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction

from marketplace.accounts.models import User

SALT = "ocop.account-deletion"
VALID_SECONDS = 24 * 3600


def request_deletion(user: User, redirect_url: str) -> str:
    """Email the user a link that confirms the deletion; returns the token."""
    token = signing.dumps({"user": user.pk}, salt=SALT)
    separator = "&" if "?" in redirect_url else "?"
    link = f"{redirect_url}{separator}token={token}"
    send_mail(
        "Xác nhận xoá tài khoản OCOP Market / Confirm closing your account",
        f"Mở liên kết để xoá tài khoản (hiệu lực 24 giờ):\n{link}\n\n"
        f"Open the link to close your account (valid 24 hours):\n{link}",
        None,
        [user.email],
    )
    return token


def delete_account(user: User, token: str) -> bool:
    """True when the token is this user's and still valid; the account is then closed."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=VALID_SECONDS)
    except signing.BadSignature:
        return False
    if payload.get("user") != user.pk:
        return False
    with transaction.atomic():
        user.addresses.update(user=None)
        user.is_active = False
        user.default_shipping_address = user.default_billing_address = None
        user.set_unusable_password()
        user.save()
    return True

"""One-time sign-in links sent by e-mail: the way in for the owner of an account that
failed logins have locked. A link works for LOGIN_LINK_SECONDS and once only (it is bound
to the account's last sign-in and password, which signing in changes)."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail

from marketplace.accounts.models import User

SALT = "ocop.login-link"


class _LinkTokens(PasswordResetTokenGenerator):
    key_salt = "ocop.accounts.login_link.LinkTokens"  # distinct from password resets


_tokens = _LinkTokens()


def make_token(user: User, login: str) -> str:
    data = {"user": user.pk, "check": _tokens.make_token(user), "login": login}
    return signing.dumps(data, salt=SALT)


def user_from_token(token: str) -> tuple[User | None, str]:
    """The account the link signs in and the login typed when it was asked for; None when
    the link is forged, expired or already used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.LOGIN_LINK_SECONDS)
    except signing.BadSignature:
        return None, ""
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or not _tokens.check_token(user, str(data.get("check"))):
        return None, ""
    return user, str(data.get("login", ""))


def send_link(login: str, link_for) -> None:
    """E-mail a sign-in link to the account of `login`, if there is one (the caller says
    the same either way, so the form does not tell which accounts exist)."""
    try:
        user = User.objects.get_by_login(login)
    except (User.DoesNotExist, ValidationError):
        return
    if not user.is_active or not user.email:
        return
    minutes = settings.LOGIN_LINK_SECONDS // 60
    send_mail(
        "Liên kết đăng nhập OCOP Market / Your OCOP Market sign-in link",
        f"Mở liên kết sau để đăng nhập (dùng một lần, trong {minutes} phút):\n"
        f"Open this link to sign in (once, within {minutes} minutes):\n\n"
        f"{link_for(make_token(user, login))}\n\n"
        "Nếu bạn không yêu cầu, hãy bỏ qua thư này và đổi mật khẩu.\n"
        "If you did not ask for it, ignore this e-mail and change your password.",
        None,
        [user.email],
    )

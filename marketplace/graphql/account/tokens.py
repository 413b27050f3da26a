"""JSON Web Tokens for the API, as Saleor issues them: a short access token and a
longer refresh token, signed with HS256 and the SECRET_KEY."""

from datetime import timedelta

import jwt
from django.conf import settings
from django.utils import timezone

from marketplace.accounts.models import User

ACCESS_LIFETIME = timedelta(minutes=5)
REFRESH_LIFETIME = timedelta(days=30)
ALGORITHM = "HS256"


class TokenError(Exception):
    def __init__(self, message: str, code: str = "JWT_INVALID_TOKEN"):
        super().__init__(message)
        self.code = code


def _token(user: User, kind: str, lifetime: timedelta, audience: str | None = None) -> str:
    now = timezone.now()
    extra = {"aud": f"custom:{audience}"} if audience else {}
    payload = {
        **extra,
        "iat": now,
        "exp": now + lifetime,
        "token": token_check(user),
        "type": kind,
        "user_id": str(user.pk),
        "email": user.email or "",
        "is_staff": user.is_staff,
    }
    return jwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def token_check(user: User) -> str:
    """Ties a token to the user's token key (tokensDeactivateAll replaces it) and password
    (a password change ends every token issued before it)."""
    return user.jwt_token_key + user.password[-12:]


def access_token(user: User, audience: str | None = None) -> str:
    return _token(user, "access", ACCESS_LIFETIME, audience)


def refresh_token(user: User) -> str:
    return _token(user, "refresh", REFRESH_LIFETIME)


def decode(token: str, kind: str) -> dict:
    try:
        # the audience is the client's label (Saleor's `custom:…`), not checked here
        payload = jwt.decode(
            token, settings.SECRET_KEY, algorithms=[ALGORITHM], options={"verify_aud": False}
        )
    except jwt.ExpiredSignatureError:
        raise TokenError("Signature has expired", "JWT_SIGNATURE_EXPIRED") from None
    except jwt.PyJWTError:
        raise TokenError("Invalid token", "JWT_DECODE_ERROR") from None
    if payload.get("type") != kind:
        raise TokenError(f"Invalid token type: {kind} token expected")
    return payload


def user_from_payload(payload: dict) -> User:
    user = User.objects.filter(pk=payload.get("user_id"), is_active=True).first()
    if user is None or token_check(user) != payload.get("token"):
        raise TokenError(
            "Invalid token: the user no longer exists, changed password or signed out everywhere"
        )
    return user


def user_from_access_token(token: str) -> User:
    return user_from_payload(decode(token, "access"))

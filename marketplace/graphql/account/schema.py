"""Saleor's account API: JWT tokens, registration, `me`, and the user's addresses."""

import secrets

import graphene
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from graphene.types.generic import GenericScalar

from catalog.graphql.types import Producer as ProducerType
from marketplace.accounts.default_addresses import replace_defaults, set_default
from marketplace.accounts.models import Address as AddressModel
from marketplace.accounts.models import User as UserModel
from marketplace.accounts.recovery import check_redirect_url, send_confirmation
from marketplace.checkout.services import create_address
from marketplace.errors import CommerceError
from marketplace.graphql.account.addresses import Address, AddressInput, to_service_address
from marketplace.graphql.account.fields import UserSaleorFields
from marketplace.graphql.account.tokens import (
    TokenError,
    access_token,
    decode,
    refresh_token,
    user_from_payload,
)
from marketplace.graphql.core import (
    connection_args,
    error_type,
    from_global_id,
    legacy_errors,
    paginate,
    to_global_id,
)
from marketplace.graphql.core.compat import LanguageCodeEnum, MetadataInput, ObjectWithMetadata
from marketplace.graphql.core.enums import AddressTypeEnum
from marketplace.graphql.order.types import OrderCountableConnection

AccountErrorCode = graphene.Enum(
    "AccountErrorCode",
    [
        (name, name)
        for name in (
            "ACCOUNT_NOT_CONFIRMED",
            "ACTIVATE_OWN_ACCOUNT",
            "ACTIVATE_SUPERUSER_ACCOUNT",
            "CHANNEL_INACTIVE",
            "DEACTIVATE_OWN_ACCOUNT",
            "DEACTIVATE_SUPERUSER_ACCOUNT",
            "DELETE_NON_STAFF_USER",
            "DELETE_OWN_ACCOUNT",
            "DELETE_STAFF_ACCOUNT",
            "DELETE_SUPERUSER_ACCOUNT",
            "DUPLICATED_INPUT_ITEM",
            "GRAPHQL_ERROR",
            "INACTIVE",
            "INVALID",
            "INVALID_CREDENTIALS",
            "INVALID_PASSWORD",
            "JWT_DECODE_ERROR",
            "JWT_INVALID_CSRF_TOKEN",
            "JWT_INVALID_TOKEN",
            "JWT_MISSING_TOKEN",
            "JWT_SIGNATURE_EXPIRED",
            "LEFT_NOT_MANAGEABLE_PERMISSION",
            "LOGIN_ATTEMPT_DELAYED",
            "MISSING_CHANNEL_SLUG",
            "NOT_FOUND",
            "OUT_OF_SCOPE_GROUP",
            "OUT_OF_SCOPE_PERMISSION",
            "OUT_OF_SCOPE_USER",
            "PASSWORD_ENTIRELY_NUMERIC",
            "PASSWORD_RESET_ALREADY_REQUESTED",
            "PASSWORD_TOO_COMMON",
            "PASSWORD_TOO_SHORT",
            "PASSWORD_TOO_SIMILAR",
            "REQUIRED",
            "UNIQUE",
            "UNKNOWN_IP_ADDRESS",
        )
    ],
)
AccountError = error_type(
    "AccountError", AccountErrorCode, address_type=graphene.Field(AddressTypeEnum)
)


class User(UserSaleorFields, ObjectWithMetadata, graphene.ObjectType):
    id = graphene.ID(required=True)
    email = graphene.String(required=True)
    # Accounts here have no picture; Saleor answers null for those too.
    avatar = graphene.Field(
        "marketplace.graphql.product.types.Image",
        size=graphene.Int(),
        format=graphene.Argument("marketplace.graphql.core.media.ThumbnailFormatEnum"),
    )
    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    is_staff = graphene.Boolean(required=True)
    is_active = graphene.Boolean(required=True)
    date_joined = graphene.DateTime(required=True)
    # No e-mail confirmation step: an active account is a confirmed one.
    is_confirmed = graphene.Boolean(required=True)
    default_billing_address = graphene.Field(Address)
    default_shipping_address = graphene.Field(Address)
    addresses = graphene.List(graphene.NonNull(Address), required=True)
    orders = graphene.Field(OrderCountableConnection, **connection_args())
    producer = graphene.Field(ProducerType, description="OCOP: the producer this user works for.")
    metadata = graphene.List(
        graphene.NonNull("marketplace.graphql.core.compat.MetadataItem"),
        required=True,
        resolver=lambda root, info: [],
    )

    @staticmethod
    def resolve_id(user, info):
        return to_global_id("User", user.pk)

    @staticmethod
    def resolve_email(user, info):
        return user.email or ""

    @staticmethod
    def resolve_first_name(user, info):
        return user.full_name

    @staticmethod
    def resolve_last_name(user, info):
        return ""

    @staticmethod
    def resolve_addresses(user, info):
        return list(user.addresses.select_related("province", "commune"))

    @staticmethod
    def resolve_orders(user, info, **kwargs):
        return paginate(user.orders.order_by("-pk"), **kwargs)

    @staticmethod
    def resolve_producer(user, info):
        return user.producer


STAFF_ONLY = "Chỉ dành cho nhân viên / Only staff and apps may act for another customer."


def account_error(code: str, message: str, field: str | None = None) -> list[dict]:
    return [{"code": code, "message": message, "field": field}]


class CreateToken(graphene.Mutation):
    class Arguments:
        email = graphene.String(required=True, description="Email, or a Vietnamese phone number.")
        password = graphene.String(required=True)
        audience = graphene.String(description="Put in the access token as `aud: custom:…`.")

    token = graphene.String()
    refresh_token = graphene.String()
    csrf_token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, email, password, audience=None):
        user = authenticate(info.context, username=email, password=password)
        if user is None:
            return CreateToken(
                errors=account_error(
                    "INVALID_CREDENTIALS",
                    "Sai thông tin đăng nhập / Please, enter valid credentials",
                    "email",
                )
            )
        return CreateToken(
            token=access_token(user, audience),
            refresh_token=refresh_token(user),
            csrf_token=secrets.token_urlsafe(32),
            user=user,
            errors=[],
        )


class RefreshToken(graphene.Mutation):
    class Arguments:
        refresh_token = graphene.String()
        csrf_token = graphene.String()

    token = graphene.String()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, refresh_token=None, csrf_token=None):
        if not refresh_token:
            return RefreshToken(
                errors=account_error("JWT_MISSING_TOKEN", "Missing refreshToken", "refreshToken")
            )
        try:
            user = user_from_payload(decode(refresh_token, "refresh"))
        except TokenError as error:
            return RefreshToken(errors=account_error(error.code, str(error), "refreshToken"))
        return RefreshToken(token=access_token(user), user=user, errors=[])


class VerifyToken(graphene.Mutation):
    class Arguments:
        token = graphene.String(required=True)

    is_valid = graphene.Boolean(required=True)
    payload = GenericScalar()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, token):
        try:
            payload = decode(token, "access")
            user = user_from_payload(payload)
        except TokenError as error:
            return VerifyToken(
                is_valid=False, errors=account_error(error.code, str(error), "token")
            )
        return VerifyToken(is_valid=True, payload=payload, user=user, errors=[])


class AccountRegisterInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    password = graphene.String(required=True)
    first_name = graphene.String()
    last_name = graphene.String()
    channel = graphene.String()
    redirect_url = graphene.String(
        description="With it, the account's e-mail is confirmed by a link sent there."
    )
    language_code = graphene.Field(LanguageCodeEnum)
    metadata = graphene.List(graphene.NonNull(MetadataInput))


class AccountRegister(graphene.Mutation):
    class Arguments:
        input = AccountRegisterInput(required=True)

    requires_confirmation = graphene.Boolean()
    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, input):
        redirect_url = input.get("redirect_url")
        if redirect_url:
            try:
                check_redirect_url(redirect_url)
            except ValidationError as error:
                return AccountRegister(
                    errors=account_error("INVALID", " ".join(error.messages), "redirectUrl")
                )
        email = UserModel.objects.normalize_email(input["email"].strip())
        candidate = UserModel(
            email=email,
            full_name=" ".join(
                part for part in (input.get("first_name"), input.get("last_name")) if part
            ),
        )
        try:
            candidate.full_clean(exclude=["password"])
            validate_password(input["password"], candidate)
        except ValidationError as error:
            field, first = _first_error(error)
            code = "UNIQUE" if first.code == "unique" else password_code(first.code)
            if field == "email" and code not in ("UNIQUE",):
                code = "REQUIRED" if first.code == "required" else "INVALID"
            return AccountRegister(errors=account_error(code, " ".join(error.messages), field))
        try:
            with transaction.atomic():
                user = UserModel.objects.create_user(
                    email,
                    input["password"],
                    full_name=candidate.full_name,
                    is_confirmed=not redirect_url,
                )
                if redirect_url:
                    send_confirmation(user, redirect_url)
        except IntegrityError:
            return AccountRegister(
                errors=account_error("UNIQUE", "User with this email exists.", "email")
            )
        # Saleor's allowLoginWithoutConfirmation: the account signs in at once either way.
        return AccountRegister(requires_confirmation=bool(redirect_url), user=user, errors=[])


def _first_error(error: ValidationError):
    """(field, first error) of a model or password ValidationError."""
    if hasattr(error, "error_dict"):
        field, errors = next(iter(error.error_dict.items()))
        return ("email" if field == "email" else field), errors[0]
    return "password", error.error_list[0]


def password_code(code: str | None) -> str:
    return {
        "password_too_short": "PASSWORD_TOO_SHORT",
        "password_too_common": "PASSWORD_TOO_COMMON",
        "password_too_similar": "PASSWORD_TOO_SIMILAR",
        "password_entirely_numeric": "PASSWORD_ENTIRELY_NUMERIC",
    }.get(code or "", "INVALID")


def signed_in(info):
    user = info.context.user
    return user if user.is_authenticated else None


class AccountAddressCreate(graphene.Mutation):
    class Arguments:
        input = AddressInput(required=True)
        type = AddressTypeEnum(description="Also make it the default for this use.")
        customer_id = graphene.ID(description="Staff and apps only.")

    user = graphene.Field(User)
    address = graphene.Field(Address)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, input, type=None, customer_id=None):
        user = signed_in(info)
        if user is None:
            return AccountAddressCreate(errors=account_error("JWT_MISSING_TOKEN", "Sign in first."))
        if customer_id is not None:
            return AccountAddressCreate(
                errors=account_error("OUT_OF_SCOPE_USER", STAFF_ONLY, "customerId")
            )
        try:
            with transaction.atomic():
                address = create_address(to_service_address(input), user)
                if type is not None:
                    set_default(user, address, getattr(type, "value", type))
        except CommerceError as error:
            return AccountAddressCreate(errors=account_error("INVALID", str(error), error.field))
        return AccountAddressCreate(user=user, address=address, errors=[])


class AccountAddressUpdate(graphene.Mutation):
    """Replace one of the signed-in user's addresses (orders keep their own copy)."""

    class Arguments:
        id = graphene.ID(required=True)
        input = AddressInput(required=True)

    user = graphene.Field(User)
    address = graphene.Field(Address)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, id, input):
        user = signed_in(info)
        old = AddressModel.objects.filter(pk=from_global_id(id, "Address"), user=user).first()
        if user is None or old is None:
            return AccountAddressUpdate(
                errors=account_error("NOT_FOUND", "Address not found.", "id")
            )
        try:
            with transaction.atomic():
                new = create_address(to_service_address(input), user)
                old.user = None
                old.save(update_fields=["user"])
                replace_defaults(user, old, new)
        except CommerceError as error:
            return AccountAddressUpdate(errors=account_error("INVALID", str(error), error.field))
        return AccountAddressUpdate(user=user, address=new, errors=[])


class AccountAddressDelete(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)

    user = graphene.Field(User)
    address = graphene.Field(Address)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, id):
        user = signed_in(info)
        address = AddressModel.objects.filter(pk=from_global_id(id, "Address"), user=user).first()
        if user is None or address is None:
            return AccountAddressDelete(
                errors=account_error("NOT_FOUND", "Address not found.", "id")
            )
        address.user = None  # orders and checkouts keep their copy
        address.save(update_fields=["user"])
        replace_defaults(user, address, None)
        return AccountAddressDelete(user=user, address=address, errors=[])


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User)

    @staticmethod
    def resolve_me(root, info):
        return signed_in(info)


class AccountMutations(graphene.ObjectType):
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    account_register = AccountRegister.Field()
    account_address_create = AccountAddressCreate.Field()
    account_address_update = AccountAddressUpdate.Field()
    account_address_delete = AccountAddressDelete.Field()

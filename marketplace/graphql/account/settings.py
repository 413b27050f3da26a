"""The signed-in user's own settings: name, password and default addresses."""

import graphene
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from marketplace.accounts.default_addresses import set_default
from marketplace.accounts.deletion import delete_account, request_deletion
from marketplace.accounts.models import Address as AddressModel
from marketplace.checkout.services import create_address
from marketplace.errors import CommerceError
from marketplace.graphql.account.addresses import AddressInput, to_service_address
from marketplace.graphql.account.schema import (
    STAFF_ONLY,
    AccountError,
    User,
    account_error,
    password_code,
    signed_in,
)
from marketplace.graphql.core import _camel, from_global_id, legacy_errors
from marketplace.graphql.core.compat import LanguageCodeEnum, MetadataInput
from marketplace.graphql.core.enums import AddressTypeEnum


class AccountInput(graphene.InputObjectType):
    first_name = graphene.String()
    last_name = graphene.String()
    language_code = graphene.Argument(LanguageCodeEnum)
    default_billing_address = graphene.Field(AddressInput)
    default_shipping_address = graphene.Field(AddressInput)
    metadata = graphene.List(
        graphene.NonNull(MetadataInput), description="Not stored: accounts keep no metadata."
    )


class AccountUpdate(graphene.Mutation):
    """Name and default addresses of the signed-in customer (each new default address is
    validated and saved among the customer's addresses)."""

    class Arguments:
        input = AccountInput(required=True)
        customer_id = graphene.ID(description="Staff and apps only.")

    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, input, customer_id=None):
        user = signed_in(info)
        if user is None:
            return AccountUpdate(errors=account_error("JWT_MISSING_TOKEN", "Sign in first."))
        if customer_id is not None:
            return AccountUpdate(
                errors=account_error("OUT_OF_SCOPE_USER", STAFF_ONLY, "customerId")
            )
        try:
            with transaction.atomic():
                for kind in ("BILLING", "SHIPPING"):
                    data = input.get(f"default_{kind.lower()}_address")
                    if data:
                        address = create_address(to_service_address(data), user)
                        set_default(user, address, kind)
        except CommerceError as error:
            return AccountUpdate(errors=account_error("INVALID", str(error), _camel(error.field)))
        if input.get("first_name") is not None or input.get("last_name") is not None:
            # One name field here (Vietnamese names are written whole).
            parts = [input.get("first_name") or "", input.get("last_name") or ""]
            user.full_name = " ".join(part.strip() for part in parts if part.strip())[:200]
            user.save(update_fields=["full_name"])
        return AccountUpdate(user=user, errors=[])


class PasswordChange(graphene.Mutation):
    class Arguments:
        old_password = graphene.String()
        new_password = graphene.String(required=True)

    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, new_password, old_password=None):
        user = signed_in(info)
        if user is None:
            return PasswordChange(errors=account_error("JWT_MISSING_TOKEN", "Sign in first."))
        if not user.check_password(old_password or ""):
            message = "Mật khẩu cũ không đúng / Old password is incorrect."
            return PasswordChange(errors=account_error("INVALID_PASSWORD", message, "oldPassword"))
        try:
            validate_password(new_password, user)
        except ValidationError as error:
            code = password_code(error.error_list[0].code)
            return PasswordChange(
                errors=account_error(code, " ".join(error.messages), "newPassword")
            )
        user.set_password(new_password)
        user.save(update_fields=["password"])
        return PasswordChange(user=user, errors=[])


class AccountSetDefaultAddress(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        type = AddressTypeEnum(required=True)

    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, id, type):
        user = signed_in(info)
        address = AddressModel.objects.filter(pk=from_global_id(id, "Address"), user=user).first()
        if user is None or address is None:
            return AccountSetDefaultAddress(
                errors=account_error("NOT_FOUND", "Address not found.", "id")
            )
        set_default(user, address, getattr(type, "value", type))
        return AccountSetDefaultAddress(user=user, errors=[])


class AccountRequestDeletion(graphene.Mutation):
    class Arguments:
        redirect_url = graphene.String(required=True)
        channel = graphene.String()

    errors = graphene.List(graphene.NonNull(AccountError), required=True)

    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, redirect_url, channel=None):
        user = signed_in(info)
        if user is None:
            return AccountRequestDeletion(
                errors=account_error("JWT_MISSING_TOKEN", "Sign in first.")
            )
        if not redirect_url.startswith(("https://", "http://")) or not user.email:
            message = "Cần địa chỉ https:// và email / A URL and an email are needed."
            return AccountRequestDeletion(errors=account_error("INVALID", message, "redirectUrl"))
        request_deletion(user, redirect_url)
        return AccountRequestDeletion(errors=[])


class AccountDelete(graphene.Mutation):
    class Arguments:
        token = graphene.String(required=True)

    user = graphene.Field(User)
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)

    @staticmethod
    def mutate(root, info, token):
        user = signed_in(info)
        if user is None:
            return AccountDelete(errors=account_error("JWT_MISSING_TOKEN", "Sign in first."))
        if not delete_account(user, token):
            message = "Liên kết không hợp lệ hoặc đã hết hạn / Invalid or expired link."
            return AccountDelete(errors=account_error("INVALID", message, "token"))
        return AccountDelete(user=user, errors=[])


class AccountSettingsMutations(graphene.ObjectType):
    account_update = AccountUpdate.Field()
    password_change = PasswordChange.Field()
    account_set_default_address = AccountSetDefaultAddress.Field()
    account_request_deletion = AccountRequestDeletion.Field()
    account_delete = AccountDelete.Field()

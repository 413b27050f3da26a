"""Saleor's account mutations that work by e-mailed link: password reset, e-mail
confirmation and change; and ending every token at once."""

import graphene
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from marketplace.accounts import recovery
from marketplace.graphql.account.schema import (
    AccountError,
    User,
    account_error,
    password_code,
    signed_in,
)
from marketplace.graphql.account.tokens import access_token, refresh_token
from marketplace.graphql.core import legacy_errors

SIGN_IN_FIRST = "Hãy đăng nhập trước / Sign in first."


def _redirect_error(url):
    try:
        recovery.check_redirect_url(url)
    except ValidationError as error:
        return account_error("INVALID", " ".join(error.messages), "redirectUrl")
    return None


class AccountPayload:
    errors = graphene.List(graphene.NonNull(AccountError), required=True)
    account_errors = legacy_errors(AccountError)


class RequestPasswordReset(AccountPayload, graphene.Mutation):
    """E-mails a link `redirectUrl?email=…&token=…` to the account; the storefront's page
    then calls setPassword. Says nothing about whether the account exists."""

    class Arguments:
        email = graphene.String(required=True)
        redirect_url = graphene.String(required=True)
        channel = graphene.String()

    @staticmethod
    def mutate(root, info, email, redirect_url, channel=None):
        error = _redirect_error(redirect_url)
        if error:
            return RequestPasswordReset(errors=error)
        if not recovery.send_password_reset(email, redirect_url):
            return RequestPasswordReset(
                errors=account_error(
                    "PASSWORD_RESET_ALREADY_REQUESTED",
                    "Thư đặt lại mật khẩu vừa được gửi; hãy đợi một phút / "
                    "A reset e-mail was just sent; wait a minute.",
                    "email",
                )
            )
        return RequestPasswordReset(errors=[])


class SetPassword(AccountPayload, graphene.Mutation):
    """Sets a new password with the e-mailed token and signs in (new tokens)."""

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)
        token = graphene.String(required=True)

    token = graphene.String()
    refresh_token = graphene.String()
    csrf_token = graphene.String()
    user = graphene.Field(User)

    @staticmethod
    def mutate(root, info, email, password, token):
        user = recovery.user_for_reset(email, token)
        if user is None:
            return SetPassword(
                errors=account_error(
                    "INVALID",
                    "Liên kết đặt lại mật khẩu sai, đã dùng hoặc đã hết hạn / "
                    "The reset link is wrong, used or expired.",
                    "token",
                )
            )
        try:
            validate_password(password, user)
        except ValidationError as error:
            code = password_code(error.error_list[0].code)
            return SetPassword(errors=account_error(code, " ".join(error.messages), "password"))
        recovery.set_new_password(user, password)
        return SetPassword(
            token=access_token(user), refresh_token=refresh_token(user), user=user, errors=[]
        )


class RequestEmailChange(AccountPayload, graphene.Mutation):
    """Sends a confirmation link to the new address; the e-mail changes when confirmed."""

    class Arguments:
        new_email = graphene.String(required=True)
        password = graphene.String(required=True)
        redirect_url = graphene.String(required=True)
        channel = graphene.String()

    user = graphene.Field(User)

    @staticmethod
    def mutate(root, info, new_email, password, redirect_url, channel=None):
        user = signed_in(info)
        if user is None:
            return RequestEmailChange(errors=account_error("JWT_MISSING_TOKEN", SIGN_IN_FIRST))
        if not user.check_password(password):
            return RequestEmailChange(
                errors=account_error(
                    "INVALID_CREDENTIALS", "Mật khẩu sai / Wrong password.", "password"
                )
            )
        error = _redirect_error(redirect_url)
        if error:
            return RequestEmailChange(errors=error)
        new_email = type(user).objects.normalize_email(new_email.strip())
        try:
            type(user)._meta.get_field("email").run_validators(new_email)
        except ValidationError:
            return RequestEmailChange(
                errors=account_error("INVALID", "E-mail không hợp lệ / Invalid e-mail.", "newEmail")
            )
        if type(user).objects.filter(email__iexact=new_email).exists():
            return RequestEmailChange(
                errors=account_error(
                    "UNIQUE", "E-mail đã được dùng / This e-mail is already used.", "newEmail"
                )
            )
        recovery.send_email_change(user, new_email, redirect_url)
        return RequestEmailChange(user=user, errors=[])


class ConfirmEmailChange(AccountPayload, graphene.Mutation):
    class Arguments:
        token = graphene.String(required=True)
        channel = graphene.String()

    user = graphene.Field(User)

    @staticmethod
    def mutate(root, info, token, channel=None):
        user = signed_in(info)
        if user is None:
            return ConfirmEmailChange(errors=account_error("JWT_MISSING_TOKEN", SIGN_IN_FIRST))
        code = recovery.change_email(user, token)
        if code is not None:
            message = (
                "E-mail đã được dùng / This e-mail is already used."
                if code == "UNIQUE"
                else "Liên kết sai hoặc đã hết hạn / The link is wrong or expired."
            )
            return ConfirmEmailChange(errors=account_error(code, message, "token"))
        return ConfirmEmailChange(user=user, errors=[])


class ConfirmAccount(AccountPayload, graphene.Mutation):
    """Confirms the e-mail of an account registered with a redirectUrl."""

    class Arguments:
        email = graphene.String(required=True)
        token = graphene.String(required=True)

    user = graphene.Field(User)

    @staticmethod
    def mutate(root, info, email, token):
        user = recovery.confirm(email, token)
        if user is None:
            return ConfirmAccount(
                errors=account_error(
                    "INVALID",
                    "Liên kết xác nhận sai, đã dùng hoặc đã hết hạn / "
                    "The confirmation link is wrong, used or expired.",
                    "token",
                )
            )
        return ConfirmAccount(user=user, errors=[])


class DeactivateAllUserTokens(AccountPayload, graphene.Mutation):
    """Ends every access and refresh token of the signed-in user."""

    @staticmethod
    def mutate(root, info):
        user = signed_in(info)
        if user is None:
            return DeactivateAllUserTokens(errors=account_error("JWT_MISSING_TOKEN", SIGN_IN_FIRST))
        recovery.deactivate_tokens(user)
        return DeactivateAllUserTokens(errors=[])


class ExternalAuthenticationUrl(AccountPayload, graphene.Mutation):
    """No external identity providers are configured here: every plugin is unknown."""

    class Arguments:
        input = graphene.JSONString(required=True)
        plugin_id = graphene.String(required=True)

    authentication_data = graphene.JSONString()

    @staticmethod
    def mutate(root, info, input, plugin_id):
        message = (
            f"Không có nhà cung cấp đăng nhập '{plugin_id}' / "
            f"No external authentication plugin '{plugin_id}'."
        )
        return ExternalAuthenticationUrl(errors=account_error("NOT_FOUND", message, "pluginId"))


class AccountRecoveryMutations(graphene.ObjectType):
    request_password_reset = RequestPasswordReset.Field()
    set_password = SetPassword.Field()
    request_email_change = RequestEmailChange.Field()
    confirm_email_change = ConfirmEmailChange.Field()
    confirm_account = ConfirmAccount.Field()
    tokens_deactivate_all = DeactivateAllUserTokens.Field()
    external_authentication_url = ExternalAuthenticationUrl.Field()

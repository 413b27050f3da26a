"""Saleor's account API, whole: register and confirm by e-mail, tokens created, refreshed,
verified and all deactivated, password reset by a real e-mail with an expiring token (also
as pages in the shop), e-mail change, and `me` with orders and addresses."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.cache import cache

from marketplace.accounts.models import User

REDIRECT = "http://localhost/tai-khoan/dat-lai-mat-khau/"
PASSWORD = "mat-khau-rat-dai-2026"


def link_in(message) -> dict:
    """The query of the link in an e-mail: {"email": …, "token": …}."""
    url = re.search(r"https?://\S+", message.body).group(0)
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def payload(body):
    assert "errors" not in body, body["errors"]
    return next(iter(body["data"].values()))


@pytest.fixture(autouse=True)
def fresh_cache():
    """Reset requests are limited per address through the cache: start each test clean."""
    cache.clear()


@pytest.fixture
def register(graphql, demo):
    def run(email="lan@example.vn", **extra):
        return payload(
            graphql(
                "mutation($input: AccountRegisterInput!) { accountRegister(input: $input) "
                "{ requiresConfirmation user { email isConfirmed } errors { field code } "
                "accountErrors { code } } }",
                {
                    "input": {
                        "email": email,
                        "password": PASSWORD,
                        "channel": "default-channel",
                        **extra,
                    }
                },
            )
        )

    return run


def sign_in(graphql, email="lan@example.vn", password=PASSWORD):
    return payload(
        graphql(
            "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) "
            "{ token refreshToken user { email } errors { code field } } }",
            {"e": email, "p": password},
        )
    )


def test_register_then_confirm_by_the_emailed_link(graphql, register):
    registered = register(redirectUrl="http://localhost/xac-nhan/", languageCode="VI")
    assert registered["errors"] == [] and registered["requiresConfirmation"] is True
    assert registered["user"]["isConfirmed"] is False
    query = link_in(mail.outbox[-1])
    assert query["email"] == "lan@example.vn"
    confirm = (
        "mutation($e: String!, $t: String!) { confirmAccount(email: $e, token: $t) "
        "{ user { isConfirmed } errors { code field } } }"
    )
    confirmed = payload(graphql(confirm, {"e": query["email"], "t": query["token"]}))
    assert confirmed == {"user": {"isConfirmed": True}, "errors": []}
    again = payload(graphql(confirm, {"e": query["email"], "t": query["token"]}))
    assert again["errors"] == [{"code": "INVALID", "field": "token"}]


def test_a_redirect_to_a_foreign_host_is_refused(register):
    refused = register(redirectUrl="https://attacker.example/steal")
    assert refused["errors"] == [{"field": "redirectUrl", "code": "INVALID"}]
    assert refused["accountErrors"] == [{"code": "INVALID"}]
    assert not User.objects.filter(email="lan@example.vn").exists() and mail.outbox == []


def test_tokens_refresh_verify_and_all_deactivate(graphql, register):
    register()
    created = sign_in(graphql)
    assert created["errors"] == []
    verified = payload(
        graphql(
            "mutation($t: String!) { tokenVerify(token: $t) { isValid payload user { email } } }",
            {"t": created["token"]},
        )
    )
    assert verified["isValid"] is True and verified["user"]["email"] == "lan@example.vn"
    assert isinstance(verified["payload"]["exp"], int) and verified["payload"]["type"] == "access"
    refresh = "mutation($r: String) { tokenRefresh(refreshToken: $r) { token errors { code } } }"
    assert payload(graphql(refresh, {"r": created["refreshToken"]}))["token"]

    ended = payload(
        graphql(
            "mutation { tokensDeactivateAll { errors { code } accountErrors { code } } }",
            token=created["token"],
        )
    )
    assert ended == {"errors": [], "accountErrors": []}
    assert payload(graphql(refresh, {"r": created["refreshToken"]}))["errors"] == [
        {"code": "JWT_INVALID_TOKEN"}
    ]
    stale = graphql("{ me { email } }", token=created["token"])
    assert stale["errors"][0]["extensions"]["code"] == "JWT_INVALID_TOKEN"
    assert sign_in(graphql)["token"]  # signing in again works


def test_password_reset_by_email_with_an_expiring_token(graphql, register, settings):
    register()
    old = sign_in(graphql)
    request = (
        "mutation($e: String!, $u: String!) { requestPasswordReset(email: $e, redirectUrl: $u, "
        'channel: "default-channel") { errors { code field } } }'
    )
    assert payload(graphql(request, {"e": "lan@example.vn", "u": REDIRECT}))["errors"] == []
    # a second request within the minute is Saleor's PASSWORD_RESET_ALREADY_REQUESTED
    assert (
        payload(graphql(request, {"e": "lan@example.vn", "u": REDIRECT}))["errors"][0]["code"]
        == "PASSWORD_RESET_ALREADY_REQUESTED"
    )
    # an unknown address gets the same quiet answer (no account enumeration), and no mail
    assert payload(graphql(request, {"e": "nobody@example.vn", "u": REDIRECT}))["errors"] == []
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lan@example.vn"]
    assert "24" in mail.outbox[0].body and REDIRECT in mail.outbox[0].body
    query = link_in(mail.outbox[0])

    set_password = (
        "mutation($e: String!, $p: String!, $t: String!) { setPassword(email: $e, password: $p, "
        "token: $t) { token refreshToken user { email } errors { code field } } }"
    )
    weak = payload(graphql(set_password, {"e": query["email"], "p": "123", "t": query["token"]}))
    assert weak["errors"][0]["field"] == "password" and weak["token"] is None

    settings.PASSWORD_RESET_TIMEOUT = -1  # the link is now older than its lifetime
    expired = payload(
        graphql(
            set_password, {"e": query["email"], "p": "mot-mat-khau-moi-2027", "t": query["token"]}
        )
    )
    assert expired["errors"] == [{"code": "INVALID", "field": "token"}]
    settings.PASSWORD_RESET_TIMEOUT = 24 * 3600

    done = payload(
        graphql(
            set_password, {"e": query["email"], "p": "mot-mat-khau-moi-2027", "t": query["token"]}
        )
    )
    assert done["errors"] == [] and done["token"] and done["user"]["email"] == "lan@example.vn"
    reused = payload(
        graphql(set_password, {"e": query["email"], "p": "lai-doi-nua-2028", "t": query["token"]})
    )
    assert reused["errors"] == [{"code": "INVALID", "field": "token"}]
    assert sign_in(graphql)["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert sign_in(graphql, password="mot-mat-khau-moi-2027")["token"]
    refresh = "mutation($r: String) { tokenRefresh(refreshToken: $r) { token errors { code } } }"
    assert payload(graphql(refresh, {"r": old["refreshToken"]}))["errors"]  # old tokens end


def test_email_change_is_confirmed_from_the_new_address(graphql, register):
    register()
    token = sign_in(graphql)["token"]
    asked = payload(
        graphql(
            'mutation($u: String!) { requestEmailChange(newEmail: "lan.moi@example.vn", '
            f'password: "{PASSWORD}", redirectUrl: $u) {{ user {{ email }} errors {{ code }} }} }}',
            {"u": "http://localhost/tai-khoan/"},
            token=token,
        )
    )
    assert asked == {"user": {"email": "lan@example.vn"}, "errors": []}
    assert mail.outbox[-1].to == ["lan.moi@example.vn"]
    confirmed = payload(
        graphql(
            "mutation($t: String!) { confirmEmailChange(token: $t) { user { email } "
            "errors { code } } }",
            {"t": link_in(mail.outbox[-1])["token"]},
            token=token,
        )
    )
    assert confirmed == {"user": {"email": "lan.moi@example.vn"}, "errors": []}


def test_me_with_addresses_and_a_default_set_on_creation(graphql, register):
    register()
    token = sign_in(graphql)["token"]
    created = payload(
        graphql(
            "mutation($a: AddressInput!) { accountAddressCreate(input: $a, type: SHIPPING) "
            "{ address { id city } errors { code field addressType } } }",
            {
                "a": {
                    "firstName": "Lan",
                    "streetAddress1": "Số 5",
                    "city": "Tu Ky",
                    "countryArea": "Hải Phòng",
                    "country": "VN",
                    "phone": "0987654321",
                }
            },
            token=token,
        )
    )
    assert created["errors"] == []
    me = graphql(
        "{ me { email languageCode checkoutIds giftCards(first: 5) { totalCount } "
        "defaultShippingAddress { id } addresses { id isDefaultShippingAddress } "
        'orders(first: 5) { totalCount } storedPaymentMethods(channel: "default-channel") '
        "{ id } } }",
        token=token,
    )["data"]["me"]
    assert me["defaultShippingAddress"]["id"] == created["address"]["id"]
    assert me["addresses"] == [{"id": created["address"]["id"], "isDefaultShippingAddress": True}]
    assert me["orders"]["totalCount"] == 0 and me["giftCards"]["totalCount"] == 0
    assert me["storedPaymentMethods"] == [] and me["languageCode"] == "VI"


def test_the_shop_resets_a_password_by_its_own_pages(client, register):
    register()
    page = client.get("/tai-khoan/login/")
    assert "/tai-khoan/quen-mat-khau/" in page.content.decode()
    sent = client.post("/tai-khoan/quen-mat-khau/", {"email": "lan@example.vn"})
    assert sent.status_code == 302 and len(mail.outbox) == 1
    url = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = url.split("testserver", 1)[1]
    form = client.get(path)
    assert form.status_code == 200 and "lan@example.vn" in form.content.decode()
    saved = client.post(
        path, {"new_password1": "mat-khau-shop-2027", "new_password2": "mat-khau-shop-2027"}
    )
    assert saved.status_code == 302
    assert User.objects.get(email="lan@example.vn").check_password("mat-khau-shop-2027")
    used = client.get(path)
    assert used.status_code == 400 and "quen-mat-khau" in used.content.decode()

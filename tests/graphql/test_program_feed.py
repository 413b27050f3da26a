"""The programme's outbound feed: GraphQL types on the main API and the JSON endpoint."""

from decimal import Decimal

import pytest

from marketplace.accounts.models import User
from marketplace.graphql.account.tokens import access_token
from program.models import SalesLedgerEntry

pytestmark = pytest.mark.django_db

PLANS = """query { ocopPlans(year: 2023) { year title administrativeUnit { code }
  targets { metric minimum maximum value status items } } }"""
SALES = """query Sales($area: String, $by: OcopSalesGroupBy) {
  ocopSalesAggregates(start: "2023-01-01", end: "2023-12-31", areaCode: $area, groupBy: $by) {
    area { code } total { amount currency } quantity rows { key label gross { amount } quantity }
  } }"""


def token_of(email: str) -> str:
    return access_token(User.objects.get(email=email))


def test_plans_come_with_progress_computed_from_the_data(demo, graphql):
    data = graphql(PLANS, token=token_of("canbo@ocop.demo"))["data"]["ocopPlans"]

    [plan] = data
    inspections = next(t for t in plan["targets"] if t["metric"] == "INSPECTIONS")
    assert plan["administrativeUnit"]["code"] == "298"
    assert (inspections["value"], inspections["status"], inspections["minimum"]) == (4, "met", 4)
    assert len(inspections["items"]) == 4


def test_sales_aggregates_by_producer_add_up_to_the_total(demo, graphql):
    data = graphql(SALES, {"by": "PRODUCER"}, token=token_of("canbo@ocop.demo"))
    sales = data["data"]["ocopSalesAggregates"]

    assert sales["total"] == {"amount": 39900000.0, "currency": "VND"}
    assert sum(row["gross"]["amount"] for row in sales["rows"]) == 39900000.0
    assert sales["area"] is None


def test_an_area_officer_gets_their_own_area_whatever_they_ask(demo, graphql):
    data = graphql(SALES, {"area": "31", "by": "MONTH"}, token=token_of("tuky@ocop.demo"))

    sales = data["data"]["ocopSalesAggregates"]
    assert sales["area"] == {"code": "298"}
    assert [row["key"] for row in sales["rows"]] == [
        "2023-07-01",
        "2023-08-01",
        "2023-09-01",
        "2023-11-01",
    ]


@pytest.mark.parametrize("email", [None, "chaxua@ocop.demo"])
def test_customers_and_producers_cannot_read_the_feed(demo, graphql, email):
    result = graphql(SALES, token=token_of(email) if email else None)

    assert result["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert result["data"] is None


def test_the_json_products_feed_is_public_and_paged(demo, client):
    body = client.get("/api/feed/v1/products.json").json()

    rice = next(p for p in body["products"] if p["name"] == "Gạo nếp cái hoa vàng")
    assert body["page"] == 1 and body["hasNext"] is False
    assert rice["stars"] == 4
    assert rice["certificates"][0]["number"].startswith("OCOP-DEMO-")
    assert rice["producer"]["administrativeUnit"]["level"] == "commune"
    assert client.get("/api/feed/v1/products.json?page=0").status_code == 400


def test_the_json_sales_feed_needs_a_reader_and_matches_the_ledger(demo, client):
    url = "/api/feed/v1/sales.json?start=2023-01-01&end=2023-12-31&group_by=channel_kind"
    anonymous = client.get(url)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_of('canbo@ocop.demo')}"}

    body = client.get(url, **bearer).json()

    total = sum(
        SalesLedgerEntry.objects.filter(entry_date__year=2023).values_list("gross", flat=True)
    )
    assert anonymous.status_code == 401
    assert Decimal(body["total"]["gross"]) == total == Decimal("39900000")
    assert {row["key"] for row in body["rows"]} == {"supermarket", "fair"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("start=2023-13-01&end=2023-12-31", "start"),
        ("end=2023-12-31", "start"),
        ("start=2023-12-31&end=2023-01-01", "end"),
        ("start=2023-01-01&end=2023-12-31&group_by=week", "group_by"),
        ("start=2023-01-01&end=2023-12-31&area=99999", "area"),
    ],
)
def test_bad_feed_parameters_get_a_coded_error(demo, client, query, field):
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token_of('canbo@ocop.demo')}"}

    response = client.get(f"/api/feed/v1/sales.json?{query}", **bearer)

    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == field
    assert error["message_vi"] and error["message_en"]

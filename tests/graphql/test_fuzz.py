"""Schemathesis over the GraphQL schema: generated operations, as anonymous and as a
producer, never get a 5xx answer and never raise an unhandled exception."""

import json
import logging

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes

from marketplace.graphql.schema import schema as api_schema
from marketplace.wsgi import application

TEXT = st.text(max_size=30)
for name, strategy in {
    "Decimal": st.decimals(min_value=-1000, max_value=1000, places=2).map(str),
    "UUID": st.uuids().map(str),
    "JSONString": st.dictionaries(st.text(max_size=5), st.integers(), max_size=2).map(json.dumps),
    "Date": st.dates().map(lambda day: day.isoformat()),
    "DateTime": st.datetimes().map(lambda moment: moment.isoformat() + "+07:00"),
    "Upload": st.just(""),
}.items():
    schemathesis.graphql.scalar(name, strategy.map(nodes.String))

schema = schemathesis.graphql.from_dict({"data": api_schema.introspect()})
schema.app = application
schema.location = "/graphql/"
# What PostgreSQL or psycopg would say, were a database error echoed to the client.
DATABASE_PHRASES = (
    "character varying",
    "numeric field overflow",
    "psycopg",
    "duplicate key value",
    "out of range for type",
)
EXAMPLES = 25  # per root field and caller: over 1,000 generated operations per caller


@pytest.fixture(autouse=True)
def _data(demo):
    """The demo data, so generated operations meet real rows. As Django's test client
    does, keep the test's database connection open across the WSGI requests."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _check(case, caplog, headers=None):
    with caplog.at_level(logging.ERROR, logger="marketplace.graphql"):
        response = case.call(headers=headers)
    assert response.status_code < 500, response.text[:500]
    leaked = [phrase for phrase in DATABASE_PHRASES if phrase in response.text]
    assert not leaked, response.text[:500]
    unhandled = [record for record in caplog.records if record.name == "marketplace.graphql"]
    assert not unhandled, unhandled[0].getMessage()
    return 1


def _run_every_operation(caplog, headers=None) -> int:
    """Generate EXAMPLES operations for each root field; return how many were sent."""
    sent = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            nonlocal sent
            sent += _check(case, caplog, headers)

        run()
    return sent


def test_anonymous_operations_get_no_server_error(caplog):
    assert _run_every_operation(caplog) >= 1000


def test_producer_operations_get_no_server_error(caplog):
    from marketplace.accounts.models import User
    from marketplace.graphql.account.tokens import access_token
    from marketplace.management.demo_users import PRODUCER_LOGIN

    token = access_token(User.objects.get(email=PRODUCER_LOGIN[0]))
    assert _run_every_operation(caplog, {"Authorization": f"Bearer {token}"}) >= 1000

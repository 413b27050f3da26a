import json

import pytest


@pytest.fixture
def graphql(client):
    """POST a query to /graphql/ and return the decoded body."""

    def run(query: str, variables: dict | None = None, token: str | None = None, **extra):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
            **extra,
        )
        return response.json()

    return run

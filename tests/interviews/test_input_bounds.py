"""Interview input that no row can hold: forged cursors, organization ids beyond
bigint, and REST pagination links that would follow a forged Host header."""

from __future__ import annotations

import base64
import json

import pytest

from tests.fixtures.graphql import signup

INTERVIEWS_AFTER = (
    "query($after: String, $field: InterviewOrderField!) { interviews(after: $after, "
    "orderBy: {field: $field}) { totalCount } }"
)


def cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode("utf-8", "surrogatepass")).decode().rstrip("=")


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("TITLE", '["title","\\ud800",1]'),
        ("TITLE", '["title",' + "[" * 5000 + "]" * 5000 + ",1]"),
        ("CREATED_AT", '["created_at","9999-12-31T23:59:59-23:59",1]'),
        ("CREATED_AT", '["created_at","0001-01-01T00:00:00+23:59",1]'),
        ("CREATED_AT", '["created_at","2020-01-01T00:00:00+00:00",99999999999999999999]'),
        ("TITLE", '{"a": 1, "b": 2, "c": 3}'),
    ],
    ids=["surrogate", "deep", "calendar-end", "calendar-start", "big-id", "object"],
)
async def test_forged_cursors_are_invalid_not_unexpected(gql, field, raw):
    token = (await signup(gql))["accessToken"]
    body = await gql(
        INTERVIEWS_AFTER, {"after": cursor(raw), "field": field}, token=token, expect_errors=True
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
    assert "cursor" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("TITLE", "T"), ("CREATED_AT", "2020-01-01T00:00:00+00:00")],
    ids=["title", "created-at"],
)
async def test_a_cursor_with_its_id_as_text_pages_as_the_number_does(gql, field, value):
    token = (await signup(gql))["accessToken"]
    key = field.lower()
    pages = [
        await gql(
            INTERVIEWS_AFTER,
            {"after": cursor(json.dumps([key, value, row_id])), "field": field},
            token=token,
        )
        for row_id in (1, "1")
    ]
    assert pages[0] == pages[1]


# --- the REST paths ----------------------------------------------------------------------------


@pytest.mark.parametrize("organization", [2**63, -(2**63) - 1, 10**30])
async def test_rest_organization_ids_beyond_int64_are_field_errors(gql, client, organization):
    token = (await signup(gql))["accessToken"]
    response = await client.post(
        "/api/interviews/create/",
        json={"title": "T", "questions": [{"question_text": "Q"}], "organization": organization},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert list(response.json()) == ["organization"]


async def test_the_pagination_link_ignores_a_forged_host(gql, client):
    token = (await signup(gql))["accessToken"]
    auth = {"Authorization": f"Bearer {token}"}
    for i in range(3):
        created = await client.post(
            "/api/interviews/create/",
            json={"title": f"T{i}", "questions": [{"question_text": "Q"}]},
            headers=auth,
        )
        assert created.status_code == 201
    page = await client.get(
        "/api/interviews/interview?page_size=1&page=2", headers={**auth, "Host": "evil.example"}
    )
    body = page.json()
    assert body["next"].startswith("http://testserver/api/interviews/interview?")
    assert body["previous"].startswith("http://testserver/")
    assert "evil" not in json.dumps(body)

"""The custom scalars: DateTime (RFC 3339 with an offset), BigInt, and enums for codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from strawberry.exceptions import StrawberryInputCoercionError

from tests.fixtures.graphql import signup
from tests.fixtures.teams import create_interview, own_org
from vector_gql.graphql.scalars import (
    INT64_MAX,
    parse_bigint,
    parse_datetime,
    serialize_datetime,
)
from vector_gql.graphql.schema import export_sdl

# --- DateTime -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-01T17:00:00Z", datetime(2026, 5, 1, 17, tzinfo=UTC)),
        ("2026-05-01t17:00:00z", datetime(2026, 5, 1, 17, tzinfo=UTC)),
        ("2026-05-01T19:00:00+02:00", datetime(2026, 5, 1, 17, tzinfo=UTC)),
        ("2026-05-01T12:30:00-04:30", datetime(2026, 5, 1, 17, tzinfo=UTC)),
        ("2026-05-01T17:00:00.5Z", datetime(2026, 5, 1, 17, 0, 0, 500000, tzinfo=UTC)),
        ("2026-05-01T17:00:00.123456789Z", datetime(2026, 5, 1, 17, 0, 0, 123456, tzinfo=UTC)),
        ("2026-05-01T17:00:00-00:00", datetime(2026, 5, 1, 17, tzinfo=UTC)),
        ("9999-12-31T23:59:59+23:00", datetime(9999, 12, 31, 0, 59, 59, tzinfo=UTC)),
    ],
)
def test_rfc3339_date_times_are_taken_and_kept_in_utc(text, expected):
    value = parse_datetime(text)
    assert value == expected
    assert value.tzinfo is UTC


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2026-05-01T17:00", "no zone offset"),  # <input type="datetime-local">
        ("2026-05-01T17:00:00", "no zone offset"),
        ("2026-05-01 17:00:00", "no zone offset"),
        ("2026-05-01", "a date without a time"),  # <input type="date">
        ("9999-12-31T23:59:59-23:00", "outside the years 0001 to 9999"),
        ("0001-01-01T00:00:00+01:00", "outside the years 0001 to 9999"),
        ("2026-05-01T17:00:00+24:00", "zone offset is out of range"),
        ("2026-05-01T17:00:00+02:60", "zone offset is out of range"),
        ("2026-13-01T17:00:00Z", "not a valid date and time"),
        ("2026-02-30T17:00:00Z", "not a valid date and time"),
        ("2026-05-01T24:00:00Z", "not a valid date and time"),
        ("2026-05-01T17:00:60Z", "not a valid date and time"),
        ("2026-05-01T17:00:00+0200", "not in the RFC 3339 date-time format"),
        ("1 May 2026", "not in the RFC 3339 date-time format"),
        ("", "not in the RFC 3339 date-time format"),
        (1714582800, "not a string"),
        (None, "not a string"),
    ],
)
def test_date_times_without_a_clear_moment_are_refused_with_a_reason(value, reason):
    with pytest.raises(StrawberryInputCoercionError) as caught:
        parse_datetime(value)
    message = str(caught.value)
    assert reason in message
    assert "2026-05-01T17:00:00Z" in message  # says what to send instead


def test_date_times_are_answered_in_utc_at_a_fixed_width():
    paris = timezone(timedelta(hours=2))
    assert serialize_datetime(datetime(2026, 5, 1, 19, tzinfo=paris)) == (
        "2026-05-01T17:00:00.000000Z"
    )
    assert serialize_datetime(datetime(2026, 5, 1, 17, 0, 0, 42, tzinfo=UTC)) == (
        "2026-05-01T17:00:00.000042Z"
    )
    assert serialize_datetime(datetime(1, 1, 1, tzinfo=UTC)) == "0001-01-01T00:00:00.000000Z"


def test_the_schema_states_the_formats():
    sdl = export_sdl()
    assert 'scalar DateTime @specifiedBy(url: "https://datatracker.ietf.org/doc/html/rfc3339' in sdl
    assert "scalar BigInt" in sdl
    assert "failureCode: ErrorCode" in sdl
    for field in ("sizeBytes: BigInt!", "partSizeBytes: BigInt!"):
        assert field in sdl
    assert "sizeBytes: Int" not in sdl


@pytest.fixture
async def owner(gql):
    token = (await signup(gql, "olive"))["accessToken"]
    return token, await own_org(gql, token)


UPDATE = """
mutation Update($input: UpdateInterviewInput!) {
  updateInterview(input: $input) { interview { answerDeadline } errors { field code } }
}
"""


@pytest.mark.parametrize(
    "deadline", ["2030-05-01T17:00", "2030-05-01", "9999-12-31T23:59:59-23:00"]
)
async def test_create_interview_refuses_an_unclear_deadline_by_name(gql, owner, deadline):
    token, org = owner
    body = await gql(
        """mutation($input: CreateInterviewInput!) {
             createInterview(input: $input) { interview { id } errors { code } } }""",
        {
            "input": {
                "organizationId": org,
                "title": "T",
                "questions": [{"text": "Q?"}],
                "answerDeadline": deadline,
            }
        },
        token=token,
        expect_errors=True,
    )
    assert "data" not in body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "answerDeadline" in error["message"]
    assert "DateTime cannot represent" in error["message"]


async def test_update_interview_refuses_a_deadline_without_offset_and_keeps_the_old_one(gql, owner):
    token, org = owner
    interview = (
        await create_interview(gql, token, org, answerDeadline="2030-05-01T19:00:00+02:00")
    )["interview"]
    body = await gql(
        UPDATE,
        {"input": {"interviewId": interview["id"], "answerDeadline": "2030-06-01T10:00"}},
        token=token,
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "no zone offset" in body["errors"][0]["message"]
    body = await gql(
        UPDATE,
        {"input": {"interviewId": interview["id"]}},
        token=token,
    )
    assert body["data"]["updateInterview"]["interview"]["answerDeadline"] == (
        "2030-05-01T17:00:00.000000Z"
    )


async def test_a_deadline_literal_without_offset_is_refused_too(gql, owner):
    token, org = owner
    body = await gql(
        'mutation { createInterview(input: {organizationId: "ORG", title: "T", '
        'questions: [{text: "Q?"}], answerDeadline: "2030-05-01T17:00"}) '
        "{ errors { code } } }".replace("ORG", org),
        token=token,
        expect_errors=True,
    )
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "no zone offset" in error["message"]


# --- BigInt ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (3_000_000_000, 3_000_000_000),
        (3e9, 3_000_000_000),
        ("3000000000", 3_000_000_000),
        ("-12", -12),
        (INT64_MAX, INT64_MAX),
    ],
)
def test_bigint_takes_64_bit_whole_numbers(value, expected):
    assert parse_bigint(value) == expected


@pytest.mark.parametrize(
    "value", [2**63, -(2**63) - 1, "99999999999999999999", 1.5, "1.5", "", "x", True, None, [1]]
)
def test_bigint_refuses_what_is_not_a_64_bit_whole_number(value):
    with pytest.raises(StrawberryInputCoercionError, match="BigInt cannot represent"):
        parse_bigint(value)


START = """
mutation Start($input: StartVideoUploadInput!) {
  startVideoUpload(input: $input) { upload { id } errors { field code } }
}
"""


@pytest.mark.parametrize("size", [3 * 1024**3, "3221225472", 2**62])
async def test_a_size_beyond_32_bits_gets_too_large_not_a_coercion_error(gql, owner, size):
    token, _ = owner
    body = await gql(
        START,
        {"input": {"title": "Big", "filename": "big.mp4", "sizeBytes": size}},
        token=token,
    )
    assert body["data"]["startVideoUpload"]["errors"] == [
        {"field": ["sizeBytes"], "code": "TOO_LARGE"}
    ]


async def test_a_size_beyond_64_bits_is_bad_user_input(gql, owner):
    token, _ = owner
    body = await gql(
        START,
        {"input": {"title": "Big", "filename": "big.mp4", "sizeBytes": 2**64}},
        token=token,
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "BigInt cannot represent" in body["errors"][0]["message"]


async def test_byte_sizes_are_numbers(gql, owner):
    token, _ = owner
    body = await gql(
        START.replace("upload { id }", "upload { id sizeBytes partSizeBytes parts { sizeBytes } }"),
        {"input": {"title": "Big", "filename": "big.mp4", "sizeBytes": 20_000_000}},
        token=token,
    )
    upload = body["data"]["startVideoUpload"]["upload"]
    assert upload["sizeBytes"] == 20_000_000
    assert isinstance(upload["partSizeBytes"], int)
    assert sum(part["sizeBytes"] for part in upload["parts"]) == 20_000_000

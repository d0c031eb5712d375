"""Interview.ranking: the results a page at a time, in the ranking's order, for owners and
recruiters only, in the same statements whatever the page size."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.review.blind_helpers import submit_candidates
from tests.review.test_results import _expected_raw, _rated, team  # noqa: F401
from vector_gql.models.audit import AuditAction, AuditEntry
from vector_gql.statements import count_statements

RANKING = """
query Ranking($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  node(id: $id) { ... on Interview {
    ranking(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { rank rawTotal ratings invitation { name }
                            criteria { criterion { name } raw } signals { questionsAnswered } } }
    }
  } }
}
"""


async def _ranked(gql, team, clock, services):  # noqa: F811
    """Ada, Cy, Bob rated (ranks 1-3); Dee and Eve submitted but not rated (no total),
    Eve before Dee although Dee was invited first."""
    review, subs = await _rated(gql, team, clock, services)
    (dee,) = await submit_candidates(review, ["Dee Late"], now=clock.now() + timedelta(hours=2))
    (eve,) = await submit_candidates(review, ["Eve Early"], now=clock.now() + timedelta(hours=1))
    assert dee.invitation.id < eve.invitation.id
    return review


def _names(body) -> list[str]:
    ranking = body["data"]["node"]["ranking"]
    return [edge["node"]["invitation"]["name"].split()[0] for edge in ranking["edges"]]


async def test_the_ranking_pages_forwards_and_backwards_in_order(gql, team, clock, services):  # noqa: F811
    review = await _ranked(gql, team, clock, services)
    interview = review.interview["id"]
    token = team.tokens["RECRUITER"]
    rated = sorted(("Ada", "Bob", "Cy"), key=lambda n: -_expected_raw(n))
    expected = [*rated, "Eve", "Dee"]

    whole = await gql(RANKING, {"id": interview}, token=token)
    assert _names(whole) == expected
    ranking = whole["data"]["node"]["ranking"]
    assert ranking["totalCount"] == 5
    assert [e["node"]["rank"] for e in ranking["edges"]] == [1, 2, 3, None, None]
    assert ranking["edges"][0]["node"]["rawTotal"] == pytest.approx(_expected_raw(rated[0]))
    assert ranking["edges"][0]["node"]["signals"]["questionsAnswered"] == 2
    assert ranking["pageInfo"]["hasNextPage"] is False

    pages, after = [], None
    while True:
        body = await gql(RANKING, {"id": interview, "first": 2, "after": after}, token=token)
        page = body["data"]["node"]["ranking"]
        pages.append(_names(body))
        assert page["totalCount"] == 5
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert pages == [expected[0:2], expected[2:4], expected[4:]]

    last = await gql(RANKING, {"id": interview, "last": 2}, token=token)
    assert _names(last) == expected[3:]
    assert last["data"]["node"]["ranking"]["pageInfo"]["hasPreviousPage"] is True
    before = last["data"]["node"]["ranking"]["pageInfo"]["startCursor"]
    earlier = await gql(RANKING, {"id": interview, "last": 2, "before": before}, token=token)
    assert _names(earlier) == expected[1:3]

    # A cursor is a position, not an offset: a submission that sorts before it (unrated,
    # submitted before Eve) does not move the page after it.
    eve = ranking["edges"][3]["cursor"]
    await submit_candidates(review, ["Fay Between"], now=clock.now() + timedelta(minutes=30))
    moved = await gql(RANKING, {"id": interview, "first": 2, "after": eve}, token=token)
    assert _names(moved) == ["Dee"]
    assert moved["data"]["node"]["ranking"]["totalCount"] == 6


async def test_the_old_results_field_still_answers(gql, team, clock, services):  # noqa: F811
    review = await _ranked(gql, team, clock, services)
    body = await gql(
        """query($id: ID!) { node(id: $id) { ... on Interview { results { rank } } } }""",
        {"id": review.interview["id"]},
        token=team.tokens["OWNER"],
    )
    assert [r["rank"] for r in body["data"]["node"]["results"]] == [1, 2, 3, None, None]


async def test_page_arguments_are_checked(gql, team, clock, services):  # noqa: F811
    review = await _ranked(gql, team, clock, services)
    interview_cursor = "WyJjcmVhdGVkX2F0IiwgIjIwMjYtMDEtMDFUMDA6MDA6MDArMDA6MDAiLCAxXQ"
    for variables, message in (
        ({"first": 101}, "first must be between 1 and 100; got 101."),
        (
            {"first": 1, "last": 1},
            "Use either first (to page forwards) or last (to page backwards), not both.",
        ),
        (
            {"after": "not-a-cursor"},
            "The after cursor is not valid. Use a cursor from a previous page, unchanged.",
        ),
        (
            {"before": interview_cursor},
            "The before cursor was made for another order; start again from the first page "
            "when you change the order.",
        ),
    ):
        body = await gql(
            RANKING,
            {"id": review.interview["id"], **variables},
            token=team.tokens["OWNER"],
            expect_errors=True,
        )
        assert body["data"]["node"]["ranking"] is None
        assert [(e["extensions"]["code"], e["message"]) for e in body["errors"]] == [
            ("BAD_USER_INPUT", message)
        ]


async def test_only_owners_and_recruiters_read_the_ranking(gql, team, clock, services):  # noqa: F811
    review = await _ranked(gql, team, clock, services)
    interview = review.interview["id"]
    body = await gql(RANKING, {"id": interview}, token=team.tokens["EVALUATOR"], expect_errors=True)
    assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
    assert body["data"]["node"] is None or body["data"]["node"]["ranking"] is None
    outsider = await gql(RANKING, {"id": interview}, token=team.tokens["OUTSIDER"])
    assert outsider["data"]["node"] is None
    anonymous = await gql(RANKING, {"id": interview}, expect_errors=True)
    assert anonymous["data"] is None or anonymous["data"]["node"] is None
    assert await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED).count() == 0

    # Only the candidates on the page are shown, so only they are audited.
    await gql(RANKING, {"id": interview, "first": 2}, token=team.tokens["OWNER"])
    assert await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED).count() == 2


async def test_a_page_costs_the_same_statements_whatever_its_size(gql, team, clock, services):  # noqa: F811
    review = await _ranked(gql, team, clock, services)
    counts = []
    for first in (1, 5):
        with count_statements() as log:
            body = await gql(
                RANKING, {"id": review.interview["id"], "first": first}, token=team.tokens["OWNER"]
            )
        assert len(body["data"]["node"]["ranking"]["edges"]) == first
        counts.append([sql for sql in log.statements if "query_budget" not in sql])
    # The first showings of the page's candidates are audited: seen again, they are not.
    with count_statements() as log:
        await gql(RANKING, {"id": review.interview["id"], "first": 1}, token=team.tokens["OWNER"])
    again = [sql for sql in log.statements if "query_budget" not in sql]
    assert len(counts[0]) == len(counts[1]), counts
    assert len(again) <= len(counts[0]), (again, counts[0])

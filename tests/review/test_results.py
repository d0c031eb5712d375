"""Interview.ranking (and the deprecated Interview.results) and Interview.agreement from
real evaluations; the reveal is audited. The ranking pages in its order, for owners and
recruiters only, in the same statements whatever the page size."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import krippendorff
import numpy as np
import pytest

from tests.fixtures.teams import Team
from tests.review.blind_helpers import QUEUE, assign, make_review, pk, submit, submit_candidates
from vector_gql.models.audit import AuditAction, AuditEntry
from vector_gql.statements import count_statements

RESULTS = """
query Results($id: ID!) {
  node(id: $id) { ... on Interview {
    results { rank rawTotal correctedTotal ratings interval { low high }
              criteria { criterion { name } raw corrected ratings }
              signals { questionsAnswered questionsTotal secondsUsed secondsAllowed } }
    agreement { alpha ratings belowThreshold
                byCriterion { criterion { name } alpha ratings belowThreshold } }
  } }
}
"""

# Scores per candidate and evaluator, for the cells (Q1, Comm), (Q2, Comm), (Q2, Depth).
SCORES = {
    ("Ada", "EVALUATOR"): (4, 5, 3),
    ("Ada", "RECRUITER"): (5, 5, 4),
    ("Ada", "OWNER"): (4, 4, 4),
    ("Bob", "EVALUATOR"): (2, 3, 2),
    ("Bob", "RECRUITER"): (3, 2, 2),
    ("Bob", "OWNER"): (2, 2, 1),
    ("Cy", "EVALUATOR"): (3, 4, 5),
    ("Cy", "RECRUITER"): (4, 3, 5),
    ("Cy", "OWNER"): (3, 3, 4),
}


@pytest.fixture
async def team(gql) -> Team:
    return await Team.build(gql)


async def _rated(gql, team, clock, services):
    review = await make_review(gql, team)
    subs = await submit_candidates(review, ["Ada Byron", "Bob Kahn", "Cy Young"], now=clock.now())
    roles = ("EVALUATOR", "RECRUITER", "OWNER")
    body = await assign(
        gql, team.tokens["OWNER"], [s.gid for s in subs], [team.users[r]["id"] for r in roles]
    )
    assert body["data"]["assignEvaluators"]["errors"] == []
    first_names = {s.invitation.id: s.invitation.name.split()[0] for s in subs}
    from vector_gql.models.review import Assignment

    for role in roles:
        edges = (await gql(QUEUE, {}, token=team.tokens[role]))["data"]["reviewQueue"]["edges"]
        for edge in edges:
            invitation_id = (await Assignment.get(id=pk(edge["node"]["id"]))).invitation_id
            scores = SCORES[(first_names[invitation_id], role)]
            ratings = review.ratings()
            for rating, score in zip(ratings, scores, strict=True):
                rating["score"] = score
            result = await submit(gql, team.tokens[role], edge["node"]["id"], ratings)
            assert result["data"]["submitEvaluation"]["errors"] == []
    return review, subs


def _expected_raw(name: str) -> float:
    cells = [SCORES[(name, role)] for role in ("EVALUATOR", "RECRUITER", "OWNER")]
    means = [sum(c[i] for c in cells) / 3 for i in range(3)]
    communication = (means[0] + means[1]) / 2
    depth = means[2]
    return (2 * communication + 1 * depth) / 3


async def test_results_rank_by_corrected_total_with_raw_beside(gql, team, clock, services):
    review, subs = await _rated(gql, team, clock, services)
    body = await gql(RESULTS, {"id": review.interview["id"]}, token=team.tokens["RECRUITER"])
    node = body["data"]["node"]
    results = node["results"]
    expected = sorted(
        ((name, _expected_raw(name)) for name in ("Ada", "Bob", "Cy")), key=lambda p: -p[1]
    )
    assert [r["rank"] for r in results] == [1, 2, 3]
    for result, (_, raw) in zip(results, expected, strict=True):
        assert result["rawTotal"] == pytest.approx(raw)
        # Three submissions each: fewer than the five the correction waits for.
        assert result["correctedTotal"] == pytest.approx(raw)
        assert result["ratings"] == 9
        assert result["interval"]["low"] <= result["correctedTotal"] <= result["interval"]["high"]
        assert [c["criterion"]["name"] for c in result["criteria"]] == [
            "Communication",
            "Technical depth",
        ]
        signals = result["signals"]
        assert (signals["questionsAnswered"], signals["questionsTotal"]) == (2, 2)
        assert signals["secondsUsed"] == pytest.approx(41.0)

    # Agreement against an independent computation with the krippendorff package.
    data = np.full((3, 9), np.nan)
    for unit, (name, cell) in enumerate((n, c) for n in ("Ada", "Bob", "Cy") for c in range(3)):
        for rater, role in enumerate(("EVALUATOR", "RECRUITER", "OWNER")):
            data[rater, unit] = SCORES[(name, role)][cell]
    alpha = krippendorff.alpha(
        reliability_data=data, level_of_measurement="ordinal", value_domain=[1, 2, 3, 4, 5]
    )
    agreement = node["agreement"]
    assert agreement["alpha"] == pytest.approx(alpha)
    assert agreement["ratings"] == 27
    assert agreement["belowThreshold"] is bool(alpha < 0.667)
    names = [c["criterion"]["name"] for c in agreement["byCriterion"]]
    assert names == ["Communication", "Technical depth"]
    depth_data = data[:, [2, 5, 8]]
    depth_alpha = krippendorff.alpha(
        reliability_data=depth_data, level_of_measurement="ordinal", value_domain=[1, 2, 3, 4, 5]
    )
    assert agreement["byCriterion"][1]["alpha"] == pytest.approx(depth_alpha)
    assert agreement["byCriterion"][1]["ratings"] == 9


async def test_only_owners_and_recruiters_read_results_and_each_first_showing_is_audited(
    gql, team, clock, services
):
    review, subs = await _rated(gql, team, clock, services)
    for role in ("EVALUATOR",):
        body = await gql(
            RESULTS, {"id": review.interview["id"]}, token=team.tokens[role], expect_errors=True
        )
        assert {e["extensions"]["code"] for e in body["errors"]} == {"FORBIDDEN"}
        assert body["data"]["node"] is None or body["data"]["node"].get("results") is None
    body = await gql(RESULTS, {"id": review.interview["id"]}, token=team.tokens["OUTSIDER"])
    assert body["data"]["node"] is None
    assert await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED).count() == 0

    named = await gql(
        """query($id: ID!) { node(id: $id) { ... on Interview {
            results { rank invitation { name } } } } }""",
        {"id": review.interview["id"]},
        token=team.tokens["OWNER"],
    )
    ranked = named["data"]["node"]["results"]
    expected = sorted(("Ada", "Bob", "Cy"), key=lambda n: -_expected_raw(n))
    assert [r["invitation"]["name"].split()[0] for r in ranked] == expected
    owner = pk(team.users["OWNER"]["id"])
    entries = await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED).values(
        "subject_user_id", "invitation_id", "details"
    )
    assert sorted(e["invitation_id"] for e in entries) == sorted(s.invitation.id for s in subs)
    assert {e["subject_user_id"] for e in entries} == {owner}
    assert all(e["details"] == {"where": "results"} for e in entries)
    # Seen before: no new entries. Someone new: theirs.
    await gql(RESULTS, {"id": review.interview["id"]}, token=team.tokens["OWNER"])
    assert await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED).count() == 3
    await gql(RESULTS, {"id": review.interview["id"]}, token=team.tokens["RECRUITER"])
    assert await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED).count() == 6
    # Owners read them in the audit log.
    log = await gql(
        """query($id: ID!) { node(id: $id) { ... on Organization {
            auditLog(first: 50, action: [IDENTITY_REVEALED]) { totalCount } } } }""",
        {"id": team.org},
        token=team.tokens["OWNER"],
    )
    assert log["data"]["node"]["auditLog"]["totalCount"] == 6


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


async def _ranked(gql, team, clock, services):
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


async def test_the_ranking_pages_forwards_and_backwards_in_order(gql, team, clock, services):
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


async def test_the_old_results_field_still_answers(gql, team, clock, services):
    review = await _ranked(gql, team, clock, services)
    body = await gql(
        """query($id: ID!) { node(id: $id) { ... on Interview { results { rank } } } }""",
        {"id": review.interview["id"]},
        token=team.tokens["OWNER"],
    )
    assert [r["rank"] for r in body["data"]["node"]["results"]] == [1, 2, 3, None, None]


async def test_page_arguments_are_checked(gql, team, clock, services):
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


async def test_a_cursor_with_its_id_as_text_pages_as_the_number_does(gql, team, clock, services):
    review = await _ranked(gql, team, clock, services)
    interview, token = review.interview["id"], team.tokens["OWNER"]
    first = await gql(RANKING, {"id": interview, "first": 2}, token=token)
    end = first["data"]["node"]["ranking"]["pageInfo"]["endCursor"]
    field, key, row_id = json.loads(base64.urlsafe_b64decode(end + "=" * (-len(end) % 4)))
    forged = base64.urlsafe_b64encode(json.dumps([field, key, str(row_id)]).encode()).decode()
    pages = [
        await gql(RANKING, {"id": interview, "first": 2, "after": after}, token=token)
        for after in (end, forged)
    ]
    assert _names(pages[1]) == _names(pages[0]) != []


async def test_only_owners_and_recruiters_read_the_ranking(gql, team, clock, services):
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

    # Only the candidates on the page are shown, so only they are audited, as shown there.
    await gql(RANKING, {"id": interview, "first": 2}, token=team.tokens["OWNER"])
    entries = await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED)
    assert [entry.details for entry in entries] == [{"where": "ranking"}] * 2


async def test_a_page_costs_the_same_statements_whatever_its_size(gql, team, clock, services):
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


async def test_a_refusal_cut_short_by_a_failing_sibling_leaves_nothing_unretrieved(
    gql, team, services, monkeypatch, loop_reports
):
    """An evaluator asks for the results beside a page that cannot be read (too large):
    the page's error nulls the interview before the results' refusal arrives, so the
    refusal reaches no one, which is right; but nothing may be left behind for the
    event loop to report ("Future exception was never retrieved ... Forbidden")."""
    import asyncio
    import gc

    review = await make_review(gql, team)
    refused = asyncio.Event()
    read = services.review.interview_results

    async def reading(*args, **kwargs):
        try:
            return await read(*args, **kwargs)
        finally:
            refused.set()

    monkeypatch.setattr(services.review, "interview_results", reading)
    body = await gql(
        """query($id: ID!) { node(id: $id) { ... on Interview {
            results { rank } agreement { alpha }
            invitations(first: 1000) { edges { cursor } } } } }""",
        {"id": review.interview["id"]},
        token=team.tokens["EVALUATOR"],
        expect_errors=True,
    )
    # The refusal is answered after the response, in the background.
    await refused.wait()
    await asyncio.sleep(0)
    gc.collect()
    assert body["data"]["node"] is None
    assert [e["path"] for e in body["errors"]] == [["node", "invitations"]]
    assert [r["message"] for r in loop_reports] == []
    # Asked alone, the refusal reaches the evaluator as before.
    body = await gql(
        "query($id: ID!) { node(id: $id) { ... on Interview { results { rank } } } }",
        {"id": review.interview["id"]},
        token=team.tokens["EVALUATOR"],
        expect_errors=True,
    )
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["node", "results"], "FORBIDDEN")
    ]

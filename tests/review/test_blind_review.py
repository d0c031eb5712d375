"""Blind review: assignments under pseudonyms, evaluations against the rubric, independence."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.fixtures.teams import Team
from tests.review.blind_helpers import (
    ASSIGNMENT,
    AUTO,
    QUEUE,
    REVISE,
    assign,
    make_review,
    pk,
    submit,
    submit_candidates,
)
from tests.review.test_rubrics import criterion, set_rubric
from vector_gql.models.audit import AuditAction, AuditEntry
from vector_gql.models.candidates import InvitationStatus
from vector_gql.models.review import Assignment, Evaluation, EvaluationRating, Rubric


@pytest.fixture
async def team(gql) -> Team:
    return await Team.build(gql)


@pytest.fixture
async def review(gql, team):
    return await make_review(gql, team)


async def _assigned(gql, team, review, clock, services, names=("Ada Lovelace", "Alan Turing")):
    subs = await submit_candidates(review, list(names), now=clock.now(), storage=services.storage)
    evaluators = [team.users["EVALUATOR"]["id"], team.users["RECRUITER"]["id"]]
    body = await assign(gql, team.tokens["OWNER"], [s.gid for s in subs], evaluators)
    payload = body["data"]["assignEvaluators"]
    assert payload["errors"] == []
    return subs, payload["assignments"]


async def queue_of(gql, token, **variables):
    body = await gql(QUEUE, variables, token=token)
    return body["data"]["reviewQueue"]


async def test_assignments_show_stable_pseudonyms_that_differ_between_evaluators(
    gql, team, review, clock, services
):
    subs, made = await _assigned(gql, team, review, clock, services)
    assert len(made) == 4 and all(a["status"] == "PENDING" for a in made)
    eve = await queue_of(gql, team.tokens["EVALUATOR"])
    rick = await queue_of(gql, team.tokens["RECRUITER"])
    assert eve["totalCount"] == 2 and rick["totalCount"] == 2
    eve_names = [e["node"]["pseudonym"] for e in eve["edges"]]
    rick_names = [e["node"]["pseudonym"] for e in rick["edges"]]
    for name in eve_names + rick_names:
        assert name.startswith("Candidate ") and len(name) == len("Candidate K7QF")
    assert len(set(eve_names)) == 2
    # Per (evaluator, candidate): the same candidate is called differently by each evaluator.
    by_invitation = {
        a.invitation_id: a.pseudonym
        for a in await Assignment.filter(evaluator_id=pk(team.users["EVALUATOR"]["id"]))
    }
    others = {
        a.invitation_id: a.pseudonym
        for a in await Assignment.filter(evaluator_id=pk(team.users["RECRUITER"]["id"]))
    }
    assert all(by_invitation[i] != others[i] for i in by_invitation)
    # Stable: assigning again changes nothing, and the node shows the same name.
    again = await assign(gql, team.tokens["OWNER"], [subs[0].gid], [team.users["EVALUATOR"]["id"]])
    assert again["data"]["assignEvaluators"]["assignments"][0]["pseudonym"] in eve_names
    assert await Assignment.all().count() == 4
    node = await gql(
        ASSIGNMENT, {"id": eve["edges"][0]["node"]["id"]}, token=team.tokens["EVALUATOR"]
    )
    assert node["data"]["node"]["pseudonym"] == eve_names[0]


async def test_the_queue_pages_and_filters_by_status(gql, team, review, clock, services):
    await _assigned(gql, team, review, clock, services, names=["A One", "B Two", "C Three"])
    first = await queue_of(gql, team.tokens["EVALUATOR"], first=2)
    assert len(first["edges"]) == 2 and first["pageInfo"]["hasNextPage"] is True
    rest = await queue_of(
        gql, team.tokens["EVALUATOR"], first=2, after=first["pageInfo"]["endCursor"]
    )
    assert len(rest["edges"]) == 1
    target = first["edges"][0]["node"]["id"]
    result = await submit(gql, team.tokens["EVALUATOR"], target, review.ratings(4))
    assert result["data"]["submitEvaluation"]["errors"] == []
    done = await queue_of(gql, team.tokens["EVALUATOR"], status="SUBMITTED")
    pending = await queue_of(gql, team.tokens["EVALUATOR"], status="PENDING")
    assert [e["node"]["id"] for e in done["edges"]] == [target]
    assert pending["totalCount"] == 2
    # Nobody else's work: the owner assigned nothing to themselves.
    assert (await queue_of(gql, team.tokens["OWNER"]))["totalCount"] == 0
    body = await gql(QUEUE, {}, expect_errors=True)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_an_assignment_shows_questions_and_playable_answers_without_identities(
    gql, client, team, review, clock, services
):
    subs, _ = await _assigned(gql, team, review, clock, services)
    eve = await queue_of(gql, team.tokens["EVALUATOR"])
    body = await gql(
        ASSIGNMENT, {"id": eve["edges"][0]["node"]["id"]}, token=team.tokens["EVALUATOR"]
    )
    node = body["data"]["node"]
    assert node["interview"]["id"] == review.interview["id"]
    assert [q["position"] for q in node["questions"]] == [1, 2]
    assert [a["question"]["position"] for a in node["answers"]] == [1, 2]
    assert [a["video"]["durationSeconds"] for a in node["answers"]] == [20.0, 21.0]
    assert node["myEvaluation"] is None and node["evaluations"] is None
    invitation_id = (await Assignment.get(id=pk(node["id"]))).invitation_id
    sub = next(s for s in subs if s.invitation.id == invitation_id)
    for answer, video in zip(node["answers"], sub.videos, strict=True):
        url = answer["video"]["url"]
        assert video.storage_key not in url and video.filename not in url
        assert "answers/" not in url and ".mp4" not in url
        parts = urlsplit(url)
        response = await client.get(parts.path)
        assert response.status_code == 200
        content = await services.storage.size(video.storage_key)
        assert len(response.content) == content
        assert response.headers["content-type"] == "video/mp4"
        assert response.headers["content-disposition"] == "inline"
        # A link that was tampered with, or that expired, plays nothing.
        bad = await client.get(parts.path[:-1] + ("0" if parts.path[-1] != "0" else "1"))
        assert bad.status_code == 403 and video.filename not in bad.text
    clock.advance(days=2)
    expired = await client.get(urlsplit(node["answers"][0]["video"]["url"]).path)
    assert expired.status_code == 403


async def test_others_scores_are_hidden_until_one_submits_ones_own(
    gql, team, review, clock, services
):
    subs, _ = await _assigned(gql, team, review, clock, services, names=["Grace Hopper"])
    (eve_a,) = [e["node"]["id"] for e in (await queue_of(gql, team.tokens["EVALUATOR"]))["edges"]]
    (rick_a,) = [e["node"]["id"] for e in (await queue_of(gql, team.tokens["RECRUITER"]))["edges"]]
    first = await submit(gql, team.tokens["RECRUITER"], rick_a, review.ratings(5), comment="Great")
    assert first["data"]["submitEvaluation"]["errors"] == []
    rick_evaluation = first["data"]["submitEvaluation"]["evaluation"]["id"]
    # Eve has not submitted: no evaluations, and Rick's is not a node she can read.
    body = await gql(ASSIGNMENT, {"id": eve_a}, token=team.tokens["EVALUATOR"])
    assert body["data"]["node"]["evaluations"] is None
    seen = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": rick_evaluation},
        token=team.tokens["EVALUATOR"],
    )
    assert seen["data"]["node"] is None
    mine = await submit(gql, team.tokens["EVALUATOR"], eve_a, review.ratings(2))
    assert mine["data"]["submitEvaluation"]["errors"] == []
    body = await gql(ASSIGNMENT, {"id": eve_a}, token=team.tokens["EVALUATOR"])
    node = body["data"]["node"]
    assert node["myEvaluation"]["version"] == 1
    assert sorted(e["ratings"][0]["score"] for e in node["evaluations"]) == [2, 5]
    seen = await gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": rick_evaluation},
        token=team.tokens["EVALUATOR"],
    )
    assert seen["data"]["node"] == {"id": rick_evaluation}
    # The outsider reaches neither the assignment nor the evaluation.
    for target in (eve_a, rick_evaluation):
        body = await gql(
            "query($id: ID!) { node(id: $id) { id } }",
            {"id": target},
            token=team.tokens["OUTSIDER"],
        )
        assert body["data"]["node"] is None


async def test_submitting_locks_the_rubric_and_is_final(gql, team, review, clock, services):
    await _assigned(gql, team, review, clock, services, names=["Edsger Dijkstra"])
    (eve_a,) = [e["node"]["id"] for e in (await queue_of(gql, team.tokens["EVALUATOR"]))["edges"]]
    ratings = review.ratings(4)
    ratings[0]["note"] = "Clear structure"
    result = await submit(
        gql, team.tokens["EVALUATOR"], eve_a, ratings, comment="Solid", recommendation="YES"
    )
    payload = result["data"]["submitEvaluation"]
    assert payload["errors"] == []
    assert payload["assignment"]["status"] == "SUBMITTED"
    evaluation = payload["evaluation"]
    assert (evaluation["version"], evaluation["comment"], evaluation["recommendation"]) == (
        1,
        "Solid",
        "YES",
    )
    assert evaluation["ratings"][0]["note"] == "Clear structure"
    assert len(evaluation["ratings"]) == 3
    rubric = await Rubric.get(interview_id=pk(review.interview["id"]))
    assert rubric.locked_at == (await Evaluation.get()).submitted_at
    change = await set_rubric(gql, team.tokens["OWNER"], review.interview["id"], [criterion("X")])
    assert [e["code"] for e in change["errors"]] == ["LOCKED"]
    again = await submit(gql, team.tokens["EVALUATOR"], eve_a, review.ratings(1))
    errors = again["data"]["submitEvaluation"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["assignmentId"], "ALREADY_SUBMITTED")]
    # Nothing submitted was lost.
    assert await Evaluation.all().count() == 1
    assert sorted(r["score"] for r in await EvaluationRating.all().values("score")) == [4, 4, 4]
    entries = await AuditEntry.filter(action=AuditAction.EVALUATION_SUBMITTED).count()
    assert entries == 1


async def test_a_revision_is_a_new_version_and_the_old_one_is_kept(
    gql, team, review, clock, services
):
    await _assigned(gql, team, review, clock, services, names=["Barbara Liskov"])
    (eve_a,) = [e["node"]["id"] for e in (await queue_of(gql, team.tokens["EVALUATOR"]))["edges"]]
    early = await gql(
        REVISE,
        {"input": {"assignmentId": eve_a, "ratings": review.ratings(2)}},
        token=team.tokens["EVALUATOR"],
    )
    assert [e["code"] for e in early["data"]["reviseEvaluation"]["errors"]] == ["NOT_EVALUATED"]
    await submit(gql, team.tokens["EVALUATOR"], eve_a, review.ratings(2))
    clock.advance(minutes=5)
    body = await gql(
        REVISE,
        {"input": {"assignmentId": eve_a, "ratings": review.ratings(3)}},
        token=team.tokens["EVALUATOR"],
    )
    payload = body["data"]["reviseEvaluation"]
    assert payload["errors"] == []
    assert (payload["evaluation"]["version"], payload["evaluation"]["current"]) == (2, True)
    versions = await Evaluation.all().order_by("version").values_list("version", "current")
    assert versions == [(1, False), (2, True)]
    old = await Evaluation.get(version=1)
    old_scores = await EvaluationRating.filter(evaluation=old).values("score")
    assert sorted(r["score"] for r in old_scores) == [2, 2, 2]
    node = (await gql(ASSIGNMENT, {"id": eve_a}, token=team.tokens["EVALUATOR"]))["data"]["node"]
    assert node["myEvaluation"]["version"] == 2
    assert {r["score"] for r in node["myEvaluation"]["ratings"]} == {3}
    assert await AuditEntry.filter(action=AuditAction.EVALUATION_REVISED).count() == 1


async def test_bad_evaluations_are_refused_with_codes_and_nothing_is_saved(
    gql, team, review, clock, services
):
    subs, _ = await _assigned(gql, team, review, clock, services, names=["Ken Thompson"])
    (eve_a,) = [e["node"]["id"] for e in (await queue_of(gql, team.tokens["EVALUATOR"]))["edges"]]
    (rick_a,) = [e["node"]["id"] for e in (await queue_of(gql, team.tokens["RECRUITER"]))["edges"]]
    q1, q2 = (q["id"] for q in review.questions)
    communication, depth = (c["id"] for c in review.criteria)

    async def codes(ratings, assignment=eve_a, token=team.tokens["EVALUATOR"]):
        body = await submit(gql, token, assignment, ratings)
        return [(e["field"], e["code"]) for e in body["data"]["submitEvaluation"]["errors"]]

    # A score outside 1-5.
    ratings = review.ratings(3)
    ratings[1]["score"] = 6
    ratings[2]["score"] = 0
    assert await codes(ratings) == [
        (["ratings", "1", "score"], "OUT_OF_RANGE"),
        (["ratings", "2", "score"], "OUT_OF_RANGE"),
    ]
    # A criterion that is not in the rubric, a criterion on a question it does not apply to.
    other = await make_review(gql, team)
    ratings = review.ratings(3) + [
        {"questionId": q1, "criterionId": other.criteria[0]["id"], "score": 3}
    ]
    assert await codes(ratings) == [(["ratings", "3", "criterionId"], "NOT_IN_RUBRIC")]
    ratings = review.ratings(3) + [{"questionId": q1, "criterionId": depth, "score": 3}]
    assert await codes(ratings) == [(["ratings", "3", "questionId"], "NOT_IN_RUBRIC")]
    # A question that is not in the interview.
    ratings = review.ratings(3) + [
        {"questionId": other.questions[0]["id"], "criterionId": communication, "score": 3}
    ]
    assert await codes(ratings) == [(["ratings", "3", "questionId"], "NOT_IN_RUBRIC")]
    # Missing and twice-given ratings.
    assert await codes(review.ratings(3)[:2]) == [(["ratings"], "REQUIRED")]
    twice = review.ratings(3)
    assert await codes(twice + [twice[0]]) == [(["ratings", "3"], "INVALID")]
    # Someone else's assignment: the owner may see it but not evaluate it; an evaluator does
    # not even see it.
    assert await codes(review.ratings(3), rick_a, team.tokens["OWNER"]) == [
        (["assignmentId"], "NOT_YOUR_ASSIGNMENT")
    ]
    assert await codes(review.ratings(3), rick_a) == [(["assignmentId"], "NOT_FOUND")]
    assert await codes(review.ratings(3), rick_a, team.tokens["OUTSIDER"]) == [
        (["assignmentId"], "NOT_FOUND")
    ]
    # Before the candidate has submitted (their submission was taken back).
    invitation = subs[0].invitation
    invitation.status = InvitationStatus.STARTED
    await invitation.save(update_fields=["status"])
    assert await codes(review.ratings(3)) == [(["assignmentId"], "NOT_SUBMITTED")]
    invitation.status = InvitationStatus.SUBMITTED
    await invitation.save(update_fields=["status"])
    assert await Evaluation.all().count() == 0
    assert (await Rubric.get(interview_id=pk(review.interview["id"]))).locked_at is None
    # Without credentials.
    body = await submit(gql, None, eve_a, review.ratings(3))
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    # The valid one goes through after all of that.
    assert await codes(review.ratings(3)) == []


async def test_only_submitted_candidates_are_assigned_and_only_by_owners_and_recruiters(
    gql, team, review, clock, services
):
    subs = await submit_candidates(review, ["Linus Torvalds"], now=clock.now())
    started = await submit_candidates(review, ["Margaret Hamilton"], now=clock.now())
    started[0].invitation.status = InvitationStatus.STARTED
    await started[0].invitation.save(update_fields=["status"])
    eve = team.users["EVALUATOR"]["id"]
    body = await assign(gql, team.tokens["OWNER"], [subs[0].gid, started[0].gid], [eve])
    errors = body["data"]["assignEvaluators"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["invitationIds", "1"], "NOT_SUBMITTED")]
    body = await assign(gql, team.tokens["OWNER"], [subs[0].gid], [team.users["OUTSIDER"]["id"]])
    errors = body["data"]["assignEvaluators"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["evaluatorIds", "0"], "NOT_FOUND")]
    body = await assign(gql, team.tokens["EVALUATOR"], [subs[0].gid], [eve])
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    body = await assign(gql, team.tokens["OUTSIDER"], [subs[0].gid], [eve])
    errors = body["data"]["assignEvaluators"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(["invitationIds", "0"], "NOT_FOUND")]
    body = await gql(
        AUTO,
        {"input": {"interviewId": review.interview["id"], "evaluatorsPerSubmission": 1}},
        token=team.tokens["EVALUATOR"],
        expect_errors=True,
    )
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await Assignment.all().count() == 0
    body = await assign(gql, team.tokens["RECRUITER"], [subs[0].gid], [eve])
    assert body["data"]["assignEvaluators"]["errors"] == []


async def test_auto_assignment_spreads_the_load_evenly_over_distinct_evaluators(
    gql, team, review, clock, services
):
    names = [f"Person{i} Example" for i in range(7)]
    subs = await submit_candidates(review, names, now=clock.now())
    later = await submit_candidates(review, ["Not Yet"], now=clock.now())
    later[0].invitation.status = InvitationStatus.STARTED
    await later[0].invitation.save(update_fields=["status"])
    body = await gql(
        AUTO,
        {"input": {"interviewId": review.interview["id"], "evaluatorsPerSubmission": 2}},
        token=team.tokens["RECRUITER"],
    )
    payload = body["data"]["autoAssign"]
    assert payload["errors"] == []
    assert len(payload["assignments"]) == 14
    rows = await Assignment.all().values_list("invitation_id", "evaluator_id")
    per_submission: dict[int, set[int]] = {}
    load: dict[int, int] = {}
    for invitation_id, evaluator_id in rows:
        per_submission.setdefault(invitation_id, set()).add(evaluator_id)
        load[evaluator_id] = load.get(evaluator_id, 0) + 1
    assert set(per_submission) == {s.invitation.id for s in subs}
    assert all(len(v) == 2 for v in per_submission.values())
    # Three members (owner, recruiter, evaluator) share 14 assignments: 5, 5, 4.
    assert sorted(load.values()) == [4, 5, 5]
    # Running it again assigns nothing more; asking for more than there are members fails.
    again = await gql(
        AUTO,
        {"input": {"interviewId": review.interview["id"], "evaluatorsPerSubmission": 2}},
        token=team.tokens["OWNER"],
    )
    assert again["data"]["autoAssign"]["assignments"] == []
    too_many = await gql(
        AUTO,
        {"input": {"interviewId": review.interview["id"], "evaluatorsPerSubmission": 4}},
        token=team.tokens["OWNER"],
    )
    assert [e["code"] for e in too_many["data"]["autoAssign"]["errors"]] == ["TOO_FEW_EVALUATORS"]
    zero = await gql(
        AUTO,
        {"input": {"interviewId": review.interview["id"], "evaluatorsPerSubmission": 0}},
        token=team.tokens["OWNER"],
    )
    assert [e["code"] for e in zero["data"]["autoAssign"]["errors"]] == ["OUT_OF_RANGE"]
    assert await Assignment.all().count() == 14


async def test_an_evaluator_who_left_the_organization_sees_their_assignments_no_more(
    gql, team, review, clock, services
):
    from vector_gql.models.organizations import Membership

    await _assigned(gql, team, review, clock, services, names=["Tim Berners-Lee"])
    (eve_a,) = [e["node"]["id"] for e in (await queue_of(gql, team.tokens["EVALUATOR"]))["edges"]]
    await Membership.filter(user_id=pk(team.users["EVALUATOR"]["id"])).delete()
    assert (await queue_of(gql, team.tokens["EVALUATOR"]))["totalCount"] == 0
    body = await gql(ASSIGNMENT, {"id": eve_a}, token=team.tokens["EVALUATOR"])
    assert body["data"]["node"] is None
    result = await submit(gql, team.tokens["EVALUATOR"], eve_a, review.ratings(3))
    assert [e["code"] for e in result["data"]["submitEvaluation"]["errors"]] == ["NOT_FOUND"]

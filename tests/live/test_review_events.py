"""Live review events across processes: subscribe on one server, assign and evaluate on another."""

from __future__ import annotations

import json

import httpx

from tests.fixtures.graphql import GraphQLClient
from tests.fixtures.live import live_client
from tests.fixtures.processes import environment, serving
from tests.fixtures.teams import Team
from tests.review.blind_helpers import QUEUE, assign, make_review, submit, submit_candidates

EVALUATIONS = """
subscription($id: ID!) { evaluationSubmitted(interviewId: $id) {
  evaluation { id version evaluator { id } ratings { score } } } }
"""

SUBMISSIONS = """
subscription($id: ID!) { submissionReceived(interviewId: $id) {
  assignment { id pseudonym status answers { video { durationSeconds url } } } } }
"""


async def test_review_events_reach_subscribers_on_another_server_as_the_queries_allow(
    database, tmp_path, clock
):
    env = environment(database, tmp_path, VECTOR_WORKER_IN_SERVE="false")
    async with (
        serving(env) as first,
        serving(env) as second,
        httpx.AsyncClient(base_url=second) as http,
    ):
        gql = GraphQLClient(http)
        team = await Team.build(gql)
        review = await make_review(gql, team)
        subs = await submit_candidates(review, ["Rosalind Franklin"], now=clock.now())
        interview = {"id": review.interview["id"]}
        async with (
            live_client(first, team.tokens["OWNER"]) as owner,
            live_client(first, team.tokens["EVALUATOR"]) as eve,
            live_client(first, team.tokens["OUTSIDER"]) as outsider,
        ):
            owner_op = await owner.subscribe(EVALUATIONS, interview)
            eve_op = await eve.subscribe(EVALUATIONS, interview)
            eve_queue = await eve.subscribe(SUBMISSIONS, interview)
            for live, op, field in (
                (owner, owner_op, "evaluationSubmitted"),
                (eve, eve_op, "evaluationSubmitted"),
                (eve, eve_queue, "submissionReceived"),
            ):
                first_message = await live.next(op)
                assert first_message["type"] == "next", first_message
                assert set(first_message["payload"]["data"][field].values()) == {None}
            refused = await outsider.next(await outsider.subscribe(EVALUATIONS, interview))
            [error] = refused["payload"]["errors"]
            assert error["message"] == "There is no interview with this ID."

            # Assigned on the other server: the evaluator's queue hears of it, blind.
            evaluators = [team.users["EVALUATOR"]["id"], team.users["RECRUITER"]["id"]]
            body = await assign(gql, team.tokens["OWNER"], [subs[0].gid], evaluators)
            assert body["data"]["assignEvaluators"]["errors"] == []
            message = await eve.next(eve_queue)
            received = message["payload"]["data"]["submissionReceived"]["assignment"]
            assert received["pseudonym"].startswith("Candidate ")
            assert received["status"] == "PENDING"
            assert [a["video"]["durationSeconds"] for a in received["answers"]] == [20.0, 21.0]
            text = json.dumps(message)
            for secret in subs[0].secrets():
                assert secret.lower() not in text.lower()

            # Rick evaluates: the owner hears of it, Eve (who has not evaluated) does not.
            rick_edges = (await gql(QUEUE, {}, token=team.tokens["RECRUITER"]))["data"][
                "reviewQueue"
            ]["edges"]
            result = await submit(
                gql, team.tokens["RECRUITER"], rick_edges[0]["node"]["id"], review.ratings(5)
            )
            assert result["data"]["submitEvaluation"]["errors"] == []
            heard = (await owner.next(owner_op))["payload"]["data"]["evaluationSubmitted"]
            assert heard["evaluation"]["evaluator"]["id"] == team.users["RECRUITER"]["id"]
            assert {r["score"] for r in heard["evaluation"]["ratings"]} == {5}

            # Eve evaluates: she hears of her own, and the owner of hers too.
            result = await submit(gql, team.tokens["EVALUATOR"], received["id"], review.ratings(2))
            assert result["data"]["submitEvaluation"]["errors"] == []
            own = (await eve.next(eve_op))["payload"]["data"]["evaluationSubmitted"]
            assert own["evaluation"]["evaluator"]["id"] == team.users["EVALUATOR"]["id"]
            heard = (await owner.next(owner_op))["payload"]["data"]["evaluationSubmitted"]
            assert heard["evaluation"]["evaluator"]["id"] == team.users["EVALUATOR"]["id"]
            # Only her own reached her: Rick's came before and was not hers.
            assert await eve.silent(eve_op)


RECEIVED = """
subscription($id: ID!) { submissionReceived(interviewId: $id) {
  invitation { name email } assignment { pseudonym } } }
"""


async def test_owners_hear_of_submissions_by_name_and_evaluators_do_not(
    gql, live_server, services, clock
):
    from tests.review.blind_helpers import pk
    from vector_gql.models.audit import AuditAction, AuditEntry
    from vector_gql.services.events import SubmissionReceived

    team = await Team.build(gql)
    review = await make_review(gql, team)
    interview = {"id": review.interview["id"]}
    async with (
        live_client(live_server, team.tokens["RECRUITER"]) as rick,
        live_client(live_server, team.tokens["EVALUATOR"]) as eve,
    ):
        rick_op = await rick.subscribe(RECEIVED, interview)
        eve_op = await eve.subscribe(RECEIVED, interview)
        for live, op in ((rick, rick_op), (eve, eve_op)):
            started = (await live.next(op))["payload"]["data"]["submissionReceived"]
            assert started == {"invitation": None, "assignment": None}
        (sub,) = await submit_candidates(review, ["Hedy Lamarr"], now=clock.now())
        # As submitInterview publishes it, after its commit.
        await services.events.publish(
            SubmissionReceived(
                sub.invitation.organization_id, pk(review.interview["id"]), sub.invitation.id
            )
        )
        heard = (await rick.next(rick_op))["payload"]["data"]["submissionReceived"]
        assert heard == {
            "invitation": {"name": "Hedy Lamarr", "email": sub.invitation.email},
            "assignment": None,
        }
        assert await eve.silent(eve_op)
        entries = await AuditEntry.filter(action=AuditAction.IDENTITY_REVEALED).values(
            "subject_user_id", "details"
        )
        assert entries == [
            {
                "subject_user_id": pk(team.users["RECRUITER"]["id"]),
                "details": {"where": "live results"},
            }
        ]

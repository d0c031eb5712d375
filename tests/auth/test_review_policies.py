"""Who reads the review's rows: rubrics, criteria, reports and the audit log."""

from __future__ import annotations

import uuid

import pytest

from tests.fixtures.random_objects import (
    candidate_for,
    create_interview,
    create_member,
    create_organization,
)
from vector_gql.models.audit import AuditAction, AuditEntry
from vector_gql.models.organizations import Membership, Role
from vector_gql.models.review import Report, ReportKind, Rubric, RubricCriterion
from vector_gql.services import auth
from vector_gql.services.auth import ANONYMOUS


async def _ids(query) -> set[int]:
    return set(await query.values_list("id", flat=True))


async def rubric_for(interview, clock) -> tuple[Rubric, RubricCriterion]:
    rubric = await Rubric.create(
        organization_id=interview.organization_id,
        interview=interview,
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    criterion = await RubricCriterion.create(
        rubric=rubric, position=1, name="A", anchors=["1", "2", "3", "4", "5"]
    )
    return rubric, criterion


async def report_for(interview, user_id: int, clock) -> Report:
    return await Report.create(
        organization_id=interview.organization_id,
        interview=interview,
        requested_by_id=user_id,
        kind=ReportKind.INTERVIEW_CSV,
        show_identities=True,
        storage_key=f"reports/{uuid.uuid4().hex}",
        content_type="text/csv",
        filename="r.csv",
        created_at=clock.now(),
    )


@pytest.fixture
async def world(organization, owner, clock):
    other = await create_organization()
    outsider = await create_member(other)
    interview = await create_interview(organization, owner.user_id)
    foreign = await create_interview(other, outsider.user_id)
    rubric, criterion = await rubric_for(interview, clock)
    foreign_rubric, foreign_criterion = await rubric_for(foreign, clock)
    return {
        "organization": organization,
        "other": other,
        "owner": owner,
        "outsider": outsider,
        "interview": interview,
        "foreign": foreign,
        "rubric": rubric,
        "criterion": criterion,
        "foreign_rubric": foreign_rubric,
    }


@pytest.mark.parametrize("role", list(Role))
async def test_every_member_reads_their_organizations_rubrics(world, role):
    member = await create_member(world["organization"], role)
    assert await _ids(auth.readable_rubrics(member)) == {world["rubric"].id}
    assert await _ids(auth.readable_criteria(member)) == {world["criterion"].id}


async def test_candidates_and_anonymous_read_no_rubric(world):
    for principal in (candidate_for(world["interview"]), ANONYMOUS):
        assert await _ids(auth.readable_rubrics(principal)) == set()
        assert await _ids(auth.readable_criteria(principal)) == set()


@pytest.mark.parametrize("role", list(Role))
async def test_reports_are_read_by_their_requester_while_they_may_ask(world, role, clock):
    member = await create_member(world["organization"], role)
    colleague = await create_member(world["organization"], Role.OWNER)
    mine = await report_for(world["interview"], member.user_id, clock)
    await report_for(world["interview"], colleague.user_id, clock)
    expected = {mine.id} if role in (Role.OWNER, Role.RECRUITER) else set()
    assert await _ids(auth.readable_reports(member)) == expected
    # Demoted: the report (with names in it) is out of reach.
    await Membership.filter(user_id=member.user_id).update(role=Role.EVALUATOR)
    assert await _ids(auth.readable_reports(member)) == set()
    for principal in (candidate_for(world["interview"]), ANONYMOUS):
        assert await _ids(auth.readable_reports(principal)) == set()


@pytest.mark.parametrize("role", list(Role))
async def test_only_owners_read_the_audit_log(world, role, clock):
    changed = AuditAction.RUBRIC_CHANGED
    ours = await AuditEntry.create(
        organization=world["organization"], action=changed, created_at=clock.now()
    )
    await AuditEntry.create(organization=world["other"], action=changed, created_at=clock.now())
    member = await create_member(world["organization"], role)
    expected = {ours.id} if role == Role.OWNER else set()
    assert await _ids(auth.readable_audit_entries(member)) == expected
    for principal in (candidate_for(world["interview"]), ANONYMOUS):
        assert await _ids(auth.readable_audit_entries(principal)) == set()


# --- assignments and evaluations -----------------------------------------------------


async def _evaluated(interview, evaluator_id: int, clock, *, submitted: bool):
    """An assignment of a new submitted candidate to the evaluator, evaluated or not."""
    import hashlib

    from vector_gql.models.candidates import CandidateInvitation, InvitationStatus

    invitation = await CandidateInvitation.create(
        organization_id=interview.organization_id,
        interview=interview,
        name="Someone",
        email=f"{uuid.uuid4().hex}@example.com",
        token_hash=hashlib.sha256(uuid.uuid4().bytes).hexdigest(),
        status=InvitationStatus.SUBMITTED,
        expires_at=clock.now(),
        created_at=clock.now(),
    )
    return await _assignment(interview, invitation, evaluator_id, clock, submitted=submitted)


async def _assignment(interview, invitation, evaluator_id: int, clock, *, submitted: bool):
    from vector_gql.models.review import Assignment, AssignmentStatus, Evaluation

    assignment = await Assignment.create(
        organization_id=interview.organization_id,
        interview=interview,
        invitation=invitation,
        evaluator_id=evaluator_id,
        pseudonym=f"Candidate {uuid.uuid4().hex[:4]}",
        status=AssignmentStatus.SUBMITTED if submitted else AssignmentStatus.PENDING,
        created_at=clock.now(),
    )
    evaluation = None
    if submitted:
        evaluation = await Evaluation.create(
            assignment=assignment,
            interview=interview,
            invitation_id=invitation.id,
            evaluator_id=evaluator_id,
            version=1,
            submitted_at=clock.now(),
        )
    return assignment, evaluation


async def test_assignments_and_evaluations_by_every_kind_of_principal(world, clock):
    interview = world["interview"]
    eve = await create_member(world["organization"], Role.EVALUATOR)
    ivan = await create_member(world["organization"], Role.EVALUATOR)
    recruiter = await create_member(world["organization"], Role.RECRUITER)
    # One candidate, evaluated by Ivan; Eve is still to evaluate them.
    ivans, ivans_evaluation = await _evaluated(interview, ivan.user_id, clock, submitted=True)
    invitation = await ivans.invitation
    eves, _ = await _assignment(interview, invitation, eve.user_id, clock, submitted=False)
    # Another, evaluated by both.
    both_ivan, both_ivan_eval = await _evaluated(interview, ivan.user_id, clock, submitted=True)
    other = await both_ivan.invitation
    both_eve, both_eve_eval = await _assignment(
        interview, other, eve.user_id, clock, submitted=True
    )
    foreign, foreign_eval = await _evaluated(
        world["foreign"], world["outsider"].user_id, clock, submitted=True
    )

    # Evaluators: their own assignments; others' evaluations only where they evaluated too.
    assert await _ids(auth.readable_assignments(eve)) == {eves.id, both_eve.id}
    assert await _ids(auth.readable_evaluations(eve)) == {both_eve_eval.id, both_ivan_eval.id}
    assert await _ids(auth.readable_evaluations(ivan)) == {
        ivans_evaluation.id,
        both_ivan_eval.id,
        both_eve_eval.id,
    }
    # Owners and recruiters manage them all (nothing of the other organization).
    everything = {eves.id, ivans.id, both_ivan.id, both_eve.id}
    all_evaluations = {ivans_evaluation.id, both_ivan_eval.id, both_eve_eval.id}
    for manager in (world["owner"], recruiter):
        assert await _ids(auth.readable_assignments(manager)) == everything
        assert await _ids(auth.readable_evaluations(manager)) == all_evaluations
    # An owner who is to evaluate a candidate does not see the others' scores of them first.
    owners, _ = await _assignment(
        interview, invitation, world["owner"].user_id, clock, submitted=False
    )
    assert await _ids(auth.readable_evaluations(world["owner"])) == {
        both_ivan_eval.id,
        both_eve_eval.id,
    }
    assert owners.id in await _ids(auth.readable_assignments(world["owner"]))
    # Outsiders, candidates and the anonymous: nothing of ours.
    assert await _ids(auth.readable_assignments(world["outsider"])) == {foreign.id}
    assert await _ids(auth.readable_evaluations(world["outsider"])) == {foreign_eval.id}
    for principal in (candidate_for(interview, invitation.id), ANONYMOUS):
        assert await _ids(auth.readable_assignments(principal)) == set()
        assert await _ids(auth.readable_evaluations(principal)) == set()
    # A member who left reads none of their assignments any more.
    await Membership.filter(user_id=eve.user_id).delete()
    assert await _ids(auth.readable_assignments(eve)) == set()
    assert await _ids(auth.readable_evaluations(eve)) == set()

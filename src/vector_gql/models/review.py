"""Review of submissions: an interview's rubric, and the reports made from the ratings."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from .accounts import User
    from .candidates import CandidateInvitation
    from .interviews import Interview, Question
    from .organizations import Organization


class Rubric(Model):
    """What evaluators judge an interview's answers by: one rubric per interview.

    ``set_rubric`` replaces the criteria while the rubric is editable; the
    first submitted evaluation sets ``locked_at``, since ratings refer to the
    criteria from then on.
    """

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="rubrics", on_delete=fields.CASCADE
    )
    organization_id: int
    interview: fields.OneToOneRelation[Interview] = fields.OneToOneField(
        "models.Interview", related_name="rubric", on_delete=fields.CASCADE
    )
    interview_id: int
    created_at = fields.DatetimeField()
    updated_at = fields.DatetimeField()
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="updated_rubrics", null=True, on_delete=fields.SET_NULL
    )
    updated_by_id: int | None
    locked_at = fields.DatetimeField(null=True)
    criteria: fields.ReverseRelation[RubricCriterion]

    class Meta:
        table = "review_rubric"


class RubricCriterion(Model):
    """One criterion, scored 1-5 on an anchored scale, for all questions or some."""

    id = fields.BigIntField(primary_key=True)
    rubric: fields.ForeignKeyRelation[Rubric] = fields.ForeignKeyField(
        "models.Rubric", related_name="criteria", on_delete=fields.CASCADE
    )
    rubric_id: int
    # 1-based, in the order the rubric was given.
    position = fields.IntField()
    name = fields.CharField(max_length=100)
    description = fields.TextField(default="")
    weight = fields.FloatField(default=1.0)
    # Five texts: what a score of 1, 2, 3, 4 and 5 means.
    anchors: fields.JSONField[list[str]] = fields.JSONField()
    # False: it applies only to the questions in review_criterion_question.
    all_questions = fields.BooleanField(default=True)

    class Meta:
        table = "review_criterion"
        unique_together = (("rubric", "position"),)


class CriterionQuestion(Model):
    """A question that a criterion applies to, when it does not apply to all of them.

    A question removed from the interview leaves its criteria with it
    (cascade); a criterion left with none applies to nothing and is skipped.
    """

    id = fields.BigIntField(primary_key=True)
    criterion: fields.ForeignKeyRelation[RubricCriterion] = fields.ForeignKeyField(
        "models.RubricCriterion", related_name="questions", on_delete=fields.CASCADE
    )
    criterion_id: int
    question: fields.ForeignKeyRelation[Question] = fields.ForeignKeyField(
        "models.Question", related_name="criteria", on_delete=fields.CASCADE
    )
    question_id: int

    class Meta:
        table = "review_criterion_question"
        unique_together = (("criterion", "question"),)


class AssignmentStatus(StrEnum):
    PENDING = "PENDING"  # the evaluator has not submitted an evaluation yet
    SUBMITTED = "SUBMITTED"  # their evaluation is in (final; revisions add versions)


class Assignment(Model):
    """An evaluator's task: to evaluate one submitted candidate, blind.

    The evaluator knows the candidate only by ``pseudonym``, made for this
    (evaluator, candidate) pair when the assignment is made: the same in all
    of that evaluator's views, and unrelated to what other evaluators see.
    """

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="review_assignments", on_delete=fields.CASCADE
    )
    organization_id: int
    interview: fields.ForeignKeyRelation[Interview] = fields.ForeignKeyField(
        "models.Interview", related_name="review_assignments", on_delete=fields.CASCADE
    )
    interview_id: int
    invitation: fields.ForeignKeyRelation[CandidateInvitation] = fields.ForeignKeyField(
        "models.CandidateInvitation", related_name="assignments", on_delete=fields.CASCADE
    )
    invitation_id: int
    evaluator: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="review_assignments", on_delete=fields.CASCADE
    )
    evaluator_id: int
    assigned_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assignments_made", null=True, on_delete=fields.SET_NULL
    )
    assigned_by_id: int | None
    pseudonym = fields.CharField(max_length=40)
    status = fields.CharEnumField(AssignmentStatus, max_length=16, default=AssignmentStatus.PENDING)
    created_at = fields.DatetimeField()
    submitted_at = fields.DatetimeField(null=True)
    evaluations: fields.ReverseRelation[Evaluation]

    class Meta:
        table = "review_assignment"
        unique_together = (("invitation", "evaluator"),)
        # The review queue: one evaluator's assignments, by status, in id order.
        indexes = (("evaluator", "status", "id"), ("evaluator", "id"), ("interview", "evaluator"))


class Recommendation(StrEnum):
    STRONG_NO = "STRONG_NO"
    NO = "NO"
    YES = "YES"
    STRONG_YES = "STRONG_YES"


class Evaluation(Model):
    """One version of an evaluator's evaluation of an assignment.

    Submitting makes version 1; each revision adds the next version and moves
    ``current`` to it, so every earlier version stays for the audit. Scores use
    the current versions only. ``interview``, ``invitation_id`` and
    ``evaluator`` repeat the assignment's, so an interview's ratings are read
    in one statement.
    """

    id = fields.BigIntField(primary_key=True)
    assignment: fields.ForeignKeyRelation[Assignment] = fields.ForeignKeyField(
        "models.Assignment", related_name="evaluations", on_delete=fields.CASCADE
    )
    assignment_id: int
    interview: fields.ForeignKeyRelation[Interview] = fields.ForeignKeyField(
        "models.Interview", related_name="evaluations", on_delete=fields.CASCADE
    )
    interview_id: int
    invitation_id = fields.BigIntField()
    evaluator: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="evaluations", on_delete=fields.CASCADE
    )
    evaluator_id: int
    version = fields.IntField()
    current = fields.BooleanField(default=True)
    comment = fields.TextField(default="")
    recommendation = fields.CharEnumField(Recommendation, max_length=16, null=True)
    submitted_at = fields.DatetimeField()
    ratings: fields.ReverseRelation[EvaluationRating]

    class Meta:
        table = "review_evaluation"
        unique_together = (("assignment", "version"),)
        indexes = (("interview", "current"),)


class EvaluationRating(Model):
    """One 1-5 score of one answer on one criterion, in one version of an evaluation."""

    id = fields.BigIntField(primary_key=True)
    evaluation: fields.ForeignKeyRelation[Evaluation] = fields.ForeignKeyField(
        "models.Evaluation", related_name="ratings", on_delete=fields.CASCADE
    )
    evaluation_id: int
    question: fields.ForeignKeyRelation[Question] = fields.ForeignKeyField(
        "models.Question", related_name="ratings", on_delete=fields.CASCADE
    )
    question_id: int
    criterion: fields.ForeignKeyRelation[RubricCriterion] = fields.ForeignKeyField(
        "models.RubricCriterion", related_name="ratings", on_delete=fields.CASCADE
    )
    criterion_id: int
    score = fields.SmallIntField()
    note = fields.TextField(default="")

    class Meta:
        table = "review_rating"
        unique_together = (("evaluation", "question", "criterion"),)


class IdentityShown(Model):
    """A candidate's identity has been shown to a member: the first time is audited."""

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="identities_shown", on_delete=fields.CASCADE
    )
    organization_id: int
    invitation: fields.ForeignKeyRelation[CandidateInvitation] = fields.ForeignKeyField(
        "models.CandidateInvitation", related_name="identities_shown", on_delete=fields.CASCADE
    )
    invitation_id: int
    viewer: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="identities_seen", on_delete=fields.CASCADE
    )
    viewer_id: int
    first_shown_at = fields.DatetimeField()

    class Meta:
        table = "review_identity_shown"
        unique_together = (("invitation", "viewer"),)


class ReportKind(StrEnum):
    CANDIDATE_PDF = "CANDIDATE_PDF"
    INTERVIEW_CSV = "INTERVIEW_CSV"
    INTERVIEW_PDF = "INTERVIEW_PDF"


class ReportStatus(StrEnum):
    PENDING = "PENDING"  # waiting for, or being built by, a job
    READY = "READY"  # stored; fetched by signed URL
    FAILED = "FAILED"  # the job gave up; ``error`` says why


class Report(Model):
    """A file built from an interview's review by a job, for the member who asked.

    Its content depends on what the requester may see (names or labels), so
    it is readable by that member alone, while they keep the right to it.
    """

    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="reports", on_delete=fields.CASCADE
    )
    organization_id: int
    interview: fields.ForeignKeyRelation[Interview] = fields.ForeignKeyField(
        "models.Interview", related_name="reports", on_delete=fields.CASCADE
    )
    interview_id: int
    # The candidate of a CANDIDATE_PDF.
    invitation_id = fields.BigIntField(null=True)
    requested_by: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reports", on_delete=fields.CASCADE
    )
    requested_by_id: int
    kind = fields.CharEnumField(ReportKind, max_length=16)
    status = fields.CharEnumField(ReportStatus, max_length=8, default=ReportStatus.PENDING)
    # Decided when it is asked for, from the requester's rights.
    show_identities = fields.BooleanField()
    storage_key = fields.CharField(max_length=512, unique=True)
    content_type = fields.CharField(max_length=100)
    filename = fields.CharField(max_length=200)
    size_bytes = fields.BigIntField(null=True)
    # Why it FAILED: an ErrorCode's value (REPORT_FAILED, STORAGE_UNAVAILABLE) and the
    # message in words.
    error_code = fields.CharField(max_length=32, null=True)
    error = fields.CharField(max_length=300, null=True)
    created_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)

    class Meta:
        table = "review_report"
        indexes = (("requested_by", "created_at"),)

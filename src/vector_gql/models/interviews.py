"""Interviews and their ordered questions."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from .accounts import User
    from .media import Video
    from .organizations import Organization


class InterviewStatus(StrEnum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    ARCHIVED = "ARCHIVED"


class Interview(Model):
    id = fields.BigIntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="interviews", on_delete=fields.CASCADE
    )
    organization_id: int
    creator: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="created_interviews", on_delete=fields.RESTRICT
    )
    creator_id: int
    title = fields.CharField(max_length=200)
    description = fields.TextField(default="")
    status = fields.CharEnumField(InterviewStatus, max_length=16, default=InterviewStatus.DRAFT)
    answer_deadline = fields.DatetimeField(null=True)
    # Set when the first candidate answer is stored; from then on the questions
    # are frozen, because answers refer to them.
    first_answer_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    questions: fields.ReverseRelation[Question]

    class Meta:
        table = "interview_interview"
        # One per sort order of the interviews connection (keyset pagination).
        indexes = (
            ("organization", "created_at", "id"),
            ("organization", "updated_at", "id"),
            ("organization", "title", "id"),
        )


class Question(Model):
    id = fields.BigIntField(primary_key=True)
    interview: fields.ForeignKeyRelation[Interview] = fields.ForeignKeyField(
        "models.Interview", related_name="questions", on_delete=fields.CASCADE
    )
    interview_id: int
    # 1-based and dense within an interview; kept so by the interview service,
    # which edits an interview's questions only while holding its row lock.
    position = fields.IntField()
    text = fields.TextField()
    think_time_seconds = fields.IntField()
    answer_time_seconds = fields.IntField(default=120)
    retakes = fields.IntField(default=1)
    # A recruiter's recording of the question, shown to candidates before they answer.
    video_prompt: fields.ForeignKeyNullableRelation[Video] = fields.ForeignKeyField(
        "models.Video", related_name="prompt_for", null=True, on_delete=fields.SET_NULL
    )
    video_prompt_id: int | None
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "interview_question"
        indexes = (("interview", "position"),)

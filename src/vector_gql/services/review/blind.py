"""What evaluators read: their queue, their assignments, the answers and evaluations.

Everything here is blind. An assignment row carries the pseudonym and ids, no
name, email, token or time from before the submission. Answers come as
``BlindAnswer``: the question and the recording's duration, type and size,
never its file name, uploader, storage key or times. Their videos are played
through the app's own signed media route (``media_url``), keyed by the
answer's id and an expiry, so the link carries no storage key or file name
either, and the route answers with no name of its own. The recording's poster
(a still from it) goes the same way (``poster_url``), signed apart from the
recording's link.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from tortoise.queryset import QuerySet

from ...config import Settings
from ...models.candidates import Answer, CandidateInvitation, InvitationStatus
from ...models.review import Assignment, AssignmentStatus, EvaluationRating
from ...storage import Storage
from ...storage.signing import hkdf_sha256
from ..auth import (
    Action,
    Principal,
    organizations_where,
    readable_assignments,
    readable_evaluations,
    reads_nothing,
    require_member,
)
from ..clock import Clock
from ..media.posters import POSTER_CONTENT_TYPE
from ..paging import Page, PageRequest, Sort, keyset_page
from .rows import AssignmentRow, BlindAnswer, EvaluationRow, EvaluationView, RatingRow

QUEUE_SORT = Sort("id", kind="int")
MEDIA_LABEL = b"vector-interview/review-media/v1"
MEDIA_PATH = "/review-media/"
POSTER_PATH = "/review-media/posters/"


class BlindReads:
    settings: Settings
    clock: Clock
    storage: Storage

    # --- assignments ------------------------------------------------------------------

    async def review_queue(
        self, principal: Principal, request: PageRequest, status: AssignmentStatus | None = None
    ) -> Page[AssignmentRow]:
        """The member's own assignments, oldest first, in the organizations they belong to."""
        member = require_member(principal)
        query = Assignment.filter(
            evaluator_id=member.user_id,
            organization_id__in=organizations_where(member, Action.EVALUATE),
        )
        if status is not None:
            query = query.filter(status=status)
        return await keyset_page(query, QUEUE_SORT, request, AssignmentRow)

    async def readable_assignments(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, AssignmentRow]:
        if reads_nothing(principal):
            return {}
        return await AssignmentRow.by_id(readable_assignments(principal), ids)

    async def blind_answers(self, invitation_ids: Iterable[int]) -> dict[int, list[BlindAnswer]]:
        """Invitation id -> its current answers, for assignments already shown (one statement).

        Only a submitted invitation's answers: before submission there is nothing to review.
        """
        wanted = list(invitation_ids)
        grouped: dict[int, list[BlindAnswer]] = {key: [] for key in wanted}
        if not wanted:
            return grouped
        found = (
            await Answer.filter(
                invitation_id__in=wanted,
                current=True,
                submitted_at__isnull=False,
                invitation__status=InvitationStatus.SUBMITTED,
            )
            .order_by("question__position", "question_id")
            .values(
                "id",
                "invitation_id",
                "question_id",
                "video_id",
                duration="video__duration_seconds",
                content_type="video__content_type",
                width="video__width",
                height="video__height",
                poster_key="video__poster_key",
            )
        )
        for values in found:
            grouped[values["invitation_id"]].append(
                BlindAnswer(
                    answer_id=values["id"],
                    question_id=values["question_id"],
                    duration_seconds=values["duration"],
                    content_type=values["content_type"],
                    width=values["width"],
                    height=values["height"],
                    has_video=values["video_id"] is not None,
                    has_poster=values["poster_key"] is not None,
                )
            )
        return grouped

    # --- evaluations ------------------------------------------------------------------

    async def evaluations_of_assignments(
        self, principal: Principal, assignment_ids: Iterable[int], *, current_only: bool = True
    ) -> dict[int, list[EvaluationView]]:
        """Assignment id -> its evaluations the principal may read (current versions)."""
        wanted = list(assignment_ids)
        grouped: dict[int, list[EvaluationView]] = {key: [] for key in wanted}
        if reads_nothing(principal) or not wanted:
            return grouped
        query = readable_evaluations(principal).filter(assignment_id__in=wanted)
        if current_only:
            query = query.filter(current=True)
        for view in await _with_ratings(query.order_by("assignment_id", "version")):
            grouped[view.row.assignment_id].append(view)
        return grouped

    async def evaluations_of_invitations(
        self, principal: Principal, invitation_ids: Iterable[int]
    ) -> dict[int, list[EvaluationView]]:
        """Invitation id -> the current evaluations of it the principal may read."""
        wanted = list(invitation_ids)
        grouped: dict[int, list[EvaluationView]] = {key: [] for key in wanted}
        if reads_nothing(principal) or not wanted:
            return grouped
        query = readable_evaluations(principal).filter(invitation_id__in=wanted, current=True)
        for view in await _with_ratings(query.order_by("invitation_id", "evaluator_id")):
            grouped[view.row.invitation_id].append(view)
        return grouped

    async def readable_evaluations(
        self, principal: Principal, ids: Iterable[int]
    ) -> dict[int, EvaluationView]:
        wanted = list(ids)
        if reads_nothing(principal) or not wanted:
            return {}
        views = await _with_ratings(readable_evaluations(principal).filter(id__in=wanted))
        return {view.id: view for view in views}

    async def has_evaluated(self, principal: Principal, invitation_ids: Iterable[int]) -> set[int]:
        """The invitations among these that the member has submitted an evaluation of."""
        member = require_member(principal)
        return {
            row["invitation_id"]
            for row in await Assignment.filter(
                evaluator_id=member.user_id,
                invitation_id__in=list(invitation_ids),
                status=AssignmentStatus.SUBMITTED,
            ).values("invitation_id")
        }

    # --- media ------------------------------------------------------------------------

    def _media_key(self) -> bytes:
        return hkdf_sha256((self.settings.jwt_secret or "vector-interview").encode(), MEDIA_LABEL)

    def _media_signature(self, answer_id: int, expires: int, what: str = "answer") -> str:
        message = f"{what}:{answer_id}:{expires}".encode()
        return hmac.new(self._media_key(), message, hashlib.sha256).hexdigest()[:40]

    def _signed_link(self, path: str, answer_id: int, what: str) -> str:
        expires = int(self.clock.now().timestamp()) + self.settings.signed_url_seconds
        token = f"{answer_id}-{expires}-{self._media_signature(answer_id, expires, what)}"
        return f"{self.settings.public_url}{path}{token}"

    def media_url(self, answer: BlindAnswer) -> str | None:
        """A link to the answer's recording, valid for VECTOR_SIGNED_URL_SECONDS: the app's
        own route, keyed by the answer and signed, with no storage key or file name in it."""
        if not answer.has_video:
            return None
        return self._signed_link(MEDIA_PATH, answer.answer_id, "answer")

    def poster_url(self, answer: BlindAnswer) -> str | None:
        """As :meth:`media_url`, for the recording's poster; None until it is made. Signed
        apart (a recording's link does not open its poster, nor the other way round)."""
        if not (answer.has_video and answer.has_poster):
            return None
        return self._signed_link(POSTER_PATH, answer.answer_id, "poster")

    def _verified_answer(self, token: str, what: str) -> int | None:
        """The answer id a genuine, unexpired link names."""
        parts = token.split("-")
        if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
            return None
        answer_id, expires, signature = int(parts[0]), int(parts[1]), parts[2]
        if answer_id > 2**63 - 1 or expires > 2**62:
            return None
        expected = self._media_signature(answer_id, expires, what)
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            return None
        if self.clock.now().timestamp() > expires:
            return None
        return answer_id

    async def answer_media(self, token: str) -> AnswerMedia | None:
        """The recording a media link names, if the link is genuine and unexpired and the
        answer is still a submitted, current one."""
        answer_id = self._verified_answer(token, "answer")
        if answer_id is None:
            return None
        found = await _reviewable_recording(answer_id).values(
            key="video__storage_key",
            content_type="video__content_type",
            size="video__size_bytes",
            sha256="video__sha256",
        )
        if not found:
            return None
        row = found[0]
        return AnswerMedia(
            row["key"], row["content_type"], row["size"], self._media_tag("etag", row["sha256"])
        )

    def _media_tag(self, kind: str, version: str) -> str:
        """A validator for ``ETag``: keyed, so only this server can make it, and it is
        none of the values recruiters see beside the candidate's name (the recording's
        digest, the poster's storage ETag). It hides no more than that: the bytes and
        their size are the same as recruiters get."""
        tag = hmac.new(self._media_key(), f"{kind}:{version}".encode(), hashlib.sha256)
        return tag.hexdigest()[:40]

    async def answer_poster(self, token: str) -> AnswerMedia | None:
        """The poster a poster link names, on the same conditions as :meth:`answer_media`,
        once the poster is made and in storage. Its size and validator come from
        storage's metadata (a poster has no stored digest): no byte of it is read, and
        the bytes are read later for that version only (``AnswerMedia.version``). Raises
        ``StorageError`` when storage cannot say."""
        answer_id = self._verified_answer(token, "poster")
        if answer_id is None:
            return None
        found = await (
            _reviewable_recording(answer_id)
            .filter(video__poster_key__isnull=False)
            .values_list("video__poster_key", flat=True)
        )
        if not found:
            return None
        key = str(found[0])
        stat = await self.storage.stat(key)
        if stat is None:
            return None  # a poster gone from storage opens nothing, as a bad link does
        tag = self._media_tag("poster-etag", f"{key}:{stat.version}")
        return AnswerMedia(key, POSTER_CONTENT_TYPE, stat.size, tag, version=stat.version)


def _reviewable_recording(answer_id: int) -> QuerySet[Answer]:
    """The answer, while it is a recorded, current answer of a submitted interview."""
    return Answer.filter(
        id=answer_id,
        current=True,
        submitted_at__isnull=False,
        video_id__isnull=False,
        invitation__status=InvitationStatus.SUBMITTED,
    )


@dataclass(frozen=True, slots=True)
class AnswerMedia:
    """What the media routes need of a recording or its poster: where it is, and what it is."""

    key: str
    content_type: str
    size: int
    # For ETag: stable for the object, not its sha256 or storage ETag. No time is given
    # out (when an answer was recorded could say whose it is).
    tag: str
    # The storage version size and tag were taken from (``ObjectStat.version``), so the
    # bytes are read of that version only; None for a recording, which never changes.
    version: str | None = None


async def _with_ratings(query: object) -> list[EvaluationView]:
    rows = await EvaluationRow.fetch(query)  # type: ignore[arg-type]
    ratings: dict[int, list[RatingRow]] = defaultdict(list)
    if rows:
        found = (
            await EvaluationRating.filter(evaluation_id__in=[r.id for r in rows])
            .order_by("evaluation_id", "question__position", "question_id", "criterion__position")
            .values_list("evaluation_id", "question_id", "criterion_id", "score", "note")
        )
        for evaluation_id, question_id, criterion_id, score, note in found:
            ratings[evaluation_id].append(RatingRow(question_id, criterion_id, score, note))
    return [EvaluationView(row, tuple(ratings[row.id])) for row in rows]


__all__ = ["AnswerMedia", "BlindReads", "CandidateInvitation", "MEDIA_PATH"]

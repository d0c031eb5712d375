"""What a rubric may hold."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ErrorCode
from ..validation import Collector
from .rows import CriterionView

MIN_CRITERIA, MAX_CRITERIA = 1, 10
MAX_NAME = 100
MAX_DESCRIPTION = 2_000
MAX_ANCHOR = 300
# Scores run 1..5; one anchor describes each.
SCORES = (1, 2, 3, 4, 5)
# Weights are relative; this bound keeps one criterion from drowning the others by a typo.
MAX_WEIGHT = 100.0
DEFAULT_WEIGHT = 1.0


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion as given. ``question_ids`` None: it applies to every question."""

    name: str
    anchors: Sequence[str]
    description: str = ""
    weight: float = DEFAULT_WEIGHT
    question_ids: Sequence[int] | None = None


def check_criterion(spec: CriterionSpec, errors: Collector, *path: str | int) -> CriterionSpec:
    """The criterion with its texts cleaned; its problems go into ``errors`` under ``path``."""
    name = errors.text(
        spec.name, *path, "name", max_length=MAX_NAME, noun="a name", missing="Name the criterion."
    )
    description = errors.long_text(
        spec.description, *path, "description", max_length=MAX_DESCRIPTION, noun="a description"
    ).strip()
    if not (math.isfinite(spec.weight) and 0 < spec.weight <= MAX_WEIGHT):
        errors.add(
            ErrorCode.OUT_OF_RANGE,
            f"Choose a weight above 0 and at most {MAX_WEIGHT:g}; weights are relative.",
            *path,
            "weight",
        )
    anchors: list[str] = []
    if len(spec.anchors) != len(SCORES):
        errors.add(
            ErrorCode.INVALID,
            f"Give {len(SCORES)} anchors, one for each score from {SCORES[0]} to {SCORES[-1]}, "
            "lowest first.",
            *path,
            "anchors",
        )
    else:
        for index, anchor in enumerate(spec.anchors):
            anchors.append(
                errors.text(
                    anchor,
                    *path,
                    "anchors",
                    index,
                    max_length=MAX_ANCHOR,
                    noun="an anchor",
                    missing=f"Describe what a score of {SCORES[index]} means.",
                )
            )
    question_ids: list[int] | None = None
    if spec.question_ids is not None:
        question_ids = list(spec.question_ids)
        if not question_ids:
            errors.add(
                ErrorCode.REQUIRED,
                "List at least one question, or leave questionIds out to apply the criterion "
                "to every question.",
                *path,
                "question_ids",
            )
        elif len(set(question_ids)) != len(question_ids):
            errors.add(ErrorCode.INVALID, "List each question once.", *path, "question_ids")
    return CriterionSpec(
        name=name,
        anchors=anchors,
        description=description,
        weight=spec.weight,
        question_ids=question_ids,
    )


def check_criteria(specs: Sequence[CriterionSpec], errors: Collector) -> list[CriterionSpec]:
    if len(specs) < MIN_CRITERIA:
        errors.add(ErrorCode.REQUIRED, "Add at least one criterion.", "criteria")
    elif len(specs) > MAX_CRITERIA:
        errors.add(ErrorCode.TOO_MANY, f"A rubric has at most {MAX_CRITERIA} criteria.", "criteria")
        return []
    checked = [check_criterion(spec, errors, "criteria", i) for i, spec in enumerate(specs)]
    seen: set[str] = set()
    for i, spec in enumerate(checked):
        key = spec.name.casefold()
        if key and key in seen:
            errors.add(ErrorCode.TAKEN, "Another criterion has this name.", "criteria", i, "name")
        seen.add(key)
    return checked


# --- evaluations -----------------------------------------------------------------------

MAX_NOTE = 2_000
MAX_COMMENT = 10_000
# Evaluators per submission that auto-assignment may be asked for.
MAX_EVALUATORS_PER_SUBMISSION = 10
# Invitations and evaluators one assignEvaluators call may name.
MAX_ASSIGN_INVITATIONS = 500
MAX_ASSIGN_EVALUATORS = 50
# Ratings one evaluation may hold: every question of an interview times every criterion.
MAX_RATINGS = 1_000


@dataclass(frozen=True)
class RatingSpec:
    question_id: int
    criterion_id: int
    score: int
    note: str = ""


def check_ratings(
    ratings: Sequence[RatingSpec],
    criteria: Sequence[CriterionView],
    question_ids: Sequence[int],
    errors: Collector,
) -> list[RatingSpec]:
    """The ratings checked against the rubric: each score 1-5, each criterion and question
    in the rubric (the criterion applying to the question), each pair rated once, and every
    pair the rubric asks for rated."""
    by_id = {c.id: c for c in criteria}
    questions = set(question_ids)
    checked: list[RatingSpec] = []
    seen: set[tuple[int, int]] = set()
    if len(ratings) > MAX_RATINGS:
        errors.add(
            ErrorCode.TOO_MANY, f"An evaluation has at most {MAX_RATINGS} ratings.", "ratings"
        )
        return []
    for i, rating in enumerate(ratings):
        ok = True
        if rating.score not in SCORES:
            errors.add(
                ErrorCode.OUT_OF_RANGE,
                f"Give a whole score from {SCORES[0]} to {SCORES[-1]}.",
                "ratings",
                i,
                "score",
            )
            ok = False
        criterion = by_id.get(rating.criterion_id)
        if criterion is None:
            errors.add(
                ErrorCode.NOT_IN_RUBRIC,
                "This criterion is not in the interview's rubric.",
                "ratings",
                i,
                "criterion_id",
            )
            ok = False
        if rating.question_id not in questions:
            errors.add(
                ErrorCode.NOT_IN_RUBRIC,
                "This question is not in the interview.",
                "ratings",
                i,
                "question_id",
            )
            ok = False
        elif criterion is not None and not criterion.applies_to(rating.question_id):
            errors.add(
                ErrorCode.NOT_IN_RUBRIC,
                f"The rubric does not apply the criterion '{criterion.name}' to this question.",
                "ratings",
                i,
                "question_id",
            )
            ok = False
        note = errors.long_text(
            rating.note, "ratings", i, "note", max_length=MAX_NOTE, noun="a note"
        )
        key = (rating.question_id, rating.criterion_id)
        if ok and key in seen:
            errors.add(
                ErrorCode.INVALID, "Rate each question on each criterion once.", "ratings", i
            )
            ok = False
        seen.add(key)
        if ok:
            checked.append(
                RatingSpec(rating.question_id, rating.criterion_id, rating.score, note.strip())
            )
    if not errors.problems:
        wanted = {(q, c.id) for c in criteria for q in question_ids if c.applies_to(q)}
        missing = wanted - seen
        if missing:
            errors.add(
                ErrorCode.REQUIRED,
                f"Rate every question on every criterion that applies to it: {len(missing)} "
                f"rating{'s are' if len(missing) != 1 else ' is'} missing.",
                "ratings",
            )
    return checked

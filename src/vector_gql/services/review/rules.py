"""What a rubric may hold."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ErrorCode
from ..validation import Collector

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

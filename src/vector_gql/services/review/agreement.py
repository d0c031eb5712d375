"""How far evaluators agree: Krippendorff's alpha for ordinal 1-5 ratings.

A unit is one answer judged on one criterion, that is one (submission,
question, criterion); its values are the scores the evaluators gave it.
Alpha copes with any number of evaluators per unit and with missing ratings:
only units rated by at least two evaluators carry information about
agreement ("pairable" values), and the count of those values is reported
beside alpha, so a reader can tell a figure that rests on 12 ratings from one
that rests on 12,000.

Alpha itself comes from the ``krippendorff`` package. This module only turns
ratings into per-unit value counts and handles the cases in which alpha is
undefined, instead of passing on the library's exception or a NaN:

- ``TOO_FEW_PAIRABLE``: no unit has two ratings, so there is nothing to
  compare;
- ``NO_VARIATION``: every pairable value is the same score. The observed and
  the expected disagreement are both zero and alpha is 0/0. Krippendorff
  leaves it undefined: the raters agree, but the data cannot show that they
  could tell answers apart.

An undefined alpha is not flagged as below the threshold; its ``undefined``
field says why there is no figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import krippendorff
import numpy as np
import numpy.typing as npt

SCALE = (1, 2, 3, 4, 5)
# Krippendorff's lowest acceptable alpha for tentative conclusions.
DEFAULT_THRESHOLD = 0.667


class AlphaUndefined(StrEnum):
    TOO_FEW_PAIRABLE = "TOO_FEW_PAIRABLE"
    NO_VARIATION = "NO_VARIATION"


@dataclass(frozen=True, slots=True)
class Alpha:
    """Krippendorff's alpha (ordinal) over a set of units."""

    alpha: float | None
    # Pairable values: ratings in units that at least two evaluators rated.
    ratings: int
    # Units that at least two evaluators rated.
    units: int
    below_threshold: bool
    undefined: AlphaUndefined | None = None


@dataclass(frozen=True, slots=True)
class CriterionAgreement:
    criterion_id: int
    agreement: Alpha


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement over the whole interview, and for each criterion alone."""

    overall: Alpha
    by_criterion: tuple[CriterionAgreement, ...]

    def for_criterion(self, criterion_id: int) -> Alpha:
        for entry in self.by_criterion:
            if entry.criterion_id == criterion_id:
                return entry.agreement
        raise KeyError(criterion_id)


def ordinal_alpha(
    value_counts: npt.NDArray[np.integer], threshold: float = DEFAULT_THRESHOLD
) -> Alpha:
    """Alpha from a (units x 5) matrix: how many evaluators gave each unit each score 1..5."""
    counts = np.asarray(value_counts, dtype=np.int64).reshape(-1, len(SCALE))
    pairable = counts[counts.sum(axis=1) >= 2]
    values = int(pairable.sum())
    units = len(pairable)
    if units == 0:
        return Alpha(None, 0, 0, False, AlphaUndefined.TOO_FEW_PAIRABLE)
    if np.count_nonzero(pairable.sum(axis=0)) < 2:
        return Alpha(None, values, units, False, AlphaUndefined.NO_VARIATION)
    value = float(
        krippendorff.alpha(
            value_counts=pairable, value_domain=list(SCALE), level_of_measurement="ordinal"
        )
    )
    return Alpha(value, values, units, value < threshold)


def unit_value_counts(
    unit: npt.NDArray[np.integer], score: npt.NDArray[np.integer], units: int
) -> npt.NDArray[np.int64]:
    """Tally ratings into a (units x 5) matrix; ``unit`` numbers each rating's unit 0..units-1."""
    index = np.asarray(unit, dtype=np.int64) * len(SCALE) + (np.asarray(score) - SCALE[0])
    return np.bincount(index, minlength=units * len(SCALE)).reshape(units, len(SCALE))

"""Scores for one interview, computed from its evaluators' ratings alone.

The input is plain records that a service reads in a fixed number of
statements (the questions, the rubric's criteria, the submitted invitations
and the current version of every rating), so this module needs neither the
ORM nor the web layer. The output is plain frozen dataclasses.

What is computed, and how:

Answer scores
    For each answer (submission, question) and each criterion that applies to
    that question, the mean of the evaluators' 1-5 scores.

Criterion scores and the weighted total
    A submission's score on a criterion is the mean of its answer scores on
    that criterion over the questions that were rated, so each question counts
    the same however many evaluators rated it. The total is the weighted mean
    of the criterion scores, ``sum(weight * score) / sum(weight)``, so weights
    are relative and the total stays on the 1-5 scale. A submission with a
    criterion that nobody rated has no total and no rank.

Rater correction
    Once an evaluator has rated at least ``min_submissions_for_correction``
    submissions of the interview, each of their scores ``x`` is standardised
    against their own mean ``m`` and spread ``s`` (population standard
    deviation of all their scores in the interview), and put back on the
    scale of the typical rater::

        corrected = M + S * (x - m) / s

    ``M`` is the mean of the corrected raters' means and ``S`` the mean of
    their non-zero spreads: each corrected rater counts once, however many
    submissions they rated. A harsh rater and a lenient rater who order the
    answers alike thus give the same corrected scores, and a rater whose
    mean and spread are typical keeps their scores. Corrected scores are not
    clipped to 1-5 (clipping would reorder them); they can lie a little
    outside.

    A corrected rater with zero spread (the same score for everything) tells
    answers apart not at all: all their scores become ``M``, so they neither
    lift nor sink anyone. Evaluators with fewer submissions keep their raw
    scores in the corrected figures, because their mean and spread say too
    little yet. Raw and corrected figures are always both reported.

Ranking and interval
    Submissions are ranked by corrected total, highest first; equal totals
    share a rank (1, 2, 2, 4). Breaking ties by raw total would bring back the
    leniency the correction removed. The interval is a percentile bootstrap
    over the submission's evaluators: their set is resampled with
    replacement, the corrected total recomputed, and the central
    ``interval_level`` share of the replicates kept. It is given when the
    submission has at least ``min_raters_for_interval`` evaluators. The
    random generator is seeded, so the same ratings give the same interval.
    The correction's means and spreads are held fixed while resampling.

Agreement
    Krippendorff's alpha for ordinal data on the raw scores, over the whole
    interview and for each criterion (see ``agreement``).

Scores come from ratings only. Automatic signals (questions answered, time
used) live in ``signals`` and never enter a score.

Over 400 lines on purpose: the steps above are one computation over shared
intermediate tables (answer means feed the totals, the correction and the
bootstrap), and read best in the order they run.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .agreement import (
    DEFAULT_THRESHOLD,
    SCALE,
    Agreement,
    CriterionAgreement,
    ordinal_alpha,
    unit_value_counts,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Two totals closer than this are equal for ranking (they differ only by rounding).
TIE_DECIMALS = 9
# Cap on the elements of one bootstrap block (replicates x submissions x cells).
BOOTSTRAP_BLOCK = 2_000_000


class ScoringInputError(ValueError):
    """The records contradict the rubric or each other.

    Submitting an evaluation validates it against the rubric, so this means
    the stored data or the code that read it is wrong, not the user's input.
    """


@dataclass(frozen=True, slots=True)
class Criterion:
    """A rubric criterion. ``question_ids`` None: it applies to every question."""

    id: int
    name: str
    weight: float
    question_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Rating:
    """One evaluator's 1-5 score for one answer on one criterion (current version)."""

    submission_id: int
    evaluator_id: int
    question_id: int
    criterion_id: int
    score: int


@dataclass(frozen=True, slots=True)
class ScoringSettings:
    min_submissions_for_correction: int = 5
    alpha_threshold: float = DEFAULT_THRESHOLD
    bootstrap_replicates: int = 1000
    interval_level: float = 0.95
    min_raters_for_interval: int = 2
    seed: int = 0

    def __post_init__(self) -> None:
        if self.min_submissions_for_correction < 1:
            raise ValueError("min_submissions_for_correction must be at least 1")
        if self.bootstrap_replicates < 1:
            raise ValueError("bootstrap_replicates must be at least 1")
        if not 0 < self.interval_level < 1:
            raise ValueError("interval_level must lie between 0 and 1")
        if self.min_raters_for_interval < 1:
            raise ValueError("min_raters_for_interval must be at least 1")


@dataclass(frozen=True, slots=True)
class ScoringInput:
    """Everything the scores of one interview depend on."""

    # The interview's questions, in their order.
    question_ids: Sequence[int]
    # The rubric's criteria, in their order.
    criteria: Sequence[Criterion]
    # Every submitted invitation, rated or not.
    submission_ids: Sequence[int]
    ratings: Sequence[Rating]


@dataclass(frozen=True, slots=True)
class AnswerScore:
    """The mean score of one answer on one criterion."""

    question_id: int
    criterion_id: int
    raw: float
    corrected: float
    ratings: int


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """A submission's score on one criterion: the mean over its rated questions."""

    criterion_id: int
    raw: float | None
    corrected: float | None
    ratings: int


@dataclass(frozen=True, slots=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class SubmissionResult:
    submission_id: int
    # None when the submission has no total (a criterion nobody rated).
    rank: int | None
    raw_total: float | None
    corrected_total: float | None
    # Bootstrap interval of the corrected total; None with too few evaluators.
    interval: Interval | None
    evaluator_ids: tuple[int, ...]
    ratings: int
    criteria: tuple[CriterionScore, ...]
    answers: tuple[AnswerScore, ...]


@dataclass(frozen=True, slots=True)
class RaterProfile:
    """An evaluator's habits in this interview, and whether they were corrected."""

    evaluator_id: int
    submissions: int
    ratings: int
    mean: float
    spread: float
    corrected: bool

    @property
    def zero_spread(self) -> bool:
        return self.spread == 0.0


@dataclass(frozen=True, slots=True)
class CorrectionScale:
    """The typical rater's mean and spread that corrected scores are put back on."""

    # None when no evaluator has rated enough submissions to be corrected.
    mean: float | None
    spread: float | None
    raters: int


@dataclass(frozen=True)
class InterviewScores:
    # Ranked submissions first (by rank, then id), then those without a total (by id).
    results: tuple[SubmissionResult, ...]
    agreement: Agreement
    raters: tuple[RaterProfile, ...]
    scale: CorrectionScale
    settings: ScoringSettings
    _by_submission: dict[int, SubmissionResult] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_submission", {r.submission_id: r for r in self.results})

    def result(self, submission_id: int) -> SubmissionResult:
        return self._by_submission[submission_id]


@dataclass(frozen=True)
class _Rubric:
    """The rubric as arrays: which (question, criterion) cells exist, and their criteria."""

    criteria: tuple[Criterion, ...]
    cells: tuple[tuple[int, int], ...]  # (question_id, criterion_id), question-major
    cell_index: dict[tuple[int, int], int]
    cell_criterion: IntArray  # criterion position of each cell
    membership: FloatArray  # cells x criteria, 1 where the cell belongs to the criterion
    weights: FloatArray

    @classmethod
    def build(cls, question_ids: Sequence[int], criteria: Sequence[Criterion]) -> _Rubric:
        questions = tuple(question_ids)
        if len(set(questions)) != len(questions):
            raise ScoringInputError("a question is listed twice")
        if not criteria:
            raise ScoringInputError("the rubric has no criteria")
        if len({c.id for c in criteria}) != len(criteria):
            raise ScoringInputError("a criterion is listed twice")
        applies: list[set[int]] = []
        for criterion in criteria:
            if not (math.isfinite(criterion.weight) and criterion.weight > 0):
                raise ScoringInputError(f"criterion {criterion.id} has a weight that is not > 0")
            chosen = set(questions if criterion.question_ids is None else criterion.question_ids)
            if not chosen or not chosen <= set(questions):
                raise ScoringInputError(
                    f"criterion {criterion.id} applies to no question or to an unknown one"
                )
            applies.append(chosen)
        cells = tuple(
            (question, criterion.id)
            for question in questions
            for position, criterion in enumerate(criteria)
            if question in applies[position]
        )
        position_of = {criterion.id: position for position, criterion in enumerate(criteria)}
        cell_criterion = np.array([position_of[c] for _, c in cells], dtype=np.int64)
        membership = np.zeros((len(cells), len(criteria)))
        membership[np.arange(len(cells)), cell_criterion] = 1.0
        return cls(
            criteria=tuple(criteria),
            cells=cells,
            cell_index={cell: i for i, cell in enumerate(cells)},
            cell_criterion=cell_criterion,
            membership=membership,
            weights=np.array([c.weight for c in criteria], dtype=np.float64),
        )

    def aggregate(self, cell_means: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Cell means (..., cells), NaN where unrated -> criterion scores and totals.

        A criterion's score is the mean of its rated cells; the total is NaN
        when any criterion has no rated cell.
        """
        rated = ~np.isnan(cell_means)
        sums = np.where(rated, cell_means, 0.0) @ self.membership
        counts = rated.astype(np.float64) @ self.membership
        with np.errstate(invalid="ignore", divide="ignore"):
            criterion_scores = sums / counts
        totals = criterion_scores @ (self.weights / self.weights.sum())
        return criterion_scores, totals


def score_interview(data: ScoringInput, settings: ScoringSettings | None = None) -> InterviewScores:
    """Answer scores, totals, rater correction, agreement and ranking for one interview."""
    settings = settings or ScoringSettings()
    rubric = _Rubric.build(data.question_ids, data.criteria)
    submissions = tuple(dict.fromkeys(data.submission_ids))
    submission_index = {s: i for i, s in enumerate(submissions)}
    evaluators = tuple(sorted({r.evaluator_id for r in data.ratings}))
    evaluator_index = {e: i for i, e in enumerate(evaluators)}
    n_sub, n_eval, n_cell = len(submissions), len(evaluators), len(rubric.cells)

    sub, ev, cell, score = _rating_arrays(data.ratings, submission_index, evaluator_index, rubric)
    key = (sub * max(n_eval, 1) + ev) * max(n_cell, 1) + cell
    if len(np.unique(key)) != len(key):
        raise ScoringInputError("an evaluator rated the same answer and criterion twice")

    profiles, corrected, scale = _correct(sub, ev, score, evaluators, n_sub, settings)

    # Answer scores: per (submission, cell) sums and counts, raw and corrected.
    flat = sub * n_cell + cell
    size = n_sub * n_cell
    counts = np.bincount(flat, minlength=size).reshape(n_sub, n_cell)
    with np.errstate(invalid="ignore", divide="ignore"):
        raw_cells = np.bincount(flat, score, size).reshape(n_sub, n_cell) / counts
        corrected_cells = np.bincount(flat, corrected, size).reshape(n_sub, n_cell) / counts
    raw_criteria, raw_totals = rubric.aggregate(raw_cells)
    corrected_criteria, corrected_totals = rubric.aggregate(corrected_cells)

    raters_by_submission = _raters_by_submission(sub, ev, n_sub)
    intervals = _bootstrap_intervals(
        sub, ev, cell, corrected, raters_by_submission, rubric, settings
    )
    ranks = _competition_ranks(corrected_totals)
    criterion_counts = counts @ rubric.membership

    results = []
    for i, submission_id in enumerate(submissions):
        answers = tuple(
            AnswerScore(
                question_id=question_id,
                criterion_id=criterion_id,
                raw=float(raw_cells[i, j]),
                corrected=float(corrected_cells[i, j]),
                ratings=int(counts[i, j]),
            )
            for j, (question_id, criterion_id) in enumerate(rubric.cells)
            if counts[i, j]
        )
        criteria = tuple(
            CriterionScore(
                criterion_id=criterion.id,
                raw=_maybe(raw_criteria[i, k]),
                corrected=_maybe(corrected_criteria[i, k]),
                ratings=int(criterion_counts[i, k]),
            )
            for k, criterion in enumerate(rubric.criteria)
        )
        results.append(
            SubmissionResult(
                submission_id=submission_id,
                rank=ranks[i],
                raw_total=_maybe(raw_totals[i]),
                corrected_total=_maybe(corrected_totals[i]),
                interval=intervals[i],
                evaluator_ids=tuple(evaluators[e] for e in raters_by_submission[i]),
                ratings=int(counts[i].sum()),
                criteria=criteria,
                answers=answers,
            )
        )
    results.sort(key=lambda r: (r.rank is None, r.rank or 0, r.submission_id))

    agreement = _agreement(sub, cell, score, n_sub, rubric, settings.alpha_threshold)
    return InterviewScores(
        results=tuple(results),
        agreement=agreement,
        raters=profiles,
        scale=scale,
        settings=settings,
    )


def _rating_arrays(
    ratings: Sequence[Rating],
    submission_index: dict[int, int],
    evaluator_index: dict[int, int],
    rubric: _Rubric,
) -> tuple[IntArray, IntArray, IntArray, FloatArray]:
    n = len(ratings)
    sub = np.empty(n, dtype=np.int64)
    ev = np.empty(n, dtype=np.int64)
    cell = np.empty(n, dtype=np.int64)
    score = np.empty(n, dtype=np.float64)
    low, high = SCALE[0], SCALE[-1]
    for i, rating in enumerate(ratings):
        try:
            sub[i] = submission_index[rating.submission_id]
        except KeyError:
            raise ScoringInputError(
                f"a rating refers to submission {rating.submission_id}, which is not listed"
            ) from None
        try:
            cell[i] = rubric.cell_index[(rating.question_id, rating.criterion_id)]
        except KeyError:
            raise ScoringInputError(
                f"criterion {rating.criterion_id} does not apply to question "
                f"{rating.question_id} in this rubric"
            ) from None
        value = rating.score
        whole = type(value) is int or (
            isinstance(value, numbers.Integral) and not isinstance(value, bool)
        )
        if not whole or not low <= value <= high:
            raise ScoringInputError(f"score {value!r} is not a whole number from {low} to {high}")
        ev[i] = evaluator_index[rating.evaluator_id]
        score[i] = value
    return sub, ev, cell, score


def _correct(
    sub: IntArray,
    ev: IntArray,
    score: FloatArray,
    evaluators: tuple[int, ...],
    n_sub: int,
    settings: ScoringSettings,
) -> tuple[tuple[RaterProfile, ...], FloatArray, CorrectionScale]:
    """Each evaluator's mean and spread, and every score after rater correction."""
    n_eval = len(evaluators)
    if n_eval == 0:
        return (), score.copy(), CorrectionScale(None, None, 0)
    count = np.bincount(ev, minlength=n_eval).astype(np.float64)
    mean = np.bincount(ev, score, n_eval) / count
    deviation = score - mean[ev]
    spread = np.sqrt(np.bincount(ev, deviation * deviation, n_eval) / count)
    pairs = np.unique(ev * n_sub + sub)
    submissions = np.bincount(pairs // n_sub, minlength=n_eval)
    eligible = submissions >= settings.min_submissions_for_correction
    varied = eligible & (spread > 0)

    corrected = score.copy()
    if eligible.any():
        target_mean = float(mean[eligible].mean())
        target_spread = float(spread[varied].mean()) if varied.any() else 0.0
        rated_by_varied = varied[ev]
        corrected[rated_by_varied] = target_mean + target_spread * (
            deviation[rated_by_varied] / spread[ev[rated_by_varied]]
        )
        corrected[eligible[ev] & ~rated_by_varied] = target_mean
        scale = CorrectionScale(target_mean, target_spread, int(eligible.sum()))
    else:
        scale = CorrectionScale(None, None, 0)

    profiles = tuple(
        RaterProfile(
            evaluator_id=evaluators[e],
            submissions=int(submissions[e]),
            ratings=int(count[e]),
            mean=float(mean[e]),
            spread=float(spread[e]),
            corrected=bool(eligible[e]),
        )
        for e in range(n_eval)
    )
    return profiles, corrected, scale


def _raters_by_submission(sub: IntArray, ev: IntArray, n_sub: int) -> list[list[int]]:
    """Each submission's evaluators (positions in the sorted evaluator list), ascending."""
    raters: list[list[int]] = [[] for _ in range(n_sub)]
    if len(sub):
        n_eval = int(ev.max()) + 1
        for pair in np.unique(sub * n_eval + ev).tolist():
            raters[pair // n_eval].append(pair % n_eval)
    return raters


def _bootstrap_intervals(
    sub: IntArray,
    ev: IntArray,
    cell: IntArray,
    corrected: FloatArray,
    raters_by_submission: list[list[int]],
    rubric: _Rubric,
    settings: ScoringSettings,
) -> list[Interval | None]:
    """Percentile intervals of the corrected totals, resampling each submission's evaluators."""
    n_sub, n_cell = len(raters_by_submission), len(rubric.cells)
    rater_counts = np.array([len(r) for r in raters_by_submission], dtype=np.int64)
    chosen = np.flatnonzero(rater_counts >= settings.min_raters_for_interval)
    intervals: list[Interval | None] = [None] * n_sub
    if len(chosen) == 0 or n_cell == 0:
        return intervals

    # Dense scores: chosen submission x evaluator slot x cell, NaN where not rated.
    slots = int(rater_counts[chosen].max())
    row_of = np.full(n_sub, -1, dtype=np.int64)
    row_of[chosen] = np.arange(len(chosen))
    slot_of: dict[tuple[int, int], int] = {}
    for s in chosen.tolist():
        for slot, e in enumerate(raters_by_submission[s]):
            slot_of[(s, e)] = slot
    keep = row_of[sub] >= 0
    rows = row_of[sub[keep]]
    rating_slots = np.array(
        [slot_of[(s, e)] for s, e in zip(sub[keep].tolist(), ev[keep].tolist(), strict=True)],
        dtype=np.int64,
    )
    values = np.zeros((len(chosen), slots, n_cell))
    present = np.zeros((len(chosen), slots, n_cell))
    values[rows, rating_slots, cell[keep]] = corrected[keep]
    present[rows, rating_slots, cell[keep]] = 1.0

    n = rater_counts[chosen]
    rng = np.random.default_rng(settings.seed)
    replicates = settings.bootstrap_replicates
    block = max(1, BOOTSTRAP_BLOCK // (len(chosen) * n_cell * slots))
    totals = np.empty((replicates, len(chosen)))
    valid = np.arange(slots)[None, :] < n[:, None]  # which draws of a submission count
    for start in range(0, replicates, block):
        size = min(block, replicates - start)
        # Each submission draws as many evaluators as it has, with replacement;
        # weight[b, s, r] is how often slot r was drawn in replicate b.
        draws = rng.integers(0, n[None, :, None], size=(size, len(chosen), slots))
        draws[:, ~valid] = -1
        weight = np.stack([(draws == r).sum(axis=2) for r in range(slots)], axis=-1)
        weight = weight.astype(np.float64)
        sums = np.einsum("bsr,src->bsc", weight, values, optimize=True)
        weights = np.einsum("bsr,src->bsc", weight, present, optimize=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            cell_means = sums / weights
        totals[start : start + size] = rubric.aggregate(cell_means)[1]

    tail = (1 - settings.interval_level) / 2 * 100
    missing = np.isnan(totals)
    defined = ~missing.all(axis=0)
    if defined.any():
        # nanpercentile works column by column; skip it when no replicate lacks a total.
        percentile = np.nanpercentile if missing.any() else np.percentile
        low, high = percentile(totals[:, defined], [tail, 100 - tail], axis=0)
        for row, lo, hi in zip(np.flatnonzero(defined).tolist(), low, high, strict=True):
            intervals[int(chosen[row])] = Interval(float(lo), float(hi))
    return intervals


def _competition_ranks(totals: FloatArray) -> list[int | None]:
    """1 + the number of strictly higher totals; None where there is no total."""
    rounded = np.round(totals, TIE_DECIMALS)
    defined = rounded[~np.isnan(rounded)]
    ordered = np.sort(defined)
    ranks: list[int | None] = []
    for value in rounded.tolist():
        if math.isnan(value):
            ranks.append(None)
        else:
            higher = len(ordered) - int(np.searchsorted(ordered, value, side="right"))
            ranks.append(higher + 1)
    return ranks


def _agreement(
    sub: IntArray,
    cell: IntArray,
    score: FloatArray,
    n_sub: int,
    rubric: _Rubric,
    threshold: float,
) -> Agreement:
    n_cell = len(rubric.cells)
    counts = unit_value_counts(sub * n_cell + cell, score.astype(np.int64), n_sub * n_cell)
    unit_criterion = np.tile(rubric.cell_criterion, n_sub)
    return Agreement(
        overall=ordinal_alpha(counts, threshold),
        by_criterion=tuple(
            CriterionAgreement(criterion.id, ordinal_alpha(counts[unit_criterion == k], threshold))
            for k, criterion in enumerate(rubric.criteria)
        ),
    )


def _maybe(value: float) -> float | None:
    return None if math.isnan(value) else float(value)

"""Scoring on a fixed data set, against values worked out by hand (see review_data)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from tests.review.review_data import (
    CELLS,
    COMMUNICATION,
    DEPTH,
    HARSH,
    LENIENT,
    ONCE,
    Q1,
    Q2,
    fixed_input,
    ratings_from,
)
from vector_gql.services.review.scoring import (
    Criterion,
    Interval,
    Rating,
    ScoringInput,
    ScoringInputError,
    ScoringSettings,
    score_interview,
)

# HARSH and LENIENT rate three submissions each: corrected from three on.
CORRECT_FROM_3 = ScoringSettings(min_submissions_for_correction=3)


def approx(value: float) -> object:
    return pytest.approx(value, abs=1e-12)


def answers(result) -> dict[tuple[int, int], tuple[float, float, int]]:
    return {
        (a.question_id, a.criterion_id): (a.raw, a.corrected, a.ratings) for a in result.answers
    }


def test_rater_profiles_and_the_scale_corrected_scores_are_put_on():
    scores = score_interview(fixed_input(), CORRECT_FROM_3)
    profiles = {p.evaluator_id: p for p in scores.raters}
    # HARSH gave 2,3,1, 1,2,2, 3,3,1: sum 18 over 9 -> mean 2; squared deviations
    # 0+1+1+1+0+0+1+1+1 = 6 -> spread sqrt(6/9). LENIENT: the same plus 2.
    assert (profiles[HARSH].submissions, profiles[HARSH].ratings) == (3, 9)
    assert profiles[HARSH].mean == approx(2.0)
    assert profiles[HARSH].spread == approx(math.sqrt(6 / 9))
    assert profiles[LENIENT].mean == approx(4.0)
    assert profiles[LENIENT].spread == approx(math.sqrt(6 / 9))
    assert profiles[HARSH].corrected and profiles[LENIENT].corrected
    # ONCE: 5,4,4 -> mean 13/3, deviations 2/3, -1/3, -1/3 -> spread sqrt(2/9); one submission.
    assert profiles[ONCE].mean == approx(13 / 3)
    assert profiles[ONCE].spread == approx(math.sqrt(2 / 9))
    assert (profiles[ONCE].submissions, profiles[ONCE].corrected) == (1, False)
    # The typical corrected rater: mean (2 + 4) / 2, spread sqrt(6/9).
    assert scores.scale.mean == approx(3.0)
    assert scores.scale.spread == approx(math.sqrt(6 / 9))
    assert scores.scale.raters == 2


def test_answer_means_raw_and_corrected():
    scores = score_interview(fixed_input(), CORRECT_FROM_3)
    # Corrected HARSH = 3 + (x - 2) = x + 1, corrected LENIENT = 3 + (x - 4) = x - 1;
    # ONCE (one submission) keeps raw scores.
    # 101: raw cells (2+4+5)/3, (3+5+4)/3, (1+3+4)/3; corrected (3+3+5)/3, (4+4+4)/3, (2+2+4)/3.
    assert answers(scores.result(101)) == {
        (Q1, 1): (approx(11 / 3), approx(11 / 3), 3),
        (Q2, 1): (approx(4.0), approx(4.0), 3),
        (Q2, 2): (approx(8 / 3), approx(8 / 3), 3),
    }
    # 103: HARSH alone, 3,3,1 -> corrected 4,4,2.
    assert answers(scores.result(103)) == {
        (Q1, 1): (3.0, approx(4.0), 1),
        (Q2, 1): (3.0, approx(4.0), 1),
        (Q2, 2): (1.0, approx(2.0), 1),
    }
    # 104: LENIENT alone, 5,5,3 -> corrected 4,4,2: the same as 103.
    assert answers(scores.result(104)) == {
        (Q1, 1): (5.0, approx(4.0), 1),
        (Q2, 1): (5.0, approx(4.0), 1),
        (Q2, 2): (3.0, approx(2.0), 1),
    }
    assert scores.result(105).answers == ()


def test_criterion_scores_and_weighted_totals():
    scores = score_interview(fixed_input(), CORRECT_FROM_3)
    # total = (2 * communication + 1 * depth) / 3, communication = mean of its two questions.
    expected = {
        # communication (11/3 + 4)/2 = 23/6, depth 8/3: (23/3 + 8/3)/3 = 31/9, raw and corrected.
        101: ((23 / 6, 8 / 3, 31 / 9), (23 / 6, 8 / 3, 31 / 9)),
        # 102: HARSH 1,2,2 and LENIENT 3,4,4 -> cells 2,3,3 raw; corrected 2,3,3 and 2,3,3.
        102: ((2.5, 3.0, 8 / 3), (2.5, 3.0, 8 / 3)),
        103: ((3.0, 1.0, 7 / 3), (4.0, 2.0, 10 / 3)),
        104: ((5.0, 3.0, 13 / 3), (4.0, 2.0, 10 / 3)),
    }
    for submission, (raw, corrected) in expected.items():
        result = scores.result(submission)
        by_criterion = {c.criterion_id: c for c in result.criteria}
        assert by_criterion[1].raw == approx(raw[0])
        assert by_criterion[2].raw == approx(raw[1])
        assert result.raw_total == approx(raw[2])
        assert by_criterion[1].corrected == approx(corrected[0])
        assert by_criterion[2].corrected == approx(corrected[1])
        assert result.corrected_total == approx(corrected[2])
    assert {c.criterion_id: c.ratings for c in scores.result(101).criteria} == {1: 6, 2: 3}
    unrated = scores.result(105)
    assert (unrated.raw_total, unrated.corrected_total, unrated.rank) == (None, None, None)
    assert [(c.raw, c.corrected, c.ratings) for c in unrated.criteria] == [(None, None, 0)] * 2


def test_correction_makes_a_harsh_and_a_lenient_rater_count_the_same():
    scores = score_interview(fixed_input(), CORRECT_FROM_3)
    harsh_only, lenient_only = scores.result(103), scores.result(104)
    assert lenient_only.raw_total is not None and harsh_only.raw_total is not None
    assert lenient_only.corrected_total is not None
    assert harsh_only.corrected_total is not None
    assert lenient_only.raw_total - harsh_only.raw_total == approx(2.0)
    assert lenient_only.corrected_total == approx(harsh_only.corrected_total)


def test_ranking_by_corrected_total_with_shared_ranks_and_unrated_last():
    scores = score_interview(fixed_input(), CORRECT_FROM_3)
    # Corrected: 101 31/9, 103 and 104 10/3 (tied), 102 8/3; 105 has no total.
    assert [(r.submission_id, r.rank) for r in scores.results] == [
        (101, 1),
        (103, 2),
        (104, 2),
        (102, 4),
        (105, None),
    ]
    # Uncorrected (default: five submissions needed), the lenient rater's candidate leads.
    raw = score_interview(fixed_input())
    assert [(r.submission_id, r.rank) for r in raw.results] == [
        (104, 1),
        (101, 2),
        (102, 3),
        (103, 4),
        (105, None),
    ]


def test_below_the_submission_count_nobody_is_corrected():
    scores = score_interview(fixed_input())  # default: five submissions
    assert scores.settings.min_submissions_for_correction == 5
    assert not any(p.corrected for p in scores.raters)
    assert (scores.scale.mean, scores.scale.spread, scores.scale.raters) == (None, None, 0)
    for result in scores.results:
        assert result.corrected_total == result.raw_total
        assert all(a.corrected == a.raw for a in result.answers)


def test_a_corrected_rater_with_zero_spread_moves_nobody():
    # One question, one criterion. VARIED gives 1 and 5 (mean 3, spread 2);
    # FLAT gives 4 to all three submissions it rates (spread 0).
    varied, flat = 1, 2
    data = ScoringInput(
        question_ids=(Q1,),
        criteria=(Criterion(1, "Overall", 1.0),),
        submission_ids=(201, 202, 203),
        ratings=[
            Rating(201, varied, Q1, 1, 1),
            Rating(202, varied, Q1, 1, 5),
            Rating(201, flat, Q1, 1, 4),
            Rating(202, flat, Q1, 1, 4),
            Rating(203, flat, Q1, 1, 4),
        ],
    )
    scores = score_interview(data, ScoringSettings(min_submissions_for_correction=2))
    flat_profile = next(p for p in scores.raters if p.evaluator_id == flat)
    assert flat_profile.corrected and flat_profile.zero_spread
    # Scale: mean (3 + 4) / 2 = 3.5; spread: mean of the non-zero spreads = 2.
    assert (scores.scale.mean, scores.scale.spread) == (approx(3.5), approx(2.0))
    # VARIED: 3.5 + 2 * (x - 3) / 2 -> 1.5 and 5.5 (not clipped); FLAT: always 3.5.
    assert scores.result(201).corrected_total == approx((1.5 + 3.5) / 2)
    assert scores.result(202).corrected_total == approx((5.5 + 3.5) / 2)
    assert scores.result(203).corrected_total == approx(3.5)
    assert scores.result(203).raw_total == 4.0


def test_the_weights_are_relative():
    data = fixed_input()
    heavier = replace(
        data,
        criteria=(replace(COMMUNICATION, weight=20.0), replace(DEPTH, weight=10.0)),
    )
    one, ten = score_interview(data, CORRECT_FROM_3), score_interview(heavier, CORRECT_FROM_3)
    for a, b in zip(one.results, ten.results, strict=True):
        assert a.submission_id == b.submission_id
        assert a.raw_total == (None if b.raw_total is None else approx(b.raw_total))


def test_a_criterion_score_averages_the_questions_that_were_rated():
    # Only (Q2, communication) and (Q2, depth) rated: communication = 4, depth = 2.
    data = replace(fixed_input(), ratings=ratings_from({(101, HARSH): (None, 4, 2)}))
    result = score_interview(data).result(101)
    assert [c.raw for c in result.criteria] == [4.0, 2.0]
    assert result.raw_total == approx((2 * 4 + 2) / 3)
    # Without any depth rating there is no total, and so no rank.
    only_communication = replace(fixed_input(), ratings=ratings_from({(101, HARSH): (3, 4, None)}))
    result = score_interview(only_communication).result(101)
    assert (result.raw_total, result.rank) == (None, None)
    assert result.criteria[0].raw == 3.5


def test_interval_is_a_bootstrap_over_the_submissions_raters():
    # Two raters whose totals are 2 and 4: a resample of two gives 2, 3 or 4
    # with chances 1/4, 1/2, 1/4, so the 2.5th and 97.5th percentiles are 2 and 4.
    data = ScoringInput(
        question_ids=(Q1,),
        criteria=(Criterion(1, "Overall", 1.0),),
        submission_ids=(301,),
        ratings=[Rating(301, 1, Q1, 1, 2), Rating(301, 2, Q1, 1, 4)],
    )
    result = score_interview(data).result(301)
    assert result.corrected_total == 3.0
    assert result.interval == Interval(2.0, 4.0)


def test_interval_bounds_and_when_there_is_none():
    scores = score_interview(fixed_input(), CORRECT_FROM_3)
    # 101's raters' own corrected totals: HARSH 3, LENIENT 3, ONCE 13/3. A resample
    # without ONCE (chance 8/27) gives 3; with ONCE 1, 2, 3 times 31/9, 35/9, 13/3.
    interval = scores.result(101).interval
    assert interval is not None
    assert interval.low == approx(3.0)
    assert 35 / 9 - 1e-9 <= interval.high <= 13 / 3 + 1e-9
    # 102's two raters agree after correction: no uncertainty left.
    agreed = scores.result(102).interval
    assert agreed is not None
    assert (agreed.low, agreed.high) == (approx(8 / 3), approx(8 / 3))
    # One rater is not enough to resample; 105 has none.
    assert scores.result(103).interval is None
    assert scores.result(105).interval is None
    strict = score_interview(fixed_input(), replace(CORRECT_FROM_3, min_raters_for_interval=3))
    assert strict.result(102).interval is None and strict.result(101).interval is not None


def test_interval_is_reproducible_and_depends_on_the_seed():
    # Many raters with spread-out totals, so different seeds give different percentiles.
    ratings = [Rating(401, rater, Q1, 1, 1 + rater % 5) for rater in range(1, 12)]
    data = ScoringInput((Q1,), (Criterion(1, "Overall", 1.0),), (401,), ratings)
    first = score_interview(data, ScoringSettings(seed=7)).result(401).interval
    again = score_interview(data, ScoringSettings(seed=7)).result(401).interval
    other = score_interview(data, ScoringSettings(seed=0))
    assert first == again
    assert first is not None and first.low < 3.0 < first.high
    assert other.result(401).interval != first


def test_agreement_matches_a_hand_computed_ordinal_alpha():
    """Pairable units: 101's three cells (3 values each), 102's three cells (2 each).

    Coincidences (c<k, each unordered pair; a pair in a unit of m values adds
    1/(m-1)): o13 = 1.5, o14 = .5, o24 = 2.5, o25 = .5, o34 = 1, o35 = .5, o45 = 1;
    marginals n = (2, 3, 3, 5, 2), n.. = 15. Ordinal distances
    d(c,k) = (n_c + ... + n_k - (n_c + n_k)/2)^2. Sum of o*d over ordered pairs
    = 649, of n_c*n_k*d = 7950, so alpha = 1 - 14 * 649 / 7950 = -1136/7950.
    Communication alone (101 and 102's first two cells): n = (1, 2, 2, 3, 2),
    sums 178 and 1580, alpha = 1 - 9 * 178 / 1580 = -22/1580.
    Depth alone (101: 1,3,4 and 102: 2,4): n = (1, 1, 1, 2, 0), sums 31 and 95,
    alpha = 1 - 4 * 31 / 95 = -29/95.
    """
    agreement = score_interview(fixed_input(), CORRECT_FROM_3).agreement
    assert agreement.overall.alpha == approx(-1136 / 7950)
    assert (agreement.overall.ratings, agreement.overall.units) == (15, 6)
    assert agreement.overall.below_threshold and agreement.overall.undefined is None
    communication = agreement.for_criterion(COMMUNICATION.id)
    assert communication.alpha == approx(-22 / 1580)
    assert (communication.ratings, communication.units) == (10, 4)
    depth = agreement.for_criterion(DEPTH.id)
    assert depth.alpha == approx(-29 / 95)
    assert (depth.ratings, depth.units) == (5, 2)
    # Agreement is measured on the raw scores: the correction does not change it.
    assert score_interview(fixed_input()).agreement == agreement


# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg
# School for Communication, University of Pennsylvania. Its worked example with
# four observers, twelve units and missing data publishes alpha(nominal) = .743,
# alpha(ordinal) = .815, alpha(interval) = .849 and alpha(ratio) = .797. Eleven of
# the units have two or more values, 40 values in all.
KRIPPENDORFF_2011 = {
    1: (1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None),
    2: (1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3),
    3: (None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None),
    4: (1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None),
}


def test_alpha_reproduces_krippendorffs_published_example():
    # The 12 units become 3 submissions x 2 questions x 2 criteria.
    units = [(s, q, c) for s in (1, 2, 3) for q in (Q1, Q2) for c in (1, 2)]
    ratings = [
        Rating(units[u][0], observer, units[u][1], units[u][2], value)
        for observer, values in KRIPPENDORFF_2011.items()
        for u, value in enumerate(values)
        if value is not None
    ]
    data = ScoringInput(
        question_ids=(Q1, Q2),
        criteria=(Criterion(1, "A", 1.0), Criterion(2, "B", 1.0)),
        submission_ids=(1, 2, 3),
        ratings=ratings,
    )
    overall = score_interview(data).agreement.overall
    assert overall.alpha is not None and round(overall.alpha, 3) == 0.815
    assert overall.ratings == 40
    assert overall.units == 11  # the twelfth unit has one value only
    assert not overall.below_threshold


def test_alpha_is_undefined_without_variation_or_without_pairs():
    same = ScoringInput(
        (Q1,),
        (Criterion(1, "Overall", 1.0),),
        (1, 2),
        [Rating(s, e, Q1, 1, 3) for s in (1, 2) for e in (1, 2)],
    )
    overall = score_interview(same).agreement.overall
    assert (overall.alpha, overall.undefined, overall.ratings) == (None, "NO_VARIATION", 4)
    assert not overall.below_threshold

    one_rater_each = replace(same, ratings=[Rating(1, 1, Q1, 1, 2), Rating(2, 2, Q1, 1, 4)])
    overall = score_interview(one_rater_each).agreement.overall
    assert (overall.alpha, overall.undefined, overall.ratings) == (None, "TOO_FEW_PAIRABLE", 0)

    nothing = score_interview(replace(same, ratings=[]))
    assert nothing.agreement.overall.undefined == "TOO_FEW_PAIRABLE"
    assert [r.rank for r in nothing.results] == [None, None]
    assert nothing.raters == ()


def test_alpha_at_or_above_the_threshold_is_not_flagged():
    ratings = [Rating(s, e, Q1, 1, 1 + s) for s in range(4) for e in (1, 2)]
    data = ScoringInput((Q1,), (Criterion(1, "Overall", 1.0),), tuple(range(4)), ratings)
    overall = score_interview(data).agreement.overall
    assert overall.alpha == 1.0 and not overall.below_threshold
    stricter = score_interview(data, ScoringSettings(alpha_threshold=1.01)).agreement.overall
    assert stricter.below_threshold


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        (Rating(999, HARSH, Q1, 1, 3), "submission 999"),
        (Rating(101, HARSH, Q1, DEPTH.id, 3), "does not apply"),
        (Rating(101, HARSH, 99, 1, 3), "does not apply"),
        (Rating(101, 77, Q1, 1, 0), "score 0"),
        (Rating(101, 77, Q1, 1, 6), "score 6"),
        (Rating(101, 77, Q1, 1, 3.5), "score 3.5"),  # type: ignore[arg-type]
        (Rating(101, 77, Q1, 1, True), "score True"),
        (Rating(101, HARSH, Q1, 1, 4), "twice"),
    ],
)
def test_records_that_contradict_the_rubric_are_refused(rating, message):
    data = fixed_input()
    with pytest.raises(ScoringInputError, match=message):
        score_interview(replace(data, ratings=[*data.ratings, rating]))


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ((), "no criteria"),
        ((COMMUNICATION, COMMUNICATION), "twice"),
        ((replace(COMMUNICATION, weight=0.0),), "weight"),
        ((replace(COMMUNICATION, weight=float("nan")),), "weight"),
        ((replace(DEPTH, question_ids=(99,)),), "unknown"),
        ((replace(DEPTH, question_ids=()),), "no question"),
    ],
)
def test_a_rubric_that_makes_no_sense_is_refused(criteria, message):
    with pytest.raises(ScoringInputError, match=message):
        score_interview(replace(fixed_input(), criteria=criteria, ratings=[]))


def test_settings_are_checked():
    with pytest.raises(ValueError, match="interval_level"):
        ScoringSettings(interval_level=1.0)
    with pytest.raises(ValueError, match="min_submissions"):
        ScoringSettings(min_submissions_for_correction=0)


def test_cells_follow_question_then_criterion_order():
    result = score_interview(fixed_input()).result(101)
    assert tuple((a.question_id, a.criterion_id) for a in result.answers) == CELLS
    assert result.evaluator_ids == (HARSH, LENIENT, ONCE)
    assert result.ratings == 9

"""The interview summary: the ranked table, the evaluators and charts, as a landscape PDF."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from . import charts
from .data import InterviewReportData
from .pdf import BOLD, DASH, build, frame_width, image, number, para, side_by_side, table, text

PAGE = landscape(A4)


def interview_pdf(report: InterviewReportData) -> bytes:
    width = frame_width(PAGE)
    scores = report.scores
    ranked = report.ranked()
    story: list[Flowable] = [
        para(text(report.title), "title"),
        para(
            f"Interview summary {DASH} {len(ranked)} ranked of {len(scores.results)} "
            f"submitted candidates, {len(scores.raters)} evaluators",
            "subtitle",
        ),
        para(f"Generated {report.generated_at:%Y-%m-%d %H:%M} UTC", "small"),
        Spacer(1, 6),
        *_overview(report, width),
        para("Ranking", "heading"),
        para(
            "Ranked by corrected total (ties share a rank). Criterion columns are the raw "
            "mean scores on the rubric's 1-5 scale. The interval shows how much the corrected "
            "total depends on which evaluators rated.",
            "small",
        ),
        Spacer(1, 3),
        *_ranking(report, width),
        PageBreak(),
        *_charts(report, width),
        *_raters(report, width),
    ]
    return build(story, title=f"Interview summary: {report.title}", pagesize=PAGE)


def _overview(report: InterviewReportData, width: float) -> list[Flowable]:
    scores = report.scores
    overall = scores.agreement.overall
    threshold = scores.settings.alpha_threshold
    if overall.alpha is None:
        agreement = "undefined (" + (
            "no answer rated by two evaluators)"
            if overall.undefined == "TOO_FEW_PAIRABLE"
            else "every evaluator gave the same score)"
        )
    else:
        agreement = f"{overall.alpha:.3f} over {overall.ratings} ratings"
        if overall.below_threshold:
            agreement += f", below {threshold:g}"
    corrected = [p for p in scores.raters if p.corrected]
    lines = [
        f"<b>Agreement</b> (Krippendorff's alpha, ordinal): {text(agreement)}.",
        f"<b>Rater correction</b>: {len(corrected)} of {len(scores.raters)} evaluators rated at "
        f"least {scores.settings.min_submissions_for_correction} submissions and were put on a "
        "common scale"
        + (
            f" (mean {scores.scale.mean:.2f}, spread {scores.scale.spread:.2f})."
            if scores.scale.mean is not None and scores.scale.spread is not None
            else "."
        ),
    ]
    return [
        para(line, "warning" if i == 0 and overall.below_threshold else "body")
        for i, line in enumerate(lines)
    ]


def _ranking(report: InterviewReportData, width: float) -> list[Flowable]:
    criteria = list(report.criteria)
    fixed: list[float] = [34, 0, 44, 54, 74, 40]
    criterion_width = min(90.0, (width * 0.55) / max(len(criteria), 1))
    fixed[1] = width - sum(fixed) - criterion_width * len(criteria)
    # Criterion names head their columns when every word fits; otherwise C1, C2...
    # with a legend under the table.
    fits = all(
        stringWidth(word, BOLD, 8) + 12 <= criterion_width
        for criterion in criteria
        for word in criterion.name.split()
    )
    header: list[object] = ["Rank", "Candidate", "Raw", "Corrected", "95% interval", "Raters"]
    header += [
        para(f"<b>{text(c.name) if fits else f'C{i}'}</b>", "number")
        for i, c in enumerate(criteria, start=1)
    ]
    rows: list[list[object]] = [header]
    for result in report.scores.results:
        who = text(report.candidate_title(result.submission_id))
        email = report.candidate_email(result.submission_id)
        if email:
            who += f"<br/><font size=7 color='#555555'>{text(email)}</font>"
        interval = result.interval
        by_criterion = {c.criterion_id: c.raw for c in result.criteria}
        rows.append(
            [
                DASH if result.rank is None else str(result.rank),
                para(who, "cell"),
                number(result.raw_total),
                number(result.corrected_total),
                f"{number(interval.low)} {DASH} {number(interval.high)}" if interval else DASH,
                str(len(result.evaluator_ids)),
                *(number(by_criterion.get(c.id)) for c in criteria),
            ]
        )
    ranking = table(rows, fixed + [criterion_width] * len(criteria), numeric_from=2)
    if fits:
        return [ranking]
    legend = " · ".join(f"C{i}: {text(c.name)}" for i, c in enumerate(criteria, start=1))
    return [ranking, Spacer(1, 3), para(legend, "small")]


def _charts(report: InterviewReportData, width: float) -> list[Flowable]:
    scores = report.scores
    ranked = report.ranked()
    story: list[Flowable] = []
    totals = [r.corrected_total for r in ranked if r.corrected_total is not None]
    if totals:
        half = (width - 12) / 2
        distribution = charts.distribution_chart(totals, width=5.2, height=2.3)
        correction = charts.correction_chart(
            [r.raw_total for r in ranked if r.raw_total is not None],
            totals,
            width=3.4,
            height=2.3,
        )
        story.append(
            KeepTogether(
                [
                    para("Distribution of totals", "heading"),
                    side_by_side(
                        [
                            para("Corrected totals of the ranked candidates.", "small"),
                            image(distribution, half),
                        ],
                        [
                            para(
                                "Raw against corrected totals: off the diagonal, rater "
                                "correction moved a candidate.",
                                "small",
                            ),
                            image(correction, height=half * 2.3 / 5.2),
                        ],
                        width,
                    ),
                ]
            )
        )
    names = [c.name for c in report.criteria]
    by_criterion = [
        [
            score.corrected
            for r in ranked
            for score in r.criteria
            if score.criterion_id == c.id and score.corrected is not None
        ]
        for c in report.criteria
    ]
    alphas = [scores.agreement.for_criterion(c.id).alpha for c in report.criteria]
    half = (width - 12) / 2
    story.append(
        KeepTogether(
            [
                para("Criteria", "heading"),
                side_by_side(
                    [
                        para("Corrected criterion scores across candidates.", "small"),
                        image(charts.criteria_chart(names, by_criterion, width=5.0), half),
                    ],
                    [
                        para(
                            "Agreement per criterion; below the dashed line "
                            f"({scores.settings.alpha_threshold:g}) in red.",
                            "small",
                        ),
                        image(
                            charts.agreement_chart(
                                names, alphas, scores.settings.alpha_threshold, width=5.0
                            ),
                            half,
                        ),
                    ],
                    width,
                ),
            ]
        )
    )
    return story


def _raters(report: InterviewReportData, width: float) -> list[Flowable]:
    scores = report.scores
    rows: list[list[object]] = [
        ["Evaluator", "Submissions", "Ratings", "Mean", "Spread", "Corrected"]
    ]
    for profile in sorted(scores.raters, key=lambda p: report.evaluator_label(p.evaluator_id)):
        if not profile.corrected:
            state = "no: too few submissions"
        elif profile.zero_spread:
            state = "yes: same score throughout, counted as the common mean"
        else:
            state = "yes"
        rows.append(
            [
                para(text(report.evaluator_label(profile.evaluator_id)), "cell"),
                str(profile.submissions),
                str(profile.ratings),
                number(profile.mean),
                number(profile.spread),
                state,
            ]
        )
    narrow = 70.0
    return [
        KeepTogether(
            [
                para("Evaluators", "heading"),
                para(
                    "Each evaluator's mean and spread over all their scores in this interview; "
                    "corrected evaluators' scores are standardised against them.",
                    "small",
                ),
                Spacer(1, 3),
                table(
                    rows,
                    [width * 0.3, narrow, narrow, narrow, narrow, width * 0.3],
                    numeric_from=1,
                    extra=[("ALIGN", (5, 0), (5, -1), "LEFT")],
                ),
            ]
        )
    ]

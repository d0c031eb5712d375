"""The candidate report: one submission's scores, comments and standing, as a PDF."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..scoring import SubmissionResult
from . import charts
from .data import EvaluationNotes, InterviewReportData
from .pdf import DASH, WARNING, build, frame_width, image, number, para, table, text


def candidate_pdf(
    report: InterviewReportData,
    submission_id: int,
    evaluations: Sequence[EvaluationNotes] = (),
) -> bytes:
    """Scores by question and criterion (raw and corrected), agreement, comments, standing."""
    result = report.scores.result(submission_id)
    who = report.candidate_title(submission_id)
    width = frame_width()
    story: list[Flowable] = [
        para(text(who), "title"),
        para(text(report.title), "subtitle"),
    ]
    email = report.candidate_email(submission_id)
    if email:
        story.append(para(text(email), "subtitle"))
    story.append(para(f"Generated {report.generated_at:%Y-%m-%d %H:%M} UTC", "small"))
    story += _summary(report, result, width)
    story += _standing(report, result, width)
    story += _criteria(report, result, width)
    story += _answers(report, result, width)
    story += _agreement(report)
    story += _signals(report, submission_id)
    story += _comments(report, evaluations)
    return build(story, title=f"Candidate report: {who}")


def _summary(report: InterviewReportData, result: SubmissionResult, width: float) -> list[Flowable]:
    ranked = len(report.ranked())
    interval = result.interval
    rows = [
        ["Rank", "Raw total", "Corrected total", "95% interval", "Evaluators", "Ratings"],
        [
            f"{result.rank} of {ranked}" if result.rank is not None else "not ranked",
            number(result.raw_total),
            number(result.corrected_total),
            f"{number(interval.low)} {DASH} {number(interval.high)}" if interval else DASH,
            str(len(result.evaluator_ids)),
            str(result.ratings),
        ],
    ]
    notes = [
        "Totals are weighted means of the criterion scores on the 1-5 scale. Corrected "
        "figures put every evaluator who rated at least "
        f"{report.scores.settings.min_submissions_for_correction} submissions on a common "
        "scale, so a harsh and a lenient evaluator count the same; the ranking uses them. "
        "The interval shows how much the corrected total depends on which evaluators rated."
    ]
    if result.rank is None:
        notes.append("Without a rating on every criterion this candidate has no total and no rank.")
    return [
        Spacer(1, 8),
        table(rows, [width / 6] * 6),
        Spacer(1, 3),
        *(para(n, "small") for n in notes),
    ]


def _standing(
    report: InterviewReportData, result: SubmissionResult, width: float
) -> list[Flowable]:
    totals = [r.corrected_total for r in report.ranked() if r.corrected_total is not None]
    if not totals:
        return []
    interval = (result.interval.low, result.interval.high) if result.interval else None
    png = charts.distribution_chart(
        totals, highlight=result.corrected_total, interval=interval, width=6.5, height=2.4
    )
    caption = f"Corrected totals of the {len(totals)} ranked candidates of this interview"
    caption += "; the line marks this candidate." if result.corrected_total is not None else "."
    return [
        KeepTogether(
            [
                para("Where the candidate stands", "heading"),
                image(png, width),
                para(caption, "small"),
            ]
        )
    ]


def _criteria(
    report: InterviewReportData, result: SubmissionResult, width: float
) -> list[Flowable]:
    by_criterion = {c.criterion_id: c for c in result.criteria}
    total_weight = sum(c.weight for c in report.criteria)
    rows: list[list[object]] = [["Criterion", "Weight", "Raw", "Corrected", "Ratings"]]
    for criterion in report.criteria:
        score = by_criterion[criterion.id]
        rows.append(
            [
                para(text(criterion.name), "cell"),
                f"{criterion.weight / total_weight:.0%}",
                number(score.raw),
                number(score.corrected),
                str(score.ratings),
            ]
        )
    rows.append(
        [
            para("<b>Total</b>", "cell"),
            "",
            number(result.raw_total),
            number(result.corrected_total),
            str(result.ratings),
        ]
    )
    narrow = width * 0.13
    return [
        para("Scores by criterion", "heading"),
        table(rows, [width - 4 * narrow, narrow, narrow, narrow, narrow], numeric_from=1),
    ]


def _answers(report: InterviewReportData, result: SubmissionResult, width: float) -> list[Flowable]:
    rows: list[list[object]] = [["Question", "Criterion", "Raw", "Corrected", "Ratings"]]
    shown_question = None
    for answer in result.answers:
        question = report.question(answer.question_id)
        label = "" if question.id == shown_question else f"{question.position}. {question.text}"
        shown_question = question.id
        rows.append(
            [
                para(text(label), "cell"),
                para(text(report.criterion(answer.criterion_id).name), "cell"),
                number(answer.raw),
                number(answer.corrected),
                str(answer.ratings),
            ]
        )
    if len(rows) == 1:
        return [para("Scores by question", "heading"), para("No ratings yet.")]
    narrow = width * 0.11
    return [
        para("Scores by question", "heading"),
        para("Mean of the evaluators' 1-5 scores for each answer.", "small"),
        Spacer(1, 3),
        table(rows, [width * 0.42, width * 0.25, narrow, narrow, width * 0.11], numeric_from=2),
    ]


def _agreement(report: InterviewReportData) -> list[Flowable]:
    agreement = report.scores.agreement
    threshold = report.scores.settings.alpha_threshold
    rows: list[list[object]] = [["", "Alpha", "Ratings", ""]]
    entries = [("Whole interview", agreement.overall)] + [
        (report.criterion(entry.criterion_id).name, entry.agreement)
        for entry in agreement.by_criterion
    ]
    warn_rows = []
    for position, (name, alpha) in enumerate(entries, start=1):
        if alpha.alpha is None:
            verdict = (
                "undefined: no answer rated by two evaluators"
                if alpha.undefined == "TOO_FEW_PAIRABLE"
                else "undefined: every evaluator gave the same score"
            )
        elif alpha.below_threshold:
            verdict = f"below {threshold:g}: treat the scores with caution"
            warn_rows.append(position)
        else:
            verdict = "acceptable"
        rows.append([para(text(name), "cell"), number(alpha.alpha, 3), str(alpha.ratings), verdict])
    width = frame_width()
    return [
        para("Agreement between evaluators", "heading"),
        para(
            "Krippendorff's alpha for ordinal data over every answer and criterion: 1 is "
            "perfect agreement, 0 is no better than chance. Ratings counts the scores of "
            "answers that at least two evaluators rated. These figures cover the whole "
            "interview, not this candidate alone.",
            "small",
        ),
        Spacer(1, 3),
        table(
            rows,
            [width * 0.34, width * 0.12, width * 0.12, width * 0.42],
            numeric_from=1,
            extra=[("ALIGN", (3, 0), (3, -1), "LEFT")]
            + [("TEXTCOLOR", (3, r), (3, r), WARNING) for r in warn_rows],
        ),
    ]


def _signals(report: InterviewReportData, submission_id: int) -> list[Flowable]:
    signals = report.signals.get(submission_id)
    if signals is None:
        return []
    share = signals.share_of_time_used
    used = (
        f"{signals.seconds_used:.0f} s of {signals.seconds_allowed:.0f} s allowed ({share:.0%})."
        if share is not None
        else "unknown."
    )
    lines = [
        f"Questions answered: {signals.questions_answered} of {signals.questions_total}.",
        f"Recording time used: {used}",
    ]
    return [
        KeepTogether(
            [
                para("Automatic signals", "heading"),
                para("Measured by the platform; not part of any score.", "small"),
                *(para(line) for line in lines),
            ]
        )
    ]


def _comments(
    report: InterviewReportData, evaluations: Sequence[EvaluationNotes]
) -> list[Flowable]:
    story: list[Flowable] = [para("Evaluators' comments", "heading")]
    if not evaluations:
        return [*story, para("No comments.")]
    for evaluation in sorted(evaluations, key=lambda e: report.evaluator_label(e.evaluator_id)):
        heading = f"<b>{text(report.evaluator_label(evaluation.evaluator_id))}</b>"
        if evaluation.recommendation:
            heading += f" {DASH} recommendation: {text(evaluation.recommendation)}"
        block: list[Flowable] = [para(heading)]
        if evaluation.comment.strip():
            block.append(para(text(evaluation.comment)))
        for note in evaluation.notes:
            question = report.question(note.question_id)
            criterion = report.criterion(note.criterion_id)
            block.append(
                para(
                    f"<i>Q{question.position} · {text(criterion.name)}:</i> {text(note.note)}",
                    "small",
                )
            )
        block.append(Spacer(1, 5))
        story.append(KeepTogether(block))
    return story

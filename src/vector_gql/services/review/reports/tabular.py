"""The interview's results as CSV: one row per candidate, ranked.

Columns: Candidate (the label), Name, Email, Rank, Raw total, Corrected
total, Interval low, Interval high, Evaluators, then one column per
criterion with its raw mean (the 1-5 scale of the rubric's anchors), in
rubric order. The columns are the same whether or not identities are shown;
Name and Email are empty when they are not. Numbers have three decimals; an
empty cell means "none" (no rank, no interval). Candidates without a total
come last.

The file is UTF-8 with a byte-order mark, so spreadsheet programs read
accented names correctly. Text cells that a spreadsheet would take for a
formula (starting with = + - @, a tab or a carriage return) are prefixed
with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from .data import InterviewReportData

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def interview_csv(report: InterviewReportData) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "Candidate",
            "Name",
            "Email",
            "Rank",
            "Raw total",
            "Corrected total",
            "Interval low",
            "Interval high",
            "Evaluators",
            *(_text(f"{criterion.name} (raw mean)") for criterion in report.criteria),
        ]
    )
    for result in report.scores.results:
        candidate = report.candidates[result.submission_id]
        shown = report.show_identities
        raw_by_criterion = {c.criterion_id: c.raw for c in result.criteria}
        writer.writerow(
            [
                _text(candidate.label),
                _text(candidate.name or "") if shown else "",
                _text(candidate.email or "") if shown else "",
                "" if result.rank is None else str(result.rank),
                _number(result.raw_total),
                _number(result.corrected_total),
                _number(result.interval.low if result.interval else None),
                _number(result.interval.high if result.interval else None),
                str(len(result.evaluator_ids)),
                *(_number(raw_by_criterion.get(criterion.id)) for criterion in report.criteria),
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value

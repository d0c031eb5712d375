"""Reports carry the right numbers and names, and no names when they may not be shown."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from tests.review.review_data import CANDIDATES, COMMENTS, DEPTH, Q1, Q2, fixed_input, report_data
from vector_gql.services.review.reports import candidate_pdf, interview_csv, interview_pdf
from vector_gql.services.review.scoring import Criterion, Rating, score_interview

IDENTITIES = [
    value for c in CANDIDATES.values() for value in (c.name, c.email) if value is not None
]


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def pdf_images(data: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # byte-order mark, for spreadsheets
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_interview_csv_has_one_ranked_row_per_candidate():
    rows = csv_rows(interview_csv(report_data(show_identities=True)))
    assert list(rows[0]) == [
        "Candidate",
        "Name",
        "Email",
        "Rank",
        "Raw total",
        "Corrected total",
        "Interval low",
        "Interval high",
        "Evaluators",
        "Communication (raw mean)",
        "Technical depth (raw mean)",
    ]
    # Values worked out in test_scoring: 101 31/9 with interval 3 .. 13/3 (seed 0),
    # 103 and 104 tied at 10/3, 102 8/3, 105 unrated.
    first = rows[0]
    assert (first["Candidate"], first["Name"], first["Email"]) == (
        "Candidate 1",
        "Ann Example",
        "ann@example.com",
    )
    assert (first["Rank"], first["Raw total"], first["Corrected total"]) == ("1", "3.444", "3.444")
    assert (first["Interval low"], first["Interval high"], first["Evaluators"]) == (
        "3.000",
        "4.333",
        "3",
    )
    assert (first["Communication (raw mean)"], first["Technical depth (raw mean)"]) == (
        "3.833",
        "2.667",
    )
    assert [(r["Candidate"], r["Rank"], r["Corrected total"]) for r in rows] == [
        ("Candidate 1", "1", "3.444"),
        ("Candidate 3", "2", "3.333"),
        ("Candidate 4", "2", "3.333"),
        ("Candidate 2", "4", "2.667"),
        ("Candidate 5", "", ""),
    ]
    by_label = {r["Candidate"]: r for r in rows}
    assert by_label["Candidate 4"]["Raw total"] == "4.333"
    assert by_label["Candidate 4"]["Interval low"] == ""  # one evaluator: no interval
    assert by_label["Candidate 2"]["Name"] == "Дмитрий Ølsen"
    assert by_label["Candidate 5"]["Evaluators"] == "0"


def test_interview_csv_defuses_spreadsheet_formulas():
    rows = {r["Candidate"]: r for r in csv_rows(interview_csv(report_data(show_identities=True)))}
    assert rows["Candidate 3"]["Name"] == '\'=HYPERLINK("http://x")'
    assert rows["Candidate 3"]["Email"] == "'+evil@example.com"


def test_interview_csv_without_identities_names_nobody():
    data = interview_csv(report_data(show_identities=False))
    rows = csv_rows(data)
    assert all(r["Name"] == "" and r["Email"] == "" for r in rows)
    assert [r["Candidate"] for r in rows][:2] == ["Candidate 1", "Candidate 3"]
    text = data.decode("utf-8-sig")
    for identity in IDENTITIES:
        assert identity not in text


def test_candidate_pdf_carries_the_scores_comments_and_agreement():
    data = candidate_pdf(report_data(show_identities=True), 101, COMMENTS)
    text = pdf_text(data)
    for expected in [
        "Ann Example",
        "ann@example.com",
        "Backend engineer",
        "1 of 4",  # rank
        "3.44",  # raw and corrected total
        "3.00 – 4.33",  # interval
        "Communication 67% 3.83 3.83 6",  # criterion: weight, raw, corrected, ratings
        "Technical depth 33% 2.67 2.67 3",
        "1. Tell us about a system you designed. Communication 3.67 3.67 3",
        "Whole interview -0.143 15",  # agreement and the ratings it rests on
        "Communication -0.014 10",
        "Technical depth -0.305 5",
        "below 0.667",
        "Questions answered: 2 of 2",
        "135 s of 180 s allowed (75%)",
        "Evaluator B – recommendation: YES",
        "Clear structure & good trade-offs.",
        'Shallow on depth; see <img src="/etc/passwd"/>.',  # markup printed, not obeyed
        "Knew <heap snapshots> well.",
        "Strong candidate.",
    ]:
        assert expected in text, expected
    assert pdf_images(data) >= 1  # the distribution chart
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata is not None and metadata.title == "Candidate report: Ann Example"


def test_candidate_pdf_shows_corrected_scores_beside_raw_ones():
    # 104 was rated by the lenient evaluator alone: raw 4.33, corrected 3.33.
    text = pdf_text(candidate_pdf(report_data(show_identities=True), 104))
    assert "Zoë Brontë" in text
    assert "2 of 4 4.33 3.33" in text
    assert "Communication 67% 5.00 4.00 2" in text
    assert "No comments." in text


def test_candidate_pdf_prints_non_latin_names():
    text = pdf_text(candidate_pdf(report_data(show_identities=True), 102))
    assert "Дмитрий Ølsen" in text


def test_candidate_pdf_without_identities_names_nobody():
    data = candidate_pdf(report_data(show_identities=False), 101, COMMENTS)
    text = pdf_text(data)
    assert "Candidate 1" in text and "3.44" in text
    metadata = PdfReader(io.BytesIO(data)).metadata
    assert metadata is not None
    for identity in IDENTITIES:
        assert identity not in text
        assert identity not in str(dict(metadata))


def test_candidate_pdf_for_an_unranked_candidate():
    text = pdf_text(candidate_pdf(report_data(show_identities=True), 105))
    assert "not ranked" in text and "no total and no rank" in text


def test_pdf_output_is_reproducible():
    report = report_data(show_identities=True)
    assert candidate_pdf(report, 101, COMMENTS) == candidate_pdf(report, 101, COMMENTS)
    assert interview_pdf(report) == interview_pdf(report)


def test_interview_pdf_ranks_candidates_with_their_totals():
    data = interview_pdf(report_data(show_identities=True))
    text = pdf_text(data)
    order = [text.index(name) for name in ("Ann Example", "Zoë Brontë", "Дмитрий Ølsen")]
    assert order == sorted(order)
    for expected in [
        "Backend engineer",
        "4 ranked of 5 submitted candidates, 3 evaluators",
        "Ann Example ann@example.com 3.44 3.44 3.00 – 4.33 3 3.83 2.67",
        "Zoë Brontë zoe@example.net 4.33 3.33 – 1 5.00 3.00",
        "Bob Unrated",
        "-0.143 over 15 ratings, below 0.667",
        "2 of 3 evaluators",
        "Evaluator A 3 9 2.00 0.82 yes",
        "Evaluator C 1 3 4.33 0.47 no: too few submissions",
    ]:
        assert expected in text, expected
    assert pdf_images(data) >= 4  # distribution, correction, criteria, agreement


def test_interview_pdf_without_identities_names_nobody():
    data = interview_pdf(report_data(show_identities=False))
    text = pdf_text(data)
    assert "Candidate 1 3.44 3.44" in text
    for identity in IDENTITIES:
        assert identity not in text


@pytest.mark.parametrize("show_identities", [True, False])
def test_no_report_says_when_a_candidate_submitted(show_identities):
    """The submission time orders the ranking's ties; shown, it could say whose a blind
    report's "Candidate 3" is, so no report shows it, blind or not."""
    report = report_data(show_identities=show_identities)
    texts = [
        interview_csv(report).decode("utf-8-sig"),
        pdf_text(interview_pdf(report)),
        *(pdf_text(candidate_pdf(report, n, COMMENTS)) for n in CANDIDATES),
    ]
    for text in texts:
        assert "1999" not in text and "13:4" not in text and "19 Jul" not in text


def test_interview_pdf_with_many_criteria_keeps_a_legend():
    names = [f"Criterion with a long name {i}" for i in range(1, 9)]
    criteria = tuple(Criterion(i, name, 1.0) for i, name in enumerate(names, start=1))
    ratings = [
        Rating(s, e, q, c.id, 1 + (s + e + c.id) % 5)
        for s in (101, 102)
        for e in (1, 2)
        for q in (Q1, Q2)
        for c in criteria
    ]
    data = replace(fixed_input(), criteria=criteria, ratings=ratings, submission_ids=(101, 102))
    report = replace(
        report_data(show_identities=True),
        criteria=criteria,
        scores=score_interview(data),
        candidates={s: CANDIDATES[s] for s in (101, 102)},
    )
    text = pdf_text(interview_pdf(report))
    assert "C1: Criterion with a long name 1" in text
    assert "C8: Criterion with a long name 8" in text


@pytest.mark.parametrize("show_identities", [True, False])
def test_reports_render_an_interview_without_any_rating(show_identities):
    report = report_data(show_identities=show_identities)
    empty = replace(report, scores=score_interview(replace(fixed_input(), ratings=[])))
    assert "no answer rated by two evaluators" in pdf_text(interview_pdf(empty))
    assert "No ratings yet." in pdf_text(candidate_pdf(empty, 101))
    assert len(csv_rows(interview_csv(empty))) == 5
    assert DEPTH.name in pdf_text(candidate_pdf(empty, 101))

"""Reports of an interview's review, rendered from plain data.

- ``candidate_pdf``: one candidate's scores by question and criterion (raw and
  corrected), the evaluators' comments, the agreement figures and a chart of
  where the candidate stands;
- ``interview_csv``: one row per candidate, ranked;
- ``interview_pdf``: the ranked table, the evaluators, and charts.

Each returns the file's bytes; storing them is the caller's business.
"""

from .candidate import candidate_pdf
from .data import Candidate, EvaluationNotes, InterviewReportData, QuestionText, RatingNote
from .summary import interview_pdf
from .tabular import interview_csv

__all__ = [
    "Candidate",
    "EvaluationNotes",
    "InterviewReportData",
    "QuestionText",
    "RatingNote",
    "candidate_pdf",
    "interview_csv",
    "interview_pdf",
]

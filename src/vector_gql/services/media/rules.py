"""What a video upload must satisfy, and the problems it reports."""

from __future__ import annotations

from ..errors import ErrorCode, Invalid, Problem
from ..validation import Collector

MAX_TITLE = 200
MAX_FILENAME = 255
MAX_PARTS = 10_000


def file_problem(code: ErrorCode, message: str) -> Invalid:
    return Invalid(Problem(code, message, ("file",)))


def storage_unavailable() -> Invalid:
    return Invalid(
        Problem(
            ErrorCode.STORAGE_UNAVAILABLE,
            "The file could not be stored just now. Nothing was kept; please try again.",
            ("file",),
        )
    )


def check_title(title: str, errors: Collector) -> str:
    return errors.text(
        title,
        "title",
        max_length=MAX_TITLE,
        noun="the title",
        missing="Enter a title for the video.",
    )


def check_filename(filename: str, errors: Collector) -> None:
    if not filename.strip() or len(filename) > MAX_FILENAME:
        errors.add(
            ErrorCode.INVALID,
            f"Give the file's name, at most {MAX_FILENAME} characters.",
            "filename",
        )


def check_size(size: int, limit: int, *field: str) -> None:
    """A file of ``size`` bytes fits under ``limit``; the problem points at ``field``."""
    if size <= 0:
        raise Invalid(Problem(ErrorCode.EMPTY_FILE, "The file is empty.", field))
    if size > limit:
        raise Invalid(
            Problem(
                ErrorCode.TOO_LARGE,
                f"The file is {size} bytes; the limit is {limit} bytes "
                f"({limit // (1024 * 1024)} MB).",
                field,
            )
        )

"""What a video upload must satisfy, and the problems it reports."""

from __future__ import annotations

from ..errors import ErrorCode, Invalid, Problem
from ..validation import Collector

MAX_TITLE = 200
MAX_FILENAME = 255
MAX_PARTS = 10_000
MAX_ETAG = 200


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


def check_parts(part_count: int, parts: list[tuple[int, str]]) -> None:
    """The part list of a completion, checked before the upload is claimed.

    A bad list is the client's to fix: the upload stays open for a corrected one.
    """
    errors = Collector()
    if not parts:
        errors.add(ErrorCode.REQUIRED, "List the uploaded parts.", "parts")
    seen: set[int] = set()
    for index, (number, etag) in enumerate(parts):
        if not 1 <= number <= part_count:
            errors.add(
                ErrorCode.OUT_OF_RANGE,
                f"Part numbers run from 1 to {part_count} for this upload; got {number}.",
                "parts",
                index,
                "part_number",
            )
        elif number in seen:
            errors.add(
                ErrorCode.INVALID, f"Part {number} is listed twice.", "parts", index, "part_number"
            )
        seen.add(number)
        if not etag.strip() or len(etag) > MAX_ETAG:
            errors.add(
                ErrorCode.INVALID,
                "Give the ETag header of the part's upload response.",
                "parts",
                index,
                "etag",
            )
    errors.raise_if_any()

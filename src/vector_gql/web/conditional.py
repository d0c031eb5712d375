"""Validators and conditional requests (RFC 9110 sections 8.8 and 13) for the media routes.

The routes say what they serve with ``ETag`` (for evaluators, a keyed digest of the
recording's stored sha256 or of the poster's storage version; for stored files,
Starlette's ``FileResponse``'s own, from the file's size and modification time) and,
for stored files only, ``Last-Modified``. A browser that holds a
copy asks again with ``If-None-Match`` (or ``If-Modified-Since``) and gets ``304
Not Modified`` without the bytes; ``If-Range`` naming the current ``ETag`` lets
a range be resumed. The routes check the link first: a refused caller never
reaches these, so a validator answers nothing a refusal would not.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from starlette.datastructures import Headers
from starlette.responses import Response


def _opaque(tag: str) -> str:
    """The tag without its weakness prefix, for the weak comparison If-None-Match uses."""
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def _parse_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def not_modified(headers: Headers, etag: str, last_modified: datetime | None) -> bool:
    """Whether the client's copy is current: ``If-None-Match`` names ``etag`` (or ``*``),
    or, without ``If-None-Match``, ``If-Modified-Since`` is not before ``last_modified``."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = [_opaque(tag) for tag in if_none_match.split(",")]
        return "*" in tags or _opaque(etag) in tags
    since = headers.get("if-modified-since")
    if since is None or last_modified is None:
        return False
    parsed = _parse_date(since)
    return parsed is not None and int(last_modified.timestamp()) <= parsed.timestamp()


def range_still_valid(headers: Headers, etag: str) -> bool:
    """Whether a ``Range`` may be answered: no ``If-Range``, or one naming the current
    ``ETag`` exactly (strong comparison). A date in ``If-Range`` never matches: the
    answers this serves send no ``Last-Modified``."""
    if_range = headers.get("if-range")
    if if_range is None:
        return True
    if_range = if_range.strip()
    return if_range == etag and not etag.startswith("W/")


def not_modified_response(headers: Mapping[str, str]) -> Response:
    """``304``: no body, and only the validators and caching headers of the full answer."""
    return Response(status_code=304, headers=dict(headers))

"""HTTP Range requests (RFC 9110 section 14) for recordings streamed through the app.

Browsers play and seek ``<video>`` with ``Range: bytes=...`` requests, and Safari plays
nothing from a server that does not answer them with ``206 Partial Content``.
:func:`requested_range` reads the header against the object's size:

- no header, a unit other than ``bytes``, a malformed value, or an ``If-Range`` that
  names another version than the one served (``if_range_ok`` false, see
  ``web/conditional.py``): ``None``, the whole body (``200``);
- one range ``a-b``, ``a-`` or ``-n``: ``(start, end)`` with ``end`` exclusive, clipped
  to the size (``206`` with ``Content-Range``);
- several ranges: ``None``, the whole body; the routes do not build
  ``multipart/byteranges`` answers (RFC 9110 lets a server ignore ``Range``);
- one range that starts at or past the end, or ``-0``: :data:`UNSATISFIABLE` (``416``
  with ``Content-Range: bytes */size``).
"""

from __future__ import annotations

import re
from typing import Final, Literal

from starlette.datastructures import Headers

UNSATISFIABLE: Final = "unsatisfiable"

_SPEC = re.compile(r"\s*([0-9]{0,18})\s*-\s*([0-9]{0,18})\s*")


def requested_range(
    headers: Headers, size: int, *, if_range_ok: bool
) -> tuple[int, int] | Literal["unsatisfiable"] | None:
    """The byte range to answer with, :data:`UNSATISFIABLE`, or ``None`` for the whole.

    ``if_range_ok``: the request has no ``If-Range``, or one naming the version served.
    """
    header = headers.get("range")
    if header is None or not if_range_ok:
        return None
    unit, _, specs = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in specs:
        return None
    match = _SPEC.fullmatch(specs)
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":  # the last n bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        return max(size - suffix, 0), size
    start = int(first)
    if last != "" and int(last) < start:
        return None  # invalid: ignored, like an unknown unit
    if start >= size:
        return UNSATISFIABLE
    end = size if last == "" else min(int(last) + 1, size)
    return start, end


def range_headers(start: int, end: int, size: int) -> dict[str, str]:
    """``Content-Range`` and ``Content-Length`` of a ``206`` answer for ``[start, end)``."""
    return {"Content-Range": f"bytes {start}-{end - 1}/{size}", "Content-Length": str(end - start)}

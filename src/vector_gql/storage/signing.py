"""HMAC-signed URLs for the disk backend's download and part-upload routes.

The signing key is derived from the app secret with HKDF-SHA256 under its own label, so
the secret that signs session tokens is never used raw for a second purpose.

A signature covers the HTTP method, the path (``/storage/<key>`` or
``/storage-upload/<upload_id>/<part>``, without any prefix the app is mounted under),
the expiry time and the optional response filename and content type. Verification is
constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

URL_SIGNING_LABEL = b"vector-interview/storage-url-signing/v1"


def hkdf_sha256(secret: bytes, info: bytes, *, salt: bytes = b"", length: int = 32) -> bytes:
    """RFC 5869 HKDF with SHA-256."""
    prk = hmac.new(salt or b"\0" * 32, secret, hashlib.sha256).digest()
    okm, block = b"", b""
    counter = 1
    while len(okm) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        okm += block
        counter += 1
    return okm[:length]


class UrlSigner:
    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("URL signing key is too short")
        self._key = key

    @classmethod
    def from_secret(cls, secret: str) -> UrlSigner:
        if not secret:
            raise ValueError("URL signing needs the app secret (VECTOR_JWT_SECRET)")
        return cls(hkdf_sha256(secret.encode(), URL_SIGNING_LABEL))

    def signature(
        self,
        method: str,
        path: str,
        expires: int,
        *,
        filename: str | None = None,
        content_type: str | None = None,
        size: int | None = None,
    ) -> str:
        # JSON of a fixed-shape list: unambiguous, whatever the field values contain.
        message = json.dumps(
            [method.upper(), path, int(expires), filename, content_type, size],
            separators=(",", ":"),
            ensure_ascii=True,
        ).encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def verify(
        self,
        method: str,
        path: str,
        expires: str | int | None,
        signature: str | None,
        *,
        filename: str | None = None,
        content_type: str | None = None,
        size: int | None = None,
        now: float | None = None,
    ) -> str | None:
        """``None`` if the signature is valid and unexpired, else a short reason."""
        if not signature or expires is None:
            return "Missing signature"
        try:
            expires_at = int(expires)
        except (TypeError, ValueError):
            return "Invalid signature"
        expected = self.signature(
            method, path, expires_at, filename=filename, content_type=content_type, size=size
        )
        if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
            return "Invalid signature"
        if (time.time() if now is None else now) > expires_at:
            return "Link expired"
        return None

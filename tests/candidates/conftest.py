"""Fixtures of the candidate tests: recordings made once per session, a local SMTP server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import media as mf
from tests.fixtures.smtp import LocalSmtp
from vector_gql.services.mail.smtp import ConnectionPool, SmtpConfig


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("answers")
    return {
        # A browser's recording: WebM without a duration header, as MediaRecorder writes it.
        "answer": mf.make_video(
            d / "answer.webm", seconds=3, fmt="webm", fps=5, size=(64, 48), chrome_style=True
        ),
        "prompt": mf.make_video(d / "prompt.mp4", seconds=2, fps=5, size=(64, 48)),
        # Longer than a 10 s answer time plus the grace.
        "too_long": mf.make_video(d / "long.webm", seconds=16, fmt="webm", fps=2, size=(32, 24)),
        "noise": mf.make_random(d / "noise.webm"),
    }


@pytest.fixture
async def smtp(services, monkeypatch):
    """A local SMTP server that the app's mail jobs deliver to."""
    server = await LocalSmtp().start()
    pool = ConnectionPool(SmtpConfig.parse(server.url()))
    monkeypatch.setattr(services.mail, "connections", pool)
    yield server
    await server.stop()

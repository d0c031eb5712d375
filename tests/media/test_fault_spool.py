"""The folder that receives upload bodies (the temporary folder) fills up: the upload
is refused with a retryable STORAGE_UNAVAILABLE, nothing of it is kept, and the
next upload that fits goes through.

The full disk is a real one: a 2 MB tmpfs mounted for the test (needs root, as in CI).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures import media as mf
from tests.fixtures.graphql import signup
from tests.media.test_videos import UPLOAD, pad_mp4
from vector_gql.models.media import PendingObject, Video

MiB = 1024 * 1024


@pytest.fixture
def small_spool(monkeypatch) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="vector-spool-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    # Where Python's temporary files go, request bodies spooled to disk among them.
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        with contextlib.suppress(OSError):
            folder.rmdir()


@pytest.fixture(scope="module")
def sized(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("spool_media")
    clip = mf.make_video(folder / "clip.mp4", seconds=2, size=(160, 120))
    return {
        # Bodies over 1 MB are spooled to disk; this one fits in 2 MB, the other does not.
        "fits": pad_mp4(clip, folder / "fits.mp4", int(1.3 * MiB)),
        "too_big": pad_mp4(clip, folder / "too_big.mp4", 4 * MiB),
    }


async def _upload(client, token: str, path: Path):
    operations = {"query": UPLOAD, "variables": {"input": {"title": "Clip", "file": None}}}
    with open(path, "rb") as handle:
        return await client.post(
            "/graphql",
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"0": ["variables.input.file"]}),
            },
            files={"0": (path.name, handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}", "Apollo-Require-Preflight": "true"},
        )


async def test_a_full_spool_refuses_the_upload_and_keeps_nothing(
    client, gql, small_spool, sized, settings
):
    token = (await signup(gql, "sol"))["accessToken"]
    storage_dir = settings.storage_dir
    stored_before = sorted(storage_dir.rglob("*")) if storage_dir.exists() else []

    refused = await _upload(client, token, sized["too_big"])
    assert refused.status_code == 503, refused.text
    assert refused.headers["retry-after"]
    (error,) = refused.json()["errors"]
    assert error["extensions"]["code"] == "STORAGE_UNAVAILABLE"
    assert error["extensions"]["retryable"] is True
    # Nothing of it stays: not in the spool, not in storage, not in the database.
    assert os.listdir(small_spool) == []
    assert shutil.disk_usage(small_spool).used < 256 * 1024
    assert await Video.all().count() == 0 and await PendingObject.all().count() == 0
    assert (sorted(storage_dir.rglob("*")) if storage_dir.exists() else []) == stored_before

    # The original REST upload path says the same, in its own shape.
    with open(sized["too_big"], "rb") as handle:
        legacy = await client.post(
            "/api/interviews/upload-video",
            data={"video_title": "Clip"},
            files={"video_file": ("too_big.mp4", handle, "video/mp4")},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert legacy.status_code == 503, legacy.text
    assert legacy.json()["code"] == "STORAGE_UNAVAILABLE"

    # Room again (the refused bodies freed theirs): an upload that fits goes through.
    accepted = await _upload(client, token, sized["fits"])
    assert accepted.status_code == 200, accepted.text
    result = accepted.json()["data"]["uploadVideo"]
    assert result["errors"] == [] and result["video"]["id"]
    assert os.listdir(small_spool) == []

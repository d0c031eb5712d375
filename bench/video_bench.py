"""Upload a 1 GB video every way the app takes one; time it and watch the server's memory.

In one run, against one SeaweedFS S3 server on 127.0.0.1 (tests/fixtures/seaweed.py):

* ``boto3``      - plain ``upload_fileobj`` of the file straight to SeaweedFS, boto3's
                   default transfer settings: the limit the other rows are compared with;
* ``uploadVideo`` - the GraphQL multipart request (as apollo-upload-client sends it) to the
                   app, which spools, probes, hashes and stores the file;
* ``direct``      - ``startVideoUpload``, a PUT of every part to its presigned URL
                   (``--parallel`` at a time), then ``completeVideoUpload``, which probes and
                   hashes the assembled object.

Then the same two app paths with disk storage (parts go through the app's own
``/storage-upload`` route), against a plain copy of the file with fsync as the limit.

Each app path runs ``--repeat`` times (the best time is shown) on its own freshly started
server: 1 uvicorn worker, on a scratch database. A thread samples the server process's RSS
(with its children) every 50 ms; the table shows RSS just before the first run (idle), the
peak over all runs and the difference, so memory one run keeps counts against the next.
The target is peak - idle <= 100 MB on every path. Each upload's sha256 is checked against
the file's. Before the boto3 rows, one untimed upload lets SeaweedFS grow its volumes.

The video (a short real MP4 grown to the size asked with a top-level ``free`` box of
random bytes, which probing skips as players do) is made once and cached in
/tmp/vector_video_bench.

    PYTHONPATH=src python bench/video_bench.py [--size-mb 1024] [--parallel 4] [--repeat 2]
        [--skip-disk] [--skip-s3]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import hashlib
import http.client
import json
import os
import shutil
import struct
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import boto3
import psutil
from _common import ROOT, graphql, scratch_database, served_app
from botocore.config import Config

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.fixtures.media import make_video  # noqa: E402
from tests.fixtures.seaweed import SeaweedS3  # noqa: E402
from vector_gql.services.media.probe import probe_video  # noqa: E402

CACHE = Path("/tmp/vector_video_bench")
MiB = 1024 * 1024
MB = 1_000_000
PASSWORD = "correct horse battery"
SAMPLE_SECONDS = 0.05
UPLOAD = """mutation($input: UploadVideoInput!) {
  uploadVideo(input: $input) { video { id sizeBytes sha256 durationSeconds }
                               errors { field message code } } }"""
START = """mutation($input: StartVideoUploadInput!) {
  startVideoUpload(input: $input) {
    upload { id partCount partSizeBytes parts { partNumber sizeBytes url } }
    errors { field message code } } }"""
COMPLETE = """mutation($input: CompleteVideoUploadInput!) {
  completeVideoUpload(input: $input) {
    video { id sizeBytes sha256 durationSeconds } errors { field message code } } }"""


# --- the file -----------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(4 * MiB):
            digest.update(chunk)
    return digest.hexdigest()


def bench_video(size: int) -> tuple[Path, str]:
    """A valid MP4 of exactly ``size`` bytes and its sha256, made once and cached."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"video-{size}.mp4"
    digest_path = path.with_suffix(".sha256")
    if path.exists() and digest_path.exists() and path.stat().st_size == size:
        return path, digest_path.read_text().strip()
    clip = make_video(CACHE / "clip.mp4", seconds=10, size=(320, 240))
    head = clip.read_bytes()
    pad = size - len(head)
    assert 8 <= pad < 2**32, "the free box takes a 32-bit size"
    partial = path.with_suffix(".partial")
    with open(partial, "wb") as out:
        out.write(head + struct.pack(">I4s", pad, b"free"))
        left = pad - 8
        while left:
            # random bytes: nothing on the way can compress or deduplicate them
            chunk = os.urandom(min(left, 8 * MiB))
            out.write(chunk)
            left -= len(chunk)
    probe_video(partial)  # the app must accept it
    partial.rename(path)
    digest = sha256_of(path)
    digest_path.write_text(digest)
    return path, digest


# --- measuring ----------------------------------------------------------------------------


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += proc.memory_info().rss
    return total


@dataclass
class Row:
    label: str
    seconds: float
    size: int
    idle_rss: int | None = None
    peak_rss: int | None = None
    note: str = ""

    @property
    def mb_per_s(self) -> float:
        return self.size / MB / self.seconds


@contextlib.contextmanager
def watch_rss(pid: int | None) -> Iterator[dict[str, int]]:
    """Sample the RSS of ``pid`` and its children every 50 ms; yields {idle, peak}."""
    found = {"idle": 0, "peak": 0}
    if pid is None:
        yield found
        return
    process = psutil.Process(pid)
    found["idle"] = found["peak"] = tree_rss(process)
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(SAMPLE_SECONDS):
            found["peak"] = max(found["peak"], tree_rss(process))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        stop.set()
        thread.join()
        found["peak"] = max(found["peak"], tree_rss(process))


def measure(label: str, size: int, fn, *, repeat: int, pid: int | None = None) -> Row:
    """Run ``fn`` ``repeat`` times: the best time, RSS before the first run and the peak
    over all of them (so memory a run keeps counts against the next one)."""
    time.sleep(1)  # let start-up settle before taking idle
    row = Row(label, float("inf"), size)
    with watch_rss(pid) as rss:
        row.idle_rss = rss["idle"] if pid else None
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            note = fn()
            times.append(time.perf_counter() - started)
            row.note = note or ""
    row.seconds = min(times)
    row.peak_rss = rss["peak"] if pid else None
    print(f"  {label}: " + ", ".join(f"{t:.1f}" for t in times) + " s", flush=True)
    return row


# --- HTTP ---------------------------------------------------------------------------------


def connection(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    assert parts.hostname in ("127.0.0.1", "localhost"), "benchmarks target this machine only"
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=900)


def upload_video(url: str, token: str, path: Path) -> dict:
    """The GraphQL multipart request, streamed from disk (the client holds 1 MiB at most)."""
    boundary = uuid.uuid4().hex
    operations = {"query": UPLOAD, "variables": {"input": {"title": "Bench", "file": None}}}
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="operations"\r\n\r\n'
        f"{json.dumps(operations)}\r\n"
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="map"\r\n\r\n'
        f"{json.dumps({'0': ['variables.input.file']})}\r\n"
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="0"; filename="{path.name}"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + path.stat().st_size + len(tail)

    def body() -> Iterator[bytes]:
        yield head
        with open(path, "rb") as handle:
            while chunk := handle.read(MiB):
                yield chunk
        yield tail

    conn = connection(url)
    try:
        conn.request(
            "POST",
            "/graphql",
            body=body(),
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Content-Length": str(length),
                "Apollo-Require-Preflight": "true",
                "Authorization": f"Bearer {token}",
            },
        )
        response = conn.getresponse()
        text = response.read()
    finally:
        conn.close()
    if response.status != 200:
        raise RuntimeError(f"uploadVideo answered {response.status}: {text[:500]!r}")
    return json.loads(text)["data"]["uploadVideo"]


def put_part(url: str, path: Path, offset: int, size: int) -> str:
    with open(path, "rb") as handle:
        data = os.pread(handle.fileno(), size, offset)
    parts = urlsplit(url)
    conn = connection(url)
    try:
        conn.request(
            "PUT",
            f"{parts.path}?{parts.query}",
            body=data,
            headers={"Content-Length": str(len(data))},
        )
        response = conn.getresponse()
        text = response.read()
    finally:
        conn.close()
    if response.status != 200:
        raise RuntimeError(f"part PUT answered {response.status}: {text[:500]!r}")
    etag = response.getheader("ETag")
    if etag is None:
        raise RuntimeError("part PUT answered without an ETag")
    return etag


def direct_upload(url: str, token: str, path: Path, parallel: int) -> tuple[dict, float]:
    """start, PUT every part (``parallel`` at a time), complete; returns the payload and
    the seconds completeVideoUpload took."""
    size = path.stat().st_size
    started = graphql(
        url,
        START,
        {
            "input": {
                "title": "Bench direct",
                "filename": path.name,
                "sizeBytes": size,
                "contentType": "video/mp4",
            }
        },
        token,
    )["data"]["startVideoUpload"]
    if started["errors"]:
        raise RuntimeError(f"startVideoUpload: {started['errors']}")
    upload = started["upload"]
    part_size = upload["partSizeBytes"]
    with concurrent.futures.ThreadPoolExecutor(parallel) as pool:
        futures = {
            part["partNumber"]: pool.submit(
                put_part,
                part["url"],
                path,
                (part["partNumber"] - 1) * part_size,
                part["sizeBytes"],
            )
            for part in upload["parts"]
        }
        etags = [{"partNumber": n, "etag": f.result()} for n, f in sorted(futures.items())]
    complete_started = time.perf_counter()
    completed = graphql(
        url, COMPLETE, {"input": {"uploadId": upload["id"], "parts": etags}}, token
    )["data"]["completeVideoUpload"]
    return completed, time.perf_counter() - complete_started


def check_video(label: str, payload: dict, size: int, digest: str) -> None:
    if payload.get("errors"):
        raise RuntimeError(f"{label}: {payload['errors']}")
    video = payload["video"]
    if video["sizeBytes"] != size or video["sha256"] != digest:
        raise RuntimeError(f"{label}: stored {video} does not match the file")


def signup(url: str, name: str) -> str:
    answer = graphql(
        url,
        "mutation($i: SignupInput!) { signup(input: $i) { accessToken errors { code } } }",
        {
            "i": {
                "username": name,
                "email": f"{name}@example.com",
                "password": PASSWORD,
                "password2": PASSWORD,
            }
        },
    )
    return answer["data"]["signup"]["accessToken"]


# --- the runs -----------------------------------------------------------------------------


def app_rows(
    database: str, env: dict[str, str], path: Path, digest: str, args, storage: str
) -> list[Row]:
    """Each path on a freshly started server, so one path's memory is not another's idle."""
    size = path.stat().st_size
    rows = []
    with served_app(database, workers=1, **env) as server:
        url, process = server.url, server.process
        token = signup(url, f"bench_{storage}_{uuid.uuid4().hex[:6]}")

        def through_api() -> None:
            check_video("uploadVideo", upload_video(url, token, path), size, digest)

        rows.append(
            measure(
                f"{storage}: uploadVideo", size, through_api, repeat=args.repeat, pid=process.pid
            )
        )
    with served_app(database, workers=1, **env) as server:
        url, process = server.url, server.process
        token = signup(url, f"bench_{storage}_{uuid.uuid4().hex[:6]}")

        def direct() -> str:
            payload, complete_seconds = direct_upload(url, token, path, args.parallel)
            check_video("direct", payload, size, digest)
            return f"complete {complete_seconds:.1f} s"

        rows.append(
            measure(
                f"{storage}: direct ({args.parallel} parts at a time)",
                size,
                direct,
                repeat=args.repeat,
                pid=process.pid,
            )
        )
    return rows


def s3_rows(seaweed: SeaweedS3, database: str, path: Path, digest: str, args) -> list[Row]:
    size = path.stat().st_size
    bucket = f"video-bench-{uuid.uuid4().hex[:8]}"
    client = boto3.client(
        "s3",
        endpoint_url=seaweed.endpoint_url,
        region_name=seaweed.region,
        aws_access_key_id=seaweed.access_key,
        aws_secret_access_key=seaweed.secret_key,
        config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"),
    )
    client.create_bucket(Bucket=bucket)

    def plain_boto3() -> None:
        with open(path, "rb") as handle:
            client.upload_fileobj(handle, bucket, "plain/video.mp4")
        client.delete_object(Bucket=bucket, Key="plain/video.mp4")

    try:
        # A fresh SeaweedFS grows its volumes during the first writes: not part of any path.
        plain_boto3()
        rows = [measure("s3: boto3 upload_fileobj (limit)", size, plain_boto3, repeat=args.repeat)]
        env = {
            **seaweed.env(),
            "VECTOR_STORAGE_BACKEND": "s3",
            "VECTOR_S3_BUCKET": bucket,
            "VECTOR_MAX_UPLOAD_BYTES": str(2**31 - 1),
        }
        return rows + app_rows(database, env, path, digest, args, "s3")
    finally:
        paginator = client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                client.delete_object(Bucket=bucket, Key=item["Key"])
        for upload in client.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
            client.abort_multipart_upload(
                Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"]
            )
        client.delete_bucket(Bucket=bucket)


def disk_rows(database: str, path: Path, digest: str, args) -> list[Row]:
    size = path.stat().st_size

    def plain_copy() -> None:
        with tempfile.TemporaryDirectory(prefix="vector-bench-copy-") as scratch:
            target = Path(scratch) / "video.mp4"
            with open(path, "rb") as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out, MiB)
                out.flush()
                os.fsync(out.fileno())

    rows = [measure("disk: copy + fsync (limit)", size, plain_copy, repeat=args.repeat)]
    env = {"VECTOR_STORAGE_BACKEND": "disk", "VECTOR_MAX_UPLOAD_BYTES": str(2**31 - 1)}
    return rows + app_rows(database, env, path, digest, args, "disk")


def print_table(rows: list[Row]) -> None:
    print()
    print(
        f"{'path':<34} {'seconds':>8} {'MB/s':>7} {'x limit':>8} "
        f"{'idle MB':>8} {'peak MB':>8} {'delta MB':>9}  note"
    )
    limit = None
    for row in rows:
        if row.label.endswith("(limit)"):
            limit = row
        ratio = f"{row.seconds / limit.seconds:.2f}" if limit else ""
        if row.idle_rss is None or row.peak_rss is None:
            rss = f"{'':>8} {'':>8} {'':>9}"
        else:
            delta = (row.peak_rss - row.idle_rss) / MB
            flag = "" if delta <= 100 else " !"
            rss = f"{row.idle_rss / MB:>8.0f} {row.peak_rss / MB:>8.0f} {delta:>9.0f}{flag}"
        print(
            f"{row.label:<34} {row.seconds:>8.1f} {row.mb_per_s:>7.0f} {ratio:>8} {rss}  {row.note}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024, help="file size in MiB")
    parser.add_argument("--parallel", type=int, default=4, help="part PUTs in flight")
    parser.add_argument("--repeat", type=int, default=2, help="runs per path (best time)")
    parser.add_argument("--skip-disk", action="store_true", help="S3 rows only")
    parser.add_argument("--skip-s3", action="store_true", help="disk rows only")
    args = parser.parse_args()

    path, digest = bench_video(args.size_mb * MiB)
    size = path.stat().st_size
    print(f"video: {path} ({size / MB:.0f} MB), {os.cpu_count()} CPUs", flush=True)
    rows: list[Row] = []
    with scratch_database() as database:
        if not args.skip_s3:
            seaweed = SeaweedS3().start()
            try:
                rows += s3_rows(seaweed, database, path, digest, args)
            finally:
                seaweed.stop()
        if not args.skip_disk:
            rows += disk_rows(database, path, digest, args)
    print_table(rows)
    print(
        f"\nseconds: best of {args.repeat}. RSS: the server process and its children, sampled "
        "every 50 ms,\nfrom just before the first run to the peak over all runs, each path on "
        "a fresh server.\nTarget: delta <= 100 MB (! marks a miss)."
    )


if __name__ == "__main__":
    main()

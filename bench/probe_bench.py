"""Benchmark: probe time against video length, with and without a duration header.

Generates (once, cached under /tmp/vector_probe_bench) tiny 64x64 videos of 10 s, 10 min and
1 h as

* mp4   - regular MP4 with the moov at the end (duration header in mvhd),
* fmp4  - fragmented MP4 with an empty moov (MediaRecorder-style MP4: no duration header),
* webm  - MediaRecorder-style WebM: VP8 + Opus written to a pipe and rewritten to Chrome's
          layout (unknown-size Segment and Clusters, no Duration, no Cues),

then prints probe_video's time (best of N; "parse ms" is the container stage alone, the rest
is OpenCV opening the file and decoding one frame) and the duration found against the true
length.
The naive OpenCV answer (CAP_PROP_FRAME_COUNT / CAP_PROP_FPS) is shown for contrast.

Run: PYTHONPATH=src python bench/probe_bench.py [--repeat 5] [--lengths 10,600,3600]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

import cv2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.fixtures.media import ffprobe_duration, make_video  # noqa: E402
from vector_gql.services.media import probe as probe_mod  # noqa: E402
from vector_gql.services.media._container import Source  # noqa: E402
from vector_gql.services.media.probe import probe_video  # noqa: E402

CACHE = Path("/tmp/vector_probe_bench")
KINDS: dict[str, dict[str, Any]] = {
    "mp4": dict(fmt="mp4", codec="h264"),
    "fmp4": dict(fmt="fmp4", codec="h264", no_duration_header=True),
    "webm": dict(fmt="webm", codec="vp8", chrome_style=True),
}


def ensure(kind: str, seconds: int) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    ext = "mp4" if "mp4" in kind else kind
    path = CACHE / f"{kind}_{seconds}s.{ext}"
    if not path.exists():
        t0 = time.perf_counter()
        make_video(path, seconds=seconds, fps=10, size=(64, 64), audio=True, gop=50, **KINDS[kind])
        print(f"  generated {path.name} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return path


def parse_only(path: Path) -> None:
    """The container-parsing stage alone (no OpenCV), to show where probe time goes."""
    with open(path, "rb", buffering=0) as f:
        src = Source(f, os.path.getsize(path))
        kind = probe_mod.sniff_container(src.read_at(0, 4096))
        assert kind is not None, path
        probe_mod._PARSERS[kind](src, kind)


def best_of(fn, path: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(path)
        best = min(best, time.perf_counter() - t0)
    return best


def naive_opencv(path: Path) -> float:
    cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
    try:
        fps = cap.get(cv2.CAP_PROP_FPS)
        frames = cap.get(cv2.CAP_PROP_FRAME_COUNT)
        return frames / fps if fps > 0 else float("nan")
    finally:
        cap.release()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--lengths", default="10,600,3600")
    args = ap.parse_args()
    lengths = [int(x) for x in args.lengths.split(",")]

    header = (
        f"{'kind':6} {'length':>8} {'size':>9} {'probe ms':>9} {'parse ms':>9} {'found s':>10} "
        f"{'true s':>8} {'ffprobe s':>10} {'error s':>8} {'cv2 n/fps':>12}"
    )
    print(header)
    print("-" * len(header))
    for kind in KINDS:
        for seconds in lengths:
            path = ensure(kind, seconds)
            info = probe_video(path)
            best = best_of(probe_video, path, args.repeat)
            parse = best_of(parse_only, path, args.repeat)
            ref = ffprobe_duration(path)
            naive = naive_opencv(path)
            size_mb = os.path.getsize(path) / 1e6
            print(
                f"{kind:6} {seconds:>7}s {size_mb:>7.1f}MB "
                f"{best * 1000:>9.1f} {parse * 1000:>9.2f} "
                f"{info.duration_seconds:>10.3f} {seconds:>8} "
                f"{(f'{ref:.3f}' if ref is not None else 'N/A'):>10} "
                f"{info.duration_seconds - seconds:>+8.3f} {naive:>12.6g}"
            )


if __name__ == "__main__":
    main()

"""Benchmark: making one video's poster, as the media.poster job does, without the queue.

Generates (once, cached under /tmp/vector_poster_bench) 30 s recordings at the sizes
and in the formats answers come in (MP4/H.264 at 720p and 1080p, Chrome-style WebM/VP8
at 720p, without an index to seek by), then times ``DecoderPool.render_poster`` on a
warm decoder process: wall time per poster (best and median of N), the server
process's own CPU time (the decode runs in the capped worker, so this should be
near zero), and the JPEG's size.

Run: PYTHONPATH=src python bench/poster_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.fixtures.media import make_video  # noqa: E402
from vector_gql.config import Settings  # noqa: E402
from vector_gql.services.media.frame_decoder import DecoderPool  # noqa: E402
from vector_gql.services.media.posters import (  # noqa: E402
    POSTER_MAX_WIDTH,
    POSTER_POSITION,
    POSTER_QUALITY,
)

CACHE = Path("/tmp/vector_poster_bench")
SECONDS = 30
CASES: dict[str, dict[str, Any]] = {
    "mp4 1280x720": dict(fmt="mp4", codec="h264", size=(1280, 720)),
    "mp4 1920x1080": dict(fmt="mp4", codec="h264", size=(1920, 1080)),
    "webm 1280x720 (no index)": dict(fmt="webm", codec="vp8", size=(1280, 720), chrome_style=True),
}


def ensure(name: str) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    spec = CASES[name]
    path: Path = CACHE / (name.split(" (")[0].replace(" ", "_") + "." + str(spec["fmt"]))
    if not path.exists():
        started = time.perf_counter()
        make_video(path, seconds=SECONDS, fps=25, gop=50, audio=True, **spec)
        print(f"  generated {path.name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    defaults = Settings()
    pool = DecoderPool(1, defaults.probe_memory_mb * 1024 * 1024, defaults.probe_timeout_seconds)
    try:
        print(
            f"poster of a {SECONDS} s video, frame at {POSTER_POSITION:.0%}, "
            f"at most {POSTER_MAX_WIDTH} px wide, JPEG quality {POSTER_QUALITY}; "
            f"best of {args.repeat}, warm decoder process"
        )
        print(f"{'video':28} {'best ms':>8} {'median ms':>10} {'server CPU ms':>14} {'JPEG':>14}")
        for name in CASES:
            path = ensure(name)
            walls, cpus = [], []
            size: tuple[int, int] | None = None
            length = 0
            for attempt in range(args.repeat + 1):
                with open(path, "rb", buffering=0) as video, tempfile.TemporaryFile() as out:
                    wall, cpu = time.perf_counter(), time.process_time()
                    report = pool.render_poster(
                        video.fileno(),
                        out.fileno(),
                        at_seconds=SECONDS * POSTER_POSITION,
                        max_width=POSTER_MAX_WIDTH,
                        max_pixels=defaults.max_video_pixels,
                        max_side=defaults.max_video_side,
                        quality=POSTER_QUALITY,
                    )
                    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                    assert report.decoded, report
                    size, length = report.size, os.fstat(out.fileno()).st_size
                if attempt:  # the first one starts the decoder process
                    walls.append(wall * 1000)
                    cpus.append(cpu * 1000)
            assert size is not None
            print(
                f"{name:28} {min(walls):8.1f} {statistics.median(walls):10.1f} "
                f"{statistics.median(cpus):14.2f} {f'{size[0]}x{size[1]} {length // 1024} KB':>14}"
            )
    finally:
        pool.close()


if __name__ == "__main__":
    main()

"""What ran on each core while a slow health request of abuse_bench.py waited.

Reads ``<prefix>.perf`` (``perf sched record``) and ``<prefix>.slow.json`` (the
slow requests, on the monotonic clock) that ``abuse_bench.py --trace DIR`` writes,
and prints for each slow request every stretch a task ran on a core from just
before the request was sent until it was answered, with how long that task had
waited for the core (``sch_delay``). The server, the client and the attacker are
all ``python``: their ids are in the header line of the table.

    python bench/slow_requests.py DIR/costly_aliases [--limit 10]
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path


def stretches(perf: Path) -> list[tuple[float, float, str, str, float]]:
    """(start, end, cpu, task, sch_delay ms) from ``perf sched timehist``."""
    out = subprocess.run(
        ["perf", "sched", "timehist", "-i", str(perf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rows = []
    for line in out[3:]:
        parts = line.split()
        try:
            end, run, delay = float(parts[0]), float(parts[-1]), float(parts[-2])
        except (ValueError, IndexError):
            continue
        rows.append((end - run / 1000, end, parts[1], " ".join(parts[2:-3]), delay))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", help="DIR/<attack> as abuse_bench.py --trace wrote it")
    parser.add_argument("--limit", type=int, default=10)
    args = parser.parse_args()
    slow = json.loads(Path(f"{args.prefix}.slow.json").read_text())
    rows = stretches(Path(f"{args.prefix}.perf"))
    for sent, answered in slow[: args.limit]:
        print(f"--- {1000 * (answered - sent):.2f} ms, sent at {sent:.6f}")
        for start, end, cpu, task, delay in rows:
            if end >= sent - 0.0002 and start <= answered + 0.0001:
                print(
                    f"   {cpu} {1000 * (start - sent):8.3f} .. {1000 * (end - sent):8.3f} ms  "
                    f"{task:30s} ran {1000 * (end - start):7.3f}, had waited {delay:6.3f}"
                )


if __name__ == "__main__":
    main()

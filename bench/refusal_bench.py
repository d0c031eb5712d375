"""What each refusal of abuse_bench.py costs the event loop: CPU, and its longest callback.

Serves the app with every event-loop callback timed (``loop_probe.py``: asyncio's
own loop instead of uvloop, the product's protocol and limits otherwise), seeds it
as abuse_bench.py does, then runs each attack of abuse_bench.py on ONE connection
(one request at a time) for ``--seconds``, and prints per refusal:

- the server's CPU time (its process: event loop, threads, kernel);
- the event loop's busy time (the sum of its callbacks) and callbacks;
- the longest callbacks, with what they were: a task's step from one await to
  the next (``step A -> B``), a socket read (``_read_ready``), ...
- the garbage collector's pauses.

A normal client's request that arrives during a callback waits for its end, so
the longest callbacks bound what one refusal can add to another request's
latency; the busy time per refusal, times the refusals a second, is the share of
the loop an attacker takes. Figures are printed, never asserted; everything
targets 127.0.0.1 and stops by itself.

    python bench/refusal_bench.py [--seconds 5] [--only big_list_http,...] [--top 8] [--profile]

``--profile`` prints cProfile's tables of the server's thread for each attack
instead (cProfile slows small calls down: it ranks costs, it does not measure them).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

from _common import _served, free_port, scratch_database, source_env
from abuse_bench import pin, seed

from vector_gql.config import Settings

ATTACKS = ["big_list_http", "big_list_ws", "costly_aliases", "repeated_uploads", "bomb"]


def stats(url: str, query: str = "") -> dict:
    with urllib.request.urlopen(url + "/__loop_stats" + query, timeout=30) as response:
        found: dict = json.loads(response.read())
    return found


def run_attack(url: str, attack: str, seed_data: dict, seconds: float, profile: bool) -> dict:
    bench = Path(__file__).with_name("abuse_bench.py")
    attacker = subprocess.Popen(
        [sys.executable, str(bench), "--attack", attack, url, json.dumps(seed_data)]
        + [str(seconds), "1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert attacker.stdout is not None
    attacker.stdout.readline()  # "started"
    stats(url)  # from the first request on
    if profile:
        stats(url, "?profile=start")
    out, _ = attacker.communicate(timeout=seconds + 180)
    recorded = stats(url)
    if profile:
        recorded["profile"] = stats(url, "?profile=stop")["profile"]
    recorded["outcomes"] = json.loads(out) if out.strip() else {"attacker failed": 1}
    return recorded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--only", default="")
    parser.add_argument("--top", type=int, default=8, help="longest callbacks shown")
    parser.add_argument("--interviews", type=int, default=30)
    parser.add_argument("--prompts", type=int, default=20)
    parser.add_argument(
        "--profile", action="store_true", help="print cProfile's tables of each attack instead"
    )
    args = parser.parse_args()
    attacks = [a for a in ATTACKS if not args.only or a in args.only.split(",")]

    defaults = Settings()
    port = free_port()
    data_dir = Path(f"/tmp/vector-bench-{port}")
    with scratch_database() as database:
        env = source_env(
            VECTOR_DATABASE_URL=database,
            VECTOR_PUBLIC_URL=f"http://127.0.0.1:{port}",
            VECTOR_DATA_DIR=str(data_dir),
            VECTOR_LOG_LEVEL="WARNING",
            VECTOR_BCRYPT_ROUNDS="4",
            VECTOR_QUERY_COST_MAX=str(defaults.query_cost_max),
            VECTOR_QUERY_BUDGET=str(defaults.query_budget),
            VECTOR_QUERY_BUDGET_RESTORE=str(defaults.query_budget_restore_per_second),
        )
        argv = [sys.executable, str(Path(__file__).with_name("loop_probe.py")), str(port)]
        try:
            with _served(argv, env, port, "/readyz") as app:
                cores = sorted(os.sched_getaffinity(0))
                if len(cores) >= 2:
                    pin(app.pid, {cores[0]})
                    os.sched_setaffinity(0, set(cores[1:]))
                seed_data = seed(app.url, args.interviews, args.prompts)
                for attack in attacks:
                    _forget_budgets(database)
                    result = run_attack(app.url, attack, seed_data, args.seconds, args.profile)
                    if args.profile:
                        print(f"\n== {attack}: {result['outcomes']}\n{result['profile']}")
                    else:
                        report(attack, result, args.top)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)


def _forget_budgets(database: str) -> None:
    import asyncio

    from abuse_bench import _forget_budgets as forget

    asyncio.run(forget(database))


def report(attack: str, r: dict, top: int) -> None:
    n = max(1, sum(r["outcomes"].values()))
    outcomes = ", ".join(f"{k} x{v}" for k, v in sorted(r["outcomes"].items()))
    gc = r["gc"]
    print(f"\n== {attack}: {outcomes} in {r['wall_s']:.1f} s")
    print(
        f"   per refusal: CPU {r['cpu_s'] * 1000 / n:.3f} ms, loop busy "
        f"{r['busy_ms'] / n:.3f} ms ({r['busy_cpu_ms'] / n:.3f} ms CPU) "
        f"in {r['callbacks'] / n:.1f} callbacks"
    )
    for clock in ("wall", "cpu"):
        q = r[clock]
        print(
            f"   callbacks ({clock}): p50 {q['0.5']:.3f} ms, p99 {q['0.99']:.3f}, "
            f"p99.9 {q['0.999']:.3f}, max {q['1.0']:.3f}"
        )
    print(
        f"   GC: {gc['pauses']} pauses (max {gc['max_ms']:.2f} ms, {gc['total_ms']:.1f} ms "
        f"in all, {gc['by_generation']}), {gc['collected']} objects collected"
    )
    if gc.get("young"):
        print("   the young generation before a collection:", gc["young"])
        for line in gc["young_sample"]:
            print("      ", line)
    print("   the longest callbacks (wall ms, CPU ms):")
    for ms, cpu_ms, name in r["longest"][:top]:
        print(f"   {ms:8.3f} {cpu_ms:8.3f}  {name[:150]}")
    print("   callbacks of 0.2 ms or more, by name (count, ms in all):")
    for name, (count, ms) in list(r["named"].items())[:top]:
        print(f"   {count:6d} {ms:9.1f}  {name[:150]}")


if __name__ == "__main__":
    main()

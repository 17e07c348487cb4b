#!/usr/bin/env python3
"""What the access trail costs reads: read throughput at 64 connections with the trail (B,
as deployed) and without it (A, `serve --no-access-trail`, a hidden flag for this alone),
alternated run by run in the same session, medians of the runs.

usage: flock /tmp/ledgerd-cpu.lock python3 Benchmarks/trail_ab.py [--runs 3] [--seconds 10] [--connections 64] [--ledgerd BIN]

Per run and side, on a fresh data directory on disk (serve.py's seed: a directory and 2,048
open cases): starts the release daemon, warms it up, then drives reads with Debian's `wrk`
(Benchmarks/serve-load/read.lua) from a separate process:
  event  GET /events?from=<random>&limit=1   one recorded event (integration token)
  case   GET /cases/c<random>                a case's whole state, a view (practitioner token)
  unled  GET /views/unled                    every seeded case without a lead professional (manager token):
                                             a heavy read, whose trail entries name 2,048 cases
Every B response of case data waits for its trail entry to be durable (group-committed).
Prints per-run figures, medians and the B/A ratios as Markdown (what BENCHMARKS.md keeps).
Needs: apt-get install wrk.
"""
import argparse, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve import CASES, HERE, ROOT, seed, sh, start_server  # noqa: E402

KINDS = ("event", "case", "unled")


def wrk_reads(port, token, kind, events, connections, seconds):
    env = dict(os.environ, LEDGERD_TOKEN=token, LEDGERD_EVENTS=str(events), LEDGERD_PATH=kind, LEDGERD_CASES=str(CASES))
    out = sh(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", "-s", os.path.join(HERE, "read.lua"),
              f"http://127.0.0.1:{port}"], env=env).stdout
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out) or re.search(r"Socket errors: (.*)", out):
        raise RuntimeError(f"wrk saw failures ({kind}):\n{out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    m = re.search(r"requests in ([\d.]+)(m?s)", out)
    duration = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
    p99 = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return requests / duration, float(p99.group(1)) * scale


def trail_entries(ledgerd, data):
    out = subprocess.run([ledgerd, "access-log", "--data", data, "--verify"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"access-log --verify failed: {out.stdout}{out.stderr}")
    return int(re.search(r"verified (\d+) entries", out.stdout).group(1))


def side(ledgerd, work, trail, a):
    """One daemon's figures: {kind: (reads/s, p99 ms)} and the trail's entries afterwards."""
    data = os.path.join(work, "ledger")
    shutil.rmtree(data, ignore_errors=True)
    tokens = seed(ledgerd, data, work)
    events = CASES + 3
    cmd = [ledgerd, "serve", "--data", data, "--port", "0", "--log-level", "warning"] + ([] if trail else ["--no-access-trail"])
    proc, port = start_server(cmd)
    figures = {}
    try:
        wrk_reads(port, tokens["integration"], "event", events, a.connections, 2)  # warm-up
        for kind in KINDS:
            token = tokens[{"event": "integration", "case": "practitioner", "unled": "manager"}[kind]]
            figures[kind] = wrk_reads(port, token, kind, events, a.connections, a.seconds)
    finally:
        proc.send_signal(signal.SIGTERM)
        if proc.wait(timeout=30) != 0:
            raise RuntimeError("ledgerd serve did not exit 0 after SIGTERM")
    entries = trail_entries(ledgerd, data) if trail else 0
    return figures, entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--ledgerd", help="a release binary to measure (default: build this checkout's)")
    a = ap.parse_args()
    ledgerd = a.ledgerd
    if not ledgerd:
        sh(["swift", "build", "-c", "release", "--product", "ledgerd"], cwd=ROOT)
        ledgerd = os.path.join(ROOT, ".build", "release", "ledgerd")
    work = tempfile.mkdtemp(prefix="ledgerd-trail-bench-", dir=os.environ.get("BENCH_DIR"))
    samples = {}
    try:
        for run in range(a.runs):
            # Alternated: A first in odd runs, B first in even ones.
            for trail in ((False, True) if run % 2 == 0 else (True, False)):
                figures, entries = side(ledgerd, work, trail, a)
                label = "B trail" if trail else "A no trail"
                for kind, (rate, p99) in figures.items():
                    samples.setdefault((kind, label, "reads_per_s"), []).append(rate)
                    samples.setdefault((kind, label, "p99_ms"), []).append(p99)
                if trail:
                    samples.setdefault(("all", label, "entries_verified"), []).append(entries)
                print(f"run {run + 1} {label}: " + ", ".join(f"{k} {r:,.0f}/s p99 {p:.1f} ms" for k, (r, p) in figures.items())
                      + (f", {entries:,} entries verified" if trail else ""), file=sys.stderr)
        print(f"\n`flock /tmp/ledgerd-cpu.lock python3 Benchmarks/trail_ab.py --runs {a.runs} --seconds {a.seconds} "
              f"--connections {a.connections}`\n")
        print("| reads | side | measure | median | runs |")
        print("|---|---|---|---|---|")
        med = {}
        for key in sorted(samples):
            values = samples[key]
            med[key] = statistics.median(values)
            digits = 1 if key[2].endswith("_ms") else 0
            print(f"| {key[0]} | {key[1]} | {key[2]} | {med[key]:,.{digits}f} | {', '.join(f'{v:,.{digits}f}' for v in values)} |")
        print("\n| reads | B / A (medians) | per run | cost |")
        print("|---|---|---|---|")
        for kind in KINDS:
            a_rates, b_rates = samples[(kind, "A no trail", "reads_per_s")], samples[(kind, "B trail", "reads_per_s")]
            ratio = med[(kind, "B trail", "reads_per_s")] / med[(kind, "A no trail", "reads_per_s")]
            per_run = ", ".join(f"{b / x:.2f}" for x, b in zip(a_rates, b_rates))
            print(f"| {kind} | {ratio:.2f} | {per_run} | {100 * (1 - ratio):.0f}% |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

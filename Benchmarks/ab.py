#!/usr/bin/env python3
"""A/B of ledgerd builds on one workload, alternated run by run, beside a peer.

usage: Benchmarks/ab.py --base BIN --new BIN [--also NAME=BIN ...] [--cases 25000] [--runs 3]
                        [--appends 5000] [--workload FILE]

For each run, the builds in rotated order (each goes first in turn):
import of `ledgerd demo --cases N --seed 1` into an empty ledger, export to /dev/null,
verify, and 64 concurrent durable appenders (`bench-append`); then, once per run, the
eventsourcing-sqlite peer's import of the same file (../shared/peers/peer_bench.py), so the
ratios to a peer come from the same run. Prints medians, each run's figures, new/base ratios.
The machine is shared and noisy: read the ratios and medians.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, shell=False):
    start = time.perf_counter()
    result = subprocess.run(cmd, shell=shell, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, result.stdout


def measure(binary, workload, events, work, appends):
    data = os.path.join(work, "ledger")
    shutil.rmtree(data, ignore_errors=True)
    figures = {}
    seconds, _ = timed([binary, "import", workload, "--data", data])
    figures["import_ev_s"] = events / seconds
    seconds, _ = timed(f"'{binary}' export --data '{data}' > /dev/null", shell=True)
    figures["export_ev_s"] = events / seconds
    seconds, _ = timed([binary, "verify", "--data", data])
    figures["verify_ev_s"] = events / seconds
    figures["bytes_per_event"] = os.path.getsize(os.path.join(data, "data.mdb")) / events
    scratch = os.path.join(work, "append")
    shutil.rmtree(scratch, ignore_errors=True)
    _, out = timed([binary, "bench-append", "--data", scratch, "--concurrency", "64", "--events", str(appends)])
    figures["appends_c64_ev_s"] = float(re.search(r"per_s (\d+)", out).group(1))
    shutil.rmtree(data, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)
    return figures


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--new", required=True)
    p.add_argument("--cases", type=int, default=25000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--appends", type=int, default=5000)
    p.add_argument("--also", action="append", default=[], help="NAME=BIN: a further build, compared with base too")
    p.add_argument("--workload", help="an NDJSON workload instead of `demo --cases N --seed 1`")
    p.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "peers"))
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="ledgerd-ab-")
    workload = a.workload or os.path.join(work, "workload.ndjson")
    if not a.workload:
        with open(workload, "w") as out:
            subprocess.run([a.new, "demo", "--cases", str(a.cases), "--seed", "1"], stdout=out, check=True)
    events = sum(1 for _ in open(workload, "rb"))
    print(f"workload: {a.workload or f'demo --cases {a.cases} --seed 1'}, {events} requests", flush=True)
    builds = {"base": a.base, "new": a.new}
    for extra in a.also:
        name, _, binary = extra.partition("=")
        builds[name] = binary
    names = list(builds)
    results = {name: [] for name in names}
    peer = []
    try:
        for run in range(a.runs):
            order = names[run % len(names):] + names[:run % len(names)]
            for name in order:
                figures = measure(builds[name], workload, events, work, a.appends)
                results[name].append(figures)
                print(f"run {run + 1} {name}: " + ", ".join(f"{k} {v:,.0f}" for k, v in figures.items()), flush=True)
            _, out = timed([sys.executable, os.path.join(a.peers, "peer_bench.py"), "es-sqlite", workload, "--single", "10"])
            match = re.search(r"bulk_import_events_per_s (\d+)", out)
            if match:
                peer.append(float(match.group(1)))
                print(f"run {run + 1} eventsourcing-sqlite: bulk_import_events_per_s {peer[-1]:,.0f}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    others = [n for n in names if n != "base"]
    print("\n| measure | base (median) | " + " | ".join(f"{n} (median) | {n} / base" for n in others) + " |")
    print("|---|---|" + "---|---|" * len(others))
    for key in results["base"][0]:
        base = statistics.median(r[key] for r in results["base"])
        cells = []
        for n in others:
            value = statistics.median(r[key] for r in results[n])
            cells.append(f"{value:,.0f} | {value / base:.3f}")
        print(f"| {key} | {base:,.0f} | " + " | ".join(cells) + " |")
    if peer:
        sqlite = statistics.median(peer)
        for name in names:
            ratio = statistics.median(r["import_ev_s"] for r in results[name]) / sqlite
            print(f"| import vs eventsourcing-sqlite ({name}) | | | {ratio:.2f}x |")


if __name__ == "__main__":
    main()

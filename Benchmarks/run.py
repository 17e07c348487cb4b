#!/usr/bin/env python3
"""End-to-end benchmarks of ledgerd beside the peers in ../shared/peers, same workload, same run.

usage: Benchmarks/run.py [--cases 25000] [--runs 3] [--peers PATH]

Builds ledgerd in release mode, generates `ledgerd demo --cases N --seed 1`, then for each run
measures ledgerd and every peer on that workload, interleaved so machine noise hits all alike.
Prints a Markdown table of medians and of ratios to the peers (the figures BENCHMARKS.md keeps).
Needs: pip install eventsourcing==9.5.6 lmdb; gcc and liblmdb-dev for the C peer.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd, **kw):
    start = time.perf_counter()
    result = sh(cmd, **kw)
    return time.perf_counter() - start, result


def peer_lines(output):
    figures = {}
    for line in output.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1].endswith("_per_s"):
            figures[(parts[0], parts[1])] = float(parts[2])
    return figures


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=25000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "peers"))
    ap.add_argument("--single", type=int, default=1000, help="single durable appends per measure")
    a = ap.parse_args()

    sh(["swift", "build", "-c", "release", "--product", "ledgerd"], cwd=ROOT)
    ledgerd = os.path.join(ROOT, ".build", "release", "ledgerd")
    work = tempfile.mkdtemp(prefix="ledgerd-bench-")
    try:
        workload = os.path.join(work, "workload.ndjson")
        with open(workload, "w") as out:
            subprocess.run([ledgerd, "demo", "--cases", str(a.cases), "--seed", "1"], stdout=out, check=True)
        events = sum(1 for _ in open(workload, "rb"))
        limit = os.path.join(work, "lmdb_limit")
        sh(["gcc", "-O2", "-o", limit, os.path.join(a.peers, "lmdb_limit.c"), "-llmdb"])
        print(f"workload: {events} events ({os.path.getsize(workload) / events:.0f} bytes/request), {a.runs} runs", file=sys.stderr)

        samples = {}

        def add(key, value):
            samples.setdefault(key, []).append(value)

        for run in range(a.runs):
            data = os.path.join(work, "ledger")
            shutil.rmtree(data, ignore_errors=True)
            seconds, _ = timed([ledgerd, "import", "--data", data, workload])
            add(("ledgerd", "bulk_import_events_per_s"), events / seconds)
            seconds, _ = timed(["sh", "-c", f"'{ledgerd}' export --data '{data}' > /dev/null"])
            add(("ledgerd", "export_events_per_s"), events / seconds)
            seconds, _ = timed([ledgerd, "verify", "--data", data])
            add(("ledgerd", "verify_events_per_s"), events / seconds)
            add(("ledgerd", "bytes_per_event"), os.path.getsize(os.path.join(data, "data.mdb")) / events)
            for concurrency, count in ((1, a.single), (64, a.single * 10)):
                scratch = os.path.join(work, f"append{concurrency}")
                shutil.rmtree(scratch, ignore_errors=True)
                out = sh([ledgerd, "bench-append", "--data", scratch, "--concurrency", str(concurrency), "--events", str(count)]).stdout
                add(("ledgerd", f"durable_appends_c{concurrency}_per_s"), float(re.search(r"per_s (\d+)", out).group(1)))

            for peer in ("es-sqlite", "lmdb"):
                out = sh([sys.executable, os.path.join(a.peers, "peer_bench.py"), peer, workload, "--single", str(a.single)]).stdout
                for key, value in peer_lines(out).items():
                    add(key, value)
            limit_dir = os.path.join(work, "limit")
            shutil.rmtree(limit_dir, ignore_errors=True)
            os.makedirs(limit_dir)
            out = sh([limit, limit_dir, workload, str(a.single)]).stdout
            for line in out.splitlines():
                parts = line.split()
                if len(parts) >= 3:
                    try:
                        add((parts[0], parts[1]), float(parts[2]))
                    except ValueError:
                        pass
            print(f"run {run + 1}/{a.runs} done", file=sys.stderr)

        med = {k: statistics.median(v) for k, v in samples.items()}
        print(f"\nworkload: `ledgerd demo --cases {a.cases} --seed 1` = {events} events; medians of {a.runs} runs\n")
        print("| system | measure | median | runs |")
        print("|---|---|---|---|")
        for (system, measure), value in sorted(med.items()):
            runs = ", ".join(f"{x:,.0f}" for x in samples[(system, measure)])
            print(f"| {system} | {measure} | {value:,.0f} | {runs} |")

        def ratio(a_key, b_key):
            if a_key in med and b_key in med and med[b_key]:
                return f"{med[a_key] / med[b_key]:.2f}×"
            return "n/a"

        print("\n| ratio | value |")
        print("|---|---|")
        L = "ledgerd"
        print(f"| import vs eventsourcing-sqlite bulk | {ratio((L, 'bulk_import_events_per_s'), ('eventsourcing-sqlite', 'bulk_import_events_per_s'))} |")
        print(f"| import vs py-lmdb raw puts | {ratio((L, 'bulk_import_events_per_s'), ('py-lmdb', 'bulk_import_events_per_s'))} |")
        limit_keys = [k for k in med if k[0] not in (L, "eventsourcing-sqlite", "py-lmdb") and "bulk" in k[1]]
        for k in limit_keys:
            print(f"| import vs {k[0]} {k[1]} | {ratio((L, 'bulk_import_events_per_s'), k)} |")
        print(f"| 64 vs 1 concurrent durable appenders | {ratio((L, 'durable_appends_c64_per_s'), (L, 'durable_appends_c1_per_s'))} |")
        print(f"| 1 durable appender vs eventsourcing-sqlite single appends | {ratio((L, 'durable_appends_c1_per_s'), ('eventsourcing-sqlite', 'single_append_events_per_s'))} |")
        print(f"| 64 durable appenders vs eventsourcing-sqlite single appends | {ratio((L, 'durable_appends_c64_per_s'), ('eventsourcing-sqlite', 'single_append_events_per_s'))} |")
        print(f"| export vs eventsourcing-sqlite replay read+decode | {ratio((L, 'export_events_per_s'), ('eventsourcing-sqlite', 'replay_read_decode_events_per_s'))} |")
        print(f"| export vs py-lmdb cursor scan + decode | {ratio((L, 'export_events_per_s'), ('py-lmdb', 'replay_read_decode_events_per_s'))} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

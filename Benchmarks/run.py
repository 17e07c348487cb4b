#!/usr/bin/env python3
"""End-to-end benchmarks of ledgerd beside the peers in ../shared/peers, same workload, same run.

usage: Benchmarks/run.py [--cases 25000] [--runs 3] [--peers PATH]

Builds ledgerd in release mode, generates `ledgerd demo --cases N --seed 1`, then for each run
measures ledgerd and every peer on that workload, interleaved so machine noise hits all alike.
Prints a Markdown table of medians and of ratios to the peers (the figures BENCHMARKS.md keeps).
Needs: pip install eventsourcing==9.5.6 lmdb; gcc and liblmdb-dev for the C peer.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, time

from medians import print_table, ratio as medians_ratio

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def timed(cmd, **kw):
    start = time.perf_counter()
    result = sh(cmd, **kw)
    return time.perf_counter() - start, result


def peak_memory(cmd):
    """Runs cmd; returns (seconds, stdout, peak RssAnon KiB, peak VmHWM KiB).

    RssAnon is the process's own heap; VmHWM also counts the pages of LMDB's memory map that
    a scan touches, which belong to the page cache rather than to the process's working set.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    anon = hwm = 0
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                for line in f:
                    if line.startswith("RssAnon:"):
                        anon = max(anon, int(line.split()[1]))
                    elif line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError):
            pass
        time.sleep(0.02)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd, out, err)
    return time.perf_counter() - start, out, anon, hwm


def bench_lines(output):
    """BENCH lines as {name: value}, and each `key=value` after the value as {name.key: value}."""
    figures = {}
    for parts in (l.split() for l in output.splitlines()):
        if len(parts) >= 3 and parts[0] == "BENCH":
            figures[parts[1]] = float(parts[2])
            for extra in parts[3:]:
                key, _, value = extra.partition("=")
                try:
                    figures[f"{parts[1]}.{key}"] = float(value)
                except ValueError:
                    pass
    return figures


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
            # Projections: a full replay from seq 1, then the overdue view today and on a past date.
            seconds, _, anon, hwm = peak_memory([ledgerd, "replay", "--data", data])
            add(("ledgerd", "replay_events_per_s"), events / seconds)
            add(("ledgerd", "replay_peak_anon_mib"), anon / 1024)
            add(("ledgerd", "replay_peak_rss_incl_map_mib"), hwm / 1024)
            views = bench_lines(sh([ledgerd, "bench-views", "--data", data, "--runs", "21", "--past-runs", "1"]).stdout)
            add(("ledgerd", "overdue_current_ms"), views["overdue_current_ms"])
            # The process's first answer: the accountability chains are walked then, and remembered.
            add(("ledgerd", "overdue_current_first_ms"), views["overdue_current_ms.first"])
            add(("ledgerd", "overdue_current_json_ms"), views["overdue_current_json_ms"])
            add(("ledgerd", "overdue_past_date_ms"), views["overdue_past_ms"])
            seconds, _ = timed(["sh", "-c", f"'{ledgerd}' overdue --data '{data}' --format json > /dev/null"])
            add(("ledgerd", "overdue_cli_json_ms"), seconds * 1000)
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

        print(f"\nworkload: `ledgerd demo --cases {a.cases} --seed 1` = {events} events; medians of {a.runs} runs\n")
        med = print_table(samples, ms_digits=1)

        def ratio(a_key, b_key):
            return medians_ratio(med, a_key, b_key)

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
        print(f"| replay (projections rebuilt) vs eventsourcing-sqlite read+decode | {ratio((L, 'replay_events_per_s'), ('eventsourcing-sqlite', 'replay_read_decode_events_per_s'))} |")
        scan = [k for k in med if k[0] not in (L, "eventsourcing-sqlite", "py-lmdb") and k[1] == "scan_events_per_s"]
        for k in scan:
            print(f"| {k[0]} raw scan vs replay (goal ≤ 10×) | {ratio(k, (L, 'replay_events_per_s'))} |")
        print(f"| export vs py-lmdb cursor scan + decode | {ratio((L, 'export_events_per_s'), ('py-lmdb', 'replay_read_decode_events_per_s'))} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

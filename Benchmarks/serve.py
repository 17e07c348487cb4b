#!/usr/bin/env python3
"""`ledgerd serve` under load from separate processes, beside the peers' durable appends.

usage: Benchmarks/serve.py [--runs 3] [--seconds 10] [--subscribers 100] [--peers PATH]

Per run, on a fresh data directory on disk: starts the release daemon; drives durable
appends over HTTP with Debian's `wrk` (Benchmarks/serve-load/append.lua) at 1, 16 and 64
connections, one event per request, and at 64 connections with 10 events per request;
measures append -> Server-Sent Events delivery latency with N subscribers
(Benchmarks/serve-load/live_latency.c); then stops the daemon with SIGTERM (it must exit 0).
In the same run, the peers' single durable appends (eventsourcing-sqlite, py-lmdb) on a
small demo workload. Prints medians and ratios as Markdown (what BENCHMARKS.md keeps).
Needs: apt-get install wrk gcc; pip install eventsourcing==9.5.6 lmdb.
"""
import argparse, json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time, urllib.request, uuid

from medians import print_table, ratio as medians_ratio

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "Benchmarks", "serve-load")
CASES = 2048


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def seed(ledgerd, data, work):
    """A directory (la1, sc, sw1) and CASES open cases c0…: the streams the load appends to.
    Enough of them that each ends a run with tens of events, as real cases have, rather than
    thousands (which would make every projection catch-up re-encode a huge record)."""
    lines = [
        '{"eventId":"00000000-0000-4000-8000-000000000001","stream":"authority-la1","type":"LocalAuthorityRegistered","occurredAt":"2025-03-04T10:00:00Z","actor":"system:bench","data":{"authorityId":"la1","name":"LA","directorOfChildrensServices":"D"}}',
        '{"eventId":"00000000-0000-4000-8000-000000000002","stream":"agency-sc","type":"AgencyRegistered","occurredAt":"2025-03-04T10:00:00Z","actor":"system:bench","data":{"agencyId":"sc","name":"Social Care","authorityId":"la1","sector":"statutory","service":"social-care"}}',
        '{"eventId":"00000000-0000-4000-8000-000000000003","stream":"practitioner-sw1","type":"PractitionerRegistered","occurredAt":"2025-03-04T10:00:00Z","actor":"system:bench","data":{"practitionerId":"sw1","name":"S W","agencyId":"sc","role":"social-worker","lineManagerId":null}}',
    ]
    for n in range(CASES):
        lines.append(
            f'{{"eventId":"00000000-0000-4000-8001-{n:012x}","stream":"case-c{n}","type":"CaseOpened","occurredAt":"2025-03-04T10:15:00Z","actor":"sw1",'
            f'"data":{{"caseId":"c{n}","childId":"ch-{n}","dateOfBirth":null,"gender":"male","ethnicity":"WBRI","openedOn":"2025-03-04","openedBy":"sw1"}}}}')
    path = os.path.join(work, "seed.ndjson")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    sh([ledgerd, "import", "--data", data, path])
    tokens = {}
    for role, principal in (("practitioner", ["--practitioner", "sw1"]), ("integration", ["--system", "bench"]),
                            ("manager", ["--agency", "sc"])):
        tokens[role] = sh([ledgerd, "token", "add", "--data", data, "--role", role, "--name", role] + principal).stdout.strip().splitlines()[-1]
    return tokens


def start_server(cmd):
    """Starts a ledgerd server command (`serve`, `witness serve`) on --port 0; returns it and its port."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    match = re.search(r"serving https?://127\.0\.0\.1:(\d+)", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"{' '.join(cmd[1:3])} did not start: {line!r}")
    return proc, int(match.group(1))


def start(ledgerd, data):
    return start_server([ledgerd, "serve", "--data", data, "--port", "0", "--log-level", "warning"])


def wrk(port, token, connections, seconds, batch, salt):
    env = dict(os.environ, LEDGERD_TOKEN=token, LEDGERD_BATCH=str(batch), LEDGERD_SALT=salt)
    threads = min(2, connections)
    out = sh(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
              "-s", os.path.join(HERE, "append.lua"), f"http://127.0.0.1:{port}"], env=env).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    duration = float(re.search(r"requests in ([\d.]+)(m?s)", out).group(1))
    if re.search(r"requests in [\d.]+ms", out):
        duration /= 1000
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    if bad or errors:
        raise RuntimeError(f"wrk saw failures at c={connections} batch={batch}:\n{out}")

    def latency(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return requests * batch / duration, latency(50), latency(99)


def cli_append_to_view(ledgerd, data, port, work, samples=20):
    """Milliseconds from a `ledgerd append` process exiting to the daemon's projections (and
    so its views) holding the event, polled through /health: median and worst of `samples`."""
    def health():
        return json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/health").read())
    path = os.path.join(work, "one.ndjson")
    delays = []
    for _ in range(samples):
        before = health()["headSeq"]
        with open(path, "w") as f:
            f.write('{"eventId":"%s","stream":"case-c1","type":"ConsentRecorded","occurredAt":"2025-03-04T10:20:00Z",'
                    '"actor":"sw1","data":{"scope":"assessment","givenBy":"parent","givenOn":"2025-03-04"}}\n' % uuid.uuid4())
        sh([ledgerd, "append", "--data", data, path])
        start = time.perf_counter()
        while True:
            h = health()
            if h["headSeq"] > before and h["projectionSeq"] == h["headSeq"]:
                break
        delays.append((time.perf_counter() - start) * 1000)
        time.sleep(0.05)
    return statistics.median(delays), max(delays)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--subscribers", type=int, default=100)
    ap.add_argument("--live-events", type=int, default=1000)
    ap.add_argument("--live-rate", type=float, default=200, help="appends per second while timing delivery")
    ap.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "peers"))
    ap.add_argument("--single", type=int, default=1000)
    a = ap.parse_args()

    sh(["swift", "build", "-c", "release", "--product", "ledgerd"], cwd=ROOT)
    ledgerd = os.path.join(ROOT, ".build", "release", "ledgerd")
    work = tempfile.mkdtemp(prefix="ledgerd-http-bench-")
    samples = {}

    def add(key, value):
        samples.setdefault(key, []).append(value)

    try:
        live = os.path.join(work, "live_latency")
        sh(["gcc", "-O2", "-pthread", "-o", live, os.path.join(HERE, "live_latency.c")])
        workload = os.path.join(work, "peers.ndjson")
        with open(workload, "w") as out:
            subprocess.run([ledgerd, "demo", "--cases", "500", "--seed", "1"], stdout=out, check=True)
        for run in range(a.runs):
            data = os.path.join(work, "ledger")
            shutil.rmtree(data, ignore_errors=True)
            tokens = seed(ledgerd, data, work)
            proc, port = start(ledgerd, data)
            try:
                median, worst = cli_append_to_view(ledgerd, data, port, work)
                add(("ledgerd", "cli_append_to_view_median_ms"), median)
                add(("ledgerd", "cli_append_to_view_max_ms"), worst)
                for n, (connections, batch) in enumerate(((1, 1), (16, 1), (64, 1), (64, 10))):
                    # Salts never 0: the seed's own eventIds start 00000000-.
                    rate, p50, p99 = wrk(port, tokens["practitioner"], connections, a.seconds, batch, f"{run + 1:04x}{n + 1:04x}")
                    key = f"http_c{connections}" + (f"_batch{batch}" if batch > 1 else "")
                    add(("ledgerd", f"{key}_events_per_s"), rate)
                    add(("ledgerd", f"{key}_p50_ms"), p50)
                    add(("ledgerd", f"{key}_p99_ms"), p99)
                out = sh([live, str(port), tokens["practitioner"], tokens["integration"], str(a.subscribers),
                          str(a.live_events), str(a.live_rate), str(CASES)]).stdout
                for line in out.splitlines():
                    parts = line.split()
                    if parts[:2] == ["LIVE", "deliveries"]:
                        delivered, expected = int(parts[2]), int(parts[4])
                        if delivered != expected:
                            raise RuntimeError(f"live stream lost events: {line}")
                    elif parts and parts[0] == "LIVE":
                        add(("ledgerd", f"live_{parts[1]}"), float(parts[2]))
            finally:
                started = time.perf_counter()
                proc.send_signal(signal.SIGTERM)
                status = proc.wait(timeout=30)
                add(("ledgerd", "sigterm_to_exit_ms"), (time.perf_counter() - started) * 1000)
                if status != 0:
                    raise RuntimeError(f"ledgerd serve exited {status} after SIGTERM")
            for peer in ("es-sqlite", "lmdb"):
                out = sh([sys.executable, os.path.join(a.peers, "peer_bench.py"), peer, workload, "--single", str(a.single)]).stdout
                for line in out.splitlines():
                    parts = line.split()
                    if len(parts) >= 3 and parts[1] == "single_append_events_per_s":
                        add((parts[0], parts[1]), float(parts[2]))
            print(f"run {run + 1}/{a.runs} done", file=sys.stderr)

        print(f"\n`Benchmarks/serve.py --runs {a.runs} --seconds {a.seconds} --subscribers {a.subscribers}`: medians of {a.runs} runs\n")
        med = print_table(samples, ms_digits=2)
        L = "ledgerd"

        def ratio(a_key, b_key):
            return medians_ratio(med, a_key, b_key)

        print("\n| ratio | value |")
        print("|---|---|")
        print(f"| HTTP 64 vs 1 connections (durable events/s) | {ratio((L, 'http_c64_events_per_s'), (L, 'http_c1_events_per_s'))} |")
        print(f"| HTTP 16 vs 1 connections | {ratio((L, 'http_c16_events_per_s'), (L, 'http_c1_events_per_s'))} |")
        print(f"| HTTP 64 connections, 10-event batches vs 1 connection | {ratio((L, 'http_c64_batch10_events_per_s'), (L, 'http_c1_events_per_s'))} |")
        print(f"| HTTP 1 connection vs eventsourcing-sqlite single appends | {ratio((L, 'http_c1_events_per_s'), ('eventsourcing-sqlite', 'single_append_events_per_s'))} |")
        print(f"| HTTP 64 connections vs eventsourcing-sqlite single appends | {ratio((L, 'http_c64_events_per_s'), ('eventsourcing-sqlite', 'single_append_events_per_s'))} |")
        print(f"| HTTP 64 connections vs py-lmdb single synced appends | {ratio((L, 'http_c64_events_per_s'), ('py-lmdb', 'single_append_events_per_s'))} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The verifiable log's serving figures (issue #13), from separate processes.

usage: Benchmarks/trust.py --data LEDGER [--runs 3] [--seconds 10] [--appends 300] [--witness-tls]

Per run:
- on a copy of LEDGER (e.g. the 1,062,851-event harness ledger), `ledgerd serve` with its
  signing key; `wrk` at 16 connections on `GET /proofs/inclusion?seq=<random>` and, as the
  same daemon's baseline for a one-event read, `GET /events?from=<random>&limit=1`;
- on a fresh small ledger served with a witness policy naming one loopback `ledgerd witness
  serve`: APPENDS single-event appends one after another (each acknowledged, i.e. durable),
  while a poller reads `GET /checkpoint` every 2 ms; for each acknowledgement, the time until
  a checkpoint covering it was served, and until one also carried the witness's cosignature.
  With --witness-tls the witness serves HTTPS (a throwaway self-signed certificate, trusted
  through `serve --witness-cacert`), so every submission pays a TLS handshake.
Prints medians across runs (and each run's figures) as Markdown.
Needs: apt-get install wrk.
"""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, threading, time, urllib.request, json

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "Benchmarks", "serve-load")
sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
from serve import seed, sh, start_server as start  # noqa: E402  (the same seed and helpers as serve.py)


def wrk_reads(port, token, events, kind, seconds):
    env = dict(os.environ, LEDGERD_TOKEN=token, LEDGERD_EVENTS=str(events), LEDGERD_PATH=kind)
    out = sh(["wrk", "-t", "2", "-c", "16", "-d", f"{seconds}s", "--latency", "-s", os.path.join(HERE, "read.lua"),
              f"http://127.0.0.1:{port}"], env=env).stdout
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out) or re.search(r"Socket errors", out):
        raise RuntimeError(f"wrk saw failures ({kind}):\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def get(port, path, token):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return reply.read().decode()


def post(port, path, token, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body.encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        return json.loads(reply.read())


def proofs_run(ledgerd, source, seconds, work):
    data = os.path.join(work, "big")
    shutil.copytree(source, data)
    sh([ledgerd, "keys", "init", "--data", data])
    token = sh([ledgerd, "token", "add", "--data", data, "--role", "integration", "--name", "bench", "--system", "bench"]).stdout.strip().splitlines()[-1]
    events = json.loads(sh([ledgerd, "digest", "--data", data]).stdout)["seq"]
    proc, port = start([ledgerd, "serve", "--data", data, "--port", "0", "--log-level", "warning"])
    try:
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                get(port, "/checkpoint", token)
                break
            except Exception:
                time.sleep(0.1)
        proofs = wrk_reads(port, token, events, "proof", seconds)
        reads = wrk_reads(port, token, events, "event", seconds)
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(data)
    return proofs, reads


def latency_run(ledgerd, appends, work, tls=False):
    data, wdir = os.path.join(work, "small"), os.path.join(work, "witness")
    tokens = seed(ledgerd, data, work)
    vkey = sh([ledgerd, "keys", "init", "--data", data]).stdout.strip().splitlines()[-1]
    wkey = sh([ledgerd, "witness", "init", "--data", wdir, "--name", "witness.bench"]).stdout.strip().splitlines()[-1]
    tls_args, trust_args = [], []
    if tls:
        cert, key = os.path.join(work, "w.pem"), os.path.join(work, "w.key")
        sh(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
            "-out", cert, "-days", "1", "-subj", "/CN=witness.bench", "-addext", "subjectAltName=IP:127.0.0.1"])
        os.chmod(key, 0o600)
        tls_args, trust_args = ["--tls-cert", cert, "--tls-key", key], ["--witness-cacert", cert]
    witness, wport = start([ledgerd, "witness", "serve", "--data", wdir, "--log", vkey, "--port", "0"] + tls_args)
    policy = os.path.join(work, "policy")
    with open(policy, "w") as f:
        f.write(f"witness {wkey} {'https' if tls else 'http'}://127.0.0.1:{wport}\nquorum 1\n")
    reader = sh([ledgerd, "token", "add", "--data", data, "--role", "integration", "--name", "poll", "--system", "poll"]).stdout.strip().splitlines()[-1]
    proc, port = start([ledgerd, "serve", "--data", data, "--port", "0", "--log-level", "warning", "--witness-policy", policy] + trust_args)
    seen = []  # (time, size, cosigned)
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            try:
                text = get(port, "/checkpoint", reader)
                seen.append((time.monotonic(), int(text.split("\n")[1]), "— witness.bench " in text))
            except Exception:
                pass
            time.sleep(0.002)

    poller = threading.Thread(target=poll)
    poller.start()
    acks = []
    try:
        time.sleep(1)
        for n in range(appends):
            body = ('{"eventId":"%08x-0000-4000-8000-%012x","type":"ConsentRecorded","occurredAt":"2025-03-04T10:20:00Z",'
                    '"actor":"sw1","data":{"scope":"assessment","givenBy":"parent","givenOn":"2025-03-04"}}') % (int(time.time()) & 0xFFFFFFFF, n)
            reply = post(port, f"/streams/case-c{n % 2048}", tokens["practitioner"], body)
            acks.append((time.monotonic(), reply["seq"]))
            time.sleep(0.02)
        time.sleep(3)
    finally:
        stop.set()
        poller.join()
        proc.terminate()
        proc.wait(30)
        witness.terminate()
        witness.wait(30)
        shutil.rmtree(data)
        shutil.rmtree(wdir)

    def delays(cosigned):
        out = []
        for at, seq in acks:
            first = next((t for t, size, c in seen if t >= at and size >= seq and (c or not cosigned)), None)
            out.append(float("inf") if first is None else (first - at) * 1000)
        return sorted(out)

    def p(values, q):
        return values[min(len(values) - 1, int(q * len(values)))]

    signed, cosigned = delays(False), delays(True)
    return p(signed, 0.5), p(signed, 0.99), p(cosigned, 0.5), p(cosigned, 0.99)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="a ledger to serve proofs from (copied per run)")
    parser.add_argument("--ledgerd", default=os.path.join(ROOT, ".build", "release", "ledgerd"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--appends", type=int, default=300)
    parser.add_argument("--witness-tls", action="store_true", help="the witness serves HTTPS")
    a = parser.parse_args()
    rows = {k: [] for k in ("proofs", "reads", "ratio", "signed50", "signed99", "cosigned50", "cosigned99")}
    for run in range(a.runs):
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as work:
            proofs, reads = proofs_run(a.ledgerd, a.data, a.seconds, work)
            s50, s99, c50, c99 = latency_run(a.ledgerd, a.appends, work, a.witness_tls)
        for k, v in zip(rows, (proofs, reads, proofs / reads, s50, s99, c50, c99)):
            rows[k].append(v)
        print(f"run {run + 1}: proofs {proofs:.0f}/s, one-event reads {reads:.0f}/s, ack→checkpoint p50 {s50:.0f} ms p99 {s99:.0f} ms, "
              f"ack→cosigned p50 {c50:.0f} ms p99 {c99:.0f} ms", flush=True)
    names = {"proofs": "GET /proofs/inclusion, 16 connections, req/s", "reads": "GET /events?limit=1 (same daemon), req/s",
             "ratio": "proofs / one-event reads", "signed50": "ack → covering checkpoint, p50 ms", "signed99": "ack → covering checkpoint, p99 ms",
             "cosigned50": "ack → cosigned by the loopback witness, p50 ms", "cosigned99": "ack → cosigned, p99 ms"}
    print("\n| measure | median | runs |\n|---|---|---|")
    for k, values in rows.items():
        print(f"| {names[k]} | {statistics.median(values):,.2f} | {', '.join(f'{v:,.2f}' for v in values)} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What reads scoped to a token's principal cost (issue #15): the same questions, with the same
answers, asked of the build before scoping with an unscoped token and of this build with
scoped ones, at 16 connections (`wrk`, a separate process), alternated run by run.

usage: Benchmarks/scope.py --base OLD/ledgerd --new NEW/ledgerd [--cases 2000] [--runs 3]
                           [--seconds 8] [--serve-args=--no-access-trail]

Questions (each answers the same bytes on both builds):
- `GET /views/overdue?agency=A`: base, an unscoped manager token; new, a manager bound to
  agency A (its visible cases from the involvement index, every request) and an auditor bound
  to the authority (the fast path: one authority owns every agency, nothing to filter).
- `GET /cases/ID`: base, an unscoped practitioner token; new, a token of the practitioner who
  opened the case (`mayRead` before the view).
Prints per-run figures, medians and new/base ratios. The base build predates principals, so
its tokens are made without them.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve import start_server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "Benchmarks", "serve-load")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def token(ledgerd, data, role, principal):
    out = sh([ledgerd, "token", "add", "--data", data, "--role", role, "--name", f"{role}-{time.time_ns()}"] + principal)
    return out.stdout.strip().splitlines()[-1]


def wrk(port, token_, path, seconds):
    env = dict(os.environ, LEDGERD_TOKEN=token_, LEDGERD_GET=path)
    out = sh(["wrk", "-t", "2", "-c", "16", "-d", f"{seconds}s", "-s", os.path.join(HERE, "get.lua"),
              f"http://127.0.0.1:{port}"], env=env).stdout
    if re.search(r"Non-2xx or 3xx responses: (\d+)", out) or re.search(r"Socket errors", out):
        raise RuntimeError(f"wrk saw failures on {path}:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--serve-args", default="", help="extra `serve` arguments for the new build")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ledgerd-scope-")
    try:
        workload = os.path.join(work, "demo.ndjson")
        with open(workload, "w") as out:
            subprocess.run([a.new, "demo", "--cases", str(a.cases), "--seed", "7"], stdout=out, check=True)
        builds = {"base": a.base, "new": a.new}
        data = {}
        for name, binary in builds.items():
            data[name] = os.path.join(work, name)
            sh([binary, "import", workload, "--data", data[name]])
        # An agency with overdue actions, and a case with its opener, from the new build's views.
        overdue = json.loads(sh([a.new, "overdue", "--data", data["new"], "--format", "json"]).stdout)
        agencies = [item["ownerAgencyId"] for item in overdue if item.get("ownerAgencyId")]
        agency = max(set(agencies), key=agencies.count)
        case_line = next(line for line in open(workload) if '"type":"CaseOpened"' in line)
        case_id = re.search(r'"caseId":"([^"]+)"', case_line).group(1)
        opener = re.search(r'"openedBy":"([^"]+)"', case_line).group(1)
        authority = re.search(r'"authorityId":"([^"]+)"', open(workload).readline()).group(1)
        print(f"workload: demo --cases {a.cases} --seed 7; agency {agency}, case {case_id} opened by {opener}", flush=True)

        tokens = {
            "base": {"manager": token(a.base, data["base"], "manager", []),
                     "practitioner": token(a.base, data["base"], "practitioner", [])},
            "new": {"manager": token(a.new, data["new"], "manager", ["--agency", agency]),
                    "auditor": token(a.new, data["new"], "auditor", ["--authority", authority]),
                    "practitioner": token(a.new, data["new"], "practitioner", ["--practitioner", opener])},
        }
        questions = [
            ("overdue_agency", f"/views/overdue?agency={agency}", {"base": "manager", "new": "manager", "new_fast": "auditor"}),
            ("case", f"/cases/{case_id}", {"base": "practitioner", "new": "practitioner"}),
        ]
        samples = {}
        for run in range(a.runs):
            order = ["base", "new"] if run % 2 == 0 else ["new", "base"]
            for name in order:
                extra = a.serve_args.split() if name == "new" else []
                proc, port = start_server([builds[name], "serve", "--data", data[name], "--port", "0", "--log-level", "warning"] + extra)
                try:
                    for label, path, who in questions:
                        for system, role in who.items():
                            if not system.startswith(name):
                                continue
                            wrk(port, tokens[name][role], path, 1)  # warm the projection and caches
                            rate = wrk(port, tokens[name][role], path, a.seconds)
                            samples.setdefault((system, label), []).append(rate)
                            print(f"run {run + 1} {system} {label}: {rate:,.0f} req/s", flush=True)
                finally:
                    proc.terminate()
                    proc.wait(timeout=30)
        print("\n| question | system | req/s median | runs | / base |\n|---|---|---|---|---|")
        for (system, label), values in sorted(samples.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            base = statistics.median(samples[("base", label)])
            med = statistics.median(values)
            runs = ", ".join(f"{v:,.0f}" for v in values)
            print(f"| {label} | {system} | {med:,.0f} | {runs} | {med / base:.3f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

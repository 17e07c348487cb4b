#!/usr/bin/env python3
"""Kill-and-check soak: SIGKILL appending ledgerd processes, over and over, and check that
nothing acknowledged is ever lost or changed.

Written from the outside: it drives only the `ledgerd` binary (demo, import, append, serve,
token, verify, export) and Python's standard library.

Each epoch starts a fresh ledger: the directory prefix of a `ledgerd demo` workload (authority,
agencies, practitioners, everything before the first case event) is imported, and the rest of
the workload is "pending". Each round then starts an appender on the pending requests and kills
it with SIGKILL at a random moment (after a random number of acknowledgements, or after a
random delay, which may fall before the process is even ready):

  cli   `ledgerd append FILE` on the next pending requests (an acknowledgement is a complete
        stdout line {"eventId","seq","version"}); in a fraction of the rounds two appenders run
        at once on the same directory (on disjoint streams, or both on the same requests).
  http  `ledgerd serve --port 0` and several client threads POSTing pending requests with
        http.client (an acknowledgement is a 201 or 200 response read in full).

A few requests that are already recorded are re-sent in every round: their acknowledgement
must give the original position (idempotency). Requests that were not acknowledged are simply
still pending (or already recorded) and are retried, byte for byte, in later rounds. Within a
round the requests keep the workload's order per stream, and a directory event is only sent
once everything before it is settled, so every request is valid when it is sent.

After every round:
  * `ledgerd verify` must exit 0;
  * `ledgerd export` must list every acknowledged event at the acknowledged seq and version,
    every event seen in an earlier round byte-identical, seqs gapless, no eventId twice, and
    each recorded event must carry exactly the request's content.

When the pending requests run out a new epoch starts (this also keeps verify, which reads the
whole log, fast). The run ends after --kills kills, or at the --seconds budget (a valid summary
that says it stopped early). Exit status 0 when nothing was lost, changed or refused and every
verify passed; 1 otherwise.

    python3 scripts/campaign/soak_kill.py --kills 1000 --seed 1
    python3 scripts/campaign/soak_kill.py --quick            # ~20 kills, < 60 s, for CI
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_LEDGERD = REPO / ".build" / "debug" / "ledgerd"

# ---------------------------------------------------------------------------------------------
# Child processes: every one is started in its own session (so its process group is exactly
# itself and anything it spawns), recorded, and killed and reaped on the way out.

_children = set()
_children_lock = threading.Lock()


def spawn(args, **kwargs):
    proc = subprocess.Popen(args, start_new_session=True, **kwargs)
    with _children_lock:
        _children.add(proc)
    return proc


def kill_group(proc):
    """SIGKILL the child's process group (only processes we started); True if it was running."""
    running = proc.poll() is None
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    return running


def reap(proc, timeout=30):
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        proc.wait(timeout=timeout)
    with _children_lock:
        _children.discard(proc)
    return proc.returncode


def cleanup_children():
    with _children_lock:
        procs = list(_children)
    for proc in procs:
        kill_group(proc)
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    with _children_lock:
        _children.clear()


def run(args, timeout, stdin=None, stdout=subprocess.PIPE):
    """Run to completion (or timeout: the group is killed). Returns (rc, stdout, stderr, timed_out)."""
    proc = spawn(args, stdin=stdin or subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        timed_out = True
    reap(proc)
    return proc.returncode, out or b"", err or b"", timed_out


def tail_text(data, limit=400):
    text = data.decode("utf-8", "replace").strip() if isinstance(data, bytes) else str(data).strip()
    return text if len(text) <= limit else "…" + text[-limit:]


# ---------------------------------------------------------------------------------------------
# The workload


class Workload:
    def __init__(self, raw_lines):
        self.lines = raw_lines  # bytes, exactly as `ledgerd demo` printed them (no newline)
        self.requests = [json.loads(line) for line in raw_lines]
        self.event_ids = [r["eventId"] for r in self.requests]
        self.streams = [r["stream"] for r in self.requests]
        self.is_directory = [not s.startswith("case-") for s in self.streams]
        self.index_of = {eid: i for i, eid in enumerate(self.event_ids)}
        if len(self.index_of) != len(self.lines):
            raise SystemExit("soak_kill: the demo workload repeats an eventId; cannot use it")
        self.prefix = next((i for i, d in enumerate(self.is_directory) if not d), len(self.lines))

    def matches(self, index, recorded):
        """The recorded event carries exactly the request's content."""
        request = self.requests[index]
        for key, value in request.items():
            if key == "expectedVersion":
                continue
            if recorded.get(key) != value:
                return f"{key} is {json.dumps(recorded.get(key))[:120]}, the request had {json.dumps(value)[:120]}"
        extra = set(recorded) - set(request) - {"hash", "prevHash", "recordedAt", "recordedBy", "seq", "version"}
        if extra:
            return f"unexpected fields {sorted(extra)}"
        # Who appended it, as the ledger authenticated them (absent on ledgers before #15).
        by = recorded.get("recordedBy")
        if by is not None and not re.fullmatch(r"(practitioner|system|local):[A-Za-z0-9._-]{1,64}", str(by)):
            return f"recordedBy is {json.dumps(by)[:120]}"
        return None


# ---------------------------------------------------------------------------------------------
# The campaign


class Problems:
    KINDS = ("lost", "changed", "verify", "other")

    def __init__(self, show=20):
        self.counts = {k: 0 for k in self.KINDS}
        self.first = []
        self.show = show
        self.keys = set()

    def add(self, kind, message, key=None):
        """Counts a problem once per key (e.g. a lost event found missing again after later rounds)."""
        if key is not None:
            if key in self.keys:
                return
            self.keys.add(key)
        self.counts[kind] += 1
        if len(self.first) < self.show:
            self.first.append(f"[{kind}] {message}")
        print(f"soak_kill: PROBLEM [{kind}] {message}", file=sys.stderr, flush=True)

    def total(self):
        return sum(self.counts.values())


class Epoch:
    """One ledger directory and everything known about it."""

    def __init__(self, number, path):
        self.number = number
        self.path = path
        self.data = str(path / "ledger")
        self.seen = []  # seen[k] = recorded line of seq k+1, as first exported
        self.present = {}  # eventId -> (seq, version) as exported
        self.acked = {}  # eventId -> (seq, version) as acknowledged
        self.token = None
        self.refused = set()  # workload indices refused (never sent again)

    def pending(self, workload):
        return [i for i in range(workload.prefix, len(workload.lines))
                if workload.event_ids[i] not in self.present and i not in self.refused]


class Soak:
    def __init__(self, args):
        self.args = args
        self.ledgerd = args.ledgerd
        self.rng = random.Random(args.seed)
        self.problems = Problems()
        self.kills = {"cli": 0, "http": 0}
        self.rounds = {"cli": 0, "http": 0, "cli-dual": 0}
        self.acks_checked = 0  # acknowledgements received and checked against the export
        self.distinct_acked = 0
        self.retries_checked = 0  # re-sent recorded requests whose acknowledgement gave the original position
        self.epochs = 0
        self.verify_seconds = 0.0
        self.started = time.monotonic()
        self.stopped_early = None
        self.workload = None
        self.epoch = None

    # -- helpers ------------------------------------------------------------------------------

    def elapsed(self):
        return time.monotonic() - self.started

    def ledgerd_cmd(self, *args):
        return [self.ledgerd, *args]

    def log(self, message):
        if self.args.verbose:
            print(f"[{self.elapsed():7.1f}s] {message}", flush=True)

    # -- setup --------------------------------------------------------------------------------

    def load_workload(self):
        rc, out, err, timed_out = run(
            self.ledgerd_cmd("demo", "--cases", str(self.args.cases), "--seed", str(self.args.seed)), timeout=120)
        if rc != 0 or timed_out:
            raise SystemExit(f"soak_kill: `ledgerd demo` failed (rc {rc}): {tail_text(err)}")
        lines = [line for line in out.split(b"\n") if line.strip()]
        self.workload = Workload(lines)
        w = self.workload
        print(f"soak_kill: workload demo --cases {self.args.cases} --seed {self.args.seed}: {len(w.lines)} requests, "
              f"directory prefix {w.prefix}, {sum(w.is_directory[w.prefix:])} later directory events", flush=True)

    def new_epoch(self):
        if self.epoch is not None and not self.args.keep and self.problems.total() == 0:
            shutil.rmtree(self.epoch.path, ignore_errors=True)
        self.epochs += 1
        path = self.work / f"epoch-{self.epochs:03d}"
        path.mkdir(parents=True)
        epoch = Epoch(self.epochs, path)
        prefix_file = path / "prefix.ndjson"
        prefix_file.write_bytes(b"\n".join(self.workload.lines[: self.workload.prefix]) + b"\n")
        rc, out, err, timed_out = run(self.ledgerd_cmd("import", str(prefix_file), "--data", epoch.data), timeout=120)
        if rc != 0 or timed_out:
            raise SystemExit(f"soak_kill: importing the directory prefix failed (rc {rc}): {tail_text(err)}")
        self.epoch = epoch
        if not self.check_ledger("import"):
            raise SystemExit("soak_kill: the freshly imported ledger does not check out; see the problems above")
        self.log(f"epoch {epoch.number}: {epoch.data}, {len(epoch.seen)} events imported")

    def token(self):
        """A token that may append the workload's requests, whoever their actor: a writer bound
        to the demo's loader system (a build before writers: a practitioner token)."""
        epoch = self.epoch
        if epoch.token:
            return epoch.token
        base = ["token", "add", "--name", f"soak-{epoch.number}", "--data", epoch.data]
        rc, out, err, _ = run(self.ledgerd_cmd(*base, "--role", "writer", "--system", "demo-loader"), timeout=60)
        if rc == 64:
            rc, out, err, _ = run(self.ledgerd_cmd(*base, "--role", "practitioner"), timeout=60)
        lines = [l for l in out.decode("utf-8", "replace").splitlines() if l.strip()]
        if rc != 0 or not lines:
            raise SystemExit(f"soak_kill: `ledgerd token add` failed (rc {rc}): {tail_text(err)}")
        epoch.token = lines[-1].strip()
        return epoch.token

    # -- checking -----------------------------------------------------------------------------

    def check_ledger(self, label):
        """verify + export after a round; True if nothing was wrong."""
        epoch, w = self.epoch, self.workload
        before = self.problems.total()
        t0 = time.monotonic()
        rc, out, err, timed_out = run(self.ledgerd_cmd("verify", "--data", epoch.data), timeout=self.args.check_timeout)
        self.verify_seconds += time.monotonic() - t0
        if timed_out:
            self.problems.add("verify", f"{label}: verify timed out after {self.args.check_timeout}s ({epoch.data})")
        elif rc != 0:
            self.problems.add("verify", f"{label}: verify exit {rc}: {tail_text(err)} ({epoch.data})")
        rc, out, err, timed_out = run(self.ledgerd_cmd("export", "--data", epoch.data), timeout=self.args.check_timeout)
        if rc != 0 or timed_out:
            self.problems.add("other", f"{label}: export {'timed out' if timed_out else f'exit {rc}'}: {tail_text(err)}")
            return False
        lines = out.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        # Earlier lines must be byte-identical; a shorter log has lost events.
        for k in range(min(len(lines), len(epoch.seen))):
            if lines[k] != epoch.seen[k]:
                self.problems.add("changed", f"{label}: seq {k + 1} changed: was {tail_text(epoch.seen[k], 200)} "
                                             f"now {tail_text(lines[k], 200)}", key=("changed", epoch.number, k))
        if len(lines) < len(epoch.seen):
            self.problems.add("lost", f"{label}: the export ends at seq {len(lines)}, "
                                      f"but seq 1–{len(epoch.seen)} were exported before",
                              key=("short", epoch.number, len(lines)))
        for k in range(len(epoch.seen), len(lines)):
            try:
                event = json.loads(lines[k])
                seq, eid, version = event["seq"], event["eventId"], event["version"]
            except (ValueError, KeyError, TypeError) as error:
                self.problems.add("changed", f"{label}: export line {k + 1} is not a recorded event ({error})")
                epoch.seen.append(lines[k])
                continue
            if seq != k + 1:
                self.problems.add("other", f"{label}: export line {k + 1} has seq {seq} (gap or disorder)")
            if eid in epoch.present:
                self.problems.add("other", f"{label}: eventId {eid} is recorded twice "
                                           f"(seq {epoch.present[eid][0]} and {seq})")
            index = w.index_of.get(eid)
            if index is None:
                self.problems.add("other", f"{label}: seq {seq} has eventId {eid}, which no request had")
            else:
                mismatch = w.matches(index, event)
                if mismatch:
                    self.problems.add("changed", f"{label}: seq {seq} ({eid}) does not carry its request: {mismatch}")
            epoch.present.setdefault(eid, (seq, version))
            epoch.seen.append(lines[k])
        # Every acknowledgement, at its position.
        for eid, (seq, version) in epoch.acked.items():
            found = epoch.present.get(eid)
            if found is None:
                self.problems.add("lost", f"{label}: acknowledged {eid} at seq {seq} is not in the export",
                                  key=("lost", epoch.number, eid))
            elif found != (seq, version):
                self.problems.add("lost", f"{label}: acknowledged {eid} at seq {seq} version {version}, "
                                          f"but the export has seq {found[0]} version {found[1]}",
                                  key=("lost", epoch.number, eid))
        return self.problems.total() == before

    def take_acks(self, acks, label):
        """Merge a round's acknowledgements: (eventId, seq, version, duplicate, expected_or_None)."""
        epoch = self.epoch
        for eid, seq, version, duplicate, expected in acks:
            self.acks_checked += 1
            if expected is not None:
                self.retries_checked += 1
                if (seq, version) != expected:
                    self.problems.add("changed", f"{label}: a retry of recorded {eid} (seq {expected[0]}) "
                                                 f"was acknowledged at seq {seq} version {version}")
                continue
            earlier = epoch.acked.get(eid)
            if earlier is None:
                epoch.acked[eid] = (seq, version)
                self.distinct_acked += 1
            elif earlier != (seq, version):
                self.problems.add("lost", f"{label}: {eid} acknowledged at seq {earlier[0]} and again at seq {seq}")

    def retries(self):
        """A few already-recorded requests to re-send: (index, expected (seq, version))."""
        epoch, w = self.epoch, self.workload
        recorded = [eid for eid in self.rng.sample(list(epoch.present), min(3, len(epoch.present)))]
        return [(w.index_of[eid], epoch.present[eid]) for eid in recorded if eid in w.index_of]

    # -- kill plans ---------------------------------------------------------------------------

    def plan(self, max_acks, max_delay):
        """('acks', n) or ('delay', seconds): when to send SIGKILL."""
        if self.rng.random() < 0.5:
            return ("acks", self.rng.randint(0, max_acks))
        return ("delay", self.rng.uniform(0.0, max_delay))

    # -- CLI rounds ---------------------------------------------------------------------------

    def cli_round(self, pending):
        epoch, w = self.epoch, self.workload
        round_no = sum(self.rounds.values()) + 1
        dual = self.rng.random() < self.args.dual_fraction
        chunk = pending[: self.rng.randint(20, self.args.chunk)]
        retries = self.retries()
        groups = [chunk]
        variant = "single"
        if dual:
            # Up to the next directory event, so that two orders never disagree about it.
            window = []
            for i in pending[: self.args.chunk]:
                if w.is_directory[i]:
                    break
                window.append(i)
            if len(window) >= 4:
                if self.rng.random() < 0.5:
                    variant = "dual-disjoint"
                    side = {}
                    for i in window:
                        side.setdefault(w.streams[i], len(side) % 2)
                    groups = [[i for i in window if side[w.streams[i]] == g] for g in (0, 1)]
                else:
                    variant = "dual-same"
                    groups = [window, list(window)]
            else:
                dual = False
        label = f"round {round_no} (cli {variant}, epoch {epoch.number})"
        appenders = []
        for g, group in enumerate(groups):
            file = epoch.path / f"append-{g}.ndjson"
            indices = [i for i, _ in retries] + group if g == 0 else group
            file.write_bytes(b"".join(w.lines[i] + b"\n" for i in indices))
            expected = {w.event_ids[i]: exp for i, exp in retries} if g == 0 else {}
            # An append takes about a millisecond once the process is up: a short delay range, so
            # that most delayed kills land before the appender would have finished.
            appenders.append(CliAppender(self, file, expected, self.plan(max(1, len(indices) - 1), 0.3)))
        self.rounds["cli-dual" if dual else "cli"] += 1
        for a in appenders:
            a.start()
        deadline = time.monotonic() + self.args.round_timeout
        threads = [threading.Thread(target=a.kill_when_due, args=(deadline,)) for a in appenders]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        acks, killed = [], 0
        for a in appenders:
            a.finish()
            acks.extend(a.acks)
            if a.killed:
                killed += 1
            elif a.returncode not in (0, None):
                self.note_refusal(label, a.returncode, a.stderr, a.sent, a.acks)
        self.kills["cli"] += killed
        self.take_acks(acks, label)
        self.log(f"{label}: {len(chunk)} pending sent, plans {[a.plan for a in appenders]}, "
                 f"{len(acks)} acks, {killed} killed")
        self.check_ledger(label)
        return killed

    def note_refusal(self, label, rc, stderr, sent, acks):
        """An appender that exited non-zero on its own: its workload request was refused."""
        epoch, w = self.epoch, self.workload
        acked = {a[0] for a in acks}
        culprit = next((i for i in sent if w.event_ids[i] not in acked and w.event_ids[i] not in epoch.present), None)
        if culprit is not None:
            epoch.refused.add(culprit)
        eid = w.event_ids[culprit] if culprit is not None else "?"
        self.problems.add("other", f"{label}: the appender exited {rc} (a valid request refused? near {eid}): "
                                   f"{tail_text(stderr)}")

    # -- HTTP rounds --------------------------------------------------------------------------

    def http_round(self, pending):
        epoch, w = self.epoch, self.workload
        round_no = sum(self.rounds.values()) + 1
        label = f"round {round_no} (http, epoch {epoch.number})"
        self.rounds["http"] += 1
        token = self.token()
        clients = self.rng.randint(2, self.args.clients)
        plan = self.plan(self.args.chunk, 1.0)
        retries = self.retries()
        scheduler = Scheduler(w, retries, pending[: self.args.chunk * 3])
        stderr_file = open(epoch.path / "serve.stderr", "wb")
        started = time.monotonic()
        daemon = spawn(self.ledgerd_cmd("serve", "--data", epoch.data, "--host", "127.0.0.1", "--port", "0",
                                        "--log-level", "warning"),
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr_file)
        stderr_file.close()
        port_box = {}
        ready = threading.Event()

        def read_stdout():
            for raw in daemon.stdout:
                text = raw.decode("utf-8", "replace")
                if "serving http://" in text and "port" not in port_box:
                    try:
                        port_box["port"] = int(text.rsplit(":", 1)[1].strip().rstrip("/"))
                    except ValueError:
                        pass
                    ready.set()
            ready.set()

        reader = threading.Thread(target=read_stdout, daemon=True)
        reader.start()
        deadline = started + self.args.round_timeout
        threads = []
        kind, amount = plan
        if kind == "delay":
            # Kill after the delay, whatever stage the daemon is at (starting, catching up, serving).
            if ready.wait(timeout=amount) and "port" in port_box:
                threads = self.start_clients(scheduler, port_box["port"], token, clients, daemon)
            remaining = amount - (time.monotonic() - started)
            if remaining > 0:
                scheduler.wait_until(lambda: False, remaining)
        else:
            if not ready.wait(timeout=max(1.0, deadline - time.monotonic())) or "port" not in port_box:
                self.problems.add("other", f"{label}: the daemon did not start serving "
                                           f"(rc {daemon.poll()}): {tail_text((epoch.path / 'serve.stderr').read_bytes())}")
            else:
                threads = self.start_clients(scheduler, port_box["port"], token, clients, daemon)
                scheduler.wait_until(lambda: scheduler.acks_count() >= amount or scheduler.exhausted(),
                                     max(0.0, deadline - time.monotonic()))
        killed = kill_group(daemon)
        scheduler.stop()
        rc = reap(daemon)
        killed = killed and rc == -signal.SIGKILL
        for t in threads:
            t.join(timeout=30)
            if t.is_alive():
                self.problems.add("other", f"{label}: an HTTP client thread did not finish after the kill")
        reader.join(timeout=10)
        if daemon.stdout:
            daemon.stdout.close()
        if not killed:
            self.problems.add("other", f"{label}: the daemon had exited by itself (rc {rc}): "
                                       f"{tail_text((epoch.path / 'serve.stderr').read_bytes())}")
        for message in scheduler.errors:
            self.problems.add("other", f"{label}: {message}")
        for i in scheduler.refused:
            epoch.refused.add(i)
        if killed:
            self.kills["http"] += 1
        acks = scheduler.acks
        self.take_acks(acks, label)
        self.log(f"{label}: {clients} clients, plan {plan}, {len(acks)} acks, "
                 f"{'killed' if killed else 'not killed'}")
        self.check_ledger(label)
        if scheduler.fatal:
            raise SystemExit(f"soak_kill: {scheduler.fatal}")
        return 1 if killed else 0

    def start_clients(self, scheduler, port, token, count, daemon):
        threads = [threading.Thread(target=http_client, args=(scheduler, port, token, daemon), daemon=True)
                   for _ in range(count)]
        for t in threads:
            t.start()
        return threads

    # -- the loop -----------------------------------------------------------------------------

    def run(self):
        args = self.args
        self.work = Path(tempfile.mkdtemp(prefix="soak_kill-", dir=args.work))
        print(f"soak_kill: ledgerd {self.ledgerd}, scratch {self.work}, seed {args.seed}, mode {args.mode}, "
              f"target {args.kills} kills, budget {args.seconds:.0f} s", flush=True)
        self.load_workload()
        self.new_epoch()
        max_rounds = args.kills * 4 + 50
        rounds = 0
        while sum(self.kills.values()) < args.kills:
            if self.elapsed() >= args.seconds:
                self.stopped_early = f"stopped early at the {args.seconds:.0f} s budget"
                break
            if rounds >= max_rounds:
                self.stopped_early = f"stopped after {rounds} rounds (too few of them ended in a kill)"
                break
            rounds += 1
            pending = self.epoch.pending(self.workload)
            if not pending:
                self.new_epoch()
                pending = self.epoch.pending(self.workload)
            if args.mode == "both":
                if self.kills["cli"] == self.kills["http"]:
                    mode = self.rng.choice(("cli", "http"))
                else:
                    mode = "cli" if self.kills["cli"] < self.kills["http"] else "http"
            else:
                mode = args.mode
            if mode == "cli":
                self.cli_round(pending)
            else:
                self.http_round(pending)
            if args.progress and rounds % args.progress == 0:
                print(f"soak_kill: … {sum(self.kills.values())} kills, {self.acks_checked} acknowledgements, "
                      f"{self.problems.total()} problems, {self.elapsed():.0f} s", flush=True)
        return self.report()

    def report(self):
        c = self.problems.counts
        total_kills = sum(self.kills.values())
        summary = (f"soak_kill: {total_kills} kills (cli {self.kills['cli']}, http {self.kills['http']}), "
                   f"{self.acks_checked} acknowledgements checked, {c['lost']} lost, {c['changed']} changed, "
                   f"{c['verify']} verify failures")
        if c["other"]:
            summary += f", {c['other']} other problems"
        if self.stopped_early:
            summary += f" ({self.stopped_early})"
        print(f"soak_kill: {sum(self.rounds.values())} rounds (cli {self.rounds['cli']}, "
              f"cli with two appenders {self.rounds['cli-dual']}, http {self.rounds['http']}), {self.epochs} epochs, "
              f"{self.distinct_acked} distinct events acknowledged, {self.retries_checked} retries of recorded "
              f"requests gave the original position, verify+export {self.verify_seconds:.0f} s of "
              f"{self.elapsed():.0f} s")
        if self.problems.first:
            print("soak_kill: first problems:")
            for line in self.problems.first:
                print(f"  {line}")
            print(f"soak_kill: ledgers kept under {self.work}")
        elif not self.args.keep:
            shutil.rmtree(self.work, ignore_errors=True)
        print(summary, flush=True)
        return 1 if self.problems.total() else 0


class CliAppender:
    """One `ledgerd append FILE` child, its acknowledgements and its kill plan."""

    def __init__(self, soak, file, expected, plan):
        self.soak = soak
        self.file = file
        self.expected = expected  # eventId -> (seq, version) for re-sent recorded requests
        self.plan = plan
        self.acks = []
        self.cond = threading.Condition()
        self.killed = False
        self.returncode = None
        self.stderr = b""
        self.eof = False
        w = soak.workload
        self.sent = [w.index_of[json.loads(line)["eventId"]] for line in file.read_bytes().split(b"\n") if line]

    def start(self):
        self.err_path = self.file.with_suffix(".stderr")
        err = open(self.err_path, "wb")
        self.started = time.monotonic()
        self.proc = spawn(self.soak.ledgerd_cmd("append", str(self.file), "--data", self.soak.epoch.data),
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err)
        err.close()
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        fd = self.proc.stdout.fileno()
        buffer = b""
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffer += chunk
            *complete, buffer = buffer.split(b"\n")
            with self.cond:
                for line in complete:
                    self.take(line)
                self.cond.notify_all()
        with self.cond:
            self.eof = True
            self.cond.notify_all()
        # A last line without its newline was not fully printed: not an acknowledgement.

    def take(self, line):
        try:
            ack = json.loads(line)
            eid = ack["eventId"]
            self.acks.append((eid, ack["seq"], ack["version"], bool(ack.get("duplicate")), self.expected.get(eid)))
        except (ValueError, KeyError, TypeError):
            self.soak.problems.add("other", f"append printed a line that is not an acknowledgement: {tail_text(line)}")

    def kill_when_due(self, deadline):
        kind, amount = self.plan
        with self.cond:
            if kind == "acks":
                self.cond.wait_for(lambda: len(self.acks) >= amount or self.eof,
                                   timeout=max(0.0, deadline - time.monotonic()))
            else:
                self.cond.wait_for(lambda: self.eof, timeout=max(0.0, min(amount, deadline - time.monotonic())))
        running = kill_group(self.proc)
        rc = reap(self.proc)
        self.killed = running and rc == -signal.SIGKILL
        self.returncode = rc

    def finish(self):
        self.reader.join(timeout=30)
        self.proc.stdout.close()
        self.stderr = self.err_path.read_bytes()


WAIT, INFLIGHT, DONE = 0, 1, 2


class Scheduler:
    """Hands pending requests to HTTP client threads in an order under which each is valid:
    per stream in workload order, and a directory event only once everything before it is
    settled (nothing after it is sent before it is). Re-sent recorded requests go first."""

    WINDOW = 256

    def __init__(self, workload, retries, pending):
        self.w = workload
        self.retry_queue = list(retries)  # (index, expected)
        self.items = pending
        self.state = [WAIT] * len(pending)
        self.head = 0
        self.cond = threading.Condition()
        self.acks = []
        self.refused = []
        self.errors = []
        self.fatal = None
        self.stopped = False

    def acks_count(self):
        return len(self.acks)

    def exhausted(self):
        return not self.retry_queue and self.head >= len(self.items)

    def stop(self):
        with self.cond:
            self.stopped = True
            self.cond.notify_all()

    def wait_until(self, predicate, timeout):
        with self.cond:
            self.cond.wait_for(lambda: predicate() or self.stopped or self.fatal is not None, timeout=timeout)

    def _find(self):
        if self.retry_queue:
            return ("retry", self.retry_queue.pop())
        while self.head < len(self.items) and self.state[self.head] == DONE:
            self.head += 1
        busy = set()
        for k in range(self.head, min(len(self.items), self.head + self.WINDOW)):
            state = self.state[k]
            if state == DONE:
                continue
            i = self.items[k]
            stream = self.w.streams[i]
            if self.w.is_directory[i]:
                if k == self.head and state == WAIT:
                    return ("item", k)
                return None  # nothing after an unsettled directory event
            if state == WAIT and stream not in busy:
                return ("item", k)
            busy.add(stream)
        return None

    def next(self):
        """("retry", (index, expected)) | ("item", k) | None when stopped or nothing is left."""
        with self.cond:
            while True:
                if self.stopped or self.fatal:
                    return None
                found = self._find()
                if found:
                    if found[0] == "item":
                        self.state[found[1]] = INFLIGHT
                    return found
                if self.exhausted():
                    self.cond.notify_all()
                    return None
                self.cond.wait(timeout=0.5)

    def settle(self, job, ack=None, refused=False, error=None, put_back=False):
        with self.cond:
            if ack is not None:
                self.acks.append(ack)
            if error:
                self.errors.append(error)
            if job[0] == "item":
                k = job[1]
                if put_back:
                    self.state[k] = WAIT
                else:
                    self.state[k] = DONE
                    if refused:
                        self.refused.append(self.items[k])
            elif put_back:
                self.retry_queue.append(job[1])
            self.cond.notify_all()


def http_client(scheduler, port, token, daemon):
    w = scheduler.w
    conn = None
    failures = 0
    while True:
        job = scheduler.next()
        if job is None:
            break
        if job[0] == "retry":
            index, expected = job[1]
        else:
            index, expected = scheduler.items[job[1]], None
        eid = w.event_ids[index]
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            conn.request("POST", "/streams/" + w.streams[index], body=w.lines[index],
                         headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
            response = conn.getresponse()
            body = response.read()  # the acknowledgement counts only once read in full
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            # The daemon died (or the connection broke): not acknowledged; pending for a later round.
            if conn is not None:
                conn.close()
                conn = None
            scheduler.settle(job, put_back=True)
            if daemon.poll() is not None or scheduler.stopped:
                break
            failures += 1
            if failures > 5:
                scheduler.settle(("none",), error=f"HTTP connection to port {port} keeps failing with the daemon up")
                break
            time.sleep(0.05)
            continue
        failures = 0
        if status in (200, 201):
            try:
                ack = json.loads(body)
                got = (ack["eventId"], ack["seq"], ack["version"], status == 200, expected)
            except (ValueError, KeyError, TypeError):
                scheduler.settle(job, error=f"{status} for {eid} with a body that is not an acknowledgement: "
                                            f"{tail_text(body)}")
                continue
            if got[0] != eid:
                scheduler.settle(job, error=f"the acknowledgement for {eid} names {got[0]}")
                continue
            scheduler.settle(job, ack=got)
        elif status in (401, 403):
            with scheduler.cond:
                scheduler.fatal = f"the token may not append ({status}): {tail_text(body)}"
                scheduler.cond.notify_all()
            scheduler.settle(job, put_back=True)
            break
        else:
            scheduler.settle(job, refused=expected is None,
                             error=f"POST {eid} ({w.requests[index]['type']}) got {status}: {tail_text(body)}")
    if conn is not None:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ledgerd", default=str(DEFAULT_LEDGERD), help="the binary (default: %(default)s)")
    parser.add_argument("--kills", type=int, default=None, help="SIGKILLs in total (default 100; --quick 20)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the workload and every random choice")
    parser.add_argument("--mode", choices=("cli", "http", "both"), default="both")
    parser.add_argument("--seconds", type=float, default=None,
                        help="time budget; stops with what was done (default 3600; --quick 50)")
    parser.add_argument("--quick", action="store_true", help="CI size: 20 kills, 50 s budget, a small workload")
    parser.add_argument("--cases", type=int, default=None,
                        help="cases in the demo workload of each epoch (default 100, ~4,300 events; --quick 30)")
    parser.add_argument("--chunk", type=int, default=250, help="most pending requests offered to one appender")
    parser.add_argument("--clients", type=int, default=8, help="most HTTP client threads (2..N per round)")
    parser.add_argument("--dual-fraction", type=float, default=0.25,
                        help="fraction of CLI rounds with two appenders at once (default %(default)s)")
    parser.add_argument("--round-timeout", type=float, default=60, help="longest a round may wait for its kill point")
    parser.add_argument("--check-timeout", type=float, default=120, help="timeout of each verify and export")
    parser.add_argument("--work", default=None, help="scratch parent directory (default: $TMPDIR or /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the ledgers (they are kept anyway on a problem)")
    parser.add_argument("--progress", type=int, default=50, help="a progress line every N rounds (0: none)")
    parser.add_argument("--verbose", action="store_true", help="one line per round")
    args = parser.parse_args()
    args.kills = args.kills if args.kills is not None else (20 if args.quick else 100)
    args.seconds = args.seconds if args.seconds is not None else (50 if args.quick else 3600)
    args.cases = args.cases if args.cases is not None else (30 if args.quick else 100)
    if args.kills < 1 or args.cases < 1 or args.chunk < 20 or args.clients < 2:
        parser.error("--kills and --cases must be ≥ 1, --chunk ≥ 20, --clients ≥ 2")
    args.ledgerd = str(Path(args.ledgerd).resolve())
    if not os.access(args.ledgerd, os.X_OK):
        parser.error(f"no ledgerd binary at {args.ledgerd} (build it, or pass --ledgerd PATH)")

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    soak = Soak(args)
    try:
        return soak.run()
    except OSError as error:
        print(f"soak_kill: cannot run {args.ledgerd}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        where = getattr(soak, "work", None)
        print(f"soak_kill: interrupted after {sum(soak.kills.values())} kills"
              + (f"; scratch left at {where}" if where else ""), file=sys.stderr)
        return 130
    finally:
        cleanup_children()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Power-loss simulation for ledgerd (in the spirit of SQLite's crash VFS and ALICE).

1. Builds the LD_PRELOAD shim iotrace.c with gcc into the work directory.
2. Creates a fresh ledger with the real binary (no shim): `ledgerd import` of a prefix of a
   demo workload. Its files are the base state (taken as durable).
3. Runs `ledgerd append` of the next requests, one durable append each, under the shim,
   which records every write (offset and bytes, before it is passed through, and its result
   after), every sync, every size change and every acknowledgement printed on stdout.
4. For each of --states crash points (seeded), rebuilds the files a power cut at that point
   could leave: base + every write that a completed sync (or an O_DSYNC write) made durable
   + a random subset of the later writes, some torn at 512-byte sector granularity. lock.mdb
   and projections/ are dropped (no live readers after a power cut; the projections are
   derived). Then it checks, on separate copies of the state:
     (a) `ledgerd verify` exits 0;
     (b) every event acknowledged before the crash point is in `ledgerd export` with the
         same seq, byte-identical to the original run's record; and the export is a gapless
         prefix of the original history (no event altered or invented);
     (c) no process died by a signal (or hung).
5. Prints each failing state, then a summary line, and exits 1 on any failure
   (2 on a setup error).

Python 3 standard library only.
"""

import argparse
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# Record types and flags: keep in step with iotrace.c.
R_START, R_OPEN, R_CLOSE, R_WRITE_BEGIN, R_WRITE_END = 1, 2, 3, 4, 5
R_SYNC_BEGIN, R_SYNC_END, R_TRUNC_BEGIN, R_TRUNC_END = 6, 7, 8, 9
R_FALLOC_BEGIN, R_FALLOC_END, R_ACK, R_MMAP = 10, 11, 12, 13
F_SYNCWRITE = 1
K_FSYNC, K_FDATASYNC, K_MSYNC, K_SYNC_FILE_RANGE, K_SYNCFS, K_SYNC = 1, 2, 3, 4, 5, 6
# Syncs that make a file's completed writes durable. sync_file_range flushes no metadata and
# no device cache, and msync names memory not files: neither counts (conservative).
DURABLE_SYNCS = {K_FSYNC, K_FDATASYNC, K_SYNCFS, K_SYNC}
HEADER = struct.Struct("<IHHiiQqqqIi")
MAGIC = 0x52544F49
PROT_WRITE = 2
FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE = 1, 2


class SetupError(Exception):
    pass


def log(msg):
    print(msg, flush=True)


# ---------------------------------------------------------------------------------------
# Running ledgerd


def clean_env():
    env = dict(os.environ)
    for k in ("LD_PRELOAD", "IOTRACE_DIR", "IOTRACE_LOG", "LEDGER_DATA"):
        env.pop(k, None)
    return env


class Result:
    def __init__(self, rc, out, err, timed_out=False):
        self.rc, self.out, self.err, self.timed_out = rc, out, err, timed_out

    def describe(self):
        if self.timed_out:
            return "timed out (killed)"
        if self.rc < 0:
            return f"killed by signal {-self.rc}"
        return f"exit {self.rc}"


def run(argv, timeout, env=None, stdout_path=None):
    """Runs a command; a timeout kills it (SIGKILL) and is reported, never raised."""
    out_f = open(stdout_path, "wb") if stdout_path else None
    try:
        p = subprocess.Popen(argv, stdout=out_f or subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, env=env if env is not None else clean_env())
        try:
            out, err = p.communicate(timeout=timeout)
            return Result(p.returncode, out or b"", err or b"")
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            return Result(p.returncode if p.returncode is not None else -9, out or b"", err or b"", True)
    finally:
        if out_f:
            out_f.close()


# ---------------------------------------------------------------------------------------
# The trace


class Op:
    """A write, truncate or fallocate of one file, from its BEGIN record to its END record."""

    __slots__ = ("kind", "begin", "end", "path", "off", "length", "data", "sync", "res", "mode")

    def __init__(self, kind, begin, path, off, length, data=b"", sync=False, mode=0):
        self.kind, self.begin, self.path = kind, begin, path
        self.off, self.length, self.data, self.sync, self.mode = off, length, data, sync, mode
        self.end, self.res = None, None


class Sync:
    __slots__ = ("begin", "end", "path", "kind", "res")

    def __init__(self, begin, path, kind):
        self.begin, self.path, self.kind = begin, path, kind
        self.end, self.res = None, None


class Trace:
    def __init__(self, path, data_dir):
        raw = open(path, "rb").read()
        root = os.path.realpath(data_dir)
        self.types = []  # record type per index: a crash point is "after the first c records"
        self.at = {}  # record index -> the Op or Sync it begins or ends
        self.ops = []
        self.syncs = []
        self.acks = []  # (record index, {"eventId","seq","version"})
        self.writable_maps = []
        self.paths = set()
        self.truncated_tail = False
        self.starts = 0
        fid_path, pending, ack_buffer = {}, {}, b""
        p, n = 0, len(raw)
        while p < n:
            if p + HEADER.size > n:
                self.truncated_tail = True
                break
            magic, typ, flags, fid, _tid, rid, off, length, res, plen, err = HEADER.unpack_from(raw, p)
            if magic != MAGIC:
                raise SetupError(f"trace {path}: bad record magic at byte {p}")
            if p + HEADER.size + plen > n:
                self.truncated_tail = True
                break
            payload = raw[p + HEADER.size:p + HEADER.size + plen]
            p += HEADER.size + plen
            i = len(self.types)
            self.types.append(typ)
            if typ == R_START:
                self.starts += 1
            elif typ == R_OPEN:
                full = payload.decode("utf-8", "replace")
                rel = os.path.relpath(full, root)
                fid_path[fid] = rel
                self.paths.add(rel)
            elif typ == R_WRITE_BEGIN:
                op = Op("write", i, fid_path[fid], off, length, payload, bool(flags & F_SYNCWRITE))
                pending[rid] = op
                self.ops.append(op)
                self.at[i] = op
            elif typ in (R_WRITE_END, R_TRUNC_END, R_FALLOC_END, R_SYNC_END):
                op = pending.pop(rid, None)
                if op is not None:
                    op.end, op.res = i, res
                    self.at[i] = op
            elif typ == R_TRUNC_BEGIN:
                op = Op("truncate", i, fid_path[fid], off, 0)
                pending[rid] = op
                self.ops.append(op)
                self.at[i] = op
            elif typ == R_FALLOC_BEGIN:
                op = Op("fallocate", i, fid_path[fid], off, length, mode=flags)
                pending[rid] = op
                self.ops.append(op)
                self.at[i] = op
            elif typ == R_SYNC_BEGIN:
                s = Sync(i, None if fid == -1 else fid_path[fid], flags)
                pending[rid] = s
                self.syncs.append(s)
                self.at[i] = s
            elif typ == R_ACK:
                ack_buffer += payload
                while b"\n" in ack_buffer:
                    line, ack_buffer = ack_buffer.split(b"\n", 1)
                    if line.strip():
                        self.acks.append((i, json.loads(line)))
            elif typ == R_MMAP:
                if (flags & PROT_WRITE) and res == 1:
                    self.writable_maps.append(fid_path[fid])

    def __len__(self):
        return len(self.types)


def modelled(rel):
    """Files a crash state is made of: lock.mdb is reset after a power cut, projections/ is
    derived (and rebuilt from the log)."""
    return rel != "lock.mdb" and not rel.startswith("projections" + os.sep) and rel != "projections"


# ---------------------------------------------------------------------------------------
# Crash states


def apply_write(buf, off, data):
    end = off + len(data)
    if off > len(buf):
        buf.extend(bytes(off - len(buf)))  # a hole reads as zeros
    if end > len(buf):
        buf.extend(bytes(end - len(buf)))
    buf[off:end] = data


def sector_pieces(off, data, sector):
    """The write split at absolute sector boundaries: (offset, bytes) per sector touched."""
    pieces, pos, end = [], off, off + len(data)
    while pos < end:
        nxt = min(end, (pos // sector + 1) * sector)
        pieces.append((pos, data[pos - off:nxt - off]))
        pos = nxt
    return pieces


class Policy:
    """How a state treats the writes that were not yet durable at its crash point."""

    def __init__(self, rng, tear):
        r = rng.random()
        if r < 0.15:
            self.name, self.keep, self.tear = "drop-all", 0.0, 0.0
        elif r < 0.30:
            self.name, self.keep, self.tear = "keep-all", 1.0, 0.0
        else:
            self.name, self.keep, self.tear = "random", rng.random(), rng.random() * 0.6
        self.tear_modes = ["prefix", "sectors"] if tear == "both" else [tear]


def build_state(trace, base, cut, rng, policy, sector, ignore_syncs=False):
    """The files a power cut after the first `cut` trace records could leave, and stats."""
    stats = {"durable": 0, "volatile": 0, "applied": 0, "skipped": 0, "torn": 0, "inflight": 0}
    files = {rel: bytearray(data) for rel, data in base.items()}
    durable_point = {}  # path -> index of the latest completed sync's BEGIN
    global_point = -1
    if not ignore_syncs:
        for s in trace.syncs:
            if s.end is not None and s.end < cut and s.res == 0 and s.kind in DURABLE_SYNCS:
                if s.path is None:
                    global_point = max(global_point, s.begin)
                else:
                    durable_point[s.path] = max(durable_point.get(s.path, -1), s.begin)
    for op in trace.ops:
        if op.begin >= cut:
            break
        if not modelled(op.path):
            continue
        buf = files.setdefault(op.path, bytearray())
        done = op.end is not None and op.end < cut
        if done and op.res is not None and op.res < 0:
            continue  # failed: nothing written
        point = max(durable_point.get(op.path, -1), global_point)
        durable = done and (op.end < point or (op.kind == "write" and op.sync))
        if op.kind == "write":
            data = op.data[:op.res] if done else op.data
            if durable:
                stats["durable"] += 1
                apply_write(buf, op.off, data)
                continue
            stats["volatile"] += 1
            if not done:
                stats["inflight"] += 1
            tear = rng.random() < (max(policy.tear, 0.5) if not done else policy.tear)
            if rng.random() >= policy.keep and not (not done and tear):
                stats["skipped"] += 1
                continue
            if tear and len(data) > 0:
                stats["torn"] += 1
                mode = rng.choice(policy.tear_modes)
                pieces = sector_pieces(op.off, data, sector)
                if mode == "prefix":
                    pieces = pieces[:rng.randrange(0, len(pieces) + 1)]
                else:
                    pieces = [pc for pc in pieces if rng.random() < 0.5]
                for off, chunk in pieces:
                    apply_write(buf, off, chunk)
            else:
                stats["applied"] += 1
                apply_write(buf, op.off, data)
        else:
            if not durable:
                stats["volatile"] += 1
                if rng.random() >= policy.keep:
                    stats["skipped"] += 1
                    continue
                stats["applied"] += 1
            else:
                stats["durable"] += 1
            if op.kind == "truncate":
                if op.off < len(buf):
                    del buf[op.off:]
                else:
                    buf.extend(bytes(op.off - len(buf)))
            elif op.kind == "fallocate":
                if op.mode & FALLOC_FL_PUNCH_HOLE:
                    end = min(len(buf), op.off + op.length)
                    if op.off < end:
                        buf[op.off:end] = bytes(end - op.off)
                elif not op.mode & FALLOC_FL_KEEP_SIZE and op.off + op.length > len(buf):
                    buf.extend(bytes(op.off + op.length - len(buf)))
    return files, stats


def write_state(files, directory):
    os.makedirs(directory)
    for rel, data in files.items():
        path = os.path.join(directory, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


def phase_of(trace, cut):
    """What the process had last done at the crash point, for the report. For LMDB a commit
    is: data-page writes, fdatasync, the meta-page write (O_DSYNC), then the ack."""
    if not trace.ops or cut <= trace.ops[0].begin:
        return "before-first-write"
    t = trace.types[cut - 1]
    op = trace.at.get(cut - 1)
    if t in (R_WRITE_BEGIN, R_WRITE_END):
        what = "sync-write" if op is not None and op.sync else "write"
        return ("inside-" if t == R_WRITE_BEGIN else "after-") + what
    return {R_SYNC_BEGIN: "inside-sync", R_SYNC_END: "after-sync", R_ACK: "after-ack"}.get(t, "open/close")


# ---------------------------------------------------------------------------------------
# The checks


# Newer ledgerd binaries read the data file for verify/export in a child process and turn
# its death by a signal into exit 5 with this text (Sources/ledgerd/Support/IsolatedReader.swift).
CHILD_DEATH = b"crashed the reader (signal"


def check_state(ledgerd, files, workdir, acks, ref_lines, base_count, timeout):
    """Returns (problems, facts) for one crash state."""
    problems, facts = [], {}
    vdir, edir = os.path.join(workdir, "verify"), os.path.join(workdir, "export")
    write_state(files, vdir)
    write_state(files, edir)

    v = run([ledgerd, "verify", "--data", vdir], timeout)
    if CHILD_DEATH in v.err:
        problems.append("(c) verify's isolated reader died by a signal")
    if v.rc != 0 or v.timed_out:
        tail = (v.err or v.out).decode("utf-8", "replace").strip().splitlines()[-3:]
        problems.append(f"(a) verify {v.describe()}: {' | '.join(tail)}")
    verified = None
    words = v.out.decode("utf-8", "replace").split()
    if v.rc == 0 and len(words) > 1 and words[0] == "verified":
        verified = int(words[1])

    e = run([ledgerd, "export", "--data", edir], timeout)
    if CHILD_DEATH in e.err:
        problems.append("(c) export's isolated reader died by a signal")
    if e.timed_out or e.rc < 0:
        problems.append(f"(c) export {e.describe()}")
    elif e.rc != 0:
        tail = e.err.decode("utf-8", "replace").strip().splitlines()[-3:]
        problems.append(f"export {e.describe()}: {' | '.join(tail)}")
    lines = e.out.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    exported = {}
    for k, line in enumerate(lines, 1):
        try:
            seq = json.loads(line)["seq"]
        except (ValueError, KeyError, TypeError):
            problems.append(f"export line {k} is not an event: {line[:80]!r}")
            break
        if seq != k:
            problems.append(f"export not gapless: line {k} has seq {seq}")
            break
        if ref_lines.get(seq) != line:
            problems.append(f"export seq {seq} differs from the original run's record "
                            f"(or was never recorded): {line[:100]!r}")
            break
        exported[seq] = line
    facts["events"] = len(exported)
    if verified is not None and verified != len(lines):
        problems.append(f"verify reports {verified} events but export has {len(lines)}")
    if e.rc == 0 and len(exported) < base_count:
        problems.append(f"only {len(exported)} events exported; the base (durable before the run) had {base_count}")

    missing = []
    for _, ack in acks:
        line = exported.get(ack["seq"])
        if line is None or json.loads(line).get("eventId") != ack["eventId"] or ref_lines.get(ack["seq"]) != line:
            missing.append(ack)
    if missing:
        first = missing[0]
        problems.append(f"(b) {len(missing)} acknowledged event(s) missing or altered, first "
                        f"seq {first['seq']} eventId {first['eventId']}")
    return problems, facts


# ---------------------------------------------------------------------------------------


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ledgerd", default=os.path.join(REPO, ".build", "debug", "ledgerd"),
                    help="the ledgerd binary (default: .build/debug/ledgerd in the repository)")
    ap.add_argument("--states", type=int, default=200, help="crash states to try (default 200)")
    ap.add_argument("--seed", type=int, default=1, help="seed for crash points and write subsets")
    ap.add_argument("--seconds", type=float, default=600, help="time budget; stops early with what was done")
    ap.add_argument("--appends", type=int, default=400, help="single appends run under the shim")
    ap.add_argument("--base-events", type=int, default=250, help="events imported before the traced run")
    ap.add_argument("--sector", type=int, default=512, help="atomic sector size for torn writes")
    ap.add_argument("--tear", choices=["prefix", "sectors", "both"], default="both",
                    help="how a torn write lands: a prefix of its sectors, any subset, or either")
    ap.add_argument("--quick", action="store_true", help="CI mode: 150 appends, 80 states, a 50 s budget")
    ap.add_argument("--negative-control", action="store_true",
                    help="deliberately wrong model (fsync ignored: only O_DSYNC writes durable); "
                         "should FAIL, showing the checks can see lost data")
    ap.add_argument("--workdir", help="scratch directory (default: a new one under /tmp)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory")
    ap.add_argument("--timeout", type=float, default=60, help="per-process timeout for verify/export")
    a = ap.parse_args(argv)
    if a.quick:
        a.appends, a.base_events = min(a.appends, 150), min(a.base_events, 230)
        a.states, a.seconds = min(a.states, 80), min(a.seconds, 50)
    return a


def main(argv):
    a = parse_args(argv)
    t0 = time.monotonic()
    deadline = t0 + a.seconds
    ledgerd = os.path.abspath(a.ledgerd)
    if not os.access(ledgerd, os.X_OK):
        raise SetupError(f"no executable ledgerd at {ledgerd} (build it, or pass --ledgerd PATH)")
    work = a.workdir or tempfile.mkdtemp(prefix="powerloss-", dir="/tmp")
    os.makedirs(work, exist_ok=True)
    failed_dir = os.path.join(work, "failed")
    keep = a.keep
    try:
        # 1. The shim.
        shim = os.path.join(work, "iotrace.so")
        cc = run(["gcc", "-O2", "-shared", "-fPIC", "-o", shim, os.path.join(HERE, "iotrace.c"), "-ldl"], 120)
        if cc.rc != 0:
            raise SetupError("building iotrace.so failed:\n" + cc.err.decode("utf-8", "replace"))

        # 2. The workload and the base ledger.
        need, cases = a.base_events + a.appends, 4
        while True:
            demo = run([ledgerd, "demo", "--cases", str(cases), "--seed", "7"], 120)
            if demo.rc != 0:
                raise SetupError(f"ledgerd demo {demo.describe()}: {demo.err.decode(errors='replace')}")
            lines = demo.out.splitlines()
            if len(lines) >= need or cases > 4096:
                break
            cases *= 2
        if len(lines) < need:
            raise SetupError(f"demo gives only {len(lines)} requests, {need} needed")
        base_file, append_file = os.path.join(work, "base.ndjson"), os.path.join(work, "append.ndjson")
        with open(base_file, "wb") as f:
            f.write(b"\n".join(lines[:a.base_events]) + b"\n")
        with open(append_file, "wb") as f:
            f.write(b"\n".join(lines[a.base_events:need]) + b"\n")
        live = os.path.join(work, "live")
        imp = run([ledgerd, "import", base_file, "--data", live], 300)
        if imp.rc != 0:
            raise SetupError(f"ledgerd import {imp.describe()}: {imp.err.decode(errors='replace')}")
        base = {}
        for dirpath, _dirs, names in os.walk(live):
            for name in names:
                rel = os.path.relpath(os.path.join(dirpath, name), live)
                if modelled(rel):
                    base[rel] = open(os.path.join(dirpath, name), "rb").read()
        base_copy = os.path.join(work, "base")
        write_state(base, base_copy)

        # 3. The traced run.
        trace_path = os.path.join(work, "trace.bin")
        env = clean_env()
        env.update(IOTRACE_DIR=live, IOTRACE_LOG=trace_path, LD_PRELOAD=shim)
        t_run = time.monotonic()
        app = run([ledgerd, "append", append_file, "--data", live], max(60, deadline - time.monotonic()),
                  env=env, stdout_path=os.path.join(work, "acks.ndjson"))
        t_run = time.monotonic() - t_run
        if app.rc != 0 or app.timed_out:
            raise SetupError(f"traced ledgerd append {app.describe()}: {app.err.decode(errors='replace')[-2000:]}")
        stdout_acks = [json.loads(l) for l in open(os.path.join(work, "acks.ndjson"), "rb") if l.strip()]

        ref = run([ledgerd, "export", "--data", live], 300)
        if ref.rc != 0:
            raise SetupError(f"reference export {ref.describe()}")
        ref_lines = {}
        for line in ref.out.split(b"\n"):
            if line:
                ref_lines[json.loads(line)["seq"]] = line
        base_count = a.base_events

        trace = Trace(trace_path, live)
        if trace.truncated_tail:
            raise SetupError("the trace ends in a partial record")
        if trace.starts != 1:
            raise SetupError(f"expected one traced process, the trace has {trace.starts}")
        maps = [p for p in trace.writable_maps if modelled(p)]
        if maps:
            raise SetupError(f"writable shared mappings of {sorted(set(maps))}: writes through them are "
                             "invisible to the shim, so this trace cannot be modelled")
        if [ack for _, ack in trace.acks] != stdout_acks:
            raise SetupError(f"the trace's acknowledgements ({len(trace.acks)}) differ from stdout's ({len(stdout_acks)})")
        if len(stdout_acks) != a.appends:
            raise SetupError(f"{len(stdout_acks)} acknowledgements for {a.appends} appends")
        for ack in stdout_acks:
            if json.loads(ref_lines.get(ack["seq"], b"{}")).get("eventId") != ack["eventId"]:
                raise SetupError(f"acknowledged {ack} is not in the final export")

        # Self-check of the trace: every write applied to the base must give the final files.
        whole, _ = build_state(trace, base, len(trace), random.Random(0), type("P", (), {
            "keep": 1.0, "tear": 0.0, "tear_modes": ["prefix"]})(), a.sector)
        for rel in sorted(set(whole) | {p for p in trace.paths if modelled(p)}):
            path = os.path.join(live, rel)
            actual = open(path, "rb").read() if os.path.exists(path) else None
            if actual != bytes(whole.get(rel, b"")):
                raise SetupError(f"replaying the whole trace onto the base does not reproduce {rel}: "
                                 "the shim misses a write path")
        writes = [op for op in trace.ops if op.kind == "write" and modelled(op.path)]
        kinds = {}
        for s in trace.syncs:
            kinds[s.kind] = kinds.get(s.kind, 0) + 1
        log(f"powerloss: ledgerd {ledgerd}; work {work}")
        log(f"powerloss: base {base_count} events ({', '.join(f'{k} {len(v)} B' for k, v in sorted(base.items()))}); "
            f"traced {a.appends} appends in {t_run:.1f} s: {len(trace)} records, {len(writes)} writes "
            f"({sum(op.sync for op in writes)} O_DSYNC, {sum(len(op.data) for op in writes)} B) to "
            f"{sorted(p for p in trace.paths if modelled(p))}, syncs {kinds}, "
            f"other files touched {sorted(p for p in trace.paths if not modelled(p))}")
        log("powerloss: replaying the whole trace onto the base reproduces the final files byte for byte")
        if a.negative_control:
            log("powerloss: NEGATIVE CONTROL: fsync/fdatasync ignored by the model; failures are expected")

        # 4. Crash states.
        rng = random.Random(a.seed)
        cuts = sorted(rng.sample(range(len(trace) + 1), min(a.states, len(trace) + 1)))
        rng.shuffle(cuts)  # an early stop still samples the whole run
        passed = failed = acks_checked = 0
        phases, policies, totals = {}, {}, {}
        unacked_present = 0
        stopped_early = False
        for n, cut in enumerate(cuts, 1):
            if time.monotonic() > deadline:
                stopped_early = True
                break
            srng = random.Random(a.seed * 1_000_003 + cut)
            policy = Policy(srng, a.tear)
            files, stats = build_state(trace, base, cut, srng, policy, a.sector, ignore_syncs=a.negative_control)
            acks = [x for x in trace.acks if x[0] < cut]
            sdir = os.path.join(work, "state")
            shutil.rmtree(sdir, ignore_errors=True)
            problems, facts = check_state(ledgerd, files, sdir, acks, ref_lines, base_count, a.timeout)
            phase = phase_of(trace, cut)
            phases[phase] = phases.get(phase, 0) + 1
            policies[policy.name] = policies.get(policy.name, 0) + 1
            for k, v in stats.items():
                totals[k] = totals.get(k, 0) + v
            acks_checked += len(acks)
            last_acked = max((x[1]["seq"] for x in acks), default=base_count)
            if facts.get("events", 0) > last_acked:
                unacked_present += 1
            if problems:
                failed += 1
                keep = True
                where = os.path.join(failed_dir, f"state-{n:04d}-cut-{cut}")
                os.makedirs(failed_dir, exist_ok=True)
                write_state(files, where)
                with open(where + ".json", "w") as f:
                    json.dump({"cut": cut, "phase": phase, "policy": policy.name, "keep": policy.keep,
                               "tear": policy.tear, "stats": stats, "acks_before_cut": len(acks),
                               "last_acked_seq": last_acked, "problems": problems}, f, indent=1)
                log(f"FAIL state {n} (cut {cut}/{len(trace)}, {phase}, {len(acks)} acks before it, "
                    f"last acked seq {last_acked}, policy {policy.name} keep={policy.keep:.2f} "
                    f"tear={policy.tear:.2f}, writes {stats}): files kept in {where}")
                for pr in problems:
                    log(f"    {pr}")
            else:
                passed += 1
            shutil.rmtree(sdir, ignore_errors=True)

        tried = passed + failed
        elapsed = time.monotonic() - t0
        log(f"powerloss: crash points by phase {dict(sorted(phases.items()))}; policies "
            f"{dict(sorted(policies.items()))}; writes after the last sync: {totals.get('volatile', 0)} "
            f"({totals.get('applied', 0)} applied whole, {totals.get('torn', 0)} torn, "
            f"{totals.get('skipped', 0)} lost, {totals.get('inflight', 0)} in flight); states holding "
            f"events beyond the last ack: {unacked_present}")
        if stopped_early:
            log(f"powerloss: time budget of {a.seconds:.0f} s reached: {tried} of {len(cuts)} states tried")
        log(f"powerloss: {tried} crash states, {passed} passed, {failed} failed (acks checked: {acks_checked}) "
            f"in {elapsed:.1f} s" + (" [negative control]" if a.negative_control else ""))
        if failed:
            log(f"powerloss: failing states kept in {failed_dir}")
        return 1 if failed else 0
    finally:
        if keep:
            log(f"powerloss: scratch directory kept: {work}")
        elif not a.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except SetupError as e:
        print(f"powerloss: setup error: {e}", file=sys.stderr, flush=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)

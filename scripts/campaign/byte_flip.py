#!/usr/bin/env python3
"""Byte-flip campaign: corrupt one byte of a ledger's data.mdb, many times, and check that
`ledgerd verify` and `ledgerd export` either notice or are unaffected — never crash, hang,
or hand out altered events as if nothing were wrong.

Written from the outside: it drives only the `ledgerd` binary (demo, import, verify, export)
and Python's standard library.

It builds a ledger (`ledgerd demo --cases N | ledgerd import`), takes a control copy of its
data.mdb (verify must pass, and its export is the reference), then for each seeded trial:
copies data.mdb alone into a fresh directory (no lock.mdb, no projections/), XORs one byte at a
random offset over the whole file with a random value 1..255 (or --bytes K bytes), and runs
`ledgerd verify --data COPY` and `ledgerd export --data COPY`, each with a timeout.

Each trial is one of:
  harmless     verify 0, export 0 and byte-identical to the reference            fine
  detected     verify and/or export refused (exit 5 or 1) with a message naming
               what is wrong (a seq, a page, "corrupt", an LMDB error…), and no
               altered export                                                     fine
  crashed      verify or export killed by a signal (trap, SIGSEGV, SIGBUS…)       FAILURE
  hung         verify or export still running at the timeout                      FAILURE
  undetected   verify 0 and export 0, but the export differs from the reference   FAILURE
  export altered  export 0 with output different from the reference, although
               verify failed: export must refuse corrupt data too                 FAILURE
  odd exit     an exit status other than 0, 1 or 5                                FAILURE
  vague        a refusal whose stderr is empty or names nothing                   FAILURE

The first failures are printed with OFFSET:XOR; `--only OFFSET:XOR[,OFFSET:XOR…]` reruns one
trial (use `--base DIR` with the ledger directory the run kept, since a new build of the ledger
has other timestamps and so other bytes). Exit status 1 on any failure, 0 otherwise.

    python3 scripts/campaign/byte_flip.py --flips 300 --seed 1
    python3 scripts/campaign/byte_flip.py --quick             # ~40 flips, < 60 s, for CI
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_LEDGERD = REPO / ".build" / "debug" / "ledgerd"

FAILURES = ("crashed", "hung", "undetected", "export altered", "odd exit", "vague")
CLASSES = ("detected", "harmless") + FAILURES
# What a refusal should name: a position, a page, corruption, an LMDB error, the chain.
NAMES_SOMETHING = re.compile(
    r"\bseq\b|\bpage\b|pgno|corrupt|MDB_[A-Z_]+|checksum|\bhash|chain|index|offset|malformed|invalid|mismatch"
    r"|verification failed|not a recorded event|unexpected", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# Child processes: each in its own session, killed as a group on timeout, reaped always.

_children = set()
_children_lock = threading.Lock()


def limits(memory_mb):
    def apply():
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if memory_mb:
            # Private memory only: the mmap of data.mdb is a shared file mapping, not counted.
            limit = memory_mb << 20
            resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    return apply


def run(args, timeout, memory_mb, stdout=subprocess.PIPE):
    """(returncode, stdout bytes, stderr bytes, timed_out, seconds); the group is killed on timeout."""
    started = time.monotonic()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=limits(memory_mb))
    with _children_lock:
        _children.add(proc)
    try:
        out, err = proc.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        timed_out = True
    finally:
        with _children_lock:
            _children.discard(proc)
    return proc.returncode, out or b"", err or b"", timed_out, time.monotonic() - started


def cleanup_children():
    with _children_lock:
        procs = list(_children)
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass


def text(data, limit=300):
    s = data.decode("utf-8", "replace").strip().replace("\n", " ⏎ ")
    return s if len(s) <= limit else s[:limit] + "…"


def describe_rc(rc, timed_out):
    if timed_out:
        return "timeout"
    if rc < 0:
        try:
            return signal.Signals(-rc).name
        except ValueError:
            return f"signal {-rc}"
    return f"exit {rc}"


# ---------------------------------------------------------------------------------------------
# Where a byte is: LMDB's page layout, read from the pristine file (for the report only).

P_BRANCH, P_LEAF, P_OVERFLOW, P_META, P_LEAF2 = 0x01, 0x02, 0x04, 0x08, 0x20
META_FIELDS = [(16, "magic"), (20, "version"), (24, "address"), (32, "mapsize"), (40, "freedb"),
               (88, "maindb"), (136, "last_pg"), (144, "txnid"), (152, "unused")]


class PageMap:
    def __init__(self, data):
        self.size = len(data)
        page_size = struct.unpack_from("<I", data, 40)[0] if len(data) >= 44 else 0
        magic = struct.unpack_from("<I", data, 16)[0] if len(data) >= 20 else 0
        if magic != 0xBEEFC0DE or page_size not in (512, 1024, 2048, 4096, 8192, 16384, 32768, 65536):
            page_size = 4096
        self.page_size = page_size
        pages = (len(data) + page_size - 1) // page_size
        self.kinds = ["unknown"] * pages
        self.lowers = {}  # leaf and branch pages: end of the pointer array
        p = 0
        while p < pages:
            base = p * page_size
            if base + 16 > len(data):
                break
            pgno, flags = struct.unpack_from("<Q", data, base)[0], struct.unpack_from("<H", data, base + 10)[0]
            if pgno == p:
                if flags & P_META:
                    self.kinds[p] = "meta"
                elif flags & P_OVERFLOW:
                    self.kinds[p] = "overflow"
                    count = struct.unpack_from("<I", data, base + 12)[0]
                    for q in range(p + 1, min(pages, p + max(1, count))):
                        self.kinds[q] = "overflow-data"  # continuation pages have no header
                    p += max(1, count)
                    continue
                elif flags & P_BRANCH:
                    self.kinds[p] = "branch"
                    self.lowers[p] = struct.unpack_from("<H", data, base + 12)[0]
                elif flags & (P_LEAF | P_LEAF2):
                    self.kinds[p] = "leaf"
                    self.lowers[p] = struct.unpack_from("<H", data, base + 12)[0]
            p += 1

    def structure(self, data):
        """Byte ranges LMDB itself interprets: page headers and pointer arrays, node headers and
        keys of leaf pages, whole branch pages, and the meta pages' fields."""
        ranges = []
        ps = self.page_size
        for p, kind in enumerate(self.kinds):
            base = p * ps
            if kind == "meta":
                ranges.append((base, base + 152))
            elif kind == "branch":
                ranges.append((base, min(base + ps, len(data))))
            elif kind == "overflow":
                ranges.append((base, base + 16))
            elif kind == "leaf":
                flags = struct.unpack_from("<H", data, base + 10)[0]
                lower = struct.unpack_from("<H", data, base + 12)[0]
                if flags & P_LEAF2 or not 16 <= lower <= ps:
                    ranges.append((base, base + 16))
                    continue
                ranges.append((base, base + lower))
                for k in range((lower - 16) // 2):
                    ptr = struct.unpack_from("<H", data, base + 16 + 2 * k)[0]
                    if 16 <= ptr <= ps - 8:
                        ksize = struct.unpack_from("<H", data, base + ptr + 6)[0]
                        ranges.append((base + ptr, min(base + ps, base + ptr + 8 + ksize)))
        return ranges

    def kind(self, offset):
        return self.kinds[offset // self.page_size] if offset // self.page_size < len(self.kinds) else "unknown"

    def where(self, offset):
        page, within = divmod(offset, self.page_size)
        kind = self.kind(offset)
        if kind == "meta":
            field = [name for start, name in META_FIELDS if within >= start]
            part = field[-1] if field else "header"
            return f"page {page} (meta {part}, byte {within})"
        if within < 16 and kind not in ("overflow-data", "unknown"):
            part = "header"
        elif page in self.lowers:
            part = "pointers" if within < self.lowers[page] else "nodes"
        else:
            part = "body"
        return f"page {page} ({kind} {part}, byte {within})"


# ---------------------------------------------------------------------------------------------


class Campaign:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="byte_flip-", dir=args.work))
        self.results = []
        self.stop = threading.Event()

    def say(self, message):
        print(f"byte_flip: {message}", flush=True)

    def ledgerd(self, *args):
        return [self.args.ledgerd, *args]

    def build_base(self):
        args = self.args
        if args.base:
            base = Path(args.base).resolve()
            if not (base / "data.mdb").is_file():
                raise SystemExit(f"byte_flip: no data.mdb in {base}")
            self.say(f"base ledger {base} (given)")
            return base / "data.mdb"
        base = self.work / "base"
        base.mkdir()
        workload = self.work / "workload.ndjson"
        with open(workload, "wb") as out:
            rc, _, err, timed_out, _ = run(self.ledgerd("demo", "--cases", str(args.cases), "--seed", str(args.seed)),
                                           timeout=300, memory_mb=0, stdout=out)
        if rc != 0 or timed_out:
            raise SystemExit(f"byte_flip: ledgerd demo failed ({describe_rc(rc, timed_out)}): {text(err)}")
        rc, out, err, timed_out, seconds = run(self.ledgerd("import", str(workload), "--data", str(base)),
                                               timeout=600, memory_mb=0)
        if rc != 0 or timed_out:
            raise SystemExit(f"byte_flip: ledgerd import failed ({describe_rc(rc, timed_out)}): {text(err)}")
        workload.unlink()
        self.say(f"base ledger {base}: demo --cases {args.cases} --seed {args.seed}, {text(out, 120)}")
        return base / "data.mdb"

    def prepare(self, directory, flips):
        if directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(parents=True)
        target = directory / "data.mdb"
        shutil.copyfile(self.base_file, target)
        if flips:
            with open(target, "r+b") as f:
                for offset, xor in flips:
                    f.seek(offset)
                    byte = f.read(1)[0]
                    f.seek(offset)
                    f.write(bytes([byte ^ xor]))
        return directory

    def trial(self, slot, number, flips):
        args = self.args
        directory = self.prepare(self.work / f"trial-{slot}", flips)
        v = run(self.ledgerd("verify", "--data", str(directory)), args.timeout, args.mem_limit_mb)
        e = run(self.ledgerd("export", "--data", str(directory)), args.timeout, args.mem_limit_mb)
        return self.classify(number, flips, v, e)

    def classify(self, number, flips, v, e):
        (vrc, vout, verr, vto, vsec), (erc, eout, eerr, eto, esec) = v, e
        same = len(eout) == self.reference_len and hashlib.sha256(eout).digest() == self.reference_hash
        commands = (("verify", vrc, verr, vto), ("export", erc, eerr, eto))
        note = ""
        if any(rc < 0 and not to for _, rc, _, to in commands):
            cls = "crashed"
            note = ", ".join(f"{n} {describe_rc(rc, to)}" for n, rc, _, to in commands if rc < 0 and not to)
        elif vto or eto:
            cls = "hung"
            note = ", ".join(f"{n} still running after {self.args.timeout:.0f} s" for n, _, _, to in commands if to)
        elif erc == 0 and not same:
            cls = "undetected" if vrc == 0 else "export altered"
            note = self.difference(eout) + (f"; verify {describe_rc(vrc, False)}: {text(verr, 160)}" if vrc else "")
        elif vrc == 0 and erc == 0:
            cls = "harmless"
        elif any(rc not in (0, 1, 5) for _, rc, _, _ in commands):
            cls = "odd exit"
            note = ", ".join(f"{n} exit {rc}: {text(err, 160)}" for n, rc, err, _ in commands if rc not in (0, 1, 5))
        else:
            vague = [(n, rc, err) for n, rc, err, _ in commands if rc != 0 and not NAMES_SOMETHING.search(
                err.decode("utf-8", "replace"))]
            if vague:
                cls = "vague"
                note = ", ".join(f"{n} exit {rc} with {'no message' if not err.strip() else repr(text(err, 160))}"
                                 for n, rc, err in vague)
            else:
                cls = "detected"
                failing = [(n, rc, err) for n, rc, err, _ in commands if rc != 0]
                note = "; ".join(f"{n} exit {rc}: {text(err, 160)}" for n, rc, err in failing)
        where = "; ".join(self.pages.where(offset) for offset, _ in flips)
        return {"trial": number, "flips": flips, "class": cls, "note": note, "where": where,
                "kind": self.pages.kind(flips[0][0]) if flips else "none",
                "verify": describe_rc(vrc, vto), "export": describe_rc(erc, eto), "seconds": vsec + esec}

    def difference(self, out):
        lines = out.split(b"\n")
        for k, (a, b) in enumerate(zip(lines, self.reference_lines)):
            if a != b:
                return f"export differs from seq {k + 1} on ({len(lines) - 1} lines, reference {len(self.reference_lines) - 1})"
        return f"export has {len(lines) - 1} lines, the reference {len(self.reference_lines) - 1}"

    def plan(self):
        args = self.args
        if args.only:
            flips = []
            for part in args.only.split(","):
                try:
                    offset, xor = part.split(":")
                    offset, xor = int(offset, 0), int(xor, 0)
                except ValueError:
                    raise SystemExit(f"byte_flip: --only wants OFFSET:XOR[,OFFSET:XOR…], not {part!r}")
                if not (0 <= offset < self.size and 1 <= xor <= 255):
                    raise SystemExit(f"byte_flip: {part}: offset must be 0–{self.size - 1}, xor 1–255")
                flips.append((offset, xor))
            return [flips]
        rng = random.Random(args.seed)
        ranges = self.structure
        cumulative, total = [], 0
        for start, end in ranges:
            total += end - start
            cumulative.append(total)

        def anywhere():
            return rng.randrange(self.size)

        def structural():
            pick = rng.randrange(total)
            lo, hi = 0, len(cumulative) - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if cumulative[mid] > pick:
                    hi = mid
                else:
                    lo = mid + 1
            start, end = ranges[lo]
            return end - (cumulative[lo] - pick)

        def offset(trial):
            if args.region == "file" or not total:
                return anywhere()
            if args.region == "structure":
                return structural()
            return anywhere() if trial % 2 == 0 else structural()  # both: alternate

        return [[(offset(t), rng.randint(1, 255)) for _ in range(args.bytes)] for t in range(args.flips)]

    def run(self):
        args = self.args
        started = time.monotonic()
        self.say(f"ledgerd {args.ledgerd}, scratch {self.work}, seed {args.seed}, region {args.region}, "
                 f"{args.bytes} byte(s) per flip")
        self.base_file = self.build_base()
        data = self.base_file.read_bytes()
        self.size = len(data)
        self.pages = PageMap(data)
        self.structure = self.pages.structure(data) if args.region != "file" else []
        del data
        # Control: the copy procedure alone must change nothing.
        control = self.prepare(self.work / "control", [])
        vrc, vout, verr, vto, vsec = run(self.ledgerd("verify", "--data", str(control)), args.timeout, args.mem_limit_mb)
        erc, eout, eerr, eto, esec = run(self.ledgerd("export", "--data", str(control)), args.timeout, args.mem_limit_mb)
        if vrc != 0 or erc != 0 or vto or eto:
            raise SystemExit(f"byte_flip: the unflipped copy does not verify/export: verify {describe_rc(vrc, vto)} "
                             f"{text(verr)}; export {describe_rc(erc, eto)} {text(eerr)}")
        self.reference_len, self.reference_hash = len(eout), hashlib.sha256(eout).digest()
        self.reference_lines = eout.split(b"\n")
        kinds = {}
        for kind in self.pages.kinds:
            kinds[kind] = kinds.get(kind, 0) + 1
        self.say(f"data.mdb {self.size} bytes, {len(self.pages.kinds)} pages of {self.pages.page_size} "
                 f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); control copy verifies "
                 f"({text(vout, 60)}) and exports {len(self.reference_lines) - 1} events "
                 f"(verify {vsec:.2f} s, export {esec:.2f} s)")
        trials = self.plan()
        deadline = started + args.seconds
        stopped_early = None
        jobs = max(1, args.jobs)
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            slots = list(range(jobs))
            slot_lock = threading.Lock()

            def one(number, flips):
                if self.stop.is_set() or time.monotonic() >= deadline:
                    return None
                with slot_lock:
                    slot = slots.pop()
                try:
                    return self.trial(slot, number, flips)
                finally:
                    with slot_lock:
                        slots.append(slot)

            futures = [pool.submit(one, n + 1, flips) for n, flips in enumerate(trials)]
            done = 0
            for future in futures:
                try:
                    result = future.result()
                except BaseException:
                    self.stop.set()  # the queued trials return at once; running ones end with their children
                    cleanup_children()
                    raise
                if result is None:
                    stopped_early = f"stopped early at the {args.seconds:.0f} s budget"
                    continue
                self.results.append(result)
                done += 1
                if args.verbose:
                    flips = ",".join(f"{o}:{x}" for o, x in result["flips"])
                    self.say(f"trial {result['trial']} {flips} [{result['where']}]: {result['class']}"
                             + (f" — {result['note']}" if result["note"] else ""))
                if args.progress and done % args.progress == 0:
                    self.say(f"… {done} flips, {len(self.failures())} failures, {time.monotonic() - started:.0f} s")
        return self.report(started, stopped_early)

    def failures(self):
        return [r for r in self.results if r["class"] in FAILURES]

    def report(self, started, stopped_early):
        args = self.args
        counts = {c: 0 for c in CLASSES}
        by_kind = {}
        for r in self.results:
            counts[r["class"]] += 1
            by_kind.setdefault(r["kind"], {}).setdefault(r["class"], 0)
            by_kind[r["kind"]][r["class"]] += 1
        elapsed = time.monotonic() - started
        self.say("by class: " + ", ".join(f"{c} {counts[c]}" for c in CLASSES))
        self.say("by page kind (of the first flipped byte):")
        for kind in sorted(by_kind):
            print(f"    {kind:9} " + ", ".join(f"{c} {n}" for c, n in sorted(by_kind[kind].items())))
        failures = self.failures()
        if failures:
            self.say(f"first failures of each class, at most {args.show} each "
                     f"(rerun one with --base {self.base_file.parent} --only OFFSET:XOR):")
            shown = [r for c in FAILURES for r in [x for x in failures if x["class"] == c][: args.show]]
            for r in shown:
                flips = ",".join(f"{o}:{x}" for o, x in r["flips"])
                print(f"    trial {r['trial']:4} --only {flips:16} {r['class']:14} [{r['where']}] {r['note']}")
        samples = [r for r in self.results if r["class"] == "detected"][:3]
        if samples:
            self.say("sample refusals: " + " | ".join(r["note"][:200] for r in samples))
        if args.json:
            Path(args.json).write_text(json.dumps({"seed": args.seed, "cases": args.cases, "bytes": args.bytes,
                                                   "region": args.region,
                                                   "size": self.size, "counts": counts, "results": self.results},
                                                  indent=1))
        if (failures or args.keep) and not args.base:
            for scratch in [*self.work.glob("trial-*"), self.work / "control"]:
                shutil.rmtree(scratch, ignore_errors=True)
            self.say(f"base ledger kept at {self.base_file.parent}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)
        flips = len(self.results)
        summary = (f"byte_flip: {flips} flips, {counts['detected']} detected, {counts['harmless']} harmless, "
                   f"{counts['crashed']} crashed, {counts['undetected']} undetected, "
                   f"{counts['export altered']} export altered")
        for c in ("hung", "odd exit", "vague"):
            if counts[c]:
                summary += f", {counts[c]} {c}"
        summary += f" ({elapsed:.0f} s" + (f"; {stopped_early})" if stopped_early else ")")
        print(summary, flush=True)
        return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ledgerd", default=str(DEFAULT_LEDGERD), help="the binary (default: %(default)s)")
    parser.add_argument("--flips", type=int, default=None, help="trials (default 300; --quick 40)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the workload, offsets and values")
    parser.add_argument("--cases", type=int, default=None, help="demo cases in the ledger (default 300; --quick 40)")
    parser.add_argument("--bytes", type=int, default=1, help="bytes flipped per trial, each at its own random offset")
    parser.add_argument("--region", choices=("file", "structure", "both"), default=None,
                        help="where offsets fall: anywhere in data.mdb (file, the default), only in bytes LMDB "
                             "interprets (structure: page headers, pointer arrays, node headers and keys, branch "
                             "pages, meta fields), or alternating (both; the --quick default)")
    parser.add_argument("--only", metavar="OFFSET:XOR[,…]", help="run this one trial (with --base to reproduce)")
    parser.add_argument("--base", metavar="DIR", help="flip copies of DIR/data.mdb instead of building a ledger")
    parser.add_argument("--quick", action="store_true", help="CI size: 40 flips of a 40-case ledger")
    parser.add_argument("--timeout", type=float, default=60, help="timeout of each verify and export (s)")
    parser.add_argument("--seconds", type=float, default=None,
                        help="time budget for the trials; stops with what was done (default 3600; --quick 50)")
    parser.add_argument("--mem-limit-mb", type=int, default=4096,
                        help="RLIMIT_DATA of each verify/export, so that a runaway allocation fails instead of "
                             "exhausting the machine (0: none; default %(default)s)")
    parser.add_argument("--jobs", type=int, default=1, help="trials run at once (default %(default)s)")
    parser.add_argument("--show", type=int, default=5, help="failures to print per class (default %(default)s)")
    parser.add_argument("--json", metavar="FILE", help="write every trial's result to FILE")
    parser.add_argument("--work", default=None, help="scratch parent directory (default: $TMPDIR or /tmp)")
    parser.add_argument("--keep", action="store_true", help="keep the base ledger (kept anyway on a failure)")
    parser.add_argument("--progress", type=int, default=50, help="a progress line every N flips (0: none)")
    parser.add_argument("--verbose", action="store_true", help="one line per trial")
    args = parser.parse_args()
    args.flips = args.flips if args.flips is not None else (40 if args.quick else 300)
    args.region = args.region or ("both" if args.quick else "file")
    args.cases = args.cases if args.cases is not None else (40 if args.quick else 300)
    args.seconds = args.seconds if args.seconds is not None else (50 if args.quick else 3600)
    if args.flips < 1 or args.cases < 1 or args.bytes < 1:
        parser.error("--flips, --cases and --bytes must be ≥ 1")
    args.ledgerd = str(Path(args.ledgerd).resolve())
    if not os.access(args.ledgerd, os.X_OK):
        parser.error(f"no ledgerd binary at {args.ledgerd} (build it, or pass --ledgerd PATH)")

    def on_signal(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    campaign = Campaign(args)
    try:
        return campaign.run()
    except OSError as error:
        print(f"byte_flip: cannot run {args.ledgerd}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"byte_flip: interrupted; scratch left at {campaign.work}", file=sys.stderr)
        return 130
    finally:
        cleanup_children()


if __name__ == "__main__":
    sys.exit(main())

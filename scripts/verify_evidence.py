#!/usr/bin/env python3
"""Check a witness's evidence against a log, offline, independently of ledgerd.

usage: verify_evidence.py EVIDENCE_FILE|- --vkey VKEY

EVIDENCE_FILE holds what `ledgerd witness evidence` prints: one JSON object per line, each a
checkpoint the witness refused as inconsistent with the one it held, with
  "held":    the checkpoint note the witness held (text, blank line, signature lines),
  "request": the c2sp.org/tlog-witness add-checkpoint body it refused: `old <size>`, the
             base64 consistency-proof hashes the log offered, a blank line, the signed note,
  "origin", "receivedAt", "reason".

For each line, every check fatal with a one-line message: both notes parse and are signed by
the log's key (VKEY, type 0x01, named for the origin); then what the two signed checkpoints
prove about the log:
  - the same size with different roots: the log signed two trees of one size, a fork, proven;
  - a larger size whose offered consistency proof fails (RFC 9162 §2.1.4.2): the log signed
    two checkpoints and showed no proof that one extends the other; until it produces one
    that verifies, the two are a fork;
  - otherwise (the proof verifies, or the sizes go backwards): not evidence, which fails.
Exit 0 printing one line per item when every item is evidence signed by the log, 1 otherwise.

Standard library plus `cryptography` (Ed25519), through the functions of verify_proof.py
beside it (itself standard library plus `cryptography`), never ledgerd's code.
"""

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from verify_proof import (  # noqa: E402  (the independent verifier's own parsing and Merkle code)
    HASH_SIZE,
    VerificationError,
    check_log_signature,
    decode_base64,
    parse_checkpoint,
    parse_decimal,
    parse_vkey,
    read_vkey_argument,
    split_note,
    verify_consistency,
)

LOG_KEY_TYPE = 0x01
MAXIMUM_PROOF = 63


def parse_request(body):
    """The old size, the proof hashes and the signed note of an add-checkpoint body."""
    head, blank, note = body.partition("\n\n")
    if not blank:
        raise VerificationError("the request has no blank line before its checkpoint")
    lines = head.split("\n")
    if not lines[0].startswith("old "):
        raise VerificationError("the request's first line is not old <size>")
    old = parse_decimal(lines[0][4:], "the request's old size")
    if len(lines) - 1 > MAXIMUM_PROOF:
        raise VerificationError(f"the request carries more than {MAXIMUM_PROOF} proof hashes")
    proof = [decode_base64(line, "a consistency-proof hash", HASH_SIZE) for line in lines[1:]]
    return old, proof, note.encode("utf-8")


def judge(item, log_key):
    """One line saying what the item proves; raises VerificationError if it proves nothing."""
    for field in ("origin", "held", "request"):
        if not isinstance(item.get(field), str):
            raise VerificationError(f"the evidence has no {field}")
    if item["origin"] != log_key.name:
        raise VerificationError(f"the evidence is of {item['origin']}, the key of {log_key.name}")
    held_text, held_signatures = split_note(item["held"].encode("utf-8"))
    _, proof, note = parse_request(item["request"])
    new_text, new_signatures = split_note(note)
    check_log_signature(held_text, held_signatures, log_key)
    check_log_signature(new_text, new_signatures, log_key)
    held_origin, held_size, held_root = parse_checkpoint(held_text)
    new_origin, new_size, new_root = parse_checkpoint(new_text)
    if held_origin != log_key.name or new_origin != log_key.name:
        raise VerificationError("a checkpoint is of another origin than the key's")
    if new_size == held_size:
        if new_root == held_root:
            raise VerificationError(f"both checkpoints are of size {new_size} with the same root: no fork")
        return f"fork proven: the log signed two roots for size {new_size}"
    if new_size < held_size:
        raise VerificationError(f"the refused checkpoint ({new_size}) is older than the held one ({held_size}): no fork shown")
    if verify_consistency(held_size, new_size, proof, held_root, new_root):
        raise VerificationError(f"the offered proof shows {new_size} extends {held_size}: no fork")
    return (f"fork unless the log can prove otherwise: it signed sizes {held_size} and {new_size} "
            f"and its consistency proof ({len(proof)} hashes) does not verify")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("evidence", help="the NDJSON `ledgerd witness evidence` printed, or - for standard input")
    parser.add_argument("--vkey", required=True, help="the log's verifier key (0x01), or a file holding it")
    args = parser.parse_args(argv)
    try:
        log_key = parse_vkey(read_vkey_argument(args.vkey), LOG_KEY_TYPE, "log")
        data = sys.stdin.read() if args.evidence == "-" else open(args.evidence, encoding="utf-8").read()
        lines = [line for line in data.split("\n") if line.strip()]
        if not lines:
            raise VerificationError("no evidence to check: the file is empty")
        for number, line in enumerate(lines, 1):
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise VerificationError(f"line {number} is not JSON: {error}") from None
            if not isinstance(item, dict):
                raise VerificationError(f"line {number} is not a JSON object")
            try:
                print(f"line {number}: {judge(item, log_key)}")
            except VerificationError as error:
                raise VerificationError(f"line {number}: {error}") from None
    except (VerificationError, OSError) as error:
        print(f"verify_evidence.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

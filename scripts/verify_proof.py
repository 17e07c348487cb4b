#!/usr/bin/env python3
"""Verify a c2sp.org/tlog-proof@v1 file offline, independently of ledgerd.

usage: verify_proof.py PROOF_FILE --vkey VKEY [--witness WVKEY ...] [--quorum K] [--event FILE]
       verify_proof.py --consistency OLD_SIZE NEW_SIZE OLD_ROOT_B64 NEW_ROOT_B64 PROOF_FILE|-
       verify_proof.py --self-test

A proof file (VERIFIABLE_LOG.md §6) is:
  c2sp.org/tlog-proof@v1
  extra <base64 of the event's exported line>      optional, unauthenticated
  index <leaf index = seq - 1>
  <base64 inclusion-proof hash, leaf's sibling first>   zero or more
  (empty line)
  <the signed checkpoint note, verbatim, to EOF>

It proves that the event was leaf `index` of the tree the log signed, and, with --witness,
that independent witnesses saw that same tree. Checks, each fatal with a one-line message:
the file's shape; the checkpoint's three lines; the log's Ed25519 signature (the vkey's name
must be the checkpoint's origin); each cosignature by a given witness (a bad one is fatal)
and the quorum; then the RFC 9162 §2.1.3.2 inclusion proof of SHA-256(0x00 || event line)
against the signed root; and, if the event is JSON with a `seq`, that seq == index + 1.

VKEY/WVKEY: `<name>+<8 hex key id>+<base64(type || 32-byte Ed25519 key)>`, type 0x01 for the
log and 0x04 (cosignature/v1) for witnesses, literally or as a file whose last non-empty
line is the key. Exit 0 printing one `verified: ...` line, 1 on any failed check.

Standard library plus `cryptography` (for Ed25519), so an auditor can run it anywhere. The
Merkle functions need only the standard library and are importable for cross-checks:
merkle_root, inclusion_proof, consistency_proof, verify_inclusion, verify_consistency.
"""
import argparse
import base64
import binascii
import contextlib
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )
except ImportError:  # the Merkle functions stay usable without it
    Ed25519PublicKey = None

PROOF_HEADER = b"c2sp.org/tlog-proof@v1"
SIGNATURE_PREFIX = "\u2014 "  # em dash + space, c2sp.org/signed-note
LOG_KEY_TYPE = 0x01  # Ed25519 signed-note key
WITNESS_KEY_TYPE = 0x04  # Ed25519 cosignature/v1 key
HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()
# Plain ASCII decimal: Python's int() would also take "+5", " 5", "0_5" and other digits.
DECIMAL = re.compile(r"0|[1-9][0-9]*")


class VerificationError(Exception):
    """A check failed; the message names what, for the auditor's one-line report."""


# ---------------------------------------------------------------------------------------
# The Merkle tree, RFC 6962 §2.1 (= RFC 9162 §2.1). `leaves` are the entries D[n] (bytes),
# not their hashes, so that a cross-check starts from the same input as the log does.
# The builders below are the RFC's recursive definitions, transcribed without cleverness:
# they are the reference the optimised verifiers are tested against.
# ---------------------------------------------------------------------------------------

def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(entry):
    # The 0x00/0x01 prefixes keep a leaf from ever being mistaken for an interior node.
    return sha256(b"\x00" + entry)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def split_point(n):
    """The largest power of two strictly below n (n >= 2): the left subtree's size."""
    return 1 << ((n - 1).bit_length() - 1)


def merkle_root(leaves):
    """MTH(D[n])."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaf_hash(leaves[0])
    k = split_point(n)
    return node_hash(merkle_root(leaves[:k]), merkle_root(leaves[k:]))


def inclusion_proof(index, leaves):
    """PATH(m, D[n]), RFC 6962 §2.1.1: the audit path, leaf's sibling first."""
    n = len(leaves)
    if not 0 <= index < n:
        raise ValueError(f"index {index} is not in a tree of size {n}")
    if n == 1:
        return []
    k = split_point(n)
    if index < k:
        return inclusion_proof(index, leaves[:k]) + [merkle_root(leaves[k:])]
    return inclusion_proof(index - k, leaves[k:]) + [merkle_root(leaves[:k])]


def consistency_proof(m, leaves):
    """PROOF(m, D[n]), RFC 6962 §2.1.2; empty when m == n or m == 0 (VERIFIABLE_LOG §1)."""
    n = len(leaves)
    if not 0 <= m <= n:
        raise ValueError(f"old size {m} is not within new size {n}")
    if m == 0:
        return []
    return _subproof(m, leaves, True)


def _subproof(m, leaves, complete):
    # `complete` says whether the old tree's root is this very subtree, which the verifier
    # already holds (so it is left out), or a proper part of it (so it must be sent).
    n = len(leaves)
    if m == n:
        return [] if complete else [merkle_root(leaves)]
    k = split_point(n)
    if m <= k:
        return _subproof(m, leaves[:k], complete) + [merkle_root(leaves[k:])]
    return _subproof(m - k, leaves[k:], False) + [merkle_root(leaves[:k])]


def _shift_while_even(fn, sn):
    # RFC 9162's "right-shift both fn and sn equally until either LSB(fn) is set or fn is 0":
    # climbs past the levels where our node is a left child with no right sibling.
    while fn and not fn & 1:
        fn, sn = fn >> 1, sn >> 1
    return fn, sn


def verify_inclusion(index, size, leaf, proof, root):
    """RFC 9162 §2.1.3.2, step by step. `leaf` is the leaf hash. A proof that is longer or
    shorter than the path the algorithm walks fails (steps 4a and 5)."""
    if index >= size or index < 0:                        # 1
        return False
    fn, sn = index, size - 1                              # 2
    r = leaf                                              # 3
    for p in proof:                                       # 4
        if sn == 0:                                       # 4a
            return False
        if fn & 1 or fn == sn:                            # 4b
            r = node_hash(p, r)
            if not fn & 1:
                fn, sn = _shift_while_even(fn, sn)
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1                         # 4c
    return sn == 0 and r == root                          # 5


def verify_consistency(m, n, proof, old_root, new_root):
    """RFC 9162 §2.1.4.2 for 0 < m < n. The algorithm does not cover m == n or m == 0;
    there the proof must be empty (VERIFIABLE_LOG §1), and an empty old tree has the
    empty root (§5: the witness refuses anything else)."""
    if not 0 <= m <= n:
        return False
    if m == 0:
        return not proof and old_root == EMPTY_ROOT and (n > 0 or new_root == EMPTY_ROOT)
    if m == n:
        return not proof and old_root == new_root
    if not proof:                                         # 1
        return False
    path = list(proof)
    if m & (m - 1) == 0:                                  # 2: the old tree is a subtree
        path.insert(0, old_root)
    fn, sn = m - 1, n - 1                                 # 3
    while fn & 1:                                         # 4
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]                                     # 5
    for c in path[1:]:                                    # 6
        if sn == 0:                                       # 6a
            return False
        if fn & 1 or fn == sn:                            # 6b
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                fn, sn = _shift_while_even(fn, sn)
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1                         # 6c
    return fr == old_root and sr == new_root and sn == 0  # 7


# ---------------------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------------------

def decode_base64(text, what, length=None):
    """Standard base64 with padding, canonical only: a value has exactly one spelling, so
    no two different files can claim to carry the same bytes."""
    data = text.encode("ascii", "replace") if isinstance(text, str) else bytes(text)
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise VerificationError(f"{what} is not valid base64") from None
    if base64.b64encode(raw) != data:
        raise VerificationError(f"{what} is not canonical base64")
    if length is not None and len(raw) != length:
        raise VerificationError(f"{what} is {len(raw)} bytes, expected {length}")
    return raw


def parse_decimal(text, what):
    if not DECIMAL.fullmatch(text):
        raise VerificationError(f"{what} {text!r} is not a decimal without leading zeros")
    return int(text)


def b64(raw):
    return base64.b64encode(raw).decode("ascii")


# ---------------------------------------------------------------------------------------
# Keys and signed notes (c2sp.org/signed-note, tlog-checkpoint, tlog-cosignature)
# ---------------------------------------------------------------------------------------

class Key:
    def __init__(self, name, key_type, key_id, public):
        self.name, self.type, self.key_id, self.public = name, key_type, key_id, public

    @property
    def ident(self):
        # What a signature line names: verifiers match on both, never on the name alone.
        return (self.name, self.key_id)


def key_id(name, key_type, public):
    return sha256(name.encode("utf-8") + b"\n" + bytes([key_type]) + public)[:4]


def valid_key_name(name):
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def read_vkey_argument(argument):
    """A vkey literally, or the last non-empty line of the file the argument names."""
    if os.path.isfile(argument):
        with open(argument, encoding="utf-8") as f:
            lines = [line.strip() for line in f if line.strip()]
        if not lines:
            raise VerificationError(f"key file {argument} is empty")
        return lines[-1]
    return argument.strip()


def parse_vkey(text, expected_type, role):
    parts = text.split("+", 2)  # the base64 key itself may contain "+"
    if len(parts) != 3:
        raise VerificationError(f"{role} key is not <name>+<key id>+<key>: {text!r}")
    name, id_hex, key_b64 = parts
    if not valid_key_name(name):
        raise VerificationError(f"{role} key name {name!r} is not a valid key name")
    if not re.fullmatch(r"[0-9a-fA-F]{8}", id_hex):
        raise VerificationError(f"{role} key id {id_hex!r} is not 8 hex digits")
    raw = decode_base64(key_b64, f"{role} key {name}", 1 + 32)
    if raw[0] != expected_type:
        raise VerificationError(
            f"{role} key {name} has type 0x{raw[0]:02x}, expected 0x{expected_type:02x}")
    public = raw[1:]
    computed = key_id(name, raw[0], public)
    if computed != bytes.fromhex(id_hex):
        raise VerificationError(
            f"{role} key {name} states key id {id_hex.lower()}, its key hashes to {computed.hex()}")
    return Key(name, raw[0], computed, public)


def split_note(note):
    """A signed note's text (through its final newline) and its (name, key id, signature)
    lines. The split is at the first blank line: checkpoint text never holds one."""
    try:
        note = note.decode("utf-8")
    except UnicodeDecodeError:
        raise VerificationError("checkpoint note is not UTF-8") from None
    text, blank, signatures = note.partition("\n\n")
    if not blank:
        raise VerificationError("checkpoint note has no blank line before its signatures")
    if not signatures:
        raise VerificationError("checkpoint note has no signature lines")
    if not signatures.endswith("\n"):
        raise VerificationError("checkpoint note does not end with a newline")
    return text + "\n", [parse_signature_line(line) for line in signatures[:-1].split("\n")]


def parse_signature_line(line):
    if not line.startswith(SIGNATURE_PREFIX):
        raise VerificationError(f"checkpoint note line {line!r} is not a signature line")
    name, space, sig_b64 = line[len(SIGNATURE_PREFIX):].partition(" ")
    if not space or not valid_key_name(name):
        raise VerificationError(f"signature line {line!r} is malformed")
    raw = decode_base64(sig_b64, f"signature by {name}")
    if len(raw) < 5:
        raise VerificationError(f"signature by {name} is too short")
    return name, raw[:4], raw[4:]


def parse_checkpoint(text):
    lines = text.split("\n")[:-1]  # text ends with "\n"
    if len(lines) != 3:
        raise VerificationError(f"checkpoint text has {len(lines)} lines, expected exactly 3")
    origin, size_text, root_b64 = lines
    if not origin:
        raise VerificationError("checkpoint origin is empty")
    size = parse_decimal(size_text, "checkpoint tree size")
    root = decode_base64(root_b64, "checkpoint root hash", HASH_SIZE)
    return origin, size, root


def ed25519_valid(public, signature, message):
    if Ed25519PublicKey is None:
        raise VerificationError("Ed25519 needs the cryptography package: pip install cryptography")
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
        return True
    except InvalidSignature:
        return False


def check_log_signature(text, signatures, log_key):
    """Every line by the log's key must verify, and there must be at least one."""
    found = False
    for name, kid, sig in signatures:
        if (name, kid) != log_key.ident:
            continue  # unknown keys (witnesses, others) are not the log's business
        if len(sig) != 64 or not ed25519_valid(log_key.public, sig, text.encode("utf-8")):
            raise VerificationError(f"the log's signature by {log_key.name} does not verify")
        found = True
    if not found:
        raise VerificationError(
            f"checkpoint has no signature by the log key {log_key.name}+{log_key.key_id.hex()}")


def cosigned_message(text, timestamp):
    return f"cosignature/v1\ntime {timestamp}\n{text}".encode("utf-8")


def count_cosignatures(text, signatures, witnesses):
    """The distinct given witnesses whose cosignature verifies; a bad one is fatal, since a
    witness key we trust producing an invalid line means the note was tampered with."""
    by_ident = {w.ident: w for w in witnesses}
    cosigned = set()
    for name, kid, sig in signatures:
        witness = by_ident.get((name, kid))
        if witness is None:
            continue
        if len(sig) != 8 + 64:
            raise VerificationError(f"cosignature by witness {name} has the wrong length")
        timestamp = int.from_bytes(sig[:8], "big")
        if timestamp == 0:
            raise VerificationError(f"cosignature by witness {name} has a zero timestamp")
        if not ed25519_valid(witness.public, sig[8:], cosigned_message(text, timestamp)):
            raise VerificationError(f"cosignature by witness {name} does not verify")
        cosigned.add(witness.ident)
    return len(cosigned)


# ---------------------------------------------------------------------------------------
# The proof file
# ---------------------------------------------------------------------------------------

class Proof:
    def __init__(self, extra, index, hashes, note):
        self.extra, self.index, self.hashes, self.note = extra, index, hashes, note


def _take_line(data, pos, what):
    end = data.find(b"\n", pos)
    if end < 0:
        raise VerificationError(f"proof file ends before {what}")
    return data[pos:end], end + 1


def _ascii_line(raw, what):
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        raise VerificationError(f"{what} is not ASCII") from None


def parse_proof_file(data):
    line, pos = _take_line(data, 0, "its first line")
    if line != PROOF_HEADER:
        raise VerificationError(f"first line is not {PROOF_HEADER.decode()}")
    line, pos = _take_line(data, pos, "the index line")
    extra = None
    if line.startswith(b"extra "):
        extra = decode_base64(line[len(b"extra "):], "extra line")
        line, pos = _take_line(data, pos, "the index line")
    if not line.startswith(b"index "):
        raise VerificationError("proof file has no index line")
    index = parse_decimal(_ascii_line(line[len(b"index "):], "index line"), "index")
    hashes = []
    while True:
        line, pos = _take_line(data, pos, "the empty line before the checkpoint")
        if not line:
            break
        hashes.append(decode_base64(line, f"inclusion-proof hash {len(hashes) + 1}", HASH_SIZE))
    if pos == len(data):
        raise VerificationError("proof file has no checkpoint after the empty line")
    return Proof(extra, index, hashes, data[pos:])


class _DuplicateMember(Exception):
    pass


def _no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateMember(key)
        obj[key] = value
    return obj


def check_seq(event, index):
    """The leaf's position is seq - 1 (VERIFIABLE_LOG §1); an event that names another seq
    is a different event than the index claims, even though the tree proves its bytes."""
    try:
        obj = json.loads(event.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except _DuplicateMember as dup:
        # Parsers disagree on which duplicate wins, so the event's seq would be ambiguous.
        raise VerificationError(f"event has a duplicate member {dup.args[0]!r}") from None
    except (UnicodeDecodeError, ValueError):
        return  # not JSON: nothing beyond its bytes to check
    if not isinstance(obj, dict) or "seq" not in obj:
        return
    seq = obj["seq"]
    if type(seq) is not int or seq != index + 1:
        raise VerificationError(f"event has seq {seq!r} but sits at index {index} (seq {index + 1})")


def choose_event(proof, event_from_file):
    if event_from_file is not None and proof.extra is not None and event_from_file != proof.extra:
        raise VerificationError("the --event file and the proof's extra line hold different events")
    event = event_from_file if event_from_file is not None else proof.extra
    if event is None:
        raise VerificationError("no event: the proof has no extra line and --event was not given")
    return event


def verify_proof(data, log_key, witnesses, quorum, event_from_file=None):
    """All checks, in the documented order; returns the success line or raises."""
    proof = parse_proof_file(data)
    text, signatures = split_note(proof.note)
    origin, size, root = parse_checkpoint(text)
    if log_key.name != origin:
        raise VerificationError(f"checkpoint origin {origin!r} is not the log key's name {log_key.name!r}")
    check_log_signature(text, signatures, log_key)
    cosigned = count_cosignatures(text, signatures, witnesses)
    if cosigned < quorum:
        raise VerificationError(
            f"only {cosigned} of {len(witnesses)} witnesses cosigned the checkpoint, quorum is {quorum}")
    if proof.index >= size:
        raise VerificationError(f"index {proof.index} is not below the tree size {size}")
    event = choose_event(proof, event_from_file)
    if not verify_inclusion(proof.index, size, leaf_hash(event), proof.hashes, root):
        raise VerificationError(
            f"inclusion proof ({len(proof.hashes)} hashes) does not lead from the event at "
            f"index {proof.index} to the checkpoint's root")
    check_seq(event, proof.index)
    return (f"verified: seq {proof.index + 1} (index {proof.index}) in {origin} tree size {size}, "
            f"root {b64(root)}, cosigned by {cosigned} of {len(witnesses)} witnesses")


def read_consistency_hashes(path):
    # An unauthenticated list of hashes: blank lines and CRLF are harmless, so tolerated.
    text = sys.stdin.read() if path == "-" else open(path, encoding="ascii").read()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [decode_base64(line, f"consistency-proof hash {i + 1}", HASH_SIZE)
            for i, line in enumerate(lines)]


def run_consistency(args):
    old_text, new_text, old_b64, new_b64, path = args
    m = parse_decimal(old_text, "old size")
    n = parse_decimal(new_text, "new size")
    old_root = decode_base64(old_b64, "old root", HASH_SIZE)
    new_root = decode_base64(new_b64, "new root", HASH_SIZE)
    proof = read_consistency_hashes(path)
    if not verify_consistency(m, n, proof, old_root, new_root):
        raise VerificationError(f"the {len(proof)}-hash proof does not show tree {m} is a prefix of tree {n}")
    return f"consistent: {m} -> {n}"


# ---------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------

def build_parser():
    parser = argparse.ArgumentParser(
        prog="verify_proof.py",
        description="Verify a c2sp.org/tlog-proof@v1 file offline, independently of ledgerd.")
    parser.add_argument("proof_file", nargs="?", metavar="PROOF_FILE")
    parser.add_argument("--vkey", metavar="VKEY", help="the log's verifier key, or a file holding it")
    parser.add_argument("--witness", action="append", default=[], metavar="WVKEY",
                        help="a witness's cosignature/v1 verifier key, or a file holding it")
    parser.add_argument("--quorum", type=int, metavar="K",
                        help="valid cosignatures required (default: every --witness)")
    parser.add_argument("--event", metavar="FILE", help="the event's exported line")
    parser.add_argument("--consistency", nargs=5,
                        metavar=("OLD_SIZE", "NEW_SIZE", "OLD_ROOT_B64", "NEW_ROOT_B64", "PROOF_FILE"),
                        help="verify an RFC 9162 consistency proof, one base64 hash a line")
    parser.add_argument("--self-test", action="store_true", help="run the built-in tests")
    return parser


def read_event_file(path):
    with open(path, "rb") as f:
        data = f.read()
    return data[:-1] if data.endswith(b"\n") else data


def run_proof(parser, args):
    if args.proof_file is None or args.vkey is None:
        parser.error("PROOF_FILE and --vkey are required")
    log_key = parse_vkey(read_vkey_argument(args.vkey), LOG_KEY_TYPE, "log")
    witnesses = {}
    for argument in args.witness:
        w = parse_vkey(read_vkey_argument(argument), WITNESS_KEY_TYPE, "witness")
        if w.ident in witnesses and witnesses[w.ident].public != w.public:
            parser.error(f"two witness keys share the name {w.name} and key id {w.key_id.hex()}")
        witnesses[w.ident] = w  # the same witness given twice counts once
    quorum = len(witnesses) if args.quorum is None else args.quorum
    if not 0 <= quorum <= len(witnesses):
        parser.error(f"--quorum {quorum} is not between 0 and the {len(witnesses)} witnesses given")
    event = read_event_file(args.event) if args.event is not None else None
    with open(args.proof_file, "rb") as f:
        data = f.read()
    return verify_proof(data, log_key, list(witnesses.values()), quorum, event)


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    try:
        if args.consistency is not None:
            if args.proof_file or args.vkey or args.witness or args.event:
                parser.error("--consistency takes no other arguments")
            line = run_consistency(args.consistency)
        else:
            line = run_proof(parser, args)
    except VerificationError as error:
        print(f"verification failed: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"verification failed: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(line)
    return 0


# ---------------------------------------------------------------------------------------
# Self-test. Everything is built here from the spec's text, with its own signer, so the
# verifier is checked against an independent construction rather than against ledgerd.
# ---------------------------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed += 1
            print(f"self-test FAILED: {what}", file=sys.stderr)


# RFC 6962's reference test set (certificate-transparency merkle_tree_test): the 8 leaves
# and the roots of their prefixes, as published; cross-checked at run time against both
# the recursive and an iterative computation.
RFC6962_LEAVES = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31", b"\x40\x41\x42\x43",
                  bytes(range(0x50, 0x58)), bytes(range(0x60, 0x70))]
RFC6962_ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
# The same source's published proofs over that set: inclusion (leaf, size, path) and
# consistency (old, new, proof).
RFC6962_INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
]
RFC6962_CONSISTENCY = [
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
# The example in golang.org/x/mod/sumdb/note's documentation: a published key, key id and
# signed note, which pin down the key-id hash and the signature line's layout.
GO_NOTE_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_NOTE = ("If you think cryptography is the answer to your problem,\n"
           "then you don't know what your problem is.\n"
           "\n"
           "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")


def iterative_root(leaves):
    """Bottom-up pairing, promoting a lone last node: a second, structurally different
    construction of the same tree, so the recursive one is not checked only against itself."""
    level = [leaf_hash(x) for x in leaves]
    if not level:
        return EMPTY_ROOT
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        level = paired + ([level[-1]] if len(level) % 2 else [])
    return level[0]


def synthetic_leaves(n):
    return [f"leaf {i}".encode() for i in range(n)]


def flip(data, at=0):
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


def test_known_answers(t):
    t.check(merkle_root([]).hex() ==
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty tree root")
    for n, expected in enumerate(RFC6962_ROOTS, start=1):
        t.check(merkle_root(RFC6962_LEAVES[:n]).hex() == expected, f"RFC 6962 root of {n}")
        t.check(iterative_root(RFC6962_LEAVES[:n]).hex() == expected, f"RFC 6962 iterative root of {n}")
    for index, n, path in RFC6962_INCLUSION:
        proof = [bytes.fromhex(h) for h in path]
        t.check(inclusion_proof(index, RFC6962_LEAVES[:n]) == proof, f"RFC 6962 path {index}/{n}")
        t.check(verify_inclusion(index, n, leaf_hash(RFC6962_LEAVES[index]), proof,
                                 bytes.fromhex(RFC6962_ROOTS[n - 1])), f"RFC 6962 path {index}/{n} verifies")
    for m, n, hashes in RFC6962_CONSISTENCY:
        proof = [bytes.fromhex(h) for h in hashes]
        t.check(consistency_proof(m, RFC6962_LEAVES[:n]) == proof, f"RFC 6962 proof {m}->{n}")
        t.check(verify_consistency(m, n, proof, bytes.fromhex(RFC6962_ROOTS[m - 1]),
                                   bytes.fromhex(RFC6962_ROOTS[n - 1])), f"RFC 6962 proof {m}->{n} verifies")
    try:
        key = parse_vkey(GO_NOTE_VKEY, LOG_KEY_TYPE, "Go example")  # checks the key id
        text, signatures = split_note(GO_NOTE.encode())
        check_log_signature(text, signatures, key)  # raises if the layout were wrong
        t.check(True, "Go note example")
    except VerificationError as error:
        t.check(False, f"Go note example: {error}")


def test_inclusion(t, max_size):
    for n in range(1, max_size + 1):
        leaves = synthetic_leaves(n)
        root = merkle_root(leaves)
        t.check(root == iterative_root(leaves), f"recursive and iterative roots of {n} agree")
        for i in range(n):
            proof, leaf = inclusion_proof(i, leaves), leaf_hash(leaves[i])
            ok = verify_inclusion(i, n, leaf, proof, root)
            bad = [verify_inclusion(i, n, flip(leaf), proof, root),
                   verify_inclusion(i, n, leaf, proof + [root], root),
                   verify_inclusion(n, n, leaf, proof, root)]
            if proof:
                bad.append(verify_inclusion(i, n, leaf, proof[:-1], root))
                bad.append(verify_inclusion(i, n, leaf, [flip(proof[0])] + proof[1:], root))
            if n > 1:
                bad.append(verify_inclusion((i + 1) % n, n, leaf, proof, root))
            t.check(ok and not any(bad), f"inclusion {i}/{n}")
        # Exactness: the root comparison alone would accept these crafted inputs, only the
        # RFC's checks on sn (steps 4a and 5) refuse a path longer or shorter than the tree's.
        x = sha256(b"extra")
        crafted = [verify_inclusion(0, n, root, [], root) and n > 1,
                   verify_inclusion(n - 1, n, leaf_hash(leaves[-1]),
                                    inclusion_proof(n - 1, leaves) + [x], node_hash(x, root))]
        t.check(not any(crafted), f"inclusion proofs for size {n} must have the exact length")


def test_consistency(t, max_size):
    for n in range(0, max_size + 1):
        leaves = synthetic_leaves(n)
        new_root = merkle_root(leaves)
        for m in range(0, n + 1):
            old_root = merkle_root(leaves[:m])
            proof = consistency_proof(m, leaves)
            ok = verify_consistency(m, n, proof, old_root, new_root)
            bad = [verify_consistency(m, n, proof + [new_root], old_root, new_root),
                   verify_consistency(m, n, proof, flip(old_root), new_root),
                   verify_consistency(n + 1, n, proof, old_root, new_root)]
            if 0 < m < n:  # from the empty tree every new root is consistent
                bad.append(verify_consistency(m, n, proof, old_root, flip(new_root)))
            if proof:
                bad.append(verify_consistency(m, n, proof[:-1], old_root, new_root))
                bad.append(verify_consistency(m, n, [flip(proof[0])] + proof[1:], old_root, new_root))
            if 0 < m < n - 1:
                bad.append(verify_consistency(m + 1, n, proof, old_root, new_root))
            if 0 < m < n:
                x = sha256(b"extra")
                bad.append(verify_consistency(m, n, proof + [x], node_hash(x, old_root),
                                              node_hash(x, new_root)))
            t.check(ok and not any(bad), f"consistency {m}->{n}")


# --- an independent signer, written from VERIFIABLE_LOG §2-4 -----------------------------

class Signer:
    def __init__(self, name, key_type, seed):
        self.name, self.type = name, key_type
        self.private = Ed25519PrivateKey.from_private_bytes(sha256(seed.encode()))
        self.public = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        # Spelled out again rather than calling the verifier's key_id(): an independent signer.
        self.key_id = hashlib.sha256(name.encode() + b"\n" + bytes([key_type]) + self.public).digest()[:4]

    @property
    def vkey(self):
        return f"{self.name}+{self.key_id.hex()}+{b64(bytes([self.type]) + self.public)}"

    def line(self, signature):
        return f"\u2014 {self.name} {b64(self.key_id + signature)}\n"

    def sign_note(self, text):
        return self.line(self.private.sign(text.encode()))

    def cosign(self, text, timestamp, header=b"cosignature/v1\n", time_line=True):
        message = header + (b"time %d\n" % timestamp if time_line else b"") + text.encode()
        return self.line(timestamp.to_bytes(8, "big") + self.private.sign(message))


def checkpoint_text(origin, size, root):
    return f"{origin}\n{size}\n{b64(root)}\n"


def proof_file(index, hashes, note, extra=None):
    out = "c2sp.org/tlog-proof@v1\n"
    if extra is not None:
        out += f"extra {b64(extra)}\n"
    out += f"index {index}\n" + "".join(b64(h) + "\n" for h in hashes) + "\n" + note
    return out.encode()


def run_in_process(argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    saved_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exit_:
                code = exit_.code
            except Exception as error:  # a crash is a failed check, reported like any other
                code = f"crashed: {error!r}"
    finally:
        sys.stdin = saved_stdin
    return code, out.getvalue(), err.getvalue()


class Fixture:
    """A 13-event log, its signed checkpoint with two cosignatures, and files in a temp dir."""
    ORIGIN = "ledger.example.org/test"
    TIME = 1_700_000_000

    def __init__(self, directory):
        self.dir = directory
        self.log = Signer(self.ORIGIN, LOG_KEY_TYPE, "log")
        self.w = [Signer(f"witness{i}.example.org", WITNESS_KEY_TYPE, f"w{i}") for i in range(3)]
        self.stranger = Signer("stranger.example.org", LOG_KEY_TYPE, "stranger")
        self.events = [self.event(seq) for seq in range(1, 14)]
        self.events[9] = self.event(4)  # leaf 9 claims seq 4: in the tree, but misplaced
        self.root = merkle_root(self.events)
        self.text = checkpoint_text(self.ORIGIN, len(self.events), self.root)
        self.note = self.signed(self.text, cosigners=self.w[:2])
        self.n = 0

    @staticmethod
    def event(seq):
        return json.dumps({"hash": sha256(b"%d" % seq).hex(), "kind": "noted", "seq": seq},
                          separators=(",", ":"), sort_keys=True).encode()

    def signed(self, text, cosigners=(), signer=None):
        sigs = [(signer or self.log).sign_note(text)]
        sigs += [w.cosign(text, self.TIME + i) for i, w in enumerate(cosigners)]
        return text + "\n" + "".join(sigs)

    def write(self, data, suffix=".tlog-proof"):
        self.n += 1
        path = os.path.join(self.dir, f"f{self.n}{suffix}")
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path

    def proof(self, index=3, note=None, extra=True, hashes=None):
        hashes = inclusion_proof(index, self.events) if hashes is None else hashes
        return proof_file(index, hashes, self.note if note is None else note,
                          self.events[index] if extra is True else (extra or None))

    def args(self, data, *more, vkey=None):
        return [self.write(data), "--vkey", vkey or self.log.vkey, *more]

    def witness_args(self, count):
        return [arg for w in self.w[:count] for arg in ("--witness", w.vkey)]


def expect_ok(t, argv, expected, what):
    code, out, err = run_in_process(argv)
    t.check(code == 0 and out == expected + "\n" and not err, f"{what}: {code} {out!r} {err!r}")


def expect_fail(t, argv, needle, what, stdin=""):
    code, out, err = run_in_process(argv, stdin)
    good = (code == 1 and not out and err.count("\n") == 1 and needle in err)
    t.check(good, f"{what} should fail naming {needle!r}: {code} {out!r} {err!r}")


def summary(fx, index, cosigned=0, witnesses=0):
    return (f"verified: seq {index + 1} (index {index}) in {fx.ORIGIN} tree size {len(fx.events)}, "
            f"root {b64(fx.root)}, cosigned by {cosigned} of {witnesses} witnesses")


def test_valid_proofs(t, fx):
    for index in (i for i in range(len(fx.events)) if i != 9):
        expect_ok(t, fx.args(fx.proof(index)), summary(fx, index), f"index {index}")
    expect_ok(t, fx.args(fx.proof(), *fx.witness_args(2)), summary(fx, 3, 2, 2), "2 witnesses")
    expect_ok(t, fx.args(fx.proof(), *fx.witness_args(3), "--quorum", "2"),
              summary(fx, 3, 2, 3), "quorum 2 of 3")
    expect_ok(t, fx.args(fx.proof(), *fx.witness_args(2), *fx.witness_args(1)),
              summary(fx, 3, 2, 2), "a witness given twice counts once")
    key_file = fx.write(f"# log key\n{fx.log.vkey}\n\n", ".vkey")
    witness_file = fx.write(fx.w[0].vkey, ".vkey")
    expect_ok(t, fx.args(fx.proof(), "--witness", witness_file, vkey=key_file),
              summary(fx, 3, 1, 1), "keys from files")
    event_file = fx.write(fx.events[3] + b"\n", ".ndjson")
    expect_ok(t, fx.args(fx.proof(extra=False), "--event", event_file), summary(fx, 3), "--event only")
    expect_ok(t, fx.args(fx.proof(), "--event", event_file), summary(fx, 3), "--event equal to extra")
    note = fx.note + fx.stranger.sign_note(fx.text)
    expect_ok(t, fx.args(fx.proof(note=note)), summary(fx, 3), "unknown signer ignored")
    # Same name, another key (say, after a key rotation): unknown, so ignored, not "bad".
    rotated = Signer(fx.ORIGIN, LOG_KEY_TYPE, "rotated")
    note = fx.note + rotated.sign_note(fx.text.replace("\n13\n", "\n12\n"))
    expect_ok(t, fx.args(fx.proof(note=note)), summary(fx, 3), "same name, other key id ignored")
    # A tree of one: the proof is empty; a non-JSON event has no seq to check.
    text = checkpoint_text(fx.ORIGIN, 1, merkle_root([b"plain bytes"]))
    data = proof_file(0, [], fx.signed(text), b"plain bytes")
    code, out, _ = run_in_process(fx.args(data))
    t.check(code == 0 and "tree size 1," in out, f"tree of one: {code} {out!r}")


def test_tampered_proofs(t, fx):
    good = fx.proof()
    hashes = inclusion_proof(3, fx.events)
    fail = lambda data, needle, what, *more, vkey=None: expect_fail(
        t, fx.args(data, *more, vkey=vkey), needle, what)
    fail(good.replace(b"@v1", b"@v2", 1), "first line", "wrong header")
    fail(good.replace(b"\n", b"\r\n"), "first line", "CRLF")
    fail(fx.proof(hashes=hashes[1:]), "inclusion proof", "shortened proof")
    fail(fx.proof(hashes=hashes[:1] + [flip(hashes[1], 7)] + hashes[2:]), "inclusion proof", "flipped hash")
    fail(fx.proof(hashes=hashes + [fx.root]), "inclusion proof", "overlong proof")
    fail(good.replace(b"\n\n", b"\n" + b64(b"x" * 31).encode() + b"\n\n", 1), "31 bytes", "short hash")
    # 32 bytes leave 2 spare bits in the last base64 digit; setting one keeps the bytes.
    spelled = b64(hashes[0]).encode()
    respelled = spelled[:42] + bytes([spelled[42] + 1]) + b"="
    t.check(base64.b64decode(respelled) == hashes[0], "non-canonical spelling decodes the same")
    fail(good.replace(spelled, respelled, 1), "not canonical", "non-canonical base64 hash")
    fail(fx.proof(extra=fx.events[3].replace(b"noted", b"notes")), "inclusion proof", "changed event")
    changed = fx.write(fx.events[3].replace(b"noted", b"notes"), ".ndjson")
    fail(good, "different events", "--event differs from extra", "--event", changed)
    fail(fx.proof(extra=False), "no event", "no event at all")
    fail(good.replace(b"index 3\n", b"index 4\n"), "inclusion proof", "wrong index")
    fail(good.replace(b"index 3\n", b"index 03\n"), "leading zeros", "index with a leading zero")
    fail(proof_file(13, hashes, fx.note, fx.events[3]), "not below the tree size", "index = size")
    fail(fx.proof(9), "seq 4", "event's seq disagrees with the index")
    dup = fx.events[3][:-1] + b',"seq":4}'
    fail(proof_file(0, [], fx.signed(checkpoint_text(fx.ORIGIN, 1, merkle_root([dup]))), dup),
         "duplicate member", "duplicate seq member")
    fail(good[:good.index(b"index 3\n") + 8] + b64(hashes[0]).encode() + b"\n", "ends before",
         "no empty line before the checkpoint")
    test_tampered_signatures(t, fx, fail)


def test_tampered_signatures(t, fx, fail):
    sig_at = fx.note.index("\u2014 " + fx.ORIGIN) + len("\u2014 " + fx.ORIGIN) + 10
    bad_sig = fx.note[:sig_at] + ("A" if fx.note[sig_at] != "A" else "B") + fx.note[sig_at + 1:]
    fail(fx.proof(note=bad_sig), "does not verify", "bad log signature")
    fail(fx.proof(note=fx.text + "\n" + fx.stranger.sign_note(fx.text)), "no signature by the log",
         "log signature missing")
    fail(fx.proof(note=fx.note.replace(fx.text, fx.text.replace("\n13\n", "\n14\n"))),
         "does not verify", "signed size altered")
    fail(fx.proof(note=fx.note[:-1]), "newline", "note without final newline")
    fail(fx.proof(), "states key id", "vkey with a wrong key id",
         vkey=fx.log.vkey.replace(f"+{fx.log.key_id.hex()}+", "+00000000+"))
    fail(fx.proof(), "type 0x04", "witness key given as the log key", vkey=fx.w[0].vkey)
    # Wrong origin: a consistent note signed by a key named otherwise than the origin.
    other = Signer("ledger.example.org/other", LOG_KEY_TYPE, "log")
    fail(fx.proof(note=fx.signed(fx.text, signer=other)), "origin", "wrong origin", vkey=other.vkey)
    four = fx.text + "extension line\n"
    fail(fx.proof(note=fx.signed(four)), "exactly 3", "checkpoint with 4 lines")
    padded = fx.text.replace("\n13\n", "\n013\n")
    fail(fx.proof(note=fx.signed(padded)), "leading zeros", "tree size with a leading zero")
    # Witness policy.
    fail(fx.proof(), "quorum is 3", "missing cosignature under the default quorum", *fx.witness_args(3))
    fail(fx.proof(), "quorum is 3", "missing cosignature under --quorum 3",
         *fx.witness_args(3), "--quorum", "3")
    w0_line = fx.w[0].cosign(fx.text, fx.TIME)
    broken = w0_line[:-12] + ("A" if w0_line[-12] != "A" else "B") + w0_line[-11:]
    fail(fx.proof(note=fx.note.replace(w0_line, broken)), "witness0.example.org does not verify",
         "bad cosignature despite quorum 1", *fx.witness_args(2), "--quorum", "1")
    zero = fx.signed(fx.text) + fx.w[0].cosign(fx.text, 0)
    fail(fx.proof(note=zero), "zero timestamp", "zero timestamp", *fx.witness_args(1))
    for what, line in (("without the cosignature/v1 line", fx.w[0].cosign(fx.text, fx.TIME, header=b"")),
                       ("without the time line", fx.w[0].cosign(fx.text, fx.TIME, time_line=False)),
                       ("with a v2 header", fx.w[0].cosign(fx.text, fx.TIME, header=b"cosignature/v2\n"))):
        fail(fx.proof(note=fx.signed(fx.text) + line), "does not verify",
             f"cosignature signed {what}", *fx.witness_args(1))
    twice = fx.signed(fx.text) + fx.w[0].cosign(fx.text, fx.TIME) + fx.w[0].cosign(fx.text, fx.TIME + 9)
    fail(fx.proof(note=twice), "only 1 of 2", "one witness cosigning twice counts once",
         *fx.witness_args(2))


def test_consistency_cli(t, fx):
    leaves = synthetic_leaves(21)
    old, new = merkle_root(leaves[:7]), merkle_root(leaves)
    proof = consistency_proof(7, leaves)
    path = fx.write("".join(b64(h) + "\n" for h in proof), ".txt")
    code, out, err = run_in_process(["--consistency", "7", "21", b64(old), b64(new), path])
    t.check(code == 0 and out == "consistent: 7 -> 21\n", f"--consistency: {code} {out!r} {err!r}")
    code, out, _ = run_in_process(["--consistency", "7", "21", b64(old), b64(new), "-"],
                                  "".join(b64(h) + "\n" for h in proof))
    t.check(code == 0 and out == "consistent: 7 -> 21\n", f"--consistency from stdin: {code} {out!r}")
    expect_fail(t, ["--consistency", "7", "21", b64(old), b64(flip(new)), path],
                "not show", "--consistency with a wrong new root")
    expect_fail(t, ["--consistency", "8", "21", b64(old), b64(new), path],
                "not show", "--consistency with a wrong old size")
    expect_fail(t, ["--consistency", "7", "21", b64(old), b64(new), "-"], "not show",
                "--consistency with a truncated proof", "".join(b64(h) + "\n" for h in proof[:-1]))


def test_real_process(t, fx):
    """Once through a real interpreter, for the exit codes and streams an auditor sees."""
    for argv, code, stream in ((fx.args(fx.proof()), 0, "verified: "),
                               (fx.args(fx.proof(index=4, extra=fx.events[3])), 1, "verification failed: ")):
        done = subprocess.run([sys.executable, os.path.abspath(__file__), *argv],
                              capture_output=True, text=True)
        output = done.stdout if code == 0 else done.stderr
        t.check(done.returncode == code and output.startswith(stream),
                f"subprocess {argv}: {done.returncode} {done.stdout!r} {done.stderr!r}")


def self_test():
    if Ed25519PublicKey is None:
        print("self-test needs the cryptography package: pip install cryptography", file=sys.stderr)
        return 1
    t = Tally()
    test_known_answers(t)
    test_inclusion(t, 40)
    test_consistency(t, 40)
    with tempfile.TemporaryDirectory() as directory:
        fx = Fixture(directory)
        test_valid_proofs(t, fx)
        test_tampered_proofs(t, fx)
        test_consistency_cli(t, fx)
        test_real_process(t, fx)
    print(f"self-test: {t.passed} passed, {t.failed} failed")
    return 0 if t.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

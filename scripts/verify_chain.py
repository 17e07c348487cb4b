#!/usr/bin/env python3
"""Re-verify a ledgerd export's hash chain, independently of ledgerd.

usage: verify_chain.py EXPORT.ndjson [--digest SEQ:HASH]

For each recorded event (one JSON object per line, in seq order):
  seq       must be the previous seq + 1 (starting at 1)
  prevHash  must be the previous event's hash (64 zeros for seq 1)
  hash      must be SHA-256(bytes of prevHash || JCS(event without "hash")), in lowercase hex
where JCS is RFC 8785: members sorted by UTF-16 code units, no whitespace, minimal string
escapes, integers in plain decimal. Exit 0 printing the head, or 1 naming the first bad seq.

An export of part of the log (`ledgerd export --from N`) starts after a hash the file cannot
prove, so it verifies only with --digest of seq N-1 or of one of its own seqs (a digest kept
from the ledger earlier): the chain commits each event to every one before it. An empty file
verifies nothing, and fails.
Standard library only, so an auditor can run it anywhere.
"""
import hashlib, json, sys


def jcs(value):
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(jcs(k) + ":" + jcs(value[k]) for k in keys) + "}"
    if isinstance(value, list):
        return "[" + ",".join(jcs(v) for v in value) + "]"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        raise ValueError("non-integral numbers never occur in recorded events")
    if isinstance(value, str):
        # json.dumps escapes exactly what RFC 8785 requires when ensure_ascii is off.
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(type(value))


def no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate member {key!r}")
        obj[key] = value
    return obj


def main():
    args = sys.argv[1:]
    digest = None
    if "--digest" in args:
        i = args.index("--digest")
        seq_text, _, hash_text = (args[i + 1] if i + 1 < len(args) else "").partition(":")
        hash_text = hash_text.lower()
        if not (seq_text.isdigit() and int(seq_text) >= 1 and len(hash_text) == 64
                and all(c in "0123456789abcdef" for c in hash_text)):
            sys.exit("--digest must be SEQ:HASH (seq >= 1, 64 hex digits)\n\n" + __doc__)
        digest = (int(seq_text), hash_text)
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    prev_hash, seq, recorded_at, seen_digest = "0" * 64, 0, "", digest is None
    follows, count = None, 0
    with open(args[0], "rb") as export:
        for line in export:
            if not line.strip():
                continue
            try:
                event = json.loads(line, object_pairs_hook=no_duplicates)
            except ValueError as error:
                return fail(seq + 1, f"not JSON: {error}")
            if not isinstance(event, dict):
                return fail(seq + 1, "not a JSON object")
            try:
                if count == 0 and isinstance(event.get("seq"), int) and event["seq"] > 1:
                    # Part of the log: it follows the hash its first event names, unproven here.
                    first_prev = event.get("prevHash")
                    if not (isinstance(first_prev, str) and len(first_prev) == 64 and all(c in "0123456789abcdef" for c in first_prev)):
                        return fail(event["seq"], "prevHash is not a SHA-256 hash in lowercase hex")
                    prev_hash, seq, follows = first_prev, event["seq"] - 1, (event["seq"] - 1, first_prev)
                    if digest and digest[0] == seq:
                        if digest[1] != prev_hash:
                            return fail(seq, f"the export follows hash {prev_hash} at this seq, the digest says {digest[1]}")
                        seen_digest = True
                expected = seq + 1
                if event.get("seq") != expected:
                    return fail(expected, f"found seq {event.get('seq')}")
                if event.get("prevHash") != prev_hash:
                    return fail(expected, "prevHash does not match the previous event's hash")
                body = {k: v for k, v in event.items() if k != "hash"}
                computed = hashlib.sha256(bytes.fromhex(prev_hash) + jcs(body).encode("utf-8")).hexdigest()
                if computed != event.get("hash"):
                    return fail(expected, "hash does not match the event's content")
                if event.get("recordedAt", "") < recorded_at:
                    return fail(expected, "recordedAt goes backwards")
                if digest and expected == digest[0]:
                    if computed != digest[1]:
                        return fail(expected, f"hash is {computed}, the digest says {digest[1]}")
                    seen_digest = True
                prev_hash, seq, recorded_at = computed, expected, event["recordedAt"]
                count += 1
            except (KeyError, TypeError, ValueError) as error:
                # A member missing or of the wrong type: a finding, never a traceback.
                return fail(seq + 1, f"malformed event: {error!r}")
    if count == 0:
        return fail(0, "the file holds no events: nothing was verified")
    if not seen_digest:
        if follows and digest[0] < follows[0]:
            return fail(digest[0], f"the export starts after this seq, at {follows[0] + 1}")
        return fail(digest[0], "the export ends before this seq")
    if follows and digest is None:
        return fail(follows[0] + 1, f"the export starts here, after hash {follows[1]} at seq {follows[0]}, which it cannot prove: "
                    f"verify it with --digest {follows[0]}:HASH (or a later seq's), a digest of the ledger kept earlier, or export from seq 1")
    if follows:
        print(f"the export holds seq {follows[0] + 1}-{seq}, anchored by the digest")
    print(f"verified {count} events; head seq {seq} hash {prev_hash}")
    return 0


def fail(seq, reason):
    print(f"verification failed at seq {seq}: {reason}" if seq else f"verification failed: {reason}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Re-verify a ledgerd access trail's hash chain, independently of ledgerd.

usage: ledgerd access-log --format json > trail.json && verify_access_log.py trail.json

The input is the whole trail (no filters) as a JSON array, in seq order; anything else (one
page of GET /access-log, a filtered listing, an empty array) is refused. For each entry:
  seq       must be the previous seq + 1 (starting at 1)
  prevHash  must be the previous entry's hash (64 zeros for seq 1)
  hash      must be SHA-256(bytes of prevHash || JCS(entry without "hash")), in lowercase hex
  at        must not be earlier than the previous entry's
  cases     must be sorted and without repeats
where JCS is RFC 8785 (see verify_chain.py, whose canonical form this shares). Exit 0
printing the count and head, or 1 naming the first bad seq. Standard library only.
"""
import hashlib, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from verify_chain import jcs, no_duplicates  # noqa: E402


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            entries = json.load(f, object_pairs_hook=no_duplicates)
    except (OSError, ValueError) as error:
        refuse(f"{sys.argv[1]}: {error}")
    if isinstance(entries, dict) and "entries" in entries:
        refuse("this is one page of GET /access-log, not the whole trail: list it with "
               "`ledgerd access-log --format json` on the data directory")
    if not isinstance(entries, list):
        refuse("expected a JSON array of entries, as `ledgerd access-log --format json` writes")
    if not entries:
        refuse("the file holds no entries: nothing was verified")
    prev_hash, seq, at = "0" * 64, 0, ""
    for entry in entries:
        seq += 1
        def fail(why):
            refuse(f"seq {seq}: {why}")
        if not isinstance(entry, dict):
            fail("not a JSON object")
        if entry.get("seq") != seq:
            missing = " (entries are missing: the input must be the whole trail, unfiltered)" \
                if isinstance(entry.get("seq"), int) and entry["seq"] > seq else ""
            fail(f"seq is {entry.get('seq')!r}, expected {seq}{missing}")
        if entry.get("prevHash") != prev_hash:
            fail(f"prevHash {entry.get('prevHash')} is not the previous hash {prev_hash}")
        body = {k: v for k, v in entry.items() if k != "hash"}
        try:
            canonical = jcs(body)
        except (TypeError, ValueError) as error:
            fail(f"not in the trail's canonical form: {error!r}")
        computed = hashlib.sha256(bytes.fromhex(prev_hash) + canonical.encode("utf-8")).hexdigest()
        if entry.get("hash") != computed:
            fail(f"hash {entry.get('hash')} does not match its content ({computed})")
        if not isinstance(entry.get("at"), str) or entry["at"] < at:
            fail(f"at {entry.get('at')!r} is earlier than the previous entry's {at}")
        cases = entry.get("cases")
        if not isinstance(cases, list) or not all(isinstance(c, str) for c in cases) \
                or cases != sorted(set(cases), key=lambda c: c.encode("utf-8")):
            fail("cases are not sorted and unique")
        prev_hash, at = computed, entry["at"]
    print(f"verified {seq} entries; head hash {prev_hash}")


def refuse(why):
    print(f"verification failed: {why}", file=sys.stderr)
    sys.exit(1)


if __name__ == "__main__":
    main()

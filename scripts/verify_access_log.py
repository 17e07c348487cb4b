#!/usr/bin/env python3
"""Re-verify a ledgerd access trail's hash chain, independently of ledgerd.

usage: ledgerd access-log --format json > trail.json && verify_access_log.py trail.json

The input is the whole trail (no filters) as a JSON array, in seq order. For each entry:
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
    with open(sys.argv[1], encoding="utf-8") as f:
        entries = json.load(f, object_pairs_hook=no_duplicates)
    prev_hash, seq, at = "0" * 64, 0, ""
    for entry in entries:
        seq += 1
        def fail(why):
            print(f"seq {seq}: {why}")
            sys.exit(1)
        if entry.get("seq") != seq:
            fail(f"seq is {entry.get('seq')!r}, expected {seq}")
        if entry.get("prevHash") != prev_hash:
            fail(f"prevHash {entry.get('prevHash')} is not the previous hash {prev_hash}")
        body = {k: v for k, v in entry.items() if k != "hash"}
        computed = hashlib.sha256(bytes.fromhex(prev_hash) + jcs(body).encode("utf-8")).hexdigest()
        if entry.get("hash") != computed:
            fail(f"hash {entry.get('hash')} does not match its content ({computed})")
        if entry["at"] < at:
            fail(f"at {entry['at']} is earlier than the previous entry's {at}")
        cases = entry.get("cases")
        if not isinstance(cases, list) or cases != sorted(set(cases), key=lambda c: c.encode("utf-8")):
            fail("cases are not sorted and unique")
        prev_hash, at = computed, entry["at"]
    print(f"verified {seq} entries; head hash {prev_hash}")


if __name__ == "__main__":
    main()

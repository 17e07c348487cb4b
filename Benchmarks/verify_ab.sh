#!/bin/bash
# usage: Benchmarks/verify_ab.sh BASE_LEDGERD NEW_LEDGERD LEDGER_DIR [RUNS]
# Alternated run by run: BASE's verify, NEW's verify, NEW's export (to /dev/null), on the same
# ledger; prints events per wall second for each. Figures: BENCHMARKS.md.
set -euo pipefail
base=$1 new=$2 data=$3 runs=${4:-3}
events=$("$new" digest --data "$data" | python3 -c 'import json,sys; print(json.load(sys.stdin)["seq"])')
rate() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); python3 -c "print(round($events/($e-$s)))"; }
for run in $(seq 1 "$runs"); do
  echo "$run base verify $(rate "$base" verify --data "$data")"
  echo "$run new verify $(rate "$new" verify --data "$data")"
  echo "$run new export $(rate "$new" export --data "$data")"
done

#!/usr/bin/env bash
# Issue 4, "Fast": generates the benchmark inputs, runs the Rust benches (divan), the Rust
# results (the `winners` example), then pref_voting and choix on the same files, and writes the
# results table. About 10 minutes on 2 cores. See BENCHMARKS.md.
#
#   scripts/bench/run.sh                   # everything
#   CONVERGE_BENCH_DATA=/tmp/x scripts/bench/run.sh
#
# Inputs (about 55 MB) go to $CONVERGE_BENCH_DATA (default /tmp/converge-bench), never into the
# repository; results go to $CONVERGE_BENCH_DATA/results/ (results.md is the table).
# Needs Python packages pref_voting and choix (compare.py prints the pip command if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CONVERGE_BENCH_DATA="${CONVERGE_BENCH_DATA:-/tmp/converge-bench}"
out="$CONVERGE_BENCH_DATA/results"
mkdir -p "$out"

python3 scripts/bench/compare.py --check-only
python3 scripts/bench/gen_profiles.py --out "$CONVERGE_BENCH_DATA"

cargo build --quiet --release -p converge-methods --example winners
winners="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/examples/winners"
: > "$out/rust_winners.jsonl"
: > "$out/rust_peak_memory.txt"
for file in "$CONVERGE_BENCH_DATA"/*.soi "$CONVERGE_BENCH_DATA"/*.pairs; do
  if [ -x /usr/bin/time ]; then
    # Peak memory of the whole example: reading, parsing, the profile and all six methods.
    /usr/bin/time -f "$(basename "$file") %M KB %e s" -a -o "$out/rust_peak_memory.txt" \
      "$winners" "$file" >> "$out/rust_winners.jsonl"
  else
    "$winners" "$file" >> "$out/rust_winners.jsonl"
  fi
done

cargo bench -p converge-methods --bench methods 2>&1 | tee "$out/divan.txt"

python3 scripts/bench/compare.py --data "$CONVERGE_BENCH_DATA" --rust "$out/rust_winners.jsonl" \
  --divan "$out/divan.txt" --out "$out"
echo "results: $out/results.md"

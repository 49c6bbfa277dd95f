#!/usr/bin/env bash
# Whole-tree generation benchmark: builds the release CLI, then generates the
# SDK from DOCS (default: the shared docs tree) RUNS times, each into a fresh
# folder, and prints the median wall time of each stage and of the whole run
# (`generate --timings`), with throughput and peak memory.
#
#   bench/generate.sh [DOCS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-../shared/graph-docs/beta-2021-07}
runs=${2:-5}
if [ ! -d "$docs" ]; then
  echo "no docs folder at $docs; pass one as the first argument" >&2
  exit 2
fi
cargo build --release --quiet -p docs2rs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for run in $(seq "$runs"); do
  /usr/bin/time -f '%M' -o "$work/rss-$run" \
    ./target/release/docs2rs generate "$docs" --out "$work/sdk-$run" --crate-name bench-sdk \
    --timings --format json 2>/dev/null >"$work/run-$run.json"
  rm -rf "$work/sdk-$run"
done
python3 - "$work" "$runs" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
results = [json.load(open(f"{work}/run-{i}.json")) for i in range(1, runs + 1)]
rss = [int(open(f"{work}/rss-{i}").read().split()[-1]) for i in range(1, runs + 1)]
stages = [s["stage"] for s in results[0]["timings"]["stages"]]
print(f"{results[0]['pages']} pages, {results[0]['timings']['bytes'] / 1e6:.1f} MB, {results[0]['files']} files; median of {runs} runs")
for stage in stages:
    times = [next(s["seconds"] for s in r["timings"]["stages"] if s["stage"] == stage) for r in results]
    print(f"  {stage:<8} {statistics.median(times):7.3f} s")
totals = [sum(s["seconds"] for s in r["timings"]["stages"]) for r in results]
total = statistics.median(totals)
print(f"  {'total':<8} {total:7.3f} s  (min {min(totals):.3f}, max {max(totals):.3f})")
print(f"  {results[0]['pages'] / total:.0f} pages/s, {results[0]['timings']['bytes'] / 1e6 / total:.1f} MB/s, peak RSS {statistics.median(rss) / 1024:.0f} MB")
PY

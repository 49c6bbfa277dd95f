#!/usr/bin/env bash
# Incremental regeneration benchmark: builds the release CLI, copies DOCS to a
# scratch folder and generates it once; then, RUNS times, edits the
# description of one property of PAGE (alternating two texts) and
# regenerates into the existing output twice: warm (with the cache the last
# run left) and cold (`--no-cache`: every page parsed and every file made;
# it leaves the cache as it was, and the cache checks everything it reuses
# against the docs and the output, so the next warm run is still valid).
# Prints the median wall time of each, and their ratio.
#
#   bench/regenerate.sh [DOCS] [RUNS] [PAGE]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-../shared/graph-docs/beta-2021-07}
runs=${2:-5}
page=${3:-resources/user.md}
if [ ! -f "$docs/$page" ]; then
  echo "no page $page in $docs; pass the docs folder and a page in it" >&2
  exit 2
fi
cargo build --release --quiet -p docs2rs
bin=$PWD/target/release/docs2rs
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$docs" "$work/docs"
"$bin" generate "$work/docs" --out "$work/sdk" >/dev/null 2>&1
for run in $(seq "$runs"); do
  # The first row of the page's first property table gets a new description.
  python3 - "$work/docs/$page" "$run" <<'PY'
import re, sys
path, run = sys.argv[1], sys.argv[2]
lines = open(path, encoding="utf-8").read().split("\n")
in_properties = False
for i, line in enumerate(lines):
    if line.startswith("#"):
        in_properties = "propert" in line.lower()
    elif in_properties and line.startswith("|") and not re.match(r"^\|\s*:?-", line):
        cells = line.strip().strip("|").split("|")
        if len(cells) >= 3 and cells[0].strip().lower() not in ("property", "name"):
            cells[-1] = f" Edited for benchmark run {run}. "
            lines[i] = "|" + "|".join(cells) + "|"
            break
else:
    sys.exit(f"no property row in {path}")
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
  for mode in warm cold; do
    flag=()
    [ "$mode" = cold ] && flag=(--no-cache)
    start=$(date +%s.%N)
    "$bin" generate "$work/docs" --out "$work/sdk" "${flag[@]}" --format json --timings >"$work/$mode-$run.json" 2>/dev/null
    echo "$start $(date +%s.%N)" >"$work/$mode-$run.time"
  done
done
python3 - "$work" "$runs" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
def median(mode):
    def seconds(i):
        start, end = map(float, open(f"{work}/{mode}-{i}.time").read().split())
        return end - start
    return statistics.median(seconds(i) for i in range(1, runs + 1))
warm, cold = median("warm"), median("cold")
reuse = json.load(open(f"{work}/warm-{runs}.json"))["reuse"]
print(f"median of {runs} runs, one property description edited before each")
print(f"  cold (--no-cache) {cold:6.3f} s")
print(f"  warm (cache)      {warm:6.3f} s  = {warm / cold:.0%} of cold")
print(f"  last warm run: {reuse['pages_parsed']} pages parsed, model "
      f"{'reused' if reuse['model_reused'] else 'resolved'}, "
      f"{reuse['files_made']} files made, {reuse['files_reused']} reused")
PY

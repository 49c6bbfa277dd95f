#!/usr/bin/env bash
# Incremental regeneration benchmark: builds the release CLI, copies DOCS to a
# scratch folder and generates it once; then, RUNS times, regenerates into
# the existing output after editing PAGE: with the cache after a property's
# description changed, without it (`--no-cache`) for reference, and with the
# cache after a property was added (a structural change). Prints the median
# wall time of each and what the cached runs reused.
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
# Times one `generate` into the existing output as MODE (its JSON summary and
# wall time are kept under that name).
timed() {
  local mode=$1 run=$2
  shift 2
  local start
  start=$(date +%s.%N)
  "$bin" generate "$work/docs" --out "$work/sdk" "$@" --format json --timings >"$work/$mode-$run.json" 2>/dev/null
  echo "$start $(date +%s.%N)" >"$work/$mode-$run.time"
}
for run in $(seq "$runs"); do
  # The first row of the page's first property table gets a new
  # description; with `add`, a new property row goes after it.
  edit() {
    python3 - "$work/docs/$page" "$run" "$1" <<'PY'
import re, sys
path, run, how = sys.argv[1], sys.argv[2], sys.argv[3]
lines = open(path, encoding="utf-8").read().split("\n")
in_properties = False
for i, line in enumerate(lines):
    if line.startswith("#"):
        in_properties = "propert" in line.lower()
    elif in_properties and line.startswith("|") and not re.match(r"^\|\s*:?-", line):
        cells = line.strip().strip("|").split("|")
        if len(cells) >= 3 and cells[0].strip().lower() not in ("property", "name"):
            if how == "add":
                lines.insert(i + 1, f"| benchAdded{run} | String | Added for benchmark run {run}. |")
            else:
                cells[-1] = f" Edited for benchmark run {run}. "
                lines[i] = "|" + "|".join(cells) + "|"
            break
else:
    sys.exit(f"no property row in {path}")
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
  }
  edit describe
  timed warm "$run"
  # `--no-cache` leaves the cache as it was, and the cache checks
  # everything it reuses, so the next warm run is still valid.
  timed cold "$run" --no-cache
  edit add
  timed structural "$run"
done
python3 - "$work" "$runs" <<'PY'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
def median(mode):
    def seconds(i):
        start, end = map(float, open(f"{work}/{mode}-{i}.time").read().split())
        return end - start
    return statistics.median(seconds(i) for i in range(1, runs + 1))
def reuse(mode):
    r = json.load(open(f"{work}/{mode}-{runs}.json"))["reuse"]
    return (f"{r['pages_parsed']} pages parsed, model "
            f"{'reused' if r['model_reused'] else 'resolved'}, {r['files_made']} files made "
            f"({r['files_formatted']} formatted), {r['files_reused']} reused")
cold = median("cold")
print(f"median of {runs} runs into an existing output")
print(f"  cold, --no-cache                 {cold:6.3f} s")
for mode, what in [("warm", "a property described anew"), ("structural", "a property added")]:
    time = median(mode)
    print(f"  cache, {what:<26}{time:6.3f} s  = {time / cold:4.0%} of cold; {reuse(mode)}")
PY

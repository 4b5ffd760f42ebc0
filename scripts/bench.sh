#!/usr/bin/env bash
# Our Parquet writer/reader vs pyarrow.parquet on the benchmark table (../shared/bench/README.md):
# write (zstd) and full scan, each in a fresh process, REPS times alternating, then a markdown
# table of medians and ratios ready for Benchmarks/RESULTS.md. Also checks that pyarrow reads
# our file and we read pyarrow's (row counts).
#
#   scripts/bench.sh [rows=10000000]
#   REPS=5 scripts/bench.sh 1000000
#   ENGINES=pyarrow scripts/bench.sh 100000      # pyarrow side only (no Swift build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ROWS=${1:-10000000}
REPS=${REPS:-3}
ENGINES=${ENGINES:-swift pyarrow}
PY=${PYTHON:-$ROOT/.venv/bin/python}
DATA=$ROOT/Benchmarks/data
mkdir -p "$DATA"
OURS=$DATA/swift-$ROWS.parquet
THEIRS=$DATA/pyarrow-$ROWS.parquet
RESULTS=$DATA/results-$ROWS.jsonl
: > "$RESULTS"

has() { [[ " $ENGINES " == *" $1 "* ]]; }

if has swift; then
  echo "== building parquet-bench (release)" >&2
  (cd Benchmarks && swift build -c release --product parquet-bench >&2)
  BIN="$(cd Benchmarks && swift build -c release --show-bin-path)/parquet-bench"
fi

run() {  # engine op...: one fresh process, its JSON line appended to RESULTS
  local engine=$1; shift
  local line
  if [ "$engine" = swift ]; then line=$("$BIN" "$@"); else line=$("$PY" Benchmarks/pyarrow_bench.py "$@"); fi
  line=$(printf '%s\n' "$line" | grep '^{' | tail -1)
  echo "$line" >&2
  echo "$line" >> "$RESULTS"
}

for rep in $(seq "$REPS"); do
  echo "== round $rep/$REPS, $ROWS rows" >&2
  has swift && run swift write --rows "$ROWS" --out "$OURS"
  has pyarrow && run pyarrow write --rows "$ROWS" --out "$THEIRS"
  has swift && run swift scan --file "$OURS"
  has pyarrow && run pyarrow scan --file "$THEIRS"
done

# Cross-reading: each side reads the other's file; the row count must be ROWS.
cross() {  # reader writer file
  local line rows
  if [ "$1" = swift ]; then line=$("$BIN" scan --file "$3"); else line=$("$PY" Benchmarks/pyarrow_bench.py scan --file "$3"); fi
  line=$(printf '%s\n' "$line" | grep '^{' | tail -1)
  rows=$("$PY" -c 'import json,sys; print(json.loads(sys.argv[1])["rows"])' "$line")
  echo "$line" | "$PY" -c 'import json,sys; r=json.loads(sys.stdin.read()); r["cross"]=sys.argv[1]; print(json.dumps(r))' "$2" >> "$RESULTS"
  if [ "$rows" != "$ROWS" ]; then echo "CROSS-READ FAILED: $1 read $rows rows from $2's file, expected $ROWS" >&2; return 1; fi
  echo "cross-read ok: $1 read $2's file ($rows rows)" >&2
}
status=0
if has swift && has pyarrow; then
  cross pyarrow swift "$OURS" || status=1
  cross swift pyarrow "$THEIRS" || status=1
fi

echo >&2
"$PY" Benchmarks/pyarrow_bench.py summarize "$RESULTS"
echo >&2
echo "(raw results: $RESULTS; machine: $(nproc) cores, $(uname -r))" >&2
exit $status

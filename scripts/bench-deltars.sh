#!/usr/bin/env bash
# Our engine side by side with delta-rs (deltalake) through ../shared/bench/bench_deltars.py:
# delta-bench (Benchmarks/Sources/delta-bench) implements the script's `cmd` contract.
#
#   scripts/bench-deltars.sh [bench=write,scan,append,load,timetravel] [extra bench_deltars.py flags…]
#   scripts/bench-deltars.sh write,scan --rows 1000000 --reps 1
# Results: Benchmarks/data/deltars-results.jsonl; the summary table is printed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BENCH=${1:-write,scan,append,load,timetravel}
shift || true
PY=${PYTHON:-$ROOT/.venv/bin/python}
SHARED=${SHARED_BENCH:-$ROOT/../shared/bench}
mkdir -p Benchmarks/data
echo "== building delta-bench (release)" >&2
(cd Benchmarks && swift build -c release --product delta-bench >&2)
BIN="$(cd Benchmarks && swift build -c release --show-bin-path)/delta-bench"
OUT=$ROOT/Benchmarks/data/deltars-results.jsonl
"$PY" "$SHARED/bench_deltars.py" --engine deltalake,cmd --cmd "$BIN" --bench "$BENCH" \
    --root "${BENCH_ROOT:-/tmp/deltabench}" --out "$OUT" "$@"
"$PY" "$SHARED/bench_deltars.py" --summarize "$OUT"

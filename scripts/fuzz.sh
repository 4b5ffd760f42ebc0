#!/usr/bin/env bash
# Fuzz the Parquet reader (Fuzz/FuzzParquet) with libFuzzer + AddressSanitizer for N seconds.
#
#   scripts/fuzz.sh [seconds=60] [extra libFuzzer flags...]
#
# Seeds: the golden tables' .parquet files under 1 MB plus tiny pyarrow-written files (every
# type × codec × dictionary, see make_fuzz_seeds.py), copied into Fuzz/corpus-run/ (gitignored;
# the fuzzer adds what it finds there). Crashes are written to Fuzz/crash-* ; replay one with
#   (cd Fuzz && swift run FuzzParquet crash-<sha>)        # no sanitizer, plain build
#   Fuzz/.build-fuzz/debug/FuzzParquet crash-<sha>       # with ASan
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SECONDS_TO_RUN=${1:-60}
shift || true
PY=${PYTHON:-$ROOT/.venv/bin/python}
CONFORMANCE=${CONFORMANCE_DIR:-$ROOT/../shared/conformance}

echo "== building FuzzParquet (libFuzzer + ASan)"
(cd Fuzz && swift build --scratch-path .build-fuzz --product FuzzParquet \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld)
BIN="$ROOT/Fuzz/.build-fuzz/debug/FuzzParquet"

CORPUS="$ROOT/Fuzz/corpus-run"
mkdir -p "$CORPUS"
if [ -z "$(ls -A "$CORPUS" 2>/dev/null)" ]; then
  echo "== seeding $CORPUS"
  if [ -d "$CONFORMANCE/golden" ]; then
    i=0
    while IFS= read -r -d '' f; do
      cp "$f" "$CORPUS/golden-$i.parquet"; i=$((i + 1))
    done < <(find "$CONFORMANCE/golden" -name '*.parquet' -size -1048576c -print0 | sort -z)
    echo "   $i golden files"
  else
    echo "   (no conformance pack at $CONFORMANCE: golden seeds skipped)"
  fi
  "$PY" scripts/make_fuzz_seeds.py "$CORPUS"
fi

echo "== fuzzing for ${SECONDS_TO_RUN}s"
cd Fuzz
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
  "$BIN" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -rss_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 "$@" "$CORPUS"

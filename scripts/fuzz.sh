#!/usr/bin/env bash
# Fuzz one of the input parsers with libFuzzer + AddressSanitizer for N seconds.
#
#   scripts/fuzz.sh [seconds=60] [extra libFuzzer flags...]
#   FUZZ_TARGET=FuzzDeltaLog scripts/fuzz.sh 300
#
# Targets (Fuzz/Sources/<target>):
#   FuzzParquet   the Parquet reader, on whole files in memory. Seeds: the golden tables'
#                 .parquet files under 1 MB plus tiny pyarrow-written files (every type × codec ×
#                 dictionary, see make_fuzz_seeds.py).
#   FuzzDeltaLog  the commit-file parser and log replay, with a round-trip oracle. Seeds: every
#                 _delta_log/*.json commit of the golden tables.
# Corpora live in Fuzz/corpus-<target>/ (gitignored; the fuzzer adds what it finds there).
# Crashes are written to Fuzz/crash-* ; replay one with
#   (cd Fuzz && swift run <target> crash-<sha>)          # no sanitizer, plain build
#   Fuzz/.build-fuzz/debug/<target> crash-<sha>          # with ASan
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SECONDS_TO_RUN=${1:-60}
shift || true
TARGET=${FUZZ_TARGET:-FuzzParquet}
PY=${PYTHON:-$ROOT/.venv/bin/python}
CONFORMANCE=${CONFORMANCE_DIR:-$ROOT/../shared/conformance}

echo "== building $TARGET (libFuzzer + ASan)"
(cd Fuzz && swift build --scratch-path .build-fuzz --product "$TARGET" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld)
BIN="$ROOT/Fuzz/.build-fuzz/debug/$TARGET"

CORPUS="$ROOT/Fuzz/corpus-$TARGET"
mkdir -p "$CORPUS"
if [ -z "$(ls -A "$CORPUS" 2>/dev/null)" ]; then
  echo "== seeding $CORPUS"
  i=0
  case "$TARGET" in
    FuzzParquet)
      if [ -d "$CONFORMANCE/golden" ]; then
        while IFS= read -r -d '' f; do
          cp "$f" "$CORPUS/golden-$i.parquet"; i=$((i + 1))
        done < <(find "$CONFORMANCE/golden" -name '*.parquet' -size -1048576c -print0 | sort -z)
      fi
      echo "   $i golden files"
      "$PY" scripts/make_fuzz_seeds.py "$CORPUS"
      ;;
    FuzzDeltaLog)
      if [ -d "$CONFORMANCE/golden" ]; then
        while IFS= read -r -d '' f; do
          cp "$f" "$CORPUS/commit-$i.json"; i=$((i + 1))
        done < <(find "$CONFORMANCE/golden" -path '*_delta_log/*' -name '*.json' -size -65536c -print0 | sort -z)
      fi
      echo "   $i golden commit files"
      ;;
    *) echo "unknown FUZZ_TARGET '$TARGET' (FuzzParquet, FuzzDeltaLog)" >&2; exit 2 ;;
  esac
fi

echo "== fuzzing $TARGET for ${SECONDS_TO_RUN}s"
cd Fuzz
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} \
  "$BIN" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 -rss_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 "$@" "$CORPUS"

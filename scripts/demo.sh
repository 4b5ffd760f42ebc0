#!/usr/bin/env bash
# The engine's main job on the bundled trades (examples/trades.csv): a partitioned Delta table
# built in several commits — one of them a re-run of a pipeline stage, skipped by its app id —
# then an overwrite, a filtered scan, the history, and an old version read back.
#
#   scripts/demo.sh [path/to/deltactl]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${1:-$(swift build -c release --show-bin-path)/deltactl}
OUT=out/demo
TABLE=$OUT/trades
rm -rf "$OUT"
mkdir -p "$OUT"
SCHEMA="trade_id long not null, symbol string not null, side string not null, quantity integer not null, price decimal(12,4) not null, fee double, traded_at timestamp not null, settle_date date not null, venue string"

# Split the trades into three daily-ish batches (header kept), as three pipeline runs would see them.
header=$(head -1 examples/trades.csv)
{ echo "$header"; sed -n '2,701p' examples/trades.csv; } > "$OUT/batch-1.csv"
{ echo "$header"; sed -n '702,1401p' examples/trades.csv; } > "$OUT/batch-2.csv"
{ echo "$header"; sed -n '1402,2001p' examples/trades.csv; } > "$OUT/batch-3.csv"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ deltactl'; printf ' %q' "$@"; printf '\n'; "$BIN" "$@"; }

step "1. Create a table partitioned by settlement date"
run create "$TABLE" --schema "$SCHEMA" --partition-by settle_date --property delta.appendOnly=false --name trades

step "2. Three pipeline runs append their batches, each an atomic commit with an app id"
run write "$TABLE" --from "$OUT/batch-1.csv" --app-id ingest-trades --app-version 1
run write "$TABLE" --from "$OUT/batch-2.csv" --app-id ingest-trades --app-version 2

step "3. Run 2 is re-run after a crash: the table already has it, so nothing is duplicated"
run write "$TABLE" --from "$OUT/batch-2.csv" --app-id ingest-trades --app-version 2
run write "$TABLE" --from "$OUT/batch-3.csv" --app-id ingest-trades --app-version 3

step "4. What the table holds now"
run describe "$TABLE"

step "5. Scan with a predicate: files of other dates and of other price ranges are skipped"
run scan "$TABLE" --where "settle_date = DATE '2024-03-05' AND price > 400 AND side = 'BUY'" --columns trade_id,symbol,price,quantity,settle_date --limit 8

step "6. A correction overwrites the table with the first batch only"
run write "$TABLE" --from "$OUT/batch-1.csv" --mode overwrite

step "7. History: one line per commit"
run history "$TABLE"

step "8. Time travel: version 3 still has every trade"
printf '$ deltactl scan %s --version 3 --format csv | count rows\n' "$TABLE"
echo "rows at version 3: $("$BIN" scan "$TABLE" --version 3 --format csv | tail -n +2 | wc -l)"
echo "rows now:          $("$BIN" scan "$TABLE" --format csv | tail -n +2 | wc -l)"

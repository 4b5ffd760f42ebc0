#!/usr/bin/env python3
"""Streaming write of a large CSV into a new Delta table: ours (`deltactl write --from big.csv`)
beside delta-rs (pyarrow's streaming CSV reader into `write_deltalake`), fresh processes, peak
RSS beside each time. The CSV is the bench table of ../shared/bench/README.md (id, key,
category, value, ts, date), generated once into Benchmarks/data/ (not timed).

  .venv/bin/python Benchmarks/csv_stream.py --deltactl .build/release/deltactl --rows 1000000,10000000 --reps 3

The point is the memory bound: a streaming write's peak RSS must not grow with the input.
"""
import argparse, json, os, shutil, statistics, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "shared", "bench"))
sys.path.insert(0, HERE)
from cpu_compare import run as run_measured  # (wall s, cpu s, peak RSS MB) of a fresh process


def make_csv(rows: int, path: str) -> None:
    if os.path.exists(path):
        return
    import pyarrow as pa
    import pyarrow.csv as pacsv
    from bench_deltars import gen_table

    tmp = path + ".tmp"
    chunk = 1_000_000
    with pacsv.CSVWriter(tmp, gen_table(1, seed=1).schema) as w:
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            w.write_table(gen_table(n, seed=42 + start, start_id=start))
    os.replace(tmp, path)


DELTARS = r'''
import sys, time, json, resource
import pyarrow.csv as pacsv
from deltalake import write_deltalake
src, table = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
reader = pacsv.open_csv(src, read_options=pacsv.ReadOptions(block_size=8 << 20))
write_deltalake(table, reader, mode="append")
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt}))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--deltactl", required=True)
    ap.add_argument("--rows", default="1000000,10000000")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--root", default="/tmp/csvstream")
    a = ap.parse_args()
    data = os.path.join(HERE, "data")
    os.makedirs(data, exist_ok=True)
    script = os.path.join(a.root, "deltars_csv.py")
    os.makedirs(a.root, exist_ok=True)
    with open(script, "w") as f:
        f.write(DELTARS)
    results = []
    for rows in [int(r) for r in a.rows.split(",")]:
        csv = os.path.join(data, f"bench-{rows}.csv")
        make_csv(rows, csv)
        size_mb = os.path.getsize(csv) / 1e6
        for rep in range(a.reps):
            for engine in ("swift-delta", "deltalake"):
                table = os.path.join(a.root, f"{engine}-{rows}-{rep}")
                shutil.rmtree(table, ignore_errors=True)
                if engine == "swift-delta":
                    cmd = [a.deltactl, "write", table, "--from", csv]
                else:
                    cmd = [sys.executable, script, csv, table]
                wall, _, rss = run_measured(cmd)
                rec = {"engine": engine, "rows": rows, "csv_mb": round(size_mb, 1), "rep": rep,
                       "seconds": round(wall, 3), "peak_rss_mb": round(rss, 1)}
                print(json.dumps(rec), flush=True)
                results.append(rec)
                shutil.rmtree(table, ignore_errors=True)
    print()
    print("| rows | CSV | engine | seconds (median, min–max) | peak RSS MB (median, min–max) |")
    print("|---|---|---|---|---|")
    for rows in sorted({r["rows"] for r in results}):
        for engine in ("swift-delta", "deltalake"):
            rs = [r for r in results if r["rows"] == rows and r["engine"] == engine]
            s = [r["seconds"] for r in rs]
            m = [r["peak_rss_mb"] for r in rs]
            print(f"| {rows:,} | {rs[0]['csv_mb']} MB | {engine} | {statistics.median(s):.2f} ({min(s):.2f}–{max(s):.2f}) "
                  f"| {statistics.median(m):.0f} ({min(m):.0f}–{max(m):.0f}) |")


if __name__ == "__main__":
    main()

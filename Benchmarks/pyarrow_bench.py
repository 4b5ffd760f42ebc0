#!/usr/bin/env python3
"""The pyarrow side of the Parquet benchmark (../scripts/bench.sh), same JSON line format as
parquet-bench:

    pyarrow_bench.py write --rows N --out FILE [--codec zstd]   time pq.write_table
    pyarrow_bench.py scan --file FILE                          time pq.read_table (full scan)
    pyarrow_bench.py summarize RESULTS.jsonl                   medians + ratios as markdown

The table is the one of ../shared/bench/README.md (id, key, category, value, ts, date), generated
with numpy (seed 42) in 128K-row batches into a pyarrow Table; generation is not timed.
Peak memory: ru_maxrss of this process (includes the in-memory table, as on our side).
"""
import argparse
import json
import resource
import statistics
import sys
import time

BATCH_ROWS = 128 * 1024
CATEGORIES = [f"cat{i:02d}" for i in range(16)]
DATES = [f"2024-01-{d:02d}" for d in range(1, 11)]


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def generate(rows: int, seed: int = 42):
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rng = np.random.default_rng(seed)
    cats, dates = pa.array(CATEGORIES), pa.array(DATES)
    day_us = 86_400 * 1_000_000
    base_us = 1_704_067_200 * 1_000_000  # 2024-01-01T00:00:00Z
    batches = []
    for start in range(0, rows, BATCH_ROWS):
        n = min(BATCH_ROWS, rows - start)
        ids = pa.array(np.arange(start, start + n, dtype=np.int64))
        key = pc.binary_join_element_wise("k", pc.utf8_lpad(pc.cast(ids, pa.string()), 7, "0"), "")
        category = pc.take(cats, pa.array(rng.integers(0, 16, n, dtype=np.int32)))
        value = pa.array(rng.random(n) * 1000.0)
        offs = rng.integers(0, 10 * day_us, n, dtype=np.int64)
        ts = pa.array(base_us + offs, pa.timestamp("us", tz="UTC"))
        date = pc.take(dates, pa.array((offs // day_us).astype(np.int32)))
        batches.append(pa.RecordBatch.from_arrays([ids, key, category, value, ts, date],
                                                  names=["id", "key", "category", "value", "ts", "date"]))
    if not batches:
        return None
    return pa.Table.from_batches(batches)


def emit(rec: dict) -> None:
    print(json.dumps(rec), flush=True)


def cmd_write(a) -> None:
    import pyarrow.parquet as pq
    import os

    t0 = time.perf_counter()
    table = generate(a.rows)
    gen = time.perf_counter() - t0
    t0 = time.perf_counter()
    pq.write_table(table, a.out, compression=a.codec)
    elapsed = time.perf_counter() - t0
    emit({"engine": "pyarrow", "op": "write", "seconds": round(elapsed, 4), "rows": a.rows,
          "peak_rss_mb": peak_rss_mb(), "file_bytes": os.path.getsize(a.out), "gen_seconds": round(gen, 4)})


def cmd_scan(a) -> None:
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    table = pq.read_table(a.file)
    elapsed = time.perf_counter() - t0
    checksum = pc.sum(table.column(0)).as_py() if table.num_columns else 0
    emit({"engine": "pyarrow", "op": "scan", "seconds": round(elapsed, 4), "rows": table.num_rows,
          "peak_rss_mb": peak_rss_mb(), "checksum": str(checksum)})


def cmd_summarize(a) -> None:
    recs = [json.loads(line) for line in open(a.results) if line.startswith("{")]
    groups: dict = {}
    for r in recs:
        if r.get("cross"):
            continue
        groups.setdefault((r["engine"], r["op"]), []).append(r)

    def med(engine, op, key):
        vals = [r[key] for r in groups.get((engine, op), []) if r.get(key) is not None]
        return statistics.median(vals) if vals else None

    rows = recs[0]["rows"] if recs else 0
    lines = [f"{rows:,} rows, zstd; medians of {len(groups.get(('pyarrow', 'write'), []))} runs, "
             "each in a fresh process, alternating engines.", "",
             "| measurement | swift-delta | pyarrow | ours / pyarrow | target |",
             "|---|---|---|---|---|"]

    def row(label, ours, theirs, fmt, target, higher_is_better):
        if ours is None or theirs is None or theirs == 0:
            ratio, ok = "n/a", ""
        else:
            r = ours / theirs
            ratio = f"{r:.2f}×"
            ok = ("met" if (r >= 1.0 if higher_is_better else r <= 1.0) else "NOT met") if target else ""
        show = lambda v: "n/a" if v is None else fmt(v)  # noqa: E731
        lines.append(f"| {label} | {show(ours)} | {show(theirs)} | {ratio} | {target + ' ' + ok if target else ''} |")

    for op in ("write", "scan"):
        s_sec, p_sec = med("swift", op, "seconds"), med("pyarrow", op, "seconds")
        s_rps = rows / s_sec if s_sec else None
        p_rps = rows / p_sec if p_sec else None
        row(f"{op} seconds", s_sec, p_sec, lambda v: f"{v:.3f} s", "", False)
        row(f"{op} rows/s", s_rps, p_rps, lambda v: f"{v / 1e6:.2f} M", "≥ 1.0×", True)
        row(f"{op} peak RSS", med("swift", op, "peak_rss_mb"), med("pyarrow", op, "peak_rss_mb"),
            lambda v: f"{v:.0f} MB", "≤ 1.0×", False)
    row("file size", med("swift", "write", "file_bytes"), med("pyarrow", "write", "file_bytes"),
        lambda v: f"{v / 1e6:.1f} MB", "", False)
    cross = [r for r in recs if r.get("cross")]
    if cross:
        lines.append("")
        for r in cross:
            lines.append(f"- cross-read: {r['engine']} read {r['cross']}'s file: {r['rows']:,} rows "
                         f"({'ok' if r['rows'] == rows else 'MISMATCH'})")
    print("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("--rows", type=int, required=True)
    w.add_argument("--out", required=True)
    w.add_argument("--codec", default="zstd")
    s = sub.add_parser("scan")
    s.add_argument("--file", required=True)
    m = sub.add_parser("summarize")
    m.add_argument("results")
    a = ap.parse_args()
    {"write": cmd_write, "scan": cmd_scan, "summarize": cmd_summarize}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())

"""A table of 1,000,000 live files, side by side with delta-rs (deltalake):

  checkpoint  write the checkpoint of the JSON-only table (each engine on its own copy)
  open        open the checkpointed table (latest version: checkpoint + 1 commit after it), on
              each engine's own checkpoint and on the other engine's

The table is log-only: its add actions (partitioned by `date`, with per-file statistics JSON as
Spark writes them) point at files that do not exist — opening and checkpointing never touch data.
Every measurement runs in a fresh process; `seconds` is the operation alone (for delta-rs
`DeltaTable(path)` for open, `create_checkpoint()` for checkpoint, after the import); peak RSS
is the process's VmHWM.

  .venv/bin/python Benchmarks/million_files.py --bench /path/to/delta-bench [--files 1000000] [--reps 3]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import uuid

SCHEMA = {"type": "struct", "fields": [
    {"name": "id", "type": "long", "nullable": True, "metadata": {}},
    {"name": "key", "type": "string", "nullable": True, "metadata": {}},
    {"name": "value", "type": "double", "nullable": True, "metadata": {}},
    {"name": "date", "type": "string", "nullable": True, "metadata": {}},
]}


def generate(path: str, files: int, per_commit: int = 10_000) -> None:
    log = os.path.join(path, "_delta_log")
    os.makedirs(log)
    meta = {"id": str(uuid.UUID(int=42)), "format": {"provider": "parquet", "options": {}},
            "schemaString": json.dumps(SCHEMA), "partitionColumns": ["date"], "configuration": {},
            "createdTime": 1700000000000}
    with open(os.path.join(log, f"{0:020d}.json"), "w") as f:
        f.write(json.dumps({"protocol": {"minReaderVersion": 1, "minWriterVersion": 2}}) + "\n")
        f.write(json.dumps({"metaData": meta}) + "\n")
    version, n = 1, 0
    while n < files:
        lines = [json.dumps({"commitInfo": {"timestamp": 1700000000000 + version, "operation": "WRITE"}})]
        for _ in range(min(per_commit, files - n)):
            day = n % 10
            lo = n * 100
            stats = {"numRecords": 100, "minValues": {"id": lo, "key": f"k{lo:08d}", "value": 0.5},
                     "maxValues": {"id": lo + 99, "key": f"k{lo + 99:08d}", "value": 999.5},
                     "nullCount": {"id": 0, "key": 0, "value": 0}}
            lines.append(json.dumps({"add": {
                "path": f"date=2024-01-{day + 1:02d}/part-{n:07d}-{uuid.UUID(int=n)}.c000.snappy.parquet",
                "partitionValues": {"date": f"2024-01-{day + 1:02d}"}, "size": 4096 + n % 1000,
                "modificationTime": 1700000000000 + n, "dataChange": True,
                "stats": json.dumps(stats, separators=(",", ":"))}}, separators=(",", ":")))
            n += 1
        with open(os.path.join(log, f"{version:020d}.json"), "w") as f:
            f.write("\n".join(lines) + "\n")
        version += 1


def one_more_commit(path: str) -> None:
    log = os.path.join(path, "_delta_log")
    latest = max(int(p[:20]) for p in os.listdir(log) if p.endswith(".json") and len(p) == 25)
    with open(os.path.join(log, f"{latest + 1:020d}.json"), "w") as f:
        f.write(json.dumps({"commitInfo": {"timestamp": 1800000000000, "operation": "WRITE"}}) + "\n")
        f.write(json.dumps({"add": {"path": "date=2024-01-01/extra.parquet", "partitionValues": {"date": "2024-01-01"},
                                    "size": 1, "modificationTime": 1, "dataChange": True}}) + "\n")


CHILD = r"""
import json, sys, time
def hwm():
    for l in open('/proc/self/status'):
        if l.startswith('VmHWM:'): return int(l.split()[1]) / 1024
op, path = sys.argv[1], sys.argv[2]
from deltalake import DeltaTable
open('/proc/self/clear_refs', 'w').write('5')
if op == 'open':
    t0 = time.perf_counter(); dt = DeltaTable(path)
    s = time.perf_counter() - t0
    print(json.dumps({"seconds": s, "version": dt.version(), "peak_rss_mb": hwm()}))
else:
    dt = DeltaTable(path)
    open('/proc/self/clear_refs', 'w').write('5')
    t0 = time.perf_counter(); dt.create_checkpoint(); s = time.perf_counter() - t0
    print(json.dumps({"seconds": s, "version": dt.version(), "peak_rss_mb": hwm()}))
"""


def run(cmd: list[str]) -> dict:
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {p.stderr.strip()[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def measure(label: str, cmd: list[str], reps: int, prepare=None) -> dict:
    results = []
    for _ in range(reps):
        if prepare:
            prepare()
        results.append(run(cmd))
    secs = [r["seconds"] for r in results]
    rss = [r["peak_rss_mb"] for r in results]
    out = {"measure": label, "median_s": statistics.median(secs), "min_s": min(secs), "max_s": max(secs),
           "peak_rss_mb": statistics.median(rss), "reps": reps}
    print(json.dumps(out), flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", required=True, help="path to the delta-bench binary")
    ap.add_argument("--files", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--root", default="/tmp/deltabench-million")
    a = ap.parse_args()
    py = sys.executable
    base = os.path.join(a.root, f"json-{a.files}")
    if not os.path.isdir(base):
        t0 = time.time()
        generate(base, a.files)
        print(f"# generated {a.files} adds in {time.time() - t0:.1f} s at {base}", file=sys.stderr)
    work = {e: os.path.join(a.root, f"work-{e}") for e in ("ours", "deltars")}

    def fresh(engine: str):
        def go():
            shutil.rmtree(work[engine], ignore_errors=True)
            shutil.copytree(base, work[engine])
        return go

    res = {}
    res["checkpoint_deltars"] = measure("checkpoint, delta-rs", [py, "-c", CHILD, "checkpoint", work["deltars"]], a.reps, fresh("deltars"))
    res["checkpoint_ours"] = measure("checkpoint, swift-delta", [a.bench, "checkpoint", "--table", work["ours"]], a.reps, fresh("ours"))
    for e in work:
        one_more_commit(work[e])
    for ckpt_by in ("ours", "deltars"):
        t = work[ckpt_by]
        res[f"open_{ckpt_by}_deltars"] = measure(f"open ({ckpt_by}' checkpoint), delta-rs", [py, "-c", CHILD, "open", t], a.reps)
        res[f"open_{ckpt_by}_ours"] = measure(f"open ({ckpt_by}' checkpoint), swift-delta", [a.bench, "load", "--table", t], a.reps)
    print("\n| measure | delta-rs | swift-delta | speed-up | memory ratio |")
    print("|---|---|---|---|---|")
    for key, label in (("checkpoint", "write checkpoint"), ("open_ours", "open from our checkpoint"),
                       ("open_deltars", "open from delta-rs's checkpoint")):
        d, o = res[f"{key}_deltars"], res[f"{key}_ours"]
        print(f"| {label} | {d['median_s']:.2f} s, {d['peak_rss_mb']:.0f} MB | {o['median_s']:.2f} s, {o['peak_rss_mb']:.0f} MB"
              f" | {d['median_s'] / o['median_s']:.2f}x | {o['peak_rss_mb'] / d['peak_rss_mb']:.2f}x |")


if __name__ == "__main__":
    main()

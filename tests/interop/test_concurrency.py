"""Real processes racing on one table (RELIABILITY.md, "Real processes"): concurrent `deltactl
write` appends leave contiguous versions and every row exactly once; concurrent creators make
exactly one table.

INTEROP_CONCURRENCY=WxN sets the writers and appends per writer (default 8x50: 400 appends)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import Counter

from deltalake import DeltaTable

from table_helpers import COMMITTED, commit_actions, dscan, log_versions, parse_write, write_jsonl

WRITERS, APPENDS = (int(x) for x in os.environ.get("INTEROP_CONCURRENCY", "8x50").split("x"))
SCHEMA = "id long not null, writer integer, seq integer, note string"


def _cmd(deltactl, *args):
    prefix = [sys.executable] if deltactl.path.endswith(".py") else []
    return [*prefix, deltactl.path, *map(str, args)]


def _rows(writer: int, seq: int, n: int = 3) -> list[str]:
    base = (writer * 10_000 + seq) * 10
    return [f'{{"id":{base + k},"writer":{writer},"seq":{seq},"note":"w{writer} s{seq} r{k}"}}' for k in range(n)]


def _ids(lines):
    return [json.loads(x)["id"] for x in lines]


def test_concurrent_appends_are_contiguous_and_exactly_once(deltactl, tmp_path):
    table = tmp_path / "t"
    out = deltactl.run("create", table, "--schema", SCHEMA).stdout.strip()
    assert out == f"created table {table} at version 0"
    srcs = {(w, s): write_jsonl(tmp_path / f"w{w}s{s}.jsonl", _rows(w, s))
            for w in range(WRITERS) for s in range(APPENDS)}
    results: dict[tuple[int, int], subprocess.CompletedProcess] = {}
    start = threading.Barrier(WRITERS)

    def writer(w):
        start.wait()
        for s in range(APPENDS):
            results[(w, s)] = subprocess.run(_cmd(deltactl, "write", table, "--from", srcs[(w, s)]),
                                             capture_output=True, text=True, timeout=300)

    t0 = time.monotonic()
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0

    failed = {k: p.stderr.strip() for k, p in results.items() if p.returncode != 0}
    assert not failed, f"{len(failed)} of {len(results)} appends failed, e.g. {list(failed.items())[:3]}"
    versions = [parse_write(p.stdout).version for p in results.values()]
    dup = [v for v, n in Counter(versions).items() if n > 1]
    assert not dup, f"versions acknowledged twice: {dup[:10]}"
    total = WRITERS * APPENDS
    assert sorted(versions) == list(range(1, total + 1))
    # I1: exactly the commits 0..total, each parses whole, each append adds its own rows.
    assert log_versions(table) == list(range(total + 1)), "gaps or extra commits in _delta_log"
    for v in range(1, total + 1):
        adds = [a["add"] for a in commit_actions(table, v) if "add" in a]
        assert sum(json.loads(a["stats"])["numRecords"] for a in adds) == 3, f"commit {v}"
    want = sorted(i for w in range(WRITERS) for s in range(APPENDS) for i in _ids(_rows(w, s)))
    assert sorted(_ids(dscan(deltactl, table))) == want, "deltactl scan: a row lost or duplicated"
    dt = DeltaTable(str(table))
    assert dt.version() == total
    assert sorted(dt.to_pyarrow_table().column("id").to_pylist()) == want, "deltalake: a row lost or duplicated"
    print(f"{total} concurrent appends by {WRITERS} processes in {elapsed:.1f}s")


def _race(deltactl, table, tmp_path, mode):
    srcs = [write_jsonl(tmp_path / f"c{w}.jsonl", _rows(w, 0, 4)) for w in range(8)]
    procs = [subprocess.Popen(_cmd(deltactl, "write", table, "--from", src, "--mode", mode, "--schema", SCHEMA),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for src in srcs]
    out = []
    for p in procs:
        so, se = p.communicate(timeout=300)
        out.append((p.returncode, so.strip(), se.strip()))
    return out


def test_concurrent_error_mode_creators_make_one_table(deltactl, tmp_path):
    table = tmp_path / "t"
    out = _race(deltactl, table, tmp_path, "error")
    won = [o for o in out if o[0] == 0]
    lost = [o for o in out if o[0] != 0]
    assert len(won) == 1, f"{len(won)} creators succeeded: {out}"
    assert COMMITTED.match(won[0][1]) and parse_write(won[0][1]).version == 0
    assert len(lost) == 7
    for code, _, err in lost:
        assert code == 1 and err.startswith("deltactl: error: "), err
        assert "exist" in err.lower(), f"a losing creator should say the table exists: {err}"
    assert log_versions(table) == [0]
    assert len(dscan(deltactl, table)) == 4


def test_concurrent_append_mode_creators_make_one_table_and_seven_appends(deltactl, tmp_path):
    table = tmp_path / "t"
    out = _race(deltactl, table, tmp_path, "append")
    failed = [o for o in out if o[0] != 0]
    assert not failed, f"{len(failed)} append-mode creators failed: {[o[2] for o in failed]}"
    versions = sorted(parse_write(o[1]).version for o in out)
    assert versions == list(range(8))
    assert log_versions(table) == list(range(8))
    with_meta = [v for v in range(8) if any("metaData" in a for a in commit_actions(table, v))]
    assert with_meta == [0], f"metaData in commits {with_meta}: only the creator may write it"
    want = sorted(i for w in range(8) for i in _ids(_rows(w, 0, 4)))
    assert sorted(_ids(dscan(deltactl, table))) == want
    assert sorted(DeltaTable(str(table)).to_pyarrow_table().column("id").to_pylist()) == want

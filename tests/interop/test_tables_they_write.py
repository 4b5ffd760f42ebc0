"""Tables they write, we read: deltalake writes every primitive type (partitioned and not) over
several versions — write, appends, overwrite, DELETE and UPDATE (which leave `remove` actions) —
and `deltactl scan --format jsonl` equals deltalake's own read at every version; `deltactl
history` shows deltalake's commits; `--where` equals the same filter computed by pyarrow."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from deltalake import DeltaTable, write_deltalake

from canonical import assert_same_rows, table_lines
from table_helpers import arrow_table, deltalake_lines, dhistory, dscan, rows

PARTITIONINGS = {
    "unpartitioned": [],
    "by_string": ["part"],
    "by_date": ["pdate"],
    "by_date_and_string": ["pdate", "part"],
}


@pytest.fixture(scope="module", params=list(PARTITIONINGS), ids=list(PARTITIONINGS))
def theirs(request, tmp_path_factory):
    """A deltalake table: v0 write, v1-v2 appends, v3 overwrite, v4 append, v5 DELETE, v6 UPDATE."""
    partition_by = PARTITIONINGS[request.param] or None
    path = str(tmp_path_factory.mktemp(request.param) / "t")
    write_deltalake(path, arrow_table(rows(0, 15)), partition_by=partition_by)
    write_deltalake(path, arrow_table(rows(15, 10)), mode="append")
    write_deltalake(path, arrow_table(rows(25, 12)), mode="append")
    write_deltalake(path, arrow_table(rows(100, 30)), mode="overwrite")
    write_deltalake(path, arrow_table(rows(200, 20)), mode="append")
    t = DeltaTable(path)
    t.delete("id % 3 = 0")
    t.update(updates={"s": "'updated'", "i32": "i32 + 1"}, predicate="id < 110 AND i32 < 100")
    t = DeltaTable(path)
    assert t.version() == 6
    hist = {h["version"]: h["operation"] for h in t.history()}
    assert hist[5] == "DELETE" and hist[6] == "UPDATE", hist
    return path


def test_scan_equals_deltalake_at_every_version(deltactl, theirs):
    for v in range(DeltaTable(theirs).version() + 1):
        want = deltalake_lines(theirs, v)
        assert want, f"deltalake read no rows at version {v} (test bug)"
        assert_same_rows(want, dscan(deltactl, theirs, "--version", v), what=f"deltactl scan --version {v}")
    assert_same_rows(deltalake_lines(theirs), dscan(deltactl, theirs), what="deltactl scan (latest)")


def test_scan_columns_and_limit(deltactl, theirs):
    want = sorted(table_lines(pa.table(DeltaTable(theirs).to_pyarrow_table()).select(["s", "id"])))
    assert_same_rows(want, dscan(deltactl, theirs, "--columns", "s,id"), what="--columns s,id")
    limited = dscan(deltactl, theirs, "--limit", 5)
    assert len(limited) == 5 and set(limited) <= set(deltalake_lines(theirs))


def test_history_shows_deltalakes_commits(deltactl, theirs):
    hist = DeltaTable(theirs).history()
    ours = dhistory(deltactl, theirs)
    assert [o["version"] for o in ours] == [h["version"] for h in hist] == list(range(6, -1, -1))
    for h, o in zip(hist, ours):
        assert o["operation"] == h["operation"], f"v{h['version']}"
        stamp = dt.datetime.fromtimestamp(h["timestamp"] / 1000, dt.timezone.utc)
        got = dt.datetime.fromisoformat(o["timestamp"].replace("Z", "+00:00"))
        # deltalake reports commitInfo.timestamp (the writer's clock just before the commit);
        # deltactl reports the protocol's commit timestamp (the commit file's monotonized
        # modification time, or the in-commit timestamp), which is what time travel resolves
        # against. They differ by the few milliseconds the commit took.
        assert abs((got - stamp).total_seconds()) <= 2.0, \
            f"v{h['version']}: timestamp {o['timestamp']} far from {stamp.isoformat()}"
        assert o["engineInfo"] == h.get("engineInfo")
        if "mode" in h.get("operationParameters", {}):
            assert o["operationParameters"]["mode"] == h["operationParameters"]["mode"]
    assert [o["version"] for o in dhistory(deltactl, theirs, "--limit", 2)] == [6, 5]


# deltactl's predicate text, and the same filter as a pyarrow expression (SQL semantics: a row
# whose predicate is null is dropped, as pyarrow's filter does).
PREDICATES = [
    ("i64 > 0", pc.field("i64") > 0),
    ("i32 >= 0 AND i16 < 100", (pc.field("i32") >= 0) & (pc.field("i16") < 100)),
    ("d10 < 1", pc.field("d10") < pa.scalar(Decimal("1"), pa.decimal128(10, 2))),
    ("s = 'héllo'", pc.field("s") == "héllo"),
    ("s <> 'updated'", pc.field("s") != "updated"),
    ("dt >= '2000-01-01'", pc.field("dt") >= pa.scalar(dt.date(2000, 1, 1))),
    ("pdate = '2024-01-03'", pc.field("pdate") == pa.scalar(dt.date(2024, 1, 3))),
    ("part IS NULL", pc.field("part").is_null()),
    ("s IS NOT NULL AND b = true", pc.field("s").is_valid() & (pc.field("b") == True)),  # noqa: E712
    ("i8 IN (0, 5, 127)", pc.field("i8").isin([0, 5, 127])),
    ("part IN ('k=v', 'with space', 'a/b')", pc.field("part").isin(["k=v", "with space", "a/b"])),
    ("(i32 = 43 OR part = 'a/b') AND id < 150", ((pc.field("i32") == 43) | (pc.field("part") == "a/b"))
     & (pc.field("id") < 150)),
    ("pdate = '2024-01-03' AND part = '100%' OR id = 201",
     ((pc.field("pdate") == pa.scalar(dt.date(2024, 1, 3))) & (pc.field("part") == "100%"))
     | (pc.field("id") == 201)),
]


@pytest.mark.parametrize("where,expr", PREDICATES, ids=[p[0] for p in PREDICATES])
def test_where_equals_pyarrow_filter(deltactl, theirs, where, expr):
    t = DeltaTable(theirs)
    names = [f.name for f in t.schema().fields]
    data = pa.table(t.to_pyarrow_table()).select(names)
    want = sorted(table_lines(data.filter(expr)))
    got = dscan(deltactl, theirs, "--where", where)
    assert_same_rows(want, got, what=f"--where {where!r}")
    # Time travel and a filter together: version 1 (two appends).
    old = DeltaTable(theirs, version=1)
    want1 = sorted(table_lines(pa.table(old.to_pyarrow_table()).select(names).filter(expr)))
    assert_same_rows(want1, dscan(deltactl, theirs, "--where", where, "--version", 1),
                     what=f"--where {where!r} --version 1")

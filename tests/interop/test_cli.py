"""(d) The `deltactl parquet` command-line contract: schema listing, projection, limits, stats,
and errors (one line on stderr, nonzero exit, the path named)."""
from __future__ import annotations

import json
import re

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from canonical import table_lines
from cases import TYPES

SCHEMA = pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("name", pa.string()),
                    pa.field("price", pa.decimal128(12, 4)), pa.field("ts", pa.timestamp("us", tz="UTC")),
                    pa.field("flag", pa.bool_())])


@pytest.fixture
def sample(tmp_path):
    from decimal import Decimal
    n = 50
    t = pa.table({"id": pa.array(range(n), pa.int64()),
                  "name": [None if i % 7 == 0 else f"name-{i}" for i in range(n)],
                  "price": pa.array([Decimal(i) / 4 for i in range(n)], pa.decimal128(12, 4)),
                  "ts": pa.array([1_709_285_400_123_456 + i for i in range(n)], pa.timestamp("us", tz="UTC")),
                  "flag": [i % 2 == 0 for i in range(n)]}, schema=SCHEMA)
    path = tmp_path / "sample.parquet"
    pq.write_table(t, path, row_group_size=20)
    return path, t


def assert_one_line_error(p, *must_contain):
    assert p.returncode != 0, f"exit 0; stdout={p.stdout[:200]!r}"
    err = p.stderr.strip()
    assert err, "nothing on stderr"
    assert len(err.splitlines()) == 1, f"error is not one line:\n{err}"
    for s in must_contain:
        assert s in err, f"{s!r} not in {err!r}"


def test_schema_lists_columns_and_types(deltactl, sample):
    path, _ = sample
    out = deltactl.run("parquet", "schema", path).stdout
    expected = {"id": "long", "name": "string", "price": "decimal(12,4)", "ts": "timestamp", "flag": "boolean"}
    lines = out.splitlines()
    for name, ty in expected.items():
        hits = [line for line in lines if re.search(rf"(^|\W){re.escape(name)}(\W|$)", line)
                and re.search(rf"(^|[^\w(]){re.escape(ty)}([^\w(]|$)", line)]
        assert hits, f"no line names column {name} with type {ty}:\n{out}"
    pos = [out.index(n) for n in expected]
    assert pos == sorted(pos), "columns not listed in schema order"


def test_cat_columns_and_limit(deltactl, sample):
    path, t = sample
    full = table_lines(t)
    assert deltactl.jsonl(path) == full
    assert deltactl.jsonl(path, "--limit", "10") == full[:10]
    assert deltactl.jsonl(path, "--limit", "0") == []
    projected = table_lines(t.select(["ts", "id"]))
    assert deltactl.jsonl(path, "--columns", "ts,id") == projected


def test_cat_unknown_column_is_an_error(deltactl, sample):
    path, _ = sample
    p = deltactl.run("parquet", "cat", path, "--columns", "id,nope", check=False)
    assert_one_line_error(p, "nope")


def test_stats_json_parses(deltactl, sample):
    path, _ = sample
    out = deltactl.run("parquet", "stats", path, "--format", "json").stdout
    doc = json.loads(out)
    assert "50" in json.dumps(doc), "row count 50 not reported"
    for name in SCHEMA.names:
        assert name in json.dumps(doc), f"column {name} missing from stats"


def test_stats_table(deltactl, sample):
    path, _ = sample
    out = deltactl.run("parquet", "stats", path).stdout
    for name in SCHEMA.names:
        assert name in out


@pytest.mark.parametrize("cmd", [["schema"], ["stats"], ["cat"], ["cat", "--format", "jsonl"]])
def test_missing_file(deltactl, tmp_path, cmd):
    missing = tmp_path / "no-such-file.parquet"
    p = deltactl.run("parquet", cmd[0], missing, *cmd[1:], check=False)
    assert_one_line_error(p, str(missing))


@pytest.mark.parametrize("cmd", [["schema"], ["stats"], ["cat", "--format", "jsonl"]])
@pytest.mark.parametrize("cut", ["half", "footer", "magic"])
def test_truncated_file(deltactl, sample, tmp_path, cmd, cut):
    path, _ = sample
    data = path.read_bytes()
    bad = tmp_path / "truncated.parquet"
    bad.write_bytes({"half": data[: len(data) // 2], "footer": data[:-3], "magic": data[:3]}[cut])
    p = deltactl.run("parquet", cmd[0], bad, *cmd[1:], check=False)
    assert_one_line_error(p, str(bad))


def test_not_parquet(deltactl, tmp_path):
    bad = tmp_path / "text.parquet"
    bad.write_text("hello, world\n" * 100)
    p = deltactl.run("parquet", "cat", bad, check=False)
    assert_one_line_error(p, str(bad))


def test_convert_bad_schema_is_an_error(deltactl, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id":1}\n')
    p = deltactl.run("parquet", "convert", src, tmp_path / "o.parquet", "--schema", "id notatype",
                     check=False)
    assert_one_line_error(p)


def test_convert_value_not_matching_schema_is_an_error(deltactl, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id":1}\n{"id":"x"}\n')
    p = deltactl.run("parquet", "convert", src, tmp_path / "o.parquet", "--schema", "id long",
                     check=False)
    assert_one_line_error(p)


def test_convert_parquet_to_parquet_roundtrip(deltactl, tmp_path):
    case = TYPES["decimal(38,10)"]
    src = tmp_path / "in.parquet"
    pq.write_table(case.table(), src, compression="snappy")
    out = tmp_path / "out.parquet"
    deltactl.run("parquet", "convert", src, out, "--codec", "zstd")
    assert table_lines(pq.read_table(out)) == case.rows()


TRADES_SCHEMA = ("trade_id long not null, symbol string not null, side string not null, "
                 "quantity integer not null, price decimal(12,4) not null, fee double, "
                 "traded_at timestamp not null, settle_date date not null, venue string")


def test_convert_demo_csv(deltactl, tmp_path):
    """The `make demo` conversion: every CSV field, quoted ones included, arrives intact."""
    import csv
    from conftest import REPO
    src = REPO / "examples" / "trades.csv"
    out = tmp_path / "trades.parquet"
    deltactl.run("parquet", "convert", src, out, "--codec", "zstd", "--schema", TRADES_SCHEMA)
    got = table_lines(pq.read_table(out))
    with open(src, newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    assert len(got) == len(records) == 2000
    for line, rec in zip(got, records):
        row = json.loads(line)
        assert row["trade_id"] == int(rec["trade_id"])
        assert row["quantity"] == int(rec["quantity"])
        assert row["price"] == rec["price"]
        assert row["fee"] == (float(rec["fee"]) if rec["fee"] else None)
        assert row["traded_at"] == rec["traded_at"]
        assert (row["symbol"], row["side"], row["settle_date"], row["venue"]) == \
            (rec["symbol"], rec["side"], rec["settle_date"], rec["venue"])
    types = {f.name: f.type for f in pq.read_schema(out)}
    assert types["price"] == pa.decimal128(12, 4) and types["traded_at"] == pa.timestamp("us", tz="UTC")
    assert types["settle_date"] == pa.date32() and types["quantity"] == pa.int32()

"""(d) The `deltactl parquet` command-line contract: schema listing, projection, limits, stats,
and errors (one line on stderr, nonzero exit, the path named); and deltactl's exit codes
(README, "Exit codes"), each produced by a real situation."""
from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from canonical import table_lines
from cases import TYPES
from table_helpers import assert_cli_error, write_jsonl

# deltactl's exit codes (README, "Exit codes").
EXIT_FAILURE, EXIT_USAGE, EXIT_CONFLICT, EXIT_CORRUPT, EXIT_IO = 1, 2, 3, 4, 5

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
    assert p.returncode == EXIT_FAILURE


@pytest.mark.parametrize("cmd", [["schema"], ["stats"], ["cat", "--format", "jsonl"]])
@pytest.mark.parametrize("cut", ["half", "footer", "magic"])
def test_truncated_file(deltactl, sample, tmp_path, cmd, cut):
    path, _ = sample
    data = path.read_bytes()
    bad = tmp_path / "truncated.parquet"
    bad.write_bytes({"half": data[: len(data) // 2], "footer": data[:-3], "magic": data[:3]}[cut])
    p = deltactl.run("parquet", cmd[0], bad, *cmd[1:], check=False)
    assert_one_line_error(p, str(bad))
    assert p.returncode == EXIT_CORRUPT, p.stderr


def test_not_parquet(deltactl, tmp_path):
    bad = tmp_path / "text.parquet"
    bad.write_text("hello, world\n" * 100)
    p = deltactl.run("parquet", "cat", bad, check=False)
    assert_one_line_error(p, str(bad))
    assert p.returncode == EXIT_CORRUPT, p.stderr


@pytest.mark.parametrize("args", [["cat", "{f}", "--bogus", "1"], ["cat"], ["cat", "{f}", "--limit"]])
def test_usage_error_is_exit_2(deltactl, sample, args):
    path, _ = sample
    p = deltactl.run("parquet", *[a.format(f=path) for a in args], check=False)
    assert_one_line_error(p)
    assert p.returncode == EXIT_USAGE, p.stderr


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


# ----------------------------------------------------------------------------- table exit codes

@pytest.fixture
def tables(deltactl):
    """deltactl, for tests of the table commands (fake_deltactl.py implements `parquet` only)."""
    if deltactl.path.endswith("fake_deltactl.py"):
        pytest.skip("fake_deltactl.py has no table commands")
    return deltactl


def _commit(table, version: int):
    return table / "_delta_log" / f"{version:020d}.json"


def _small_table(deltactl, tmp_path, name="t"):
    table = tmp_path / name
    src = write_jsonl(tmp_path / f"{name}.jsonl", ['{"id":1}', '{"id":2}', '{"id":3}'])
    deltactl.run("write", table, "--from", src, "--schema", "id long")
    return table


def test_table_usage_errors_are_exit_2(tables, tmp_path):
    table = _small_table(tables, tmp_path)
    assert_cli_error(tables.run("scan", table, "--bogus", check=False), "--bogus", code=EXIT_USAGE)
    assert_cli_error(tables.run("write", table, "--from", tmp_path / "t.jsonl", "--app-id", "a", check=False),
                     "--app-id and --app-version go together", code=EXIT_USAGE)


def test_missing_table_and_version_are_exit_1(tables, tmp_path):
    table = _small_table(tables, tmp_path)
    assert_cli_error(tables.run("scan", tmp_path / "nothing", check=False), "notATable", code=EXIT_FAILURE)
    assert_cli_error(tables.run("scan", table, "--version", "9", check=False), "version 9 does not exist",
                     code=EXIT_FAILURE)
    assert_cli_error(tables.run("scan", table, "--where", "id >", check=False), "--where: syntax at character 5",
                     code=EXIT_FAILURE)


def _release_reader(fifo, timeout: float = 60):
    """Waits until a process opens `fifo` to read it, then lets it read an empty file."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            return
        except OSError as e:
            if e.errno != errno.ENXIO:
                raise
            time.sleep(0.005)
    raise AssertionError(f"no reader opened {fifo}")


def test_write_losing_to_a_conflicting_commit_is_exit_3(tables, tmp_path):
    """Deterministic: versions 1 and 2 are FIFOs, so the writer (which lists the log, then reads
    each commit) blocks reading them; version 3, a metadata change, is committed while it waits,
    so its commit of version 3 loses to a commit that conflicts with it."""
    table = _small_table(tables, tmp_path)
    meta = next(line for line in _commit(table, 0).read_text().splitlines() if line.startswith('{"metaData"'))
    fifos = [_commit(table, 1), _commit(table, 2)]
    for f in fifos:
        os.mkfifo(f)
    src = write_jsonl(tmp_path / "more.jsonl", ['{"id":10}'])
    proc = subprocess.Popen([tables.path, "write", str(table), "--from", str(src), "--schema", "id long"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _release_reader(fifos[0])               # it has listed the log: versions 0…2
        _commit(table, 3).write_text(meta + "\n")   # a concurrent writer changes the metadata
        _release_reader(fifos[1])
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    p = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    assert_cli_error(p, "conflict", code=EXIT_CONFLICT)
    assert not out


def test_corrupt_or_unsupported_table_is_exit_4(tables, tmp_path):
    garbage = _small_table(tables, tmp_path, "garbage")
    _commit(garbage, 1).write_text("this is not JSON\n")
    assert_cli_error(tables.run("scan", garbage, check=False), "corruptLog", code=EXIT_CORRUPT)
    future = _small_table(tables, tmp_path, "future")
    _commit(future, 1).write_text(json.dumps({"protocol": {
        "minReaderVersion": 3, "minWriterVersion": 7,
        "readerFeatures": ["futureFeature"], "writerFeatures": ["futureFeature"]}}) + "\n")
    for cmd in ["scan", "describe", "history", "files"]:
        assert_cli_error(tables.run(cmd, future, check=False), "reader feature 'futureFeature'", code=EXIT_CORRUPT)
    damaged = _small_table(tables, tmp_path, "damaged")
    data = next(damaged.glob("*.parquet"))
    data.write_bytes(data.read_bytes()[:-5])
    assert_cli_error(tables.run("scan", damaged, check=False), "dataFile", data.name, code=EXIT_CORRUPT)
    data.unlink()
    assert_cli_error(tables.run("scan", damaged, check=False), "dataFile", "does not exist", code=EXIT_CORRUPT)


def test_file_where_the_table_directory_should_be_is_exit_5(tables, tmp_path):
    """ENOTDIR (permission errors would not show when the tests run as root)."""
    plain = tmp_path / "plain-file"
    plain.write_text("x")
    for args in [["scan", plain], ["describe", plain], ["create", plain / "t", "--schema", "id long"]]:
        assert_cli_error(tables.run(*args, check=False), "Not a directory (errno 20)", code=EXIT_IO)

"""Tables we write, they read: `deltactl write` builds a table of every primitive type (nulls,
escaping-hostile partition values) in five commits — create+append, append, append, overwrite,
append — and deltalake (every version), DuckDB's delta extension (latest), pyarrow on the data
files with our own log replay, and deltalake's history and protocol all agree with the model."""
from __future__ import annotations

import json
import urllib.parse
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

from canonical import assert_same_rows, jstr, table_lines
from table_helpers import (ALL_COLS, ID, DATA_COLS, PART_COLS, commit_actions, ddescribe, deltalake_lines, dhistory,
                           duckdb_delta, dscan, dwrite, log_versions, partition_value_json, replay,
                           rows, schema_ddl, write_jsonl)

PARTITIONINGS = {
    "unpartitioned": [],
    "by_string": ["part"],
    "by_date": ["pdate"],
    "by_date_and_string": ["pdate", "part"],
}
# (mode, first id, row count) per commit; the first write creates the table.
STEPS = [("append", 0, 16), ("append", 16, 9), ("append", 25, 11), ("overwrite", 100, 13), ("append", 200, 8)]
# What v0 of a table created by `deltactl write` may be called (Spark: CTAS; delta-rs: WRITE).
CREATE_OPS = {"WRITE", "CREATE TABLE AS SELECT", "CREATE OR REPLACE TABLE AS SELECT"}
COLS_BY_NAME = {c.name: c for c in ALL_COLS}


def build(deltactl, tmp_path, partition_by):
    """Writes the STEPS; returns (table path, {version: expected sorted lines}, [mode per version])."""
    table = tmp_path / "t"
    model: list[str] = []
    expected, modes = {}, []
    for n, (mode, start, count) in enumerate(STEPS):
        batch = rows(start, count)
        src = write_jsonl(tmp_path / f"in{n}.jsonl", batch)
        args = ["--mode", mode]
        if n == 0:
            args += ["--schema", schema_ddl()]
            if partition_by:
                args += ["--partition-by", ",".join(partition_by)]
        res = dwrite(deltactl, table, src, *args)
        assert res.skipped is None, f"write {n} skipped: {res.skipped}"
        assert res.version == n, f"write {n} committed version {res.version}"
        assert res.rows == count
        adds = [a for a in commit_actions(table, n) if "add" in a]
        assert res.files == len(adds), f"printed {res.files} files, commit {n} has {len(adds)} adds"
        model = batch if mode == "overwrite" else model + batch
        expected[n] = sorted(model)
        modes.append(mode)
    assert log_versions(table) == list(range(len(STEPS)))
    return table, expected, modes


@pytest.fixture(scope="module", params=list(PARTITIONINGS), ids=list(PARTITIONINGS))
def written(request, deltactl, tmp_path_factory):
    partition_by = PARTITIONINGS[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    table, expected, modes = build(deltactl, tmp, partition_by)
    return table, expected, modes, partition_by


def test_deltalake_reads_every_version(written):
    table, expected, _, _ = written
    for v, want in expected.items():
        assert_same_rows(want, deltalake_lines(table, v), what=f"deltalake version {v}")


def test_deltactl_scan_reads_every_version(deltactl, written):
    table, expected, _, _ = written
    for v, want in expected.items():
        assert_same_rows(want, dscan(deltactl, table, "--version", v), what=f"deltactl scan --version {v}")
    assert_same_rows(expected[max(expected)], dscan(deltactl, table), what="deltactl scan (latest)")


def test_duckdb_delta_scan_reads_latest(written):
    table, expected, _, _ = written
    con, why = duckdb_delta()
    if con is None:
        pytest.skip(why)
    names = [c.name for c in ALL_COLS]
    at = con.sql(f"SELECT {', '.join(names)} FROM delta_scan('{table}')").to_arrow_table()
    assert_same_rows(expected[max(expected)], sorted(table_lines(at)), what="duckdb delta_scan")


def test_data_files_read_directly(written):
    """The active files (our replay of the log == deltalake's list) read with pyarrow, plus the
    partition values from the log, give the rows; files are zstd, in hive-style folders whose
    names unescape to the partition values, hold no partition columns, and carry exact stats."""
    table, expected, _, partition_by = written
    latest = max(expected)
    protocol, meta, adds = replay(table, latest)
    # deltalake lists the files as on disk (the log's paths, URL-decoded once).
    theirs = {str(Path(u).relative_to(table)) for u in DeltaTable(str(table)).file_uris()}
    assert set(adds) == theirs, "our replay and deltalake disagree on the active files"
    assert meta["partitionColumns"] == partition_by
    data_cols = [c for c in ALL_COLS if c.name not in partition_by]
    lines = []
    for rel, add in adds.items():
        path = Path(table) / rel
        pf = pq.ParquetFile(path)
        assert pf.schema_arrow.names == [c.name for c in data_cols], f"{rel}: columns {pf.schema_arrow.names}"
        md = pf.metadata
        for rg in range(md.num_row_groups):
            for ci in range(md.num_columns):
                codec = md.row_group(rg).column(ci).compression
                assert codec == "ZSTD", f"{rel}: column {ci} compressed with {codec}"
        # Hive-style folders: one per partition column, in order, unescaping to the value.
        dirs = rel.split("/")[:-1]
        assert [d.split("=", 1)[0] for d in dirs] == partition_by, f"{rel}: folders {dirs}"
        pv = add["partitionValues"]
        assert set(pv) == set(partition_by)
        for d in dirs:
            name, raw = d.split("=", 1)
            value = urllib.parse.unquote(raw)
            want = "__HIVE_DEFAULT_PARTITION__" if pv[name] is None else pv[name]
            assert value == want, f"{rel}: folder {d!r} unescapes to {value!r}, partition value {pv[name]!r}"
        # Stats on every add: numRecords, nullCount per data column, id bounds.
        assert add.get("stats"), f"{rel}: add has no stats"
        stats = json.loads(add["stats"])
        t = pq.read_table(path)
        assert stats["numRecords"] == t.num_rows, f"{rel}: numRecords {stats['numRecords']} != {t.num_rows}"
        for name, n in stats.get("nullCount", {}).items():
            if name in t.column_names:
                assert n == t.column(name).null_count, f"{rel}: nullCount.{name} {n}"
        ids = t.column("id").to_pylist()
        assert stats["minValues"]["id"] == min(ids) and stats["maxValues"]["id"] == max(ids), f"{rel}: id bounds"
        # Rows: data columns from the file, partition columns from the log.
        file_lines = table_lines(t)
        for fl in file_lines:
            texts = _split_line(fl, [c.name for c in data_cols])
            for name in partition_by:
                texts[name] = partition_value_json(pv[name], COLS_BY_NAME[name].ddl)
            lines.append("{" + ",".join(jstr(c.name) + ":" + texts[c.name] for c in ALL_COLS) + "}")
    assert_same_rows(expected[latest], sorted(lines), what="data files + log partition values")


def _split_line(text: str, names: list[str]) -> dict[str, str]:
    """The canonical value texts of a canonical line whose keys are `names`, in order."""
    dec = json.JSONDecoder()
    out, pos = {}, 1
    for i, name in enumerate(names):
        key = jstr(name) + ":"
        assert text.startswith(key, pos), (text, name)
        pos += len(key)
        _, end = dec.raw_decode(text, pos)
        out[name] = text[pos:end]
        pos = end + 1
    return out


def test_history_has_one_entry_per_version(deltactl, written):
    table, expected, modes, _ = written
    latest = max(expected)
    theirs = DeltaTable(str(table)).history()
    assert [h["version"] for h in theirs] == list(range(latest, -1, -1))
    ours = dhistory(deltactl, table)
    assert [h["version"] for h in ours] == list(range(latest, -1, -1)), "deltactl history: newest first"
    for h, o in zip(reversed(theirs), reversed(ours)):
        v = h["version"]
        assert o["operation"] == h["operation"], f"v{v}: deltactl says {o['operation']}, log says {h['operation']}"
        if v == 0:
            assert h["operation"] in CREATE_OPS, f"v0 operation {h['operation']}"
        else:
            assert h["operation"] == "WRITE", f"v{v} operation {h['operation']}"
            assert h["operationParameters"]["mode"] == modes[v].capitalize()
            assert o["operationParameters"]["mode"] == modes[v].capitalize()
            assert o["readVersion"] == v - 1
            assert o["isBlindAppend"] is (modes[v] == "append")
        assert o["timestamp"].endswith("Z")


def test_protocol_matches_describe(deltactl, written):
    table, expected, _, partition_by = written
    latest = max(expected)
    p = DeltaTable(str(table)).protocol()
    d = ddescribe(deltactl, table)
    # A timestamp_ntz column: 3/7 with exactly the timestampNtz features.
    assert (p.min_reader_version, p.min_writer_version) == (3, 7)
    assert sorted(p.reader_features or []) == ["timestampNtz"]
    assert sorted(p.writer_features or []) == ["timestampNtz"]
    dp = d["protocol"]
    assert (dp["minReaderVersion"], dp["minWriterVersion"]) == (p.min_reader_version, p.min_writer_version)
    assert sorted(dp.get("readerFeatures") or []) == sorted(p.reader_features or [])
    assert sorted(dp.get("writerFeatures") or []) == sorted(p.writer_features or [])
    _, _, adds = replay(table, latest)
    assert d["version"] == latest
    assert d["partitionColumns"] == partition_by
    assert d["numFiles"] == len(adds)
    assert d["numRecords"] == len(expected[latest])
    assert d["sizeInBytes"] == sum(a["size"] for a in adds.values())
    assert d["id"] == DeltaTable(str(table)).metadata().id
    # describe --version goes back in time too.
    d0 = ddescribe(deltactl, table, "--version", 0)
    assert d0["version"] == 0 and d0["numRecords"] == len(expected[0])


def test_table_without_timestamp_ntz_is_reader_1_writer_2(deltactl, tmp_path):
    cols = (ID, *[c for c in DATA_COLS if c.ddl != "timestamp_ntz"], *PART_COLS)
    table = tmp_path / "t"
    batch = rows(0, 12, cols)
    res = dwrite(deltactl, table, write_jsonl(tmp_path / "a.jsonl", batch), "--schema", schema_ddl(cols),
                 "--partition-by", "part")
    assert res.version == 0
    p = DeltaTable(str(table)).protocol()
    assert (p.min_reader_version, p.min_writer_version) == (1, 2)
    assert not p.reader_features and not p.writer_features
    assert_same_rows(sorted(batch), deltalake_lines(table), what="deltalake")


def test_create_then_write_adopts_the_schema(deltactl, tmp_path):
    """`deltactl create` makes an empty version 0 that deltalake reads; a JSONL write without
    --schema adopts the table's schema (decimals, dates, binary stay typed)."""
    table = tmp_path / "t"
    out = deltactl.run("create", table, "--schema", schema_ddl(), "--partition-by", "part",
                       "--property", "delta.appendOnly=true", "--name", "events",
                       "--description", "all the types").stdout.strip()
    assert out == f"created table {table} at version 0"
    assert deltalake_lines(table) == []
    m = DeltaTable(str(table)).metadata()
    assert (m.name, m.description, m.partition_columns) == ("events", "all the types", ["part"])
    assert m.configuration.get("delta.appendOnly") == "true"
    batch = rows(0, 10)
    res = dwrite(deltactl, table, write_jsonl(tmp_path / "a.jsonl", batch))
    assert res.version == 1 and res.rows == 10
    assert_same_rows(sorted(batch), deltalake_lines(table), what="deltalake")
    assert pa.schema(DeltaTable(str(table)).schema().to_arrow()).field("d38").type == pa.decimal128(38, 6)

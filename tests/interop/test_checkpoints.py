"""Checkpoints across engines.

- Tables we write (every primitive type, escaping-hostile and null partition values, an
  overwrite) get automatic checkpoints every `delta.checkpointInterval` commits; after the JSON
  commits before the checkpoint are deleted, deltalake and DuckDB's delta extension must read the
  table from our checkpoint, at the latest version and every version after it.
- Tables deltalake writes and checkpoints (`create_checkpoint()`) are read by us likewise,
  after its early commits are deleted; `deltactl describe` names the checkpoint and `deltactl
  history` lists what is left; a version before the checkpoint is an error naming the earliest.
- `deltactl checkpoint` is idempotent, honours `delta.checkpoint.writeStatsAsStruct`, and a
  garbage `_last_checkpoint` changes nothing."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable, write_deltalake

from canonical import assert_same_rows, table_lines
from table_helpers import (ALL_COLS, arrow_table, assert_cli_error, ddescribe, deltalake_lines, dhistory,
                           duckdb_delta, dscan, dwrite, rows, schema_ddl, write_jsonl)

LOG = "_delta_log"


def _log(table) -> list[str]:
    return sorted(p.name for p in (Path(table) / LOG).iterdir())


def _delete_commits_before(table, version: int) -> None:
    for v in range(version):
        (Path(table) / LOG / f"{v:020d}.json").unlink(missing_ok=True)
        (Path(table) / LOG / f"{v:020d}.crc").unlink(missing_ok=True)


def _build_ours(deltactl, tmp_path, partition_by: list[str], commits: int, *create_props: str):
    """`commits` writes (the 5th an overwrite); returns (table, {version: sorted model lines})."""
    table = tmp_path / "t"
    create = ["create", table, "--schema", schema_ddl()]
    if partition_by:
        create += ["--partition-by", ",".join(partition_by)]
    for p in create_props:
        create += ["--property", p]
    deltactl.run(*create)
    model: list[str] = []
    expected = {0: []}
    for n in range(commits):
        batch = rows(n * 7, 7)
        mode = "overwrite" if n == 4 else "append"
        res = dwrite(deltactl, table, write_jsonl(tmp_path / f"in{n}.jsonl", batch), "--mode", mode)
        assert res.version == n + 1
        model = batch if mode == "overwrite" else model + batch
        expected[n + 1] = sorted(model)
    return table, expected


@pytest.mark.parametrize("partition_by", [[], ["part", "pdate"]], ids=["unpartitioned", "partitioned"])
@pytest.mark.parametrize("stats_as_struct", [False, True], ids=["stats-json", "stats-struct"])
def test_they_read_our_checkpoints_after_the_commits_are_gone(deltactl, tmp_path, partition_by, stats_as_struct):
    props = [f"delta.checkpoint.writeStatsAsStruct={'true' if stats_as_struct else 'false'}"]
    table, expected = _build_ours(deltactl, tmp_path, partition_by, 23, *props)
    names = _log(table)
    assert f"{10:020d}.checkpoint.parquet" in names and f"{20:020d}.checkpoint.parquet" in names, names
    last = json.loads((Path(table) / LOG / "_last_checkpoint").read_text())
    assert last["version"] == 20 and last["size"] > 0 and last["numOfAddFiles"] >= 1
    assert "sizeInBytes" in last and "checkpointSchema" in last
    # The checkpoint's own schema is the protocol's.
    ck = pq.ParquetFile(Path(table) / LOG / f"{20:020d}.checkpoint.parquet")
    top = set(ck.schema_arrow.names)
    assert {"add", "remove", "metaData", "protocol", "txn"} <= top, top
    add_fields = {f.name for f in ck.schema_arrow.field("add").type}
    assert {"path", "partitionValues", "size", "modificationTime", "dataChange", "stats"} <= add_fields
    assert ("stats_parsed" in add_fields) == stats_as_struct
    if partition_by:
        assert ("partitionValues_parsed" in add_fields) == stats_as_struct

    _delete_commits_before(table, 20)
    assert_same_rows(expected[23], deltalake_lines(table), "deltalake, latest, from our checkpoint")
    for v in (20, 21, 22):
        assert_same_rows(expected[v], deltalake_lines(table, v), f"deltalake, version {v}")
    assert DeltaTable(str(table)).version() == 23
    con, why = duckdb_delta()
    if con is None:
        pytest.skip(why)
    names = ", ".join(c.name for c in ALL_COLS)
    at = con.sql(f"SELECT {names} FROM delta_scan('{table}')").to_arrow_table()
    assert_same_rows(expected[23], sorted(table_lines(at)), "DuckDB delta_scan from our checkpoint")

def test_we_read_checkpoints_deltalake_writes(deltactl, tmp_path):
    table = tmp_path / "dl"
    model: list[str] = []
    for n in range(6):
        batch = rows(n * 5, 5)
        write_deltalake(str(table), arrow_table(batch), mode="append", partition_by=["part"])
        model += batch
    dt = DeltaTable(str(table))
    dt.create_checkpoint()
    assert f"{5:020d}.checkpoint.parquet" in _log(table)
    batch = rows(100, 4)
    write_deltalake(str(table), arrow_table(batch), mode="append", partition_by=["part"])
    model += batch
    _delete_commits_before(table, 5)
    assert_same_rows(sorted(model), dscan(deltactl, table), "deltactl scan of deltalake's checkpoint")
    d = ddescribe(deltactl, table)
    assert d["version"] == 6
    assert d["checkpoint"]["version"] == 5 and d["checkpoint"]["kind"] == "classic"
    assert [h["version"] for h in dhistory(deltactl, table)] == [6, 5]
    p = deltactl.run("scan", table, "--version", "2", check=False)
    assert_cli_error(p, "earliest available version is 5")
    # And we keep writing on top of it; deltalake reads the result.
    batch = rows(200, 3)
    res = dwrite(deltactl, table, write_jsonl(tmp_path / "more.jsonl", batch))
    assert res.version == 7
    model += batch
    assert_same_rows(sorted(model), deltalake_lines(table), "deltalake after our write")


def test_checkpoint_command(deltactl, tmp_path):
    table, expected = _build_ours(deltactl, tmp_path, ["part"], 3)
    out = deltactl.run("checkpoint", table).stdout
    assert out.startswith("wrote checkpoint of version 3: _delta_log/00000000000000000003.checkpoint.parquet"), out
    again = deltactl.run("checkpoint", table).stdout
    assert again.startswith("found existing checkpoint of version 3"), again
    d = ddescribe(deltactl, table)
    assert d["checkpoint"]["version"] == 3 and d["checkpoint"]["numOfAddFiles"] >= 1
    text = deltactl.run("describe", table).stdout
    assert "checkpoint: version 3, classic" in text, text
    (Path(table) / LOG / "_last_checkpoint").write_text('{"version": 99, "si')
    _delete_commits_before(table, 3)
    assert_same_rows(expected[3], dscan(deltactl, table), "after a torn _last_checkpoint")
    p = deltactl.run("checkpoint", tmp_path / "nothing", check=False)
    assert_cli_error(p, "no delta table")

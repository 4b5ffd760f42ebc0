"""Mixed writers: deltalake and deltactl append to one table in turn and see one consistent
history; exactly-once writes with txn (appId, version), across both engines."""
from __future__ import annotations

from deltalake import CommitProperties, DeltaTable, Transaction, write_deltalake

from canonical import assert_same_rows
from table_helpers import (ALL_COLS, arrow_table, deltalake_lines, dhistory, dscan, dwrite, log_versions,
                           rows, schema_ddl, write_jsonl)

ROUNDS = 5


def test_alternating_appends_share_one_history(deltactl, tmp_path):
    table = tmp_path / "t"
    model = rows(0, 10)
    res = dwrite(deltactl, table, write_jsonl(tmp_path / "c.jsonl", model), "--schema", schema_ddl(),
                 "--partition-by", "part")
    assert res.version == 0
    version = 0
    for r in range(ROUNDS):
        theirs = rows(1000 + 100 * r, 7)
        write_deltalake(str(table), arrow_table(theirs), mode="append")
        version += 1
        assert DeltaTable(str(table)).version() == version, f"round {r}: deltalake's append"
        ours = rows(2000 + 100 * r, 6)
        res = dwrite(deltactl, table, write_jsonl(tmp_path / f"o{r}.jsonl", ours))
        version += 1
        assert res.version == version, f"round {r}: deltactl committed {res.version}, expected {version}"
        assert DeltaTable(str(table)).version() == version
        model += theirs + ours
        # Both read the same rows, each exactly once, after every round.
        assert_same_rows(sorted(model), deltalake_lines(table), what=f"deltalake after round {r}")
        assert_same_rows(sorted(model), dscan(deltactl, table), what=f"deltactl after round {r}")
    assert log_versions(table) == list(range(2 * ROUNDS + 1))
    ids = [int(x.split(",", 1)[0].split(":")[1]) for x in dscan(deltactl, table)]
    assert len(ids) == len(set(ids)) == len(model)
    hist = DeltaTable(str(table)).history()
    ours = dhistory(deltactl, table)
    assert [h["version"] for h in hist] == [o["version"] for o in ours] == list(range(2 * ROUNDS, -1, -1))
    assert [h["operation"] for h in hist] == [o["operation"] for o in ours]
    # Every version in between reads the same with both.
    for v in range(2 * ROUNDS + 1):
        assert_same_rows(deltalake_lines(table, v), dscan(deltactl, table, "--version", v), what=f"v{v}")


def test_same_app_version_is_written_once(deltactl, tmp_path):
    table = tmp_path / "t"
    first = rows(0, 10)
    src = write_jsonl(tmp_path / "a.jsonl", first)
    res = dwrite(deltactl, table, src, "--schema", schema_ddl(), "--app-id", "a", "--app-version", 1)
    assert res.version == 0 and res.skipped is None
    again = dwrite(deltactl, table, src, "--app-id", "a", "--app-version", 1)
    assert again.skipped is not None and again.version is None, "the re-run of (a, 1) must be skipped"
    assert log_versions(table) == [0]
    assert_same_rows(sorted(first), dscan(deltactl, table), what="after the skipped re-run")
    assert DeltaTable(str(table)).transaction_version("a") == 1, "deltalake sees txn (a, 1)"

    second = rows(100, 5)
    res = dwrite(deltactl, table, write_jsonl(tmp_path / "b.jsonl", second), "--app-id", "a", "--app-version", 2)
    assert res.version == 1 and res.rows == 5
    assert DeltaTable(str(table)).transaction_version("a") == 2
    # An older app-version after a newer one is skipped too; another app id is independent.
    assert dwrite(deltactl, table, src, "--app-id", "a", "--app-version", 1).skipped is not None
    third = rows(200, 3)
    res = dwrite(deltactl, table, write_jsonl(tmp_path / "c.jsonl", third), "--app-id", "b", "--app-version", 1)
    assert res.version == 2
    assert log_versions(table) == [0, 1, 2]
    assert_same_rows(sorted(first + second + third), dscan(deltactl, table), what="deltactl")
    assert_same_rows(sorted(first + second + third), deltalake_lines(table), what="deltalake")


def test_txn_written_by_deltalake_is_honoured(deltactl, tmp_path):
    table = str(tmp_path / "t")
    first = rows(0, 8)
    write_deltalake(table, arrow_table(first),
                    commit_properties=CommitProperties(app_transactions=[Transaction(app_id="etl", version=5)]))
    src = write_jsonl(tmp_path / "a.jsonl", rows(50, 4))
    assert dwrite(deltactl, table, src, "--app-id", "etl", "--app-version", 5).skipped is not None
    assert dwrite(deltactl, table, src, "--app-id", "etl", "--app-version", 4).skipped is not None
    res = dwrite(deltactl, table, src, "--app-id", "etl", "--app-version", 6)
    assert res.version == 1
    assert DeltaTable(table).transaction_version("etl") == 6
    assert_same_rows(sorted(first + rows(50, 4)), deltalake_lines(table), what="deltalake")
    assert [c.name for c in ALL_COLS] == [f.name for f in DeltaTable(table).schema().fields]

"""Golden tables of the conformance pack (../shared/conformance, README.md) against
spec/conformance.md: one test per table of golden/ re-derives the table's row — `deltactl scan`
of every version the pack lists compared with its compare.py, expected errors held to the error
contract, `deltactl files` compared with table.json's active files, unsupported features refused
by name (tests/interop/conformance.py) — and asserts it equals the committed row. No table may be
FAIL; every entry of golden/ must have a row. After a deliberate change in behaviour, regenerate
the spec with `.venv/bin/python tests/interop/conformance.py --write` and review its diff.

Also here: the CLI tests of `deltactl files`."""
from __future__ import annotations

import json

import pytest

import conformance as conf
from table_helpers import assert_cli_error

TABLES = conf.golden_tables()
BY_NAME = {t.name: t for t in TABLES}
pytestmark = pytest.mark.skipif(not conf.EXPECTED.is_dir(), reason=f"conformance pack not found at {conf.PACK}")


@pytest.fixture(scope="session")
def observations(deltactl, request) -> dict[str, list[conf.Outcome]]:
    """Outcomes of the golden tables this session selected (all when a whole-pack test runs),
    observed concurrently once."""
    names = {item.callspec.params["name"] for item in request.session.items
             if hasattr(item, "callspec") and "name" in item.callspec.params
             and item.module.__name__ == __name__}
    if any(item.name.startswith("test_spec_header") for item in request.session.items):
        names = set(BY_NAME)
    return conf.observe(deltactl.path, [BY_NAME[n] for n in sorted(names)])


@pytest.fixture(scope="session")
def spec() -> tuple[str, dict[str, str]]:
    assert conf.SPEC.is_file(), f"{conf.SPEC} is missing: run tests/interop/conformance.py --write"
    return conf.parse_spec(conf.SPEC.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [t.name for t in TABLES])
def test_golden_table_matches_its_spec_row(observations, spec, name):
    table = BY_NAME[name]
    outcomes = observations[name]
    derived = conf.row(table, outcomes)
    status = conf.status(outcomes)
    assert not status.startswith("FAIL"), f"{name}: {status}"
    committed = spec[1].get(name)
    assert committed is not None, f"spec/conformance.md has no row for {name}; derived:\n{derived}"
    assert derived == committed, f"{name}: spec row\n  {committed}\nbut derived\n  {derived}"


def test_spec_lists_every_golden_table_once(spec):
    assert sorted(spec[1]) == sorted(BY_NAME), (
        f"missing from the spec: {sorted(set(BY_NAME) - set(spec[1]))}; "
        f"not in golden/: {sorted(set(spec[1]) - set(BY_NAME))}")
    assert len(TABLES) > 100


def test_spec_header_counts_are_right(observations, spec):
    statuses = {name: conf.status(o) for name, o in observations.items()}
    assert conf.render_header(TABLES, statuses) == spec[0]


def test_only_unsupported_features_are_rejected(spec):
    """A rejection must name a protocol feature we do not support, never hide a bug."""
    from_spec = {name: conf.status_of_row(line) for name, line in spec[1].items()}
    allowed = ("reader feature 'columnMapping'", "reader feature 'deletionVectors'",
               "reader feature 'typeWidening-preview'", "reader feature 'variantType-preview'",
               "reader version 99")
    for name, status in from_spec.items():
        if status.startswith("rejected: ") or status.startswith("pass except "):
            feature = status.split(": ", 1)[1]
            assert feature in allowed, f"{name}: {status}"


# ----------------------------------------------------------------------------- deltactl files

def test_files_lists_the_snapshot_of_a_log_only_table_through_its_checkpoint(deltactl):
    """`checkpoint`: 15 fake files, each commit removing the previous one; checkpoint at 10."""
    r = deltactl.run("files", conf.TABLES / "checkpoint")
    assert r.stdout == ("path  size  modificationTime  partitionValues  deletionVector\n"
                        "----  ----  ----------------  ---------------  --------------\n"
                        "15       1                 1                   null\n")
    assert r.stderr == ""
    r = deltactl.run("files", conf.TABLES / "checkpoint", "--version", 11, "--format", "jsonl")
    assert [json.loads(x) for x in r.stdout.splitlines()] == [
        {"path": "12", "size": 1, "modificationTime": 1, "partitionValues": {}, "deletionVector": None}]


def test_files_jsonl_keeps_the_readded_files_new_modification_time(deltactl):
    path = conf.TABLES / "delete-re-add-same-file-different-transactions"
    lines = deltactl.run("files", path, "--version", 3, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x) for x in lines] == [
        {"path": "bar", "size": 1, "modificationTime": 1697064972263, "partitionValues": {}, "deletionVector": None},
        {"path": "foo", "size": 1, "modificationTime": 1700000000000, "partitionValues": {}, "deletionVector": None}]
    assert deltactl.run("files", path, "--version", 1, "--format", "jsonl").stdout == ""


def test_files_prints_partition_values_in_table_order_with_null_for_the_default_partition(deltactl):
    path = conf.TABLES / "data-reader-partition-values"
    files = [json.loads(x) for x in deltactl.run("files", path, "--format", "jsonl").stdout.splitlines()]
    columns = ["as_int", "as_long", "as_byte", "as_short", "as_boolean", "as_float", "as_double", "as_string",
               "as_string_lit_null", "as_date", "as_timestamp", "as_big_decimal"]
    assert len(files) == 3
    assert all(list(f["partitionValues"]) == columns for f in files)
    nulls = [f for f in files if f["path"].startswith("as_int=__HIVE_DEFAULT_PARTITION__/")]
    assert len(nulls) == 1 and set(nulls[0]["partitionValues"].values()) == {None}
    zero = next(f for f in files if f["path"].startswith("as_int=0/"))
    assert zero["partitionValues"]["as_string_lit_null"] == "null"      # the string, not a null
    assert zero["partitionValues"]["as_timestamp"] == "2021-09-08 11:11:11"
    assert zero["size"] == 1944 and zero["deletionVector"] is None


def test_files_errors(deltactl):
    assert_cli_error(deltactl.run("files", conf.TABLES / "data-reader-partition-values", "--version", 5, check=False),
                     "version 5 does not exist")
    assert_cli_error(deltactl.run("files", conf.TABLES / "no-delta-log-folder", check=False), "no Delta table")
    assert_cli_error(deltactl.run("files", conf.TABLES / "dv-with-columnmapping", check=False),
                     "reader feature 'deletionVectors'", code=4)
    r = deltactl.run("files", conf.TABLES / "checkpoint", "--version", 1, "--timestamp", "2020-01-01", check=False)
    assert r.returncode == 2 and r.stderr.startswith("deltactl: error: give --version or --timestamp")

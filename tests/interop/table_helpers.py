"""Helpers for the Delta TABLE interop tests (test_tables_*.py, test_concurrency.py,
test_golden_tables.py): test data of every primitive type in canonical form, `deltactl` table
commands and their output, independent readers (deltalake, DuckDB's delta extension, pyarrow on
the data files plus our own replay of the JSON log).

Run as a script it is a stand-in for the `deltactl` TABLE commands built on deltalake, to test the
tests themselves (fake_deltactl.py does the same for `deltactl parquet`):

    DELTACTL=tests/interop/table_helpers.py .venv/bin/pytest -q tests/interop/test_tables_*.py \
        tests/interop/test_concurrency.py tests/interop/test_golden_tables.py

Every test must pass against it (except where deltalake itself differs from the contract, which
the tests name), so a failure against the real deltactl is the Swift side's, not the harness's.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import uuid
import subprocess
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyarrow as pa  # noqa: E402

from canonical import jstr, table_lines  # noqa: E402
from cases import TypeCase  # noqa: E402

# ----------------------------------------------------------------------------- test data

@dataclass(frozen=True)
class Col:
    name: str
    ddl: str
    arrow: pa.DataType
    values: tuple[str, ...]   # canonical JSON texts, cycled through by `rows()`; `null` included


_TS = ("2024-03-01T09:30:00.123456", "1969-12-31T23:59:59.999999", "0001-01-01T00:00:00.000000",
       "9999-12-31T23:59:59.999999", "2000-02-29T12:00:00.000001")

# Every primitive Delta type. The values are chosen so that a wrong byte order, width, scale,
# epoch, zone or escaping shows.
DATA_COLS: tuple[Col, ...] = (
    Col("b", "boolean", pa.bool_(), ("true", "false", "null")),
    Col("i8", "byte", pa.int8(), ("-128", "127", "0", "null", "5")),
    Col("i16", "short", pa.int16(), ("-32768", "32767", "null", "7")),
    Col("i32", "integer", pa.int32(), ("-2147483648", "2147483647", "0", "null", "42")),
    Col("i64", "long", pa.int64(), ("-9223372036854775808", "9223372036854775807", "null",
                                    "1700000000000", "-1")),
    Col("f32", "float", pa.float32(), ("1.5", "-0.0", "0.1", "3.4028235e+38", '"NaN"', '"Infinity"',
                                       "null", "16777216.0")),
    Col("f64", "double", pa.float64(), ("0.1", "-2.5", "1.7976931348623157e+308", "5e-324",
                                        '"-Infinity"', '"NaN"', "null")),
    Col("d10", "decimal(10,2)", pa.decimal128(10, 2), ('"99999999.99"', '"-0.50"', '"0.00"', "null",
                                                       '"12.34"')),
    Col("d38", "decimal(38,6)", pa.decimal128(38, 6),
        ('"99999999999999999999999999999999.999999"', '"-1.000000"', "null", '"0.000001"',
         '"-99999999999999999999999999999999.999999"')),
    Col("s", "string", pa.string(), ('""', '"héllo"', '"日本語 😀"', r'"q\"b\\c"', r'"line\nbreak"',
                                     "null", json.dumps("x" * 100))),
    Col("bin", "binary", pa.binary(), ('""', '"AP8="', '"YWJj"', "null",
                                       json.dumps(base64.b64encode(bytes(range(256))).decode()))),
    Col("dt", "date", pa.date32(), ('"1970-01-01"', '"1969-12-31"', '"0001-01-01"', '"9999-12-31"',
                                    '"2024-02-29"', "null")),
    Col("ts", "timestamp", pa.timestamp("us", tz="UTC"), tuple(json.dumps(t + "Z") for t in _TS) + ("null",)),
    Col("tsntz", "timestamp_ntz", pa.timestamp("us"), ("null",) + tuple(json.dumps(t) for t in _TS)),
)

# Partition columns: strings that need escaping in a directory name, unicode, null.
PART_COLS: tuple[Col, ...] = (
    Col("part", "string", pa.string(), ('"plain"', '"with space"', '"a/b"', '"k=v"', '"100%"',
                                        '"ünï 😀"', "null", '"%2F literal"')),
    Col("pdate", "date", pa.date32(), ('"2024-01-03"', '"1999-12-31"', "null")),
)

ID = Col("id", "long", pa.int64(), ())
ALL_COLS: tuple[Col, ...] = (ID, *DATA_COLS, *PART_COLS)


def schema_ddl(cols=ALL_COLS) -> str:
    return ", ".join(f"{c.name} {c.ddl}" + (" not null" if c.name == "id" else "") for c in cols)


def row_values(i: int, cols=ALL_COLS) -> dict[str, str]:
    """Row `i` as column → canonical JSON text. Column k cycles through its values with stride 7
    offset k, so that rows combine values differently."""
    out = {}
    for k, c in enumerate(cols):
        out[c.name] = str(i) if c.name == "id" else c.values[(i * 7 + k) % len(c.values)]
    return out


def line(values: dict[str, str], cols=ALL_COLS) -> str:
    return "{" + ",".join(jstr(c.name) + ":" + values[c.name] for c in cols) + "}"


def rows(start: int, n: int, cols=ALL_COLS) -> list[str]:
    """Canonical lines for ids start..start+n-1 (the JSONL we write is exactly these lines)."""
    return [line(row_values(i, cols), cols) for i in range(start, start + n)]


def arrow_table(lines: list[str], cols=ALL_COLS) -> pa.Table:
    """The canonical `lines` as an Arrow table of the columns' types (for deltalake to write)."""
    parsed = [json.loads(x) for x in lines]
    arrays, fields = [], []
    for c in cols:
        texts = [json.dumps(r[c.name], ensure_ascii=False) for r in parsed]
        arrays.append(TypeCase(c.ddl, c.arrow, "", ()).arrow_array(texts))
        fields.append(pa.field(c.name, c.arrow, nullable=c.name != "id"))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- deltactl output

COMMITTED = re.compile(r"^committed version (\d+): (\d+) rows? in (\d+) files?$")


@dataclass(frozen=True)
class WriteResult:
    version: int | None      # None when skipped
    rows: int
    files: int
    skipped: str | None      # the reason after "skipped: "


def parse_write(stdout: str) -> WriteResult:
    text = stdout.strip()
    m = COMMITTED.match(text)
    if m:
        return WriteResult(int(m[1]), int(m[2]), int(m[3]), None)
    if text.startswith("skipped: "):
        return WriteResult(None, 0, 0, text[len("skipped: "):])
    raise AssertionError(f"`deltactl write` printed neither 'committed version V: R rows in F files' "
                         f"nor 'skipped: <reason>': {stdout!r}")


def dwrite(deltactl, table, src: Path, *args) -> WriteResult:
    return parse_write(deltactl.run("write", table, "--from", src, *args).stdout)


def dscan(deltactl, table, *args) -> list[str]:
    """`deltactl scan --format jsonl` lines, sorted."""
    return sorted(deltactl.run("scan", table, "--format", "jsonl", *args).stdout.splitlines())


def dhistory(deltactl, table, *args) -> list[dict]:
    out = deltactl.run("history", table, "--format", "json", *args).stdout
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def ddescribe(deltactl, table, *args) -> dict:
    return json.loads(deltactl.run("describe", table, "--format", "json", *args).stdout)


def assert_cli_error(p: subprocess.CompletedProcess, *needles: str, code: int = 1) -> None:
    """The error contract: exit `code`, one line on stderr `deltactl: error: …`, containing
    every needle (case-insensitive)."""
    err = p.stderr.strip()
    assert p.returncode == code, f"exit {p.returncode} (want {code}); stderr: {err!r}"
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("deltactl: error: "), f"stderr: {err!r}"
    for n in needles:
        assert n.lower() in err.lower(), f"stderr does not mention {n!r}: {err!r}"


# ----------------------------------------------------------------------------- other readers

def deltalake_lines(path, version: int | None = None) -> list[str]:
    """deltalake's read of `path` at `version`, canonical, columns in schema order, sorted."""
    from deltalake import DeltaTable
    t = DeltaTable(str(path), version=version)
    names = [f.name for f in t.schema().fields]
    return sorted(table_lines(pa.table(t.to_pyarrow_table()).select(names)))


def duckdb_delta():
    """A DuckDB connection with the delta extension loaded offline (the duckdb-ext-delta package
    ships it), TimeZone UTC; or (None, reason)."""
    import duckdb
    try:
        import duckdb_ext  # namespace package from duckdb-ext-delta
        base = Path(list(duckdb_ext.__path__)[0]) / "extensions"
    except ImportError:
        return None, "the duckdb-ext-delta package is not installed (tests/interop/requirements.txt)"
    con = duckdb.connect()
    try:
        con.execute(f"SET extension_directory='{base}'")
        con.execute("SET autoinstall_known_extensions=false")
        con.execute("LOAD delta")
    except Exception as e:  # noqa: BLE001
        return None, f"DuckDB {duckdb.__version__} cannot load the delta extension from {base} offline: {e}"
    con.execute("SET TimeZone='UTC'")
    return con, ""


def commit_path(table, version: int) -> Path:
    return Path(table) / "_delta_log" / f"{version:020d}.json"


def commit_actions(table, version: int) -> list[dict]:
    text = commit_path(table, version).read_text(encoding="utf-8")
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def log_versions(table) -> list[int]:
    return sorted(int(p.name[:20]) for p in (Path(table) / "_delta_log").iterdir()
                  if re.fullmatch(r"\d{20}\.json", p.name))


def replay(table, version: int) -> tuple[dict, dict, dict[str, dict]]:
    """Our own replay of JSON commits 0..version (no checkpoints): (protocol, metaData, active adds
    keyed by decoded path)."""
    protocol, meta, adds = {}, {}, {}
    for v in range(version + 1):
        for a in commit_actions(table, v):
            if "protocol" in a:
                protocol = a["protocol"]
            elif "metaData" in a:
                meta = a["metaData"]
            elif "add" in a:
                adds[urllib.parse.unquote(a["add"]["path"])] = a["add"]
            elif "remove" in a:
                adds.pop(urllib.parse.unquote(a["remove"]["path"]), None)
    return protocol, meta, adds


def partition_value_json(text: str | None, ddl: str) -> str:
    """A partitionValues string (Delta's serialized form) as canonical JSON text."""
    if text is None:
        return "null"
    if ddl == "string":
        return jstr(text)
    if ddl == "date":
        return jstr(dt.date.fromisoformat(text).isoformat())
    if ddl in ("byte", "short", "integer", "long"):
        return str(int(text))
    if ddl == "boolean":
        return "true" if text == "true" else "false"
    raise ValueError(f"no partition-value conversion for {ddl}")


# ----------------------------------------------------------------------------- fake deltactl

_SUPPORTED_READER_FEATURES = {"timestampNtz", "vacuumProtocolCheck"}


def _fake_schema(text: str) -> pa.Schema:
    from fake_deltactl import parse_schema
    return parse_schema(text)


class _FakeUnsupported(ValueError):
    """A protocol feature the stand-in refuses: exit 4, as deltactl's unsupportedFeature."""


def _fake_check_protocol(dtab) -> None:
    p = dtab.protocol()
    if p.min_reader_version == 2:
        raise _FakeUnsupported("unsupportedFeature: table needs reader version 2 (feature 'columnMapping')")
    for f in p.reader_features or []:
        if f not in _SUPPORTED_READER_FEATURES:
            raise _FakeUnsupported(f"unsupportedFeature: table has reader feature '{f}' which this version cannot read")


def _fake_main(argv: list[str]) -> None:  # noqa: C901 — a stand-in, one branch per command
    from deltalake import CommitProperties, DeltaTable, Transaction, WriterProperties, write_deltalake
    cmd, table, rest = argv[0], argv[1], argv[2:]
    opts: dict[str, list[str]] = {}
    i = 0
    while i < len(rest):
        opts.setdefault(rest[i], []).append(rest[i + 1])
        i += 2
    one = {k: v[-1] for k, v in opts.items()}
    if cmd == "create":
        schema = _fake_schema(one["--schema"])
        conf = dict(kv.split("=", 1) for kv in opts.get("--property", []))
        parts = one["--partition-by"].split(",") if "--partition-by" in one else None
        DeltaTable.create(table, schema, partition_by=parts, configuration=conf or None,
                          name=one.get("--name"), description=one.get("--description"))
        print(f"created table {table} at version 0")
    elif cmd == "write":
        src = one["--from"]
        exists = DeltaTable.is_deltatable(table)
        if "--schema" in one:
            schema = _fake_schema(one["--schema"])
        elif exists:
            schema = pa.schema(DeltaTable(table).schema().to_arrow())
        else:
            raise ValueError("the table does not exist: give --schema")
        lines = Path(src).read_text(encoding="utf-8").splitlines()
        cols = tuple(Col(f.name, "", f.type, ()) for f in schema)
        data = arrow_table([x for x in lines if x.strip()], cols).cast(schema)
        mode = one.get("--mode", "append")
        if mode == "error" and exists:
            raise ValueError(f"tableExists: a table already exists at {table}")
        if mode == "ignore" and exists:
            print("skipped: the table exists (mode ignore)")
            return
        marker = str(uuid.uuid4())
        txns = []
        if "--app-id" in one:
            app, ver = one["--app-id"], int(one["--app-version"])
            done = DeltaTable(table).transaction_version(app) if exists else None
            if done is not None and done >= ver:
                print(f"skipped: app {app} already committed version {done}")
                return
            txns = [Transaction(app_id=app, version=ver)]
        props = CommitProperties(custom_metadata={"fakeWriteId": marker}, app_transactions=txns or None)
        parts = one["--partition-by"].split(",") if "--partition-by" in one else None
        for attempt in range(200):
            try:
                write_deltalake(table, data, mode=("error" if mode == "error" else
                                                   "overwrite" if mode == "overwrite" else "append"),
                                partition_by=parts if not exists else None, commit_properties=props,
                                writer_properties=WriterProperties(compression="ZSTD"))
                break
            except Exception as e:  # noqa: BLE001 — delta-rs's own retries ran out: try again
                text = str(e).lower()
                if mode == "error" or attempt == 199 or ("conflict" not in text and "exist" not in text):
                    raise
                exists = True
        for v in reversed(log_versions(table)):
            acts = commit_actions(table, v)
            if any(a.get("commitInfo", {}).get("fakeWriteId") == marker for a in acts):
                files = sum(1 for a in acts if "add" in a)
                print(f"committed version {v}: {data.num_rows} rows in {files} files")
                return
        raise ValueError("could not find my commit")
    elif cmd == "scan":
        ver = int(one["--version"]) if "--version" in one else None
        dtab = DeltaTable(table, version=ver)
        _fake_check_protocol(dtab)
        names = [f.name for f in dtab.schema().fields]
        t = pa.table(dtab.to_pyarrow_table()).select(names)
        if "--where" in one:
            import duckdb
            con = duckdb.connect()
            con.execute("SET TimeZone='UTC'")
            con.register("t", t)
            t = con.sql(f"SELECT * FROM t WHERE {one['--where']}").to_arrow_table()
        if "--columns" in one:
            t = t.select(one["--columns"].split(","))
        out = table_lines(t)
        if "--limit" in one:
            out = out[: int(one["--limit"])]
        sys.stdout.write("".join(x + "\n" for x in out))
    elif cmd == "history":
        dtab = DeltaTable(table)
        for h in dtab.history(int(one["--limit"]) if "--limit" in one else None):
            ts = dt.datetime.fromtimestamp(h["timestamp"] / 1000, dt.timezone.utc)
            print(json.dumps({
                "version": h["version"], "timestamp": ts.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
                "operation": h.get("operation"), "operationParameters": h.get("operationParameters", {}),
                # delta-rs writes neither readVersion nor isBlindAppend: the stand-in derives them.
                "readVersion": h.get("readVersion", h["version"] - 1 if h["version"] else None),
                "isolationLevel": h.get("isolationLevel"),
                "isBlindAppend": h.get("isBlindAppend",
                                       h.get("operationParameters", {}).get("mode") == "Append"), "operationMetrics": h.get("operationMetrics", {}),
                "engineInfo": h.get("engineInfo")}))
    elif cmd == "describe":
        ver = int(one["--version"]) if "--version" in one else None
        dtab = DeltaTable(table, version=ver)
        p, m = dtab.protocol(), dtab.metadata()
        _, meta, adds = replay(table, dtab.version())
        recs = sum(json.loads(a["stats"])["numRecords"] for a in adds.values())
        print(json.dumps({
            "path": table, "version": dtab.version(), "id": m.id, "name": m.name,
            "description": m.description, "schema": json.loads(meta["schemaString"]),
            "partitionColumns": m.partition_columns,
            "protocol": {"minReaderVersion": p.min_reader_version, "minWriterVersion": p.min_writer_version,
                         "readerFeatures": p.reader_features, "writerFeatures": p.writer_features},
            "properties": m.configuration, "numFiles": len(adds),
            "sizeInBytes": sum(a["size"] for a in adds.values()), "numRecords": recs}))
    else:
        raise ValueError(f"unknown command {cmd}")


if __name__ == "__main__":
    try:
        _fake_main(sys.argv[1:])
    except Exception as e:  # noqa: BLE001 — one line, exit 1 (4 unsupported): the CLI error contract
        unsupported = isinstance(e, _FakeUnsupported)
        msg = (str(e) if unsupported else f"{type(e).__name__}: {e}").replace("\n", " ")
        print(f"deltactl: error: {msg}", file=sys.stderr)
        sys.stderr.flush()
        os._exit(4 if unsupported else 1)
    # deltalake's runtime threads sometimes abort at interpreter exit ("terminate called
    # without an active exception"): leave without running the exit handlers.
    sys.stdout.flush()
    os._exit(0)

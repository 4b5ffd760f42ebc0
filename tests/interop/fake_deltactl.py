#!/usr/bin/env python3
"""A stand-in for `deltactl parquet ...` built on pyarrow, to test the interop tests themselves:

    DELTACTL=tests/interop/fake_deltactl.py .venv/bin/pytest -q tests/interop

Every test must pass against it (it is correct by construction for what pyarrow supports), so a
failure against the real deltactl is the Swift side's, not the harness's. Implements: schema,
cat (jsonl only, --columns, --limit), convert (.jsonl input, --schema, --codec, --no-dictionary,
--row-group-rows). Errors: one line on stderr; exit 2 for a usage error, 4 for a file pyarrow
cannot read as Parquet, 1 otherwise (deltactl's exit codes, README "Exit codes").
"""
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from canonical import int96_columns, table_lines  # noqa: E402
from cases import TypeCase  # noqa: E402

DDL = {"boolean": pa.bool_(), "byte": pa.int8(), "short": pa.int16(), "integer": pa.int32(),
       "int": pa.int32(), "long": pa.int64(), "float": pa.float32(), "double": pa.float64(),
       "string": pa.string(), "binary": pa.binary(), "date": pa.date32(),
       "timestamp": pa.timestamp("us", tz="UTC"), "timestamp_ntz": pa.timestamp("us")}


def delta_type(t):
    for k, v in DDL.items():
        if v == t and k != "int":
            return k
    if pa.types.is_decimal(t):
        return f"decimal({t.precision},{t.scale})"
    if pa.types.is_timestamp(t):
        return "timestamp" if t.tz else "timestamp_ntz"
    return str(t)


def parse_schema(text):
    fields = []
    for part in re.split(r",\s*(?![^()]*\))", text):
        m = re.fullmatch(r"\s*(\S+)\s+(\w+(?:\(\d+,\s*\d+\))?)(\s+not\s+null)?\s*", part, re.I)
        if not m:
            raise ValueError(f"bad schema field: {part!r}")
        name, ty, nn = m.groups()
        dm = re.fullmatch(r"decimal\((\d+),\s*(\d+)\)", ty)
        t = pa.decimal128(int(dm[1]), int(dm[2])) if dm else DDL[ty.lower()]
        fields.append(pa.field(name, t, nullable=not nn))
    return pa.schema(fields)


class Usage(ValueError):
    """A command-line error: exit 2."""


class Corrupt(ValueError):
    """An input pyarrow cannot read as Parquet: exit 4."""


OPTIONS = {"--columns", "--limit", "--format", "--schema", "--codec", "--row-group-rows", "--page-bytes"}
FLAGS = {"--no-dictionary", "--no-statistics"}


def parquet_file(path):
    try:
        return pq.ParquetFile(path)
    except FileNotFoundError:
        raise
    except (pa.ArrowException, OSError) as e:
        raise Corrupt(f"{path}: {e}") from e


def main(argv):
    if argv[:1] != ["parquet"] or len(argv) < 3:
        raise Usage("usage: parquet schema|cat|stats|convert ...")
    cmd, rest = argv[1], argv[2:]
    opts, pos = {}, []
    i = 0
    while i < len(rest):
        a = rest[i]
        if a in FLAGS:
            opts[a] = True
        elif a in OPTIONS:
            if i + 1 >= len(rest):
                raise Usage(f"missing value for {a}")
            opts[a] = rest[i + 1]
            i += 1
        elif a.startswith("--"):
            raise Usage(f"unknown option {a}")
        else:
            pos.append(a)
        i += 1
    if not pos:
        raise Usage("missing the file argument")
    if cmd == "schema":
        pf = parquet_file(pos[0])
        for f in pf.schema_arrow:
            print(f"{f.name} {delta_type(f.type)}{'' if f.nullable else ' not null'}")
    elif cmd == "cat":
        pf = parquet_file(pos[0])
        t = pq.read_table(pos[0], coerce_int96_timestamp_unit="us")
        if "--columns" in opts:
            t = t.select(opts["--columns"].split(","))
        lines = table_lines(t, int96_columns(pf))
        if "--limit" in opts:
            lines = lines[: int(opts["--limit"])]
        sys.stdout.write("".join(line + "\n" for line in lines))
    elif cmd == "stats":
        md = parquet_file(pos[0]).metadata
        cols = [md.schema.column(i).name for i in range(md.num_columns)]
        doc = {"rows": md.num_rows, "row_groups": md.num_row_groups, "columns": cols}
        print(json.dumps(doc) if opts.get("--format") == "json" else "\n".join(cols))
    elif cmd == "convert":
        src = pos[0]
        if src.endswith(".parquet"):
            table = pq.read_table(src)
        elif src.endswith(".csv"):
            import pyarrow.csv as pcsv
            schema = parse_schema(opts["--schema"])
            table = pcsv.read_csv(src, convert_options=pcsv.ConvertOptions(
                column_types={f.name: f.type for f in schema})).cast(schema)
        else:
            schema = parse_schema(opts["--schema"])
            rows = [json.loads(line) for line in Path(src).read_text().splitlines()]
            cols = []
            for f in schema:
                if any(not isinstance(r.get(f.name), (str, type(None))) for r in rows) and (
                        pa.types.is_string(f.type)):
                    raise ValueError(f"column {f.name}: not a string")
                case = TypeCase("", f.type, "", ())
                cols.append(case.arrow_array([json.dumps(r.get(f.name)) for r in rows]))
            table = pa.table(cols, schema=schema)
        codec = {"lz4_raw": "lz4"}.get(opts.get("--codec", "zstd"), opts.get("--codec", "zstd"))
        pq.write_table(table, pos[1], compression=codec, use_dictionary="--no-dictionary" not in opts,
                       row_group_size=int(opts.get("--row-group-rows", 1 << 20)))
    else:
        raise ValueError(f"unknown command {cmd}")


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Exception as e:  # one line, nonzero exit: the CLI error contract
        print(f"error: {' '.join(sys.argv[1:4])}: {type(e).__name__}: {e}".replace("\n", " "), file=sys.stderr)
        sys.exit(2 if isinstance(e, Usage) else 4 if isinstance(e, Corrupt) else 1)

"""(a) We write, they read: `deltactl parquet convert` of canonical JSONL, for every flat type ×
codec × dictionary on/off, read back by pyarrow and DuckDB and compared value for value."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from canonical import assert_same_rows, table_lines
from cases import TYPES

CODECS = {"zstd": "ZSTD", "snappy": "SNAPPY", "gzip": "GZIP", "lz4_raw": "LZ4_RAW", "none": "UNCOMPRESSED"}
DICT_ENCODINGS = {"PLAIN_DICTIONARY", "RLE_DICTIONARY"}


def convert(deltactl, tmp_path, tname, *extra):
    case = TYPES[tname]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(r + "\n" for r in case.rows()), encoding="utf-8")
    out = tmp_path / "out.parquet"
    deltactl.run("parquet", "convert", src, out, "--schema", f"id long not null, v {case.ddl}", *extra)
    return case, out


def duckdb_conn():
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    return con


def check_read_back(case, out):
    # pyarrow: logical types, nullability, values.
    pf = pq.ParquetFile(out)
    schema = pf.schema_arrow
    assert schema.names == ["id", "v"]
    assert schema.field("id").type == pa.int64() and not schema.field("id").nullable
    assert schema.field("v").type == case.arrow, f"pyarrow reads v as {schema.field('v').type}"
    assert schema.field("v").nullable
    assert pf.metadata.num_rows == len(case.rows())
    assert_same_rows(case.rows(), table_lines(pq.read_table(out)), what="pyarrow")

    # DuckDB: its own Parquet reader, handed over as Arrow.
    con = duckdb_conn()
    types = dict((r[0], r[1]) for r in con.execute(
        "DESCRIBE SELECT * FROM read_parquet(?)", [str(out)]).fetchall())
    assert types == {"id": "BIGINT", "v": case.duckdb}
    at = con.sql(f"SELECT * FROM read_parquet('{out}')").to_arrow_table()
    assert_same_rows(case.rows(), table_lines(at), what="duckdb")
    return con


@pytest.mark.parametrize("dictionary", [True, False], ids=["dict", "nodict"])
@pytest.mark.parametrize("codec", list(CODECS))
@pytest.mark.parametrize("tname", list(TYPES))
def test_we_write_they_read(deltactl, tmp_path, tname, codec, dictionary):
    case, out = convert(deltactl, tmp_path, tname, "--codec", codec,
                        *([] if dictionary else ["--no-dictionary"]))
    con = check_read_back(case, out)

    # Codec and dictionary as asked, per column chunk (DuckDB names the Thrift codec exactly;
    # pyarrow shows LZ4_RAW as "LZ4").
    meta = con.execute("SELECT path_in_schema, compression, encodings FROM parquet_metadata(?)",
                       [str(out)]).fetchall()
    assert meta, "no column chunks"
    for path, compression, encodings in meta:
        assert compression == CODECS[codec], f"{path}: {compression}"
        used = {e.strip() for e in encodings.split(",")} & DICT_ENCODINGS
        if not dictionary:
            assert not used, f"{path} is dictionary-encoded with --no-dictionary: {encodings}"
        elif path == "v" and tname != "boolean":
            # Every value repeats three times: a dictionary is what the option asks for.
            assert used, f"{path} not dictionary-encoded: {encodings}"


@pytest.mark.parametrize("tname", list(TYPES))
def test_we_write_several_row_groups(deltactl, tmp_path, tname):
    case, out = convert(deltactl, tmp_path, tname, "--codec", "zstd", "--row-group-rows", "7")
    n = len(case.rows())
    assert pq.ParquetFile(out).metadata.num_row_groups == -(-n // 7)
    check_read_back(case, out)


def test_we_write_statistics_pyarrow_understands(deltactl, tmp_path):
    """Min/max/null count of a long column, as pyarrow decodes them."""
    case, out = convert(deltactl, tmp_path, "long", "--codec", "zstd")
    st = pq.ParquetFile(out).metadata.row_group(0).column(1).statistics
    assert st is not None and st.has_min_max
    assert (st.min, st.max) == (-9223372036854775808, 9223372036854775807)
    assert st.null_count == 3

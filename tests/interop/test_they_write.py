"""(b) They write, we read: pyarrow writes every flat type with every codec, dictionary on/off,
data page v1/v2, statistics on/off, and the non-default encodings; `deltactl parquet cat
--format jsonl` must print exactly the canonical form of what pyarrow reads back."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from canonical import assert_same_rows, int96_columns, table_lines
from cases import BYTE_ARRAY_TYPES, FLOAT_TYPES, INT_TYPES, TYPES

CODECS = ["snappy", "zstd", "lz4", "gzip", "none"]  # pyarrow's "lz4" writes LZ4_RAW


def check(deltactl, path, expected_rows=None):
    pf = pq.ParquetFile(path)
    theirs = table_lines(pq.read_table(path, coerce_int96_timestamp_unit="us"), int96_columns(pf))
    if expected_rows is not None:
        assert theirs == expected_rows, "pyarrow did not read back what it wrote (test bug)"
    assert_same_rows(theirs, deltactl.jsonl(path), what="deltactl parquet cat")


@pytest.mark.parametrize("stats", [True, False], ids=["stats", "nostats"])
@pytest.mark.parametrize("page", ["1.0", "2.0"], ids=["v1", "v2"])
@pytest.mark.parametrize("dictionary", [True, False], ids=["dict", "nodict"])
@pytest.mark.parametrize("codec", CODECS)
@pytest.mark.parametrize("tname", list(TYPES))
def test_they_write_we_read(deltactl, tmp_path, tname, codec, dictionary, page, stats):
    case = TYPES[tname]
    path = tmp_path / "t.parquet"
    pq.write_table(case.table(), path, compression=codec, use_dictionary=dictionary,
                   data_page_version=page, write_statistics=stats)
    check(deltactl, path, case.rows())


def _encoding_cases():
    out = []
    for t in INT_TYPES:
        out.append((t, "DELTA_BINARY_PACKED"))
    for t in BYTE_ARRAY_TYPES:
        out += [(t, "DELTA_LENGTH_BYTE_ARRAY"), (t, "DELTA_BYTE_ARRAY")]
    for t in FLOAT_TYPES:
        out.append((t, "BYTE_STREAM_SPLIT"))
    return out


@pytest.mark.parametrize("page", ["1.0", "2.0"], ids=["v1", "v2"])
@pytest.mark.parametrize("codec", ["zstd", "none"])
@pytest.mark.parametrize("tname,encoding", _encoding_cases())
def test_they_write_encodings(deltactl, tmp_path, tname, encoding, codec, page):
    case = TYPES[tname]
    path = tmp_path / "t.parquet"
    pq.write_table(case.table(), path, compression=codec, use_dictionary=False, data_page_version=page,
                   column_encoding={"v": encoding})
    encodings = pq.ParquetFile(path).metadata.row_group(0).column(1).encodings
    assert encoding in encodings, f"pyarrow did not use {encoding}: {encodings}"
    check(deltactl, path, case.rows())


@pytest.mark.parametrize("page", ["1.0", "2.0"], ids=["v1", "v2"])
@pytest.mark.parametrize("dictionary", [True, False], ids=["dict", "nodict"])
@pytest.mark.parametrize("tname", ["timestamp", "timestamp_ntz"])
def test_they_write_int96(deltactl, tmp_path, tname, dictionary, page):
    """INT96 timestamps are UTC-adjusted by convention: both columns read back as `timestamp`."""
    case = TYPES[tname]
    path = tmp_path / "t.parquet"
    pq.write_table(case.table(), path, use_deprecated_int96_timestamps=True, use_dictionary=dictionary,
                   data_page_version=page)
    assert pq.ParquetFile(path).metadata.row_group(0).column(1).physical_type == "INT96"
    expected = [r.replace('"}', 'Z"}') if r.endswith('"}') and not r.endswith('Z"}') else r
                for r in case.rows()]
    check(deltactl, path, expected)


@pytest.mark.parametrize("as_integer", [True, False], ids=["int", "flba"])
@pytest.mark.parametrize("dictionary", [True, False], ids=["dict", "nodict"])
@pytest.mark.parametrize("tname", ["decimal(9,2)", "decimal(18,4)", "decimal(38,10)"])
def test_they_write_decimal_storage(deltactl, tmp_path, tname, dictionary, as_integer):
    case = TYPES[tname]
    path = tmp_path / "t.parquet"
    pq.write_table(case.table(), path, store_decimal_as_integer=as_integer, use_dictionary=dictionary)
    physical = pq.ParquetFile(path).metadata.row_group(0).column(1).physical_type
    p = case.arrow.precision
    want = ("INT32" if p <= 9 else "INT64" if p <= 18 else "FIXED_LEN_BYTE_ARRAY") if as_integer \
        else "FIXED_LEN_BYTE_ARRAY"
    assert physical == want
    check(deltactl, path, case.rows())


@pytest.mark.parametrize("tname", list(TYPES))
def test_they_write_many_row_groups_and_pages(deltactl, tmp_path, tname):
    case = TYPES[tname]
    path = tmp_path / "t.parquet"
    pq.write_table(case.table(), path, row_group_size=5, data_page_size=64, write_batch_size=4)
    assert pq.ParquetFile(path).metadata.num_row_groups > 1
    check(deltactl, path, case.rows())


def test_they_write_empty_file(deltactl, tmp_path):
    path = tmp_path / "t.parquet"
    pq.write_table(TYPES["long"].table().slice(0, 0), path)
    assert deltactl.jsonl(path) == []


def test_they_write_all_types_in_one_file(deltactl, tmp_path):
    import pyarrow as pa
    cols, fields = {}, []
    n = min(len(case.rows()) for case in TYPES.values())
    for name, case in TYPES.items():
        col = case.table().column("v").slice(0, n)
        key = name.replace("(", "_").replace(",", "_").replace(")", "")
        cols[key] = col
        fields.append(pa.field(key, case.arrow))
    table = pa.table(cols, schema=pa.schema(fields))
    path = tmp_path / "t.parquet"
    pq.write_table(table, path)
    check(deltactl, path)

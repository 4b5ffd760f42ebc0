"""(a) We write nested columns, they read: `deltactl parquet convert` of JSON Lines with structs,
lists and maps (null vs empty lists, null structs vs structs of nulls, null elements, null map
values, deep nesting), read back by pyarrow and DuckDB and compared with the input, canonicalized.

The expected rows are built by pyarrow from the same Python values (not by our code), so the
comparison is independent of our reader, which does not read nested columns yet."""
from __future__ import annotations

import base64
import datetime as dt
import json
import random
from decimal import Decimal

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from canonical import assert_same_rows, table_lines

CODECS = {"zstd": "ZSTD", "snappy": "SNAPPY", "gzip": "GZIP", "lz4_raw": "LZ4_RAW", "none": "UNCOMPRESSED"}
DICT_ENCODINGS = {"PLAIN_DICTIONARY", "RLE_DICTIONARY"}


def maybe(rng, p, f):
    return None if rng.random() < p else f()


def words(rng):
    return rng.choice(["a", "bb", "ccc", "héllo", "", "z" * 40])


# name: (DDL of v, Arrow type pyarrow must read, [(leaf path, max def, max rep)], row generator)
def gen_struct(rng):
    return maybe(rng, 0.15, lambda: {"a": maybe(rng, 0.3, lambda: rng.randint(-5, 5)),
                                     "b": maybe(rng, 0.3, lambda: words(rng))})


def gen_list_int(rng):
    r = rng.random()
    if r < 0.1:
        return None
    if r < 0.2:
        return []
    return [maybe(rng, 0.2, lambda: rng.randint(-1000, 1000)) for _ in range(rng.randint(1, 6))]


def gen_list_list_string(rng):
    def inner():
        r = rng.random()
        if r < 0.15:
            return None
        if r < 0.3:
            return []
        return [maybe(rng, 0.2, lambda: words(rng)) for _ in range(rng.randint(1, 4))]
    r = rng.random()
    if r < 0.1:
        return None
    if r < 0.2:
        return []
    return [inner() for _ in range(rng.randint(1, 4))]


def gen_map(rng):
    r = rng.random()
    if r < 0.1:
        return None
    if r < 0.2:
        return {}
    keys = rng.sample(["k%d" % i for i in range(20)], rng.randint(1, 5))
    return {k: maybe(rng, 0.25, lambda: rng.randint(0, 9)) for k in keys}


def gen_map_int_keys(rng):
    r = rng.random()
    if r < 0.1:
        return None
    keys = rng.sample(range(-50, 50), rng.randint(0, 4))
    return [(k, maybe(rng, 0.2, lambda: [maybe(rng, 0.2, lambda: words(rng)) for _ in range(rng.randint(0, 3))]))
            for k in keys]


def gen_deep(rng):
    # struct<l: array<map<string, struct<a:int, b:array<long>>>>>
    def value():
        return maybe(rng, 0.15, lambda: {"a": maybe(rng, 0.3, lambda: rng.randint(0, 99)),
                                         "b": maybe(rng, 0.2, lambda: [maybe(rng, 0.2, lambda: rng.randint(-2**40, 2**40))
                                                                       for _ in range(rng.randint(0, 3))])})

    def entry():
        return maybe(rng, 0.15, lambda: {k: value() for k in rng.sample(["x", "y", "z", "w"], rng.randint(0, 3))})
    return maybe(rng, 0.1, lambda: {"l": maybe(rng, 0.15, lambda: [entry() for _ in range(rng.randint(0, 3))])})


def gen_mixed(rng):
    # array<struct<d:decimal(20,2), ok:boolean, x:double, bin:binary, ts:timestamp>>
    # (no date: canonical.py cannot cast a date32 nested in a list to int64)
    def item():
        return maybe(rng, 0.1, lambda: {
            "d": maybe(rng, 0.2, lambda: Decimal(rng.randint(-10**19, 10**19)) / 100),
            "ok": maybe(rng, 0.2, lambda: rng.random() < 0.5),
            "x": maybe(rng, 0.2, lambda: rng.choice([0.5, -1.25, 3.0, 1e300])),
            "bin": maybe(rng, 0.2, lambda: bytes(rng.randrange(256) for _ in range(rng.randint(0, 5)))),
            "ts": maybe(rng, 0.2, lambda: dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
                        + dt.timedelta(microseconds=rng.randint(-10**15, 10**15))),
        })
    return maybe(rng, 0.1, lambda: [item() for _ in range(rng.randint(0, 4))])


DEEP_VALUE = pa.struct([("a", pa.int32()), ("b", pa.list_(pa.field("element", pa.int64())))])
CASES = {
    "struct": ("struct<a:int,b:string>", pa.struct([("a", pa.int32()), ("b", pa.string())]),
               [("v.a", 2, 0), ("v.b", 2, 0)], gen_struct),
    "list_int": ("array<int>", pa.list_(pa.field("element", pa.int32())),
                 [("v.list.element", 3, 1)], gen_list_int),
    "list_list_string": ("array<array<string>>", pa.list_(pa.field("element", pa.list_(pa.field("element", pa.string())))),
                         [("v.list.element.list.element", 5, 2)], gen_list_list_string),
    "map_string_int": ("map<string,int>", pa.map_(pa.string(), pa.int32()),
                       [("v.key_value.key", 2, 1), ("v.key_value.value", 3, 1)], gen_map),
    "map_int_list": ("map<int,array<string>>", pa.map_(pa.int32(), pa.list_(pa.field("element", pa.string()))),
                     [("v.key_value.key", 2, 1), ("v.key_value.value.list.element", 5, 2)], gen_map_int_keys),
    "deep": ("struct<l:array<map<string,struct<a:int,b:array<long>>>>>",
             pa.struct([("l", pa.list_(pa.field("element", pa.map_(pa.string(), DEEP_VALUE))))]),
             [("v.l.list.element.key_value.key", 5, 2), ("v.l.list.element.key_value.value.a", 7, 2),
              ("v.l.list.element.key_value.value.b.list.element", 9, 3)], gen_deep),
    "mixed": ("array<struct<d:decimal(20,2),ok:boolean,x:double,bin:binary,ts:timestamp>>",
              pa.list_(pa.field("element", pa.struct([("d", pa.decimal128(20, 2)), ("ok", pa.bool_()),
                                                      ("x", pa.float64()), ("bin", pa.binary()),
                                                      ("ts", pa.timestamp("us", tz="UTC"))]))),
              [("v.list.element.d", 4, 1), ("v.list.element.ok", 4, 1),
               ("v.list.element.x", 4, 1), ("v.list.element.bin", 4, 1), ("v.list.element.ts", 4, 1)], gen_mixed),
}


def to_json(v, t: pa.DataType):
    """A Python value of Arrow type `t` as the JSON our JSON Lines reader takes."""
    if v is None:
        return None
    if pa.types.is_struct(t):
        return {f.name: to_json(v[f.name], f.type) for f in t}
    if pa.types.is_map(t):
        items = v.items() if isinstance(v, dict) else v
        if pa.types.is_string(t.key_type):
            return {k: to_json(x, t.item_type) for k, x in items}
        return [{"key": k, "value": to_json(x, t.item_type)} for k, x in items]
    if pa.types.is_list(t):
        return [to_json(x, t.value_type) for x in v]
    if pa.types.is_decimal(t):
        return str(v)
    if pa.types.is_binary(t):
        return base64.b64encode(v).decode()
    if pa.types.is_date(t):
        return v.isoformat()
    if pa.types.is_timestamp(t):
        return v.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return v


def to_arrow(v, t: pa.DataType):
    """Python value → what pa.array takes (maps as lists of pairs)."""
    if v is None:
        return None
    if pa.types.is_struct(t):
        return {f.name: to_arrow(v[f.name], f.type) for f in t}
    if pa.types.is_map(t):
        items = v.items() if isinstance(v, dict) else v
        return [(k, to_arrow(x, t.item_type)) for k, x in items]
    if pa.types.is_list(t):
        return [to_arrow(x, t.value_type) for x in v]
    return v


def make_rows(name: str, n: int, seed: int = 7):
    ddl, arrow, _, gen = CASES[name]
    rng = random.Random(seed)
    values = [gen(rng) for _ in range(n)]
    jsonl = "".join(json.dumps({"id": i, "v": to_json(v, arrow)}, ensure_ascii=False) + "\n" for i, v in enumerate(values))
    expected = pa.table({"id": pa.array(range(n), pa.int64()), "v": pa.array([to_arrow(v, arrow) for v in values], arrow)})
    return jsonl, table_lines(expected)


def convert(deltactl, tmp_path, name, n, *extra):
    jsonl, expected = make_rows(name, n)
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl, encoding="utf-8")
    out = tmp_path / "out.parquet"
    deltactl.run("parquet", "convert", src, out, "--schema", f"id long not null, v {CASES[name][0]}", *extra)
    return out, expected


def duckdb_lines(out):
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    return con, table_lines(con.sql(f"SELECT * FROM read_parquet('{out}')").to_arrow_table())


def check(out, name, expected):
    pf = pq.ParquetFile(out)
    assert pf.schema_arrow.field("v").type == CASES[name][1], f"pyarrow reads v as {pf.schema_arrow.field('v').type}"
    assert pf.metadata.num_rows == len(expected)
    assert_same_rows(expected, table_lines(pq.read_table(out)), what="pyarrow")
    con, lines = duckdb_lines(out)
    assert_same_rows(expected, lines, what="duckdb")
    return pf, con


# ----------------------------------------------------------------------------- page counting

def _varint(b, pos):
    shift = result = 0
    while True:
        x = b[pos]
        pos += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if not x & 0x80:
            return result, pos


def _skip(b, pos, t):
    """Skips one Thrift compact value of type `t` starting at pos."""
    if t in (1, 2):
        return pos
    if t == 3:
        return pos + 1
    if t in (4, 5, 6):
        return _varint(b, pos)[1]
    if t == 7:
        return pos + 8
    if t == 8:
        n, pos = _varint(b, pos)
        return pos + n
    if t in (9, 10):
        h = b[pos]
        pos += 1
        n, et = h >> 4, h & 0x0F
        if n == 15:
            n, pos = _varint(b, pos)
        for _ in range(n):
            pos = _skip(b, pos, et)
        return pos
    if t == 12:
        return _struct(b, pos)[1]
    raise ValueError(f"thrift type {t}")


def _struct(b, pos):
    """Top-level i32 fields of a compact struct, and the position after it."""
    fields, last = {}, 0
    while True:
        h = b[pos]
        pos += 1
        if h == 0:
            return fields, pos
        delta, t = h >> 4, h & 0x0F
        if delta:
            fid = last + delta
        else:
            z, pos = _varint(b, pos)
            fid = (z >> 1) ^ -(z & 1)
        last = fid
        if t == 5:
            z, pos = _varint(b, pos)
            fields[fid] = (z >> 1) ^ -(z & 1)
        else:
            pos = _skip(b, pos, t)


def data_pages(path, rg, col):
    """(num_values, first repetition level or None) of each data page of an uncompressed chunk."""
    pf = pq.ParquetFile(path)
    meta = pf.metadata.row_group(rg).column(col)
    rep_width = pf.schema.column(col).max_repetition_level.bit_length()
    b = path.read_bytes()
    start = meta.dictionary_page_offset if meta.has_dictionary_page else meta.data_page_offset
    pos, end, pages = start, start + meta.total_compressed_size, []
    while pos < end:
        fields, body = _struct(b, pos)
        page_type, compressed = fields[1], fields[3]
        if page_type == 0:
            # DataPageHeader (field 5) num_values is its field 1: re-read the header for it.
            h_pos = pos
            fields2 = {}
            last = 0
            while True:
                h = b[h_pos]
                h_pos += 1
                if h == 0:
                    break
                delta, t = h >> 4, h & 0x0F
                fid = last + delta if delta else None
                if fid is None:
                    z, h_pos = _varint(b, h_pos)
                    fid = (z >> 1) ^ -(z & 1)
                last = fid
                if fid == 5 and t == 12:
                    fields2, h_pos = _struct(b, h_pos)
                elif t == 5:
                    h_pos = _varint(b, h_pos)[1]
                else:
                    h_pos = _skip(b, h_pos, t)
            num_values = fields2[1]
            first_rep = None
            if rep_width:
                # Repetition levels first: 4-byte length, then an RLE run (header, value) or a
                # bit-packed group whose first value is the low bits of the first byte.
                rle = body + 4
                header, p = _varint(b, rle)
                first_rep = b[p] if header & 1 == 0 else b[p] & ((1 << rep_width) - 1)
            pages.append((num_values, first_rep))
        pos = body + compressed
    return pages


# ----------------------------------------------------------------------------- tests

@pytest.mark.parametrize("dictionary", [True, False], ids=["dict", "nodict"])
@pytest.mark.parametrize("codec", list(CODECS))
@pytest.mark.parametrize("name", list(CASES))
def test_nested_we_write_they_read(deltactl, tmp_path, name, codec, dictionary):
    out, expected = convert(deltactl, tmp_path, name, 400, "--codec", codec, "--row-group-rows", "150",
                            "--page-bytes", "200", *([] if dictionary else ["--no-dictionary"]))
    pf, con = check(out, name, expected)
    assert pf.metadata.num_row_groups == 3
    meta = con.execute("SELECT path_in_schema, compression, encodings FROM parquet_metadata(?)", [str(out)]).fetchall()
    for path, compression, encodings in meta:
        assert compression == CODECS[codec], f"{path}: {compression}"
        if not dictionary:
            assert not {e.strip() for e in encodings.split(",")} & DICT_ENCODINGS, f"{path}: {encodings}"


@pytest.mark.parametrize("name", list(CASES))
def test_nested_schema_is_the_three_level_layout(deltactl, tmp_path, name):
    out, _ = convert(deltactl, tmp_path, name, 20)
    s = pq.ParquetFile(out).schema
    leaves = [(s.column(i).path, s.column(i).max_definition_level, s.column(i).max_repetition_level)
              for i in range(len(s))]
    assert leaves == [("id", 0, 0)] + CASES[name][2]
    text = str(s)
    if "array" in CASES[name][0]:
        assert "repeated group field_id=-1 list {" in text and "(List)" in text
    if "map" in CASES[name][0]:
        assert "repeated group field_id=-1 key_value {" in text and "(Map)" in text
        assert "required" in text.split("key_value {")[1].split(";")[0], "map keys must be required"


@pytest.mark.parametrize("name", ["list_int", "list_list_string", "map_string_int", "deep"])
def test_nested_pages_hold_whole_rows(deltactl, tmp_path, name):
    out, expected = convert(deltactl, tmp_path, name, 3000, "--codec", "none", "--page-bytes", "300",
                            "--row-group-rows", "1000")
    check(out, name, expected)
    pf = pq.ParquetFile(out)
    for rg in range(pf.metadata.num_row_groups):
        for col in range(1, pf.metadata.num_columns):
            pages = data_pages(out, rg, col)
            assert len(pages) > 1, f"row group {rg} column {col}: one page"
            chunk = pf.metadata.row_group(rg).column(col)
            assert sum(n for n, _ in pages) == chunk.num_values  # level entries, not rows
            assert chunk.num_values >= pf.metadata.row_group(rg).num_rows
            assert all(first == 0 for _, first in pages), f"a page of {chunk.path_in_schema} starts inside a row"


def test_nested_null_counts_are_entries_below_max_definition(deltactl, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"l":[1,null]}\n{"l":null}\n{"l":[]}\n{"l":[2]}\n')
    out = tmp_path / "out.parquet"
    deltactl.run("parquet", "convert", src, out, "--schema", "l array<int>")
    st = pq.ParquetFile(out).metadata.row_group(0).column(0)
    assert st.num_values == 5
    assert st.statistics.null_count == 3
    assert (st.statistics.min, st.statistics.max) == (1, 2)
    assert pq.read_table(out).to_pylist() == [{"l": [1, None]}, {"l": None}, {"l": []}, {"l": [2]}]

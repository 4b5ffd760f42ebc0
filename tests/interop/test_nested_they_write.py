"""Nested Parquet, they write, we read: pyarrow writes structs, lists and maps at any depth
(null and empty lists, null structs, null map values, several pages, dictionary and not, data
page v1 and v2, the legacy non-compliant list naming) and `deltactl parquet cat --format jsonl`
must print exactly the canonical form of what pyarrow reads back. The nested data files and
checkpoints of the golden tables are compared with pyarrow reading the same file."""
from __future__ import annotations

import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from canonical import assert_same_rows, int96_columns, table_lines
from conftest import conformance_dir

GOLDEN = conformance_dir() / "golden"


def check(deltactl, path):
    pf = pq.ParquetFile(path)
    theirs = table_lines(pq.read_table(path, coerce_int96_timestamp_unit="us"), int96_columns(pf))
    assert_same_rows(theirs, deltactl.jsonl(path), what=f"deltactl parquet cat {path}")


# ----------------------------------------------------------------------------- generated tables

INNER = pa.struct([("a", pa.int32()), ("b", pa.list_(pa.int64()))])
TYPES = {
    "struct": pa.struct([("x", pa.int32()), ("y", pa.string()), ("z", pa.float64())]),
    "list_int": pa.list_(pa.int32()),
    "list_not_null": pa.list_(pa.field("element", pa.int64(), nullable=False)),
    "list_list_string": pa.list_(pa.list_(pa.string())),
    "map_string_int": pa.map_(pa.string(), pa.int32()),
    "struct_list_map_struct": pa.struct([("l", pa.list_(pa.map_(pa.string(), INNER)))]),
    "list_struct": pa.list_(pa.struct([("p", pa.int16()), ("q", pa.list_(pa.bool_()))])),
    "map_int_list": pa.map_(pa.int64(), pa.list_(pa.decimal128(12, 3))),
    # (no dates: canonical.py cannot cast a date32 nested in a list)
    "list_timestamp": pa.list_(pa.struct([("t", pa.timestamp("us", tz="UTC")),
                                              ("bin", pa.binary())])),
}


def gen(t: pa.DataType, rng: random.Random, depth: int = 0):
    """A random python value of arrow type `t`, with nulls and empty lists/maps."""
    if rng.random() < 0.12:
        return None
    if pa.types.is_struct(t):
        return {f.name: gen(f.type, rng, depth + 1) if f.nullable else gen_required(f.type, rng, depth + 1) for f in t}
    if pa.types.is_list(t):
        n = rng.choice([0, 1, 2, 3, 5]) if depth < 3 else rng.choice([0, 1])
        el = t.value_field
        return [gen(el.type, rng, depth + 1) if el.nullable else gen_required(el.type, rng, depth + 1) for _ in range(n)]
    if pa.types.is_map(t):
        n = rng.choice([0, 1, 2, 4])
        keys = {gen_required(t.key_type, rng, depth + 1) for _ in range(n)}
        return [(k, gen(t.item_type, rng, depth + 1)) for k in keys]
    return gen_required(t, rng, depth)


def gen_required(t: pa.DataType, rng: random.Random, depth: int = 0):
    if pa.types.is_integer(t):
        return rng.randint(-1000, 1000)
    if pa.types.is_floating(t):
        return rng.choice([0.5, -2.25, 1e300, 3.0])
    if pa.types.is_string(t):
        return rng.choice(["", "a", "bb", "héllo", "x" * 40])
    if pa.types.is_binary(t):
        return rng.choice([b"", b"\x00\xff", b"abc"])
    if pa.types.is_boolean(t):
        return rng.random() < 0.5
    if pa.types.is_decimal(t):
        from decimal import Decimal
        return Decimal(rng.randint(-10**9, 10**9)).scaleb(-3)
    if pa.types.is_timestamp(t):
        return rng.randint(-10**15, 10**15)
    if pa.types.is_date32(t):
        return rng.randint(-20000, 20000)
    v = gen(t, rng, depth)
    while v is None:
        v = gen(t, rng, depth)
    return v


def table(rows: int, seed: int) -> pa.Table:
    rng = random.Random(seed)
    cols = {"id": pa.array(range(rows), pa.int64())}
    for name, t in TYPES.items():
        cols[name] = pa.array([gen(t, rng) for _ in range(rows)], t)
    return pa.table(cols)


@pytest.mark.parametrize("compliant", [True, False], ids=["compliant", "legacy_names"])
@pytest.mark.parametrize("page", ["1.0", "2.0"], ids=["v1", "v2"])
@pytest.mark.parametrize("dictionary", [True, False], ids=["dict", "nodict"])
def test_nested_they_write(deltactl, tmp_path, dictionary, page, compliant):
    path = tmp_path / "n.parquet"
    pq.write_table(table(300, seed=7), path, compression="zstd", use_dictionary=dictionary,
                   data_page_version=page, use_compliant_nested_type=compliant)
    check(deltactl, path)


@pytest.mark.parametrize("page", ["1.0", "2.0"], ids=["v1", "v2"])
def test_nested_many_pages_and_row_groups(deltactl, tmp_path, page):
    """Small pages (rows straddle page boundaries in v1) and several row groups."""
    path = tmp_path / "n.parquet"
    pq.write_table(table(5000, seed=11), path, compression="snappy", data_page_size=512,
                   write_batch_size=64, row_group_size=2000, data_page_version=page)
    md = pq.ParquetFile(path).metadata
    assert md.num_row_groups == 3
    check(deltactl, path)


def test_nested_projection(deltactl, tmp_path):
    path = tmp_path / "n.parquet"
    pq.write_table(table(200, seed=3), path)
    cols = ["map_string_int", "id", "struct_list_map_struct"]
    pf = pq.ParquetFile(path)
    theirs = table_lines(pq.read_table(path, columns=cols), int96_columns(pf))
    assert_same_rows(theirs, deltactl.jsonl(path, "--columns", ",".join(cols)), what="projection")


def test_nested_all_null_and_all_empty(deltactl, tmp_path):
    t = pa.table({
        "nulls": pa.array([None] * 50, pa.list_(pa.struct([("a", pa.int32())]))),
        "empties": pa.array([[]] * 50, pa.list_(pa.list_(pa.int32()))),
        "maps": pa.array([[]] * 25 + [None] * 25, pa.map_(pa.string(), pa.string())),
        "structs": pa.array([None] * 50, pa.struct([("a", pa.struct([("b", pa.int8())]))])),
    })
    path = tmp_path / "n.parquet"
    pq.write_table(t, path)
    check(deltactl, path)


def test_nested_large_random_with_deep_nesting(deltactl, tmp_path):
    t = pa.list_(pa.list_(pa.list_(pa.struct([("m", pa.map_(pa.string(), pa.list_(pa.int32())))]))))
    rng = random.Random(5)
    path = tmp_path / "n.parquet"
    pq.write_table(pa.table({"deep": pa.array([gen(t, rng) for _ in range(3000)], t)}), path,
                   data_page_size=2048)
    check(deltactl, path)


# ----------------------------------------------------------------------------- golden tables

def nested_golden_files():
    if not GOLDEN.is_dir():
        return []
    out = []
    for p in sorted(GOLDEN.rglob("*.parquet")):
        if "_sidecars" in p.parts:
            continue
        try:
            schema = pq.ParquetFile(p).schema_arrow
        except Exception:  # noqa: BLE001 — unreadable by pyarrow: no oracle
            continue
        if any(pa.types.is_nested(f.type) for f in schema):
            out.append(p)
    return out


@pytest.mark.skipif(not GOLDEN.is_dir(), reason=f"conformance pack not found at {GOLDEN}")
@pytest.mark.parametrize("path", nested_golden_files(), ids=lambda p: str(p.relative_to(GOLDEN)))
def test_nested_golden_file(deltactl, path):
    """Data files with struct/array/map columns and the (nested) checkpoint files."""
    try:
        pq.read_table(path, coerce_int96_timestamp_unit="us")
    except Exception as e:  # noqa: BLE001
        pytest.skip(f"pyarrow cannot read it: {type(e).__name__}: {e}")
    check(deltactl, path)


def test_nested_golden_pack_has_files():
    if not GOLDEN.is_dir():
        pytest.skip(f"conformance pack not found at {GOLDEN}")
    names = {p.relative_to(GOLDEN).parts[0] for p in nested_golden_files()}
    for t in ["data-reader-array-primitives", "data-reader-array-complex-objects", "data-reader-map",
              "data-reader-nested-struct"]:
        assert t in names

#!/usr/bin/env python3
"""Write a tiny Parquet seed corpus for the fuzzer: every flat type × codec × dictionary on/off
(plus data page v2, the DELTA_*/BYTE_STREAM_SPLIT encodings, INT96, integer-stored decimals),
a few rows each so that every file stays small.

Usage: scripts/make_fuzz_seeds.py OUT_DIR
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "interop"))

import pyarrow.parquet as pq  # noqa: E402

from cases import BYTE_ARRAY_TYPES, FLOAT_TYPES, INT_TYPES, TYPES  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    n = 0

    def write(name, table, **kw):
        nonlocal n
        pq.write_table(table, out / f"seed-{name}.parquet", **kw)
        n += 1

    for tname, case in TYPES.items():
        table = case.table().slice(0, 12)
        safe = tname.replace("(", "").replace(")", "").replace(",", "_")
        for codec in ["zstd", "snappy", "gzip", "lz4", "none"]:
            for dictionary in (True, False):
                write(f"{safe}-{codec}-{'dict' if dictionary else 'plain'}", table,
                      compression=codec, use_dictionary=dictionary)
        write(f"{safe}-v2", table, data_page_version="2.0", compression="none")
        write(f"{safe}-nostats-small-rg", table, write_statistics=False, row_group_size=4,
              compression="none")
        encodings = (["DELTA_BINARY_PACKED"] if tname in INT_TYPES else
                     ["DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY"] if tname in BYTE_ARRAY_TYPES else
                     ["BYTE_STREAM_SPLIT"] if tname in FLOAT_TYPES else [])
        for enc in encodings:
            for page in ("1.0", "2.0"):
                write(f"{safe}-{enc.lower()}-v{page[0]}", table, use_dictionary=False,
                      column_encoding={"v": enc}, data_page_version=page, compression="none")
        if tname.startswith("timestamp"):
            write(f"{safe}-int96", table, use_deprecated_int96_timestamps=True, compression="none")
        if tname.startswith("decimal"):
            write(f"{safe}-as-int", table, store_decimal_as_integer=True, compression="none")
    # Nested columns: structs, lists (null, empty, null elements), maps, deep nesting; v1 and v2
    # pages, dictionary on/off, the legacy two-level list naming.
    import pyarrow as pa
    nested = pa.table({
        "s": pa.array([{"a": 1, "b": "x"}, None, {"a": None, "b": "y"}, {"a": 4, "b": None}],
                      pa.struct([("a", pa.int32()), ("b", pa.string())])),
        "l": pa.array([[1, 2], None, [], [None, 5]], pa.list_(pa.int64())),
        "ll": pa.array([[["a"], []], None, [None, ["b", None]], []], pa.list_(pa.list_(pa.string()))),
        "m": pa.array([[("k", 1)], None, [], [("x", None), ("y", 2)]], pa.map_(pa.string(), pa.int32())),
        "deep": pa.array([{"l": [[("k", {"a": 1, "b": [1, 2]})]]}, None, {"l": None}, {"l": [None, []]}],
                         pa.struct([("l", pa.list_(pa.map_(pa.string(), pa.struct([("a", pa.int32()), ("b", pa.list_(pa.int64()))]))))])),
    })
    for page in ("1.0", "2.0"):
        for dictionary in (True, False):
            write(f"nested-v{page[0]}-{'dict' if dictionary else 'plain'}", nested, data_page_version=page,
                  use_dictionary=dictionary, compression="none")
    write("nested-legacy-lists", nested, use_compliant_nested_type=False, compression="none")
    write("nested-small-pages", pa.concat_tables([nested] * 8), data_page_size=64, compression="snappy")
    print(f"make_fuzz_seeds: wrote {n} files to {out}")


if __name__ == "__main__":
    main()

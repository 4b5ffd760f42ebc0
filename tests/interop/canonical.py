"""The canonical row format of ../shared/conformance/README.md, computed from pyarrow data.

`table_lines(table)` turns a pyarrow Table (read by pyarrow, or handed over by DuckDB as Arrow)
into canonical JSON lines, in row order (not sorted). `assert_same_rows(expected, actual)` compares two
lists of canonical lines strictly: identical text, except that a float may be written in any
notation that parses to the same double (bit for bit; any NaN equals NaN; a float32 must be
its shortest float32 decimal, so 0.10000000149011612 is not 0.1), and it
must still be a JSON number with a fraction or exponent (`5.0`, not `5`).
"""
from __future__ import annotations

import base64
import json
import math
import struct
from decimal import Decimal

import numpy as np
import pyarrow as pa

# ----------------------------------------------------------------------------- scalars

def civil_from_days(z: int) -> tuple[int, int, int]:
    """Proleptic Gregorian (year, month, day) of days since 1970-01-01 (H. Hinnant's algorithm)."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y), m, d


def fmt_year(y: int) -> str:
    return f"{y:04d}" if 0 <= y <= 9999 else f"{y:+05d}"


def fmt_date(days: int) -> str:
    y, m, d = civil_from_days(days)
    return f"{fmt_year(y)}-{m:02d}-{d:02d}"


def fmt_timestamp(micros: int, utc: bool) -> str:
    days, rem = divmod(micros, 86_400_000_000)
    secs, frac = divmod(rem, 1_000_000)
    hh, rem = divmod(secs, 3600)
    mm, ss = divmod(rem, 60)
    return f"{fmt_date(days)}T{hh:02d}:{mm:02d}:{ss:02d}.{frac:06d}" + ("Z" if utc else "")


def fmt_decimal(v: Decimal, scale: int) -> str:
    sign, digits, exp = v.as_tuple()
    unscaled = int("".join(map(str, digits)) or "0")
    shift = exp + scale
    if shift < 0:
        raise ValueError(f"{v} has more than {scale} fraction digits")
    unscaled *= 10 ** shift
    text = str(unscaled)
    if scale:
        text = text.rjust(scale + 1, "0")
        text = text[:-scale] + "." + text[-scale:]
    return ("-" if sign and unscaled else "") + text


def fmt_float(x: float, single: bool) -> str:
    if math.isnan(x):
        return '"NaN"'
    if math.isinf(x):
        return '"Infinity"' if x > 0 else '"-Infinity"'
    if not single:
        return repr(float(x))
    # str(np.float32) gives the shortest digits that round-trip to the same float32, but switches
    # to an exponent early (1.6777216e+07); re-printing those ≤ 9 digits through a double's repr
    # keeps the digits and applies Python's layout (positional for 1e-4 <= |x| < 1e16, a fraction
    # on integral values), the same as for doubles.
    return repr(float(str(np.float32(x))))


def jstr(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


# ----------------------------------------------------------------------------- arrays

def _plain_type(t: pa.DataType) -> pa.DataType:
    """The type to cast to before to_pylist: timestamps → int64 µs, dates → int32 days,
    dictionaries decoded, large/view strings to plain ones, recursively."""
    if pa.types.is_dictionary(t):
        return _plain_type(t.value_type)
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        return pa.int64()
    if pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return pa.string()
    if pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return pa.binary()
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _plain_type(f.type), f.nullable) for f in t])
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return pa.list_(pa.field(t.value_field.name, _plain_type(t.value_type)))
    if pa.types.is_map(t):
        return pa.map_(_plain_type(t.key_type), pa.field(t.item_field.name, _plain_type(t.item_type)))
    return t


def _normalise(arr: pa.Array, t: pa.DataType) -> pa.Array:
    """Timestamps to µs and dates to days, before the cast to integers."""
    if pa.types.is_dictionary(t):
        return _normalise(arr.cast(t.value_type), t.value_type)
    if pa.types.is_timestamp(t):
        if t.unit != "us":
            # Floor to microseconds (casting ns→us truncates toward zero for negative values).
            ints = arr.cast(pa.int64()).to_numpy(zero_copy_only=False)
            div = {"s": None, "ms": None, "ns": 1000}[t.unit]
            mul = {"s": 1_000_000, "ms": 1000, "ns": None}[t.unit]
            mask = arr.is_null().to_numpy(zero_copy_only=False)
            vals = np.where(mask, 0, ints).astype(np.int64)
            vals = vals // div if div else vals * mul
            return pa.array(vals, pa.int64(), mask=mask)
        return arr.cast(pa.int64())
    if pa.types.is_date64(t):
        ints = arr.cast(pa.int64())
        return pa.array([None if v is None else v // 86_400_000 for v in ints.to_pylist()], pa.int64())
    if pa.types.is_date32(t):
        return arr.cast(pa.int32()).cast(pa.int64())
    if pa.types.is_struct(t) or pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_map(t) \
            or pa.types.is_fixed_size_list(t):
        # Nested: cast in one step (pyarrow casts timestamp/date fields to int64 directly; units
        # other than µs inside nested types are converted by a cast to µs first).
        return arr.cast(_us_type(t)).cast(_plain_type(t))
    return arr.cast(_plain_type(t))


def _us_type(t: pa.DataType) -> pa.DataType:
    if pa.types.is_timestamp(t):
        return pa.timestamp("us", t.tz)
    if pa.types.is_date64(t):
        return pa.date32()
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _us_type(f.type), f.nullable) for f in t])
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return pa.list_(pa.field(t.value_field.name, _us_type(t.value_type)))
    if pa.types.is_map(t):
        return pa.map_(_us_type(t.key_type), pa.field(t.item_field.name, _us_type(t.item_type)))
    if pa.types.is_dictionary(t):
        return _us_type(t.value_type)
    return t


def value_json(v, t: pa.DataType, utc_override: bool = False) -> str:
    """Canonical JSON text of one python value `v` (from the plain array) of original type `t`."""
    if v is None:
        return "null"
    if pa.types.is_dictionary(t):
        t = t.value_type
    if pa.types.is_boolean(t):
        return "true" if v else "false"
    if pa.types.is_integer(t):
        return str(int(v))
    if pa.types.is_float32(t) or pa.types.is_float16(t):
        return fmt_float(v, single=True)
    if pa.types.is_float64(t):
        return fmt_float(v, single=False)
    if pa.types.is_decimal(t):
        return jstr(fmt_decimal(v, t.scale))
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return jstr(v)
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t) \
            or pa.types.is_binary_view(t):
        return jstr(base64.b64encode(v).decode("ascii"))
    if pa.types.is_date(t):
        return jstr(fmt_date(v))
    if pa.types.is_timestamp(t):
        return jstr(fmt_timestamp(v, utc=utc_override or t.tz is not None))
    if pa.types.is_struct(t):
        # to_pylist gives a dict; duplicate names cannot occur in Delta schemas.
        return "{" + ",".join(jstr(f.name) + ":" + value_json(v[f.name], f.type) for f in t) + "}"
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return "[" + ",".join(value_json(e, t.value_type) for e in v) + "]"
    if pa.types.is_map(t):
        entries = [(value_json(k, t.key_type), value_json(x, t.item_type)) for k, x in v]
        entries.sort(key=lambda e: e[0])
        return "[" + ",".join('{"key":' + k + ',"value":' + x + "}" for k, x in entries) + "]"
    raise TypeError(f"no canonical form for arrow type {t}")


def column_json(col, t: pa.DataType, utc_override: bool = False) -> list[str]:
    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    out: list[str] = []
    for chunk in chunks:
        for v in _normalise(chunk, t).to_pylist():
            out.append(value_json(v, t, utc_override))
    return out


def table_lines(table: pa.Table, utc_columns: frozenset[str] = frozenset()) -> list[str]:
    """Canonical lines of `table`, in row order. `utc_columns`: timestamp columns without a time
    zone in Arrow that are UTC-adjusted all the same (INT96)."""
    cols = [column_json(table.column(i), f.type, f.name in utc_columns)
            for i, f in enumerate(table.schema)]
    keys = [jstr(f.name) for f in table.schema]
    return ["{" + ",".join(k + ":" + c[r] for k, c in zip(keys, cols)) + "}"
            for r in range(table.num_rows)]


def int96_columns(parquet_file) -> frozenset[str]:
    """Top-level columns stored as INT96 (legacy timestamps, UTC-adjusted by convention)."""
    s = parquet_file.schema
    return frozenset(s.column(i).path.split(".")[0] for i in range(len(s))
                     if s.column(i).physical_type == "INT96")


# ----------------------------------------------------------------------------- comparison

def _pairs(line: str):
    return json.loads(line, object_pairs_hook=lambda p: ("obj", p))


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if not (isinstance(a, float) and isinstance(b, float)):
            return False  # an integral float must keep its fraction: 5.0, not 5
        # Same double value (a float32 must be written as its shortest float32 decimal on both
        # sides, so a widened 0.10000000149011612 does not equal 0.1).
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return struct.pack("<d", a) == struct.pack("<d", b)
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple):  # ("obj", [(k, v), ...])
        return len(a[1]) == len(b[1]) and all(
            ka == kb and _same(va, vb) for (ka, va), (kb, vb) in zip(a[1], b[1]))
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def same_line(expected: str, actual: str) -> bool:
    if expected == actual:
        return True
    try:
        e, a = _pairs(expected), _pairs(actual)
    except json.JSONDecodeError:
        return False
    if len(e[1]) != len(a[1]):
        return False
    return all(ke == ka and _same(ve, va)
               for (ke, ve), (ka, va) in zip(e[1], a[1]))


def assert_same_rows(expected: list[str], actual: list[str], what: str = "") -> None:
    """Row by row, in order. Fails with the first differing rows."""
    bad = [(i, e, a) for i, (e, a) in enumerate(zip(expected, actual))
           if not same_line(e, a)]
    msg = []
    if len(expected) != len(actual):
        msg.append(f"row count: expected {len(expected)}, got {len(actual)}")
    for i, e, a in bad[:5]:
        msg.append(f"row {i}:\n  expected {e}\n  actual   {a}")
    if len(bad) > 5:
        msg.append(f"... {len(bad) - 5} more differing rows")
    assert not msg, (what + ": " if what else "") + "\n".join(msg)


"""Shared test data: for every flat Delta type, boundary values and nulls in canonical form,
the DDL name `deltactl parquet convert --schema` takes, and the Arrow type it must map to."""
from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

import pyarrow as pa

_ALL_BYTES = base64.b64encode(bytes(range(256))).decode()
_TS = ["1970-01-01T00:00:00.000000", "1969-12-31T23:59:59.999999", "0001-01-01T00:00:00.000000",
       "9999-12-31T23:59:59.999999", "2024-03-01T09:30:00.123456", "2000-02-29T12:00:00.000001"]


@dataclass(frozen=True)
class TypeCase:
    ddl: str                 # Delta / Spark DDL type name
    arrow: pa.DataType       # what pyarrow must report for our files
    duckdb: str              # what DuckDB's DESCRIBE must report
    values: tuple[str, ...]  # distinct canonical JSON texts, `null` included

    def rows(self) -> list[str]:
        """Canonical input lines `{"id":i,"v":...}`: every value three times, interleaved so that
        dictionary pages get repeats and nulls sit between values."""
        n = len(self.values)
        order = [self.values[(i * 7 + i // n) % n] for i in range(3 * n)]
        return [f'{{"id":{i},"v":{v}}}' for i, v in enumerate(order)]

    def arrow_array(self, texts: list[str]) -> pa.Array:
        """An Arrow array holding the canonical `texts` (for pyarrow to write)."""
        py = [json.loads(t) for t in texts]
        t = self.arrow
        if pa.types.is_floating(t):
            special = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}
            return pa.array([special.get(v, v) if isinstance(v, str) else v for v in py], t)
        if pa.types.is_decimal(t):
            return pa.array([None if v is None else Decimal(v) for v in py], t)
        if pa.types.is_binary(t):
            return pa.array([None if v is None else base64.b64decode(v) for v in py], t)
        if pa.types.is_date(t):
            return pa.array([None if v is None else dt.date.fromisoformat(v) for v in py], t)
        if pa.types.is_timestamp(t):
            epoch = dt.datetime(1970, 1, 1)
            micros = [None if v is None else
                      (dt.datetime.fromisoformat(v.rstrip("Z")) - epoch) // dt.timedelta(microseconds=1)
                      for v in py]
            return pa.array(micros, pa.int64()).cast(t)
        return pa.array(py, t)

    def table(self) -> pa.Table:
        rows = [json.loads(r) for r in self.rows()]
        texts = [json.dumps(r["v"], ensure_ascii=False) for r in rows]
        return pa.table({"id": pa.array([r["id"] for r in rows], pa.int64()),
                         "v": self.arrow_array(texts)},
                        schema=pa.schema([pa.field("id", pa.int64(), nullable=False),
                                          pa.field("v", self.arrow)]))


TYPES: dict[str, TypeCase] = {
    "boolean": TypeCase("boolean", pa.bool_(), "BOOLEAN", ("true", "false", "null")),
    "byte": TypeCase("byte", pa.int8(), "TINYINT", ("-128", "127", "0", "-1", "1", "null")),
    "short": TypeCase("short", pa.int16(), "SMALLINT", ("-32768", "32767", "0", "-1", "null")),
    "integer": TypeCase("integer", pa.int32(), "INTEGER",
                        ("-2147483648", "2147483647", "0", "-1", "42", "null")),
    "long": TypeCase("long", pa.int64(), "BIGINT",
                     ("-9223372036854775808", "9223372036854775807", "0", "-1", "1700000000000", "null")),
    "float": TypeCase("float", pa.float32(), "FLOAT",
                      ("0.0", "-0.0", "1.5", "0.1", "3.4028235e+38", "-3.4028235e+38", "1e-45",
                       "1.1754944e-38", "16777216.0", '"NaN"', '"Infinity"', '"-Infinity"', "null")),
    "double": TypeCase("double", pa.float64(), "DOUBLE",
                       ("0.0", "-0.0", "0.1", "2.5", "1.7976931348623157e+308", "-1.7976931348623157e+308",
                        "5e-324", "1e+16", "123456.789", '"NaN"', '"Infinity"', '"-Infinity"', "null")),
    "decimal(9,2)": TypeCase("decimal(9,2)", pa.decimal128(9, 2), "DECIMAL(9,2)",
                             ('"9999999.99"', '"-9999999.99"', '"0.00"', '"0.01"', '"-0.50"', '"12.34"', "null")),
    "decimal(18,4)": TypeCase("decimal(18,4)", pa.decimal128(18, 4), "DECIMAL(18,4)",
                              ('"99999999999999.9999"', '"-99999999999999.9999"', '"0.0000"', '"-0.0001"',
                               '"1234.5678"', "null")),
    "decimal(38,10)": TypeCase("decimal(38,10)", pa.decimal128(38, 10), "DECIMAL(38,10)",
                               ('"9999999999999999999999999999.9999999999"',
                                '"-9999999999999999999999999999.9999999999"', '"0.0000000000"',
                                '"0.0000000001"', '"-1.5000000000"', '"18446744073709551616.0000000000"', "null")),
    "string": TypeCase("string", pa.string(), "VARCHAR",
                       ('""', '"a"', '"héllo wörld"', '"日本語"', '"emoji 😀"', r'"quote \" backslash \\"',
                        r'"line\nbreak\ttab"', json.dumps("x" * 300), r'"nul\u0000byte"', "null")),
    "binary": TypeCase("binary", pa.binary(), "BLOB",
                       ('""', '"AP8="', json.dumps(_ALL_BYTES), '"YWJj"', "null")),
    "date": TypeCase("date", pa.date32(), "DATE",
                     ('"1970-01-01"', '"1969-12-31"', '"0001-01-01"', '"9999-12-31"', '"2024-02-29"',
                      '"1900-03-01"', "null")),
    "timestamp": TypeCase("timestamp", pa.timestamp("us", tz="UTC"), "TIMESTAMP WITH TIME ZONE",
                          tuple(json.dumps(t + "Z") for t in _TS) + ("null",)),
    "timestamp_ntz": TypeCase("timestamp_ntz", pa.timestamp("us"), "TIMESTAMP",
                              tuple(json.dumps(t) for t in _TS) + ("null",)),
}

INT_TYPES = ["byte", "short", "integer", "long", "date", "timestamp", "timestamp_ntz"]
BYTE_ARRAY_TYPES = ["string", "binary"]
FLOAT_TYPES = ["float", "double"]

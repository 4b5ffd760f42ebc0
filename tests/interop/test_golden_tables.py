"""Golden tables of the conformance pack (../shared/conformance, README.md) scanned by `deltactl
scan {table} --version {version} --format jsonl` and checked with its compare.py, one test per
(table, version). Which ones run is computed from each table.json, not listed by hand:

- expect rows: in when commits 0..v are all JSON in the log and no checkpoint exists at or
  below v (checkpoint reading needs nested Parquet: GOLDEN_WITH_CHECKPOINTS=1 adds those
  versions), every protocol feature is in SUPPORTED_FEATURES, the reader version is 1 or 3
  (2 means column mapping), column mapping is off, and every column is of a primitive type;
- expect error: always in: whatever we support, a reader must fail there — exit 1 with one
  `deltactl: error:` line, never a crash or rows.

Out-of-scope versions are reported as skips naming the reason (`pytest -rs`)."""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

import pytest

from conftest import conformance_dir
from table_helpers import assert_cli_error

PACK = conformance_dir()
EXPECTED = PACK / "golden-expected"
TABLES = PACK / "golden"
COMPARE = PACK / "compare.py"
SUPPORTED_FEATURES = {"appendOnly", "invariants", "timestampNtz", "vacuumProtocolCheck"}
PRIMITIVES = {"boolean", "byte", "short", "integer", "long", "float", "double", "string", "binary",
              "date", "timestamp", "timestamp_ntz"}
WITH_CHECKPOINTS = os.environ.get("GOLDEN_WITH_CHECKPOINTS") == "1"


def _tables() -> list[dict]:
    if not EXPECTED.is_dir():
        return []
    out = []
    for p in sorted(EXPECTED.rglob("table.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        d["_dir"] = p.parent
        out.append(d)
    return out


def _primitive(t) -> bool:
    return isinstance(t, str) and (t in PRIMITIVES or t.startswith("decimal("))


def out_reason(table: dict, v: dict) -> str | None:
    """Why version `v` of `table` is out of scope, or None when it is in."""
    if v["expect"] == "error":
        return None
    commits = set(table.get("log", {}).get("commits") or [])
    missing = [c for c in range(v["version"] + 1) if c not in commits]
    if missing:
        return f"commits {missing[:5]} are not in the log as JSON (needs a checkpoint)"
    ckpts = [c["version"] for c in table.get("log", {}).get("checkpoints", []) if c["version"] <= v["version"]]
    if ckpts and not WITH_CHECKPOINTS:
        return f"checkpoint at version {min(ckpts)} <= {v['version']} (checkpoint reading comes later)"
    proto = v.get("protocol") or {}
    feats = set(proto.get("readerFeatures") or []) | set(proto.get("writerFeatures") or [])
    if feats - SUPPORTED_FEATURES:
        return f"table features {sorted(feats - SUPPORTED_FEATURES)}"
    if proto.get("minReaderVersion") == 2:
        return "reader version 2 (column mapping)"
    if (v.get("configuration") or {}).get("delta.columnMapping.mode", "none") != "none":
        return "column mapping mode " + v["configuration"]["delta.columnMapping.mode"]
    fields = (v.get("schema") or {}).get("fields", [])
    if any(f.get("metadata", {}).get("delta.columnMapping.id") is not None for f in fields):
        return "column mapping metadata in the schema"
    nested = [f["name"] for f in fields if not _primitive(f["type"])]
    if nested:
        return f"nested or non-primitive columns {nested[:4]} (nested Parquet comes later)"
    return None


def _cases():
    out = []
    for t in _tables():
        for v in sorted(t["versions"], key=lambda x: x["version"]):
            reason = out_reason(t, v)
            marks = [pytest.mark.skip(reason=f"out: {reason}")] if reason else []
            out.append(pytest.param(t, v, id=f"{t['table']}@v{v['version']}:{v['expect']}", marks=marks))
    return out


def _quoted_deltactl(deltactl) -> str:
    prefix = [sys.executable] if deltactl.path.endswith(".py") else []
    return " ".join(shlex.quote(x) for x in [*prefix, deltactl.path])


@pytest.mark.skipif(not EXPECTED.is_dir(), reason=f"conformance pack not found at {PACK}")
@pytest.mark.parametrize("table,version", _cases())
def test_golden_table_version(deltactl, table, version):
    v = version["version"]
    cmd = _quoted_deltactl(deltactl) + " scan {table} --version {version} --format jsonl"
    p = subprocess.run([sys.executable, str(COMPARE), "--table-dir", str(table["_dir"]), "--tables-root",
                        str(TABLES), "--cmd", cmd, "--versions", str(v), "--timeout", "600"],
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, f"compare.py:\n{p.stdout[-4000:]}\n{p.stderr[-2000:]}"
    assert "1 passed, 0 failed" in p.stdout, p.stdout[-2000:]
    if version["expect"] == "error":
        # compare.py only wants a non-zero exit: also hold deltactl to the error contract.
        r = deltactl.run("scan", TABLES / table["table"], "--version", v, "--format", "jsonl", check=False)
        assert_cli_error(r)
        assert r.stdout == "", "a failing scan printed rows"


def test_golden_pack_has_eligible_versions():
    """Guards the computed eligibility against silently selecting nothing."""
    if not EXPECTED.is_dir():
        pytest.skip(f"conformance pack not found at {PACK}")
    rows = [(t["table"], v["version"]) for t in _tables() for v in t["versions"]
            if v["expect"] == "rows" and out_reason(t, v) is None]
    assert len(rows) > 60, rows


def test_not_a_delta_table_fails(deltactl):
    path = TABLES / "no-delta-log-folder"
    if not path.is_dir():
        pytest.skip(f"{path} not found")
    assert_cli_error(deltactl.run("scan", path, "--format", "jsonl", check=False))


def test_unsupported_reader_version_is_named(deltactl):
    path = TABLES / "deltalog-invalid-protocol-version"
    if not path.is_dir():
        pytest.skip(f"{path} not found")
    assert_cli_error(deltactl.run("scan", path, "--format", "jsonl", check=False), "99")


# Reader features we do not read yet: a scan must refuse, naming the feature (ARCHITECTURE.md:
# "never return wrong data for a table we do not understand"). Remove one here when it lands.
UNSUPPORTED_READER_FEATURES = ["columnMapping", "deletionVectors", "typeWidening-preview", "variantType-preview"]


def _feature_table(feature: str):
    """The first (table, version) whose reader features include `feature` and that needs no
    checkpoint."""
    for t in _tables():
        ckpt = min([c["version"] for c in t.get("log", {}).get("checkpoints", [])], default=1 << 62)
        for v in sorted(t["versions"], key=lambda x: x["version"]):
            if v["version"] < ckpt and feature in ((v.get("protocol") or {}).get("readerFeatures") or []):
                return t, v["version"]
    return None, None


@pytest.mark.parametrize("feature", UNSUPPORTED_READER_FEATURES)
def test_unsupported_reader_feature_is_refused_by_name(deltactl, feature):
    t, v = _feature_table(feature)
    if t is None:
        pytest.skip(f"no table in the pack has reader feature {feature} without a checkpoint")
    r = deltactl.run("scan", TABLES / t["table"], "--version", v, "--format", "jsonl", check=False)
    assert_cli_error(r, feature)
    assert r.stdout == ""

"""Golden-table conformance: what `deltactl` does with every table of the conformance pack
(../shared/conformance, its README.md), and the text of spec/conformance.md derived from it.

For every table in golden/ and every version its table.json lists, `observe` runs

    deltactl scan TABLE --version N --format jsonl     (rows compared with the pack's compare.py)
    deltactl files TABLE --version N --format jsonl    (paths compared with table.json active_files)

and classifies the version:

- ok       expected rows match (compare.py's rules), or an expected error happened (exit 1 for
           no table or no such version, 4 for a corrupt table; one `deltactl: error:` line,
           nothing on stdout); and where table.json lists the version's active files,
           `deltactl files` prints exactly those paths;
- refused  exit 4 with one `deltactl: error: unsupportedFeature: …` line naming a protocol
           feature we do not read (reader feature 'X', reader version N, type 'X');
- bad      anything else: wrong rows, wrong files, an unexpected error, a crash, rows where an
           error was expected. Never acceptable.

A table's status is `pass` (every version ok), `rejected: <feature>` (every version refused),
`pass except vA-vB: <feature>` (some refused, the rest ok) or `FAIL vN: <what>` (a version was
bad). spec/conformance.md is this module's `render()`; test_golden_tables.py re-derives every row
and asserts it equals the committed file, so the list cannot drift from the engine.

    .venv/bin/python tests/interop/conformance.py            # print the derived rows
    .venv/bin/python tests/interop/conformance.py --write    # regenerate spec/conformance.md
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "spec" / "conformance.md"
TIMEOUT_SECONDS = 600


def pack_dir() -> Path:
    return Path(os.environ.get("CONFORMANCE_DIR", REPO.parent / "shared" / "conformance")).resolve()


PACK = pack_dir()
EXPECTED = PACK / "golden-expected"
TABLES = PACK / "golden"


def load_compare():
    """The pack's compare.py as a module (its rules decide whether rows match)."""
    spec = importlib.util.spec_from_file_location("conformance_compare", PACK / "compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------- the pack

@dataclass
class GoldenTable:
    name: str                       # path under golden/, e.g. "hive/deltatbl-partitioned"
    meta: dict | None               # table.json, or None for a directory that is not a table
    versions: list[dict] = field(default_factory=list)   # ascending; version None = no --version

    @property
    def path(self) -> Path:
        return TABLES / self.name


def golden_tables() -> list[GoldenTable]:
    """Every table of golden/: each table.json in golden-expected/, plus each top-level entry of
    golden/ that no table.json covers (raw files that are not a table, e.g. log-store-read)."""
    out: list[GoldenTable] = []
    if EXPECTED.is_dir():
        for p in sorted(EXPECTED.rglob("table.json")):
            meta = json.loads(p.read_text(encoding="utf-8"))
            versions = sorted(meta.get("versions") or [], key=lambda v: v["version"])
            if not versions:
                versions = [{"version": None, "expect": "error",
                             "reason": meta.get("expected_reader_behaviour", "")}]
            out.append(GoldenTable(meta["table"], meta, versions))
    covered = {t.name.split("/")[0] for t in out}
    if TABLES.is_dir():
        for entry in sorted(TABLES.iterdir()):
            if entry.name not in covered:
                out.append(GoldenTable(entry.name, None, [{"version": None, "expect": "error",
                                                           "reason": "not a Delta table"}]))
    return sorted(out, key=lambda t: t.name)


# ----------------------------------------------------------------------------- observing

@dataclass
class Outcome:
    version: int | None
    kind: str                       # "ok" | "refused" | "bad"
    detail: str                     # the refused feature, or what was bad


# An `unsupportedFeature` error names the protocol feature; these extract the name.
FEATURE_PATTERNS = [
    re.compile(r"(reader feature '[^']+')"),
    re.compile(r"needs (reader version \d+)"),
    re.compile(r"has (type '[^']+'), which this version cannot read"),
]


def refused_feature(stderr: str) -> str | None:
    if ": unsupportedFeature: " not in stderr:
        return None
    for pattern in FEATURE_PATTERNS:
        m = pattern.search(stderr)
        if m:
            return m.group(1)
    return None


def _run(deltactl: str, *args) -> subprocess.CompletedProcess:
    prefix = [sys.executable] if deltactl.endswith(".py") else []
    try:
        return subprocess.run([*prefix, deltactl, *map(str, args)], capture_output=True, text=True,
                              timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(args, -999, "", f"timed out after {TIMEOUT_SECONDS}s")


def _clip(text: str, n: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


# deltactl's exit statuses for a read that fails on the table itself (README, "Exit codes"):
# 1 no table at the path / no such version, 4 a corrupt or unsupported table.
READ_FAILURE_STATUSES = (1, 4)
UNSUPPORTED_STATUS = 4


def _error_contract(p: subprocess.CompletedProcess) -> str | None:
    """None when `p` failed the way every deltactl failure must; else what was wrong."""
    lines = p.stderr.strip().splitlines()
    if p.returncode not in READ_FAILURE_STATUSES:
        return f"exit {p.returncode} (want one of {READ_FAILURE_STATUSES}): {_clip(p.stderr)}"
    if len(lines) != 1 or not lines[0].startswith("deltactl: error: "):
        return f"stderr is not one `deltactl: error:` line: {_clip(p.stderr)}"
    if p.stdout:
        return f"a failing command printed {len(p.stdout.splitlines())} lines on stdout"
    return None


def observe_version(deltactl: str, table: GoldenTable, v: dict, compare) -> Outcome:
    ver = v["version"]
    at = [] if ver is None else ["--version", ver]
    scan = _run(deltactl, "scan", table.path, *at, "--format", "jsonl")
    if scan.returncode == 0:
        if v["expect"] == "error":
            return Outcome(ver, "bad", f"expected an error ({_clip(v.get('reason', ''), 120)}), "
                                       f"got {len(scan.stdout.splitlines())} rows")
        expected = EXPECTED / table.name / (v.get("expected") or f"v{ver}.jsonl")
        ok, msg = compare.compare_against_expected(str(expected), scan.stdout.splitlines(), v.get("schema"))
        if not ok:
            return Outcome(ver, "bad", "wrong rows: " + _clip(" ".join(msg), 600))
    else:
        broken = _error_contract(scan)
        if broken:
            return Outcome(ver, "bad", "scan " + broken)
        feature = refused_feature(scan.stderr)
        if feature:
            if scan.returncode != UNSUPPORTED_STATUS:
                return Outcome(ver, "bad", f"scan refused {feature} with exit {scan.returncode} "
                                           f"(want {UNSUPPORTED_STATUS})")
            return Outcome(ver, "refused", feature)
        if v["expect"] == "rows":
            return Outcome(ver, "bad", "scan failed: " + _clip(scan.stderr))
    files = (v.get("active_files") or {})
    if ver is not None and "count" in files:
        listed = _run(deltactl, "files", table.path, "--version", ver, "--format", "jsonl")
        if listed.returncode != 0:
            return Outcome(ver, "bad", "files failed: " + _clip(listed.stderr))
        paths = sorted(json.loads(line)["path"] for line in listed.stdout.splitlines() if line.strip())
        if len(paths) != files["count"]:
            return Outcome(ver, "bad", f"files: {len(paths)} active files, expected {files['count']}")
        if "paths" in files and paths != sorted(files["paths"]):
            return Outcome(ver, "bad", f"files: paths {_clip(str(paths), 200)} != expected "
                                       f"{_clip(str(sorted(files['paths'])), 200)}")
    return Outcome(ver, "ok", "")


def observe(deltactl: str, tables: list[GoldenTable], jobs: int | None = None) -> dict[str, list[Outcome]]:
    """Outcomes per table name, every (table, version) run concurrently."""
    compare = load_compare()
    work = [(t, v) for t in tables for v in t.versions]
    with ThreadPoolExecutor(max_workers=jobs or max(2, os.cpu_count() or 2)) as pool:
        results = list(pool.map(lambda tv: observe_version(deltactl, tv[0], tv[1], compare), work))
    out: dict[str, list[Outcome]] = {t.name: [] for t in tables}
    for (t, _), o in zip(work, results):
        out[t.name].append(o)
    return out


# ----------------------------------------------------------------------------- statuses

def version_ranges(versions: list[int | None]) -> str:
    """[0, 1, 2, 5] -> "v0-v2, v5"."""
    vs = sorted(v for v in versions if v is not None)
    parts, i = [], 0
    while i < len(vs):
        j = i
        while j + 1 < len(vs) and vs[j + 1] == vs[j] + 1:
            j += 1
        parts.append(f"v{vs[i]}" if i == j else f"v{vs[i]}-v{vs[j]}")
        i = j + 1
    return ", ".join(parts)


def status(outcomes: list[Outcome]) -> str:
    bad = [o for o in outcomes if o.kind == "bad"]
    if bad:
        return "; ".join(f"FAIL {version_ranges([o.version]) or 'scan'}: {o.detail}" for o in bad)
    refused = [o for o in outcomes if o.kind == "refused"]
    if not refused:
        return "pass"
    features = ", ".join(sorted({o.detail for o in refused}))
    if len(refused) == len(outcomes):
        return f"rejected: {features}"
    return f"pass except {version_ranges([o.version for o in refused])}: {features}"


# ----------------------------------------------------------------------------- the spec

def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def versions_cell(table: GoldenTable) -> str:
    if table.meta is None:
        return "none: not a table"
    if table.versions[0]["version"] is None:
        return "none: must fail"
    rows = [v["version"] for v in table.versions if v["expect"] == "rows"]
    errors = [v["version"] for v in table.versions if v["expect"] == "error"]
    parts = []
    if rows:
        parts.append(version_ranges(rows) + " rows")
    if errors:
        parts.append(version_ranges(errors) + " error")
    listed = [v["version"] for v in table.versions if "count" in (v.get("active_files") or {})]
    if listed:
        parts.append(version_ranges(listed) + " files")
    return "; ".join(parts)


def note_cell(table: GoldenTable) -> str:
    if table.meta is None:
        return "not a Delta table: raw files for a log-store test; a scan must fail"
    return _cell(table.meta.get("notes") or table.meta.get("expected_reader_behaviour") or "")


def row(table: GoldenTable, outcomes: list[Outcome]) -> str:
    return f"| `{table.name}` | {_cell(status(outcomes))} | {versions_cell(table)} | {note_cell(table)} |"


HEADER = """# Golden-table conformance

What this engine does with every table of the Delta conformance pack (`../shared/conformance`:
the golden tables of delta-io/delta, written by Spark, with expected rows per version made by
deltalake and DuckDB; see its README.md). ARCHITECTURE.md's rule: read every table whose
features we support exactly as expected, refuse every other with an error that names the
missing feature — never wrong data.

**Summary: {total} entries in `golden/` ({tables} tables, {nontables} not a table); {passing} pass
({pass_all} at every version, {pass_except} except versions that need an unsupported feature),
{rejected} rejected, {failing} failing.** {versions} versions checked.

## Statuses

- `pass`: every version the pack lists reads exactly as expected (`deltactl scan TABLE --version
  N --format jsonl` compared with the pack's `compare.py` rules: rows as multisets, floats to
  1e-6, maps in any order); every version whose expected outcome is an error fails with exit 1
  (not a table, no such version) or 4 (a corrupt table),
  one `deltactl: error: …` line and no rows; and for every version where `table.json` lists
  the active files, `deltactl files TABLE --version N --format jsonl` prints exactly those paths.
  Log-only tables (add actions pointing at files that never existed: `checkpoint`,
  `log-replay-*`, …) pass by a failing scan and a right file list.
- `rejected: <feature>`: every version fails with exit 4 and the one error line
  `deltactl: error: unsupportedFeature: table at <path> has reader feature '<feature>' which
  this version cannot read` (or `needs reader version N`); `<feature>` is quoted from that line.
  Supported features: `Sources/DeltaLog/Features/TableFeatures.swift` and
  `spec/protocol-support.md`.
- `pass except vA-vB: <feature>`: those versions are refused as above (the feature was added
  to the table at a later version), all others pass.
- `FAIL vN: …` would mark wrong rows, a wrong file list, an unexpected error or a crash. No row
  may have it: the test fails while one does.

## How this list is checked

This file is generated: `tests/interop/conformance.py --write` runs deltactl on every
(table, version) and writes it. `tests/interop/test_golden_tables.py` runs the same
observation (one test per table) and asserts that each table's derived row equals its row here,
that every entry of `golden/` has exactly one row, that this header's counts are right, and that
no row is `FAIL`. A change in behaviour — a table that starts or stops reading, a new table in
the pack — fails the test until this file is regenerated and the change reviewed in its diff.
Versions column: which versions have expected rows, which must fail, and which have their
active files checked.

| table | status | versions | what it exercises |
| --- | --- | --- | --- |
"""


def counts(tables: list[GoldenTable], statuses: dict[str, str]) -> dict[str, int]:
    s = list(statuses.values())
    return dict(
        total=len(tables), tables=sum(t.meta is not None for t in tables),
        nontables=sum(t.meta is None for t in tables),
        passing=sum(x == "pass" or x.startswith("pass except") for x in s),
        pass_all=sum(x == "pass" for x in s), pass_except=sum(x.startswith("pass except") for x in s),
        rejected=sum(x.startswith("rejected") for x in s), failing=sum(x.startswith("FAIL") for x in s),
        versions=sum(len(t.versions) for t in tables))


def render_header(tables: list[GoldenTable], statuses: dict[str, str]) -> str:
    return HEADER.format(**counts(tables, statuses))


def render(tables: list[GoldenTable], outcomes: dict[str, list[Outcome]]) -> str:
    statuses = {t.name: status(outcomes[t.name]) for t in tables}
    return render_header(tables, statuses) + "".join(row(t, outcomes[t.name]) + "\n" for t in tables)


def parse_spec(text: str) -> tuple[str, dict[str, str]]:
    """(header, {table name: row line}) of a spec/conformance.md text."""
    header, rows = [], {}
    for line in text.splitlines(keepends=True):
        m = re.match(r"^\| `([^`]+)` \|", line)
        if m:
            rows[m.group(1)] = line.rstrip("\n")
        elif not rows:
            header.append(line)
    return "".join(header), rows


def status_of_row(line: str) -> str:
    return line.split(" | ")[1]


def find_deltactl() -> str:
    env = os.environ.get("DELTACTL")
    if env:
        return env
    p = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, capture_output=True, text=True)
    return os.path.join(p.stdout.strip(), "deltactl")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Derive spec/conformance.md from deltactl's behaviour.")
    ap.add_argument("--write", action="store_true", help="write spec/conformance.md")
    ap.add_argument("--tables", help="comma-separated table names (print only)")
    ap.add_argument("-j", "--jobs", type=int)
    args = ap.parse_args(argv)
    tables = golden_tables()
    if args.tables:
        wanted = set(args.tables.split(","))
        tables = [t for t in tables if t.name in wanted]
    outcomes = observe(find_deltactl(), tables, args.jobs)
    if args.write and not args.tables:
        SPEC.write_text(render(tables, outcomes), encoding="utf-8")
        print(f"wrote {SPEC}")
    for t in tables:
        print(row(t, outcomes[t.name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

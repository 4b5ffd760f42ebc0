"""Interop tests: our Parquet files read by pyarrow/DuckDB, theirs read by `deltactl`.

deltactl is found through $DELTACTL or `swift build --show-bin-path` (debug build);
the conformance pack through $CONFORMANCE_DIR or ../shared/conformance next to the repo.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def conformance_dir() -> Path:
    return Path(os.environ.get("CONFORMANCE_DIR", REPO.parent / "shared" / "conformance")).resolve()


class Deltactl:
    def __init__(self, path: str):
        self.path = path

    def run(self, *args, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
        # A .py stand-in (fake_deltactl.py) runs under this interpreter, so it sees pyarrow.
        prefix = [sys.executable] if self.path.endswith(".py") else []
        cmd = [*prefix, self.path, *map(str, args)]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if check and p.returncode != 0:
            raise AssertionError(f"`deltactl {' '.join(map(str, args))}` exited {p.returncode}:\n"
                                 f"{p.stderr.strip()}")
        return p

    def jsonl(self, path, *extra) -> list[str]:
        out = self.run("parquet", "cat", path, "--format", "jsonl", *extra).stdout
        return out.splitlines()


def _find_deltactl() -> str:
    env = os.environ.get("DELTACTL")
    if env:
        return env
    p = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, capture_output=True, text=True)
    return os.path.join(p.stdout.strip(), "deltactl")


@pytest.fixture(scope="session")
def deltactl() -> Deltactl:
    path = _find_deltactl()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.fail(f"deltactl not found at {path}: run `swift build` or set DELTACTL", pytrace=False)
    return Deltactl(path)

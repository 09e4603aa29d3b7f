"""Helpers for tests that run real `marsad` processes: the CLI with this checkout's source,
the export of a store as bytes, and the article count of a store another process writes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")


def marsad(*args: str, hash_seed: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC, "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, "-m", "marsad.cli", *args], env=env, capture_output=True, text=True, timeout=1800
    )


def exported(db: Path) -> bytes:
    out = db.with_suffix(".jsonl")
    done = marsad("export", "--db", str(db), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def stored_articles(db: Path) -> int:
    """Articles committed so far (0 while the store does not exist or is busy)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0

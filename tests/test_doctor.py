"""`marsad check`: passes a good store, finds each kind of damage done to a copy of it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.analyze import analyze_inputs
from marsad.cli import app
from marsad.paths import examples_dir
from marsad.store.db import Store
from marsad.store.doctor import check_store

runner = CliRunner()


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("doctor") / "good.db"
    with Store.open(db) as store:
        analyze_inputs([str(examples_dir() / "seeds")], store)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def test_a_good_store_passes(good_db: Path) -> None:
    assert all(f.ok for f in check_store(good_db))
    result = runner.invoke(app, ["check", "--db", str(good_db)])
    assert result.exit_code == 0 and "checks passed" in result.output


DAMAGE = {
    "mentions spans inside their article's text": 'UPDATE mentions SET "end" = 10000000 '
    "WHERE rowid = (SELECT MIN(rowid) FROM mentions)",
    "every event has evidence": "DELETE FROM event_evidence WHERE event = (SELECT MIN(id) FROM events)",
    "full-text index agrees with the articles": "DELETE FROM articles_fts "
    "WHERE id = (SELECT MIN(id) FROM articles)",
    "inputs name stored articles": "UPDATE inputs SET article = 'a-gone' "
    "WHERE origin = (SELECT MIN(origin) FROM inputs)",
    "story members exist": "UPDATE story_members SET member = 'a-gone' "
    "WHERE rowid = (SELECT MIN(rowid) FROM story_members WHERE member_kind = 'article')",
}


@pytest.mark.parametrize("check", list(DAMAGE))
def test_damage_is_found_in_plain_words(good_db: Path, tmp_path: Path, check: str) -> None:
    db = tmp_path / "damaged.db"
    shutil.copy(good_db, db)
    with sqlite3.connect(db) as conn:
        assert conn.execute(DAMAGE[check]).rowcount >= 1
    findings = {f.check: f for f in check_store(db)}
    assert not findings[check].ok
    assert [name for name, f in findings.items() if not f.ok] == [check]
    result = runner.invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 1 and "PROBLEM" in result.output and "checks found problems" in result.output


def test_damaged_pages_are_found(good_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "pages.db"
    shutil.copy(good_db, db)
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 5):  # scribble over some pages' bodies
        data[offset + 100 : offset + 400] = b"\x07" * 300
    db.write_bytes(bytes(data))
    result = runner.invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 1
    assert "PROBLEM" in result.output or "damaged" in result.output

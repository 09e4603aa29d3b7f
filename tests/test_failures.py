"""Failures said in plain words: a full disk, a locked database, a full temporary folder,
an interrupted run, an article past its time budget, a run with some bad inputs."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.analyze import analyze_inputs
from marsad.cli import EXIT_PROBLEMS, app
from marsad.paths import examples_dir
from marsad.store.db import Store, describe_sqlite_error
from marsad.terminal import terminal_safe
from marsad_runs import SRC, stored_articles

SEEDS = examples_dir() / "seeds"
runner = CliRunner()


def test_a_full_disk_is_said_so_and_whole_batches_are_kept(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    with Store.open(db) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages + 40}")  # SQLite's own "disk full"
        with pytest.raises(sqlite3.OperationalError) as caught:
            analyze_inputs([str(SEEDS)], store, batch_size=1, link=False)
        assert "cannot rollback" not in str(caught.value)
        message = describe_sqlite_error(caught.value, db)
        assert "disk is full" in message and "run the same command again" in message
        kept = store.count("articles")
    with Store.open(db) as store:
        assert store.count("articles") == kept and store.integrity_ok()


def test_a_locked_database_is_said_so(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Store.open(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    with pytest.raises(sqlite3.OperationalError) as caught:
        other.execute("BEGIN IMMEDIATE")
    holder.execute("ROLLBACK")
    assert "locked by another program" in describe_sqlite_error(caught.value, db)


def test_a_full_temp_folder_fails_once_in_plain_words(tmp_path: Path, monkeypatch) -> None:
    import py3langid.modelio

    from marsad.clean import language

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(language, "_identifier", None)
    monkeypatch.setattr(py3langid.modelio.tempfile, "TemporaryFile", full)
    result = runner.invoke(app, ["analyze", str(SEEDS), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 1
    assert "language model cannot be unpacked into the temporary folder" in result.output
    assert "no space left on device" in result.output


def test_an_article_past_its_time_budget_is_failed_and_the_run_goes_on(tmp_path: Path) -> None:
    problems: list[str] = []
    with Store.open(tmp_path / "b.db") as store:
        summary = analyze_inputs([str(SEEDS)], store, article_seconds=1e-4, on_problem=problems.append)
    assert summary.read == 5 and summary.stored == 0 and summary.errors == 5
    assert all("per-article time budget" in p for p in problems)


def test_some_bad_inputs_exit_3_with_the_good_ones_stored(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"content": ')
    result = runner.invoke(app, ["analyze", str(SEEDS), str(bad), "--db", str(tmp_path / "p.db")])
    assert result.exit_code == EXIT_PROBLEMS, result.output
    assert "5 article(s) stored" in result.output and "1 problem(s)" in result.output
    with Store.open(tmp_path / "p.db", readonly=True) as store:
        assert store.count("articles") == 5
    clean = runner.invoke(app, ["analyze", str(SEEDS), "--db", str(tmp_path / "c.db")])
    assert clean.exit_code == 0


def test_sigint_says_what_was_kept(tmp_path: Path) -> None:
    db = tmp_path / "i.db"
    # four copies of the seeds (20 inputs, one per batch): the run is still going when the
    # signal comes, even on a fast machine; a 5-input run could end between poll() and kill
    inputs = tmp_path / "inputs"
    for copy in "abcd":
        shutil.copytree(SEEDS, inputs / copy)
    env = {**os.environ, "PYTHONPATH": SRC}
    args = [sys.executable, "-m", "marsad.cli", "analyze", str(inputs), "--db", str(db), "--batch", "1"]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and stored_articles(db) >= 1:
            break
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the run finished before it could be interrupted")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted;" in err and "article(s) stored in committed batches are kept" in err
    kept = int(err.split("interrupted; ")[1].split(" ")[0])
    assert kept == stored_articles(db) >= 1


def test_terminal_output_has_no_control_characters() -> None:
    hostile = "عنوان\x1b]0;owned\x07\x1b[2J\r\nسطر\x9b31m"
    assert terminal_safe(hostile, one_line=True) == "عنوان]0;owned[2J سطر31m"
    assert "\x1b" not in terminal_safe(hostile) and "\n" in terminal_safe(hostile)

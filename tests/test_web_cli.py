"""`marsad serve` and the demo's serving: localhost by default, a token off it, clear errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

sys.path.insert(0, str(Path(__file__).parent / "e2e"))
from web_store import build_web_store

from marsad.cli import app

runner = CliRunner()


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record uvicorn.run calls instead of blocking on a server."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "web.db"
    build_web_store(path)
    return path


def test_serve_binds_localhost_by_default(db: Path, served: list) -> None:
    result = runner.invoke(app, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert served[0]["host"] == "127.0.0.1" and served[0]["port"] == 8123


def test_serve_elsewhere_needs_a_token(db: Path, served: list) -> None:
    result = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "--token" in result.output and not served
    result = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--token", "t0k"])
    assert result.exit_code == 0 and served[0]["host"] == "0.0.0.0"
    assert served[0]["app"].state.token == "t0k"


def test_serve_bad_database_is_one_line(tmp_path: Path, served: list) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "missing.db: no such database" in result.output
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 50)
    result = runner.invoke(app, ["serve", "--db", str(bad)])
    assert result.exit_code == 1 and "bad.db" in result.output and "Traceback" not in result.output
    assert not served

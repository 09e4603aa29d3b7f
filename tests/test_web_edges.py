"""The desk's edges: credentials compared on bytes, bounded login bodies, only http(s)
hrefs, a Secure cookie behind a TLS proxy, the token from a file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "e2e"))
from web_store import build_web_store

from marsad.model import stable_id
from marsad.web.app import MAX_LOGIN_BODY, create_app, http_url


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("edges") / "web.db"
    build_web_store(path)
    return path


def test_non_ascii_credentials_are_401_not_500(db: Path) -> None:
    client = TestClient(create_app(db, token="s3cret"), raise_server_exceptions=False)
    header = {"Authorization": "Bearer s3cr\u00e9t".encode("latin-1")}
    assert client.get("/api/articles", headers=header).status_code == 401
    cookie = {"Cookie": "marsad_session=\u00e9\u00e9".encode()}
    page = client.get("/", headers=cookie, follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    login = client.post("/login", data={"token": "سر", "next": "/"}, follow_redirects=False)
    assert login.status_code == 401


def test_login_body_is_bounded(db: Path) -> None:
    client = TestClient(create_app(db, token="s3cret"))
    big = client.post(
        "/login",
        content=b"token=s3cret&next=/&pad=" + b"x" * (MAX_LOGIN_BODY * 10),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert big.status_code == 413

    def chunks():  # no Content-Length: the limit holds while streaming
        yield b"token=s3cret&pad="
        for _ in range(100):
            yield b"x" * 1000

    streamed = client.post(
        "/login", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert streamed.status_code == 413
    ok = client.post("/login", data={"token": "s3cret", "next": "/"}, follow_redirects=False)
    assert ok.status_code == 303


def test_only_http_links_become_hrefs(db: Path) -> None:
    client = TestClient(create_app(db))
    hostile = client.get(f"/articles/{stable_id('a', 'web-fixture', 'hostile')}")
    assert hostile.status_code == 200
    assert 'href="javascript:' not in hostile.text and "javascript:alert(2)" in hostile.text
    normal = client.get(f"/articles/{stable_id('a', 'web-fixture', '000')}")
    assert 'href="https://example.org/000"' in normal.text
    for bad in ("javascript:alert(1)", " JavaScript:x", "data:text/html,x", "vbscript:x", "//evil", "http:x"):
        assert http_url(bad) is None, bad
    assert http_url("HTTPS://a.example/x") == "HTTPS://a.example/x"


def test_session_cookie_is_secure_over_tls_behind_a_proxy(db: Path) -> None:
    def cookie(app, **headers) -> str:
        client = TestClient(app)
        response = client.post(
            "/login", data={"token": "t0k", "next": "/"}, headers=headers, follow_redirects=False
        )
        return response.headers["set-cookie"].lower()

    assert "secure" not in cookie(create_app(db, token="t0k"), **{"X-Forwarded-Proto": "https"})
    proxied = create_app(db, token="t0k", behind_proxy=True)
    assert "; secure" in cookie(proxied, **{"X-Forwarded-Proto": "https"})
    assert "secure" not in cookie(proxied, **{"X-Forwarded-Proto": "http"})


def test_token_file_and_environment(tmp_path: Path, db: Path, monkeypatch) -> None:
    from marsad import cli

    seen: dict[str, object] = {}
    monkeypatch.setattr(
        cli, "_serve", lambda db, host, port, token, behind_proxy=False: seen.update(token=token)
    )
    runner = CliRunner()
    secret = tmp_path / "token"
    secret.write_text("from-a-file\n")
    assert runner.invoke(cli.app, ["serve", "--db", str(db), "--token-file", str(secret)]).exit_code == 0
    assert seen["token"] == "from-a-file"
    result = runner.invoke(cli.app, ["serve", "--db", str(db)], env={"MARSAD_TOKEN": "from-env"})
    assert result.exit_code == 0 and seen["token"] == "from-env"
    (tmp_path / "empty").write_text("\n")
    empty = runner.invoke(cli.app, ["serve", "--db", str(db), "--token-file", str(tmp_path / "empty")])
    assert empty.exit_code == 1 and "empty" in empty.output

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import export

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_demo_analyzes_the_seeds_into_a_fresh_db(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = run("demo", "--db", str(db), "--no-serve")
    assert first.exit_code == 0, first.output
    assert "Marsad demo: 5 articles" in first.output
    # the contradiction is shown whole: both sides, each ending its quotation
    shown = " ".join(first.output.split())
    assert "contradiction:" in shown
    assert "ألفي عسكري" in shown and "2500 جندي أمريكي" in shown
    assert "…" not in shown.split("contradiction:", 1)[1].split("Marsad analyze")[0]
    again = run("demo", "--db", str(db), "--no-serve")  # fresh each time: stores again, skips nothing
    assert "already stored (skipped) │     0" in again.output


def test_analyze_search_show_export(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("التقى وزير الدفاع الأمريكيّ نظيره العراقي في البنتاغون\n", encoding="utf-8")
    (corpus / "b.txt").write_text("أعلنت وزارة الصحة السعودية حملة تطعيم جديدة\n", encoding="utf-8")
    db = str(tmp_path / "m.db")
    result = run("analyze", str(corpus), str(tmp_path / "missing.txt"), "--db", db, "--batch", "1")
    assert result.exit_code == 3, result.output  # completed, with a problem: see cli.EXIT_PROBLEMS
    assert "missing.txt" in result.output  # the read problem, one line
    again = run("analyze", str(corpus), "--db", db)
    assert "already stored (skipped) │     2" in again.output

    hits = run("search", "--db", db, "الامريكي")
    assert hits.exit_code == 0
    assert "البنتاغون" in hits.output and "الصحة" not in hits.output

    lines = run("export", "--db", db).output.splitlines()
    articles = [json.loads(line) for line in lines if '"kind": "article"' in line]
    assert len(articles) == 2
    target = next(a for a in articles if "البنتاغون" in a["text"])
    shown = run("show", "--db", db, target["id"][:8])
    assert shown.exit_code == 0 and "البنتاغون" in shown.output

    out = tmp_path / "csv"
    assert run("export", "--db", db, "--format", "csv", "-o", str(out)).exit_code == 0
    assert (out / "article.csv").exists()
    assert run("export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "pq")).exit_code == 0
    assert len(list((tmp_path / "pq").glob("*.parquet"))) == len(export.KINDS)


def test_user_errors_are_one_line(tmp_path: Path) -> None:
    cases = [
        ("analyze", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "x.db")),
        ("search", "--db", str(tmp_path / "absent.db"), "word"),
        ("export", "--db", str(tmp_path / "absent.db"), "--format", "xml"),
        ("analyze", str(tmp_path), "--db", str(tmp_path / "y.db"), "--profile", "turbo"),
    ]
    for args in cases:
        result = run(*args)
        assert result.exit_code != 0, args
        errors = [line for line in result.output.splitlines() if line.startswith("marsad:")]
        assert len(errors) == 1, result.output
        assert "Traceback" not in result.output
    (tmp_path / "y.db").write_text("not a database", encoding="utf-8")
    broken = run("show", "--db", str(tmp_path / "y.db"), "a1")
    assert broken.exit_code == 1 and broken.output.startswith("marsad:")


def test_analyze_maps_json_fields_given_on_the_command_line(tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    record = {"story": "أعلنت وزارة الدفاع العراقية بدء حوار جديد في بغداد.", "when": "2024-01-02"}
    dump.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "f.db")
    assert run("analyze", str(dump), "--db", db, "--field", "text=story,published=when").exit_code == 0
    lines = run("export", "--db", db).output.splitlines()
    article = next(json.loads(x) for x in lines if '"kind": "article"' in x)
    assert article["published"] == "2024-01-02" and "بغداد" in article["text"]
    bad = run("analyze", str(dump), "--db", db, "--field", "bogus=x")
    assert bad.exit_code != 0 and "--field" in bad.output


def test_eval_without_its_extra_names_the_extra(monkeypatch) -> None:
    import marsad.evaluation

    monkeypatch.setitem(marsad.evaluation.EXTRA_MODULES, "marsad_no_such_module", "no-such-dist")
    result = runner.invoke(app, ["eval", "clean", "--limit", "1"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == ["marsad: eval needs the eval extra (missing no-such-dist): pip install 'marsad[eval]'"]


def test_demo_counts_read_as_english() -> None:
    from marsad.cli import _count

    assert _count(1, "article") == "1 article"
    assert _count(0, "independent source") == "0 independent sources"
    assert _count(3, "article") == "3 articles"

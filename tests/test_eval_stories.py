from __future__ import annotations

import json
import zlib

import numpy as np
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.evaluation import stories as eval_stories
from marsad.evaluation.stories import bcubed, load_dev_set


def test_bcubed_textbook_example() -> None:
    # Amigó et al. (2009)-style example: gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
    gold = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"}
    predicted = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 2}
    score = bcubed(gold, predicted)
    # precision per item: a,b 1; c 1/3; d,e 2/3 -> 11/3 / 5; recall: a,b 2/3; c 1/3; d,e 1 -> 11/3 / 5
    assert score.precision == pytest.approx(11 / 15)
    assert score.recall == pytest.approx(11 / 15)
    assert score.f1 == pytest.approx(11 / 15)


def test_bcubed_extremes() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    alone = bcubed(gold, {"a": 1, "b": 2, "c": 3})
    assert (alone.precision, alone.recall) == (1.0, pytest.approx(2 / 3))  # a,b: 1/2; c: 1
    lumped = bcubed(gold, {"a": 1, "b": 1, "c": 1})
    assert lumped.recall == 1.0 and lumped.precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert bcubed(gold, gold).f1 == 1.0
    assert bcubed({}, {}).f1 == 0.0


def test_dev_set_loads_with_both_splits() -> None:
    articles = load_dev_set()
    assert len(articles) >= 300
    assert {a.split for a in articles} == {"tune", "held"}
    clusters: dict[str, set[str]] = {}
    for a in articles:
        clusters.setdefault(a.cluster, set()).add(a.split)
        assert len(a.lead) <= 300
    assert all(len(splits) == 1 for splits in clusters.values()), "a cluster straddles the splits"
    sizes: dict[str, int] = {}
    for a in articles:
        sizes[a.cluster] = sizes.get(a.cluster, 0) + 1
    assert sum(1 for n in sizes.values() if n > 1) >= 60
    assert len({a.id for a in articles}) == len(articles)
    assert [a.day for a in articles] == sorted(a.day for a in articles)


def test_bad_dev_file_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load_dev_set(bad)
    with pytest.raises(ValueError, match="unknown split"):
        load_dev_set(bad, "test")


def _fake_embed(texts: list[str]) -> np.ndarray:
    # deterministic: one random unit vector per title, so same-title articles coincide
    rows = []
    for text in texts:
        rng = np.random.default_rng(zlib.crc32(text.split("\n")[0].encode()))
        v = rng.normal(size=512).astype(np.float32)
        rows.append(v / np.linalg.norm(v))
    return np.array(rows, dtype=np.float32).reshape(len(texts), 512)


def test_eval_command_runs_on_a_slice(tmp_path, monkeypatch) -> None:
    from marsad.link import stories

    monkeypatch.setattr(stories, "embed", _fake_embed)
    lines = eval_stories.DEV_SET.read_text(encoding="utf-8").splitlines()[:40]
    small = tmp_path / "small.jsonl"
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "stories", "--split", "all", "--path", str(small)])
    assert result.exit_code == 0, result.output
    assert "B³ F1" in result.output and "marsad.link.stories" in result.output
    assert f"{len(lines)} articles" in result.output
    assert len({json.loads(line)["cluster"] for line in lines}) > 1


def test_eval_command_reports_a_missing_file(tmp_path) -> None:
    result = CliRunner().invoke(app, ["eval", "stories", "--path", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "none.jsonl" in result.output


def test_dev_set_matches_the_corpus(shared) -> None:
    # every record is a real SaudiNewsNet article of its day, and its lead is the article's start
    import zipfile

    corpus: dict[str, dict] = {}
    articles = load_dev_set()
    for day in sorted({a.day.isoformat() for a in articles}):
        with zipfile.ZipFile(shared / "data" / "news" / "saudinewsnet" / f"{day}.zip") as archive:
            for item in json.loads(archive.read(archive.namelist()[0])):
                corpus.setdefault(item["url"], item)
    for a in articles:
        item = corpus[a.id]
        assert item["source"] == a.source
        assert item["content"].strip().startswith(a.lead)

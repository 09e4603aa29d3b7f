"""The hand-labelled cross-domain NER development set and its evaluation command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.annotate.bio import BioFormatError, bio_to_spans
from marsad.cli import app
from marsad.evaluation.ner import CROSSDOMAIN, load_crossdomain


def test_shipped_set_is_well_formed_and_covers_five_domains() -> None:
    records = [json.loads(line) for line in CROSSDOMAIN.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 300
    assert {r["domain"] for r in records} == {"sport", "economy", "technology", "health", "culture"}
    assert {r["split"] for r in records} == {"tune", "held"}
    for r in records:
        assert len(r["text"]) <= 400  # single sentences only: the corpus is CC BY-NC-SA
        for e in r["entities"]:
            assert r["text"][e["start"] : e["end"]] == e["text"]
            assert e["type"] in {"PER", "LOC", "ORG", "MISC"}


def test_loader_turns_spans_into_bio_and_filters_splits() -> None:
    every = load_crossdomain()
    tune, held = load_crossdomain(split="tune"), load_crossdomain(split="held")
    assert len(tune) + len(held) == len(every)
    n_entities = sum(
        len(json.loads(x)["entities"]) for x in CROSSDOMAIN.read_text(encoding="utf-8").splitlines()
    )
    assert sum(len(bio_to_spans(s.tags)) for s in every) == n_entities
    with pytest.raises(ValueError, match="unknown split"):
        load_crossdomain(split="dev")


def test_loader_names_file_and_line_on_bad_records(tmp_path: Path) -> None:
    bad = tmp_path / "set.jsonl"
    bad.write_text('{"text": "x", "entities": []}\n{"text": 1}\n', encoding="utf-8")
    with pytest.raises(BioFormatError, match=r"set\.jsonl:2"):
        load_crossdomain(bad)


def test_eval_command_scores_the_crossdomain_set() -> None:
    result = CliRunner().invoke(app, ["eval", "ner", "--set", "crossdomain", "--split", "held"])
    assert result.exit_code == 0, result.output
    assert "micro-F1" in result.output and "ORG" in result.output
    result = CliRunner().invoke(app, ["eval", "ner", "--set", "other"])
    assert result.exit_code == 2 and "unknown set" in result.output

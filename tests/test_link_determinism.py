"""Linking does not depend on hash order: the same analysed articles, linked in two
processes with different ``PYTHONHASHSEED``, give the same events and stories (ties between
equally good candidates are broken explicitly, never by the order of a set)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.analyze import analyze_inputs
from marsad.paths import examples_dir
from marsad.store.db import Store

FIXTURE = Path(__file__).parent / "fixtures" / "dialogue_rounds.json"

_LINK_AND_DUMP = """
import json, shutil, sys
from marsad.link import run_linkers
from marsad.store.db import Store
shutil.copyfile(sys.argv[1], sys.argv[2])
store = Store.open(sys.argv[2])
ids = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY seq")]
for i in range(0, len(ids), 4):
    run_linkers(store, ids[i : i + 4])
print(json.dumps({
    "stories": sorted([a.id, a.story] for a in store.iter_articles()),
    "events": sorted(
        [e.id, e.type, sorted(e.articles), e.sources, e.targets, e.merges] for e in store.iter_events()
    ),
    "contradictions": sorted(c.id for c in store.iter_contradictions()),
}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(tmp_path_factory.mktemp("hashseed")) / "analysed.db"
    with Store.open(path) as store:
        analyze_inputs([str(examples_dir() / "seeds"), str(FIXTURE)], store, link=False)
    return path


def _link(analysed: Path, seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = analysed.with_name(f"linked-{seed}.db")
    done = subprocess.run(
        [sys.executable, "-c", _LINK_AND_DUMP, str(analysed), str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_linking_gives_the_same_result_under_different_hash_seeds(analysed: Path) -> None:
    first, second = _link(analysed, "1"), _link(analysed, "2")
    assert first["events"] and first["stories"]
    assert first == second

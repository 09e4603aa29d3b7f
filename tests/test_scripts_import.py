"""Every training, benchmark and helper script still imports against the package as it is.

Scripts run rarely (when a model is rebuilt), so a renamed function in ``marsad`` would break
them silently; importing each one here catches that. A script whose third-party dependency
belongs to an extra that is not installed (torch for the accurate NER training) is skipped
with that reason; any other import error fails.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(
    p
    for folder in ("training", "benchmarks", "scripts")
    for p in (ROOT / folder).rglob("*.py")
    if "__pycache__" not in p.parts
)
# top-level modules of the `train` and `eval` extras: optional where the tests run
OPTIONAL = {"torch", "onnx", "sklearn", "scipy", "babel", "arabic_name_romanizer", "seqeval"}


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_script_imports(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # scripts import their siblings by bare name (``from train_fast import featurize``)
    monkeypatch.syspath_prepend(str(path.parent))
    name = "_script_" + "_".join(path.relative_to(ROOT).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it executes
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top in OPTIONAL and importlib.util.find_spec(top) is None:
            pytest.skip(f"needs {top} (an optional extra that is not installed)")
        raise
    finally:
        sys.modules.pop(name, None)
    assert module.__doc__, f"{path.name}: say in a docstring what the script does and how to run it"


def test_training_scripts_read_saudinewsnet_through_one_reader() -> None:
    """The raw SaudiNewsNet records come from ``marsad.evaluation.saudinewsnet`` (or, cleaned,
    from ``marsad.sources``); no training script opens the day zips itself."""
    opening = [
        p.relative_to(ROOT).as_posix()
        for p in SCRIPTS
        if p.parts[len(ROOT.parts)] == "training"
        and "zipfile" in (text := p.read_text(encoding="utf-8"))
        and re.search(r"saudinewsnet\"\)?\.glob|\"saudinewsnet\", \"\*\.zip\"", text)
    ]
    assert not opening, f"read SaudiNewsNet with marsad.evaluation.saudinewsnet: {opening}"

"""docs/ARCHITECTURE.md describes the code as built: every module path and dotted name it
gives exists, its annotator table is the pipeline (order, requires, provides, module), its
linker table is ``LINKERS`` in order, and every module of annotate/ and link/ is placed in it."""

from __future__ import annotations

import dataclasses
import importlib
import re
from pathlib import Path

from marsad.annotate.pipeline import BASE_PROVIDES, build_annotators
from marsad.link import LINKERS

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
CODE = re.findall(r"`([^`\n]+)`", DOC)


def _table(first_header: str) -> list[list[str]]:
    """The rows of the markdown table whose first column is ``first_header``, cells stripped."""
    lines = DOC.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.strip().startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _names(cell: str) -> tuple[str, ...]:
    return tuple(re.findall(r"`([^`]+)`", cell))


def _module_path(module: str) -> str:
    return "marsad/" + module.removeprefix("marsad.").replace(".", "/") + ".py"


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            fields = (
                {f.name for f in dataclasses.fields(target)} if dataclasses.is_dataclass(target) else set()
            )
            if attr in fields:
                return attr == parts[-1]
            if not hasattr(target, attr):
                return False
            target = getattr(target, attr)
        return True
    return False


def test_every_module_path_exists() -> None:
    paths = {m for code in CODE for m in re.findall(r"marsad/[\w/]*(?:\.py)?", code)}
    assert len(paths) > 40
    missing = sorted(p for p in paths if not (ROOT / "src" / p.rstrip("/")).exists())
    assert not missing, f"docs/ARCHITECTURE.md names modules that are not in src/: {missing}"
    for other in {code for code in CODE if re.fullmatch(r"(?:tests|benchmarks|docs)/[\w/.]+", code)}:
        assert (ROOT / other).exists(), other


def test_every_dotted_name_exists() -> None:
    dotted = {code for code in CODE if re.fullmatch(r"marsad(?:\.\w+)+", code)}
    assert len(dotted) > 10
    assert not [d for d in sorted(dotted) if not _resolves(d)]


def test_the_annotator_table_is_the_pipeline() -> None:
    rows = _table("annotator")
    built = build_annotators("fast")
    assert [_names(r[0])[0] for r in rows] == [a.name for a in built]
    for row, annotator in zip(rows, built, strict=True):
        assert _names(row[1])[0] == _module_path(type(annotator).__module__), annotator.name
        assert _names(row[2]) == annotator.requires, annotator.name
        assert _names(row[3]) == annotator.provides, annotator.name
    assert set(re.findall(r"`(\w+)`", DOC.split("BASE_PROVIDES`)")[1].split("\n\n")[0])) == BASE_PROVIDES


def test_the_linker_table_is_the_linkers_in_order() -> None:
    rows = _table("linker")
    assert [_names(r[0])[0] for r in rows] == [name for name, _ in LINKERS]
    for row, (_name, target) in zip(rows, LINKERS, strict=True):
        assert _names(row[1])[0] == _module_path(target.split(":")[0])


def test_every_annotate_and_link_module_is_placed() -> None:
    for package in ("annotate", "link"):
        for path in sorted((ROOT / "src" / "marsad" / package).glob("*.py")):
            if path.name != "__init__.py":
                assert f"marsad/{package}/{path.name}" in DOC, (
                    f"docs/ARCHITECTURE.md does not place {path.name}"
                )

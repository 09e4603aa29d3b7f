from __future__ import annotations

from pathlib import Path

import pytest

from marsad.paths import examples_dir, shared_dir

SEEDS = sorted((examples_dir() / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared data folder; tests that need it skip with a reason when it is absent."""
    path = shared_dir()
    if path is None:
        pytest.skip("../shared data is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """The five bundled seed articles by their number ("000".."004")."""
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in SEEDS}

"""Where Marsad finds things outside the package: the shared data folder, bundled examples."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RESOURCES = PACKAGE_DIR / "resources"


def repo_root() -> Path | None:
    """The source checkout this package runs from, if it runs from one."""
    candidate = PACKAGE_DIR.parent.parent
    return candidate if (candidate / "pyproject.toml").exists() else None


def shared_dir() -> Path | None:
    """``../shared`` beside the checkout (or $MARSAD_SHARED): training and evaluation data."""
    env = os.environ.get("MARSAD_SHARED")
    if env:
        return Path(env) if Path(env).is_dir() else None
    root = repo_root()
    for base in ([root] if root else []) + [Path.cwd()]:
        candidate = base.parent / "shared"
        if (candidate / "data").is_dir():
            return candidate
    return None


def shared_path(*parts: str) -> Path:
    """A path under the shared data folder, or a clear error if there is none."""
    base = shared_dir()
    if base is None:
        raise FileNotFoundError(
            "the shared data folder was not found: put it at ../shared beside the checkout "
            "or set MARSAD_SHARED"
        )
    return base.joinpath(*parts)


def examples_dir() -> Path:
    """The bundled sample corpus (the five seed articles)."""
    bundled = RESOURCES / "examples"
    if bundled.is_dir():
        return bundled
    root = repo_root()
    if root and (root / "examples").is_dir():
        return root / "examples"
    raise FileNotFoundError("the bundled examples are missing from this installation")

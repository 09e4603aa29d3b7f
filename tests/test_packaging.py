"""Everything the package reads at run time ships in its wheel, not only in a checkout."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "marsad"


def _glob(pattern: str) -> re.Pattern[str]:
    """setuptools' glob: ``**/`` is any number of folders, ``*`` stays within one."""
    regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
    return re.compile(regex + "$")


def test_every_data_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = [_glob(p) for p in config["tool"]["setuptools"]["package-data"]["marsad"]]
    missing = []
    for path in PACKAGE.rglob("*"):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(PACKAGE).as_posix()
        if not any(p.match(relative) for p in patterns):
            missing.append(relative)
    assert missing == [], f"not in [tool.setuptools.package-data]: {missing}"

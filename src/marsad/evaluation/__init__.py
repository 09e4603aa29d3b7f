"""Evaluation commands (``marsad eval NAME``): each module here that defines
``register(eval_app)`` adds its command; each prints precision/recall/F1 on held data.

Scoring and baselines need third-party packages the analysis never uses; they come with the
``eval`` extra (``pip install 'marsad[eval]'``) and stay out of the runtime install."""

from __future__ import annotations

from importlib.util import find_spec

# module → distribution, for the `eval` extra in pyproject.toml
EXTRA_MODULES = {"seqeval": "seqeval", "sklearn": "scikit-learn", "dateparser": "dateparser"}


def missing_extra() -> list[str]:
    """The distributions of the `eval` extra that are not installed here."""
    return [dist for module, dist in EXTRA_MODULES.items() if find_spec(module) is None]

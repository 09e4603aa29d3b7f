"""The role-mistake list of `marsad eval roles/coref --show-errors`: wrong labels only, gold
against system, markup in article text shown as text."""

from __future__ import annotations

from rich.console import Console

from marsad.evaluation.event_gold import RoleLabel, RoleOutcome, SystemMention
from marsad.evaluation.roles import print_role_mistakes


def _label(n: int, sentence: str) -> RoleLabel:
    return RoleLabel(f"r{n}", "seed:x", "dev", sentence, "CONSULT", "التقى", (("العباسي",),), (("أوستن",),))


def test_only_wrong_roles_are_listed_with_both_sides_and_escaped_text() -> None:
    console = Console(record=True, width=300)
    system = SystemMention("CONSULT", "التقى", 0, 5, ("[bold]العباسي",), (), (), ())
    print_role_mistakes(
        console,
        [
            RoleOutcome(_label(1, "جملة صحيحة"), system, True, True),
            RoleOutcome(_label(2, "جملة [red]خاطئة"), system, True, False),
            RoleOutcome(_label(3, "لم توجد"), None, False, False),
        ],
    )
    out = console.export_text()
    assert "[r1]" not in out
    assert "[r2] CONSULT التقى: العباسي -> أوستن  |  CONSULT التقى: [bold]العباسي -> -" in out
    assert "جملة [red]خاطئة" in out
    assert "[r3] CONSULT التقى: العباسي -> أوستن  |  not found" in out

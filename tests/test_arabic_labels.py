"""Every code the record carries has an Arabic label; counts agree with their number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad.arabic import labels
from marsad.arabic.counting import count_phrase
from marsad.arabic.event_verbs import _LEXICON
from marsad.arabic.nationalities import NISBA
from marsad.arabic.titles import ROLE_PHRASES
from marsad.paths import shared_dir


def test_every_detected_event_type_and_mode_has_a_label() -> None:
    for event_type, mode, _ in _LEXICON:
        assert labels.known("event_type", event_type), event_type
        assert mode is None or labels.known("mode", mode), mode


def test_every_plover_type_and_mode_of_the_manual_table_has_a_label() -> None:
    shared = shared_dir()
    table = shared / "data" / "events" / "plover" / "CAMEO2PLOVER-2021.txt" if shared else None
    if table is None or not table.is_file():
        pytest.skip("the PLOVER conversion table is absent (needs ../shared)")
    for line in table.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0]
        if line.startswith("#") or ":" not in body:
            continue
        parts = [p.strip() for p in body.split(":", 1)[1].split(",")]
        assert labels.known("event_type", parts[0]), parts[0]
        if len(parts) > 1 and parts[1]:
            assert labels.known("mode", parts[1]), parts[1]


def test_offices_countries_and_flags_have_labels() -> None:
    for office in set(ROLE_PHRASES.values()):
        assert labels.known("office", office), office
    for country in set(NISBA.values()):
        assert labels.known("country", country), country
    assert labels.label("country", "USA") == "الولايات المتحدة"
    assert labels.label("office", "defence-minister@IRQ") == "وزير الدفاع (العراق)"
    assert labels.label("event_type", "NOT-A-TYPE") == "NOT-A-TYPE"  # shown, never hidden
    flag_kinds = set()
    for path in Path(labels.__file__).parent.parent.rglob("*.py"):
        flag_kinds |= set(re.findall(r'"([a-z]+(?:_[a-z]+)+)"', path.read_text(encoding="utf-8")))
    for kind in ("boilerplate_removed", "title_repeated", "line_joined", "machine_translation_artifact"):
        assert kind in flag_kinds and labels.known("flag", kind)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 مقالات"),
        (1, "1 مقال"),
        (2, "2 مقالان"),
        (3, "3 مقالات"),
        (10, "10 مقالات"),
        (11, "11 مقالاً"),
        (99, "99 مقالاً"),
        (100, "100 مقال"),
        (102, "102 مقالاً"),
        (2302, "2302 مقالاً"),
        (2000, "2000 مقال"),
        (105, "105 مقالات"),
        (111, "111 مقالاً"),
    ],
)
def test_number_agreement(n: int, expected: str) -> None:
    assert count_phrase(n, "article") == expected


def test_events_count_as_events() -> None:
    assert [count_phrase(n, "event") for n in (1, 2, 3, 20)] == ["1 حدث", "2 حدثان", "3 أحداث", "20 حدثاً"]
    with pytest.raises(ValueError, match="no Arabic counting forms"):
        count_phrase(3, "widget")

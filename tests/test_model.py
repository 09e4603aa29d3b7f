"""The model's closed vocabularies and its partial-date value type."""

from __future__ import annotations

import json
from datetime import date

import pytest

from marsad.arabic import event_verbs
from marsad.model import EntityType, EventMention, EventMode, PartialDate, Precision, TimeExpr


def test_every_lexicon_mode_is_an_event_mode() -> None:
    modes = {mode for _type, mode, _stems in event_verbs._LEXICON if mode}
    assert modes <= set(EventMode), f"add to marsad.model.EventMode: {sorted(modes - set(EventMode))}"


def test_str_enums_are_their_strings() -> None:
    assert EntityType.PER == "PER" and Precision.MONTH == "month"
    assert json.dumps([EntityType.GPE, Precision.DAY]) == '["GPE", "day"]'
    assert f"{EventMode.MEET}" == "meet"


@pytest.mark.parametrize(
    ("value", "precision", "end", "interval"),
    [
        ("2023-08-08", "day", None, (date(2023, 8, 8), date(2023, 8, 8))),
        ("2023-08", "month", None, (date(2023, 8, 1), date(2023, 8, 31))),
        ("2023-12", "month", None, (date(2023, 12, 1), date(2023, 12, 31))),
        ("2023", "year", None, (date(2023, 1, 1), date(2023, 12, 31))),
        ("2023-07-22", "range", "2023-07-23", (date(2023, 7, 22), date(2023, 7, 23))),
        ("2023-08-07/2023-08-08", "range", None, (date(2023, 8, 7), date(2023, 8, 8))),
        ("2023-08-09", "range", "2023-08-01", (date(2023, 8, 9), date(2023, 8, 9))),  # backwards: start
        ("2023-13", "month", None, None),
    ],
)
def test_partial_date_interval(value, precision, end, interval) -> None:
    assert PartialDate(value, precision, end).interval() == interval


def test_times_and_events_read_the_same_partial_date() -> None:
    time = TimeExpr("a", 0, 5, "آب 2023", "2023-08", "month")
    mention = EventMention("a", 0, 3, "قصف", "ASSAULT", date="2023-08", date_precision="month")
    assert time.when == mention.when == PartialDate("2023-08", "month")
    assert mention.when is not None and mention.when.middle() == date(2023, 8, 16)
    assert PartialDate.of(None) is None and TimeExpr("a", 0, 1, "x", None, None).when is None

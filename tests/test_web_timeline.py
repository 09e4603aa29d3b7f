"""Timeline layout (precision shown honestly) and highlight segmentation of the web desk."""

from __future__ import annotations

from datetime import date

from marsad.web.highlight import segments, sentence_parts
from marsad.web.timeline import LABEL_ROOM, date_label, layout, period


def test_period_covers_what_the_precision_says() -> None:
    assert period("2023-08-08", "day") == (date(2023, 8, 8), date(2023, 8, 8))
    assert period("2023-08", "month") == (date(2023, 8, 1), date(2023, 8, 31))
    assert period("2024-02", "month") == (date(2024, 2, 1), date(2024, 2, 29))
    assert period("2023", "year") == (date(2023, 1, 1), date(2023, 12, 31))
    assert period("2023-08-07/2023-08-09", "range") == (date(2023, 8, 7), date(2023, 8, 9))
    assert period("2023-08-07/2023-09", "range") == (date(2023, 8, 7), date(2023, 9, 30))
    assert period("2023", "decade") == (date(2020, 1, 1), date(2029, 12, 31))
    assert period(None, None) is None and period("soon", None) is None and period("2023-13", "month") is None


def test_date_label_says_the_precision() -> None:
    assert date_label("2023-08-08", "day") == "8 أغسطس 2023"
    assert date_label("2023-08", "month") == "أغسطس 2023"
    assert date_label("2023", "year") == "2023"
    assert date_label(None, None) == "بلا تاريخ"


def test_month_event_is_a_band_over_the_month_and_day_event_a_point() -> None:
    t = layout(
        [
            {"id": "m", "type": "COOPERATE", "date": "2023-08", "date_precision": "month"},
            {"id": "d", "type": "CONSULT", "date": "2023-08-08", "date_precision": "day"},
            {"id": "u", "type": "ASSAULT", "date": None, "date_precision": None},
        ]
    )
    marks = {m.event: m for m in t.marks}
    assert marks["d"].width == 0 and not marks["d"].is_band
    band = marks["m"]
    assert band.is_band and band.precision == "month"
    # right to left: the band starts (right edge) at or right of the day inside it and ends left of it
    assert band.x < marks["d"].x < band.x + band.width
    assert [e["id"] for e in t.undated] == ["u"]
    assert t.ticks and all(0 <= tick.x <= t.width for tick in t.ticks)
    assert marks["m"].lane != marks["d"].lane  # overlapping marks do not share a lane


def test_time_runs_right_to_left_and_labels_stay_inside() -> None:
    events = [
        {"id": str(i), "type": "MEET", "date": f"2023-0{i}-15", "date_precision": "day"} for i in range(1, 10)
    ]
    t = layout(events)
    xs = [m.x for m in sorted(t.marks, key=lambda m: m.event)]
    assert xs == sorted(xs, reverse=True)
    for m in t.marks:
        if m.label_anchor == "end":
            assert m.label_x - LABEL_ROOM >= 0
        else:
            assert m.label_x + LABEL_ROOM <= t.width + LABEL_ROOM


def test_no_events_no_marks() -> None:
    assert layout([]).marks == []


def _article(text: str, **records: list) -> dict:
    base = {
        "text": text,
        "mentions": [],
        "times": [],
        "quantities": [],
        "quotes": [],
        "event_mentions": [],
        "flags": [],
        "actor_names": {},
    }
    return {**base, **records}


def test_segments_cover_the_text_once_with_overlapping_layers() -> None:
    text = 'قال أوستن "نحن ملتزمون بالعراق" يوم الثلاثاء'
    q0 = text.index('"')
    a = _article(
        text,
        mentions=[
            {"start": 4, "end": 9, "type": "PER", "actor": "A1"},
            {
                "start": text.index("بالعراق") + 1,
                "end": text.index("بالعراق") + 7,
                "type": "GPE",
                "actor": None,
            },
        ],
        quotes=[{"start": q0, "end": text.index('"', q0 + 1) + 1, "speaker_text": "أوستن"}],
        times=[
            {"start": text.index("الثلاثاء"), "end": len(text), "value": "2023-08-08", "precision": "day"}
        ],
        actor_names={"A1": "لويد أوستن"},
    )
    segs = segments(a)
    assert "".join(s.text for s in segs) == text
    by_text = {s.text: s for s in segs}
    assert by_text["أوستن"].layers == ["entity"] and by_text["أوستن"].actor == "A1"
    assert by_text["العراق"].layers == ["entity", "quote"] and by_text["العراق"].actor is None
    assert by_text["الثلاثاء"].layers == ["time"]
    assert "لويد أوستن" in " ".join(by_text["أوستن"].notes)


def test_bad_spans_are_clipped_not_fatal() -> None:
    a = _article("نص قصير", mentions=[{"start": 3, "end": 99, "type": "MISC", "actor": None}])
    segs = segments(a)
    assert "".join(s.text for s in segs) == "نص قصير"


def test_sentence_parts() -> None:
    assert sentence_parts("بحث الوزير", 10, 10, 13) == ("", "بحث", " الوزير")


def test_a_range_kept_as_date_and_date_end_is_a_band_over_its_days() -> None:
    assert period("2023-08-07", "range", "2023-08-08") == (date(2023, 8, 7), date(2023, 8, 8))
    assert date_label("2023-08-07", "range", "2023-08-08") == "7–8 أغسطس 2023"
    t = layout(
        [
            {
                "id": "r",
                "type": "CONSULT",
                "date": "2023-08-07",
                "date_precision": "range",
                "date_end": "2023-08-08",
            }
        ]
    )
    (mark,) = t.marks
    assert mark.is_band and mark.precision == "range"


def test_events_of_the_same_period_share_one_mark() -> None:
    events = [
        {"id": f"m{i}", "type": t, "date": "2023-08", "date_precision": "month"}
        for i, t in enumerate(["CONSULT", "AID", "CONSULT", "PROTEST", "REJECT"])
    ]
    events.append({"id": "d", "type": "CONSULT", "date": "2023-08-08", "date_precision": "day"})
    t = layout(events)
    assert len(t.marks) == 2
    band = next(m for m in t.marks if m.is_band)
    assert band.count == 5 and band.label.startswith("5 × تشاور ولقاء، مساعدة، احتجاج")
    assert "REJECT" in band.title

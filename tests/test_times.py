from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from marsad.annotate import times
from marsad.annotate.pipeline import ANNOTATORS
from marsad.annotate.times import build, find_times
from marsad.arabic.calendars import CalendarError, gregorian_to_hijri, hijri_to_gregorian
from marsad.arabic.clitics import PROCLITIC_BOUNDARY
from marsad.arabic.ordinals import cardinal_value, day_ordinal_value
from marsad.model import AnalyzedArticle, Article, TimeExpr


def one(text: str, published: str | None = "2023-08-11") -> TimeExpr:
    found = find_times(text, published)
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start : t.end] == t.text
    return t


def find(text: str, needle: str, published: str | None) -> TimeExpr:
    """The expression overlapping ``needle`` in ``text``."""
    found = re.search(r"\s+".join(map(re.escape, needle.split())), text)
    assert found, f"{needle!r} is not in the text"
    at, end = found.span()
    hits = [t for t in find_times(text, published, "a") if t.start < end and at < t.end]
    assert hits, f"nothing found at {needle!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("في 14 يناير 2021", "2021-01-14", "day"),
        ("ديسمبر 2019", "2019-12", "month"),
        ("كانون الثاني 2020", "2020-01", "month"),
        ("كانون الأول 2020", "2020-12", "month"),
        ("تشرين الثاني 2016", "2016-11", "month"),
        ("26 تموز/ يوليو 2021", "2021-07-26", "day"),
        ("5 آب / أغسطس 2023", "2023-08-05", "day"),
        ("تموز (يوليو) 2024", "2024-07", "month"),
        ("يوليو/تموز 2021", "2021-07", "month"),
        ("20 يوليو تموز 2015", "2015-07-20", "day"),
        ("2023/8/8", "2023-08-08", "day"),
        ("٨/٨/٢٠٢٣", "2023-08-08", "day"),
        ("08-أغسطس-2023", "2023-08-08", "day"),
        ("14 رمضان 1445 هـ", "2024-03-24", "day"),
        ("1436/10/15 هـ", "2015-07-31", "day"),
        ("الحادي والعشرين من يوليو 2020", "2020-07-21", "day"),
        ("عام 2017", "2017", "year"),
        ("عام 2010م", "2010", "year"),
        ("مطلع 2022", "2022", "year"),
        ("أواخر عام 2021", "2021", "year"),
        ("صيف 2014", "2014", "year"),
        ("نهاية شهر ديسمبر من عام 2016م", "2016-12", "month"),
    ],
)
def test_explicit_forms(text: str, value: str, precision: str) -> None:
    t = one(text)
    assert (t.value, t.precision) == (value, precision)


def test_vague_parts_keep_the_part_and_never_invent_a_day() -> None:
    assert one("مطلع 2022").note == "early"
    assert one("صيف 2014").note == "summer"
    mid = one("منتصف الشهر", "2023-08-11")
    assert (mid.value, mid.precision, mid.note) == ("2023-08", "month", "mid")


@pytest.mark.parametrize(
    ("text", "published", "value", "end_value"),
    [
        ("يومي 22 و23 تموز (يوليو) 2024", None, "2024-07-22", "2024-07-23"),
        ("في الفترة من 7 إلى 8 أغسطس / آب 2023", None, "2023-08-07", "2023-08-08"),
        ("من 7 إلى 8 أغسطس", "2023-08-11", "2023-08-07", "2023-08-08"),
        ("بين 2014 و2017", None, "2014", "2017"),
        ("من 11 - 22 شوال الحالي", "2015-07-27", "2015-07-27", "2015-08-07"),
        ("الأسبوع المقبل", "2023-08-11", "2023-08-14", "2023-08-20"),
    ],
)
def test_ranges(text: str, published: str | None, value: str, end_value: str) -> None:
    t = one(text, published)
    assert (t.value, t.end_value, t.precision, t.kind) == (value, end_value, "range", "range")


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("الثلاثاء", "2023-08-08", "2023-08-08"),  # same day: most recent on or before
        ("الخميس", "2023-08-08", "2023-08-03"),
        ("الخميس الماضي", "2023-08-10", "2023-08-03"),
        ("الأربعاء المقبل", "2015-08-10", "2015-08-12"),
        ("الخميس 10 آب / أغسطس", "2023-08-11", "2023-08-10"),
        ("أمس", "2023-08-11", "2023-08-10"),
        ("اليوم", "2023-08-11", "2023-08-11"),
        ("أول من أمس", "2015-08-02", "2015-07-31"),
        ("أمس الأول", "2015-07-21", "2015-07-19"),
        ("ظهر أمس الخميس", "2015-08-08", "2015-08-06"),  # the written weekday wins
        ("قبل يومين", "2023-08-11", "2023-08-09"),
        ("العام الماضي", "2023-08-11", "2022"),
        ("الشهر الجاري", "2023-08-11", "2023-08"),
        ("هذا العام", "2023-08-11", "2023"),
        ("حزيران/ يونيو الماضي", "2023-08-08", "2023-06"),
        ("6 أغسطس المقبل", "2015-07-25", "2015-08-06"),
        ("26 شباط/فبراير المقبل", "2015-07-31", "2016-02-26"),
        ("في أبريل من هذا العام", "2024-07-25", "2024-04"),
        ("الثاني عشر من الشهر الجاري", "2015-07-24", "2015-07-12"),
        ("غرة ذي القعدة", "2015-08-02", "2015-08-16"),
        ("الصيف الماضي", "2015-08-11", "2014"),
        ("قبل أربعة أشهر", "2015-07-24", "2015-03"),
    ],
)
def test_relative_forms(text: str, published: str, value: str) -> None:
    t = one(text, published)
    assert t.value == value
    assert t.resolution in ("relative", "vague")


@pytest.mark.parametrize(
    "text", ["الثلاثاء", "أمس", "العام الماضي", "في أبريل من هذا العام", "الخميس 10 آب / أغسطس"]
)
def test_relative_without_publication_date_stays_null(text: str) -> None:
    t = one(text, None)
    assert t.value is None
    assert "publication" in (t.note or "")


@pytest.mark.parametrize(
    ("text", "value"),
    [("على مدار يومين", "P2D"), ("على مدى الأشهر الستة الماضية", "P6M"), ("لمدة ثلاثة أسابيع", "P3W")],
)
def test_durations(text: str, value: str) -> None:
    t = one(text)
    assert (t.kind, t.value, t.precision) == ("duration", value, None)


def test_during_last_year_is_a_date_not_a_duration() -> None:
    t = one("خلال العام الماضي", "2015-08-06")
    assert (t.kind, t.value) == ("date", "2014")


@pytest.mark.parametrize("text", ["وصل 2500 جندي أمريكي", "في 3 قواعد", "نشر 2000 جندي", "نحو 2010 أشخاص"])
def test_counts_are_not_years(text: str) -> None:
    assert find_times(text, "2023-08-11") == []


@pytest.mark.parametrize(("text", "reason"), [("31 شباط", "no day 31"), ("عام 20233", "implausible year")])
def test_impossible_dates_are_kept_with_a_reason(text: str, reason: str) -> None:
    t = one(text)
    assert t.value is None and reason in (t.note or "")


def test_spans_are_exact_with_proclitics_and_diacritics() -> None:
    text = "وفي 26 تموزَ/ يوليو 2021، ثم بعدَ يومين، وفي 1436 هـ"
    for t in find_times(text, "2021-07-28"):
        assert text[t.start : t.end] == t.text
        assert not t.text.startswith("و")
    assert find_times(text, None)[0].value == "2021-07-26"
    assert find_times("1445 هـ", None)[0].text == "1445 هـ"


def test_seed_000(seed_texts: dict[str, str]) -> None:
    text, pub = seed_texts["000"], "2023-08-08"
    assert find(text, "الثلاثاء", pub).value == "2023-08-08"
    assert find(text, "26 تموز", pub).value == "2021-07-26"
    late = find(text, "نهاية العام ذاته", pub)
    assert (late.value, late.precision, late.note) == ("2021", "year", "late")
    assert find(text, "يونيو الماضي", pub).value == "2023-06"
    assert find(text, "مطلع", pub).value == "2022"
    assert find(text, "صيف 2014", pub).value == "2014"
    assert find(text, "في 2017", pub).value == "2017"
    assert find(text, "اتفاقية 2008", pub).value == "2008"
    assert all(t.value != "3000" for t in find_times(text, pub))  # "3000 مقاتل" is a count


def test_seed_001(seed_texts: dict[str, str]) -> None:
    text, pub = seed_texts["001"], "2023-08-11"
    assert find(text, "الخميس 10 آب", pub).value == "2023-08-10"
    r = find(text, "من 7 إلى 8 أغسطس", pub)
    assert (r.value, r.end_value, r.kind) == ("2023-08-07", "2023-08-08", "range")
    assert find(text, "3 كانون الثاني", pub).value == "2020-01-03"
    assert find(text, "في العام الماضي", pub).value == "2022"
    assert all(t.value is None or not t.value.startswith("2500") for t in find_times(text, pub))


def test_seed_002_without_publication_date(seed_texts: dict[str, str]) -> None:
    text = seed_texts["002"]
    r = find(text, "يومي 22", None)
    assert (r.value, r.end_value, r.precision) == ("2024-07-22", "2024-07-23", "range")
    assert find(text, "أبريل من هذا العام", None).value is None
    d = find(text, "الأشهر الستة الماضية", None)
    assert (d.kind, d.value) == ("duration", "P6M")


def test_annotator_is_registered_and_fills_the_doc() -> None:
    assert ("times", times.build) in ANNOTATORS
    article = Article("a1", "test", None, None, "2023-08-11", "ar", "اجتمع الوفدان أمس في بغداد.")
    doc = AnalyzedArticle(article=article)
    build("fast").annotate(doc)
    assert [(t.article, t.value) for t in doc.times] == [("a1", "2023-08-10")]


def test_calendars_and_ordinals() -> None:
    assert hijri_to_gregorian(1445, 9, 14).isoformat() == "2024-03-24"
    assert gregorian_to_hijri(hijri_to_gregorian(1436, 10, 1)) == (1436, 10, 1)
    with pytest.raises(CalendarError):
        hijri_to_gregorian(1436, 9, 30)  # Ramadan 1436 had 29 days
    assert day_ordinal_value("الحادي والعشرين") == 21
    assert cardinal_value("الستة") == 6


def test_dev_set_loads_and_eval_runs_on_a_slice() -> None:
    from marsad.cli import app
    from marsad.evaluation.times import load_dev

    rows = load_dev("all")
    assert len(rows) >= 200
    assert {r["split"] for r in rows} == {"tune", "held"}
    assert any(r["relative"] for r in rows) and any(not r["relative"] for r in rows)
    result = CliRunner().invoke(app, ["eval", "times", "--split", "tune", "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "Marsad" in result.output and "dateparser" in result.output


def test_article_before_day_number_and_month_ranges() -> None:
    assert one("في الـ29 من يوليو", "2015-07-21").value == "2015-07-29"
    r = one("خلال شهري يونيو - يوليو 2015")
    assert (r.value, r.end_value, r.kind) == ("2015-06", "2015-07", "range")
    assert one("تموز - يوليو 2015").value == "2015-07"  # a paired name, not a range


def _every_match(norm: str) -> list[list[tuple[int, int]]]:
    return [
        [m.span() for m in pattern.finditer(norm) if m.end() > m.start()] for _, pattern, _ in times.RULES
    ]


def _gated_matches(norm: str) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in found] for found in times._rule_matches(norm)]


def test_rules_run_where_they_can_start_and_find_what_finditer_finds(seed_texts: dict[str, str]) -> None:
    """The word gate (``times._STARTS``) only skips positions where a rule cannot match: on
    the seeds and the dev excerpts every rule finds exactly ``finditer``'s matches."""
    from marsad.arabic.normalize import normalize_with_map
    from marsad.evaluation.times import load_dev

    assert set(times._STARTS) == {name for name, _, _ in times.RULES}
    texts = [*seed_texts.values(), *(row["excerpt"] for row in load_dev("all"))]
    found = 0
    for text in texts:
        norm = normalize_with_map(text)[0]
        assert _gated_matches(norm) == _every_match(norm), text
        found += sum(map(len, _every_match(norm)))
    assert found > 200


# Each rule's own language without its left boundary: strings that rule matches.
_RULE_BODIES = [re.compile(pattern.pattern.removeprefix(PROCLITIC_BOUNDARY)) for _, pattern, _ in times.RULES]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_rules_gated_on_strings_each_rule_matches(data: st.DataObject) -> None:
    """Strings drawn from every rule's regex, after a word, a proclitic or nothing: the gate
    never hides a match (hypothesis also draws the odd digits ``\\d`` allows)."""
    body = data.draw(st.sampled_from(_RULE_BODIES))
    before = data.draw(st.sampled_from(["", " ", "و", "ب", "قال ", "(", "x"]))
    after = data.draw(st.sampled_from(["", " ", " في", "م", "5"]))
    norm = before + data.draw(st.from_regex(body, fullmatch=True)) + after
    assert _gated_matches(norm) == _every_match(norm)

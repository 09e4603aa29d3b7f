from __future__ import annotations

import pytest

from marsad.arabic.agencies import cited_agency, find_agency_citations

INA = "وكالة الأنباء العراقية"


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("وفق وكالة الأنباء العراقية «واع»", INA),
        ('وفق وكالة الأنباء العراقية "واع"', INA),
        ('وجدد التأكيد على الشراكة، وفق "واع".', INA),
        ("بحسب ما نقلت وكالة الأنباء العراقية عن المتحدث", INA),
        ("ووفقا لوكالة الأنباء العراقية، فإن الوزير قال", INA),
        ("بغداد (رويترز) - قال مسؤولون", "رويترز"),
        ("قال مسؤول (أ ف ب) إن", "وكالة فرانس برس"),
        ("الرياض - واس\nأكد خادم الحرمين", "وكالة الأنباء السعودية"),
        ("ذكرت وكالة الأناضول أن", "وكالة الأناضول"),
        ("نقلت وكالةُ الأنباءِ العراقيةُ", INA),  # diacritics
    ],
)
def test_cited_agency(text, agency):
    assert cited_agency(text) == agency


@pytest.mark.parametrize(
    "text",
    ["إنه واع بالمخاطر", "الرياض واس", "زار مدينة بترا الأثرية", "جلس بنا في المقهى", "قال الوزير"],
)
def test_ambiguous_abbreviations_need_citation_context(text):
    assert cited_agency(text) is None


def test_spans_point_at_the_name_and_most_cited_wins():
    text = "وقالت رويترز إن... وفق «واع». وأضافت وكالة الأنباء العراقية أن"
    citations = find_agency_citations(text)
    assert [text[c.start : c.end] for c in citations] == ["رويترز", "واع", "وكالة الأنباء العراقية"]
    assert cited_agency(text) == INA

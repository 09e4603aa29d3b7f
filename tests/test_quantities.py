"""Figures and claims: the seed examples, SaudiNewsNet-style text, and what is not a figure."""

from __future__ import annotations

import pytest

from marsad.annotate import quantities
from marsad.annotate.pipeline import ANNOTATORS
from marsad.annotate.quantities import build, find_quantities
from marsad.arabic.sentences import split_sentences
from marsad.arabic.units import unit_lemma
from marsad.model import AnalyzedArticle, Article, Quantity, TimeExpr


def _doc(text: str, published: str | None = "2023-08-10", doc_id: str = "a1") -> AnalyzedArticle:
    article = Article(
        id=doc_id, source="test", url=None, title=None, published=published, language="ar", text=text
    )
    return AnalyzedArticle(article=article, sentences=split_sentences(text))


def _figures(text: str) -> list[Quantity]:
    return find_quantities(_doc(text))[0]


def _one(text: str, figure: str) -> Quantity:
    hits = [q for q in _figures(text) if q.text == figure]
    assert len(hits) == 1, [q.text for q in _figures(text)]
    return hits[0]


def test_registered() -> None:
    assert ("quantities", quantities.build) in ANNOTATORS
    doc = _doc("قتل 17 عنصرا من قوات الامن.")
    build("fast").annotate(doc)
    assert [q.value for q in doc.quantities] == [17]


def test_seed_001_approximate_soldiers_and_elided_unit(seed_texts: dict[str, str]) -> None:
    doc = _doc(seed_texts["001"])
    quantities, claims = find_quantities(doc)
    q = next(q for q in quantities if q.value == 2500)
    assert (q.unit, q.unit_lemma, q.approximate, q.kind) == ("جندي", "جندي", True, "count")
    assert doc.text[q.unit_start : q.unit_end] == "جندي"
    extra = next(q for q in quantities if q.value == 1000)
    assert extra.unit_lemma == "جندي" and not extra.approximate
    claim = next(c for c in claims if c.value == 2500)
    assert claim.subject == "جندي أمريكي"
    assert claim.unit == "جندي" and claim.approximate and claim.as_of == "2023-08-10"
    # dates are not figures: "3 كانون الثاني / يناير 2020", "من 7 إلى 8 أغسطس"
    assert {q.value for q in quantities} == {2500, 1000}


def test_seed_003_bound_max_dual_and_bases(seed_texts: dict[str, str]) -> None:
    quantities, claims = find_quantities(_doc(seed_texts["003"]))
    assert [(q.value, q.unit_lemma) for q in quantities] == [(2000, "عسكري"), (3, "قاعدة")]
    claim = next(c for c in claims if c.value == 2000)
    assert claim.bound == "max"
    assert claim.subject == "القوات الأمريكية"
    assert claim.id.startswith("c")


def test_seed_000_approximate_fighters(seed_texts: dict[str, str]) -> None:
    quantities, claims = find_quantities(_doc(seed_texts["000"]))
    assert [(q.value, q.unit_lemma, q.approximate) for q in quantities] == [(3000, "مقاتل", True)]
    assert claims[0].subject == "مقاتل إرهابي عراقي"


def test_seed_004_range_percent_indefinites(seed_texts: dict[str, str]) -> None:
    quantities, claims = find_quantities(_doc(seed_texts["004"]))
    by_text = {q.text: q for q in quantities}
    assert by_text["400 إلى 500"].high == 500 and by_text["400 إلى 500"].unit_lemma == "عنصر"
    assert by_text["100%"].kind == "percent" and by_text["100%"].value == 100
    assert by_text["عشرات الآلاف"].indefinite and by_text["عشرات الآلاف"].value == 10000
    assert by_text["عشرات الآلاف"].unit_lemma == "امرأة"
    assert by_text["آلاف"].indefinite and by_text["آلاف"].unit_lemma == "عائلة"
    # F-16, AC-208, "نسخته 21", (2026- 2030), "عام 2014" are not figures
    assert not {"16", "208", "21", "2026", "2030", "2014"} & set(by_text)
    assert any(c.value == 400 and c.high == 500 for c in claims)


@pytest.mark.parametrize(
    "text",
    [
        "تلقى التنظيم الهزيمة في 2017 بعد أن اجتاح البلاد صيف 2014.",
        "وقع الاتفاق في 2023/8/8 في بغداد.",
        "وفي 26 تموز/ يوليو 2021، توصلت بغداد وواشنطن إلى اتفاق.",
        "يومي 22 و23 تموز (يوليو) 2024",
        "مؤتمر حوار المنامة في نسخته 21 في البحرين",
        "باستخدام طائرات F-16 و AC-208",
        "للاستفسار يرجى الاتصال على الرقم 0551234567",
        "استمرت المفاوضات ثلاثة أيام وامتدت عشر سنوات",
        "في القرن التاسع عشر",
        "خلال الأشهر الستة الماضية",
        "منذ عام 1407 لم تطرأ أفكار جديدة",
        "الساعة 10:30 صباحا",
        "تقول الأكاديمية إن خمس الامريكيين عرضة للإصابة",
        "كما في مقررات «جنيف1» وهاتف جالاكسي إس6",
    ],
)
def test_not_figures(text: str) -> None:
    assert _figures(text) == []


@pytest.mark.parametrize(
    ("text", "figure", "value", "high", "unit_lemma", "kind", "approximate", "indefinite"),
    [
        (
            "وحدد الادعاء كفالة قدرها 250 ألف دولار للإفراج عنه.",
            "250 ألف",
            250000,
            None,
            "دولار",
            "money",
            False,
            False,
        ),
        ("يقل الخطر بحوالي 25 بالمائة.", "25 بالمائة", 25, None, None, "percent", True, False),
        ("ارتفع الطلب 1.2 في المائة في يونيو", "1.2 في المائة", 1.2, None, None, "percent", False, False),
        ("تتراوح بين 32 إلى 60 مليار دولار", "32 إلى 60 مليار", 32e9, 60e9, "دولار", "money", False, False),
        ("يقابلها ما بين 60 و70 مليون أمي", "60 و70 مليون", 60e6, 70e6, None, "count", False, False),
        ("وصول ما بين 50 ألفا و60 ألف سعودي", "50 ألفا و60 ألف", 50000, 60000, None, "count", False, False),
        ("نيابة عن 4ر86 مليون شخص", "4ر86 مليون", 86.4e6, None, "شخص", "count", False, False),
        ("توفير فرص عمل لـ1.283 سيدة", "1.283", 1283, None, "امرأة", "count", False, False),
        ("سلمت الجمعية «355» أسرة من المستحقين", "355", 355, None, "أسرة", "count", False, False),
        ("أصيب سبعة أشخاص بجروح", "سبعة", 7, None, "شخص", "count", False, False),
        ("وجه حوالي ثلاثين عالما رسالة", "ثلاثين", 30, None, None, "count", True, False),
        ("تظاهر عشرات الأكراد في السليمانية", "عشرات", 10, None, None, "count", False, True),
        ("تخلفوا عن المئات الذين فروا", "المئات", 100, None, None, "count", False, True),
        ("بلغت الودائع نحو تريليوني دولار", "تريليوني", 2e12, None, "دولار", "money", True, False),
        ("وزنها 17 ألفاً و 800 كجم", "17 ألفاً و 800", 17800, None, "كيلوغرام", "count", False, False),
        ("بعد ثلاث او اربع مباريات رسمية", "ثلاث او اربع", 3, 4, None, "count", False, False),
        ("قتل 20 شخصا على الأقل وإصابة 48 آخرين", "48", 48, None, "شخص", "count", False, False),
    ],
)
def test_saudinewsnet_style_figures(
    text: str,
    figure: str,
    value: float,
    high: float | None,
    unit_lemma: str | None,
    kind: str,
    approximate: bool,
    indefinite: bool,
) -> None:
    q = _one(text, figure)
    assert q.value == pytest.approx(value)
    assert q.high == (pytest.approx(high) if high else None)
    if unit_lemma is not None:
        assert q.unit_lemma == unit_lemma
    assert (q.kind, q.approximate, q.indefinite) == (kind, approximate, indefinite)
    assert text[q.start : q.end] == q.text


def test_unit_written_and_lemma() -> None:
    q = _one("يتدرب 140 طالبا موهوبا على الاختراع", "140")
    assert (q.unit, q.unit_lemma) == ("طالبا", "طالب")
    fallback = _one("خصصت اللجنة 16 جناحًا للأسر", "16")
    assert (fallback.unit, fallback.unit_lemma) == ("جناحًا", None)
    assert unit_lemma("الجنود") == "جندي" and unit_lemma("قتلى") == "قتيل" and unit_lemma("قواعد") == "قاعدة"


def test_count_noun_before_the_number() -> None:
    q = _one("وبلغ عدد القتلى 25 حتى مساء الأمس.", "25")
    assert q.unit_lemma == "قتيل"


def test_claim_bound_min_and_as_of_from_sentence_time() -> None:
    text = "كان هناك أكثر من 5000 جندي أمريكي في العراق عام 2019. ويوجد حاليا 2500 جندي أمريكي."
    doc = _doc(text, published="2023-08-10")
    start = text.index("عام 2019")
    doc.times.append(TimeExpr("a1", start, start + 8, "عام 2019", "2019", "year"))
    _, claims = find_quantities(doc)
    first, second = claims
    assert (first.value, first.bound, first.as_of) == (5000, "min", "2019")
    assert (second.value, second.bound, second.as_of) == (2500, None, "2023-08-10")
    assert first.subject_key == "جندي امريكي"


def test_no_claim_without_subject() -> None:
    _, claims = find_quantities(_doc("يتوزعون على 3 قواعد هي عين الأسد وحرير."))
    assert claims == []

"""Arabic number reading: digits in both scripts, number words in all their forms."""

from __future__ import annotations

import pytest

from marsad.arabic.numbers import is_definite_number_word, parse_digits, parse_number_words, read_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2500", 2500),
        ("2,500", 2500),
        ("٢٬٥٠٠", 2500),
        ("٢٥٠٠", 2500),
        ("3٫5", 3.5),
        ("3.5", 3.5),
        ("1.000.000", 1_000_000),
        ("64,6", 64.6),
        ("100%", 100),
    ],
)
def test_digits(text: str, value: float) -> None:
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "2,50,0", "1.2.3"])
def test_not_digits(text: str) -> None:
    assert parse_digits(text) is None


@pytest.mark.parametrize(
    ("words", "value", "used"),
    [
        ("صفر", 0, 1),
        ("ثلاثة جنود", 3, 1),
        ("ثلاث قواعد", 3, 1),
        ("ثمانية", 8, 1),
        ("ثماني", 8, 1),
        ("عشرة", 10, 1),
        ("أحد عشر", 11, 2),
        ("إحدى عشرة", 11, 2),
        ("اثنا عشر", 12, 2),
        ("ثلاثة عشر", 13, 2),
        ("تسع عشرة دولة", 19, 2),
        ("عشرين جنديا", 20, 1),
        ("خمسة وعشرون", 25, 2),
        ("مائة", 100, 1),
        ("مئة وخمسون", 150, 2),
        ("مئة و خمسون", 150, 3),
        ("مئتي", 200, 1),
        ("مائتين", 200, 1),
        ("ثلاثمائة", 300, 1),
        ("ثلاث مئة", 300, 2),
        ("تسعمائة", 900, 1),
        ("ألف", 1000, 1),
        ("ألفي عسكري", 2000, 1),
        ("ألفين", 2000, 1),
        ("ألفان", 2000, 1),
        ("ثلاثة آلاف", 3000, 2),
        ("ثلاثة آلاف وخمسمائة", 3500, 3),
        ("خمسة وعشرون ألفا", 25000, 3),
        ("خمسة وعشرين ألفًا", 25000, 3),
        ("مائة وخمسة وعشرون ألف", 125000, 4),
        ("مليون", 1e6, 1),
        ("مليوني", 2e6, 1),
        ("مليونين", 2e6, 1),
        ("سبعة ملايين", 7e6, 2),
        ("مليار", 1e9, 1),
        ("ملياري", 2e9, 1),
        ("سبعة مليارات", 7e9, 2),
        ("نصف مليون", 5e5, 2),
        ("مليون ونصف", 1.5e6, 2),
        ("بعشرة ملايين دولار", 1e7, 2),
        ("وخمسة", 5, 1),
    ],
)
def test_number_words(words: str, value: float, used: int) -> None:
    assert parse_number_words(words.split()) == (pytest.approx(value), used)


@pytest.mark.parametrize("words", ["أحد الجنود", "نصف الساعة", "كمية", "جنود", "آلاف العائلات", "بالمئة"])
def test_not_number_words(words: str) -> None:
    assert parse_number_words(words.split()) is None


@pytest.mark.parametrize(
    ("tokens", "value", "high", "indefinite", "used"),
    [
        (["2.5", "مليون"], 2.5e6, None, False, 2),
        (["3", "آلاف"], 3000, None, False, 2),
        (["250", "ألف", "دولار"], 250000, None, False, 2),
        (["17", "ألفاً", "و", "800", "كجم"], 17800, None, False, 4),
        (["145", "مليارا", "و", "600", "مليون"], 145.6e9, None, False, 5),
        (["عشرات"], 10, None, True, 1),
        (["العشرات", "من"], 10, None, True, 1),
        (["مئات"], 100, None, True, 1),
        (["آلاف", "العائلات"], 1000, None, True, 1),
        (["عشرات", "الآلاف", "من"], 10000, None, True, 2),
        (["مئات", "الآلاف"], 100000, None, True, 2),
        (["بالملايين"], 1e6, None, True, 1),
        (["بضعة", "آلاف"], 3000, 9000, True, 2),
        (["واحد", "بالمئة"], 1, None, False, 1),
    ],
)
def test_read_number(
    tokens: list[str], value: float, high: float | None, indefinite: bool, used: int
) -> None:
    reading = read_number(tokens)
    assert reading is not None
    assert reading.value == pytest.approx(value)
    assert reading.high == (pytest.approx(high) if high else None)
    assert reading.indefinite is indefinite
    assert reading.n_tokens == used


def test_definite_number_words() -> None:
    assert is_definite_number_word("الستة")
    assert is_definite_number_word("الثلاثين")
    assert not is_definite_number_word("ألفي")
    assert not is_definite_number_word("العشرات")  # an order of magnitude, still an amount
    assert not is_definite_number_word("ثلاثة")

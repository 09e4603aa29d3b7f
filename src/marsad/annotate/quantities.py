"""Figures: counts, money and percentages with their unit, hedges and bounds, and claims.

Reads numbers with ``marsad.arabic.numbers`` over the whole cleaned text (figures and their
hedges may straddle a hard line break), skips what only looks like a figure (years, dates,
times of day, model names such as "F-16", edition numbers, phone numbers, durations), finds
the counted noun after the number (or the noun of a preceding "عدد X"), and turns a figure
with a qualified subject ("2500 جندي أمريكي") into a ``Claim``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.arabic.clitics import proclitic_variants
from marsad.arabic.months import GREGORIAN_MONTHS, HIJRI_MONTHS
from marsad.arabic.normalize import normalize
from marsad.arabic.numbers import (
    PERCENT_WORDS,
    NumberReading,
    is_definite_number_word,
    is_number_word,
    parse_digits,
    read_number,
)
from marsad.arabic.tokens import Token, tokenize
from marsad.arabic.units import (
    CASUALTY_AFTER,
    CASUALTY_BEFORE,
    is_duration,
    unit_category,
    unit_kind,
    unit_lemma,
)
from marsad.model import AnalyzedArticle, Claim, Quantity, stable_id


def _n(*words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


# Phrases (normalized, tokenized) that end right before a figure.
_APPROX = [tuple(normalize(w) for w in p.split()) for p in (
    "نحو", "بنحو", "حوالي", "حوالى", "بحوالي", "قرابة", "بقرابة", "ما يقرب من", "يقرب من",
    "زهاء", "بزهاء", "ما يناهز", "يناهز", "ما يقارب", "يقارب", "تقريبا", "قرابه",
)]  # fmt: skip
_MAX = [tuple(normalize(w) for w in p.split()) for p in (
    "لا يتجاوز", "لا تتجاوز", "لا يزيد على", "لا يزيد عن", "لا تزيد على", "لا تزيد عن", "أقل من",
    "حتى", "ما دون", "دون", "بحد أقصى", "لا يتعدى", "لا تتعدى",
)]  # fmt: skip
_MIN = [tuple(normalize(w) for w in p.split()) for p in (
    "أكثر من", "ما لا يقل عن", "لا يقل عن", "لا تقل عن", "ما يزيد على", "ما يزيد عن", "يزيد على",
    "يزيد عن", "أزيد من", "يفوق", "ما يفوق", "يتجاوز", "تتجاوز", "ما يتجاوز", "أكثر",
)]  # fmt: skip
_MIN_AFTER = [tuple(normalize(w) for w in p.split()) for p in ("على الأقل", "في الأقل", "وأكثر", "أو أكثر")]
_PERCENT = [tuple(normalize(w) for w in p.split()) for p in (
    "بالمئة", "بالمائة", "بالمية", "في المئة", "في المائة", "في المية", "%", "٪",
)]  # fmt: skip
_RANGE_OPEN = _n("بين", "ما", "من", "وبين")
_RANGE_JOIN = _n("إلى", "الى", "و", "حتى", "-", "–", "—", "لـ", "أو", "او")
_YEAR_CUES = _n(
    "عام", "العام", "سنة", "لعام", "بعام", "منذ", "مطلع", "أواخر", "أوائل", "نهاية", "منتصف", "صيف",
    "شتاء", "ربيع", "خريف", "عامي", "العامين", "لسنة", "هـ", "م", "ه",
)  # fmt: skip
# Words before a number that make it a label, not an amount.
_LABEL_CUES = _n(
    "الرمز",
    "رمز",
    "الكود",
    "كود",
    "الموديل",
    "الطائرة",
    "الطائرات",
    "الآيفون",
    "آيفون",
    "جالاكسي",
    "نسخة",
    "النسخة",
    "نسخته",
    "نسختها",
    "الدورة",
    "دورة",
    "دورته",
    "دورتها",
    "رقم",
    "الرقم",
    "برقم",
    "المادة",
    "مادة",
    "الفقرة",
    "البند",
    "بند",
    "الجولة",
    "الحلقة",
    "الطبعة",
    "الفصل",
    "القرار",
    "الصفحة",
    "المرتبة",
    "المركز",
    "الساعة",
    "ساعة",
    "الموسم",
    "الآية",
    "الاية",
    "سورة",
    "العدد",
    "الإصدار",
    "الطراز",
    "طراز",
    "موديل",
    "الجيل",
    "المجموعة",
    "الفئة",
    "الدرجة",
    "المباراة",
    "الأسبوع",
    "الجولة",
    "الشوط",
    "الدقيقة",
    "هاتف",
    "الهاتف",
    "جوال",
    "الجوال",
    "فاكس",
    "ص.ب",
    "الطريق",
    "طريق",
    "شارع",
    "الشارع",
)
# Ordinals before عشر/عشرة ("القرن التاسع عشر"): the number word is part of an ordinal.
_ORDINALS = _n(
    "الحادي",
    "الحادية",
    "الثاني",
    "الثانية",
    "الثالث",
    "الثالثة",
    "الرابع",
    "الرابعة",
    "الخامس",
    "الخامسة",
    "السادس",
    "السادسة",
    "السابع",
    "السابعة",
    "الثامن",
    "الثامنة",
    "التاسع",
    "التاسعة",
    "حادي",
    "ثاني",
    "ثالث",
    "رابع",
    "خامس",
    "سادس",
    "سابع",
    "ثامن",
    "تاسع",
)
_STOP_UNIT = _n(
    "في",
    "من",
    "على",
    "إلى",
    "الى",
    "عن",
    "مع",
    "أو",
    "او",
    "ثم",
    "قد",
    "لا",
    "ما",
    "التي",
    "الذي",
    "الذين",
    "خلال",
    "منذ",
    "بعد",
    "قبل",
    "حتى",
    "عند",
    "هو",
    "هي",
    "كما",
    "أن",
    "ان",
    "إن",
    "لم",
    "لن",
    "فقط",
    "تقريبا",
    "أخرى",
    "آخرين",
    "اخرى",
    "اخرين",
    "بين",
    "ضمن",
    "مقابل",
    "نحو",
    "بينما",
    "فيما",
    "أي",
    "كل",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "حين",
    "بنسبة",
    "نسبة",
    "وفق",
    "حسب",
    "عبر",
    "لدى",
    "إثر",
)
_EXTRA = _n("إضافي", "إضافيين", "إضافية", "آخر", "آخرين", "آخرون", "أخرى", "اخرين", "اخر", "جدد", "جديد")
# "من بينهم", "من أصل", "من أجل": not what the counted things are
_NOT_QUALIFIERS = _n(
    "بينهم", "بينها", "بين", "أصل", "اصل", "أجل", "اجل", "جهة", "قبل", "خلال", "ضمنهم", "إجمالي"
)
_COUNT_WORD = _n("عدد", "بعدد", "وعدد", "لعدد", "أعداد", "اعداد", "حجم", "إجمالي", "اجمالي")
_TERMINAL = frozenset(".!?؟؛:")
_PUNCT = frozenset("()[]«»“”\"'.:،,-–")
# Month names; the first word of two-word Levantine names ("كانون الثاني") is enough.
_MONTHS = (
    frozenset(GREGORIAN_MONTHS)
    | frozenset(HIJRI_MONTHS)
    | frozenset(m.split()[0] for m in (*GREGORIAN_MONTHS, *HIJRI_MONTHS))
)
_DATE_GLUE = _n("و", "-", "/", "إلى", "الى", "–", "(", ")")
_DATE_RE = re.compile(
    r"(?<!\d)\d+\s?/\s?\d+(?:\s?[/\-]\s?\d+(?:\s?/\s?\d+)?)*"  # 2023/8/8, "٣/٦ - ٤/٦"; (?<!\d): linear
    r"|\d{1,4}\s?[-.]\s?\d{1,2}\s?[-.]\s?\d{1,4}"  # 08-08-2023, 8.8.2023
)
_TIME_RE = re.compile(r"\d{1,2}\s?:\s?\d{2}")


@dataclass(slots=True)
class _Figure:
    start: int
    end: int
    reading: NumberReading
    high: float | None
    next_index: int  # first token after the number (or range)


class QuantityAnnotator:
    name = "quantities"
    requires: tuple[str, ...] = ("times",)
    provides: tuple[str, ...] = ("quantities", "claims")

    def annotate(self, doc: AnalyzedArticle) -> None:
        quantities, claims = find_quantities(doc)
        doc.quantities.extend(quantities)
        doc.claims.extend(claims)


def build(profile: str = "fast") -> QuantityAnnotator:
    return QuantityAnnotator()


def _norm_tokens(tokens: list[Token]) -> list[str]:
    return [normalize(t.text) for t in tokens]


def _ends_with(norms: list[str], index: int, phrases: list[tuple[str, ...]]) -> int:
    """Length of the longest phrase ending right before ``index`` (0 if none)."""
    best = 0
    for phrase in phrases:
        n = len(phrase)
        if n <= index and tuple(norms[index - n : index]) == phrase:
            best = max(best, n)
    return best


def _masked(text: str) -> list[tuple[int, int]]:
    """Spans of dates and clock times written with separators: never figures."""
    return [(m.start(), m.end()) for rx in (_DATE_RE, _TIME_RE) for m in rx.finditer(text)]


def _is_year(value: float) -> bool:
    return float(value).is_integer() and 1900 <= value <= 2100


_REVERSED_DECIMAL = re.compile(r"(?<![\d\w])(\d+)ر(\d+)(?![\d\w])")


def _working_text(text: str) -> str:
    """Same-length copy where the Egyptian agency decimal "4ر86" (= 86.4) reads "86.4"."""
    return _REVERSED_DECIMAL.sub(lambda m: f"{m.group(2)}.{m.group(1)}", text)


def find_quantities(doc: AnalyzedArticle) -> tuple[list[Quantity], list[Claim]]:
    text = _working_text(doc.text)
    if text == doc.text:
        layer = doc.document
        tokens, norms = layer.tokens, [f.norm for f in layer.forms]
    else:  # "4ر86" rewritten: its tokens differ from the document's
        tokens = tokenize(text)
        norms = _norm_tokens(tokens)
    masked = _masked(text)
    out: list[Quantity] = []
    claims: list[Claim] = []
    i = 0
    while i < len(tokens):
        if not _may_start_figure(tokens[i].text):
            i += 1
            continue
        figure = _read_at(text, tokens, norms, i, masked)
        if figure is None:
            i += 1
            continue
        quantity = _describe(doc, tokens, norms, i, figure, out)
        if quantity is not None:
            out.append(quantity)
            claim = _claim(doc, tokens, norms, i, figure, quantity)
            if claim is not None:
                claims.append(claim)
            i = max(figure.next_index, i + 1)
        else:
            i = max(figure.next_index, i + 1)
    return out, claims


@lru_cache(maxsize=500_000)
def _may_start_figure(token: str) -> bool:
    """Digits or a number word: the only tokens ``_read_at`` reads a figure at (most are
    neither; asked for every token, so cached per spelling)."""
    return parse_digits(token) is not None or is_number_word(token)


def _read_at(
    text: str, tokens: list[Token], norms: list[str], i: int, masked: list[tuple[int, int]]
) -> _Figure | None:
    tok = tokens[i]
    is_digit = parse_digits(tok.text) is not None
    if not is_digit and (not is_number_word(tok.text) or norms[i] in PERCENT_WORDS):
        return None
    if any(s <= tok.start < e for s, e in masked):
        return None
    if is_digit:
        before = text[max(0, tok.start - 2) : tok.start]
        after = text[tok.end : tok.end + 1]
        # model names and codes: "F-16", "AC-208", "A320", "5G", "+966..."
        if re.search(r"[A-Za-z]-?\s?$", before) or re.match(r"[A-Za-z+]", after) or before.endswith("+"):
            return None
        # glued to an Arabic word ("جنيف1", "إس6"): a name; single-letter clitics ("و10") are fine
        if re.search(r"[\u0621-\u063a\u0641-\u064a]{2}$", before) and not before.endswith("ال"):
            return None
        # list markers: "1." / "6 -" / "3)" at the start of a line or after a colon
        line_before = text[: tok.start].rstrip(" \t")
        line_after = text[tok.end :].lstrip(" \t")
        if (not line_before or line_before[-1] in "\n:") and (not line_after or line_after[0] in ".-)\n"):
            return None
        digits_only = re.sub(r"\D", "", tok.text)
        if len(digits_only) >= 8 and "," not in tok.text and "٬" not in tok.text:
            return None  # phone numbers, ids
        if digits_only.startswith("0") and len(digits_only) >= 5:
            return None
    reading = read_number([t.text for t in tokens[i : i + 8]])
    if reading is None:
        return None
    # a definite number word follows its noun as an adjective ("الأشهر الستة الماضية")
    if not is_digit and is_definite_number_word(tok.text):
        return None
    after_number = norms[i + reading.n_tokens] if i + reading.n_tokens < len(norms) else ""
    # one and two as words follow their noun as adjectives ("جنديين اثنين"); the dual says it
    if (
        reading.words
        and not reading.indefinite
        and reading.value in (1, 2)
        and reading.n_tokens == 1
        and after_number not in PERCENT_WORDS
    ):
        return None
    # a unit number before a definite noun is a fraction or a name: "خمس الأمريكيين"
    if (
        reading.words
        and reading.value < 11
        and not reading.indefinite
        and after_number.startswith("ال")
        and after_number not in PERCENT_WORDS
        and not is_number_word(after_number)
    ):
        return None
    prev = norms[i - 1] if i > 0 else ""
    k = i - 1
    while k > 0 and norms[k] in _PUNCT:
        k -= 1
    prev_word = norms[k] if k >= 0 else ""
    if prev in _ORDINALS or prev in ("ال", "الـ"):
        return None
    if any(v in _LABEL_CUES for v in proclitic_variants(prev_word)):
        return None
    end_index = i + reading.n_tokens
    high = None
    # ranges: "ما بين 400 إلى 500", "بين 400 و500", "من 400 إلى 500", "400-500"
    if end_index + 1 < len(tokens) and norms[end_index] in _RANGE_JOIN:
        join = norms[end_index]
        opened = i > 0 and (prev in _RANGE_OPEN or prev in _n("وبين", "بين"))
        if (
            join in ("-", "–", "—", "او")
            or (opened and join != "و")
            or (prev in _n("بين", "وبين") and join == "و")
        ):
            other = read_number([t.text for t in tokens[end_index + 1 : end_index + 9]])
            if other is not None and not other.indefinite and other.value > reading.value:
                high = other.value
                # "ما بين 60 و70 مليون": the scale of the high end applies to the low end
                if other.words and not reading.words and high >= 1000 * reading.value:
                    scale = 1000.0 ** int(math.log(high / reading.value, 1000))
                    reading = NumberReading(reading.value * scale, reading.n_tokens, words=True)
                high = other.value
                end_index = end_index + 1 + other.n_tokens
    start, end = tok.start, tokens[end_index - 1].end
    # dates: "26 تموز", "22 و23 تموز", "08-أغسطس-2023", "تموز 2021", "عام 2017"
    nxt = norms[end_index] if end_index < len(tokens) else ""
    if (prev in _MONTHS or (prev in _DATE_GLUE and i > 1 and norms[i - 2] in _MONTHS)) and unit_lemma(
        nxt
    ) is None:
        return None
    for k in range(end_index, min(len(tokens), end_index + 4)):
        if norms[k] in _MONTHS:
            return None
        if norms[k] not in _DATE_GLUE and parse_digits(tokens[k].text) is None:
            break
    if (
        _is_year(reading.value)
        and not reading.words
        and (high is None or _is_year(high))
        and (unit_lemma(nxt) is None or any(v in _YEAR_CUES for v in proclitic_variants(prev)))
    ):
        return None
    if is_duration(nxt):
        return None
    # Hijri and Gregorian years after "عام/سنة" or with the era letter: "عام 1407", "1402هـ"
    year_like = not reading.words and float(reading.value).is_integer() and 1000 <= reading.value <= 2100
    if year_like and (
        prev_word in _YEAR_CUES or nxt in ("ه", "هـ", "م") or text[end : end + 1] in ("ه", "م")
    ):
        return None
    return _Figure(start, end, reading, high, end_index)


def _describe(
    doc: AnalyzedArticle, tokens: list[Token], norms: list[str], i: int, fig: _Figure, done: list[Quantity]
) -> Quantity | None:
    text = doc.text
    j = fig.next_index
    kind = "count"
    percent = 0
    if tokens[i].text.endswith(("%", "٪")):
        percent = 1
    else:
        for phrase in _PERCENT:
            if tuple(norms[j : j + len(phrase)]) == phrase:
                percent = max(percent, len(phrase))
    end = fig.end
    unit_tok: Token | None = None
    unit_text: str | None = None
    lemma: str | None = None
    if percent:
        kind = "percent"
        if not tokens[i].text.endswith(("%", "٪")):
            end = tokens[j + percent - 1].end
            j += percent
    else:
        k = j
        while k < len(tokens) and k < j + 2 and tokens[k].text in '”“»)"':
            k += 1  # "«355» أسرة", "(14) مريضة"
        if k < len(tokens) and norms[k] == "من":
            k += 1  # "عشرات الآلاف من النساء", "2500 من الجنود"
        if k < len(tokens) and _looks_like_unit(tokens[k].text, norms[k]):
            if norms[k] in _EXTRA:
                # "2500 جندي و1000 إضافي": the counted noun is the previous figure's
                prior = next((q for q in reversed(done) if q.unit and q.end > fig.start - 80), None)
                if prior is not None:
                    unit_text, lemma = prior.unit, prior.unit_lemma
            else:
                unit_tok = tokens[k]
                unit_text = unit_tok.text
                lemma = unit_lemma(unit_tok.text)
        if unit_text is None:
            # "بلغ عدد القتلى 25": the noun after a preceding "عدد"
            back = _count_noun_before(tokens, norms, i)
            if back is not None:
                unit_tok = back
                unit_text = back.text
                lemma = unit_lemma(back.text)
        if lemma and unit_kind(lemma) == "money":
            kind = "money"
    value = fig.reading.value
    if (
        unit_text is not None
        and kind == "count"
        and unit_kind(lemma) != "measure"
        and not fig.reading.words
        and re.fullmatch(r"\d{1,3}\.\d{3}", tokens[i].text)
    ):
        value *= 1000  # "1.283 سيدة": people are not fractional, the dot groups thousands
    approx = _ends_with(norms, i, _APPROX) > 0 or (
        fig.next_index < len(norms) and "تقريبا" in norms[fig.next_index : fig.next_index + 3]
    )
    return Quantity(
        article=doc.id,
        start=fig.start,
        end=end,
        text=text[fig.start : end],
        value=value,
        high=fig.high if fig.high is not None else fig.reading.high,
        unit=unit_text,
        unit_lemma=lemma,
        approximate=approx,
        indefinite=fig.reading.indefinite,
        kind=kind,
        unit_start=unit_tok.start if unit_tok is not None else None,
        unit_end=unit_tok.end if unit_tok is not None else None,
    )


def _looks_like_unit(word: str, norm: str) -> bool:
    if not re.match(r"[\u0621-\u064a]", word):
        return False
    if norm in _STOP_UNIT and norm not in _EXTRA:
        return False
    if is_number_word(word) and unit_lemma(word) is None:
        return False
    # a conjoined word ("وأصيب", "وبالسيارات") starts the next clause or item
    if norm.startswith("و") and len(norm) > 3:
        return unit_lemma(word) is not None and unit_lemma(word[1:]) is None  # "وحدات" is a noun
    return True


def _count_noun_before(tokens: list[Token], norms: list[str], i: int) -> Token | None:
    for k in range(i - 1, max(-1, i - 7), -1):
        if norms[k] in _TERMINAL or parse_digits(tokens[k].text) is not None:
            return None
        if norms[k] in _COUNT_WORD and k + 1 < i:
            return tokens[k + 1]
    return None


def _qualifier_end(tokens: list[Token], norms: list[str], k: int) -> int:
    """Index after the qualifiers following the unit at k: nisba adjectives, "من X"."""
    j = k + 1
    while j < len(tokens) and j < k + 4:
        w = norms[j]
        if w in _EXTRA or _nisba(w):
            j += 1
            continue
        break
    if (
        j + 1 < len(tokens)
        and norms[j] == "من"
        and re.match(r"[\u0621-\u064a]", tokens[j + 1].text)
        and norms[j + 1] not in _NOT_QUALIFIERS
    ):
        j += 2
        # "من كبار السن", "من تنظيم داعش", "من الدول الأعضاء": a construct, then nisba adjectives
        if (
            j < len(tokens)
            and (norms[j].startswith("ال") or not norms[j - 1].startswith("ال"))
            and re.match(r"[\u0621-\u064a]", tokens[j].text)
            and not norms[j].startswith("و")
            and not _nisba(norms[j])
            and norms[j] not in _STOP_UNIT
        ):
            j += 1
        while j < len(tokens) and j < k + 7 and norms[j].startswith("ال") and _nisba(norms[j]):
            j += 1
    return j


def _nisba(w: str) -> bool:
    """A relational adjective ("أمريكي", "العراقية", "إرهابيين"), not a prepositional phrase."""
    if w.startswith(("لل", "بال", "كال", "وال", "فال")) or w in _STOP_UNIT or len(w) <= 3:
        return False
    return w.endswith(("ي", "يه", "يين", "يون"))


def _subject(
    doc: AnalyzedArticle, tokens: list[Token], norms: list[str], i: int, q: Quantity
) -> tuple[str, int] | None:
    """Subject text and its start for a figure, if it has a qualified subject."""
    text = doc.text
    # "عدد القوات الأمريكية ... ألفي عسكري": the counted group named before the number
    for k in range(i - 1, max(-1, i - 7), -1):
        if norms[k] in _TERMINAL:
            break
        if norms[k] in _COUNT_WORD and k + 1 < i:
            stop = k + 1
            while (
                stop < i
                and stop < k + 4
                and norms[stop] not in _STOP_UNIT
                and not norms[stop].startswith("ي")
            ):
                stop += 1
            if stop > k + 1:
                return text[tokens[k + 1].start : tokens[stop - 1].end], tokens[k + 1].start
    if q.unit_start is None or q.unit_start < q.end:
        if q.unit and q.unit_lemma:
            # elided unit ("1000 إضافي"): the subject is the lemma with what follows
            j = next((k for k in range(i, len(tokens)) if tokens[k].start >= q.end), len(tokens))
            stop = _qualifier_end(tokens, norms, j - 1)
            if stop > j and not all(n in _EXTRA for n in norms[j:stop]):
                return q.unit_lemma + " " + text[tokens[j].start : tokens[stop - 1].end], q.start
        return None
    k = next(k for k in range(i, len(tokens)) if tokens[k].start == q.unit_start)
    stop = _qualifier_end(tokens, norms, k)
    if stop == k + 1 or all(n in _EXTRA for n in norms[k + 1 : stop]):
        return None  # "48 آخرين": no qualifier, no subject
    if q.kind == "money" and all(_nisba(n) for n in norms[k + 1 : stop]):
        return None  # "25 ألف دولار أمريكي": the adjective names the currency, not a subject
    return text[tokens[k].start : tokens[stop - 1].end], tokens[k].start


def _claim(
    doc: AnalyzedArticle, tokens: list[Token], norms: list[str], i: int, fig: _Figure, q: Quantity
) -> Claim | None:
    if q.kind not in ("count", "money") or q.indefinite or q.value is None:
        return None
    casualty = _casualty_cue(tokens, norms, i, q)
    if casualty is None and (
        q.unit_lemma is None or unit_kind(q.unit_lemma) not in ("person", "thing", "money")
    ):
        return None
    found = _subject(doc, tokens, norms, i, q)
    if found is None and casualty is not None:
        # "مقتل 27 شخصاً", "31 شخصًا قتلوا": the casualty word says what is counted
        found = (f"{casualty} {q.unit}" if q.unit else casualty), q.start
    elif found is None and q.unit and unit_category(q.unit_lemma or "") in _STANDING:
        # "وتحتفظ الولايات المتحدة بحوالى ألفي عسكري": troops with no nisba; whose they
        # are is read from the words before the figure when claims are compared
        found = q.unit, q.start
    if found is None:
        return None
    subject, _ = found
    q.subject = subject
    bound = None
    window = max(_ends_with(norms, i, _MAX), 0)
    window_min = _ends_with(norms, i, _MIN)
    if not window and not window_min:
        # "لا يتجاوز عدد القوات الأمريكية ألفي عسكري": the cue before "عدد X"
        for k in range(i - 1, max(-1, i - 7), -1):
            if norms[k] in _TERMINAL:
                break
            if norms[k] in _COUNT_WORD:
                window = _ends_with(norms, k, _MAX)
                window_min = _ends_with(norms, k, _MIN)
                break
    if not window and not window_min:
        # "12 شخصا على الأقل قتلوا": the floor stated after the figure
        after = next(
            (k for k in range(i, len(tokens)) if tokens[k].start >= (q.unit_end or q.end)), len(tokens)
        )
        window_min = int(
            any(tuple(norms[k : k + len(p)]) == p for p in _MIN_AFTER for k in (after, after + 1))
        )
    if window:
        bound = "max"
    elif window_min:
        bound = "min"
    return Claim(
        id=stable_id("c", doc.id, str(q.start)),
        article=doc.id,
        start=q.start,
        end=q.end if q.unit_end is None else max(q.end, q.unit_end),
        subject=subject,
        value=q.value,
        unit=q.unit_lemma or q.unit,
        as_of=_as_of(doc, q.start),
        high=q.high,
        approximate=q.approximate,
        bound=bound,
        subject_key=" ".join(normalize(w) for w in subject.split()),
    )


_STANDING = frozenset({"troops", "fighters"})


def _casualty_cue(tokens: list[Token], norms: list[str], i: int, q: Quantity) -> str | None:
    """The casualty word that makes a count of people (or a bare number) a count of the
    killed or wounded: up to two words before the figure, or up to four after it
    ("31 شخصًا قتلوا", "12 شخصا على الأقل قتلوا")."""
    if q.unit_lemma is not None and unit_kind(q.unit_lemma) != "person":
        return None
    for k in range(i - 1, max(-1, i - 3), -1):
        if norms[k] in _TERMINAL:
            break
        if norms[k] in CASUALTY_BEFORE:
            return tokens[k].text
    if q.unit_lemma is None:
        return None  # "مقتل 20 على الأقل" needs the word before; "20 ... قتلوا" may count anything
    after = next(
        (k for k in range(i, len(tokens)) if tokens[k].start >= max(q.end, q.unit_end or 0)), len(tokens)
    )
    for k in range(after, min(len(tokens), after + 4)):
        if norms[k] in _TERMINAL:
            break
        if norms[k] in CASUALTY_AFTER:
            return tokens[k].text
    return None


def _as_of(doc: AnalyzedArticle, position: int) -> str | None:
    """The date the sentence gives (from the times annotator), else the published date."""
    sentence = next((s for s in doc.sentences if s.start <= position < s.end), None)
    if sentence is not None:
        for t in doc.times:
            if t.value and t.kind == "date" and t.start < sentence.end and sentence.start < t.end:
                return t.value
    published = doc.article.published
    # as_of is a date: "2015-08-10 18:53:03" and "2015-08-10T18:53:03Z" give "2015-08-10"
    if published and re.match(r"\d{4}-\d{2}-\d{2}[T ]", published):
        return published[:10]
    return published

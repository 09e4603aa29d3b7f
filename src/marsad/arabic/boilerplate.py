"""Site chrome as Arabic news pages write it: whole short lines that are not article text.

Every entry matches a WHOLE line (after ``normalize`` and whitespace collapsing), never a
substring of a sentence: "شارك" alone is a share button, "شارك الوزير في..." is news.
Keys are kept in display form here and normalized once at import.
"""

from __future__ import annotations

import re

from marsad.arabic.normalize import normalize

# Lines that open a block of links to other articles: everything after them, when they sit
# in the tail of the page, is chrome too.
_TRAILING_BLOCK_MARKERS = (
    "مقالات ذات صلة",
    "أخبار ذات صلة",
    "اخبار ذات صلة",
    "مواضيع ذات صلة",
    "موضوعات ذات صلة",
    "مقالات مشابهة",
    "أخبار مشابهة",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "إقرأ أيضا",
    "إقرأ أيضاً",
    "اقرأ المزيد",
    "المزيد من الأخبار",
    "الأكثر قراءة",
    "الأكثر مشاهدة",
    "ذات صلة",
    "قد يعجبك أيضا",
    "قد يهمك أيضا",
    "قد يهمك أيضاً",
    "شاهد أيضا",
    "شاهد أيضاً",
    "مقالات أخرى للكاتب",
    "مقالات أخرى",
)

# Whole lines that are navigation, sharing, ads, subscription prompts or photo credits.
_CHROME_LINES = (
    "زر الذهاب إلى الأعلى",
    "الذهاب إلى الأعلى",
    "العودة إلى الأعلى",
    "إلى الأعلى",
    "آخر الأخبار",
    "أحدث الأخبار",
    "الأخبار العاجلة",
    "عاجل",
    "شارك",
    "شارك الخبر",
    "شارك المقال",
    "مشاركة",
    "مشاركة الخبر",
    "شارك على فيسبوك",
    "شارك على تويتر",
    "طباعة",
    "اطبع",
    "طباعة الخبر",
    "تويتر",
    "فيسبوك",
    "فيس بوك",
    "واتساب",
    "تيليجرام",
    "تلغرام",
    "لينكد إن",
    "البريد الإلكتروني",
    "نسخ الرابط",
    "تم نسخ الرابط",
    "الرابط المختصر",
    "حجم الخط",
    "تكبير الخط",
    "تصغير الخط",
    "إعلان",
    "اعلان",
    "إعلانات",
    "مساحة إعلانية",
    "المحتوى المدعوم",
    "محتوى مدعوم",
    "بودكاست",
    "بودكاست مسموعة",
    "استمع",
    "استمع إلى المقال",
    "استمع للخبر",
    "اشترك",
    "اشترك الآن",
    "اشترك في النشرة البريدية",
    "اشترك في نشرتنا البريدية",
    "اشترك في قناتنا على يوتيوب",
    "تابعونا على",
    "تابعنا على",
    "تابعونا على تويتر",
    "تابعونا على فيسبوك",
    "تابعونا على تيليجرام",
    "تابعوا آخر الأخبار عبر",
    "سجل الدخول",
    "تسجيل الدخول",
    "أضف تعليق",
    "أضف تعليقا",
    "اترك تعليقا",
    "اترك تعليقاً",
    "التعليقات",
    "لا توجد تعليقات",
    "الصورة",
    "صورة أرشيفية",
    "أرشيفية",
    "gettyimages",
    "getty images",
    "getty",
    "(getty)",
    "afp",
    "reuters",
    "الصفحة الرئيسية",
    "الرئيسية",
    "كلمات مفتاحية",
    "الكلمات المفتاحية",
    "الوسوم",
    "وسوم",
    "المصدر",
    "تعليقات",
    "إقرأ المزيد",
    "المزيد",
    "التالي",
    "السابق",
    "المقال السابق",
    "المقال التالي",
    "الخبر السابق",
    "الخبر التالي",
    "جميع الحقوق محفوظة",
)

# Line prefixes that make a short line chrome whatever follows ("تابعونا على إنستغرام").
_CHROME_PREFIXES = (
    "تابعونا على",
    "تابعنا على",
    "اشترك في",
    "اشترك ب",
    "حمل تطبيق",
    "حمّل تطبيق",
    "جميع الحقوق محفوظة",
    "حقوق النشر محفوظة",
    "كلمات مفتاحية:",
    "الوسوم:",
    "وسوم:",
    # syndication credits: "* خدمة «نيويورك تايمز»", "خاص بـ«الشرق الأوسط»"
    "خدمة «",
    'خدمة "',
    "خاص بـ«",
    "خاص ب«",
    "خاص بـ {",
    "خاص بـ{",
    'خاص بـ"',
)

# Author-contact footers of opinion columns: chrome up to a longer length.
_CONTACT_PREFIXES = (
    "للتواصل مع الكاتب",
    "لمراسلة الكاتب",
    "للتواصل مع الكاتبة",
    "لمراسلة الكاتبة",
    "للتواصل:",
    "للتواصل مع المحرر",
)
CONTACT_LINE_MAX = 160
# A line made only of e-mail addresses, @handles and links.
_CONTACT_TOKEN = re.compile(
    r"^(?:[^\s@]+@[^\s@]+\.\w+|@\w+|https?://\S+|www\.\S+)$", re.IGNORECASE
)  # linear: one @

# Caption lines describing a photo: "📸الصورة ...", "الصورة: ...", "صورة أرشيفية ...".
_CAPTION_PREFIXES = ("الصورة", "صورة أرشيفية", "صورة ارشيفية", "(صورة", "صورة:", "الصور:")

# Photo credits that close a caption line: "... في البنتاغون (Getty)".
PHOTO_CREDIT_AT_END = re.compile(
    r"[(\[]\s*(?:getty(?:\s*images)?|gettyimages|afp(?:\s*/\s*getty)?|reuters|ap|epa|anadolu|"
    r"أ\s*ف\s*ب|ا\s*ف\s*ب|أرشيفية|ارشيفية|أرشيف|ارشيف|فرانس\s*برس|رويترز|الأناضول|الاناضول|"
    r"أسوشيتد\s*برس|اسوشيتد\s*برس|مواقع\s*التواصل|مواقع\s*تواصل|إنترنت|انترنت)\s*[)\]]\s*$",
    re.IGNORECASE,
)

# Comment counters: "0 تعليق", "3 تعليقات", "تعليقات (12)".
COMMENT_COUNTER = re.compile(
    r"^(?:#\s*)?(?:تعليق|تعليقات|التعليقات)(?:\s*[(\[]?\s*#\s*[)\]]?)?$|^#\s*(?:تعليق|تعليقات)$"
)

_SPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


_LEADING_SYMBOLS = re.compile(r"^[\W_]*?(?=[\w(\[#])", re.UNICODE)


def line_key(line: str) -> str:
    """A line's matching form: normalized, digits masked as "#", whitespace collapsed.

    Masking digits lets "3 تعليقات" and "12 تعليقات" (and dated footers) count as one line.
    """
    key = _DIGITS.sub("#", normalize(line.strip()))
    if key and not (key[0].isalnum() or key[0] in "([#"):
        key = _LEADING_SYMBOLS.sub("", key)
    return _SPACE.sub(" ", key).strip(" \t\u00a0-–—|•·:،,")


TRAILING_BLOCK_MARKERS = frozenset(line_key(p) for p in _TRAILING_BLOCK_MARKERS)
CHROME_LINES = frozenset(line_key(p) for p in _CHROME_LINES) | TRAILING_BLOCK_MARKERS
CHROME_PREFIXES = tuple(line_key(p) for p in _CHROME_PREFIXES)
CAPTION_PREFIXES = tuple(line_key(p) for p in _CAPTION_PREFIXES)
CONTACT_PREFIXES = tuple(line_key(p) for p in _CONTACT_PREFIXES)

# Share bars are written as runs of network names: "تويتر فيسبوك واتساب".
_SHARE_WORDS = frozenset(
    line_key(w)
    for w in (
        "شارك",
        "مشاركة",
        "طباعة",
        "تويتر",
        "فيسبوك",
        "فيس",
        "بوك",
        "واتساب",
        "واتس",
        "اب",
        "تيليجرام",
        "تلغرام",
        "لينكدإن",
        "لينكد",
        "إن",
        "ماسنجر",
        "بريد",
        "إكس",
        "x",
        "facebook",
        "twitter",
        "whatsapp",
        "telegram",
        "linkedin",
        "print",
        "email",
        "share",
        "pinterest",
        "reddit",
        "messenger",
        "|",
        "-",
    )
)


def is_trailing_block_marker(line: str) -> bool:
    return len(line) <= 40 and line_key(line) in TRAILING_BLOCK_MARKERS


# Longest first, so that "مقالات أخرى للكاتب" is tried before "مقالات أخرى".
_GLUED_MARKERS = tuple(sorted(TRAILING_BLOCK_MARKERS, key=len, reverse=True))


def is_glued_block_marker(line: str) -> bool:
    """A related-articles marker glued to the first title it lists, the newlines lost in
    scraping: "مقالات أخرى للكاتبزيارة محمد بن سلمان لمصر...". Only a marker followed
    directly by a letter: in article text a space always follows these words."""
    key = line_key(line)
    for marker in _GLUED_MARKERS:
        if key.startswith(marker) and len(key) > len(marker):
            return key[len(marker)].isalpha()
    return False


def is_chrome_line(line: str) -> bool:
    """Whether a whole line is site chrome by the curated lists (short lines only)."""
    if len(line) > CONTACT_LINE_MAX:
        return False
    key = line_key(line)
    if key.startswith(CONTACT_PREFIXES):
        return True
    parts = line.split()
    if parts and all(_CONTACT_TOKEN.match(p) for p in parts):
        return True
    if not key or len(key) > 80:
        return False
    if key in CHROME_LINES or COMMENT_COUNTER.match(key):
        return True
    if len(key) <= 50 and key.startswith(CHROME_PREFIXES):
        return True
    tokens = key.split()
    return len(tokens) >= 2 and all(t in _SHARE_WORDS for t in tokens)


def is_caption_line(line: str) -> bool:
    """A photo caption: starts with a caption marker or ends with a photo credit, and is
    not itself a finished paragraph (captions rarely end with a full stop)."""
    if len(line) > 500:
        return False
    key = line_key(line[:40])
    if not key:
        return False
    for prefix in CAPTION_PREFIXES:
        # whole-word prefix: "الصورة وزير..." is a caption, "الصورتان..." is not
        if key.startswith(prefix) and (len(key) == len(prefix) or not key[len(prefix)].isalnum()):
            return True
    return bool(PHOTO_CREDIT_AT_END.search(line.strip()))

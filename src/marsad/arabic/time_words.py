"""Time words spelled like event triggers: "فجر السبت" (at dawn on Saturday) is not فجّر
(blew up). A lexicon of such words and the contexts where they are time words.

``fajr`` (dawn) is the case news hits daily: undiacritized فجر is both the noun and the
verb. It is a time word when it carries the article (الفجر), the adverbial ending (فجرا),
a preposition (بفجر، مع فجر، عند فجر، قبيل الفجر), or stands before a day word
("فجر السبت"، "فجر اليوم"، "فجر أمس"، "فجر يوم"); the verb takes a subject or an object
instead ("فجر انتحاري نفسه", "فجروا السيارة").
"""

from __future__ import annotations

from marsad.arabic.clitics import ARTICLE, FUTURE, PREPOSITIONS, strip_proclitics
from marsad.arabic.normalize import normalize


def _norm(text: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in text.split())


# Day words that follow a time-of-day noun.
DAY_WORDS = _norm(
    """
    السبت الأحد الاحد الإثنين الاثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة اليوم أمس امس
    الأمس يوم الغد غد البارحة الماضي الباكر أول اول
    """
)
# Words before a time-of-day noun that make it one.
TIME_PREPOSITIONS = _norm("مع عند قبيل قبل بعد منذ حتى حين وقت صباح صلاة طلوع بزوغ أذان")
# Time-of-day nouns whose bare form is also an event trigger (normalized).
TIME_NOUNS = _norm("فجر")


def is_time_word(words: list[str], index: int) -> bool:
    """Whether the normalized word at ``index`` in ``words`` is a time-of-day noun here."""
    word = words[index]
    if word.endswith("ا") and any(word[k:-1] in TIME_NOUNS for k in (0, 1)):
        return True  # فجرا, وفجرا: "at dawn"
    prefix, stem = ("", word) if word in TIME_NOUNS else strip_proclitics(word)
    if stem not in TIME_NOUNS or prefix.endswith(FUTURE):  # "سفجر": the verb, future
        return False
    if ARTICLE in prefix or prefix[-1:] in PREPOSITIONS:
        return True
    after = words[index + 1] if index + 1 < len(words) else ""
    before = words[index - 1] if index > 0 else ""
    return (
        after in DAY_WORDS or strip_proclitics(before)[1] in TIME_PREPOSITIONS or before in TIME_PREPOSITIONS
    )


# Words before an event that recall it rather than report it: "بتهمة اغتيال X", "ذكرى
# مقتل X", "على خلفية الهجوم", "منذ اغتيال X", "في إشارة إلى اغتيال X". Such an event
# happened at another time than the sentence's: it takes a date only from a time expression
# after it, never the sentence's or the article's.
RECALL_CUES = _norm("بتهمة تهمة بتهم تهم ذكرى الذكرى بذكرى خلفية منذ إشارة اشارة")

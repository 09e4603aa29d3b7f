"""A small Marsad store for the web tests and screenshots, written through the Store API.

It mirrors the August 2023 US–Iraq security dialogue from seeds 000, 001 and 003: their
real text (with wrapped lines joined, as the cleaner does), hand-placed annotations found
by searching the text (so a changed seed fails loudly instead of drifting), one CONSULT
event reported by several outlets, a story, two claims about US troop numbers that
disagree, a duplicate, and a hostile article whose title is a script tag. It does not
depend on the annotators' current quality.
"""

from __future__ import annotations

import re
from pathlib import Path

from marsad.arabic.sentences import split_sentences
from marsad.model import (
    Actor,
    AnalyzedArticle,
    Article,
    Claim,
    Contradiction,
    Event,
    EventMention,
    Flag,
    Mention,
    Quantity,
    Quote,
    Story,
    TimeExpr,
    stable_id,
)
from marsad.paths import examples_dir
from marsad.store.db import Store

HOSTILE_TITLE = "<script>alert(1)</script>"
STORY_TITLE = "حوار التعاون الأمني المشترك بين العراق والولايات المتحدة (آب 2023)"

ACTORS = [
    Actor(
        "IRQGOVMIL_ABBASI",
        "PER",
        "ثابت العباسي",
        "Thabet al-Abbasi",
        ["ثابت محمد العباسي", "العباسي"],
        "IRQ",
        "GOV",
        [{"title": "وزير الدفاع", "start": "2022-10"}],
    ),
    Actor(
        "USAGOVMIL_AUSTIN",
        "PER",
        "لويد أوستن",
        "Lloyd Austin",
        ["لويد جيه أوستن", "أوستن"],
        "USA",
        "GOV",
        [{"title": "وزير الدفاع", "start": "2021-01"}],
    ),
    Actor("IRQ", "GPE", "العراق", "Iraq", ["العراق"], "IRQ"),
    Actor("USA", "GPE", "الولايات المتحدة", "United States", ["الولايات المتحدة", "أمريكا", "واشنطن"], "USA"),
    Actor("USA_PENTAGON", "LOC", "البنتاغون", "The Pentagon", ["البنتاغون"], "USA", "GOV"),
    Actor(
        "IRQGOV_SUDANI",
        "PER",
        "محمد شياع السوداني",
        "Mohammed Shia al-Sudani",
        [],
        "IRQ",
        "GOV",
        [{"title": "رئيس الوزراء", "start": "2022-10"}],
    ),
]

# phrase → (type, actor id)
ENTITY_PHRASES = {
    "ثابت محمد العباسي": ("PER", "IRQGOVMIL_ABBASI"),
    "ثابت العباسي": ("PER", "IRQGOVMIL_ABBASI"),
    "لويد جيه أوستن": ("PER", "USAGOVMIL_AUSTIN"),
    "لويد أوستن": ("PER", "USAGOVMIL_AUSTIN"),
    "البنتاغون": ("LOC", "USA_PENTAGON"),
    "واشنطن": ("GPE", "USA"),
    "الولايات المتحدة": ("GPE", "USA"),
    "العراق": ("GPE", "IRQ"),
    "محمد شياع السوداني": ("PER", "IRQGOV_SUDANI"),
    "داعش": ("ORG", None),
}


def _clean(raw: str) -> str:
    """Join wrapped lines (a single newline inside a paragraph), keep paragraph breaks."""
    text = re.sub(r"[ \t\u00a0]*\n[ \t\u00a0]*", "\n", raw)  # blank-looking lines are blank
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", text)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.find(phrase, start + 1)
        if start < 0:
            raise ValueError(f"fixture phrase not in seed text: {phrase!r}")
    return start, start + len(phrase)


def _mentions(article_id: str, text: str) -> list[Mention]:
    taken: list[tuple[int, int]] = []
    out = []
    for phrase, (kind, actor) in sorted(ENTITY_PHRASES.items(), key=lambda p: -len(p[0])):
        # whole words only, allowing one attached conjunction/preposition (و ب ل ف)
        pattern = r"(?:(?<=^)|(?<=[^\u0621-\u064A])|(?<=[^\u0621-\u064A][وبلف]))" + re.escape(phrase)
        for m in re.finditer(pattern + r"(?![\u0621-\u064A])", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue  # a longer name already covers it
            taken.append((m.start(), m.end()))
            out.append(Mention(article_id, m.start(), m.end(), phrase, kind, actor, 0.9))
    return sorted(out, key=lambda m: m.start)


def _seed(prefix: str) -> str:
    path = next((examples_dir() / "seeds").glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def _doc(article: Article) -> AnalyzedArticle:
    return AnalyzedArticle(article=article, sentences=split_sentences(article.text))


def _consult(doc: AnalyzedArticle, trigger: str, date: str, precision: str) -> EventMention:
    start, end = _at(doc.text, trigger)
    sentence = next(s for s in doc.sentences if s.start <= start < s.end)
    return EventMention(
        doc.id,
        start,
        end,
        trigger,
        "CONSULT",
        None,
        ["IRQGOVMIL_ABBASI"],
        ["USAGOVMIL_AUSTIN"],
        ["ثابت العباسي"],
        ["أوستن"],
        "USA_PENTAGON",
        "البنتاغون",
        date,
        precision,
        sentence.start,
        sentence.end,
        score=0.9,
    )


def build_web_store(path: str | Path) -> dict[str, str]:
    """Write the fixture store at ``path`` (replacing it); returns the ids tests need."""
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store.open(path)
    columns = {r[1] for r in store.conn.execute("PRAGMA table_info(claims)")}
    if "subject_key" not in columns:  # model.Claim is ahead of the store's schema for now
        store.conn.execute("ALTER TABLE claims ADD COLUMN subject_key TEXT")

    raw000, raw001, raw003 = _seed("000"), _seed("001"), _seed("003")
    a000 = Article(
        stable_id("a", "web-fixture", "000"),
        "مصدر ٠٠٠",
        "https://example.org/000",
        "العباسي وأوستن يبحثان التعاون الأمني في البنتاغون",
        "2023-08-08",
        "ar",
        _clean(raw000),
        origin="seeds/000",
        agency="واع",
        raw_text=raw000,
    )
    a001 = Article(
        stable_id("a", "web-fixture", "001"),
        "جدار نيوز",
        None,
        "العراق يؤكد شراكة استراتيجية مع الولايات المتحدة في محاربة داعش",
        "2023-08-11",
        "ar",
        _clean(raw001.split("\n", 2)[2].split("مقالات ذات صلة")[0]),
        origin="seeds/001",
        raw_text=raw001,
    )
    a003 = Article(
        stable_id("a", "web-fixture", "003"),
        "مصدر ٠٠٣",
        None,
        "انطلاق مباحثات دفاعية عراقية أمريكية في البنتاغون",
        "2023-08-08",
        "ar",
        _clean(raw003).replace("gettyimages", "", 1).replace("\n\n\n\n", "\n\n", 1),
        origin="seeds/003",
        raw_text=raw003,
    )
    dup = Article(
        stable_id("a", "web-fixture", "000-copy"),
        "مرآة ٠٠٠",
        None,
        a000.title,
        "2023-08-09",
        "ar",
        a000.text,
        origin="seeds/000-copy",
        duplicate_of=a000.id,
    )
    hostile = Article(
        stable_id("a", "web-fixture", "hostile"),
        "<b>موقع</b>",
        "javascript:alert(2)",
        HOSTILE_TITLE,
        "2023-08-10",
        "ar",
        "نص يحوي <img src=x onerror=alert(3)> ووسم </div> وسطر عن العراق.",
        origin="hostile",
    )

    d000, d001, d003, ddup, dhost = (_doc(a) for a in (a000, a001, a003, dup, hostile))
    for d in (d000, d001, d003, ddup, dhost):
        d.mentions = _mentions(d.id, d.text)

    # 000: Tuesday = 8 August 2023; a quote by Austin; the agency line removed as chrome.
    s, e = _at(d000.text, "الثلاثاء")
    d000.times.append(
        TimeExpr(
            a000.id,
            s,
            e,
            "الثلاثاء",
            "2023-08-08",
            "day",
            resolution="relative",
            note="the Tuesday of the publication week",
        )
    )
    qs, qe = _at(d000.text, "على الشراكة الاستراتيجية بين الولايات المتحدة والعراق")
    ss, se = _at(d000.text, "أوستن", 1)
    d000.quotes.append(
        Quote(a000.id, qs, qe, d000.text[qs:qe], "أوستن", "USAGOVMIL_AUSTIN", "direct", ss, se, "جدد")
    )
    d000.flags.append(Flag(a000.id, 0, 0, "line_joined", "wrapped lines joined into paragraphs", 0, 8))
    d000.event_mentions.append(_consult(d000, "بحث", "2023-08-08", "day"))

    # 001: dates, the 2500 troops figure, the dialogue of 7-8 August, chrome at the end.
    s, e = _at(d001.text, "11 أغسطس 2023")
    d001.times.append(TimeExpr(a001.id, s, e, d001.text[s:e], "2023-08-11", "day"))
    s, e = _at(d001.text, "في عام 2008")
    d001.times.append(TimeExpr(a001.id, s + 3, e, d001.text[s + 3 : e], "2008", "year"))
    s, e = _at(d001.text, "2500 جندي أمريكي")
    d001.quantities.append(
        Quantity(
            a001.id,
            s,
            e,
            d001.text[s:e],
            2500,
            unit="جندي",
            unit_lemma="جندي",
            approximate=True,
            subject="جندي أمريكي",
            unit_start=s + 5,
            unit_end=e,
        )
    )
    d001.claims.append(
        Claim(
            stable_id("c", a001.id, str(s)),
            a001.id,
            s,
            e,
            "الجنود الأمريكيون في العراق",
            2500,
            "جندي",
            "2023-08",
            approximate=True,
        )
    )
    d001.flags.append(
        Flag(
            a001.id,
            len(d001.text),
            len(d001.text),
            "boilerplate_removed",
            "site navigation after the article",
            *_at(raw001, "مقالات ذات صلة"),
        )
    )
    s, e = _at(d001.text, "يقرأ بيان مشترك")
    d001.flags.append(Flag(a001.id, s, e, "machine_translation_artifact", "«reads a joint statement» calque"))
    d001.event_mentions.append(_consult(d001, "وناقش", "2023-08", "month"))

    # 003: date line, "two days" duration, the 2000 cap on US troops (a bound), event.
    s, e = _at(d003.text, "08-أغسطس-2023")
    d003.times.append(TimeExpr(a003.id, s, e, d003.text[s:e], "2023-08-08", "day"))
    s, e = _at(d003.text, "ألفي عسكري")
    d003.quantities.append(
        Quantity(
            a003.id, s, e, d003.text[s:e], 2000, unit="عسكري", unit_lemma="عسكري", subject="القوات الأمريكية"
        )
    )
    d003.claims.append(
        Claim(
            stable_id("c", a003.id, str(s)),
            a003.id,
            s,
            e,
            "الجنود الأمريكيون في العراق",
            2000,
            "عسكري",
            "2021-12",
            bound="max",
        )
    )
    s, e = _at(d003.text, "\n\nالزيارة تتضمن")
    d003.flags.append(
        Flag(a003.id, s, s, "boilerplate_removed", "photo credit line", *_at(raw003, "gettyimages"))
    )
    d003.event_mentions.append(_consult(d003, "مباحثات", "2023-08-08", "day"))

    with store.batch():
        for d in (d000, d001, d003, ddup, dhost):
            store.save(d)
    store.save_actors(ACTORS)
    consult = Event(
        stable_id("e", "web-fixture", "consult"),
        "CONSULT",
        None,
        ["IRQGOVMIL_ABBASI"],
        ["USAGOVMIL_AUSTIN"],
        "USA_PENTAGON",
        "2023-08-08",
        "day",
        [
            {"article": m.article, "start": m.start, "end": m.end}
            for d in (d000, d001, d003)
            for m in d.event_mentions
        ],
        [a000.id, a001.id, a003.id],
        3,
        merges=[
            {
                "articles": [a001.id],
                "rule": "same days and 2 shared participants, the same place",
                "shared_participants": ["IRQGOVMIL_ABBASI", "USAGOVMIL_AUSTIN"],
                "shared_countries": ["IRQ", "USA"],
                "place": "USA_PENTAGON",
                "date": "2023-08-08",
                "wording": 0.42,
                "same_sentence": 0.2,
            }
        ],
    )
    s, e = _at(d001.text, "ساعد التحالف")
    assist = Event(
        stable_id("e", "web-fixture", "assist"),
        "AID",
        None,
        ["USA"],
        ["IRQ"],
        "IRQ",
        "2017",
        "year",
        [{"article": a001.id, "start": s, "end": s + 4}],
        [a001.id],
        1,
    )
    s, e = _at(d001.text, "أكدوا التعاون")
    cooperate = Event(
        stable_id("e", "web-fixture", "cooperate"),
        "COOPERATE",
        None,
        ["IRQ", "USA"],
        [],
        None,
        "2023-08",
        "month",
        [{"article": a001.id, "start": s, "end": e}],
        [a001.id],
        1,
    )
    store.save_events([consult, assist, cooperate])
    story = Story(
        stable_id("s", "web-fixture", "jscd-2023"),
        STORY_TITLE,
        [a000.id, a001.id, a003.id, dup.id],
        [consult.id, cooperate.id],
        "2023-08-08",
        "2023-08-11",
    )
    store.save_stories([story])
    contradiction = Contradiction(
        [d001.claims[0].id, d003.claims[0].id], "عدد الجنود الأمريكيين: نحو 2500 مقابل ما لا يتجاوز ألفين"
    )
    store.save_contradictions([contradiction])
    store.close()
    return {
        "story": story.id,
        "consult": consult.id,
        "assist": assist.id,
        "cooperate": cooperate.id,
        "a000": a000.id,
        "a001": a001.id,
        "a003": a003.id,
        "dup": dup.id,
        "hostile": hostile.id,
        "contradiction": contradiction.id,
        "claim001": d001.claims[0].id,
        "abbasi": "IRQGOVMIL_ABBASI",
        "austin": "USAGOVMIL_AUSTIN",
    }

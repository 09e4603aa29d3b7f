from marsad.link.events import EventRef, date_interval, link_event_mentions
from marsad.model import EventMention

ABBASI, AUSTIN, IRQ_MOD, US_DOD = "irq-abbasi", "usa-austin", "irq-mod", "usa-dod"


def em(article, start, type_="CONSULT", *, src=(), tgt=(), date=None, precision=None, future=False):
    return EventMention(
        article=article,
        start=start,
        end=start + 4,
        text="بحث",
        type=type_,
        sources=list(src),
        targets=list(tgt),
        date=date,
        date_precision=precision,
        future=future,
        sentence_start=start,  # one sentence per mention unless a test says otherwise
        sentence_end=start + 30,
    )


def ref(mention, provenance, sentence="", countries=(), persons=()):
    return EventRef(
        mention=mention,
        article=mention.article,
        provenance=provenance,
        sentence=sentence,
        countries=frozenset(countries),
        person_actors=frozenset(persons),
    )


def test_date_intervals_follow_precision():
    assert date_interval("2023-08", "month")[1].day == 31
    assert date_interval("2023-08-07/2023-08-08", "range")[1].day == 8
    assert date_interval("2023-02-30", "day") is None


def test_same_meeting_from_three_outlets_is_one_event_and_dialogue_a_year_later_is_another():
    s = "افتتاح حوار التعاون الأمني المشترك بين الولايات المتحدة والعراق في البنتاغون"
    undated = ref(em("a000", 10, src=[ABBASI], tgt=[AUSTIN]), "واع", s, {"IRQ", "USA"}, {ABBASI, AUSTIN})
    jidar = ref(
        em("a001", 50, src=[ABBASI], tgt=[AUSTIN], date="2023-08-07", precision="day"),
        "جدار نيوز",
        s,
        {"IRQ", "USA"},
        {ABBASI, AUSTIN},
    )
    araby = ref(
        em("a003", 90, src=[IRQ_MOD], tgt=[US_DOD], date="2023-08-08", precision="day"),
        "العربي الجديد",
        "مباحثات دفاعية بين وفد عسكري عراقي مع مسؤولي وزارة الدفاع الأمريكية",
        {"IRQ", "USA"},
    )
    second_round = ref(
        em("a002", 5, src=[ABBASI], tgt=[AUSTIN], date="2024-07-22/2024-07-23", precision="range"),
        "بيان",
        "حوار التعاون الأمني المشترك الثاني",
        {"IRQ", "USA"},
        {ABBASI, AUSTIN},
    )
    clusters = link_event_mentions([undated, jidar, araby, second_round], [])
    events = sorted((c.to_event() for c in clusters), key=lambda e: e.date)
    assert len(events) == 2
    aug = events[0]
    assert sorted(aug.articles) == ["a000", "a001", "a003"]
    assert aug.date == "2023-08-07" and aug.independent_sources == 3
    assert events[1].articles == ["a002"]


def test_copies_and_shared_agency_count_once_and_different_types_never_merge():
    a = ref(
        em("a1", 0, "ASSAULT", src=["usa"], tgt=["irn-soleimani"], date="2020-01-03", precision="day"), "واع"
    )
    b = ref(
        em("a2", 0, "ASSAULT", src=["usa"], tgt=["irn-soleimani"], date="2020-01-03", precision="day"), "واع"
    )
    c = ref(
        em("a3", 0, "CONSULT", src=["usa"], tgt=["irn-soleimani"], date="2020-01-03", precision="day"),
        "رويترز",
    )
    events = [cl.to_event() for cl in link_event_mentions([a, b, c], [])]
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.articles == ["a1", "a2"] and assault.independent_sources == 1
    assert len(events) == 2


def test_planned_and_undated_weak_mentions_stay_apart():
    held = ref(
        em("a1", 0, src=["usa", "irq"], date="2023-08-08", precision="day"), "x", countries={"USA", "IRQ"}
    )
    planned = ref(em("a2", 0, src=["usa", "irq"], date="2023-08-08", precision="day", future=True), "y")
    undated = ref(em("a3", 0, src=["usa"]), "z", "نص مختلف تماما", {"USA"})
    assert len(link_event_mentions([held, planned, undated], [])) == 3


def test_one_article_naming_a_meeting_many_ways_is_one_event_but_two_meetings_stay_two():
    araji, kent, admiral = "irq-araji", "usa-kent", "nato-dragone"
    visit = ref(
        em("a3", 0, src=[araji], tgt=[kent], date="2023-08", precision="month"), "x", persons={araji, kent}
    )
    talks = ref(em("a3", 40, src=["usa-dod"], date="2023-08", precision="month"), "x")
    bare = ref(em("a3", 80, date="2023-08", precision="month"), "x")
    other = ref(em("a3", 120, src=[admiral], date="2023-08", precision="month"), "x", persons={admiral})
    clusters = link_event_mentions([visit, talks, bare, other], [])
    assert sorted(len(c.refs) for c in clusters) == [1, 3]


def test_two_triggers_of_one_type_in_one_sentence_are_one_event():
    a = em("a1", 10, "ASSAULT", src=["irn-soleimani"], date="2020-01-03", precision="day")
    b = em("a1", 60, "ASSAULT", src=["irq-muhandis"], date="2020-01-03", precision="day")
    a.sentence_start = b.sentence_start = 0
    clusters = link_event_mentions(
        [ref(a, "x", persons={"irn-soleimani"}), ref(b, "x", persons={"irq-muhandis"})], []
    )
    assert len(clusters) == 1

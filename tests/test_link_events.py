from datetime import date

from marsad.link.events import (
    MAX_PROFILE_ACTORS,
    MAX_PROFILE_SENTENCES,
    MAX_PROFILE_WORDS,
    EventRef,
    date_interval,
    link_event_mentions,
)
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


def ref(mention, provenance, sentence="", countries=(), persons=(), sides=()):
    return EventRef(
        mention=mention,
        article=mention.article,
        provenance=provenance,
        sentence=sentence,
        countries=frozenset(countries),
        person_actors=frozenset(persons),
        sides=frozenset(sides),
    )


def test_date_intervals_follow_precision():
    assert date_interval("2023-08", "month")[1].day == 31
    assert date_interval("2023-08-07/2023-08-08", "range")[1].day == 8
    assert date_interval("2023-02-30", "day") is None


def test_same_meeting_from_three_outlets_is_one_event_and_dialogue_a_year_later_is_another():
    s = "افتتاح حوار التعاون الأمني المشترك بين الولايات المتحدة والعراق في البنتاغون"
    govs = {"IRQ:GOV", "USA:GOV"}
    undated = ref(
        em("a000", 10, src=[ABBASI], tgt=[AUSTIN]), "واع", s, {"IRQ", "USA"}, {ABBASI, AUSTIN}, govs
    )
    jidar = ref(
        em("a001", 50, src=[ABBASI], tgt=[AUSTIN], date="2023-08-07", precision="day"),
        "جدار نيوز",
        s,
        {"IRQ", "USA"},
        {ABBASI, AUSTIN},
        govs,
    )
    # The two ministries, not the two ministers: the same two sides (country and sector)
    araby = ref(
        em("a003", 90, src=[IRQ_MOD], tgt=[US_DOD], date="2023-08-08", precision="day"),
        "العربي الجديد",
        "مباحثات دفاعية بين وفد عسكري عراقي مع مسؤولي وزارة الدفاع الأمريكية",
        {"IRQ", "USA"},
        sides=govs,
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


def test_two_reports_of_one_day_need_more_than_one_shared_actor():
    day = {"date": "2015-08-02", "precision": "day"}
    a = ref(
        em("a1", 0, "CONSULT", src=["sau-king"], tgt=["fra-gov-x"], **day), "x", "استقبل الملك وزير", {"SAU"}
    )
    b = ref(
        em("a2", 0, "CONSULT", src=["sau-king"], tgt=["egy-gov-y"], **day), "y", "التقى خادم الحرمين", {"SAU"}
    )
    assert len(link_event_mentions([a, b], [])) == 2
    c = ref(em("a3", 0, "CONSULT", src=["sau-king"], tgt=["fra-gov-x"], **day), "z", "نص آخر", {"SAU"})
    clusters = link_event_mentions([a, c], [])
    assert len(clusters) == 1
    [merge] = clusters[0].to_event().merges
    assert merge["articles"] == ["a3"] and merge["shared_participants"] == ["fra-gov-x", "sau-king"]
    assert merge["date"] == "2015-08-02" and "shared participants of 2 sides" in merge["rule"]


def test_the_same_sentence_re_run_is_one_event_and_a_place_that_conflicts_is_not():
    day = {"date": "2015-08-02", "precision": "day"}
    s = "أعلنت قيادة التحالف تدمير مخازن أسلحة للحوثيين في صعدة"
    a = ref(em("a1", 0, "ASSAULT", src=["sau"], **day), "x", s, {"SAU"})
    b = ref(em("a2", 0, "ASSAULT", src=["sau"], **day), "y", s, {"SAU"})
    [one] = link_event_mentions([a, b], [])
    assert one.to_event().merges[0]["rule"] == "same sentence, same days"
    here = ref(
        em("a3", 0, "ASSAULT", src=["sau", "yem-houthis"], **day), "x", "غارة على صنعاء", {"SAU", "YEM"}
    )
    there = ref(
        em("a4", 0, "ASSAULT", src=["sau", "yem-houthis"], **day), "y", "غارة على عدن", {"SAU", "YEM"}
    )
    here.mention.location, here.place_country = "yem-sanaa", "YEM"
    there.mention.location, there.place_country = "egy-cairo", "EGY"
    assert len(link_event_mentions([here, there], [])) == 2


def test_a_hypothetical_mention_stays_alone_without_taking_its_neighbours_out():
    maybe = em("a1", 0, "CONSULT", src=[ABBASI], tgt=[AUSTIN], date="2023-08-07", precision="day")
    maybe.hypothetical = True
    held = em("a1", 40, "CONSULT", src=[ABBASI], tgt=[AUSTIN], date="2023-08-07", precision="day")
    other = em("a2", 0, "CONSULT", src=[ABBASI], tgt=[AUSTIN], date="2023-08-07", precision="day")
    people = {ABBASI, AUSTIN}
    clusters = link_event_mentions(
        [ref(maybe, "x", persons=people), ref(held, "x", persons=people), ref(other, "y", persons=people)], []
    )
    merged = [c for c in clusters if len({r.article for r in c.refs}) == 2]
    assert len(clusters) == 2 and merged and not merged[0].profile.excluded


def test_a_copy_shares_its_events_even_without_evidence_of_its_own():
    root = ref(em("a1", 0, "ASSAULT", src=["sau"], date="2015-08-02", precision="day"), "x", "نص", {"SAU"})
    copy = ref(em("a2", 0, "ASSAULT", date="2015-08-02", precision="day"), "y", "نص مختلف")
    copy.copy_of = "a1"
    [one] = link_event_mentions([root, copy], [])
    assert one.to_event().merges[0]["rule"] == "copy of article a1"


def test_profiles_stay_bounded_as_an_event_gathers_reports():
    refs = [
        ref(
            em(
                f"a{i}",
                0,
                "ASSAULT",
                src=["sau", "yem-houthis", f"actor-{i}"],
                date="2015-08-02",
                precision="day",
            ),
            f"o{i}",
            f"غارات التحالف على مواقع الحوثيين كلمة{i} أخرى{i}",
            {"SAU", "YEM"},
        )
        for i in range(200)
    ]
    [event] = link_event_mentions(refs, [])
    p = event.profile
    assert len(event.refs) == 200
    assert {"sau", "yem-houthis"} <= set(p.participants) and len(p.participants) <= MAX_PROFILE_ACTORS
    assert len(p.words) <= MAX_PROFILE_WORDS and len(p.sentences) <= MAX_PROFILE_SENTENCES


def test_a_re_run_sentence_is_one_event_even_when_the_reports_name_nobody():
    # Mentions without resolved participants: only the sentence (found by its min-hashes)
    # can tell that two outlets report one happening; a month date (the publication month)
    # with publication days together is enough then, and a different sentence is not.
    s = "أعلنت وزارة الخارجية افتتاح سفارة جمهورية المالديف في العاصمة الرياض رسميا"
    month = {"date": "2015-08", "precision": "month"}
    a = ref(em("a1", 0, "AID", **month), "x", s)
    b = ref(em("a2", 0, "AID", **month), "y", s + " اليوم")
    a.published = b.published = date(2015, 8, 3)
    [one] = link_event_mentions([a, b], [])
    assert one.to_event().merges[0]["rule"] == "same sentence, published together"
    other = ref(em("a3", 0, "AID", **month), "z", "وقعت الحكومة اتفاقية لتطوير المدارس في المنطقة الشرقية")
    other.published = date(2015, 8, 3)
    assert len(link_event_mentions([a, other], [])) == 2
    weeks_later = ref(em("a4", 0, "AID", **month), "w", s)
    weeks_later.published = date(2015, 8, 20)
    assert len(link_event_mentions([a, weeks_later], [])) == 2


def test_one_shared_actor_of_the_same_day_needs_the_same_place_and_similar_words():
    day = {"date": "2015-08-03", "precision": "day"}
    words = "بحث وزير الخارجية الأمريكي مع نظرائه الاتفاق النووي"
    other_words = "التقى وزير الخارجية الأمريكي مسؤولين لبحث العلاقات الثنائية والتعاون العسكري"
    a = ref(em("a1", 0, src=["usa-kerry"], tgt=["qat"], **day), "x", words, {"USA", "QAT"}, {"usa-kerry"})
    b = ref(
        em("a2", 0, src=["usa-kerry"], tgt=["egy"], **day),
        "y",
        other_words,
        {"USA", "EGY"},
        {"usa-kerry"},
    )
    assert len(link_event_mentions([a, b], [])) == 2  # Kerry in Doha, Kerry in Cairo: two meetings
    a.mention.location = b.mention.location = "qat-doha"
    a.place_country = b.place_country = "QAT"
    [one] = link_event_mentions([a, b], [])
    assert "the same place, similar words" in one.to_event().merges[0]["rule"]


def test_two_actors_named_together_in_a_month_need_similar_words():
    month = {"date": "2015-08", "precision": "month"}
    a = ref(em("a1", 0, src=["irn"], tgt=["rus"], **month), "x", "زار وزير الخارجية الإيراني موسكو أمس")
    b = ref(em("a2", 0, src=["irn"], tgt=["rus"], **month), "y", "صفقة صواريخ بين البلدين متوقفة منذ سنوات")
    a.published = b.published = date(2015, 8, 3)
    assert len(link_event_mentions([a, b], [])) == 2


def test_a_date_after_publication_of_what_was_done_is_read_as_the_publication_month():
    # "تأجيل البطولة إلى ديسمبر": the meeting that postponed it took place before the report,
    # so the December date the sentence names does not keep two reports of it apart.
    s = "قرر الاجتماع الذي عقد في الكويت تأجيل البطولة إلى شهر ديسمبر من العام المقبل"
    december = ref(em("a1", 0, "CONSULT", date="2015-12", precision="month"), "x", s)
    august = ref(em("a2", 0, "CONSULT", date="2015-08-03", precision="day"), "y", s + " بالإجماع")
    december.published = august.published = date(2015, 8, 3)
    [one] = link_event_mentions([december, august], [])
    assert one.to_event().date == "2015-08-03"
    planned = ref(em("a3", 0, "CONSULT", date="2015-12", precision="month", future=True), "z", s)
    planned.published = date(2015, 8, 3)
    assert planned.interval == date_interval("2015-12", "month")


def test_reports_naming_nobody_in_common_join_on_similar_sentences_published_together():
    # "طيار" and "أمناء سر الاتحادات" are not resolved to actors: two outlets telling one
    # happening in similar (not re-run) sentences the same day are one event; a sentence
    # sharing a few words is not, nor are similar sentences about two named people.
    month = {"date": "2015-08", "precision": "month"}
    a = ref(
        em("a1", 0, "ASSAULT", **month),
        "x",
        "لقي طيار روسي مصرعه وأصيب آخر في تحطم مروحية عسكرية خلال استعراض جوي في إقليم ريازان",
    )
    b = ref(
        em("a2", 0, "ASSAULT", date="2015-08-02", precision="day"),
        "y",
        "قتل طيار وأصيب آخر عندما تحطمت مروحية عسكرية خلال استعراض جوي في إقليم ريازان الروسي",
    )
    a.published = b.published = date(2015, 8, 2)
    [one] = link_event_mentions([a, b], [])
    assert one.to_event().merges[0]["rule"] == "similar sentences, published together"
    loose = ref(em("a3", 0, "ASSAULT", **month), "z", "قتل جندي وأصيب آخر في انفجار لغم على طريق في ماردين")
    loose.published = date(2015, 8, 2)
    assert len(link_event_mentions([a, loose], [])) == 2
    later = ref(em("a4", 0, "ASSAULT", **month), "w", b.sentence)
    later.published = date(2015, 8, 5)
    assert len(link_event_mentions([a, later], [])) == 2
    one_person = ref(em("a5", 0, "ASSAULT", src=["p-1"], **month), "u", a.sentence, persons={"p-1"})
    other_person = ref(em("a6", 0, "ASSAULT", src=["p-2"], **month), "v", b.sentence, persons={"p-2"})
    one_person.published = other_person.published = date(2015, 8, 2)
    assert len(link_event_mentions([one_person, other_person], [])) == 2


def test_events_of_several_reports_are_placed_by_their_principal_places():
    # Kerry's tour: the Cairo meeting (2 Aug) and the Doha meeting (3 Aug), each reported by
    # three outlets, share Kerry and the United States and dates within the slack: the places
    # keep them apart. A place the reports discussed ("اليمن") does not hide the meeting's own.
    def report(article, day, place, country, sentence, outlet):
        r = ref(
            em(article, 0, src=["usa-kerry"], tgt=["usa", "igo-gcc"], date=day, precision="day"),
            outlet,
            sentence,
            {"USA"},
            {"usa-kerry"},
        )
        r.mention.location, r.place_country = place, country
        return r

    cairo = "بحث وزير الخارجية الأمريكي جون كيري في القاهرة الحوار الاستراتيجي مع مصر"
    doha = "بحث وزير الخارجية الأمريكي جون كيري في الدوحة مع وزراء خارجية دول الخليج"
    in_cairo = [report(f"c{i}", "2015-08-02", "egy-cairo", "EGY", cairo, f"o{i}") for i in range(3)]
    in_doha = [report(f"d{i}", "2015-08-03", "qat-doha", "QAT", doha, f"p{i}") for i in range(3)]
    events = link_event_mentions([*in_cairo, *in_doha], [])
    assert sorted(sorted({r.article for r in e.refs}) for e in events) == [
        ["c0", "c1", "c2"],
        ["d0", "d1", "d2"],
    ]
    topic = []
    for i in range(4):  # each report: the meeting in Doha, then three sentences on Yemen
        topic.append(report(f"t{i}", "2015-08-03", "qat-doha", "QAT", doha, f"q{i}"))
        for k in range(1, 4):
            on_yemen = report(f"t{i}", "2015-08-03", "yem", "YEM", doha, f"q{i}")
            on_yemen.mention.start = on_yemen.mention.sentence_start = 100 * k
            topic.append(on_yemen)
    [merged] = link_event_mentions([*in_doha, *topic], [])
    assert merged.profile.places["yem"] > merged.profile.places["qat-doha"]
    assert merged.profile.principal_places() == {"qat-doha", "yem"}


def test_every_merge_rule_the_linker_writes_has_an_arabic_label():
    # The event page explains each merge in Arabic (``labels.merge_rule_label``): a rule
    # without a label would show its English wording there.
    import inspect
    import re

    from marsad.arabic.labels import merge_rule_label
    from marsad.link import events

    source = inspect.getsource(events)
    rules = set(re.findall(r'rule\s*=\s*f?"([^"{]+)', source))
    assert "similar sentences, published together" in rules and len(rules) >= 9
    assert [rule for rule in sorted(rules) if merge_rule_label(rule) == rule] == []


def test_one_person_spelled_two_ways_is_one_participant():
    from marsad.link.events import _is_state
    from marsad.model import Actor

    def killing(article, victim, sentence, keyed):
        mention = em(article, 0, "ASSAULT", tgt=[victim], date="2015-08-02", precision="day")
        mention.location = "sau-najran"
        key = "name:عبدالله منصور" if keyed else victim
        return EventRef(
            mention=mention,
            article=article,
            provenance=f"outlet:{article}",
            sentence=sentence,
            person_actors=frozenset({key}),
            keys={victim: key} if keyed else {},
        )

    s1 = "استشهاد المواطن عبدالله ال منصور إثر سقوط مقذوف عسكري على منزله في نجران"
    s2 = "استشهد المواطن عبدالله دواس آل منصور بمقذوف عسكري سقط على منزله بمنطقة نجران"
    keyed = link_event_mentions([killing("a1", "actor-1", s1, True), killing("a2", "actor-2", s2, True)], [])
    assert len(keyed) == 1 and keyed[0].to_event().targets == ["actor-1", "actor-2"]  # ids kept
    apart = link_event_mentions(
        [killing("a1", "actor-1", s1, False), killing("a2", "actor-2", s2, False)], []
    )
    assert len(apart) == 2
    # A state acts through its capital: "واشنطن" and "الولايات المتحدة" are one side.
    assert _is_state(Actor(id="usa", type="GPE", name="الولايات المتحدة", country="USA"))
    assert _is_state(Actor(id="usa-washington", type="GPE", name="واشنطن", country="USA"))
    assert not _is_state(Actor(id="sau-najran", type="GPE", name="نجران", country="SAU"))
    assert not _is_state(
        Actor(id="usa-gov", type="ORG", name="الحكومة الأمريكية", country="USA", sector="GOV")
    )
    # The merge is explained by actor ids, not by the keys they were matched by.
    assert keyed[0].merges[0]["shared_participants"] in (["actor-1"], ["actor-2"])


def test_one_person_on_the_same_day_in_very_similar_words_needs_no_shared_place():
    def killing(article, place, sentence):
        mention = em(article, 0, "ASSAULT", tgt=["actor-mansour"], date="2015-08-02", precision="day")
        mention.location = place
        return ref(mention, f"outlet:{article}", sentence, persons={"actor-mansour"})

    s1 = "استشهاد المواطن عبدالله آل منصور إثر سقوط مقذوف عسكري على منزله"
    s2 = "استشهد عبدالله آل منصور بعد سقوط مقذوف عسكري حوثي على منزله بمنطقة نجران الحدودية أمس"
    merged = link_event_mentions([killing("a1", "فواز", s1), killing("a2", "sau-najran", s2)], [])
    assert len(merged) == 1
    assert merged[0].merges[0]["rule"] == "same days and the same person in very similar words"
    other = "التقى المواطن عبدالله آل منصور بأعضاء المجلس البلدي لمناقشة مشاريع الطرق"
    assert len(link_event_mentions([killing("a1", "فواز", s1), killing("a3", "sau-najran", other)], [])) == 2

from marsad.link.claims import ClaimRef, allowed_interval, find_contradictions, subject_key
from marsad.model import Claim


def ref(
    cid,
    outlet,
    value,
    *,
    subject,
    unit,
    as_of,
    approximate=False,
    bound=None,
    high=None,
    context="",
    story="s-troops",
    events=(),
):
    claim = Claim(
        id=cid,
        article=f"a-{outlet}",
        start=0,
        end=10,
        subject=subject,
        value=value,
        unit=unit,
        as_of=as_of,
        approximate=approximate,
        bound=bound,
        high=high,
    )
    return ClaimRef(
        claim=claim,
        outlet=outlet,
        root=f"a-{outlet}",
        evidence=f"{value} {unit}",
        context=context,
        story=story,
        events=frozenset(events),
    )


def test_us_troop_figures_from_two_outlets_disagree():
    jidar = ref(
        "c1", "جدار نيوز", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11", approximate=True
    )
    araby = ref(
        "c2",
        "العربي الجديد",
        2000,
        subject="عسكري",
        unit="عسكري",
        as_of="2021-12",
        bound="max",
        context="أن لا يتجاوز عدد القوات الأمريكية",
    )
    assert subject_key(jidar) == subject_key(araby) == "troops:USA"
    found = find_contradictions([jidar], [araby])
    assert len(found) == 1
    assert found[0].claims == ["c1", "c2"]
    assert "2500" in found[0].note and "2000" in found[0].note


def test_compatible_wording_is_not_a_contradiction():
    a = ref("c1", "أ", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11", approximate=True)
    b = ref("c2", "ب", 2400, subject="جندي أمريكي", unit="جندي", as_of="2023-08-09")
    assert find_contradictions([a], [b]) == []
    assert allowed_interval(a.claim) == (2250.0, 2750.0)


def test_different_subjects_or_periods_or_copies_are_not_compared():
    us = ref("c1", "أ", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    isis = ref("c2", "ب", 500, subject="عنصر من التنظيم", unit="عنصر", as_of="2023-08-11")
    old = ref("c3", "ج", 5000, subject="جندي أمريكي", unit="جندي", as_of="2019-01-01")
    assert subject_key(isis) is None  # whose militants? a figure with no country is not compared
    assert find_contradictions([us], [isis, old]) == []
    copy = ref("c4", "أ", 3000, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    assert find_contradictions([us], [copy]) == []  # same outlet
    other = ref("c5", "د", 3000, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    assert len(find_contradictions([us], [other])) == 1


def test_claims_must_be_about_the_same_matter():
    us = ref("c1", "أ", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    elsewhere = ref("c2", "ب", 900, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11", story="s-syria")
    assert find_contradictions([us], [elsewhere]) == []  # US troops of another story (Syria)

    def killed(cid, outlet, value, events):
        return ref(cid, outlet, value, subject="قتيل عراقي", unit="قتيل", as_of="2015-07-21", events=events)

    battle = killed("k1", "أ", 18, {"e-ramadi"})
    other_battle = killed("k2", "ب", 27, {"e-baiji"})
    same_battle = killed("k3", "ج", 40, {"e-ramadi"})
    assert subject_key(battle) == "killed:IRQ"
    assert find_contradictions([battle], [other_battle]) == []  # two battles, two tolls
    assert [c.claims for c in find_contradictions([battle], [same_battle])] == [["k1", "k3"]]


def test_tolls_of_one_incident_told_in_other_words_are_compared_within_a_story():
    def toll(cid, outlet, value, sentence, bound=None, story="s-ariha", as_of="2015-08-03"):
        r = ref(cid, outlet, value, subject="قتلوا شخصا", unit="شخص", as_of=as_of, bound=bound, story=story)
        r.evidence = sentence
        return r

    aawsat = toll("p1", "aawsat", 31, "إن 31 شخصا قتلوا حينما سقطت مقاتلة سورية على سوق مزدحم في بلدة أريحا")
    alyoum = toll(
        "p2", "3alyoum", 27, "قتل 27 شخصا حينما سقطت مقاتلة سورية على سوق شعبي في مدينة أريحا بإدلب"
    )
    floor = toll("p3", "aleqt", 12, "إن 12 شخصا قتلوا حينما سقطت مقاتلة سورية على سوق في أريحا", bound="min")
    assert subject_key(aawsat) == "killed:"  # "مقاتلة سورية" names the attacker, not the dead
    assert [c.claims for c in find_contradictions([aawsat], [alyoum, floor])] == [["p1", "p2"]]
    elsewhere = toll("p4", "x", 5, "قتل 5 أشخاص في قصف على مدينة حلب صباح اليوم الاثنين")
    later = toll(
        "p5", "y", 40, "إن 40 شخصا قتلوا حينما سقطت مقاتلة سورية على سوق في أريحا", as_of="2015-08-06"
    )
    other_story = toll(
        "p6", "z", 50, "إن 50 شخصا قتلوا حينما سقطت مقاتلة سورية على سوق في أريحا", story="s-x"
    )
    assert find_contradictions([aawsat], [elsewhere, later, other_story]) == []


def test_killed_soldiers_are_a_toll_and_fighters_of_other_battles_are_not_compared():
    killed_soldiers = ref(
        "t1", "okaz", 3, subject="قتلوا جنود", unit="جندي", as_of="2015-08-01", context="قال الجيش التركي إن"
    )
    assert subject_key(killed_soldiers) == "killed:TUR"  # a toll, not the army's strength
    whose = ref("t4", "alwatan", 8, subject="وأصيب جنود", unit="جندي", as_of="2015-08-03")
    assert subject_key(whose) is None  # "وأصيب ثمانية جنود": nobody says whose soldiers
    since_july = ref(
        "t2",
        "aawsat",
        19,
        subject="شخصا من قوات الامن التركية",
        unit="شخص",
        as_of="2015-08-04",
        context="منذ بداية الأزمة وقتل 19 شخصا من قوات الامن التركية",
    )
    since_july.claim.end = since_july.claim.start + len("19 شخصا من قوات الامن التركية")
    assert subject_key(since_july) == "killed:TUR"
    strength = ref("t3", "x", 2500, subject="جندي أمريكي", unit="جندي", as_of="2023-08-11")
    assert subject_key(strength) == "troops:USA"

    def fighters(cid, outlet, value, sentence):
        r = ref(cid, outlet, value, subject="مقاتلا", unit="مقاتل", as_of="2015-08-01", events={"e-aleppo"})
        r.context = "المعارضة السورية"
        r.evidence = sentence
        return r

    attack = "مقاتلا من المعارضة السورية خلال محاولة هجوم على قاعدة عسكرية"
    base = fighters("f1", "aljazirah", 25, f"قتل 25 {attack}")
    elsewhere = "أفادت المعارضة السورية بمقتل 50 عنصرا لقوات النظام في حي الراشدين"
    district = fighters("f2", "alyaum", 50, elsewhere)
    same_attack = fighters("f3", "okaz", 40, f"قتل 40 {attack}")
    assert find_contradictions([base], [district]) == []  # one ASSAULT event, two battles
    assert [c.claims for c in find_contradictions([base], [same_attack])] == [["f1", "f3"]]


def test_counts_of_one_thing_with_different_fates_are_not_compared():
    def nusra(cid, outlet, value, before, subject, as_of="2015-08-03"):
        r = ref(cid, outlet, value, subject=subject, unit="مقاتل", as_of=as_of, events={"e-nusra"})
        r.context = f"{before} {value} {subject}"
        r.claim.end = r.claim.start + len(f"{value} {subject}")
        r.evidence = f"{before} {value} {subject} من المعارضة السورية في ريف حلب الشمالي"
        return r

    killed = nusra("n1", "alriyadh", 18, "وقال المرصد إن القتلى هم", "مقاتلا من جبهة النصرة السورية")
    kidnapped = nusra("n2", "aawsat", 8, "بعد أيام من خطفها", "مقاتلين من المعارضة السورية")
    assert subject_key(killed) == "fighters/killed:SYR"
    assert subject_key(kidnapped) == "fighters/abducted:SYR"
    assert find_contradictions([kidnapped], [killed]) == []
    also_killed = nusra("n3", "okaz", 30, "وقال المرصد إن القتلى هم", "مقاتلا من جبهة النصرة السورية")
    assert [c.claims for c in find_contradictions([also_killed], [killed])] == [["n1", "n3"]]


def test_houses_destroyed_in_one_incident_are_its_toll():
    def houses(cid, outlet, value, as_of="2015-08-03"):
        r = ref(cid, outlet, value, subject="منزلا", unit="منزل", as_of=as_of, events={"e-raid"}, story=None)
        r.context = f"وأسفرت الغارة عن تدمير {value} منزلا"
        r.claim.end = r.claim.start + len(f"{value} منزلا")
        r.evidence = f"وأسفرت الغارة الجوية على حي سكني في صعدة عن تدمير {value} منزلا بالكامل"
        return r

    assert subject_key(houses("h1", "a", 12)) == "buildings/destroyed:"
    assert [c.claims for c in find_contradictions([houses("h1", "a", 12)], [houses("h2", "b", 30)])] == [
        ["h1", "h2"]
    ]
    assert find_contradictions([houses("h1", "a", 12)], [houses("h3", "c", 30, as_of="2015-08-09")]) == []
    built = ref("h4", "d", 500, subject="وحدة سكنية", unit="وحدة", as_of="2015-08-03", context="بناء 500")
    assert subject_key(built) is None  # homes built are no incident's damage

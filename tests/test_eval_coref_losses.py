from marsad.evaluation.coref_losses import CAUSES, LostPair, _cause, losses_table
from marsad.link.events import EventCluster, EventRef
from marsad.model import EventMention

SENTENCE = "بحث وزير الخارجية الأمريكي مع وزراء خارجية دول مجلس التعاون في الدوحة الاتفاق النووي"


def cluster(article, type_="CONSULT", *, src=(), tgt=(), day="2015-08-03", sentence=SENTENCE):
    mention = EventMention(
        article=article,
        start=0,
        end=4,
        text="بحث",
        type=type_,
        sources=list(src),
        targets=list(tgt),
        date=day,
        date_precision="day" if day else None,
        sentence_start=0,
        sentence_end=len(sentence),
    )
    built = EventCluster(id=f"e-{article}", type=type_)
    built.add(EventRef(mention=mention, article=article, provenance=f"outlet:{article}", sentence=sentence))
    return built


def test_each_lost_pair_is_put_down_to_the_first_condition_it_fails():
    kerry, gcc, iran = "usa-kerry", "igo-gcc", "irn"
    a = [cluster("a", src=[kerry], tgt=[gcc])]
    assert _cause(a, [], "CONSULT", ["e1"], []) == "no mention"
    assert _cause(a, [cluster("b", "ASSAULT", src=[kerry])], "CONSULT", ["e1"], ["e2"]) == "no mention"
    assert _cause(a, [cluster("b", "AGREE", src=[kerry])], "CONSULT", ["e1"], ["e2"]) == "type"
    assert _cause(a, [cluster("b", src=[kerry], tgt=[gcc])], "CONSULT", ["e1", "e3"], ["e3"]) == "picked"
    other_day = [cluster("b", src=[kerry], tgt=[gcc], day="2015-07-14")]
    assert _cause(a, other_day, "CONSULT", ["e1"], ["e2"]) == "dates"
    nobody = [cluster("b", sentence="اجتماع اليوم")]
    assert _cause(a, nobody, "CONSULT", ["e1"], ["e2"]) == "participants: none resolved"
    other_people = [cluster("b", src=[iran], sentence="اجتماع اليوم")]
    assert _cause(a, other_people, "CONSULT", ["e1"], ["e2"]) == "participants"
    one_side = [cluster("b", src=[kerry], sentence="كيري يصل")]
    assert _cause(a, one_side, "CONSULT", ["e1"], ["e2"]) == "threshold"
    same = [cluster("b", src=[kerry], tgt=[gcc])]
    assert _cause(a, same, "CONSULT", ["e1"], ["e2"]) == "rule passes"


def test_the_weights_of_the_causes_add_up_to_what_recall_lost():
    assert "picked: another type" in CAUSES and "picked: same type" in CAUSES
    lost = [LostPair("g", "x", "y", CAUSES[0], 0.25), LostPair("g", "x", "z", CAUSES[1], 0.25)]
    table = losses_table(lost, 0.5)
    assert [cell for cell in table.columns[3].cells] == ["0.250", "0.250", "0.500"]

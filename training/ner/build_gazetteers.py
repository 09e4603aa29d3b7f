"""Build the NER gazetteers shipped in ``src/marsad/resources/gazetteers/``.

Run once (training time only): ``PYTHONPATH=src python training/ner/build_gazetteers.py``.
Sources (provenance and licences: the README written beside the output):

- arabic-name-romanizer's bundled ``names.sqlite3`` (MIT; data from Wikidata CC0, the
  Algerian Name Transcription Corpus CC0 and DziriNames MIT): full names and name parts
  (given / surname / unknown role). Installed for training only, never at run time.
- Unicode CLDR via babel (Unicode licence): Arabic territory names and the exemplar city
  names of time zones.
- The actor dictionary in ``src/marsad/resources/actors/`` (curated, and UniversalPetrarch's
  Arabic actor list, MIT): persons, organisations, places.
- A curated list of Arab and world cities and regions written here.

Nothing here reads ANERcorp (train or test). Every entry is stored ``normalize``d, one per
line, one file per category.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from collections import defaultdict
from importlib.metadata import metadata
from importlib.util import find_spec
from pathlib import Path

import yaml

from marsad.arabic.normalize import normalize
from marsad.paths import RESOURCES

OUT = RESOURCES / "gazetteers"


# Function words that name databases also list as names (a person once called "في"); a
# gazetteer hit on them would only add noise.
def _words(block: str) -> list[str]:
    return block.split()


_STOP = set(
    normalize(w)
    for w in _words("""
    في من على إلى الى عن مع أن إن كان كانت قد لا لم لن ما هو هي هم التي الذي الذين هذا هذه
    ذلك تلك بين بعد قبل حتى عند كل أو أي ثم إذا لقد وقد وزير الرئيس رئيس اليوم أمس قال
    وقال أكد حيث كما أيضا غير منذ خلال ضد عام يوم شهر مجلس دولة
    """)
)

# Cities and regions Arabic news names often that CLDR's time-zone cities leave out.
_CITIES = """
بغداد البصرة الموصل أربيل كركوك النجف كربلاء الفلوجة الرمادي تكريت سامراء بعقوبة الحلة
الكوت العمارة الناصرية الديوانية السماوة دهوك السليمانية حلبجة زاخو تلعفر سنجار القائم
حديثة هيت الأنبار نينوى ديالى واسط ميسان ذي قار بابل المثنى صلاح الدين
القاهرة الإسكندرية الجيزة أسوان الأقصر بورسعيد السويس الإسماعيلية المنصورة طنطا
دمشق حلب حمص حماة اللاذقية طرطوس درعا إدلب الرقة دير الزور الحسكة القامشلي منبج عفرين
بيروت طرابلس صيدا صور بعلبك زحلة جونية
عمان الزرقاء إربد العقبة الكرك معان
الرياض جدة مكة المكرمة المدينة المنورة الدمام الخبر الظهران الطائف تبوك أبها جازان نجران
القطيف الأحساء حائل بريدة ينبع
الكويت الدوحة المنامة مسقط صلالة أبوظبي أبو ظبي دبي الشارقة عجمان الفجيرة رأس الخيمة
صنعاء عدن تعز الحديدة مأرب المكلا صعدة
القدس غزة رام الله الخليل نابلس جنين بيت لحم أريحا طولكرم قلقيلية رفح خان يونس تل أبيب
حيفا يافا عكا الناصرة بئر السبع
الخرطوم أم درمان بورتسودان دارفور
طرابلس بنغازي مصراتة سرت طبرق
تونس صفاقس سوسة القيروان بنزرت
الجزائر وهران قسنطينة عنابة
الرباط الدار البيضاء فاس مراكش طنجة أكادير مكناس
نواكشوط مقديشو جيبوتي
طهران مشهد أصفهان تبريز شيراز قم الأهواز كرمانشاه
أنقرة إسطنبول اسطنبول أزمير غازي عنتاب
كابول قندهار هرات إسلام أباد إسلام آباد كراتشي لاهور بيشاور
واشنطن نيويورك لوس أنجلوس شيكاغو هيوستن بوسطن فيلادلفيا ميامي سان فرانسيسكو
لندن باريس برلين موسكو روما مدريد بروكسل جنيف فيينا أثينا لاهاي أمستردام ستوكهولم
بكين طوكيو نيودلهي سيول هونغ كونغ شنغهاي سنغافورة كوالالمبور جاكرتا
أوتاوا مونتريال تورنتو سيدني ملبورن
"""

# Regions and other non-political places (LOC, not GPE).
_REGIONS = """
الشرق الأوسط الخليج الخليج العربي الخليج الفارسي المغرب العربي الشرق الأدنى آسيا الوسطى
شبه الجزيرة العربية البحر الأحمر البحر المتوسط البحر الأبيض المتوسط المحيط الأطلسي
المحيط الهندي المحيط الهادئ نهر دجلة دجلة الفرات نهر الفرات نهر النيل النيل الضفة الغربية
قطاع غزة سيناء الجولان هضبة الجولان مضيق هرمز باب المندب قناة السويس جبال الألب
"""


def _lines(path: Path, entries: set[str]) -> int:
    kept = sorted(e for e in entries if e and e not in _STOP and len(e) >= 2)
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return len(kept)


def _clean(name: str) -> str:
    name = re.sub(r"\s*\(.*?\)\s*", " ", name)  # "هيبرون (مدينة الخليل)"
    return " ".join(normalize(name).split())


def names_db() -> Path:
    spec = find_spec("arabic_name_romanizer")
    if spec is None or spec.origin is None:
        sys.exit("build_gazetteers: pip install arabic-name-romanizer (training only)")
    return Path(spec.origin).parent / "resources" / "names.sqlite3"


def person_names(min_part_count: int) -> dict[str, set[str]]:
    db = sqlite3.connect(names_db())
    full = {_clean(k) for (k,) in db.execute("SELECT DISTINCT arabic_key FROM full_names")}
    by_role: dict[str, int] = defaultdict(int)
    given: set[str] = set()
    surname: set[str] = set()
    rare: set[str] = set()
    totals: dict[str, int] = defaultdict(int)
    roles: dict[str, set[str]] = defaultdict(set)
    for key, role, count in db.execute("SELECT arabic_key, role, count FROM units"):
        k = _clean(key)
        totals[k] += count
        roles[k].add(role)
        by_role[role] += 1
    for k, total in totals.items():
        if total < min_part_count:
            rare.add(k)
            continue
        if "given" in roles[k]:
            given.add(k)
        if "surname" in roles[k] or roles[k] == {"unknown"}:
            surname.add(k)
    return {
        "person_full": {f for f in full if " " in f},
        "person_given": given,
        "person_surname": surname,
        "person_part_rare": rare,
    }


def cldr_places() -> dict[str, set[str]]:
    from babel import Locale

    ar = Locale("ar")
    countries, regions = set(), set()
    for code, name in ar.territories.items():
        (regions if code.isdigit() else countries).add(_clean(name))
    cities = {_clean(v["city"]) for v in ar.time_zones.values() if v.get("city")}
    return {"gpe_country": countries, "gpe_city": cities, "loc_region": regions}


def actor_names() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    target = {"PER": "person_known", "ORG": "org_known", "GPE": "gpe_city", "LOC": "loc_region"}
    curated = yaml.safe_load((RESOURCES / "actors" / "curated.yaml").read_text(encoding="utf-8"))
    petrarch = json.loads((RESOURCES / "actors" / "petrarch.json").read_text(encoding="utf-8"))
    for entry in [*curated, *petrarch]:
        kind = target.get(entry.get("type", ""))
        if kind is None:
            continue
        for name in [entry["name"], *entry.get("aliases", []), *entry.get("short", [])]:
            out[kind].add(_clean(name))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--min-part-count", type=int, default=2, help="name parts seen fewer times are 'rare'"
    )
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    groups: dict[str, set[str]] = defaultdict(set)
    for part in (person_names(args.min_part_count), cldr_places(), actor_names()):
        for kind, entries in part.items():
            groups[kind] |= entries
    for block, kind in ((_CITIES, "gpe_city"), (_REGIONS, "loc_region")):
        multi = _multi(block)
        inside = {w for m in multi for w in m.split()}
        groups[kind] |= {_clean(m) for m in multi}
        groups[kind] |= {_clean(w) for w in block.split() if w not in inside}
    for kind in sorted(groups):
        n = _lines(OUT / f"{kind}.txt", groups[kind])
        print(f"{kind:18} {n:7d}")
    licence = metadata("arabic-name-romanizer").get("License")
    print(f"arabic-name-romanizer licence: {licence}")


def _multi(block: str) -> list[str]:
    """Known multi-word names in a block: pairs written together in the lists above."""
    words = block.split()
    multi = {
        "دير الزور",
        "صلاح الدين",
        "ذي قار",
        "رأس الخيمة",
        "أبو ظبي",
        "رام الله",
        "بيت لحم",
        "خان يونس",
        "تل أبيب",
        "بئر السبع",
        "أم درمان",
        "الدار البيضاء",
        "غازي عنتاب",
        "إسلام أباد",
        "إسلام آباد",
        "لوس أنجلوس",
        "سان فرانسيسكو",
        "هونغ كونغ",
        "مكة المكرمة",
        "المدينة المنورة",
        "الشرق الأوسط",
        "الخليج العربي",
        "الخليج الفارسي",
        "المغرب العربي",
        "الشرق الأدنى",
        "آسيا الوسطى",
        "شبه الجزيرة العربية",
        "البحر الأحمر",
        "البحر المتوسط",
        "البحر الأبيض المتوسط",
        "المحيط الأطلسي",
        "المحيط الهندي",
        "المحيط الهادئ",
        "نهر دجلة",
        "نهر الفرات",
        "نهر النيل",
        "الضفة الغربية",
        "قطاع غزة",
        "هضبة الجولان",
        "مضيق هرمز",
        "باب المندب",
        "قناة السويس",
        "جبال الألب",
    }
    text = " ".join(words)
    return [m for m in multi if m in text]


if __name__ == "__main__":
    main()

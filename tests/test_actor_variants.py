"""Descriptors as country+sector actors, and transliteration variants as one actor."""

from __future__ import annotations

import pytest

from marsad.annotate.actor_dictionary import ActorDictionary
from marsad.arabic.descriptors import descriptors
from marsad.arabic.transliteration import variant_key


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.mark.parametrize(
    ("a", "b"),
    [("كيم جونغ أون", "كيم جونج أون"), ("كيم جونغ-أون", "كيم جونغ أون"), ("فلاديمير بوتن", "فلاديمير بوتين")],
)
def test_transliteration_variants_share_a_key(a, b):
    assert variant_key(a) == variant_key(b)


def test_arabic_names_with_the_article_keep_their_vowels():
    assert variant_key("العبيدي") != variant_key("العبادي")


@pytest.mark.parametrize(
    "name",
    ["بوتين", "فلاديمير بوتين", "فلاديمير بوتن"],
)
def test_putin_is_one_actor(dictionary, name):
    assert dictionary.lookup(name).id == "rus-gov-vladimir-putin"


@pytest.mark.parametrize("name", ["كيم جونغ أون", "كيم جونج أون", "كيم جونغ-أون"])
def test_kim_is_one_actor(dictionary, name):
    assert dictionary.lookup(name).id == "prk-gov-kim-jong-un"


def test_variant_spelling_is_found_in_running_text(dictionary):
    found = dictionary.find("وقال فلاديمير بوتن إن")
    assert [a.id for _, _, a in found] == ["rus-gov-vladimir-putin"]


@pytest.mark.parametrize(
    ("name", "country", "sector"),
    [
        ("النظام السوري", "SYR", "GOV"),
        ("الحكومة السورية", "SYR", "GOV"),
        ("الجيش اليمني", "YEM", "MIL"),
        ("الطيران الروسي", "RUS", "MIL"),
        ("السلطات السعودية", "SAU", "GOV"),
        ("المعارضة السورية المسلحة", "SYR", "REB"),
        ("ميليشيا الحوثي", "YEM", "REB"),
        ("قوات التحالف العربي", None, "MIL"),
        ("المعارضة المسلحة", None, "REB"),
    ],
)
def test_descriptors_are_actors(dictionary, name, country, sector):
    actor = dictionary.lookup(name)
    assert actor is not None and (actor.country, actor.sector) == (country, sector)


def test_a_descriptor_of_a_curated_actor_extends_it(dictionary):
    # "السلطات العراقية" names the Iraqi government, which is curated as irq-gov
    assert dictionary.lookup("السلطات العراقية").id == "irq-gov"
    assert dictionary.lookup("القوات الأمريكية").id == "usa-mil-forces"


def test_descriptor_ids_are_country_and_sector():
    ids = {d.id for d in descriptors()}
    assert {"syr-gov", "yem-mil", "rus-mil", "reb-armed-opposition"} <= ids

"""The SaudiNewsNet reader gives the raw records as stored, in order, empty ones included."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from marsad.evaluation import saudinewsnet

RECORDS = [
    {"title": "عنوان", "content": "نص الخبر", "source": "spa", "date_extracted": "2015-07-21 10:00:00"},
    {"title": "بلا نص", "content": "", "source": "spa"},
    {"title": "no content key"},
]


def _day(folder: Path, name: str, payload: object) -> Path:
    path = folder / f"{name}.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}.json", json.dumps(payload, ensure_ascii=False))
    return path


def test_records_as_stored_in_day_order(tmp_path: Path) -> None:
    _day(tmp_path, "2015-07-22", RECORDS[2:])
    _day(tmp_path, "2015-07-21", RECORDS[:2])
    days = saudinewsnet.day_files(tmp_path)
    assert [p.name for p in days] == ["2015-07-21.zip", "2015-07-22.zip"]
    assert list(saudinewsnet.records(days)) == RECORDS
    origins = [origin for origin, _ in saudinewsnet.iter_day(days[0])]
    assert origins == ["2015-07-21.zip:2015-07-21.json#0", "2015-07-21.zip:2015-07-21.json#1"]


def test_split_days_never_share_a_day(tmp_path: Path) -> None:
    for day in range(1, 19):
        _day(tmp_path, f"2015-08-{day:02d}", [])
    split = saudinewsnet.split_days(tmp_path)
    assert [len(split[k]) for k in ("train", "dev", "held")] == [12, 3, 3]
    assert max(split["train"]) < min(split["dev"]) and max(split["dev"]) < min(split["held"])


@pytest.mark.parametrize("payload", [{"not": "an array"}, ["not an object"]])
def test_bad_day_file_names_the_file(tmp_path: Path, payload: object) -> None:
    path = _day(tmp_path, "2015-07-21", payload)
    with pytest.raises(ValueError, match=r"2015-07-21\.zip: cannot read SaudiNewsNet day file"):
        saudinewsnet.read_day(path)
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip")
    with pytest.raises(ValueError, match=r"broken\.zip"):
        saudinewsnet.read_day(broken)


@pytest.mark.shared
def test_first_day_matches_the_zip(shared: Path) -> None:
    first = saudinewsnet.day_files(shared / "data" / "news" / "saudinewsnet")[0]
    with zipfile.ZipFile(first) as archive:
        raw = [r for member in archive.namelist() for r in json.loads(archive.read(member))]
    assert saudinewsnet.read_day(first) == raw
    assert any(not r.get("content") for r in raw)  # empty records are kept, not filtered


def test_similar_groups_join_by_single_link_and_keep_index_order() -> None:
    texts = [
        "وزير الدفاع العراقي يلتقي نظيره الأمريكي في واشنطن",
        "مباراة الهلال والنصر تنتهي بالتعادل",
        "نظيره الأمريكي يستقبل وزير الدفاع العراقي في واشنطن",
        "ارتفاع أسعار النفط في الأسواق العالمية",
        "الهلال والنصر يتعادلان في مباراة مثيرة",
    ]
    groups = saudinewsnet.similar_groups(texts, link=0.3, max_df=1.0)
    assert groups == [[0, 2], [1, 4], [3]]
    # a link threshold nothing reaches leaves every text alone
    assert saudinewsnet.similar_groups(texts, link=1.01, max_df=1.0) == [[0], [1], [2], [3], [4]]

"""SaudiNewsNet day files: the raw records exactly as stored, for training and evaluation.

Each day is a zip (``../shared/data/news/saudinewsnet/2015-07-21.zip``) holding one JSON
array of article objects (``title``, ``content``, ``source``, ``url``, ``date_extracted``...).
Records come out as stored and in file order, those with empty content included (133 of
31,030), so that a model rebuilt from them gets the same input. Days are split by date
(:func:`split_days`) so that training and held evaluation never share a day.

The analysis path reads these zips through ``marsad.sources`` (cleaning, language, dates);
this module is for scripts that want the corpus itself.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.paths import shared_path

Record = dict[str, Any]


def corpus_dir() -> Path:
    """The SaudiNewsNet folder under ../shared; a clear error when there is no shared folder."""
    return shared_path("data", "news", "saudinewsnet")


def day_files(root: Path | None = None) -> list[Path]:
    """The day zips in date order (their names are the dates)."""
    return sorted((root or corpus_dir()).glob("*.zip"))


def split_days(root: Path | None = None) -> dict[str, list[Path]]:
    """Day files split by date: 12 train, 3 dev, the rest (3) held."""
    days = day_files(root)
    return {"train": days[:12], "dev": days[12:15], "held": days[15:]}


def iter_day(path: Path) -> Iterator[tuple[str, Record]]:
    """``(origin, record)`` for every record of one day file; origin is ``day.zip:member#n``.

    A file that is not a zip of JSON arrays of objects raises ValueError naming the file."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                records = json.loads(archive.read(member))
                if not isinstance(records, list):
                    raise ValueError(f"{member} is not a JSON array")
                for n, record in enumerate(records):
                    if not isinstance(record, dict):
                        raise ValueError(f"{member} item {n} is not an object")
                    yield f"{path.name}:{member}#{n}", record
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise ValueError(f"{path}: cannot read SaudiNewsNet day file ({exc})") from exc


def read_day(path: Path) -> list[Record]:
    """Every record of one day file, in stored order."""
    return [record for _, record in iter_day(path)]


def records(paths: Iterable[Path] | None = None) -> Iterator[Record]:
    """Every record of the given day files (default: all days), in order."""
    for path in day_files() if paths is None else paths:
        for _, record in iter_day(path):
            yield record


def similar_groups(texts: list[str], link: float, max_df: float) -> list[list[int]]:
    """Groups of texts joined by single link at TF-IDF cosine >= ``link``, for proposing
    candidates to hand-label (independent of the system under test).

    Word unigrams and bigrams, sublinear tf, words in more than ``max_df`` of the texts left
    out. Groups are connected components, each in index order, ordered by their first index,
    singletons included: reproducible, no randomness."""
    from scipy.sparse.csgraph import connected_components
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(ngram_range=(1, 2), max_df=max_df, sublinear_tf=True).fit_transform(texts)
    similarity = (matrix @ matrix.T).tocsr()
    similarity.data = (similarity.data >= link).astype("int8")
    similarity.eliminate_zeros()
    _count, labels = connected_components(similarity, directed=False)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())

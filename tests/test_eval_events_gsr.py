"""The GSR gold of ``marsad eval events``: which rows are positive, negative or left out."""

from __future__ import annotations

import csv

from marsad.evaluation.events import GSR_FILES, load_gsr


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=["", "accept", "event_type", "id", "label", "reject", "text", "total"]
        )
        writer.writeheader()
        for i, (label, accept, reject) in enumerate(rows):
            writer.writerow(
                {
                    "": i,
                    "accept": accept,
                    "event_type": "X",
                    "id": str(1000 + i),
                    "label": label,
                    "reject": reject,
                    "text": f"جملة {i}",
                    "total": accept + reject,
                }
            )


def test_split_votes_are_left_out_without_moving_other_rows(tmp_path):
    rows = [("yes", 3, 0)] * 10 + [("easy no", 0, 3)] * 20 + [("difficult no", 1, 2)] * 10
    rows += [("difficult no", 2, 2)] * 8 + [("difficult no", 4, 2)] * 2 + [("ambiguous", 2, 1)] * 3
    for name in GSR_FILES.values():
        _write(tmp_path / name, rows)
    strict = {(s.type, s.id): s for s in load_gsr(tmp_path, strict=True)}
    readme = {(s.type, s.id): s for s in load_gsr(tmp_path)}
    assert len(strict) == 2 * 50  # ambiguous rows are never read
    assert len(readme) == 2 * 40  # 2-2 and 4-2 "difficult no" are neither yes nor no
    assert {s.id for s in strict.values()} - {s.id for s in readme.values()} == {
        str(1040 + i) for i in range(10)
    }
    assert all(
        strict[key].split == s.split and strict[key].positive == s.positive for key, s in readme.items()
    )
    assert sum(s.positive for s in readme.values()) == 2 * 10

"""Every linker says which tables it writes; those are real tables of a fresh store."""

from __future__ import annotations

from pathlib import Path

from marsad.link import LINKER_TABLES, LINKERS, tables_of
from marsad.store.db import Store


def test_each_linker_names_tables_of_the_schema(tmp_path: Path) -> None:
    assert set(LINKER_TABLES) == {name for name, _target in LINKERS}
    with Store.open(tmp_path / "s.db") as store:
        schema = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(tables_of(LINKER_TABLES)) <= schema
    # in run order, only the linkers asked for
    assert tables_of(["claims", "events"]) == LINKER_TABLES["events"] + LINKER_TABLES["claims"]

"""Persistence: the SQLite store and the export contract."""

from marsad.store.db import SCHEMA_VERSION, Store, StoreError

__all__ = ["SCHEMA_VERSION", "Store", "StoreError"]

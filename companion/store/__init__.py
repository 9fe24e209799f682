"""The history: the only package that touches SQLite (through sqlite-utils).

- :mod:`.posts`: what a post is (its fields, checked and normalised) before it is stored;
- :mod:`.schema`: the tables and their migrations;
- :mod:`.rows`: posts and reports to rows and back, and the filters' SQL;
- :mod:`.database`: :class:`Store`, the small named queries everyone else calls.
"""

from .database import Store, StoreError
from .schema import BUCKETS, DIMENSIONS, POST_COLUMNS, migrations

__all__ = ["BUCKETS", "DIMENSIONS", "POST_COLUMNS", "Store", "StoreError", "migrations"]

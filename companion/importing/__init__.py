"""Importing the data exports platforms give their users: X (and Twitter's pre-2019
archive), LinkedIn, Facebook (JSON and HTML), Threads, Mastodon, Bluesky, Reddit,
WordPress, and plain CSV/JSON Lines.

    >>> summary = import_export(Path("twitter-2024.zip"), store, scorer)
    >>> summary.added, summary.already, summary.repeated, summary.problems

:mod:`.archive` opens a zip, tar.gz, folder or single file as a list of members; one
module per platform format in :mod:`.readers` (each a :class:`~.reader.Reader`), listed
in :mod:`.registry`; :mod:`.detect` picks the reader of each file; :mod:`.run` scores
the posts on every core (:mod:`companion.scoring.parallel`) and records them.
"""

from .archive import MAX_FILE_BYTES
from .found import ArchiveError, ImportedPost
from .registry import READERS
from .run import ImportSummary, import_export, read_export

__all__ = [
    "MAX_FILE_BYTES",
    "READERS",
    "ArchiveError",
    "ImportSummary",
    "ImportedPost",
    "import_export",
    "read_export",
]

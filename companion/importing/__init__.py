"""Importing the data exports platforms give their users: X, LinkedIn, Facebook, Mastodon,
Reddit, WordPress, and plain CSV/JSON Lines.

    >>> summary = import_export(Path("twitter-2024.zip"), store, scorer)
    >>> summary.added, summary.already, summary.problems

One module per platform format (each a :class:`~.formats.Reader`); :mod:`.detect` picks
the reader for each file of a zip, tar.gz, folder or single file; :mod:`.run` scores the
posts on every core (:mod:`.parallel`) and records them.
"""

from .archive import MAX_FILE_BYTES
from .detect import READERS
from .model import ArchiveError, ImportedPost
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

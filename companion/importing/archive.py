"""An export as a list of files, whatever it came as: a zip, a tar.gz, a folder, one file.

Only the few text files a reader asks for are ever read, each with a size limit, so an
archive of several gigabytes of photos costs nothing and a "zip bomb" is refused.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO

from .found import ArchiveError

# The largest text file read from an export. A prolific X account's tweets.js is tens of
# megabytes; anything far beyond this is not a text export Spotlight knows.
MAX_FILE_BYTES = 256 * 1024 * 1024


# What reading one file can raise; each becomes a Problem naming the file.
READ_ERRORS = (
    ValueError,
    OSError,
    EOFError,
    csv.Error,
    zipfile.BadZipFile,
    zlib.error,
    tarfile.TarError,
    RecursionError,
    # A platform changing a field's shape (a list where an object was) must cost that
    # file, not the whole import.
    TypeError,
    AttributeError,
    LookupError,
)


class FileTooLarge(ValueError):
    """A file in the export is larger than the limit; the message gives both sizes."""


@dataclasses.dataclass(frozen=True)
class Member:
    """One file of an export: its path inside the export and how to read it."""

    archive: str  # the name the user gave, for messages
    name: str  # posix path inside the export ("data/tweets.js"), or the file's own name
    size: int
    opener: Callable[[], IO[bytes]]
    limit: int = MAX_FILE_BYTES  # the most read_bytes reads
    joiner: str = ":"  # between archive and name in messages: "x.zip:data/tweets.js"
    salvaged: bool = False  # read from a zip cut short (see .salvage)

    @property
    def path(self) -> PurePosixPath:
        return PurePosixPath(self.name)

    @property
    def display(self) -> str:
        """How messages name the file: ``twitter.zip:data/tweets.js`` or just the path."""
        if self.archive == self.name:
            return self.name
        return f"{self.archive}{self.joiner}{self.name}"

    def read_bytes(self) -> bytes:
        """The whole file, refusing one larger than ``limit`` (checked while reading too:
        a zip can claim a small size and inflate to gigabytes)."""
        limit = self.limit
        if self.size > limit:
            raise FileTooLarge(_too_large(self.size, limit))
        with self.opener() as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise FileTooLarge(_too_large(len(data), limit, at_least=True))
        return data

    def read_text(self) -> str:
        """The file as text: UTF-8, or the encoding its byte-order mark names (LinkedIn's
        2018 UTF-16), or the one charset-normalizer finds; the mark itself is dropped.

        Raises:
            ValueError: the file is not text in any encoding (the message says where).
        """
        from .charset import decode_text

        return decode_text(self.read_bytes())

    def head(self, size: int = 4096) -> bytes:
        """The first bytes, for recognising what the file is."""
        with self.opener() as handle:
            return handle.read(size)


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:,.0f} MB"
    return f"{count / 2**10:,.0f} KB" if count >= 2**10 else f"{count} bytes"


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return (
        f"the file is {more}{_size(size)}; Spotlight reads text files of at most "
        f"{_size(limit)} from an export"
    )


@contextmanager
def open_archive(path: Path, *, display: str | None = None) -> Iterator[list[Member]]:
    """The files of an export at ``path``: a zip, a tar(.gz), a folder or a single file.

    Raises:
        ArchiveError: the path does not exist, or the archive cannot be opened at all.
    """
    path = Path(path)
    label = display or path.name
    if path.is_dir():
        yield _folder(path, label)
    elif not path.exists():
        raise ArchiveError(f"{label}: no such file or folder")
    elif zipfile.is_zipfile(path) or _looks_like_zip(path):
        with _open_zip(path, label) as members:
            yield members
    elif _is_tar(path):
        with _open_tar(path, label) as members:
            yield members
    else:
        size = path.stat().st_size
        yield [Member(label, label, size, lambda: path.open("rb"))]


def _folder(root: Path, label: str) -> list[Member]:
    members = []
    for file in sorted(root.rglob("*")):
        if file.is_file():
            name = file.relative_to(root).as_posix()
            members.append(
                Member(label, name, file.stat().st_size, lambda f=file: f.open("rb"), joiner="/")
            )
    return members


def _looks_like_zip(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


@contextmanager
def _open_zip(path: Path, label: str) -> Iterator[list[Member]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        problem = str(error)
    else:
        problem = None
    if problem is not None:
        from .salvage import salvage_zip

        salvaged = salvage_zip(path, label)
        if not salvaged:
            raise ArchiveError(
                f"{label}: the zip file is damaged or incomplete ({problem}) and no file in it "
                "can be read; expected a complete export - download it again"
            )
        yield salvaged
        return
    with archive:
        members = [
            Member(label, info.filename, info.file_size, lambda info=info: archive.open(info))
            for info in archive.infolist()
            if not info.is_dir()
        ]
        yield members


def _is_tar(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except (OSError, EOFError, tarfile.TarError):
        return False


@contextmanager
def _open_tar(path: Path, label: str) -> Iterator[list[Member]]:
    # Mastodon ships its archive as .tar.gz. A tar has no index: reading the list of files
    # reads the whole stream, and a download cut short fails at the end. The files listed
    # before the break are still readable, so they are kept.
    archive = tarfile.open(path)
    with archive:
        try:
            infos = archive.getmembers()
        except (EOFError, OSError, tarfile.TarError, zlib.error):
            infos = list(archive.members)
        members = []
        for info in infos:
            if info.isfile():
                members.append(
                    Member(label, info.name, info.size, lambda info=info: _tar_open(archive, info))
                )
        yield members


def _tar_open(archive: tarfile.TarFile, info: tarfile.TarInfo) -> IO[bytes]:
    handle = archive.extractfile(info)
    return handle if handle is not None else io.BytesIO()

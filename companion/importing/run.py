"""Importing an export: read it, score the posts, record them, and say what happened.

Resumable rather than one long transaction: posts are recorded in chunks, each chunk one
transaction (so a post is never half-stored, and the server can keep recording what the
extension sends while an import runs). Ids are fixed by the archive's content, so after
a crash or Ctrl-C, importing the same export again skips what was stored and adds the rest.
"""

from __future__ import annotations

import dataclasses
import tarfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..store.posts import PostError, clean_post
from .archive import MAX_FILE_BYTES, READ_ERRORS, Member, open_archive
from .detect import assign_readers, unknown_export
from .found import ArchiveError, Found, Ignored, ImportedPost, Problem
from .network import NetworkFile, read_network
from .reader import Context, Reader

if TYPE_CHECKING:
    from ..scoring import Scorer

KEEP_PROBLEMS = 50
SALVAGED = (
    "the zip is cut short (was the download interrupted?): imported what the {count:,} "
    "complete files before the cut hold; download the export again for the rest"
)
RECORD_CHUNK = 500
PROGRESS_EVERY = 25

Progress = Callable[[str, int, int], None]


@dataclasses.dataclass
class ImportSummary:
    """What an import did. ``problems`` holds the first few reasons, each naming its file.

    ``already`` counts posts that were in the history before this import; ``repeated``
    counts posts the export itself holds more than once (X splits, a file in two folders).
    """

    archive: str
    platforms: list[str] = dataclasses.field(default_factory=list)
    files: list[str] = dataclasses.field(default_factory=list)
    found: int = 0
    added: int = 0
    already: int = 0
    repeated: int = 0
    ignored: Counter[str] = dataclasses.field(default_factory=Counter)
    unreadable: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)
    # The network files (connections, follows, friends): accounts found, and once
    # recorded: added, restored, ended (no longer connected), already.
    connections: Counter[str] = dataclasses.field(default_factory=Counter)

    def problem(self, problem: Problem) -> None:
        self.unreadable += 1
        if len(self.problems) < KEEP_PROBLEMS:
            self.problems.append(str(problem))

    @property
    def imported_nothing(self) -> bool:
        """Nothing of the export is in the history: no post and no connection found, or
        none stored."""
        return self.added + self.already == 0 and not self.connections.get("found")

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["ignored"] = dict(self.ignored)
        data["connections"] = dict(self.connections)
        return data


def _read_member(member: Member, reader: Reader, context: Context) -> list[Found]:
    found: list[Found] = []
    try:
        # Appending as they come keeps what was read before a file turns bad halfway.
        for item in reader.read(member, context):
            found.append(item)
    except READ_ERRORS as error:
        found.append(Problem(member.display, _describe(error)))
    return found


def _describe(error: BaseException) -> str:
    name = type(error).__name__
    text = str(error) or name
    if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError | tarfile.TarError):
        return f"the file is damaged in the archive ({text}); download the export again"
    if isinstance(error, ValueError | OSError):
        return text
    return f"unexpected content ({name}): {text}"


def read_export(
    path: Path,
    *,
    display: str | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
    progress: Progress | None = None,
    network: list[NetworkFile] | None = None,
) -> tuple[list[ImportedPost], ImportSummary]:
    """Every post in the export at ``path``, and a summary of what was left out and why.

    The network files (:mod:`.network`) are read too; they are appended to ``network``
    when it is given.

    Raises:
        companion.importing.found.ArchiveError: the export cannot be opened, or no
            platform's files are in it.
    """
    label = display or Path(path).name
    summary = ImportSummary(label)
    posts: dict[str, ImportedPost] = {}
    with open_archive(Path(path), display=label) as members:
        members = [dataclasses.replace(member, limit=max_file_bytes) for member in members]
        claimed = assign_readers(members)
        found_network = _read_network(members, summary, network, claimed)
        if not claimed and not found_network:
            if any(member.salvaged for member in members):
                raise ArchiveError(
                    f"{label}: the zip is cut short (was the download interrupted?) and the part "
                    "that arrived holds none of the files Spotlight reads; download it again"
                )
            raise unknown_export(label, members)
        if any(member.salvaged for member in members):
            summary.problem(Problem(label, SALVAGED.format(count=len(members))))
        context = Context(members)
        for done, (member, reader) in enumerate(claimed):
            if progress:
                progress("reading", done, len(claimed))
            summary.files.append(member.display)
            if reader.LABEL not in summary.platforms:
                summary.platforms.append(reader.LABEL)
            for found in _read_member(member, reader, context):
                if isinstance(found, Problem):
                    summary.problem(found)
                elif isinstance(found, Ignored):
                    summary.ignored[found.reason] += 1
                else:
                    summary.found += 1
                    if posts.setdefault(found.id, found) is not found:
                        summary.repeated += 1  # the same post twice in one export
        if progress:
            progress("reading", len(claimed), len(claimed))
    return list(posts.values()), summary


def _read_network(
    members: list[Member],
    summary: ImportSummary,
    network: list[NetworkFile] | None,
    claimed: list[tuple[Member, Reader]],
) -> bool:
    files, problems = read_network(members)
    # A file that holds posts too (Bluesky's repo.car) is reported once, by its post reader.
    read_for_posts = {member.display for member, _ in claimed}
    for source, message in problems:
        if source not in read_for_posts:
            summary.problem(Problem(source, message))
    for file in files:
        summary.files.append(file.source)
        if file.label not in summary.platforms:
            summary.platforms.append(file.label)
        summary.connections["found"] += len(file.accounts)
    if network is not None:
        network.extend(files)
    return bool(files or problems)


def _scorable(
    posts: list[ImportedPost], scorer: Scorer, summary: ImportSummary
) -> list[tuple[dict[str, Any], ImportedPost]]:
    from ..scoring import ScoreError

    good = []
    for post in posts:
        try:
            scorer.check(post.text)
            good.append((clean_post(post.to_post(), source="import"), post))
        except (ScoreError, PostError) as error:
            summary.problem(Problem(post.source, f"post of {post.posted_at:%Y-%m-%d}: {error}"))
    return good


def import_export(
    path: Path,
    store: Any,
    scorer: Scorer,
    *,
    model: str = "",
    processes: int | None = None,
    pool_from: int | None = None,
    display: str | None = None,
    max_file_bytes: int = MAX_FILE_BYTES,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import the export at ``path`` into ``store``: read, score, record in chunks.

    Args:
        store: a :class:`companion.store.Store`.
        scorer: this process's scorer (small imports are scored with it).
        model: the pipeline name worker processes load (``settings.model``).
        processes: scoring processes (default: one per core, at most 4).
        pool_from: see :func:`companion.scoring.parallel.score_reports` (0: never score in
            this process).
        progress: called as ``progress(stage, done, total)``; stages are ``reading`` (files)
            and ``scoring`` (posts).

    Raises:
        companion.importing.found.ArchiveError: nothing in ``path`` can be imported.
    """
    from ..scoring.parallel import score_reports

    network: list[NetworkFile] = []
    posts, summary = read_export(
        path, display=display, max_file_bytes=max_file_bytes, progress=progress, network=network
    )
    for file in network:  # first, so the posts' mentions meet the people they name
        counts = store.record_network(file.snapshot())
        summary.connections.update({k: v for k, v in counts.items() if k != "found"})
    known = store.known_post_ids([post.id for post in posts])
    summary.already += len(known)
    todo = _scorable([post for post in posts if post.id not in known], scorer, summary)
    if progress:
        progress("scoring", 0, len(todo))
    reports = score_reports(
        scorer,
        [post.text for _, post in todo],
        [post.kind for _, post in todo],
        model=model,
        processes=processes,
        pool_from=pool_from,
    )
    batch: list[tuple[dict[str, Any], dict[str, Any]]] = []
    done = 0
    for (clean, _), report in zip(todo, reports, strict=True):
        batch.append((clean, report))
        if progress and len(batch) % PROGRESS_EVERY == 0 and len(batch) < RECORD_CHUNK:
            progress("scoring", done + len(batch), len(todo))  # long posts: ~20 a second
        if len(batch) >= RECORD_CHUNK:
            done = _record(store, batch, summary, done, len(todo), progress)
    if batch:
        _record(store, batch, summary, done, len(todo), progress)
    return summary


def _record(
    store: Any,
    batch: list[tuple[dict[str, Any], dict[str, Any]]],
    summary: ImportSummary,
    done: int,
    total: int,
    progress: Progress | None,
) -> int:
    """Store one chunk in one transaction; returns how many posts are done."""
    added, skipped = store.record_posts(batch)
    summary.added += added
    summary.already += skipped
    done += len(batch)
    batch.clear()
    if progress:
        progress("scoring", done, total)
    return done

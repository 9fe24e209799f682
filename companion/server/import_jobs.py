"""An upload from the history page and its import: the job's states and what moves it on.

    uploading ──start()──→ reading ──→ scoring ──→ done
        (chunks arrive)        └──────────┴──────→ failed

The loop adds chunks and starts the job; the job's own thread runs the import and writes
its progress, summary or error; the page reads them through :meth:`ImportJob.to_dict`.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..history.backup import BackupError, is_backup, refuse_csv_export, restore_backup
from ..importing import ArchiveError, import_export

log = logging.getLogger("spotlight.server")


class State(enum.StrEnum):
    """Where a job is; the values are what the API and the page say."""

    UPLOADING = "uploading"
    READING = "reading"
    SCORING = "scoring"
    DONE = "done"
    FAILED = "failed"


RUNNING = (State.READING, State.SCORING)


class Cancelled(Exception):
    """The server is shutting down; the import stops between two stored chunks."""


@dataclasses.dataclass
class ImportJob:
    """One upload and its import. Fields are written by one thread and read by the loop."""

    id: str
    filename: str
    size: int
    folder: Path
    received: int = 0
    state: State = State.UPLOADING
    done: int = 0
    total: int = 0
    summary: dict[str, Any] | None = None
    error: str | None = None
    cancelled: bool = False
    thread: threading.Thread | None = None

    @property
    def path(self) -> Path:
        return self.folder / self.filename

    @property
    def uploading(self) -> bool:
        return self.state == State.UPLOADING

    @property
    def running(self) -> bool:
        return self.state in RUNNING

    def append(self, data: bytes) -> None:
        """Add the next chunk of the upload to the file (on a thread: it writes to disk)."""
        with self.path.open("ab") as handle:
            handle.write(data)

    def start(self, run: Callable[[ImportJob], None]) -> None:
        """Leave ``uploading``: run the import on the job's own thread."""
        self.state = State.READING
        name = f"spotlight-import-{self.id[:8]}"
        self.thread = threading.Thread(target=run, args=(self,), name=name, daemon=True)
        self.thread.start()

    def progress(self, stage: str, done: int, total: int) -> None:
        """The importer's progress callback; raises :class:`Cancelled` once cancelled."""
        if self.cancelled:
            raise Cancelled
        self.state, self.done, self.total = State(stage), done, total

    def run(self, store: Any, scorer: Any, *, model: str) -> None:
        """Restore the backup or import the export, ending ``done`` or ``failed``."""
        try:
            refuse_csv_export(self.path)
            if is_backup(self.path):  # a Spotlight backup is restored, not read as an export
                summary = restore_backup(store, self.path, display=self.filename)
            else:
                summary = import_export(
                    self.path,
                    store,
                    scorer,
                    model=model,
                    pool_from=0,
                    display=self.filename,
                    progress=self.progress,
                )
            self.summary, self.state = summary.to_dict(), State.DONE
        except (ArchiveError, BackupError) as error:
            self._fail(str(error))
        except Cancelled:
            self._fail("the companion stopped; import the file again to finish")
        except Exception as error:  # the page must hear about it; the log has the details
            log.exception("import of %s failed", self.filename)
            self._fail(f"the import failed: {error}")
        finally:
            self.remove_upload()

    def _fail(self, error: str) -> None:
        self.error, self.state = error, State.FAILED

    def remove_upload(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def to_dict(self) -> dict[str, Any]:
        keys = ("id", "filename", "size", "received", "state", "done", "total", "summary", "error")
        return {key: getattr(self, key) for key in keys}

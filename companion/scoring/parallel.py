"""Scoring many posts on every core: a pool of processes, each with its own pipeline.

spaCy's parser and NER hold the GIL, so threads do not help; processes do. Each worker
loads the pipeline once (``initializer``) and scores chunks with ``Scorer.score_many``
(``nlp.pipe`` inside), so the rules and features run in parallel too, not only the
pipeline. Small imports are scored in this process: starting workers costs more than it
saves below a few hundred posts.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from ..nlp import load_pipeline
from . import Scorer, language

# Below this many posts, scoring in-process is faster than starting workers.
MIN_POSTS_FOR_POOL = 400
# Small chunks, many in flight: the last chunk of a batch runs on one worker while the
# others are done, and a long chunk at the head of the window holds back the results
# behind it; a chunk's own cost (sending texts and reports) is small at this size.
CHUNK = 32
WINDOW_PER_PROCESS = 4

_worker: Scorer | None = None


def _init_worker(model: str, max_chars: int, batch_size: int) -> None:
    global _worker
    _worker = Scorer(load_pipeline(model), max_chars=max_chars, batch_size=batch_size)


def _score_chunk(texts: list[str], kinds: list[str | None]) -> list[dict[str, Any]]:
    assert _worker is not None, "worker not initialised"
    return [report.to_dict() for report in _worker.score_many(texts, kinds=kinds)]


def default_processes() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def _context() -> multiprocessing.context.BaseContext:
    # fork is the fastest start (the workers inherit the loaded pipeline) but is unsafe
    # once other threads exist, as in the server, whose locks a forked child would copy
    # held. There, forkserver starts clean workers that load the pipeline themselves.
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")


def score_reports(
    scorer: Scorer,
    texts: Sequence[str],
    kinds: Sequence[str | None],
    *,
    model: str = "",
    processes: int | None = None,
    pool_from: int | None = None,
) -> Iterator[dict[str, Any]]:
    """Report dicts for ``texts``, in order, using ``processes`` workers for large batches.

    Args:
        scorer: the scorer of this process: used for small batches, and its limits are
            the workers' limits.
        model: the pipeline name the workers load (the same as ``scorer``'s).
        processes: worker count (default: the cores, at most 4); 1 scores in-process.
        pool_from: the fewest posts scored in workers (default ``MIN_POSTS_FOR_POOL``);
            0 always uses workers, never ``scorer``'s pipeline (the server's scorer belongs
            to its scoring thread).
    """
    processes = max(1, default_processes() if processes is None else processes)
    pool_from = MIN_POSTS_FOR_POOL if pool_from is None else pool_from
    if not texts:
        return
    if len(texts) < pool_from or (processes == 1 and pool_from > 0):
        for report in scorer.score_many(texts, kinds=kinds):
            yield report.to_dict()
        return
    args = (model, scorer.max_chars, scorer.parser.batch_size)
    context = _context()
    if context.get_start_method() == "fork":
        language.load()  # once here, not once in each worker
    with ProcessPoolExecutor(
        processes, mp_context=context, initializer=_init_worker, initargs=args
    ) as pool:
        pending: deque[Future[list[dict[str, Any]]]] = deque()
        starts = iter(range(0, len(texts), CHUNK))
        try:
            # A bounded window of chunks in flight: results stream out in order and memory
            # stays flat however large the import.
            for start in starts:
                end = start + CHUNK
                chunk = (list(texts[start:end]), list(kinds[start:end]))
                pending.append(pool.submit(_score_chunk, *chunk))
                if len(pending) >= processes * WINDOW_PER_PROCESS:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

"""A corpus's rows read in worker processes: all cores, results in manifest order, bounded memory.

:meth:`analysis.text.Corpus.map` uses this when the corpus has more than one worker (the
default: one per core this process may run on). Rows go to the workers in chunks of
``CHUNK_ROWS``; each worker loads, cleans and analyses its chunk's articles one at a time and
sends back one merged result per chunk (a ``Tally``, not the articles). At most ``2 ×
workers`` chunks are in flight, and results are taken in the order of the manifest, so memory
stays flat whatever the corpus's size and the result does not depend on which worker finished
first.

The first article is read in this process before the pool starts: it loads the tokeniser's
models and the lexicons (and whatever else ``func`` compiles on first use, such as the source
grammar) once, and the workers, forked after it, inherit them. A group of at most
``POOL_MIN_CHUNKS`` chunks is read here and never starts a pool: starting one and sending
the rows and results across costs about what a second core saves on so few articles.

A corpus keeps its pool (:class:`WorkerPool`) for all its groups, so the workers' caches
(token kinds, counted forms, compiled patterns) stay warm from one group to the next. At most
one idle pool is alive in a process: starting one shuts down any other that no iteration is
reading from, so no process is forked while another pool's thread runs (unless two corpora
are read in turns). A pool ends when its corpus is garbage-collected or
the interpreter exits.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any

from ..errors import AnalysisInputError, ArticleError

CHUNK_ROWS = 16  # articles per task sent to a worker
# Rows of at most this many chunks are read in this process. Measured on two cores (notebook
# 06's synthetic articles, about 3 KB each): an 18-article group counts in the same time with
# or without a pool (0.27-0.30 s), a 35-article group in 0.33-0.37 s with one instead of 0.50 s.
POOL_MIN_CHUNKS = 2
IN_FLIGHT = 2  # chunks queued or running per worker

Row = dict[str, str]
# per chunk: (merged result or None, [(row, error) ...]): with errors="raise" a chunk stops at
# its first unreadable row, with "skip" it goes on and lists every one
ChunkResult = tuple[Any, list[tuple[Row, ArticleError]]]


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def check_workers(workers: int | None) -> int:
    """The number of worker processes ``workers`` asks for (None: :func:`default_workers`)."""
    if workers is None:
        return default_workers()
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise AnalysisInputError(f"workers must be a whole number of processes of at least 1 "
                                 f"(or None for one per core), not {workers!r}")
    return workers


def read_chunk(rows: list[Row], func: Callable, merge: Callable | None, stop_at_error: bool,
               load: Callable) -> ChunkResult:
    """``func`` of each readable row's article (``load(row)``), merged; the unreadable rows.

    Runs in a worker (or here, for the first article or a group of one chunk). Without ``merge``
    the result is the list of ``func`` results.
    """
    results, failed = [], []
    for row in rows:
        try:
            article = load(row)
        except ArticleError as exc:
            failed.append((row, exc))
            if stop_at_error:
                break
            continue
        results.append(func(article))
    if merge is None:
        return results, failed
    return (merge(results) if results else None), failed


def _context() -> multiprocessing.context.BaseContext:
    """Fork on Linux (workers start at once, with this process's loaded models); elsewhere
    the platform's default, spawn (each worker imports the package), as fork is not safe on
    macOS and absent on Windows."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class WorkerPool:
    """The worker processes of one corpus, started when a group first needs them and kept for
    the corpus's other groups (pickles as its number of workers alone)."""

    _live: weakref.ref | None = None  # the pool of this process whose workers are running

    def __init__(self, workers: int):
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._finalizer: weakref.finalize | None = None
        self.active = 0  # iterations reading from these workers now

    def executor(self) -> ProcessPoolExecutor:
        """The running workers, started (after shutting down any other pool) if needed."""
        if self._executor is None:
            other = WorkerPool._live() if WorkerPool._live else None
            if other is not None and other is not self and not other.active:
                other.shutdown()  # (one still being read from keeps its workers)
            self._executor = ProcessPoolExecutor(self.workers, mp_context=_context())
            self._finalizer = weakref.finalize(self, self._executor.shutdown, wait=False,
                                               cancel_futures=True)
            WorkerPool._live = weakref.ref(self)
        return self._executor

    def submit(self, *args) -> Any:
        """Submit a task; the first one forks the workers, with this process's objects frozen
        out of the garbage collector meanwhile (the workers' collections then never walk, and
        so never copy, the memory they share with this process)."""
        fresh = self._executor is None
        # objects frozen before (``display.setup_notebook``) stay frozen
        thaw = fresh and gc.get_freeze_count() == 0
        executor = self.executor()
        if fresh:
            gc.freeze()
        try:
            return executor.submit(*args)
        finally:
            if thaw:
                gc.unfreeze()

    def shutdown(self) -> None:
        """Stop the workers (a later group starts new ones)."""
        if self._finalizer is not None:
            self._finalizer.detach()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._finalizer = None

    def __getstate__(self) -> dict:
        return {"workers": self.workers}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["workers"])


def chunk_results(rows: Iterable[Row], func: Callable, *, merge: Callable | None,
                  stop_at_error: bool, load: Callable, workers: int,
                  pool: WorkerPool | None = None) -> Iterator[ChunkResult]:
    """:func:`read_chunk` of consecutive chunks of ``rows``, in order: the first row here (it
    loads the models the workers then inherit), the others in ``pool``'s processes (without
    one, in ``workers`` processes started for these rows alone); rows that fit
    ``POOL_MIN_CHUNKS`` chunks are all read here, without a pool.

    With ``stop_at_error``, iteration ends after the first chunk that has an unreadable row
    (the caller raises its error); tasks not yet started are then cancelled and those running
    are waited for, and so they are if iteration is abandoned. A pool made here is shut down
    when iteration ends.
    """
    rows = iter(rows)
    ahead = list(islice(rows, POOL_MIN_CHUNKS * CHUNK_ROWS + 1))
    if len(ahead) <= POOL_MIN_CHUNKS * CHUNK_ROWS:
        yield read_chunk(ahead, func, merge, stop_at_error, load)
        return
    here = read_chunk(ahead[:1], func, merge, stop_at_error, load)
    yield here
    if stop_at_error and here[1]:
        return
    following = chain(ahead[1:], rows)
    queued = iter(lambda: list(islice(following, CHUNK_ROWS)), [])
    own = pool is None
    pool = WorkerPool(workers) if own else pool
    pending: deque = deque()
    pool.active += 1
    try:
        while True:
            while len(pending) < IN_FLIGHT * pool.workers and (chunk := next(queued, None)):
                pending.append(pool.submit(read_chunk, chunk, func, merge, stop_at_error, load))
            if not pending:
                return
            done = pending.popleft().result()
            yield done
            if stop_at_error and done[1]:
                return
    except (BrokenProcessPool, KeyboardInterrupt):
        if not own:  # a worker that died (or was interrupted): the next group starts anew
            pool.shutdown()
        raise
    finally:
        pool.active -= 1
        if own:
            pool.shutdown()
        else:
            for future in pending:
                future.cancel()
            wait(pending)

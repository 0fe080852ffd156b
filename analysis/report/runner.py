"""Run a report's notebooks, a few at a time, with the results in reading order.

Each notebook is executed in its own fresh kernel, cleaned and rendered to HTML (the same
steps, in the same order, whether it runs alone or beside another), so a report's files are
the same bytes however many notebooks run at once. With more than one worker, the notebooks
run in a small pool of worker processes, each driving one kernel; progress lines, pages and
the first failure are reported in reading order, not in the order the notebooks finish.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from .execute import execute, tidy_executed
from .html import render_html
from .index import RenderedNotebook
from .notebooks import notebook_title

MAX_WORKERS = 2  # kernels at once: each notebook is one busy core for most of its run


class NotebookJob(NamedTuple):
    """One notebook to run: its progress name (``[1/6] 01_load_and_clean.ipynb``), its source
    and the parameters it receives."""

    name: str
    source: Path
    parameters: Mapping[str, Any]


def default_workers(jobs: int) -> int:
    """How many notebooks run at once by default: one per core, at most ``MAX_WORKERS``."""
    return max(1, min(jobs, os.cpu_count() or 1, MAX_WORKERS))


def run_one(source: Path, folder: Path, parameters: Mapping[str, Any]
            ) -> tuple[str, str, float]:
    """Execute ``source`` into ``folder`` (the kernel runs there), clean it and render its
    page; return its title, its page's name and the seconds it took."""
    started = time.perf_counter()
    executed = execute(source, folder / source.name, parameters, cwd=folder)
    node = tidy_executed(executed)
    page = render_html(executed, folder / f"{source.stem}.html", index_link=True)
    return notebook_title(node, source.stem), page.name, time.perf_counter() - started


def run_notebooks(jobs: Sequence[NotebookJob], folder: Path, *, workers: int | None = None,
                  progress: Callable[[str], None] = print,
                  meanwhile: Callable[[], Any] | None = None
                  ) -> tuple[list[RenderedNotebook], Any]:
    """Run every job into ``folder``; return the rendered notebooks in the jobs' order and
    what ``meanwhile`` returned (it runs in this process while the notebooks run).

    ``workers`` is how many notebooks run at once (None: :func:`default_workers`; 1: one
    after the other in this process). The first failure in the jobs' order is raised (a
    ``NotebookError`` naming the notebook) once the notebooks already running have stopped;
    notebooks not yet started are not started.
    """
    workers = default_workers(len(jobs)) if workers is None else max(1, workers)
    if workers == 1 or len(jobs) < 2:
        results = []
        for job in jobs:
            progress(f"{job.name}: running ...")
            result = run_one(job.source, folder, job.parameters)
            results.append(_finish(job, folder, result, progress))
        return results, (meanwhile() if meanwhile else None)
    import papermill  # noqa: F401  # imported once here, not in each worker (when forked)

    pool = ProcessPoolExecutor(max_workers=workers)
    futures: list[Future] = []
    try:
        for job in jobs:
            progress(f"{job.name}: running ...")
            futures.append(pool.submit(run_one, job.source, folder, dict(job.parameters)))
        extra = meanwhile() if meanwhile else None
        results = [_finish(job, folder, future.result(), progress)
                   for job, future in zip(jobs, futures, strict=True)]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return results, extra


def _finish(job: NotebookJob, folder: Path, result: tuple[str, str, float],
            progress: Callable[[str], None]) -> RenderedNotebook:
    title, page, seconds = result
    progress(f"{job.name}: wrote {page} ({seconds:.1f} s)")
    return RenderedNotebook(title, folder / page, folder / job.source.name)

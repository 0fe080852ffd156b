"""Reports: execute the story notebooks into a folder, render each as HTML, and write an index;
``framing compare`` is this with two article files as the notebooks' parameters.

Notebooks run a few at a time (:func:`run_notebooks`): each is executed in its own fresh
kernel, cleaned and rendered to HTML, the same steps whether it runs alone or beside another,
so a report's files are the same bytes however many run at once. With more than one worker they
run in a small pool of worker processes, each driving one kernel; progress lines, pages and
the first failure are reported in reading order, not in the order the notebooks finish.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import AnalysisInputError, NotebookError
from ..paths import NOTEBOOKS_DIR, REPORTS_DIR, display_path, project_path
from ..text.article import Article
from ..text.manifest import load_articles, looks_like_path
from .execute import execute_evaluating, tidy_executed
from .folder import (
    MARKER,
    check_target,
    move_into_place,
    new_partial,
    owned_entries,
    refuse_foreign,
    write_marker,
)
from .html import render_html, warm_renderer
from .index import INDEX_NAME, RenderedNotebook, render_index, summary_from_data, summary_html
from .inputs import compare_parameters, event_file  # noqa: F401  # re-exported
from .kernels import kernel_factory
from .notebooks import (
    PARAMETER_NAMES,
    notebook_defaults,
    notebook_paths,
    notebook_title,
)
from .summary import summary_expression

INPUTS = "inputs"  # a report's copies of its article and event files
MAX_WORKERS = 2  # kernels at once: each notebook is one busy core for most of its run
# the notebook whose kernel computes the index's summary table (it has just computed every lens
# on the same articles); without it the table is computed in this process
SUMMARY_NOTEBOOK = "05_summary.ipynb"


def build_reports(out_dir: Path = REPORTS_DIR, parameters: Mapping[str, Any] | None = None,
                  notebooks: Sequence[Path] | None = None,
                  progress: Callable[[str], None] = print, *, force: bool = False,
                  workers: int | None = None) -> list[Path]:
    """Execute every notebook into ``out_dir``, render each to HTML, and write ``index.html``.

    ``parameters`` override the notebooks' defaults. Each notebook receives only the
    parameters its ``parameters`` cell declares; when ``parameters`` name ``ARTICLES`` (a
    comparison of two articles), notebooks that declare no ``ARTICLES`` (the corpus notebook)
    are skipped. Returns the HTML files written, index last.

    The report is built in a new folder next to ``out_dir`` and moved into place only when
    every notebook ran: a failure raises ``NotebookError`` naming the partial folder and
    leaves ``out_dir`` as it was. Article and event files given by path are copied into the
    report's ``inputs/`` and the notebooks run in the report folder with paths relative to it
    (``OUTPUT_DIR`` is ``"."``), so no page shows where the files came from. A folder holding
    files the project did not write is refused (``AnalysisInputError``) unless ``force``.

    ``workers`` notebooks run at once, each in its own kernel (None: one per core, at most
    two; 1: one after the other); the files written are the same bytes either way.
    """
    out_dir = Path(out_dir).resolve()
    sources = list(notebooks or notebook_paths())
    if not sources:
        raise AnalysisInputError(f"{display_path(NOTEBOOKS_DIR)}: no numbered notebooks to run")
    if out_dir in {s.parent.resolve() for s in sources}:
        raise AnalysisInputError(f"{display_path(out_dir)}: the output folder must not be the "
                                 "notebooks folder (the executed copies would overwrite them)")
    check_target(out_dir)
    chosen = dict(parameters or {})
    effective = {**notebook_defaults(sources[0]), **chosen}
    articles = load_articles(effective["ARTICLES"], manifest=effective["MANIFEST"],
                             labels=effective["LABELS"], roles=effective["ROLES"],
                             max_bytes=effective.get("MAX_BYTES"))
    pages = [name for s in sources for name in (s.name, f"{s.stem}.html")]
    kept, foreign = owned_entries(
        out_dir, reserved={MARKER, INDEX_NAME, INPUTS, *pages},
        legacy_names={INDEX_NAME, *pages,
                      *(n for p in notebook_paths() for n in (p.name, f"{p.stem}.html"))})
    if foreign and not force:
        refuse_foreign(out_dir, foreign)
    partial = new_partial(out_dir)
    try:
        written = _build(partial, sources, chosen, effective, articles, progress, workers)
    except NotebookError as exc:
        raise NotebookError(f"{exc}; {display_path(out_dir)} is unchanged, the partial report "
                            f"is in {display_path(partial)}") from None
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    write_marker(partial, complete=True)
    move_into_place(partial, out_dir, kept)
    progress(f"wrote {display_path(out_dir / INDEX_NAME)}: open it in a browser")
    return [out_dir / name for name in written]


def _build(folder: Path, sources: Sequence[Path], chosen: Mapping[str, Any],
           effective: Mapping[str, Any], articles: Sequence[Article],
           progress: Callable[[str], None], workers: int | None = None) -> list[str]:
    """Copy the inputs, run and render every notebook in ``folder`` and write its index;
    return the names of the pages written, index last."""
    copies = copy_inputs(folder, chosen, articles)
    # only what the caller chose (and the output folder) is injected; defaults stay each
    # notebook's own, since notebooks may give a parameter such as MANIFEST its own meaning
    injected = {k: v for k, v in {**chosen, **copies, "OUTPUT_DIR": "."}.items()
                if k in PARAMETER_NAMES}
    if "ARTICLES" in copies:
        articles = load_articles([folder / item if looks_like_path(item) else item
                                  for item in copies["ARTICLES"]],
                                 manifest=effective["MANIFEST"], labels=effective["LABELS"],
                                 roles=None, max_bytes=effective.get("MAX_BYTES"))
    jobs = []
    for number, source in enumerate(sources, start=1):
        declared = notebook_defaults(source)
        name = f"[{number}/{len(sources)}] {source.name}"
        if "ARTICLES" in chosen and "ARTICLES" not in declared:
            # pair_notebooks() lists the ones that run
            progress(f"{name}: skipped (it does not compare two articles)")
            continue
        jobs.append(NotebookJob(name, source, {k: v for k, v in injected.items()
                                               if k in declared}))
    # the index's summary table comes from notebook 05's kernel, which has the lenses' results
    # at hand; without that notebook it is computed here while the notebooks run
    roles = effective["ROLES"]
    summarised = [i for i, job in enumerate(jobs) if job.source.name == SUMMARY_NOTEBOOK]
    for i in summarised:
        jobs[i] = jobs[i]._replace(evaluate=summary_expression(articles, roles=roles))
    pages, summary = run_notebooks(
        jobs, folder, workers=workers, progress=progress,
        meanwhile=None if summarised else lambda: summary_html(articles, roles=roles))
    if summarised:
        summary = summary_from_data(pages[summarised[0]].evaluated)
    (folder / INDEX_NAME).write_text(
        render_index(pages, articles, roles=effective["ROLES"], folder=folder,
                     summary=summary),
        encoding="utf-8")
    return [*(page.html.name for page in pages), INDEX_NAME]


class NotebookJob(NamedTuple):
    """One notebook to run: its progress name (``[1/6] 01_load_and_clean.ipynb``), its source
    and the parameters it receives."""

    name: str
    source: Path
    parameters: Mapping[str, Any]
    evaluate: str | None = None  # an expression to evaluate in its kernel after the last cell


def default_workers(jobs: int) -> int:
    """How many notebooks run at once by default: one per core this process may run on (its
    CPU affinity), at most ``MAX_WORKERS``."""
    from ..text.pool import default_workers as usable_cores

    return max(1, min(jobs, usable_cores(), MAX_WORKERS))


def run_one(source: Path, folder: Path, parameters: Mapping[str, Any],
            evaluate: str | None = None, factory_socket: str | None = None
            ) -> tuple[str, str, float, Any]:
    """Execute ``source`` into ``folder`` (the kernel runs there), clean it and render its
    page; return its title, its page's name, the seconds it took and the value of
    ``evaluate`` in its kernel after the last cell (None without one)."""
    started = time.perf_counter()
    executed, value = execute_evaluating(source, folder / source.name, parameters, cwd=folder,
                                         expression=evaluate, factory_socket=factory_socket)
    node = tidy_executed(executed)
    page = render_html(executed, folder / f"{source.stem}.html", index_link=True)
    return notebook_title(node, source.stem), page.name, time.perf_counter() - started, value


def run_notebooks(jobs: Sequence[NotebookJob], folder: Path, *, workers: int | None = None,
                  progress: Callable[[str], None] = print,
                  meanwhile: Callable[[], Any] | None = None
                  ) -> tuple[list[RenderedNotebook], Any]:
    """Run every job into ``folder``; return the rendered notebooks in the jobs' order and
    what ``meanwhile`` returned (it runs in this process while the notebooks run).

    ``workers`` is how many notebooks run at once (None: :func:`default_workers`; 1: one
    after the other in this process). The first failure in the jobs' order is raised (a
    ``NotebookError`` naming the notebook) when the results, read in that order, reach it;
    notebooks not started by then are cancelled, and those running are waited for. (A
    notebook that fails while an earlier one still runs is seen only then, so later ones may
    still run meanwhile.) Each notebook's fresh kernel is forked from a kernel factory that
    has already imported the libraries (:mod:`.kernels`), where that is possible; the
    renderer is warmed here first (:func:`~.html.warm_renderer`), so the workers inherit it.
    """
    workers = default_workers(len(jobs)) if workers is None else max(1, workers)
    with kernel_factory() as factory:
        # while the factory imports: the workers, forked below, inherit a ready renderer
        warm_renderer()
        forked = {"factory_socket": factory} if factory else {}
        if workers == 1 or len(jobs) < 2:
            results = []
            for job in jobs:
                progress(f"{job.name}: running ...")
                result = run_one(job.source, folder, job.parameters,
                                 **({"evaluate": job.evaluate} if job.evaluate else {}),
                                 **forked)
                results.append(_finish(job, folder, result, progress))
            return results, (meanwhile() if meanwhile else None)
        import papermill  # noqa: F401  # imported once here, not in each worker (when forked)

        pool = ProcessPoolExecutor(max_workers=workers)
        futures: list[Future] = []
        try:
            for job in jobs:
                progress(f"{job.name}: running ...")
                futures.append(pool.submit(run_one, job.source, folder, dict(job.parameters),
                                           job.evaluate, factory))
            extra = meanwhile() if meanwhile else None
            results = [_finish(job, folder, future.result(), progress)
                       for job, future in zip(jobs, futures, strict=True)]
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return results, extra


def _finish(job: NotebookJob, folder: Path, result: tuple,
            progress: Callable[[str], None]) -> RenderedNotebook:
    title, page, seconds, *value = result
    progress(f"{job.name}: wrote {page} ({seconds:.1f} s)")
    return RenderedNotebook(title, folder / page, folder / job.source.name, *value)


def copy_inputs(folder: Path, parameters: Mapping[str, Any],
                articles: Sequence[Article]) -> dict[str, Any]:
    """Copy the article files and event files that ``parameters`` name by path into
    ``folder/inputs/``; return those parameters naming the copies, relative to ``folder``.

    An article's copy is named by its id, so the notebooks give it the same id; event files
    keep their names. Manifest ids and lexicon names are left as they are.
    """
    inputs = folder / INPUTS
    copies: dict[str, Any] = {}
    taken: set[str] = set()

    def copy(source: Path, name: str) -> str:
        stem, suffix, n = Path(name).stem, Path(name).suffix, 2
        while name in taken:
            name, n = f"{stem}-{n}{suffix}", n + 1
        taken.add(name)
        inputs.mkdir(exist_ok=True)
        shutil.copyfile(source, inputs / name)
        return f"{INPUTS}/{name}"

    items = parameters.get("ARTICLES")
    if items and any(looks_like_path(item) for item in items):
        copies["ARTICLES"] = [
            copy(article.path, f"{article.id}{Path(item).suffix}") if looks_like_path(item)
            else item for item, article in zip(items, articles, strict=True)]
    for name in ("ACTORS", "WORD_CHOICES"):
        value = parameters.get(name)
        if value is not None and len(Path(value).parts) > 1:  # a bare name is a lexicon's
            copies[name] = copy(project_path(value), Path(value).name)
    return copies

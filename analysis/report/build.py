"""Reports: execute the story notebooks into a folder, render each as HTML, and write an index;
``framing compare`` is this with two article files as the notebooks' parameters."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..actors.event import listed_actors
from ..errors import AnalysisInputError, LexiconError
from ..paths import NOTEBOOKS_DIR, REPORTS_DIR, display_path
from ..text.article import check_roles
from ..text.manifest import load_articles
from ..text.roles import DEFAULT_ROLES
from ..words.choices import word_choices as read_word_choices
from .execute import execute, tidy_executed
from .html import render_html
from .index import INDEX_NAME, RenderedNotebook, render_index
from .notebooks import (
    PARAMETER_NAMES,
    notebook_defaults,
    notebook_paths,
    notebook_title,
    parameter_path,
)


def build_reports(out_dir: Path = REPORTS_DIR, parameters: Mapping[str, Any] | None = None,
                  notebooks: Sequence[Path] | None = None,
                  progress: Callable[[str], None] = print) -> list[Path]:
    """Execute every notebook into ``out_dir``, render each to HTML, and write ``index.html``.

    ``parameters`` override the notebooks' defaults; ``OUTPUT_DIR`` is always ``out_dir``.
    Each notebook receives only the parameters its ``parameters`` cell declares; when
    ``parameters`` name ``ARTICLES`` (a comparison of two articles), notebooks that declare no
    ``ARTICLES`` (the corpus notebook) are skipped. Returns the HTML files written, index last.
    """
    out_dir = Path(out_dir).resolve()
    sources = list(notebooks or notebook_paths())
    if not sources:
        raise AnalysisInputError(f"{display_path(NOTEBOOKS_DIR)}: no numbered notebooks to run")
    if out_dir in {s.parent.resolve() for s in sources}:
        raise AnalysisInputError(f"{display_path(out_dir)}: the output folder must not be the "
                                 "notebooks folder (the executed copies would overwrite them)")
    if out_dir.exists() and not out_dir.is_dir():
        raise AnalysisInputError(f"{display_path(out_dir)}: exists and is not a folder")
    effective = {**notebook_defaults(sources[0]), **dict(parameters or {}),
                 "OUTPUT_DIR": parameter_path(out_dir)}
    articles = load_articles(effective["ARTICLES"], manifest=effective["MANIFEST"],
                             labels=effective["LABELS"])
    # only what the caller chose (and the output folder) is injected; defaults stay each
    # notebook's own, since notebooks may give a parameter such as MANIFEST its own meaning
    injected = {k: v for k, v in {**dict(parameters or {}), "OUTPUT_DIR": effective["OUTPUT_DIR"]}
                .items() if k in PARAMETER_NAMES}
    pages, written = [], []
    for number, source in enumerate(sources, start=1):
        declared = notebook_defaults(source)
        if parameters and "ARTICLES" in parameters and "ARTICLES" not in declared:
            # pair_notebooks() lists the ones that run
            progress(f"[{number}/{len(sources)}] {source.name}: skipped (it does not compare "
                     "two articles)")
            continue
        progress(f"[{number}/{len(sources)}] {source.name}: running ...")
        started = time.perf_counter()
        own = {k: v for k, v in injected.items() if k in declared}
        executed = execute(source, out_dir / source.name, own)
        node = tidy_executed(executed)
        page = render_html(executed, out_dir / f"{source.stem}.html", index_link=True)
        progress(f"[{number}/{len(sources)}] {source.name}: wrote {display_path(page)} "
                 f"({time.perf_counter() - started:.1f} s)")
        pages.append(RenderedNotebook(notebook_title(node, source.stem), page, executed))
        written.append(page)
    index = out_dir / INDEX_NAME
    index.write_text(render_index(pages, articles, roles=effective["ROLES"]),
                     encoding="utf-8")
    progress(f"wrote {display_path(index)}: open it in a browser")
    return [*written, index]


def compare_parameters(first: str | Path, second: str | Path, *,
                       labels: Sequence[str | None] = (None, None),
                       roles: Sequence[str] | None = None,
                       actors: str | Path | None = None,
                       word_choices: str | Path | None = None) -> dict[str, Any]:
    """Notebook parameters for comparing two article files; checks the files first.

    ``actors`` and ``word_choices`` are event files (paths, relative ones read from the
    current folder): the story's actors and aliases (format of ``lexicons/actors.tsv``) and
    its alternative words (format of ``lexicons/word_choices.tsv``); None (``ACTORS`` and
    ``WORD_CHOICES`` None in the notebooks) means none: the actors are then found in the
    articles and no word choices are counted.

    Raises an ``ArticleError`` subclass naming the file when one cannot be read,
    ``LexiconError`` naming an event file that is missing or malformed, and
    ``AnalysisInputError`` for unknown roles. Two files with the same name get distinct ids
    (``a`` and ``a-2``).
    """
    paths = [parameter_path(p) for p in (first, second)]
    chosen = list(roles) if roles else list(DEFAULT_ROLES)
    check_roles(chosen)
    articles = load_articles(paths, roles=chosen)
    names = [label or article.id for label, article in zip(labels, articles, strict=True)]
    return {"ARTICLES": paths, "LABELS": names, "ROLES": chosen,
            "ACTORS": event_file(actors, "--actors", listed_actors),
            "WORD_CHOICES": event_file(word_choices, "--word-choices", read_word_choices)}


def event_file(path: str | Path | None, option: str, check: Callable[[str], Any]) -> str | None:
    """An event file given on the command line as notebooks receive it (relative to the
    project root when inside it, else absolute), after ``check`` has read it; None for None.
    A missing file raises ``LexiconError`` naming the option and the file."""
    if path is None:
        return None
    resolved = Path(path).expanduser().resolve()
    if not resolved.is_file():
        raise LexiconError(f"{option} {path}: no such file")
    # a file directly in the project root would read as a name in analysis/lexicons/
    shown = parameter_path(resolved)
    value = shown if len(Path(shown).parts) > 1 else str(resolved)
    check(value)
    return value

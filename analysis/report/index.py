"""The report's front page: the articles compared, the summary table and a link to every page,
from ``templates/report_index.html.j2`` (all text escaped)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from ..paths import display_path
from ..text.article import Article
from .html import TEMPLATES, table_html
from .summary import table as summary_table

INDEX_NAME = "index.html"


@dataclass(frozen=True)
class RenderedNotebook:
    """One notebook of a report: its title and the files written for it."""

    title: str
    html: Path
    notebook: Path
    evaluated: Any = None  # what the notebook's kernel gave for an expression, if asked


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def summary_html(articles: Sequence[Article], *, roles: Sequence[str]) -> str:
    """The index's summary table of ``articles``, as HTML."""
    return table_html(summary_table(articles, roles=roles))


def summary_from_data(text: Any) -> str | None:
    """:func:`analysis.report.summary.summary_data`'s JSON as the index's HTML (the same bytes
    as :func:`summary_html`); None when ``text`` is not such JSON."""
    if not isinstance(text, str) or not text:
        return None
    try:
        data = json.loads(text)
        return table_html(pd.DataFrame(data["data"], columns=data["columns"]))
    except (ValueError, KeyError, TypeError):
        return None


def render_index(pages: Sequence[RenderedNotebook], articles: Sequence[Article], *,
                 roles: Sequence[str], folder: Path | None = None,
                 summary: str | None = None) -> str:
    """The report's front page: the articles, the summary table and links to every notebook.
    Article files inside ``folder`` (the report's own) are shown relative to it. ``summary``
    is the summary table's HTML when already computed (:func:`summary_html`)."""
    return _environment().get_template("report_index.html.j2").render(
        labels=" and ".join(a.label for a in articles),
        css=(TEMPLATES / "index.css").read_text(encoding="utf-8"),
        roles=list(roles),
        articles=[{"label": a.label, "headline": a.headline, "file": _shown(a.path, folder),
                   "sha": a.sha256[:12]} for a in articles],
        summary=summary if summary is not None else summary_html(articles, roles=roles),
        pages=[{"html": p.html.name, "title": p.title, "notebook": p.notebook.name}
               for p in pages],
    )


def _shown(path: Path | None, folder: Path | None) -> str:
    """A file as the index shows it: relative to the report folder when inside it."""
    if path is not None and folder is not None and Path(path).is_relative_to(folder):
        return Path(path).relative_to(folder).as_posix()
    return display_path(path) if path is not None else ""

"""Notebook display settings shared by every notebook, and safe Markdown output."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd
from IPython.display import HTML, Markdown

from ..errors import AnalysisInputError
from ..text.roles import DEFAULT_ROLES

TEXT_WIDTH = 80  # characters of a text cell shown in a notebook table
SVG_HASH_SALT = "news-framing"  # fixed ids in SVG figures, so a report renders the same twice


def setup_notebook() -> None:
    """Set pandas display options (no truncated tables, three decimals, and text cells
    shortened to ``TEXT_WIDTH`` characters with "..." so an evidence table stays readable: the
    annotated view, :func:`annotated`, shows each sentence in full) and make figures saved as
    SVG deterministic (matplotlib's ``svg.hashsalt``). Figures bring their own style
    (:func:`analysis.plots.style`).

    Everything the kernel holds so far (the imported libraries) is also moved out of the
    garbage collector's reach (``gc.freeze()``): a full collection then walks only what the
    notebook itself makes, not pandas' and matplotlib's objects (about 0.15 s per notebook).
    """
    import gc

    import matplotlib

    gc.freeze()
    matplotlib.rcParams["svg.hashsalt"] = SVG_HASH_SALT
    pd.set_option("display.max_colwidth", TEXT_WIDTH)
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 160)
    pd.set_option("display.precision", 3)
    pd.set_option("display.html.use_mathjax", False)  # "$" in a table is a dollar sign
    pd.set_option("styler.html.mathjax", False)


# Markdown specials, and the characters of bare-URL and e-mail autolinks (GFM, mistune,
# linkify): "https://", "www.", "a@b.org" never reach the renderer as written.
_MARKDOWN_SPECIALS = {c: f"&#{ord(c)};" for c in "\\`*_[](){}#+!|~:/@"}
_HTML_SPECIALS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#x27;"}
# MathJax (JupyterLab) reads the rendered page, where "&#36;" is "$" again; it looks for a
# formula within one run of text, and an element ends the run, so each "$" is a span of its own
_DOLLAR = "<span>&#36;</span>"
_DOT = "&#46;"  # a dot inside a word or host name: "example.org" is not a link


def escape(text: str) -> str:
    """Escape text (article text, labels) for Markdown output: HTML characters and every
    Markdown or maths special become entities, and line breaks become spaces, so the text
    shows as written and never becomes a link (a bare URL, ``www.``, an e-mail address or
    a host name included), emphasis, heading, list or formula."""
    flat = " ".join(text.split())
    return "".join(
        _HTML_SPECIALS.get(c) or _MARKDOWN_SPECIALS.get(c)
        or (_DOLLAR if c == "$" else _DOT if c == "." and flat[i + 1:i + 2].isalnum() else c)
        for i, c in enumerate(flat))


def markdown(lines: str | Iterable[str]) -> Markdown:
    """Markdown from generated text; several items become separate paragraphs. Callers
    escape any article text or label with ``escape``."""
    text = lines if isinstance(lines, str) else "\n\n".join(lines)
    return Markdown(text)


def seed_note(is_seeds: bool, text: str) -> Markdown:
    """Show a note about the seed articles only when they are the input."""
    if is_seeds:
        return Markdown(text)
    return Markdown("*(A note about the seed articles is hidden: these are other articles.)*")


def annotated(articles, *, layers: str | Iterable[str] | None = None,
              roles: Iterable[str] | None = DEFAULT_ROLES) -> HTML:
    """One article, or two side by side, with the evidence rows of ``layers`` ("sources",
    "voice", "stance", "frames", "actors"; None for all) highlighted in the text; see
    :func:`analysis.report.annotate.show`."""
    from .annotate import show

    return show(articles, layers=layers, roles=roles)


def or_note(table: pd.DataFrame | None, note: str, *,
            columns: Sequence[str] | None = None) -> pd.DataFrame | Markdown:
    """``table``, or ``note`` as one line of Markdown when the table is None or empty, so a
    section never shows a bare empty table. ``columns`` shows only those columns, in that
    order, so a wide table fits the notebook (the table itself keeps every column); a column
    it names that the table lacks is an error."""
    if table is None or len(table) == 0:
        return Markdown(f"*{escape(note)}*")
    if columns is not None:
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise AnalysisInputError(f"the table has no column {', '.join(map(repr, missing))}")
        return table[list(columns)]
    return table

"""Read the lexicons and word lists kept as data files in ``analysis/lexicons/``.

Every file starts with a header of ``#`` lines saying where its contents came from.
Word lists have one entry a line; tables are tab-separated with a column-name line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .paths import LEXICONS_DIR


def _content_lines(name: str) -> list[str]:
    """Non-comment lines of a data file: a name in ``analysis/lexicons/`` or an absolute path
    to a researcher's own file in the same format."""
    path = Path(name) if Path(name).is_absolute() else LEXICONS_DIR / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of a one-entry-a-line data file, in file order."""
    return tuple(line.strip() for line in _content_lines(name))


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a tab-separated data file as dicts keyed by its column-name line."""
    lines = _content_lines(name)
    columns = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(columns) - len(cells))
        rows.append(dict(zip(columns, (c.strip() for c in cells), strict=False)))
    return tuple(rows)


def header(name: str) -> str:
    """The ``#`` header of a data file, without the ``#`` marks."""
    lines = (LEXICONS_DIR / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line.lstrip("# ").rstrip() for line in lines if line.startswith("#"))

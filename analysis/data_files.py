"""Read the lexicons and word lists kept as data files in ``analysis/lexicons/``.

Every file starts with a header of ``#`` lines saying where its contents came from.
Word lists have one entry a line; tables are tab-separated with a column-name line.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

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
def table(name: str) -> tuple[Mapping[str, str], ...]:
    """The rows of a tab-separated data file as read-only mappings keyed by its column-name
    line; a row with more cells than there are columns is an error naming the file."""
    lines = _content_lines(name)
    columns = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) > len(columns):
            raise ValueError(f"{name}: data row {number} has {len(cells)} tab-separated cells "
                             f"but the header names {len(columns)} columns")
        cells += [""] * (len(columns) - len(cells))
        rows.append(MappingProxyType(dict(zip(columns, (c.strip() for c in cells),
                                              strict=True))))
    return tuple(rows)


def header(name: str) -> str:
    """The ``#`` header of a data file, without the ``#`` marks."""
    lines = (LEXICONS_DIR / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line.lstrip("# ").rstrip() for line in lines if line.startswith("#"))

"""The parameters of ``framing compare``: two article files and the event files, checked
before anything runs.

This module imports no notebook machinery (nbformat, papermill, nbconvert take seconds to
import), so a bad file is reported at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..actors.event import listed_actors
from ..errors import LexiconError
from ..text.article import check_roles
from ..text.manifest import load_articles
from ..text.roles import DEFAULT_ROLES
from ..words.choices import word_choices as read_word_choices
from .notebooks import parameter_path


def compare_parameters(first: str | Path, second: str | Path, *,
                       labels: Sequence[str | None] = (None, None),
                       roles: Sequence[str] | None = None,
                       actors: str | Path | None = None,
                       word_choices: str | Path | None = None,
                       max_bytes: int | None = None) -> dict[str, Any]:
    """Notebook parameters for comparing two article files; checks the files first.

    ``actors`` and ``word_choices`` are event files (paths, relative ones read from the
    current folder): the story's actors and aliases (format of ``lexicons/actors.tsv``) and
    its alternative words (format of ``lexicons/word_choices.tsv``); None (``ACTORS`` and
    ``WORD_CHOICES`` None in the notebooks) means none: the actors are then found in the
    articles and no word choices are counted. ``max_bytes`` raises or lowers the size limit
    of an article file (``MAX_BYTES`` in the notebooks; None: the default).

    Raises an ``ArticleError`` subclass naming the file when one cannot be read,
    ``LexiconError`` naming an event file that is missing or malformed, and
    ``AnalysisInputError`` for unknown roles. Two files with the same name get distinct ids
    (``a`` and ``a-2``).
    """
    paths = [parameter_path(p) for p in (first, second)]
    chosen = list(roles) if roles else list(DEFAULT_ROLES)
    check_roles(chosen)
    articles = load_articles(paths, roles=chosen, max_bytes=max_bytes)
    names = [label or article.id for label, article in zip(labels, articles, strict=True)]
    return {"ARTICLES": paths, "LABELS": names, "ROLES": chosen,
            "ACTORS": event_file(actors, "--actors", listed_actors),
            "WORD_CHOICES": event_file(word_choices, "--word-choices", read_word_choices),
            **({"MAX_BYTES": max_bytes} if max_bytes is not None else {})}


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

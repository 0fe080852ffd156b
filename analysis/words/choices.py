"""Word choices: how often each article uses each of several words for the same thing ("bounty"
or "reward", "the paper" or "the publication"), from an event file (``lexicons/
word_choices.tsv`` for the seed story, or a researcher's own) or a mapping the caller gives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from ..lexicons import table
from ..text.article import Article, article_list
from ..text.roles import DEFAULT_ROLES
from .context import term_hits

WORD_CHOICES = "word_choices.tsv"


def word_choices(name: str | Path = WORD_CHOICES) -> dict[str, dict[str, list[str]]]:
    """Word-choice groups from a data file: {group: {term: [forms]}}. ``name`` is a file name
    in ``analysis/lexicons/`` or a path to a researcher's own file with the columns group,
    term, forms (see :func:`analysis.lexicons.lexicon_path`); a missing or malformed file
    raises ``LexiconError`` naming it."""
    groups: dict[str, dict[str, list[str]]] = {}
    for row in table(str(name), ("group", "term", "forms")):
        groups.setdefault(row["group"], {})[row["term"]] = row["forms"].split("|")
    return groups


def contrast(articles: Sequence[Article],
             groups: Mapping[str, Mapping[str, Sequence[str]]] | None = None, *,
             roles: Iterable[str] | None = DEFAULT_ROLES,
             lexicon: str | Path | None = WORD_CHOICES) -> pd.DataFrame:
    """How often each article uses each alternative word: the ``groups`` given, else those of
    the event file ``lexicon`` (the seed story's ``word_choices.tsv`` by default, or a path to
    a researcher's own file); ``lexicon=None`` means no event file, and the table is empty.

    Columns: group, term, then per article its id (the count) and ``<id> forms`` (the
    distinct forms found, as published, lower-cased and sorted).
    """
    chosen = article_list(articles)
    if groups is None:
        groups = word_choices(lexicon) if lexicon is not None else {}
    columns = ["group", "term", *(c for a in chosen for c in (a.id, f"{a.id} forms"))]
    rows = []
    for group, members in groups.items():
        for term, forms in members.items():
            row: dict[str, object] = {"group": group, "term": term}
            for article in chosen:
                found = [article.raw[start:end] for _, _, start, end, _ in
                         term_hits(article, list(forms), unit="word", roles=roles)]
                row[article.id] = len(found)
                row[f"{article.id} forms"] = ", ".join(
                    sorted({" ".join(m.lower().split()) for m in found}))
            rows.append(row)
    return pd.DataFrame(rows, columns=columns)

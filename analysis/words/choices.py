"""Word choices: how often each article uses each of several words for the same thing ("bounty"
or "reward", "the paper" or "the publication"), from ``lexicons/word_choices.tsv`` or a
mapping the caller gives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..lexicons import table
from ..text.article import Article
from ..text.roles import DEFAULT_ROLES
from .context import term_hits


def word_choices(name: str = "word_choices.tsv") -> dict[str, dict[str, list[str]]]:
    """Word-choice groups from a data file: {group: {term: [forms]}}."""
    groups: dict[str, dict[str, list[str]]] = {}
    for row in table(name, ("group", "term", "forms")):
        groups.setdefault(row["group"], {})[row["term"]] = row["forms"].split("|")
    return groups


def contrast(articles: Sequence[Article],
             groups: Mapping[str, Mapping[str, Sequence[str]]] | None = None, *,
             roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """How often each article uses each alternative word, from ``word_choices`` by default.

    Columns: group, term, then per article its id (the count) and ``<id> forms`` (the
    distinct forms found, as published, lower-cased and sorted).
    """
    groups = groups if groups is not None else word_choices()
    rows = []
    for group, members in groups.items():
        for term, forms in members.items():
            row: dict[str, object] = {"group": group, "term": term}
            for article in articles:
                found = [article.raw[start:end] for _, _, start, end, _ in
                         term_hits(article, list(forms), unit="word", roles=roles)]
                row[article.id] = len(found)
                row[f"{article.id} forms"] = ", ".join(
                    sorted({" ".join(m.lower().split()) for m in found}))
            rows.append(row)
    return pd.DataFrame(rows)

"""Sentences generated from computed results, so a notebook's prose stays true on any input.

Each function returns Markdown. Article labels and any article text are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .audit import ROLE_NOUNS, plural, role_counts
from .corpus import Article
from .display import escape
from .frequencies import SIGNIFICANCE_G2, key_terms


def _label(article: Article) -> str:
    return f"**{escape(article.label)}**"


def _quoted(terms: Sequence[str]) -> str:
    return ", ".join(f"*{escape(t)}*" for t in terms) if terms else "none"


def cleaning_sentence(article: Article) -> str:
    """What cleaning found in one article, from its audit."""
    parts = [plural(n, *ROLE_NOUNS[role]) for role, n in role_counts(article).items()]
    repeats = sum(1 for p in article.paragraphs if p.duplicate_of is not None)
    posts = len({p.post for p in article.paragraphs if p.post is not None})
    extra = []
    if repeats:
        extra.append(plural(repeats, "repeat") + " set aside")
    if posts:
        extra.append(plural(posts, "embedded post"))
    tail = f" ({'; '.join(extra)})" if extra else ""
    return (f"{_label(article)}: {plural(len(article.paragraphs), 'paragraph')}: "
            f"{', '.join(parts)}{tail}.")


def profile_sentences(profile: pd.DataFrame, articles: Sequence[Article]) -> str:
    """Length, sentence length and vocabulary variety of each article, from its profile."""
    lines = []
    for article in articles:
        row = profile[profile["article"] == article.id].iloc[0]
        lines.append(
            f"- {_label(article)}: {row['tokens']:,} words in {row['sentences']} sentences "
            f"({row['mean_sentence_length']:.1f} words a sentence); {row['types']:,} distinct "
            f"words; MATTR {row['mattr']:.3f}.")
    return "\n".join(lines)


def keyness_sentences(table: pd.DataFrame, articles: Sequence[Article], n: int = 6) -> str:
    """Which terms each article over-uses significantly, and how many terms could be tested."""
    side_a, side_b = key_terms(table, n, significant_only=True)
    significant = int((table["g2"].abs() >= SIGNIFICANCE_G2).sum())
    return "\n".join([
        f"- Significantly more frequent in {_label(articles[0])} (p < 0.05): {_quoted(side_a)}.",
        f"- Significantly more frequent in {_label(articles[1])} (p < 0.05): {_quoted(side_b)}.",
        f"- {significant} of the {len(table)} terms tested reach p < 0.05; the rest differ by "
        "amounts that two short texts cannot tell apart from chance.",
    ])


def only_in_sentences(contrast: pd.DataFrame, articles: Sequence[Article]) -> str:
    """Word choices used by one article and never by the other, from ``term_contrast``."""
    first, second = articles[0].id, articles[1].id
    only_first = contrast[(contrast[first] > 0) & (contrast[second] == 0)]["term"].tolist()
    only_second = contrast[(contrast[second] > 0) & (contrast[first] == 0)]["term"].tolist()
    return "\n".join([
        f"- Only {_label(articles[0])} says: {_quoted(only_first)}.",
        f"- Only {_label(articles[1])} says: {_quoted(only_second)}.",
    ])

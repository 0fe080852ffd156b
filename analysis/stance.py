"""The stance lens: epistemic stance markers, the words with which a writer distances itself
from a claim, vouches for it, or evaluates what it reports.

Method. ``lexicons/stance.tsv`` (Hyland 2005; Biber & Finegan 1989) is matched against the
tokens of the chosen paragraph roles (see :mod:`analysis.lexicons.match`: Snowball stems by
default, exact forms where stems mislead, multi-word patterns inside one sentence, longest
match wins): distancing (hedge, reporting, discrediting, anonymity), boosting (certainty,
factive, intensifier) and evaluative words (negative, positive). Rates are per 1,000 words
(:func:`analysis.words.word_total`).

Limits. Lexicon matching sees words, not meaning: it cannot tell who holds a stance (a
distancing word inside a quotation is the source's, not the narrator's: :mod:`analysis.voice`
splits them), nor negation ("not unfounded" counts as "unfounded"), nor word sense. Rates per
1,000 words are unstable for short texts: read the counts and the evidence rows with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .errors import AnalysisInputError
from .evidence import rate_table
from .lexicons.match import EVIDENCE_COLUMNS, compile_lexicon, match_lexicon
from .text.article import Article, article_list
from .text.roles import DEFAULT_ROLES
from .words.counting import word_totals

LEXICON = "stance.tsv"
COLUMNS = [*EVIDENCE_COLUMNS, "category", "subcategory", "pattern"]
SUMMARY_COLUMNS = ["article", "category", "count", "words", "per_1000"]

__all__ = ["markers", "summary", "LEXICON", "COLUMNS", "SUMMARY_COLUMNS"]


def markers(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            lexicon: str | pd.DataFrame = LEXICON) -> pd.DataFrame:
    """One row per stance marker: distancing, boosting and evaluative words.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``),
    category (distancing, boosting, evaluative), subcategory (hedge, reporting, discrediting,
    anonymity; certainty, factive, intensifier; negative, positive: the polarity of an
    evaluative word), pattern (the lexicon row that matched).
    """
    compiled = compile_lexicon(lexicon, ["category", "subcategory"])
    return match_lexicon(articles, compiled, roles=roles)[COLUMNS]


def summary(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            lexicon: str | pd.DataFrame = LEXICON, by: str = "category",
            evidence: pd.DataFrame | None = None,
            words: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Stance markers per article and category (or subcategory), per 1,000 words.

    Columns: article, category (and subcategory when ``by="subcategory"``), count, words (word
    and number tokens in ``roles``), per_1000. Every category of the lexicon gets a row, zero
    if absent. Pass ``evidence`` (e.g. stance rows filtered to narrator text) and ``words``
    (word counts of that text per article) to summarise a subset.
    """
    if by not in ("category", "subcategory"):
        raise AnalysisInputError(f"by must be 'category' or 'subcategory', not {by!r}")
    chosen = article_list(articles)
    compiled = compile_lexicon(lexicon, ["category", "subcategory"])
    keys = ["category"] if by == "category" else ["category", "subcategory"]
    levels = dict.fromkeys(tuple(dict(e.labels)[k] for k in keys)
                           for e in compiled if not e.guard)
    if evidence is None:
        evidence = markers(chosen, roles=roles, lexicon=lexicon)
    counts = words if words is not None else word_totals(chosen, roles=roles)
    return rate_table(evidence, keys, levels, counts, [a.id for a in chosen])

"""The stance lens: epistemic stance markers, the words with which a writer distances itself
from a claim, vouches for it, or evaluates what it reports.

Method. ``lexicons/stance.tsv`` (Hyland 2005; Biber & Finegan 1989) is matched against the
tokens of the chosen paragraph roles (see :mod:`analysis.lexicons.match`: Snowball stems by
default, exact forms where stems mislead, multi-word patterns inside one sentence, longest
match wins): distancing (hedge, reporting, discrediting, anonymity), boosting (certainty,
factive, intensifier) and evaluative words (negative, positive). Rates are per 1,000 words
(:func:`analysis.words.word_total`).

Referential and technical phrases are guard rows of the lexicon: "terrorist attack", "war on
terror", "confirmation hearing", "likely voters", "as soon as possible" name things and do not
count (the list and its PolNeAR train counts are in the header of ``stance.tsv``).

Negation (:mod:`analysis.negation`). A negator a few tokens before a marker in the same clause
("not unfounded", "has never been confirmed", "not a success") changes what the marker does, as
``lexicons/stance_negation.tsv`` says: a hedge stays a hedge; negated certainty ("not clearly")
becomes a hedge and a negated "confirmed" or "proven" a discrediting word; a negated positive
word turns negative ("not legitimate"); a negated negative word ("not terrorists", a denial),
a negated intensifier and a negated reporting, discrediting or anonymity word are cancelled.
Every marker keeps its row: ``category`` and ``subcategory`` are the lexicon's,
``resolved_category`` and ``resolved_subcategory`` what is counted (``cancelled``: counted
nowhere). Negated forms that are markers of their own ("not
clear", "no evidence") are matched whole and are not negated again.

Limits. Lexicon matching sees words, not meaning: it cannot tell who holds a stance (a
distancing word inside a quotation is the source's, not the narrator's: :mod:`analysis.voice`
splits them) nor word sense outside the guarded phrases, and negation scope is guessed from
distance and the words between. Rates per 1,000 words are unstable for short texts: read the
counts and the evidence rows with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .errors import AnalysisInputError
from .evidence import rate_table
from .lexicons.match import EVIDENCE_COLUMNS, compile_lexicon, match_lexicon
from .negation import CANCELLED, negations
from .negation import COLUMNS as NEGATION_COLUMNS
from .text.article import Article, article_list
from .text.roles import DEFAULT_ROLES
from .words.counting import word_totals

LEXICON = "stance.tsv"
COLUMNS = [*EVIDENCE_COLUMNS, "category", "subcategory", "pattern", *NEGATION_COLUMNS]
SUMMARY_COLUMNS = ["article", "category", "count", "words", "per_1000"]

__all__ = ["markers", "summary", "counted", "LEXICON", "COLUMNS", "SUMMARY_COLUMNS"]


def markers(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            lexicon: str | pd.DataFrame = LEXICON) -> pd.DataFrame:
    """One row per stance marker: distancing, boosting and evaluative words.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``),
    category (distancing, boosting, evaluative), subcategory (hedge, reporting, discrediting,
    anonymity; certainty, factive, intensifier; negative, positive: the polarity of an
    evaluative word), pattern (the lexicon row that matched), then negated, negator,
    negator_start, negator_end (``raw[negator_start:negator_end] == negator``; "" and -1 when
    not negated), resolved_category and resolved_subcategory (what the marker counts as in
    its clause; ``cancelled`` when a negation takes it back): see
    :func:`analysis.negation.negations`.
    """
    chosen = article_list(articles)
    compiled = compile_lexicon(lexicon, ["category", "subcategory"])
    found = match_lexicon(chosen, compiled, roles=roles)
    resolved = negations(chosen, found, roles=roles)
    return pd.concat([found, resolved], axis=1)[COLUMNS]


def summary(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            lexicon: str | pd.DataFrame = LEXICON, by: str = "category",
            evidence: pd.DataFrame | None = None,
            words: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Stance markers per article and category (or subcategory), per 1,000 words.

    Columns: article, category (and subcategory when ``by="subcategory"``), count, words (word
    and number tokens in ``roles``), per_1000. Markers are counted under their resolved
    category (a negated "confirmed" counts as distancing); cancelled markers are not counted.
    Every category of the lexicon gets a row, zero if absent. Pass ``evidence`` (e.g. stance
    rows filtered to narrator text) and ``words`` (word counts of that text per article) to
    summarise a subset; evidence without the resolved columns is counted as the lexicon files
    it.
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
    return rate_table(counted(evidence), keys, levels, counts, [a.id for a in chosen])


def counted(evidence: pd.DataFrame) -> pd.DataFrame:
    """The stance rows that count, with ``category`` and ``subcategory`` set to the resolved
    ones: cancelled markers left out. Rows without resolved columns are returned as they are."""
    if "resolved_category" not in evidence.columns:
        return evidence
    kept = evidence[evidence["resolved_category"] != CANCELLED]
    return kept.assign(category=kept["resolved_category"],
                       subcategory=kept.get("resolved_subcategory", kept.get("subcategory")))

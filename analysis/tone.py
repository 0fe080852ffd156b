"""The tone lens: VADER sentiment (Hutto & Gilbert 2014) of sentences, paragraphs or any raw
spans (a voice's pieces, say).

Method. VADER's rule-based scores, from the ``vaderSentiment`` package and the lexicon it ships
(no download), on the normalised text (straight quotes, single spaces): compound (-1 to 1) and
the positive, neutral and negative shares.

Limits. VADER was built for social media; news vocabulary such as "killed" or "war" makes
factual sentences negative, and a translated text is scored in its translation. It measures
charged vocabulary, not attitude.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache

import pandas as pd

from .errors import AnalysisInputError
from .evidence import require_columns
from .text.article import Article, article_list, check_roles
from .text.normalisation import normalise
from .text.roles import DEFAULT_ROLES
from .text.tables import sentences, tokens
from .text.tokenise import WORD_KINDS, word_count

COLUMNS = ["article", "paragraph", "role", "sentence", "start", "end", "match", "text",
           "words", "compound", "pos", "neu", "neg"]
SPAN_COLUMNS = ["article", "paragraph", "start", "end", "match", "text", "words", "compound",
                "pos", "neu", "neg"]
SUMMARY_COLUMNS = ["article", "units", "mean", "median", "share_negative", "share_neutral",
                   "share_positive"]
UNITS = ("sentence", "paragraph")
VADER_SCORES = ("compound", "pos", "neu", "neg")
NEGATIVE_BELOW = -0.05  # compound < -0.05 is negative, > 0.05 positive (VADER's thresholds)
POSITIVE_ABOVE = 0.05

__all__ = ["score", "score_spans", "summary", "vader", "COLUMNS", "SPAN_COLUMNS",
    "SUMMARY_COLUMNS", "UNITS"]


@cache
def _vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the tone lens needs the vaderSentiment package: "
                          "pip install vaderSentiment") from exc
    return SentimentIntensityAnalyzer()


def vader(text: str) -> dict[str, float]:
    """VADER's compound, pos, neu and neg scores for one piece of text."""
    scores = _vader().polarity_scores(text)
    return {k: float(scores[k]) for k in VADER_SCORES}


def score(articles: Article | Sequence[Article], *,
          roles: Iterable[str] | None = DEFAULT_ROLES, unit: str = "sentence") -> pd.DataFrame:
    """VADER tone of every sentence (or paragraph) of the chosen roles.

    Columns: article, paragraph, role, sentence (for paragraphs: the paragraph's first
    sentence), start, end, match (``raw[start:end]``), text (the normalised text scored),
    words, compound (-1 to 1), pos, neu, neg (shares of the text, summing to about 1).
    """
    if unit not in UNITS:
        raise AnalysisInputError(f"unit must be one of {list(UNITS)}, not {unit!r}")
    check_roles(roles)
    rows = []
    for article in article_list(articles):
        units = sentences(article, roles=roles)
        counts = tokens(article, roles=roles)
        counts = counts[counts["kind"].isin(WORD_KINDS)]
        if unit == "paragraph":
            firsts = units.groupby("paragraph")["sentence"].min().to_dict()
            units = pd.DataFrame([{
                "article": article.id, "paragraph": p.index, "role": p.role,
                "sentence": firsts[p.index], "start": p.start, "end": p.end, "text": p.text,
            } for p in article.select(roles=roles)], columns=units.columns)
        n_words = counts.groupby(unit).size().to_dict()
        for row in units.to_dict("records"):
            rows.append({**row, "match": article.raw[row["start"]:row["end"]],
                         "words": int(n_words.get(row[unit], 0)), **vader(row["text"])})
    return pd.DataFrame(rows, columns=COLUMNS)


def _span_table(article: Article, spans) -> pd.DataFrame:
    if isinstance(spans, pd.DataFrame):
        require_columns(spans, ["start", "end"], "spans")
        if "article" in spans.columns and not (spans["article"] == article.id).all():
            raise AnalysisInputError(f"spans include rows of other articles than "
                                     f"{article.id!r}; select that article's rows first")
        return spans.reset_index(drop=True)
    try:
        pairs = [(int(a), int(b)) for a, b in spans]
    except (TypeError, ValueError):
        raise AnalysisInputError("spans must be (start, end) pairs of raw offsets or a "
                                 "DataFrame with start and end columns") from None
    return pd.DataFrame(pairs, columns=["start", "end"])


def score_spans(article: Article, spans) -> pd.DataFrame:
    """VADER tone of arbitrary raw spans of one article, e.g. narrator or quoted text.

    ``spans`` is a list of ``(start, end)`` offsets in ``article.raw`` or a DataFrame with
    start and end columns, whose other columns (a "voice" label, say) are carried over.
    Columns: article, paragraph (where the span starts), start, end, match, text (normalised),
    words, compound, pos, neu, neg, then any carried columns.
    """
    if not isinstance(article, Article):
        raise AnalysisInputError("score_spans scores one Article; loop over a list")
    frame = _span_table(article, spans)
    starts = [p.start for p in article.paragraphs]
    rows = []
    for record in frame.to_dict("records"):
        a, b = int(record["start"]), int(record["end"])
        if not 0 <= a < b <= len(article.raw):
            raise AnalysisInputError(f"span ({a}, {b}) is not a non-empty span of article "
                                     f"{article.id!r} (0 to {len(article.raw)})")
        text = normalise(article.raw[a:b], a).text.strip()
        paragraph = article.paragraphs[max(0, bisect_right(starts, a) - 1)].index
        extra = {k: v for k, v in record.items() if k not in SPAN_COLUMNS}
        rows.append({"article": article.id, "paragraph": paragraph, "start": a, "end": b,
                     "match": article.raw[a:b], "text": text, "words": word_count(text),
                     **vader(text), **extra})
    carried = [c for c in frame.columns if c not in SPAN_COLUMNS]
    return pd.DataFrame(rows, columns=[*SPAN_COLUMNS, *carried])


def summary(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES, unit: str = "sentence",
            scores: pd.DataFrame | None = None,
            by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Per article: how many units, mean and median compound, and shares by polarity.

    Columns: article, then the ``by`` columns if any (e.g. "voice"), units, mean, median,
    share_negative (compound < -0.05), share_neutral, share_positive (compound > 0.05).
    ``scores`` (rows of :func:`score` or :func:`score_spans`, possibly filtered) replaces the
    default of scoring every ``unit`` of ``roles``. Each unit counts once, whatever its length.
    """
    chosen = article_list(articles)
    extra = [] if by is None else ([by] if isinstance(by, str) else list(by))
    if scores is None:
        scores = score(chosen, roles=roles, unit=unit)
    require_columns(scores, ["article", "compound", *extra], "scores")
    rows = []
    for article in chosen:
        mine = scores[scores["article"] == article.id]
        groups = mine.groupby(extra, sort=True) if extra else [((), mine)]
        for key, group in groups:
            values = group["compound"].astype(float)
            n = len(values)
            key = key if isinstance(key, tuple) else (key,)
            rows.append({
                "article": article.id, **dict(zip(extra, key, strict=True)), "units": n,
                "mean": values.mean() if n else float("nan"),
                "median": values.median() if n else float("nan"),
                "share_negative": (values < NEGATIVE_BELOW).mean() if n else float("nan"),
                "share_neutral": values.between(NEGATIVE_BELOW, POSITIVE_ABOVE).mean()
                if n else float("nan"),
                "share_positive": (values > POSITIVE_ABOVE).mean() if n else float("nan"),
            })
    columns = ["article", *extra, *SUMMARY_COLUMNS[1:]]
    return pd.DataFrame(rows, columns=columns)

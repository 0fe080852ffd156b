"""The lexical profile of each article: length, vocabulary variety (TTR and MATTR), hapaxes
and sentence length, counted over the same words as every rate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import pandas as pd

from ..text.article import Article, article_list
from ..text.roles import DEFAULT_ROLES
from ..text.tables import tokens
from ..text.tokenise import WORD_KINDS

PROFILE_COLUMNS = ["article", "tokens", "types", "ttr", "mattr", "hapax_share", "sentences",
                   "mean_sentence_length"]
MATTR_WINDOW = 100


def mattr(words: Sequence[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010); plain TTR if shorter."""
    if not words:
        return 0.0
    if len(words) <= window:
        return len(set(words)) / len(words)
    counts = Counter(words[:window])
    total = len(counts)
    for i in range(window, len(words)):
        out, new = words[i - window], words[i]
        counts[out] -= 1
        if counts[out] == 0:
            del counts[out]
        counts[new] += 1
        total += len(counts)
    return total / (len(words) - window + 1) / window


def profile(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            window: int = MATTR_WINDOW) -> pd.DataFrame:
    """Per article: tokens, types, TTR, MATTR, hapax share and mean sentence length.

    Counted over all word and number tokens (lower-cased, stopwords included). ``ttr`` is
    types/tokens, which falls as a text grows, so it is unfair between texts of different
    lengths; ``mattr`` averages TTR over every window of ``window`` tokens and is not.
    ``hapax_share`` is the share of types that occur once. ``mean_sentence_length`` is words
    per sentence.
    """
    rows = []
    for article in article_list(articles):
        table = tokens(article, roles=roles)
        words = list(table.loc[table["kind"].isin(WORD_KINDS), "norm"])
        counts = Counter(words)
        hapaxes = sum(1 for c in counts.values() if c == 1)
        n_sentences = int(table["sentence"].nunique())
        rows.append({
            "article": article.id, "tokens": len(words), "types": len(counts),
            "ttr": len(counts) / len(words) if words else 0.0,
            "mattr": mattr(words, window),
            "hapax_share": hapaxes / len(counts) if counts else 0.0,
            "sentences": n_sentences,
            "mean_sentence_length": len(words) / n_sentences if n_sentences else 0.0,
        })
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)

"""Terms in context: collocations, keyword in context (KWIC) and dispersion, every hit with
raw offsets so ``raw[start:end]`` is the words as published."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from ..errors import AnalysisInputError
from ..evidence import kwic
from ..text.article import Article, article_list
from ..text.roles import DEFAULT_ROLES
from ..text.tables import tokens
from ..text.tokenise import WORD_KINDS, stem, stopwords
from .association import scored_bigrams
from .counting import word_runs, word_total

COLLOCATION_COLUMNS = ["article", "bigram", "count", "llr"]
KWIC_COLUMNS = ["article", "paragraph", "sentence", "left", "match", "right", "start", "end"]
DISPERSION_COLUMNS = ["article", "term", "paragraph", "sentence", "position", "start", "end",
                      "match"]


def collocations(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = DEFAULT_ROLES, min_freq: int = 2,
                 n: int = 15) -> pd.DataFrame:
    """Top bigram collocations per article by log-likelihood ratio.

    Counts pairs of adjacent words within runs of words in a sentence, keeps pairs seen at
    least ``min_freq`` times, drops pairs made only of stopwords, and scores with Dunning's
    log-likelihood ratio as NLTK's ``BigramCollocationFinder`` and
    ``BigramAssocMeasures.likelihood_ratio`` do (:mod:`.association`, equal to NLTK's
    scores). Columns: article, bigram, count, llr.
    """
    stops = stopwords()
    rows = []
    for article in article_list(articles):
        runs = [list(run["norm"]) for run in word_runs(tokens(article, roles=roles))]
        scored = scored_bigrams(runs, min_freq=min_freq,
                                drop=lambda w1, w2: w1 in stops and w2 in stops)
        for (w1, w2), count, score in scored[:n]:
            rows.append({"article": article.id, "bigram": f"{w1} {w2}", "count": count,
                         "llr": score})
    return pd.DataFrame(rows, columns=COLLOCATION_COLUMNS)


Terms = str | Sequence[str] | re.Pattern[str]


def _search_keys(terms: Terms, unit: str) -> list[list[str]] | None:
    """Token-key sequences to look for (None for a regular expression)."""
    if isinstance(terms, re.Pattern):
        return None
    forms = [terms] if isinstance(terms, str) else list(terms)
    keys = [form.lower().split() for form in forms]
    if not all(keys):  # no terms at all is a search that finds nothing
        raise AnalysisInputError(f"empty search term in {forms!r}")
    return [[stem(w) for w in k] for k in keys] if unit == "stem" else keys


def term_hits(article: Article, terms: Terms, *, unit: str,
              roles: Iterable[str] | None) -> list[tuple[int, int, int, int, int]]:
    """(paragraph, sentence, raw start, raw end, word index) of every match, in text order.

    The word index counts word and number tokens in the chosen roles; it is -1 for regular
    expression matches.
    """
    if unit not in ("word", "stem"):
        raise AnalysisInputError(f"terms are matched by 'word' or 'stem', not {unit!r}")
    keys = _search_keys(terms, unit)
    if keys is None:
        chosen = article.select_sentences(roles=roles)
        hits = []
        for p in article.select(roles=roles):
            for m in terms.finditer(p.text):
                if m.end() > m.start():
                    start, end = p.raw_span(m.start(), m.end())
                    inside = [s.index for s in chosen if s.paragraph == p.index
                              and s.start <= start]
                    hits.append((p.index, inside[-1] if inside else -1, start, end, -1))
        return hits
    table = tokens(article, roles=roles)
    words = table[table["kind"].isin(WORD_KINDS)]
    values = list(words["stem"] if unit == "stem" else words["norm"])
    paragraphs, numbers = list(words["paragraph"]), list(words["sentence"])
    starts, ends = list(words["start"]), list(words["end"])
    hits = []
    for i in range(len(values)):
        for key in keys:
            j = i + len(key) - 1
            if j < len(values) and values[i:j + 1] == key and numbers[i] == numbers[j]:
                hits.append((int(paragraphs[i]), int(numbers[i]), int(starts[i]), int(ends[j]),
                             i))
                break
    return hits


def concordance(articles: Article | Sequence[Article], terms: Terms, *, width: int = 40,
                unit: str = "word", roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Keyword in context: every hit with its left and right context within the paragraph.

    ``terms`` is a word or phrase, a list of alternatives (``["bounty", "bounties"]``), or a
    compiled regular expression searched in the normalised paragraph text. Words are compared
    lower-cased (``unit="word"``) or by Snowball stem (``unit="stem"``: "bounty" then also finds
    "bounties", but stems over-reach: "publication" and "publicly" share one). Phrases match
    consecutive words in one sentence. Columns: article, paragraph, sentence, left, match
    (``raw[start:end]``, as published), right, start, end. Context is up to ``width`` raw
    characters of the same paragraph, whitespace runs shown as single spaces. Returns data;
    does not print.
    """
    chosen = article_list(articles)
    hits = pd.DataFrame([(a.id, *hit[:4]) for a in chosen
                         for hit in term_hits(a, terms, unit=unit, roles=roles)],
                        columns=["article", "paragraph", "sentence", "start", "end"])
    return kwic(chosen, hits, bounds="paragraph", width=width, one_line=True)[KWIC_COLUMNS]


def concordances(articles: Sequence[Article], terms: Mapping[str, Terms] | Sequence[str], *,
                 width: int = 40, unit: str = "word",
                 roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """KWIC for several terms at once, with a leading ``term`` column naming each search."""
    groups = dict(terms) if isinstance(terms, Mapping) else {t: t for t in terms}
    frames = [concordance(articles, forms, width=width, unit=unit, roles=roles)
              .assign(term=label) for label, forms in groups.items()]
    if not frames:  # no term to look for (two identical texts have no key term)
        return pd.DataFrame(columns=["term", *KWIC_COLUMNS])
    return pd.concat(frames, ignore_index=True)[["term", *KWIC_COLUMNS]]


def dispersion(articles: Article | Sequence[Article], terms: Mapping[str, Terms] | Sequence[str],
               *, unit: str = "word", roles: Iterable[str] | None = DEFAULT_ROLES
               ) -> pd.DataFrame:
    """Where in each article chosen terms occur.

    ``terms`` is a list of terms, or a mapping from a label to what it matches (a word, a list
    of alternative forms, or a regular expression), e.g. ``{"money": ["bounty", "bounties",
    "reward", "rewards"]}``. Columns: article, term (the label), paragraph, sentence, position
    (0 to 1: the share of the article's words, in the chosen roles, before the hit; regular
    expression hits use the share of characters), start, end, match.
    """
    groups = dict(terms) if isinstance(terms, Mapping) else {t: t for t in terms}
    rows = []
    for article in article_list(articles):
        n_words = max(word_total(article, roles=roles), 1)
        chosen = article.select(roles=roles)
        span = (chosen[0].start, chosen[-1].end) if chosen else (0, 1)
        for label, forms in groups.items():
            hits = term_hits(article, forms, unit=unit, roles=roles)
            for paragraph, number, start, end, index in hits:
                position = (index / n_words if index >= 0
                            else (start - span[0]) / max(span[1] - span[0], 1))
                rows.append({
                    "article": article.id, "term": label, "paragraph": paragraph,
                    "sentence": number, "position": position, "start": start, "end": end,
                    "match": article.raw[start:end],
                })
    table = pd.DataFrame(rows, columns=DISPERSION_COLUMNS)
    return table.sort_values(["article", "term", "start"], kind="stable", ignore_index=True)

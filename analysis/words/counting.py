"""Term counts: every occurrence of every term as evidence rows, and a fast one-pass tally for
articles or whole groups of a corpus.

Terms are built from word tokens (:mod:`analysis.text.tokenise`; numbers, punctuation,
clitics, links, handles and hashtags are not terms). Units:

- ``word``: the lower-cased word, spelling variants such as "US"/"U.S." merged
  (``lexicons/term_variants.tsv``); stopwords (``lexicons/stopwords_en.txt``) left out.
- ``stem``: the Snowball stem, shown as the group's most frequent surface form
  ("bounties" for bounty/bounties), stopwords left out.
- ``bigram`` / ``trigram``: runs of consecutive words inside one sentence; punctuation and
  other non-word tokens break a run, so n-grams never cross sentence or clause punctuation.
  N-grams made only of stopwords are left out.

Rates are per 10,000 words, where words are all word and number tokens in the chosen roles,
stopwords included (:func:`word_total`, the denominator of every rate in every lens).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from operator import add

import pandas as pd

from ..errors import AnalysisInputError
from ..text.article import Article, article_list, check_roles
from ..text.manifest import ArticleGroup
from ..text.roles import DEFAULT_ROLES
from ..text.tables import sentence_keys, tokens
from ..text.tokenise import (
    WORD_KINDS,
    key_words,
    paragraph_keyed,
    paragraph_words,
    stopwords,
    token_keys,
    word_norm,
    word_tokens,
)
from ..text.wordspans import WordCache

UNITS = ("word", "stem", "bigram", "trigram")
OCCURRENCE_COLUMNS = ["article", "paragraph", "sentence", "term", "start", "end", "match"]
TERM_COLUMNS = ["article", "term", "count", "per10k", "rank"]
SUMMARY_COLUMNS = ["group", "articles", "characters", "words"]


def check_unit(unit: str) -> None:
    """Raise a clear error for an unknown unit."""
    if unit not in UNITS:
        raise AnalysisInputError(f"unknown unit {unit!r}; choose from {list(UNITS)}")


def word_runs(table: pd.DataFrame) -> list[pd.DataFrame]:
    """Runs of consecutive word/number tokens within a sentence."""
    is_word = table["kind"].isin(WORD_KINDS)
    breaks = (~is_word) | (table["sentence"] != table["sentence"].shift())
    run_id = breaks.cumsum()
    words = table[is_word]
    return [run for _, run in words.groupby(run_id[is_word], sort=False)]


def occurrences(articles: Article | Sequence[Article], *, unit: str = "word",
                roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Every occurrence of every term, as evidence rows.

    Columns: article, paragraph, sentence, term (the raw key: lower-cased word, stem, or
    space-joined n-gram), start, end (offsets in ``raw``), match (``raw[start:end]``).
    """
    check_unit(unit)
    stops = stopwords()
    rows = []
    for article in article_list(articles):
        table = tokens(article, roles=roles)
        if unit in ("word", "stem"):
            words = table[(table["kind"] == "word") & ~table["stop"]]
            key = words["norm"] if unit == "word" else words["stem"]
            for row, term in zip(words.itertuples(), key, strict=True):
                rows.append((article.id, row.paragraph, row.sentence, term, row.start, row.end,
                             article.raw[row.start:row.end]))
            continue
        n = 2 if unit == "bigram" else 3
        for run in word_runs(table):
            lowers, starts, ends = list(run["norm"]), list(run["start"]), list(run["end"])
            paragraphs, numbers = list(run["paragraph"]), list(run["sentence"])
            for i in range(len(lowers) - n + 1):
                gram = lowers[i:i + n]
                if all(w in stops for w in gram):
                    continue
                start, end = starts[i], ends[i + n - 1]
                rows.append((article.id, paragraphs[i], numbers[i], " ".join(gram), start,
                             end, article.raw[start:end]))
    return pd.DataFrame(rows, columns=OCCURRENCE_COLUMNS)


Countable = Article | ArticleGroup


@dataclass
class Tally:
    """One pass of counting over an article or a group: term counts, the word total, and
    for stems the surface forms seen (to display each stem by its most frequent form)."""

    counts: Counter = field(default_factory=Counter)
    total: int = 0
    forms: dict[str, Counter] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        """Add another pass's counts to these."""
        _add_counts(self.counts, other.counts)
        self.total += other.total
        for stem_, forms in other.forms.items():
            _add_counts(self.forms.setdefault(stem_, Counter()), forms)


def _add_counts(counts: Counter, more: Counter) -> None:
    """``counts.update(more)`` (new keys in ``more``'s order), the sums made in C."""
    keys = more.keys()
    sums = map(add, more.values(), map(counts.get, keys, repeat(0)))
    dict.update(counts, zip(keys, sums, strict=True))


def sum_tallies(parts: Iterable[Tally]) -> Tally:
    """The sum of several tallies, added in order."""
    total = Tally()
    for part in parts:
        total.add(part)
    return total


def each_article(source: Countable, func: Callable[[Article], object],
                 merge: Callable[[list], object]) -> Iterator:
    """``func`` of an article, or of each article of a group: streamed, in manifest order, in
    the corpus's worker processes when it has more than one (results then come merged a chunk
    of articles at a time: see :meth:`analysis.text.Corpus.map`)."""
    if isinstance(source, Article):
        return iter([func(source)])
    return source.map(func, merge=merge)


def tally_article(article: Article, *, unit: str, roles: Iterable[str] | None) -> Tally:
    """One article's tally (the unit is not checked: callers check it once)."""
    n = {"bigram": 2, "trigram": 3}.get(unit, 1)
    if n == 1:
        return _tally_words(article, stems=unit == "stem", roles=roles)
    result = Tally()
    stops = stopwords()
    for sentence in sentence_keys(article, roles=roles):
        result.total += sum(1 for t in sentence if t[0] in WORD_KINDS)
        run: list[str] = []
        for kind, norm, _, _ in [*sentence, ("end", "", "", False)]:
            if kind in WORD_KINDS:
                run.append(norm)
                continue
            result.counts.update(" ".join(run[i:i + n]) for i in range(len(run) - n + 1)
                                 if not all(w in stops for w in run[i:i + n]))
            run = []
    return result


def _tally_words(article: Article, *, stems: bool, roles: Iterable[str] | None) -> Tally:
    """The word (or stem) tally of one article: every word and number adds to the total,
    every word that is not a stopword is counted (keys looked up once per word key or
    surface form)."""
    result = Tally()
    if not stems:
        terms: list[str] = []
        for paragraph in article.select(roles=roles):
            found, count = paragraph_keyed(paragraph.text, _key_counts, _sentence_counts)
            terms += found
            result.total += count
        result.counts.update(terms)
        return result
    words: list[str] = []
    total = 0
    for paragraph in article.select(roles=roles):
        found, numbers = paragraph_words(paragraph.text)
        total += len(found) + numbers
        words += found
    keyed = filter(None, map(_stems_and_forms.__getitem__, words))
    for (stem_, norm), n in Counter(keyed).items():
        result.counts[stem_] += n
        result.forms.setdefault(stem_, Counter())[norm] += n
    result.total = total
    return result


def _counted_form(word: str) -> str | None:
    """The term a word token counts as (its ``norm``), or None for a stopword."""
    norm, stop = word_norm(word)
    return None if stop else norm


_counted_forms = WordCache(_counted_form, 200_000)


def _counted(words: Sequence[str], numbers: int) -> tuple[list[str], int]:
    """The terms some word surfaces count as, in order, and how many words and numbers
    they and ``numbers`` numbers make."""
    return list(filter(None, map(_counted_forms.__getitem__, words))), len(words) + numbers


def _key_count(key: str) -> tuple[list[str], int]:
    """:func:`_counted` of a word key's words (``tokenise.key_words``)."""
    return _counted(*key_words(key))


def _sentence_counts(sentence: str) -> tuple[list[str], int]:
    """:func:`_counted` of a sentence's words (``tokenise.word_tokens``)."""
    return _counted(*word_tokens(sentence))


# per word key: the terms its words count as and its words and numbers (filled once per key,
# in place of a chain of per-token caches: the cost of a cold cache in each worker)
_key_counts = WordCache(_key_count, 100_000)


def _stem_and_form(word: str) -> tuple[str, str] | None:
    """``(stem, norm)`` of a word token, or None for a stopword."""
    _, norm, stem_, stop = token_keys(word, "word")
    return None if stop else (stem_, norm)


_stems_and_forms = WordCache(_stem_and_form, 200_000)


def tally(source: Countable, *, unit: str = "word",
          roles: Iterable[str] | None = DEFAULT_ROLES) -> Tally:
    """Count terms in one pass over an article, or over every article of a group (streamed).

    Returns a :class:`Tally`: ``counts`` (a Counter of terms, keys as in :func:`occurrences`),
    ``total`` (the words, stopwords included: the denominator of rates) and, for stems, the
    surface ``forms`` seen. This path builds no offsets, rows or frames, so it is the one to
    use on large corpora. A group is counted in its corpus's worker processes (one per core
    unless ``load_corpus(..., workers=1)``), with the same result.
    """
    check_unit(unit)
    count = partial(tally_article, unit=unit, roles=check_roles(roles))
    return sum_tallies(each_article(source, count, sum_tallies))


def display_forms(counted: Iterable[Tally]) -> dict[str, str]:
    """For each stem, its most frequent surface form across several tallies (ties:
    alphabetical)."""
    merged = sum_tallies(counted)
    return {s: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            for s, c in merged.forms.items()}


def word_total(source: Countable, *, roles: Iterable[str] | None = DEFAULT_ROLES) -> int:
    """Word and number tokens in the chosen roles of an article or group: the denominator of
    every rate."""
    return tally(source, unit="word", roles=roles).total


def word_totals(articles: Article | Sequence[Article], *,
                roles: Iterable[str] | None = DEFAULT_ROLES) -> dict[str, int]:
    """:func:`word_total` of each article, by article id."""
    return {article.id: word_total(article, roles=roles) for article in article_list(articles)}


def _table_of(source_id: str, counted: Tally, names: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame({"term": [names.get(t, t) for t in counted.counts],
                          "count": list(counted.counts.values())}, columns=["term", "count"])
    frame["count"] = frame["count"].astype(int)
    frame["per10k"] = frame["count"] / counted.total * 10_000 if counted.total else 0.0
    frame = frame.sort_values(["count", "term"], ascending=[False, True])
    frame["rank"] = frame["count"].rank(method="min", ascending=False).astype(int)
    return frame.assign(article=source_id)


def term_table(articles: Countable | Sequence[Countable], *, unit: str = "word",
               roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Per article (or group of articles) and term: count, rate per 10,000 words, and rank.

    Columns: article (the article id, or the group name), term (stems shown by their most
    frequent surface form over all inputs), count, per10k, rank (1 = most frequent; tied
    counts share the best rank). Sorted by input order, then count descending, then term.
    Each input is read once.
    """
    sources = [articles] if isinstance(articles, Article | ArticleGroup) else list(articles)
    counted = [tally(s, unit=unit, roles=roles) for s in sources]
    names = display_forms(counted) if unit == "stem" else {}
    frames = [_table_of(s.id, c, names) for s, c in zip(sources, counted, strict=True)]
    if not frames:
        return pd.DataFrame(columns=TERM_COLUMNS)
    return pd.concat(frames, ignore_index=True)[TERM_COLUMNS]


def top_terms(table: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The ``n`` most frequent terms of each article side by side (term and count columns)."""
    columns = {}
    for article, group in table.groupby("article", sort=False):
        head = group.head(n).reset_index(drop=True)
        columns[(article, "term")] = head["term"]
        columns[(article, "count")] = head["count"]
    return pd.DataFrame(columns).rename_axis("rank").rename(index=lambda i: i + 1)


def corpus_summary(sources: Sequence[Countable], *,
                   roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Per article or group: number of articles, characters of raw text, and words.

    Columns: group, articles, characters, words. Reads each group once.
    """
    size = partial(_size, roles=check_roles(roles))
    rows = []
    for source in sources:
        articles, characters, words = _sum_sizes(each_article(source, size, _sum_sizes))
        rows.append({"group": source.id, "articles": articles, "characters": characters,
                     "words": words})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def _size(article: Article, *, roles: frozenset[str]) -> tuple[int, int, int]:
    """One article, its characters of raw text, and its words."""
    return 1, len(article.raw), tally_article(article, unit="word", roles=roles).total


def _sum_sizes(parts: Iterable[tuple[int, int, int]]) -> tuple[int, int, int]:
    totals = (0, 0, 0)
    for part in parts:
        totals = tuple(a + b for a, b in zip(totals, part, strict=True))
    return totals


def same_tallies(first: Mapping[str, Tally], second: Mapping[str, Tally]) -> bool:
    """True when two sets of group tallies agree exactly: groups, terms, totals and forms."""
    return list(first) == list(second) and all(
        first[g].counts == second[g].counts and first[g].total == second[g].total
        and first[g].forms == second[g].forms for g in first)

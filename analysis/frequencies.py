"""What each article talks about: term counts, lexical profile, keyness, collocations, KWIC
and dispersion, every count traceable to raw character offsets.

Terms are built from word tokens (``analysis.tokens``; numbers, punctuation, clitics, links,
handles and hashtags are not terms). Units:

- ``word``: the lower-cased word, spelling variants such as "US"/"U.S." merged
  (``lexicons/term_variants.tsv``); stopwords (``lexicons/stopwords_en.txt``) left out.
- ``stem``: the Snowball stem, shown as the group's most frequent surface form
  ("bounties" for bounty/bounties), stopwords left out.
- ``bigram`` / ``trigram``: runs of consecutive words inside one sentence; punctuation and
  other non-word tokens break a run, so n-grams never cross sentence or clause punctuation.
  N-grams made only of stopwords are left out.

Rates are per 10,000 words, where words are all word and number tokens in the chosen roles,
stopwords included.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from .clean import DEFAULT_ROLES
from .corpus import Article, ArticleGroup, article_list
from .data_files import table as data_table
from .errors import AnalysisInputError
from .tokens import WORD_KINDS, sentence_keys, sentences, stem, stopwords, tokens

UNITS = ("word", "stem", "bigram", "trigram")
OCCURRENCE_COLUMNS = ["article", "paragraph", "sentence", "term", "start", "end", "match"]
TERM_COLUMNS = ["article", "term", "count", "per10k", "rank"]
PROFILE_COLUMNS = ["article", "tokens", "types", "ttr", "mattr", "hapax_share", "sentences",
                   "mean_sentence_length"]
KEYNESS_COLUMNS = ["term", "count_a", "count_b", "per10k_a", "per10k_b", "g2", "p_value",
                   "log_ratio", "log_odds_z"]
COLLOCATION_COLUMNS = ["article", "bigram", "count", "llr"]
KWIC_COLUMNS = ["article", "paragraph", "sentence", "left", "match", "right", "start", "end"]
DISPERSION_COLUMNS = ["article", "term", "paragraph", "sentence", "position", "start", "end",
                      "match"]
MATTR_WINDOW = 100
SIGNIFICANCE_G2 = 3.84  # chi-squared critical value, 1 degree of freedom, p = 0.05


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise AnalysisInputError(f"unknown unit {unit!r}; choose from {list(UNITS)}")


def _word_runs(table: pd.DataFrame) -> list[pd.DataFrame]:
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
    _check_unit(unit)
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
        for run in _word_runs(table):
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
class TermCounts:
    """One pass of counting over an article or a group: term counts, the word total, and
    for stems the surface forms seen (to display each stem by its most frequent form)."""

    counts: Counter = field(default_factory=Counter)
    total: int = 0
    forms: dict[str, Counter] = field(default_factory=dict)

    def add(self, other: TermCounts) -> None:
        """Add another pass's counts to these."""
        self.counts.update(other.counts)
        self.total += other.total
        for stem_, forms in other.forms.items():
            self.forms.setdefault(stem_, Counter()).update(forms)


def _members(source: Countable) -> Iterable[Article]:
    return [source] if isinstance(source, Article) else source


def _count_article(article: Article, unit: str, roles: Iterable[str] | None) -> TermCounts:
    result = TermCounts()
    stops = stopwords()
    n = {"bigram": 2, "trigram": 3}.get(unit, 1)
    for sentence in sentence_keys(article, roles):
        result.total += sum(1 for t in sentence if t[0] in WORD_KINDS)
        if n == 1:
            words = [t for t in sentence if t[0] == "word" and not t[3]]
            result.counts.update(t[1] if unit == "word" else t[2] for t in words)
            if unit == "stem":
                for _, norm, stem_, _ in words:
                    result.forms.setdefault(stem_, Counter())[norm] += 1
            continue
        run: list[str] = []
        for kind, norm, _, _ in [*sentence, ("end", "", "", False)]:
            if kind in WORD_KINDS:
                run.append(norm)
                continue
            result.counts.update(" ".join(run[i:i + n]) for i in range(len(run) - n + 1)
                                 if not all(w in stops for w in run[i:i + n]))
            run = []
    return result


def count_terms(source: Countable, *, unit: str = "word",
                roles: Iterable[str] | None = DEFAULT_ROLES) -> TermCounts:
    """Count terms in one pass over an article, or over every article of a group (streamed).

    The keys and counts equal those of ``occurrences``; this path builds no offsets, rows or
    frames, so it is the one to use on large corpora.
    """
    _check_unit(unit)
    result = TermCounts()
    for article in _members(source):
        result.add(_count_article(article, unit, roles))
    return result


def _display(forms: dict[str, Counter]) -> dict[str, str]:
    """Each stem's most frequent form (ties: alphabetical)."""
    return {s: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for s, c in forms.items()}


def display_forms(counted: Iterable[TermCounts]) -> dict[str, str]:
    """For each stem, its most frequent surface form across several ``TermCounts``."""
    merged = TermCounts()
    for c in counted:
        merged.add(c)
    return _display(merged.forms)


def term_counts(source: Countable, *, unit: str = "word",
                roles: Iterable[str] | None = DEFAULT_ROLES) -> Counter:
    """Counts of every term of an article or group (keys as in ``occurrences``)."""
    return count_terms(source, unit=unit, roles=roles).counts


def word_total(source: Countable, roles: Iterable[str] | None = DEFAULT_ROLES) -> int:
    """Word and number tokens in the chosen roles: the denominator of every rate."""
    return count_terms(source, unit="word", roles=roles).total


def _table_of(source_id: str, counted: TermCounts, names: dict[str, str]) -> pd.DataFrame:
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
    counted = [count_terms(s, unit=unit, roles=roles) for s in sources]
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


def lexical_profile(articles: Article | Sequence[Article], *,
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


def g2_statistic(a: float, b: float, size_a: float, size_b: float, form: str = "full") -> float:
    """Unsigned Dunning log-likelihood G2 for a term seen ``a`` times in A and ``b`` in B.

    ``form="full"`` sums all four cells of the 2x2 table (term and other words in A and B);
    ``form="ucrel"`` sums only the two term cells, as the UCREL log-likelihood calculator does.
    """
    total = size_a + size_b
    cells = [(a, size_a * (a + b) / total), (b, size_b * (a + b) / total)]
    if form == "full":
        rest = total - a - b
        cells += [(size_a - a, size_a * rest / total), (size_b - b, size_b * rest / total)]
    elif form != "ucrel":
        raise AnalysisInputError(f"unknown g2_form {form!r}; choose 'full' or 'ucrel'")
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0 and e > 0)


def keyness(counts_a: Mapping[str, float], counts_b: Mapping[str, float], *,
            min_count: int = 2, prior: Mapping[str, float] | None = None,
            g2_form: str = "full") -> pd.DataFrame:
    """Keyness of every term of A against B, with significance and effect sizes.

    Corpus sizes are the sums of the counts, so a caller may pass
    ``{"hand": 540, "<other>": 115460}``. Only terms with ``count_a + count_b >= min_count``
    get a row. Columns:

    - ``count_a``, ``count_b``, and ``per10k_a``, ``per10k_b`` (rates per 10,000).
    - ``g2``: Dunning's (1993) log-likelihood, G2 = 2 * sum(O * ln(O / E)) over the four cells
      of the 2x2 table (term / other words, in A / in B), E = row total * column total / N.
      Signed: positive when A uses the term more (relatively), negative when B does.
      ``g2_form="ucrel"`` gives the two-cell form of the UCREL calculator.
    - ``p_value``: upper tail of chi-squared with 1 degree of freedom, erfc(sqrt(G2 / 2)).
    - ``log_ratio``: Hardie's (2014) effect size, log2((a / size_a) / (b / size_b)), a zero
      count replaced by 0.5. +1 means twice as frequent in A.
    - ``log_odds_z``: Monroe, Colaresi & Quinn (2008) log-odds ratio with an informative
      Dirichlet prior alpha, divided by its standard deviation:
      delta = ln((a + alpha_w) / (size_a + alpha_0 - a - alpha_w))
      - ln((b + alpha_w) / (size_b + alpha_0 - b - alpha_w)),
      var = 1 / (a + alpha_w) + 1 / (b + alpha_w). By default alpha_w is the term's pooled
      count in A and B; ``prior`` may be a background corpus's counts instead (terms it lacks
      get alpha_w = 0.01).

    Two texts of about 1,000 words are small samples: most terms occur a handful of times and
    cannot reach significance (G2 >= 3.84, p < 0.05), however different the texts look. Read
    ``log_ratio`` and ``log_odds_z`` (how big the difference is) beside ``g2`` and ``p_value``
    (how sure we can be it is not chance). Rows are sorted by ``g2`` descending, then term.
    """
    size_a, size_b = float(sum(counts_a.values())), float(sum(counts_b.values()))
    if size_a <= 0 or size_b <= 0:
        raise AnalysisInputError("keyness needs two non-empty count mappings "
                                 f"(got totals {size_a:g} and {size_b:g})")
    alpha = {t: counts_a.get(t, 0) + counts_b.get(t, 0) for t in set(counts_a) | set(counts_b)}
    if prior is not None:
        alpha = {t: float(prior.get(t, 0.0)) or 0.01 for t in alpha}
    alpha_0 = float(sum(prior.values())) if prior is not None else size_a + size_b
    rows = []
    for term in sorted(set(counts_a) | set(counts_b)):
        a, b = float(counts_a.get(term, 0)), float(counts_b.get(term, 0))
        if a + b < min_count:
            continue
        g2 = g2_statistic(a, b, size_a, size_b, g2_form)
        sign = 1.0 if a / size_a >= b / size_b else -1.0
        ratio = math.log2((max(a, 0.5) / size_a) / (max(b, 0.5) / size_b))
        aw = alpha[term]
        delta = (math.log((a + aw) / (size_a + alpha_0 - a - aw))
                 - math.log((b + aw) / (size_b + alpha_0 - b - aw)))
        z = delta / math.sqrt(1 / (a + aw) + 1 / (b + aw))
        rows.append({
            "term": term, "count_a": int(a) if a.is_integer() else a,
            "count_b": int(b) if b.is_integer() else b,
            "per10k_a": a / size_a * 10_000, "per10k_b": b / size_b * 10_000,
            "g2": sign * g2, "p_value": math.erfc(math.sqrt(g2 / 2)),
            "log_ratio": ratio, "log_odds_z": z,
        })
    table = pd.DataFrame(rows, columns=KEYNESS_COLUMNS)
    return table.sort_values(["g2", "term"], ascending=[False, True], ignore_index=True)


def keyness_between(articles: Sequence[Countable], *, unit: str = "stem",
                    roles: Iterable[str] | None = DEFAULT_ROLES, min_count: int = 2,
                    g2_form: str = "full") -> pd.DataFrame:
    """Keyness of the first input's terms against the second's (A = first, B = second).

    Inputs are two articles or two groups of articles (``Corpus.group``). Counts exclude
    stopwords; each input's total word count (stopwords included) enters as an
    ``<other words>`` remainder so that rates match ``term_table``. Stems are shown by their
    most frequent surface form. Each input is read once.
    """
    if len(articles) != 2:
        raise AnalysisInputError(f"keyness compares two articles or groups; got {len(articles)}")
    counted = [count_terms(a, unit=unit, roles=roles) for a in articles]
    return keyness_from_counts(counted[0], counted[1], unit=unit, min_count=min_count,
                               g2_form=g2_form)


def keyness_from_counts(first: TermCounts, second: TermCounts, *, unit: str = "stem",
                        min_count: int = 2, g2_form: str = "full") -> pd.DataFrame:
    """``keyness`` of two ``TermCounts`` (from ``count_terms`` or the Dask path), with each
    side's stopwords and other words as an ``<other words>`` remainder."""
    counts = [Counter({**c.counts, "<other words>": max(c.total - sum(c.counts.values()), 0)})
              for c in (first, second)]
    table = keyness(counts[0], counts[1], min_count=min_count, g2_form=g2_form)
    table = table[table["term"] != "<other words>"].reset_index(drop=True)
    if unit == "stem":
        names = display_forms([first, second])
        table["term"] = [names.get(t, t) for t in table["term"]]
    return table


def key_terms(table: pd.DataFrame, n: int = 5, *, significant_only: bool = False
              ) -> tuple[list[str], list[str]]:
    """The ``n`` most key terms of A and of B from a keyness table (by signed G2)."""
    chosen = table[table["p_value"] < 0.05] if significant_only else table
    side_a = chosen[chosen["g2"] > 0].sort_values(["g2", "term"], ascending=[False, True])
    side_b = chosen[chosen["g2"] < 0].sort_values(["g2", "term"], ascending=[True, True])
    return list(side_a["term"].head(n)), list(side_b["term"].head(n))


def collocations(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = DEFAULT_ROLES, min_freq: int = 2,
                 n: int = 15) -> pd.DataFrame:
    """Top bigram collocations per article by log-likelihood ratio (NLTK).

    Uses ``BigramCollocationFinder`` over runs of words within sentences, keeps pairs seen at
    least ``min_freq`` times, drops pairs made only of stopwords, and scores with
    ``BigramAssocMeasures.likelihood_ratio``. Columns: article, bigram, count, llr.
    """
    stops = stopwords()
    rows = []
    for article in article_list(articles):
        runs = [list(run["norm"]) for run in _word_runs(tokens(article, roles=roles))]
        finder = BigramCollocationFinder.from_documents(runs)
        finder.apply_freq_filter(min_freq)
        finder.apply_ngram_filter(lambda w1, w2: w1 in stops and w2 in stops)
        scored = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
        scored = sorted(scored, key=lambda item: (-item[1], item[0]))[:n]
        for (w1, w2), score in scored:
            rows.append({"article": article.id, "bigram": f"{w1} {w2}",
                         "count": finder.ngram_fd[(w1, w2)], "llr": score})
    return pd.DataFrame(rows, columns=COLLOCATION_COLUMNS)


Terms = str | Sequence[str] | re.Pattern[str]


def _search_keys(terms: Terms, unit: str) -> list[list[str]] | None:
    """Token-key sequences to look for (None for a regular expression)."""
    if isinstance(terms, re.Pattern):
        return None
    forms = [terms] if isinstance(terms, str) else list(terms)
    keys = [form.lower().split() for form in forms]
    if not forms or not all(keys):
        raise AnalysisInputError(f"empty search term in {forms!r}")
    return [[stem(w) for w in k] for k in keys] if unit == "stem" else keys


def _hits(article: Article, terms: Terms, unit: str,
          roles: Iterable[str] | None) -> list[tuple[int, int, int, int, int]]:
    """(paragraph, sentence, raw start, raw end, word index) of every match, in text order.

    The word index counts word and number tokens in the chosen roles; it is -1 for regular
    expression matches.
    """
    if unit not in ("word", "stem"):
        raise AnalysisInputError(f"terms are matched by 'word' or 'stem', not {unit!r}")
    keys = _search_keys(terms, unit)
    if keys is None:
        table = sentences(article, roles=roles)
        hits = []
        for p in article.select(roles):
            for m in terms.finditer(p.text):
                if m.end() > m.start():
                    start, end = p.raw_span(m.start(), m.end())
                    inside = table[(table["paragraph"] == p.index) & (table["start"] <= start)]
                    number = int(inside["sentence"].iloc[-1]) if len(inside) else -1
                    hits.append((p.index, number, start, end, -1))
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


def _one_line(text: str) -> str:
    return " ".join(text.split())


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
    rows = []
    for article in article_list(articles):
        bounds = {p.index: (p.start, p.end) for p in article.paragraphs}
        for paragraph, number, start, end, _ in _hits(article, terms, unit, roles):
            p_start, p_end = bounds[paragraph]
            rows.append({
                "article": article.id, "paragraph": paragraph, "sentence": number,
                "left": _one_line(article.raw[max(p_start, start - width):start]),
                "match": article.raw[start:end],
                "right": _one_line(article.raw[end:min(p_end, end + width)]),
                "start": start, "end": end,
            })
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def concordances(articles: Sequence[Article], terms: Mapping[str, Terms] | Sequence[str], *,
                 width: int = 40, unit: str = "word",
                 roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """KWIC for several terms at once, with a leading ``term`` column naming each search."""
    groups = dict(terms) if isinstance(terms, Mapping) else {t: t for t in terms}
    frames = [concordance(articles, forms, width=width, unit=unit, roles=roles)
              .assign(term=label) for label, forms in groups.items()]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KWIC_COLUMNS)
    return table[["term", *KWIC_COLUMNS]]


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
        n_words = max(word_total(article, roles), 1)
        chosen = article.select(roles)
        span = (chosen[0].start, chosen[-1].end) if chosen else (0, 1)
        for label, forms in groups.items():
            for paragraph, number, start, end, index in _hits(article, forms, unit, roles):
                position = (index / n_words if index >= 0
                            else (start - span[0]) / max(span[1] - span[0], 1))
                rows.append({
                    "article": article.id, "term": label, "paragraph": paragraph,
                    "sentence": number, "position": position, "start": start, "end": end,
                    "match": article.raw[start:end],
                })
    table = pd.DataFrame(rows, columns=DISPERSION_COLUMNS)
    return table.sort_values(["article", "term", "start"], kind="stable", ignore_index=True)


def word_choices(name: str = "word_choices.tsv") -> dict[str, dict[str, list[str]]]:
    """Word-choice groups from a data file: {group: {term: [forms]}}."""
    groups: dict[str, dict[str, list[str]]] = {}
    for row in data_table(name):
        groups.setdefault(row["group"], {})[row["term"]] = row["forms"].split("|")
    return groups


def term_contrast(articles: Sequence[Article],
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
                found = concordance(article, list(forms), roles=roles)
                row[article.id] = len(found)
                row[f"{article.id} forms"] = ", ".join(
                    sorted({" ".join(m.lower().split()) for m in found["match"]}))
            rows.append(row)
    return pd.DataFrame(rows)


def corpus_summary(sources: Sequence[Countable], *,
                   roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Per article or group: number of articles, characters of raw text, and words.

    Columns: group, articles, characters, words. Reads each group once.
    """
    rows = []
    for source in sources:
        articles = characters = words = 0
        for article in _members(source):
            articles += 1
            characters += len(article.raw)
            words += _count_article(article, "word", roles).total
        rows.append({"group": source.id, "articles": articles, "characters": characters,
                     "words": words})
    return pd.DataFrame(rows, columns=["group", "articles", "characters", "words"])


def same_counts(first: Mapping[str, TermCounts], second: Mapping[str, TermCounts]) -> bool:
    """True when two sets of group counts agree exactly: groups, terms, totals and forms."""
    return list(first) == list(second) and all(
        first[g].counts == second[g].counts and first[g].total == second[g].total
        and first[g].forms == second[g].forms for g in first)

"""Keyness: which terms one article (or group) uses relatively more than the other, with
significance (Dunning's G2) and effect sizes (log ratio, log-odds z with an informative prior).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

import pandas as pd

from ..errors import AnalysisInputError
from ..lexicons import table as data_table
from ..text.roles import DEFAULT_ROLES
from .counting import Countable, Tally, display_forms, tally

KEYNESS_COLUMNS = ["term", "count_a", "count_b", "per10k_a", "per10k_b", "g2", "p_value",
                   "q_value", "log_ratio", "log_odds_z", "style"]
FLOAT_COLUMNS = ("per10k_a", "per10k_b", "g2", "p_value", "q_value", "log_ratio", "log_odds_z")
SIGNIFICANCE_G2 = 3.84  # chi-squared critical value, 1 degree of freedom, p = 0.05
SIGNIFICANCE_Q = 0.05  # false-discovery rate: "significant" means q < 0.05 (Benjamini-Hochberg)


@cache
def style_terms() -> dict[str, str]:
    """Term (lower case) -> kind, for the words that show house style rather than content:
    reporting verbs, honorifics, weekdays, months (``lexicons/style_terms.tsv``)."""
    return {row["term"]: row["kind"] for row in data_table("style_terms.tsv", ("term", "kind"))}


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini-Hochberg adjusted p-values (q-values) of a family of tests, in input order:
    the false-discovery rate at which each test would be called significant (Benjamini &
    Hochberg 1995, J. R. Stat. Soc. B 57:289-300)."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i], reverse=True)
    adjusted, running = [0.0] * m, 1.0
    for rank_from_top, i in enumerate(order):
        rank = m - rank_from_top
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = min(running, 1.0)
    return adjusted


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    """A keyness table's q-values (over its rows, the tests it reports) and style flags."""
    frame = frame.copy()
    frame["q_value"] = benjamini_hochberg(list(frame["p_value"]))
    frame["style"] = [str(t).lower() in style_terms() for t in frame["term"]]
    # typed columns even when no term qualifies (two identical texts), so that filters such
    # as ``table[table["g2"] > 0]`` select rows, never columns
    return frame[KEYNESS_COLUMNS].astype({c: float for c in FLOAT_COLUMNS} | {"style": bool})


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
    - ``q_value``: the p-value adjusted for testing every term of the table at once
      (Benjamini & Hochberg 1995); "significant" means q < 0.05, so that among the terms called
      significant at most 5 % are expected to be so by chance.
    - ``style``: True for a word of house style rather than content (reporting verbs,
      honorifics, weekdays, months: ``lexicons/style_terms.tsv``).
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
            "g2": sign * g2, "p_value": math.erfc(math.sqrt(g2 / 2)), "q_value": 1.0,
            "log_ratio": ratio, "log_odds_z": z, "style": False,
        })
    result = _finish(pd.DataFrame(rows, columns=KEYNESS_COLUMNS))
    return result.sort_values(["g2", "term"], ascending=[False, True], ignore_index=True)


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
    counted = [tally(a, unit=unit, roles=roles) for a in articles]
    return keyness_from_tallies(counted[0], counted[1], unit=unit, min_count=min_count,
                               g2_form=g2_form)


def keyness_from_tallies(first: Tally, second: Tally, *, unit: str = "stem",
                         min_count: int = 2, g2_form: str = "full") -> pd.DataFrame:
    """:func:`keyness` of two tallies (from :func:`~analysis.words.tally` or the Dask path),
    with each side's stopwords and other words as an ``<other words>`` remainder."""
    counts = [Counter({**c.counts, "<other words>": max(c.total - sum(c.counts.values()), 0)})
              for c in (first, second)]
    result = keyness(counts[0], counts[1], min_count=min_count, g2_form=g2_form)
    result = result[result["term"] != "<other words>"].reset_index(drop=True)
    if unit == "stem":
        names = display_forms([first, second])
        result["term"] = [names.get(t, t) for t in result["term"]]
    return _finish(result)  # q-values over the terms shown, style by the shown form


def key_terms(table: pd.DataFrame, n: int = 5, *, significant_only: bool = False,
              content_only: bool = False) -> tuple[list[str], list[str]]:
    """The ``n`` most key terms of A and of B from a keyness table (by signed G2); with
    ``significant_only`` only those with q < 0.05, with ``content_only`` no style terms."""
    chosen = table[table["q_value"] < SIGNIFICANCE_Q] if significant_only else table
    if content_only:
        chosen = chosen[~chosen["style"].astype(bool)]
    side_a = chosen[chosen["g2"] > 0].sort_values(["g2", "term"], ascending=[False, True])
    side_b = chosen[chosen["g2"] < 0].sort_values(["g2", "term"], ascending=[True, True])
    return list(side_a["term"].head(n)), list(side_b["term"].head(n))

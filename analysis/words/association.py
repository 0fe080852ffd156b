"""Bigram collocations scored by Dunning's log-likelihood ratio, as NLTK scores them.

NLTK's ``BigramCollocationFinder.from_documents`` with ``BigramAssocMeasures.likelihood_ratio``
(NLTK 3.10) is the reference: ``tests/test_collocations.py`` compares the two. Pairs are
counted within each run of words (NLTK joins the runs with a gap, so no pair spans two runs);
a word's count is its number of occurrences and N is the number of words in all runs. The
score is NLTK's, float operation for float operation: the 2x2 contingency table of the pair
(``n_ii``, ``n_oi``, ``n_io``, ``n_oo``) from the pair count, the two word counts and N, the
expected count of each cell (row total times column total over N), and
``2 * sum(obs * ln(obs / (exp + 1e-20) + 1e-20))`` over the four cells (natural logarithm;
NLTK's ``_SMALL`` keeps an empty cell from failing).

One departure: a word paired with itself (``ha ha``) when that word is more than half of the
words counted gives a table with a negative cell, and NLTK fails (``math domain error``);
:func:`scored_bigrams` leaves such a pair out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

SMALL = 1e-20  # NLTK's _SMALL


def count_bigrams(runs: Iterable[Sequence[str]]) -> tuple[Counter, Counter]:
    """``(word counts, pair counts)`` over runs of words; a pair is two adjacent words of one
    run."""
    words: Counter = Counter()
    pairs: Counter = Counter()
    for run in runs:
        words.update(run)
        pairs.update(pairwise(run))
    return words, pairs


def likelihood_ratio(pair: int, first: int, second: int, total: int) -> float:
    """Dunning's log-likelihood ratio of a pair seen ``pair`` times, whose first word is seen
    ``first`` times and second word ``second`` times among ``total`` words (NLTK's
    ``BigramAssocMeasures.likelihood_ratio``, same operations in the same order)."""
    n_ii = pair / 1.0  # NLTK scales the pair count by 1 / (window size - 1)
    n_oi = second - n_ii
    n_io = first - n_ii
    cells = (n_ii, n_oi, n_io, total - n_ii - n_oi - n_io)
    n_xx = sum(cells)
    expected = ((cells[i] + cells[i ^ 1]) * (cells[i] + cells[i ^ 2]) / n_xx for i in range(4))
    return 2 * sum(obs * math.log(obs / (exp + SMALL) + SMALL)
                   for obs, exp in zip(cells, expected, strict=True))


def scored_bigrams(runs: Iterable[Sequence[str]], *, min_freq: int = 1,
                   drop: Callable[[str, str], bool] | None = None
                   ) -> list[tuple[tuple[str, str], int, float]]:
    """``((w1, w2), count, score)`` of every pair seen at least ``min_freq`` times and not
    dropped by ``drop(w1, w2)``, highest score first (ties by the pair); a pair whose table
    would have a negative cell is left out."""
    words, pairs = count_bigrams(runs)
    total = sum(words.values())
    scored = [((w1, w2), count, likelihood_ratio(count, words[w1], words[w2], total))
              for (w1, w2), count in pairs.items()
              if count >= min_freq and not (drop and drop(w1, w2))
              and contingency_possible(count, words[w1], words[w2], total)]
    return sorted(scored, key=lambda item: (-item[2], item[0]))


def contingency_possible(pair: int, first: int, second: int, total: int) -> bool:
    """Whether the pair's contingency table has no negative cell (only a word paired with
    itself, more than half of all words, has one)."""
    return total - first - second + pair >= 0

"""The words lens: what each article talks about, and which words set it apart.

- Counting (:mod:`.counting`): :func:`occurrences` (evidence rows), :func:`tally` (one fast
  pass over an article or a group, returning a :class:`Tally`), :func:`term_table`,
  :func:`top_terms`, :func:`word_total` / :func:`word_totals` (the denominator of every rate).
- Profile (:mod:`.lexical`): length, TTR, MATTR, hapaxes, sentence length.
- Keyness (:mod:`.significance`): Dunning's G2, log ratio and log-odds z, between two articles
  or two groups.
- Context (:mod:`.context`): collocations, KWIC (:func:`concordance`) and dispersion.
- Word choices (:mod:`.choices`): alternative words for the same thing, counted per article.

Return types: functions that return tables return DataFrames; :func:`tally` returns a
:class:`Tally`; :func:`word_totals` returns a dict of article id to words.
"""

from .choices import contrast, word_choices
from .context import collocations, concordance, concordances, dispersion
from .counting import (
    Tally,
    corpus_summary,
    occurrences,
    same_tallies,
    tally,
    term_table,
    top_terms,
    word_total,
    word_totals,
)
from .lexical import mattr, profile
from .significance import (
    SIGNIFICANCE_G2,
    g2_statistic,
    key_terms,
    keyness,
    keyness_between,
    keyness_from_tallies,
)

__all__ = [
    "Tally", "tally", "occurrences", "term_table", "top_terms", "word_total", "word_totals",
    "corpus_summary", "same_tallies", "profile", "mattr", "keyness", "keyness_between",
    "keyness_from_tallies", "key_terms", "g2_statistic", "SIGNIFICANCE_G2", "collocations",
    "concordance", "concordances", "dispersion", "contrast", "word_choices",
]

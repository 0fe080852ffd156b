"""Collocations without NLTK (``analysis.words.association``) equal NLTK's.

The reference is the NLTK version ``collocations`` had: ``BigramCollocationFinder
.from_documents`` over the runs of words, ``apply_freq_filter``, ``apply_ngram_filter`` for
stopword pairs and ``BigramAssocMeasures.likelihood_ratio``. Compared on the seeds (several
roles, thresholds and lengths), on texts written here, on generated runs of words, and score
by score on a grid of counts.
"""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

import analysis
from analysis import words as w
from analysis.paths import SEEDS_DIR
from analysis.text.article import article_list
from analysis.text.reading import build_article
from analysis.text.roles import DEFAULT_ROLES
from analysis.text.tables import tokens
from analysis.text.tokenise import stopwords
from analysis.words.association import (
    contingency_possible,
    count_bigrams,
    likelihood_ratio,
    scored_bigrams,
)
from analysis.words.context import COLLOCATION_COLUMNS
from analysis.words.counting import word_runs


def nltk_scored(runs, min_freq=1, drop=None):
    """``scored_bigrams`` as NLTK computes it."""
    finder = BigramCollocationFinder.from_documents(runs)
    finder.apply_freq_filter(min_freq)
    if drop:
        finder.apply_ngram_filter(drop)
    scored = finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)
    return [(pair, finder.ngram_fd[pair], score)
            for pair, score in sorted(scored, key=lambda item: (-item[1], item[0]))]


def nltk_collocations(articles, *, roles=DEFAULT_ROLES, min_freq=2, n=15) -> pd.DataFrame:
    """``collocations`` as it was with NLTK."""
    stops = stopwords()
    rows = []
    for article in article_list(articles):
        runs = [list(run["norm"]) for run in word_runs(tokens(article, roles=roles))]
        scored = nltk_scored(runs, min_freq, lambda w1, w2: w1 in stops and w2 in stops)
        for (w1, w2), count, score in scored[:n]:
            rows.append({"article": article.id, "bigram": f"{w1} {w2}", "count": count,
                         "llr": score})
    return pd.DataFrame(rows, columns=COLLOCATION_COLUMNS)


def assert_same_as_nltk(articles, **kwargs) -> pd.DataFrame:
    ours, theirs = w.collocations(articles, **kwargs), nltk_collocations(articles, **kwargs)
    pd.testing.assert_frame_equal(ours, theirs, check_exact=False, rtol=0, atol=1e-9)
    pd.testing.assert_frame_equal(ours.round(2), theirs.round(2))  # as the notebook shows it
    return ours


@pytest.fixture(scope="module")
def seeds():
    return analysis.load_articles(["dailymail", "ru_translation"], manifest="seeds/articles.csv")


@pytest.mark.parametrize("kwargs", [
    {}, {"n": 10}, {"n": 1000}, {"min_freq": 1, "n": 1000}, {"min_freq": 3},
    {"roles": None, "n": 50}, {"roles": ["body"], "min_freq": 1, "n": 200},
])
def test_the_seeds_collocations_are_nltks(seeds, kwargs):
    table = assert_same_as_nltk(seeds, **kwargs)
    assert set(table["article"]) == {"dailymail", "ru_translation"}


def test_the_seeds_top_pairs(seeds):
    table = assert_same_as_nltk(seeds, n=10)
    dm = table[table["article"] == "dailymail"].set_index("bigram")
    assert dm.loc["national security", "count"] >= 2
    assert len(table) == 20 and (table["count"] >= 2).all()


def article(raw: str, id: str) -> analysis.Article:
    return build_article(raw, id=id, path=SEEDS_DIR / f"{id}.txt")


TEXTS = {
    "repeats": "Red roses grow. Red roses fade. Red roses and white roses grow. White roses "
               "fade slowly, and red roses grow slowly.",
    "stopwords": "It is in the house. It is in the yard. It is what it is. The house is in "
                 "the yard of the house.",
    "runs": "Cold war, cold war, cold war. War, cold; war, cold. Cold - war - cold.",
    "ties": "Alpha beta. Gamma delta. Alpha beta. Gamma delta. Beta alpha. Delta gamma.",
    "one": "Nothing repeats here at all.",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
@pytest.mark.parametrize("min_freq", [1, 2])
def test_written_texts_have_nltks_collocations(name, min_freq):
    table = assert_same_as_nltk([article(TEXTS[name], name)], min_freq=min_freq, n=100)
    if name == "empty":
        assert table.empty
    if name == "repeats" and min_freq == 2:
        assert table.iloc[0]["bigram"] == "red roses" and table.iloc[0]["count"] == 4


def test_a_pair_never_spans_two_runs():
    words, pairs = count_bigrams([["a", "b"], ["b", "a"], [], ["c"]])
    assert pairs == {("a", "b"): 1, ("b", "a"): 1}
    assert words == {"a": 2, "b": 2, "c": 1}


def test_ties_are_ordered_by_the_pair():
    scored = scored_bigrams([["y", "z"], ["a", "b"]])
    assert [pair for pair, _, _ in scored] == [("a", "b"), ("y", "z")]
    # N = 4: the pair once, each word once; expected 1/4, 3/4, 3/4, 9/4 for 1, 0, 0, 3
    assert scored[0][2] == scored[1][2] == pytest.approx(2 * (math.log(4) + 3 * math.log(4 / 3)))


def test_scores_equal_nltks_on_a_grid_of_counts():
    for pair, first, second, extra in itertools.product(range(1, 6), range(0, 5), range(0, 5),
                                                        (0, 1, 7, 500)):
        a, b = pair + first, pair + second
        total = a + b + extra
        ours = likelihood_ratio(pair, a, b, total)
        assert ours == BigramAssocMeasures.likelihood_ratio(pair, (a, b), total)
    assert likelihood_ratio(1, 1, 1, 1) == 0  # observed as expected
    assert likelihood_ratio(2, 2, 2, 4) == pytest.approx(2 * (2 * math.log(2) + 2 * math.log(2)))


WORDS = st.lists(st.lists(st.sampled_from(["a", "b", "c", "the", "of", "x"]), max_size=12),
                 max_size=8)


@examples(200)
@given(WORDS, st.integers(1, 3))
def test_generated_runs_are_scored_as_nltk_does(runs, min_freq):
    stops = {"the", "of"}

    def drop(w1, w2):
        return w1 in stops and w2 in stops

    ours = scored_bigrams(runs, min_freq=min_freq, drop=drop)
    words, pairs = count_bigrams(runs)
    total = sum(words.values())

    def drop_or_impossible(w1, w2):  # NLTK fails on the impossible pairs ours leaves out
        return drop(w1, w2) or (w1 == w2 and 2 * words[w1] - pairs[w1, w2] > total)

    assert ours == nltk_scored(runs, min_freq, drop_or_impossible)


def test_a_word_paired_with_itself_in_most_of_the_text_is_left_out_where_nltk_fails():
    runs = [["ha", "ha", "ha"], ["oh", "ha"]]  # N = 5: "ha ha" twice, "ha" four times
    assert not contingency_possible(2, 4, 4, 5) and contingency_possible(2, 3, 3, 6)
    with pytest.raises(ValueError, match="math domain error"):
        nltk_scored(runs)
    assert [pair for pair, _, _ in scored_bigrams(runs)] == [("oh", "ha")]
    table = w.collocations([article("Ha ha ha. Ha ha ha, oh.", "ha")])
    assert table.empty

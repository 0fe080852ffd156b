"""Corpus mode: a streamed manifest of many articles, compared by group."""

from __future__ import annotations

import gc
import weakref
from collections import Counter

import pytest

import analysis
from analysis import words as w
from analysis.scale import generate_corpus


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """About 60 KB of synthetic articles in two groups (A from seed 1, B from seed 2)."""
    return generate_corpus(tmp_path_factory.mktemp("corpus"), 60_000, seed=7)


def test_generator_is_reproducible(tmp_path, small_corpus):
    again = generate_corpus(tmp_path, 60_000, seed=7)
    assert again.read_bytes() == small_corpus.read_bytes()
    first = sorted((small_corpus.parent / "articles").iterdir())[0]
    assert (again.parent / "articles" / first.name).read_bytes() == first.read_bytes()
    other = generate_corpus(tmp_path / "other", 60_000, seed=8)
    assert (other.parent / "articles" / first.name).read_bytes() != first.read_bytes()


def test_corpus_streams_in_manifest_order(small_corpus):
    corpus = analysis.load_corpus(small_corpus, group_by="side")
    rows = analysis.text.read_manifest(small_corpus)
    assert len(corpus) == len(rows) >= 10
    assert [a.id for a in corpus] == [r["id"] for r in rows]
    assert corpus[3].id == rows[3]["id"] and corpus[-1].id == rows[-1]["id"]
    assert corpus.groups() == ["A", "B"]


def test_streaming_does_not_keep_earlier_articles(small_corpus):
    corpus = analysis.load_corpus(small_corpus)
    iterator = iter(corpus)
    first = weakref.ref(next(iterator))
    next(iterator)
    gc.collect()
    assert first() is None


def test_group_counts_are_sums_of_member_counts(small_corpus):
    corpus = analysis.load_corpus(small_corpus, group_by="side")
    group = corpus.group("A")
    members = [a for a in corpus if a.meta["side"] == "A"]
    assert [a.id for a in group] == [a.id for a in members]
    expected = Counter()
    for article in members:
        expected.update(w.tally(article, unit="stem").counts)
    assert w.tally(group, unit="stem").counts == expected
    assert w.word_total(group) == sum(w.word_total(a) for a in members)


def test_term_table_and_keyness_name_the_groups(small_corpus):
    corpus = analysis.load_corpus(small_corpus, group_by="side")
    groups = [corpus.group("A"), corpus.group("B")]
    table = w.term_table(groups, unit="stem")
    assert list(dict.fromkeys(table["article"])) == ["A", "B"]
    key = w.keyness_between(groups)
    side_a, side_b = w.key_terms(key, 5, significant_only=True)
    assert set(side_a) & {"bounties", "trump", "paper", "forces", "war"}
    assert set(side_b) & {"states", "embassy", "diplomatic", "soldiers", "ministry"}
    dm_words = set(w.term_table(analysis.load_articles(["dailymail"]), unit="stem")["term"])
    for term in key[(key["count_a"] == 0) & (key["p_value"] < 0.05)]["term"]:
        assert term not in dm_words  # group A only resamples the Daily Mail's sentences


def test_unknown_group_and_missing_group_column(small_corpus):
    corpus = analysis.load_corpus(small_corpus, group_by="side")
    with pytest.raises(analysis.AnalysisInputError, match="no articles with side = 'C'"):
        corpus.group("C")
    with pytest.raises(analysis.ManifestError, match=r"missing column\(s\) \['stance'\]"):
        analysis.load_corpus(small_corpus, group_by="stance")


def test_progress_bar_runs_in_a_terminal(small_corpus, capsys):
    corpus = analysis.load_corpus(small_corpus, progress=True)
    assert sum(1 for _ in corpus) == len(corpus)
    err = capsys.readouterr().err
    assert f"{len(corpus)}/{len(corpus)}" in err and "article" in err


def test_source_roster_and_frame_scores_accept_groups(small_corpus):
    corpus = analysis.load_corpus(small_corpus, group_by="side")
    groups = [corpus.group("A"), corpus.group("B")]
    roster = analysis.sources.roster(groups)
    assert list(dict.fromkeys(roster["article"])) == ["A", "B"]
    members = [a for a in corpus if a.meta["side"] == "A"]
    per_article = analysis.sources.roster(members)
    expected = per_article.groupby("canonical")["attributions"].sum().sort_index()
    got = roster[roster["article"] == "A"].set_index("canonical")["attributions"].sort_index()
    assert got.to_dict() == expected.to_dict()
    scores = analysis.frames.scores(groups).set_index(["article", "frame"])
    separate = analysis.frames.scores(members)
    assert scores.loc[("A", "conflict"), "hits"] == separate[separate["frame"] == "conflict"][
        "hits"].sum()
    assert scores.loc[("A", "conflict"), "words"] == sum(w.word_total(a) for a in members)

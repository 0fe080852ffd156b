"""Corpus mode with unreadable rows (issue 14): ``errors="skip"`` passes over them and says
which and why; manifest ids that look like paths work as ids everywhere."""

from __future__ import annotations

import warnings
from collections import Counter

import pytest

import analysis
from analysis import words as w
from analysis.errors import (
    AnalysisInputError,
    ArticleEncodingError,
    ArticleError,
    ArticleNotFoundError,
    ManifestError,
)
from analysis.text.manifest import SkippedArticle, SkippedArticleWarning

STORIES = {
    "a1": "Ferry late\n\nThe ferry left the harbour at noon, the harbour master said.\n",
    "a2": "Bridge shut\n\nThe bridge was shut for repairs on Monday, the council said.\n",
    "b1": "Storm warning\n\nA storm will reach the coast tonight, forecasters said.\n",
}


@pytest.fixture
def mixed(tmp_path):
    """A manifest of three readable articles and four rows that cannot be read."""
    (tmp_path / "texts").mkdir()
    for name, text in STORIES.items():
        (tmp_path / "texts" / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "texts" / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "texts" / "legacy.txt").write_bytes(b"Caf\xe9 shut\n\nThe caf\xe9 shut.\n")
    with (tmp_path / "texts" / "huge.txt").open("wb") as handle:
        handle.truncate(10_000_001)
    rows = [("a1", "a1", "A"), ("gone", "missing", "A"), ("scan", "scan", "B"),
            ("a2", "a2", "A"), ("legacy", "legacy", "B"), ("b1", "b1", "B"),
            ("huge", "huge", "B")]
    manifest = tmp_path / "corpus.csv"
    manifest.write_text("id,file,side\n" + "".join(
        f"{i},texts/{f}.txt,{side}\n" for i, f, side in rows), encoding="utf-8")
    return manifest


def test_by_default_the_first_unreadable_row_stops_the_corpus(mixed):
    with pytest.raises(ArticleNotFoundError, match=r"missing\.txt: no such file"):
        list(analysis.load_corpus(mixed))


def test_skip_reads_every_readable_row_and_lists_the_others(mixed):
    corpus = analysis.load_corpus(mixed, group_by="side", errors="skip")
    with pytest.warns(SkippedArticleWarning) as caught:
        ids = [a.id for a in corpus]
    assert ids == ["a1", "a2", "b1"]
    assert [s.id for s in corpus.skipped] == ["gone", "scan", "legacy", "huge"]
    assert corpus.skipped[0] == SkippedArticle(
        "gone", "texts/missing.txt", f"{corpus.skipped[0].reason.split(':')[0]}: no such file")
    reasons = [s.reason for s in corpus.skipped]
    assert reasons[0].endswith("missing.txt: no such file")
    assert "scan.txt: this is a PDF document" in reasons[1]
    assert "legacy.txt: not valid UTF-8 (byte 0xe9 at offset 3)" in reasons[2]
    assert "huge.txt: 10,000,001 bytes is more than the 10,000,000-byte limit" in reasons[3]
    assert all("\n" not in r for r in reasons)
    messages = [str(c.message) for c in caught]
    assert len(messages) == 4 and "skipped article 'scan'" in messages[1]
    table = corpus.skipped_table()
    assert list(table.columns) == ["id", "file", "reason"]
    assert table["file"].tolist() == ["texts/missing.txt", "texts/scan.txt",
                                      "texts/legacy.txt", "texts/huge.txt"]


def test_skipped_rows_are_warned_once_and_groups_count_what_was_read(mixed):
    corpus = analysis.load_corpus(mixed, group_by="side", errors="skip")
    with pytest.warns(SkippedArticleWarning):
        b_side = w.tally(corpus.group("B"), unit="word")
    assert [s.id for s in corpus.skipped] == ["scan", "legacy", "huge"]
    expected = w.tally(analysis.load_article(mixed.parent / "texts" / "b1.txt"), unit="word")
    assert b_side.counts == expected.counts and b_side.total == expected.total
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [a.id for a in corpus.group("B")] == ["b1"]  # no second warning


def test_check_lists_every_unreadable_row_before_analysis(mixed):
    with pytest.warns(SkippedArticleWarning):
        table = analysis.load_corpus(mixed, errors="skip").check()
    assert table["id"].tolist() == ["gone", "scan", "legacy", "huge"]
    with pytest.raises(ArticleNotFoundError):
        analysis.load_corpus(mixed).check()


def test_indexing_an_unreadable_row_raises_in_either_mode(mixed):
    corpus = analysis.load_corpus(mixed, errors="skip")
    assert corpus[0].id == "a1"
    with pytest.raises(ArticleEncodingError, match=r"legacy\.txt"):
        corpus[4]


def test_an_unknown_errors_mode_is_refused(mixed):
    with pytest.raises(AnalysisInputError, match=r"errors must be one of \['raise', 'skip'\], "
                       "not 'ignore'"):
        analysis.load_corpus(mixed, errors="ignore")


def test_dask_path_skips_the_same_rows(mixed):
    dask = pytest.importorskip("dask")
    from analysis.scale import tallies_on_dask

    skipped: list[SkippedArticle] = []
    with dask.config.set(scheduler="synchronous"), pytest.warns(SkippedArticleWarning):
        on_dask = tallies_on_dask(mixed, group_by="side", errors="skip", skipped=skipped,
                                  partitions=3)
    assert [s.id for s in skipped] == ["gone", "scan", "legacy", "huge"]
    corpus = analysis.load_corpus(mixed, group_by="side", errors="skip")
    with pytest.warns(SkippedArticleWarning):
        single = {g: w.tally(corpus.group(g)) for g in corpus.groups()}
    assert on_dask["A"].counts == single["A"].counts
    assert on_dask["B"].counts == single["B"].counts == Counter(w.tally(
        analysis.load_article(mixed.parent / "texts" / "b1.txt")).counts)
    with dask.config.set(scheduler="synchronous"), pytest.raises(ArticleError):
        tallies_on_dask(mixed, group_by="side")  # the first partition to fail raises


@pytest.fixture
def dotted(tmp_path):
    """A manifest whose ids hold a dot and a slash."""
    (tmp_path / "fox").mkdir()
    for name, text in (("2012-01", STORIES["a1"]), ("2012-02", STORIES["a2"])):
        (tmp_path / "fox" / f"{name}.txt").write_text(text, encoding="utf-8")
    manifest = tmp_path / "articles.csv"
    manifest.write_text("id,file\nfox/2012-01.a,fox/2012-01.txt\nstory.2,fox/2012-02.txt\n",
                        encoding="utf-8")
    return manifest


def test_ids_with_a_dot_or_slash_load_as_ids(dotted):
    articles = analysis.load_articles(["fox/2012-01.a", "story.2"], manifest=dotted)
    assert [a.id for a in articles] == ["fox/2012-01.a", "story.2"]
    assert [a.headline for a in articles] == ["Ferry late", "Bridge shut"]
    assert [a.id for a in analysis.load_corpus(dotted)] == ["fox/2012-01.a", "story.2"]


def test_paths_still_load_as_paths_beside_dotted_ids(dotted):
    path = str(dotted.parent / "fox" / "2012-02.txt")
    articles = analysis.load_articles([path, "story.2"], manifest=dotted)
    assert [a.id for a in articles] == ["2012-02", "story.2"]
    assert articles[0].raw == articles[1].raw
    with pytest.raises(ArticleNotFoundError, match=r"2012-03\.txt: no such file"):
        analysis.load_articles([path.replace("02", "03")], manifest=dotted)


def test_paths_load_even_when_the_manifest_cannot_be_read(dotted):
    path, missing = str(dotted.parent / "fox" / "2012-01.txt"), dotted.parent / "no.csv"
    assert [a.id for a in analysis.load_articles([path], manifest=missing)] == ["2012-01"]
    with pytest.raises(ManifestError, match="manifest not found"):
        analysis.load_articles([path, "story.2"], manifest=missing)

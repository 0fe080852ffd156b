"""Counting a corpus on all cores (issue 16): the worker pool gives exactly the counts of one
process and of the Dask path, raises and skips the same rows, and keeps little in flight."""

from __future__ import annotations

import os
import pickle
import random
import warnings

import pytest

import analysis
from analysis import words as w
from analysis.errors import AnalysisInputError, ArticleEncodingError, BinaryFileError
from analysis.text import pool
from analysis.text.manifest import SkippedArticleWarning

SENTENCES = [
    "The harbour master said the ferry would leave at noon.",
    "Council officials closed the old bridge on Monday for repairs.",
    "Fishermen warned that the storm could damage boats in the bay.",
    "A spokeswoman for the port said ticket prices would not rise.",
    "Residents queued outside the library to read the new plans.",
    "The mayor's office said the tunnel was safe, but engineers disagreed.",
    "Traders in the market said they had lost business since March.",
    "Forecasters expect heavy rain across the coast by Thursday evening.",
    "The U.S. consul met the harbour board; nobody would comment afterwards.",
    "\u201cWe are not worried,\u201d said Maria Okafor, who runs the ferry kiosk.",
]
HEADLINES = ["Ferry delayed", "Bridge shut", "Storm on the way", "Market slows"]
ARTICLES = 48


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """Forty-eight short articles, sides A and B alternating, written from SENTENCES."""
    folder = tmp_path_factory.mktemp("pool")
    (folder / "texts").mkdir()
    rng = random.Random(16)
    lines = ["id,file,side"]
    for number in range(ARTICLES):
        body = "\n\n".join(" ".join(rng.sample(SENTENCES, rng.randint(1, 3)))
                           for _ in range(rng.randint(2, 5)))
        text = f"{rng.choice(HEADLINES)} {number}\n\n{body}\n"
        (folder / "texts" / f"{number:02d}.txt").write_text(text, encoding="utf-8")
        lines.append(f"n{number:02d},texts/{number:02d}.txt,{'AB'[number % 2]}")
    (folder / "corpus.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    """Chunks of 8 rows: a side's 24 articles are three chunks, more than a group read in
    this process (``POOL_MIN_CHUNKS``), so the tests below start pools."""
    monkeypatch.setattr(pool, "CHUNK_ROWS", 8)
    assert pool.POOL_MIN_CHUNKS * 8 < ARTICLES // 2


@pytest.fixture
def started(monkeypatch):
    """The worker counts of the pools started during a test."""
    counts: list[int] = []

    class Recorded(pool.ProcessPoolExecutor):
        def __init__(self, workers, **options):
            counts.append(workers)
            super().__init__(workers, **options)

    monkeypatch.setattr(pool, "ProcessPoolExecutor", Recorded)
    return counts


def tallies(manifest, unit, workers, errors="raise"):
    corpus = analysis.load_corpus(manifest, group_by="side", workers=workers, errors=errors)
    return corpus, {g: w.tally(corpus.group(g), unit=unit) for g in corpus.groups()}


@pytest.mark.parametrize("unit", ["word", "stem", "bigram"])
def test_pool_counts_equal_one_process_and_dask(corpus_dir, unit, started):
    dask = pytest.importorskip("dask")
    from analysis.scale import tallies_on_dask

    manifest = corpus_dir / "corpus.csv"
    _, single = tallies(manifest, unit, workers=1)
    assert started == []
    _, pooled = tallies(manifest, unit, workers=2)
    assert started == [2]  # one pool for the corpus, shared by its two groups
    with dask.config.set(scheduler="synchronous"):
        on_dask = tallies_on_dask(manifest, unit=unit, group_by="side", partitions=3)
    assert w.same_tallies(pooled, single)
    assert w.same_tallies(dict(sorted(single.items())), on_dask)
    for group in single:  # the same terms first seen in the same order, too
        assert list(pooled[group].counts) == list(single[group].counts)
    assert single["A"].total + single["B"].total > 1500
    assert pooled["B"].counts[{"word": "harbour", "stem": "harbour",
                               "bigram": "harbour master"}[unit]] > 5


def test_tables_from_the_pool_equal_tables_from_one_process(corpus_dir):
    manifest = corpus_dir / "corpus.csv"
    tables = []
    for workers in (1, 2):
        corpus = analysis.load_corpus(manifest, group_by="side", workers=workers)
        groups = [corpus.group("A"), corpus.group("B")]
        tables.append((w.term_table(groups, unit="stem"), w.keyness_between(groups),
                       w.corpus_summary(groups)))
    for one, pooled in zip(*tables, strict=True):
        assert one.equals(pooled)
    summary = tables[1][2]
    assert summary["articles"].tolist() == [24, 24]
    assert summary["characters"].sum() == sum(
        len((corpus_dir / "texts" / f"{n:02d}.txt").read_text(encoding="utf-8"))
        for n in range(ARTICLES))


def test_a_whole_corpus_maps_in_manifest_order(corpus_dir):
    corpus = analysis.load_corpus(corpus_dir / "corpus.csv", workers=2)
    ids = [i for chunk in corpus.map(_ids, merge=_concat) for i in chunk]
    assert ids == [f"n{n:02d}" for n in range(ARTICLES)]
    assert list(corpus.map(_ids)) == [[i] for i in ids]  # without merge: one per article


def _ids(article):
    return [article.id]


def _concat(parts):
    return [i for part in parts for i in part]


@pytest.fixture(scope="module")
def broken(corpus_dir):
    """The same corpus with a binary file as side A's 21st row and a Latin-1 file as side B's
    25th: both beyond their group's first chunk, so a worker meets them."""
    folder = corpus_dir
    (folder / "bad").mkdir()
    (folder / "bad" / "scan.txt").write_bytes(b"%PDF-1.4 \x00\x01 binary")
    (folder / "bad" / "legacy.txt").write_bytes(b"Caf\xe9 shut\n\nThe caf\xe9 shut early.\n")
    lines = (corpus_dir / "corpus.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(41, "scan,bad/scan.txt,A")
    lines.append("legacy,bad/legacy.txt,B")
    (folder / "broken.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "broken.csv"


@pytest.mark.parametrize("workers", [1, 2])
def test_the_first_unreadable_row_raises_its_one_line_error(broken, workers, started):
    corpus = analysis.load_corpus(broken, group_by="side", workers=workers)
    with pytest.raises(BinaryFileError) as caught:
        w.tally(corpus.group("A"))
    assert "scan.txt: this is a PDF document" in str(caught.value)
    assert "\n" not in str(caught.value)
    with pytest.raises(ArticleEncodingError, match=r"legacy\.txt: not valid UTF-8 \(byte 0xe9"):
        w.tally(corpus.group("B"))
    assert started == ([] if workers == 1 else [2])  # the same workers met both rows


def test_the_pool_skips_and_lists_the_rows_one_process_skips(corpus_dir, broken):
    results = []
    for workers in (1, 2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            corpus, counted = tallies(broken, "word", workers, errors="skip")
        messages = [str(c.message) for c in caught if c.category is SkippedArticleWarning]
        results.append((counted, corpus.skipped_table(), messages))
    (single, table_1, messages_1), (pooled, table_2, messages_2) = results
    assert w.same_tallies(pooled, single)
    assert table_2.equals(table_1)
    assert table_2["id"].tolist() == ["scan", "legacy"]
    assert messages_2 == messages_1 and len(messages_2) == 2
    assert "skipped article 'legacy'" in messages_2[1]
    _, clean = tallies(corpus_dir / "corpus.csv", "word", 1)
    assert w.same_tallies(pooled, clean)


def test_check_lists_every_unreadable_row_with_workers(broken):
    with pytest.warns(SkippedArticleWarning):
        table = analysis.load_corpus(broken, errors="skip", workers=2).check()
    assert table["id"].tolist() == ["scan", "legacy"]


def test_only_a_few_chunks_are_in_flight(corpus_dir, monkeypatch):
    monkeypatch.setattr(pool, "CHUNK_ROWS", 2)
    corpus = analysis.load_corpus(corpus_dir / "corpus.csv", workers=2)
    pulled = []

    def rows():
        for row in corpus.rows():
            pulled.append(row["id"])
            yield row

    ahead = []
    done = 0
    for chunk in corpus.map(_ids, rows(), merge=_concat):
        done += len(chunk)
        ahead.append(len(pulled) - done)
    assert done == ARTICLES
    # while a chunk is merged, the other chunks of the window (2 per worker) are in flight:
    # never more rows than that, however long the corpus
    # first: one article read here; two chunks and one row more were taken to see that a
    # pool is worth starting
    assert ahead[:2] == [4, 6]
    assert max(ahead) == 2 * (pool.IN_FLIGHT * 2 - 1) == 6
    assert ahead[-1] == 0 and len(ahead) == 1 + (ARTICLES - 1 + 1) // 2


def test_one_worker_or_one_chunk_starts_no_pool(corpus_dir, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(pool, "ProcessPoolExecutor", refuse)
    manifest = corpus_dir / "corpus.csv"
    corpus = analysis.load_corpus(manifest, group_by="side", workers=1)
    assert w.tally(corpus.group("A")).total > 500
    monkeypatch.setattr(pool, "CHUNK_ROWS", ARTICLES)
    corpus = analysis.load_corpus(manifest, group_by="side", workers=4)
    assert w.tally(corpus.group("B")).total > 500


def test_workers_default_to_the_cores_this_process_may_use(corpus_dir):
    corpus = analysis.load_corpus(corpus_dir / "corpus.csv")
    expected = (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                else os.cpu_count())
    assert corpus.workers == expected == pool.default_workers()


@pytest.mark.parametrize("workers", [0, -2, 1.5, True, "2"])
def test_a_bad_number_of_workers_is_refused(corpus_dir, workers):
    with pytest.raises(AnalysisInputError, match="workers must be a whole number"):
        analysis.load_corpus(corpus_dir / "corpus.csv", workers=workers)


def test_spawned_workers_count_the_same(corpus_dir, monkeypatch):
    """Where fork is not used (macOS, Windows), workers are spawned: everything they are sent
    must pickle, and they import the package afresh."""
    import multiprocessing

    monkeypatch.setattr(pool, "_context", lambda: multiprocessing.get_context("spawn"))
    single, spawned = (w.tally(analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side",
                                                    workers=n).group("A"), unit="stem")
                       for n in (1, 2))  # one group: one pool, two interpreters started
    assert w.same_tallies({"A": spawned}, {"A": single}) and single.total > 500


@pytest.mark.parametrize(("chunk_rows", "pools"), [(12, []), (11, [2])])
def test_a_group_of_at_most_two_chunks_is_read_here(corpus_dir, monkeypatch, started,
                                                      chunk_rows, pools):
    """Side A has 24 rows: two chunks of 12 are read in this process, three chunks of 11 (or
    less) start a pool; the counts are the same."""
    monkeypatch.setattr(pool, "CHUNK_ROWS", chunk_rows)
    corpus = analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side", workers=2)
    counted = w.tally(corpus.group("A"), unit="stem")
    assert started == pools
    single = w.tally(analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side",
                                          workers=1).group("A"), unit="stem")
    assert w.same_tallies({"A": counted}, {"A": single})
    assert list(counted.counts) == list(single.counts)
    assert counted.total == single.total > 500


def _grammar_was_compiled(article):
    """(this process's id, whether the source grammar was already compiled here) and the
    article's attributions, so that the grammar is compiled now if it was not."""
    from analysis.sources.grammar import grammar

    compiled = grammar.cache_info().currsize == 1
    return [(os.getpid(), compiled, len(analysis.sources.attributions(article)))]


def test_forked_workers_inherit_what_the_first_article_compiled(corpus_dir):
    """The first article is read in this process before the pool forks: the workers find the
    source grammar compiled and never compile it themselves."""
    from analysis.sources.grammar import grammar

    if pool._context().get_start_method() != "fork":
        pytest.skip("workers are forked only on Linux")
    grammar.cache_clear()
    corpus = analysis.load_corpus(corpus_dir / "corpus.csv", workers=2)
    seen = [r for chunk in corpus.map(_grammar_was_compiled, merge=_concat) for r in chunk]
    assert len(seen) == ARTICLES
    assert seen[0][:2] == (os.getpid(), False)  # compiled here, for the first article
    workers = {pid for pid, _, _ in seen[1:]}
    assert os.getpid() not in workers and 1 <= len(workers) <= 2
    assert all(compiled for _, compiled, _ in seen[1:])
    assert sum(n for _, _, n in seen) > 0


def _pid(article):
    return [os.getpid()]


def _pids(parts):
    return sorted({pid for part in parts for pid in part})


def test_a_corpus_keeps_its_workers_for_all_its_groups(corpus_dir, started):
    corpus = analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side", workers=2)
    seen = [_pids(corpus.group(g).map(_pid, merge=_pids)) for g in ("A", "B", "A")]
    workers = set(seen[0]) - {os.getpid()}
    assert len(workers) == 2 and started == [2]
    assert set(seen[1]) - {os.getpid()} == workers == set(seen[2]) - {os.getpid()}
    assert os.getpid() in seen[1]  # each group's first article is still read here


def test_a_second_corpus_stops_the_first_ones_workers(corpus_dir, started):
    first, second = (analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side",
                                          workers=2) for _ in range(2))
    assert w.tally(first.group("A")).total == w.tally(second.group("A")).total > 500
    assert first._pool._executor is None and second._pool._executor is not None
    assert w.same_tallies({"B": w.tally(first.group("B"))}, {"B": w.tally(second.group("B"))})
    assert started == [2, 2, 2, 2]  # never two pools at once: each start stops the other
    assert first._pool._executor is None  # second counted B last
    second.close()
    assert second._pool._executor is None


def test_a_group_pickles_without_its_workers(corpus_dir):
    corpus = analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side", workers=2)
    before = w.tally(corpus.group("A"))
    copy = pickle.loads(pickle.dumps(corpus.group("A")))
    assert copy.corpus._pool._executor is None and copy.corpus._pool.workers == 2
    assert w.same_tallies({"A": w.tally(copy)}, {"A": before}) and before.total > 500


def test_two_corpora_read_in_turns_keep_their_workers(corpus_dir, started):
    first, second = (analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side",
                                          workers=2) for _ in range(2))
    reading = first.group("A").map(_ids, merge=_concat)
    ids = next(reading) + next(reading)  # the first article, then a chunk from a worker
    counted = w.tally(second.group("A"))  # starts a second pool: the first is still read
    ids += [i for chunk in reading for i in chunk]
    assert ids == [f"n{n:02d}" for n in range(0, ARTICLES, 2)]
    assert started == [2, 2] and counted.total > 500
    assert first._pool.active == second._pool.active == 0


def test_starting_workers_keeps_an_earlier_freeze(corpus_dir, started):
    """A notebook's ``setup_notebook`` froze what its kernel had imported; starting the pool
    freezes this process's objects while it forks, and leaves the earlier freeze in place."""
    import gc

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        corpus = analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side", workers=2)
        assert w.tally(corpus.group("A")).total > 500 and started == [2]
        corpus.close()
        assert gc.get_freeze_count() > 0.9 * frozen > 0  # (frozen objects may still be freed)
    finally:
        gc.unfreeze()
    corpus = analysis.load_corpus(corpus_dir / "corpus.csv", group_by="side", workers=2)
    assert w.tally(corpus.group("A")).total > 500 and started == [2, 2]
    corpus.close()
    assert gc.get_freeze_count() == 0  # nothing was frozen before: all thawed after the fork

"""The Dask path counts exactly what the single-process path counts."""

from __future__ import annotations

import pytest

import analysis
from analysis import words as w
from analysis.scale import generate_corpus, tallies_on_dask
from analysis.scale.cluster import merge_partials, tally_partition


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    return generate_corpus(tmp_path_factory.mktemp("scale"), 80_000, seed=11)


@pytest.fixture(scope="module")
def client():
    from analysis.scale import start_local_cluster

    with start_local_cluster(workers=2) as dask_client:
        yield dask_client
        dask_client.cluster.close()


def test_a_cluster_of_threads_counts_the_same(manifest):
    from analysis.scale import start_local_cluster

    with start_local_cluster(workers=2, processes=False) as threaded:
        assert len(threaded.nthreads()) == 2
        assert all(a.startswith("inproc://") for a in threaded.nthreads())
        on_dask = tallies_on_dask(manifest, unit="stem", group_by="side", client=threaded)
        threaded.cluster.close()
    expected = single_process(manifest, "stem")
    assert w.same_tallies(on_dask, expected)
    assert on_dask["B"].total == expected["B"].total > 1000


def single_process(manifest, unit):
    corpus = analysis.load_corpus(manifest, group_by="side")
    return {g: w.tally(corpus.group(g), unit=unit) for g in corpus.groups()}


@pytest.mark.parametrize("unit", ["word", "stem", "bigram"])
def test_dask_counts_equal_single_process_counts(manifest, client, unit):
    on_dask = tallies_on_dask(manifest, unit=unit, group_by="side", client=client)
    expected = single_process(manifest, unit)
    assert list(on_dask) == ["A", "B"]
    for group, counted in expected.items():
        assert on_dask[group].counts == counted.counts
        assert on_dask[group].total == counted.total
        assert on_dask[group].forms == counted.forms
    assert sum(on_dask["A"].counts.values()) > 1000


def test_dask_without_groups_counts_everything_once(manifest, client):
    everything = tallies_on_dask(manifest, unit="word", client=client, partitions=3)
    groups = single_process(manifest, "word")
    assert list(everything) == ["all"]
    assert everything["all"].counts == groups["A"].counts + groups["B"].counts


def test_keyness_from_dask_counts_equals_group_keyness(manifest, client):
    on_dask = tallies_on_dask(manifest, unit="stem", group_by="side", client=client)
    corpus = analysis.load_corpus(manifest, group_by="side")
    direct = w.keyness_between([corpus.group("A"), corpus.group("B")])
    via_dask = w.keyness_from_tallies(on_dask["A"], on_dask["B"])
    assert direct.equals(via_dask)


def test_partitions_merge_in_any_split(manifest):
    rows = analysis.text.read_manifest(manifest)
    split = {"unit": "word", "roles": None, "group_by": "side"}
    whole = merge_partials([tally_partition(rows, **split)])
    halves = merge_partials([tally_partition(rows[:5], **split),
                             tally_partition(rows[5:], **split)])
    assert {g: c.counts for g, c in whole.items()} == {g: c.counts for g, c in halves.items()}


def test_missing_group_column_is_a_clear_error(manifest):
    with pytest.raises(analysis.AnalysisInputError, match="no column 'stance'"):
        tallies_on_dask(manifest, group_by="stance")

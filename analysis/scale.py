"""Count terms over a large corpus on Dask: the same counts as the single-process path.

Optional: install the ``scale`` extra (``pip install -e ".[scale]"``). The manifest's rows
become a ``dask.bag``; each partition loads, cleans, tokenises and counts its articles one at
a time into one ``TermCounts`` per group, and the partial counts are summed. The result equals
``frequencies.count_terms`` exactly (a test checks it).

Running on a real cluster changes only the client:

    from dask.distributed import Client
    client = Client("tcp://scheduler-host:8786")   # instead of Client(LocalCluster(...))
    counts = group_counts_on_dask(manifest, group_by="outlet", client=client)

The workers need this package installed and read access to the article files at the paths
the manifest gives (a shared file system or the same checkout on every machine).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .clean import DEFAULT_ROLES
from .corpus import article_from_row, read_manifest
from .errors import AnalysisInputError
from .frequencies import TermCounts, _check_unit, _count_article

ALL = "all"


def _dask():
    try:
        import dask.bag as db
    except ImportError:
        raise AnalysisInputError("the Dask path needs the 'scale' extra: "
                                 "pip install -e \".[scale]\"") from None
    return db


def count_partition(rows: Iterable[dict[str, str]], unit: str, roles: Sequence[str] | None,
                    group_by: str | None) -> dict[str, TermCounts]:
    """Count one partition's articles, one at a time, into one ``TermCounts`` per group."""
    partial: dict[str, TermCounts] = {}
    for row in rows:
        counted = _count_article(article_from_row(row), unit, roles)
        partial.setdefault(row[group_by] if group_by else ALL, TermCounts()).add(counted)
    return partial


def merge_partials(partials: Iterable[dict[str, TermCounts]]) -> dict[str, TermCounts]:
    """Sum partial counts group by group."""
    merged: dict[str, TermCounts] = {}
    for partial in partials:
        for group, counted in partial.items():
            merged.setdefault(group, TermCounts()).add(counted)
    return dict(sorted(merged.items()))


def group_counts_on_dask(manifest: str | Path, *, unit: str = "word",
                         roles: Iterable[str] | None = DEFAULT_ROLES,
                         group_by: str | None = None, client: Any = None,
                         partitions: int | None = None) -> dict[str, TermCounts]:
    """Term counts per group (or one ``"all"`` group) computed on Dask.

    ``client`` is a ``dask.distributed.Client``; without one, Dask's default scheduler runs.
    ``partitions`` defaults to four per worker thread (or 8 without a client).
    """
    _check_unit(unit)
    db = _dask()
    rows = read_manifest(manifest)
    if group_by and group_by not in rows[0]:
        raise AnalysisInputError(f"the manifest has no column {group_by!r}")
    roles = None if roles is None else tuple(roles)
    if partitions is None:
        threads = sum(client.nthreads().values()) if client is not None else 2
        partitions = max(1, min(len(rows), 4 * threads))
    bag = db.from_sequence(rows, npartitions=partitions)
    partials = bag.map_partitions(lambda part: [count_partition(part, unit, roles, group_by)])
    if client is not None:
        computed = client.compute(partials).result()
    else:
        computed = partials.compute()
    return merge_partials(computed)


def start_local_cluster(workers: int = 2, threads_per_worker: int = 1):
    """A quiet ``dask.distributed`` client on a local cluster of worker processes.

    No dashboard and no log chatter, so notebook output stays deterministic. Close it with
    ``client.close(); client.cluster.close()`` or use it in a ``with`` block.
    """
    import logging

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise AnalysisInputError("the Dask path needs the 'scale' extra: "
                                 "pip install -e \".[scale]\"") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=threads_per_worker,
                           processes=True, dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster)

"""Count terms over a large corpus on Dask: the same counts as the single-process path.

Optional: install the ``scale`` extra (``pip install -e ".[scale]"``). The manifest's rows
become a ``dask.bag``; each partition loads, cleans, tokenises and counts its articles one at
a time into one ``Tally`` per group, and the partial tallies are summed. The result equals
:func:`analysis.words.tally` exactly (a test checks it).

Running on a real cluster changes only the client:

    from dask.distributed import Client
    client = Client("tcp://scheduler-host:8786")   # instead of Client(LocalCluster(...))
    tallies = tallies_on_dask(manifest, group_by="outlet", client=client)

The workers need this package installed and read access to the article files at the paths
the manifest gives (a shared file system or the same checkout on every machine).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..errors import AnalysisInputError, ArticleError
from ..paths import project_path
from ..text.manifest import (
    SkippedArticle,
    article_from_row,
    check_errors_mode,
    read_manifest,
    warn_skipped,
)
from ..text.roles import DEFAULT_ROLES
from ..words.counting import Tally, check_unit, tally_article

ALL = "all"


def _dask():
    try:
        import dask.bag as db
    except ImportError:
        raise AnalysisInputError("the Dask path needs the 'scale' extra: "
                                 "pip install -e \".[scale]\"") from None
    return db


def tally_partition(rows: Iterable[dict[str, str]], *, unit: str, roles: Sequence[str] | None,
                    group_by: str | None, skipped: list[SkippedArticle] | None = None
                    ) -> dict[str, Tally]:
    """Tally one partition's articles, one at a time, into one ``Tally`` per group.

    With a ``skipped`` list, a row whose article cannot be read (an ``ArticleError``) is
    appended to it and passed over; without one, the error is raised.
    """
    partial: dict[str, Tally] = {}
    for row in rows:
        try:
            article = article_from_row(row)
        except ArticleError as exc:
            if skipped is None:
                raise
            skipped.append(SkippedArticle(row["id"], row["file"], str(exc)))
            continue
        counted = tally_article(article, unit=unit, roles=roles)
        partial.setdefault(row[group_by] if group_by else ALL, Tally()).add(counted)
    return partial


def _tally_with_skips(rows: Iterable[dict[str, str]], **options: Any) -> list:
    """One partition's ``[tallies, skipped rows]`` (the Dask task of ``errors="skip"``)."""
    skipped: list[SkippedArticle] = []
    return [(tally_partition(rows, skipped=skipped, **options), skipped)]


def merge_partials(partials: Iterable[dict[str, Tally]]) -> dict[str, Tally]:
    """Sum partial tallies group by group."""
    merged: dict[str, Tally] = {}
    for partial in partials:
        for group, counted in partial.items():
            merged.setdefault(group, Tally()).add(counted)
    return dict(sorted(merged.items()))


def tallies_on_dask(manifest: str | Path, *, unit: str = "word",
                    roles: Iterable[str] | None = DEFAULT_ROLES, group_by: str | None = None,
                    client: Any = None, partitions: int | None = None, errors: str = "raise",
                    skipped: list[SkippedArticle] | None = None) -> dict[str, Tally]:
    """Term tallies per group (or one ``"all"`` group) computed on Dask.

    ``client`` is a ``dask.distributed.Client``; without one, Dask's default scheduler runs.
    ``partitions`` defaults to four per worker thread (or 8 without a client). ``errors`` is
    as for ``load_corpus``: with ``"skip"``, rows whose article cannot be read are left out,
    warned about (``SkippedArticleWarning``) and appended, in manifest order, to ``skipped``
    when a list is given.
    """
    check_unit(unit)
    check_errors_mode(errors)
    db = _dask()
    rows = read_manifest(manifest)
    if group_by and group_by not in rows[0]:
        raise AnalysisInputError(f"the manifest has no column {group_by!r}")
    roles = None if roles is None else tuple(roles)
    if partitions is None:
        threads = sum(client.nthreads().values()) if client is not None else 2
        partitions = max(1, min(len(rows), 4 * threads))
    bag = db.from_sequence(rows, npartitions=partitions)
    options = {"unit": unit, "roles": roles, "group_by": group_by}
    if errors == "skip":
        partials = bag.map_partitions(lambda part: _tally_with_skips(part, **options))
    else:
        partials = bag.map_partitions(lambda part: [tally_partition(part, **options)])
    computed = client.compute(partials).result() if client is not None else partials.compute()
    if errors == "raise":
        return merge_partials(computed)
    order = {row["id"]: i for i, row in enumerate(rows)}
    passed = sorted((s for _, found in computed for s in found), key=lambda s: order[s.id])
    for row in passed:
        warn_skipped(project_path(manifest), row)
    if skipped is not None:
        skipped.extend(passed)
    return merge_partials(partial for partial, _ in computed)


def start_local_cluster(workers: int = 2, threads_per_worker: int = 1, *,
                        processes: bool = True):
    """A quiet ``dask.distributed`` client on a local cluster of worker processes.

    No dashboard and no log chatter, so notebook output stays deterministic. Close it with
    ``client.close(); client.cluster.close()`` or use it in a ``with`` block. With
    ``processes=False`` the workers are threads of this process: they start at once and need
    no fresh import of the package, but share one core for Python code (for a demonstration on
    a small corpus, not for speed).
    """
    import logging

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise AnalysisInputError("the Dask path needs the 'scale' extra: "
                                 "pip install -e \".[scale]\"") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=threads_per_worker,
                           processes=processes, dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster)

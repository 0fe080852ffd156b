"""Scale: the same counts on corpora beyond one process (Dask), and a reproducible synthetic
corpus for scale tests, benchmarks and notebook 06.

Dask is imported only when :func:`tallies_on_dask` or :func:`start_local_cluster` runs (install
the ``scale`` extra).
"""

from .cluster import start_local_cluster, tallies_on_dask
from .synthetic import generate_corpus, temporary_corpus

__all__ = ["tallies_on_dask", "start_local_cluster", "generate_corpus", "temporary_corpus"]

"""Time to tokenise and count both seed articles, repeated (default 1,000 times).

Each repetition rebuilds both articles from their raw text (paragraph split, roles,
normalisation), splits sentences, tokenises, and counts word terms, so no cached result is
reused. Run from the project root:

    .venv/bin/python benchmarks/bench_tokenise_count.py [--repeat 1000]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import analysis
from analysis.text.reading import build_article
from analysis.words import tally


def one_pass(seeds: list[analysis.Article]) -> int:
    """Rebuild, tokenise and count both articles once; return the number of terms counted."""
    total = 0
    for seed in seeds:
        fresh = build_article(seed.raw, id=seed.id, path=seed.path)
        total += sum(tally(fresh, unit="word").counts.values())
    return total


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1000)
    args = parser.parse_args()
    seeds = analysis.load_corpus()
    expected = one_pass(seeds)  # warm-up: imports, compiled patterns, stemmer cache
    timings = []
    start = time.perf_counter()
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        assert one_pass(seeds) == expected
        timings.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - start
    chars = sum(len(s.raw) for s in seeds)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}")
    print(f"repetitions: {args.repeat} (both seeds each time, {chars:,} characters)")
    print(f"total: {elapsed:.2f} s")
    print(f"per repetition: mean {statistics.mean(timings) * 1000:.1f} ms, "
          f"median {statistics.median(timings) * 1000:.1f} ms")
    print(f"throughput: {2 * args.repeat / elapsed:.1f} articles/s, "
          f"{chars * args.repeat / elapsed / 1e6:.2f} MB/s of text")


if __name__ == "__main__":
    main()

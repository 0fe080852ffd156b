"""Time to find the attributions of both seed articles, repeated (default 100 times).

Each repetition rebuilds both articles from their raw text, so no cached attribution table,
mention index or pronoun candidate list is reused; the source grammar itself is compiled once,
in the warm-up. Run from the project root:

    .venv/bin/python benchmarks/bench_sources.py [--repeat 100]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

import analysis
from analysis import sources
from analysis.text.reading import build_article


def one_pass(seeds: list[analysis.Article]) -> int:
    """Rebuild both articles and find their attributions once; return the number of rows."""
    return sum(len(sources.attributions(build_article(s.raw, id=s.id, path=s.path)))
               for s in seeds)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    seeds = list(analysis.load_corpus())
    t0 = time.perf_counter()
    expected = one_pass(seeds)  # warm-up: imports and the compiled source grammar
    warm = time.perf_counter() - t0
    timings = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        assert one_pass(seeds) == expected
        timings.append(time.perf_counter() - t0)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}")
    print(f"first pass (grammar compiled): {warm * 1000:.0f} ms; {expected} attributions")
    print(f"repetitions: {args.repeat}; per repetition (both seeds): mean "
          f"{statistics.mean(timings) * 1000:.1f} ms, median "
          f"{statistics.median(timings) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

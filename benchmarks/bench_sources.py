"""Time to find the attributions of both seed articles, repeated (default 100 times); and the
time of the sources, voice, stance and loaded-language lenses on one long paragraph.

Each repetition rebuilds both articles from their raw text, so no cached attribution table,
mention index or pronoun candidate list is reused; the source grammar itself is compiled once,
in the warm-up. Run from the project root:

    .venv/bin/python benchmarks/bench_sources.py [--repeat 100]
    .venv/bin/python benchmarks/bench_sources.py --one-paragraph 1.25 2.5 5

``--one-paragraph`` writes, for each size in MB, a file of one line (one paragraph) made of the
seeds' headline and body sentences drawn at random (seed 2020) to ``benchmarks/data/`` (not
committed), loads it as an article, and times each lens on it in turn: attributions, the voice
split, stance markers by voice, loaded language in every voice. The lenses after the first
reuse the article's cached attributions, as a notebook does.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from pathlib import Path

import analysis
from analysis import loaded, sources, voice
from analysis.scale.synthetic import sentence_pools
from analysis.text.reading import build_article

DATA = Path(__file__).parent / "data"
# timed in this order on one article, so the later ones reuse its cached attributions
LENSES = [(sources.attributions, {}), (voice.spans, {}), (voice.markers, {}),
          (loaded.markers, {"voices": None})]


def one_pass(seeds: list[analysis.Article]) -> int:
    """Rebuild both articles and find their attributions once; return the number of rows."""
    return sum(len(sources.attributions(build_article(s.raw, id=s.id, path=s.path)))
               for s in seeds)


def one_paragraph_file(megabytes: float, seed: int = 2020) -> Path:
    """A file of one line of about ``megabytes`` MB: the seeds' sentences drawn at random."""
    path = DATA / f"one_paragraph_{megabytes:g}mb.txt"
    if not path.exists():
        rng = random.Random(seed)
        pool = [s for pool in sentence_pools() for s in pool]
        parts, size = [], 0
        while size < megabytes * 1_000_000:
            parts.append(rng.choice(pool))
            size += len(parts[-1].encode("utf-8")) + 1
        DATA.mkdir(exist_ok=True)
        path.write_text(" ".join(parts) + "\n", encoding="utf-8")
    return path


def one_paragraph(sizes: list[float]) -> None:
    """Time the lenses on one-paragraph files of the given sizes (MB)."""
    sources.attributions(next(iter(analysis.load_corpus())))  # compile the grammar
    print("| size | sentences | load | attributions (rows) | voice split | stance by voice "
          "| loaded language | total |")
    print("|---|---|---|---|---|---|---|---|")
    for megabytes in sizes:
        path = one_paragraph_file(megabytes)
        times = []
        t0 = time.perf_counter()
        article = analysis.load_article(path)
        times.append(time.perf_counter() - t0)
        results = []
        for lens, options in LENSES:
            t0 = time.perf_counter()
            results.append(lens(article, **options))
            times.append(time.perf_counter() - t0)
        print(f"| {path.stat().st_size / 1e6:.2f} MB | {len(article.sentences):,} "
              f"| {times[0]:.1f} s | {times[1]:.1f} s ({len(results[0]):,}) "
              + " ".join(f"| {t:.1f} s" for t in times[2:]) + f" | {sum(times):.1f} s |",
              flush=True)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--one-paragraph", type=float, nargs="+", metavar="MB",
                        help="time the lenses on one-paragraph files of these sizes instead")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}")
    if args.one_paragraph:
        one_paragraph(args.one_paragraph)
        return
    seeds = list(analysis.load_corpus())
    t0 = time.perf_counter()
    expected = one_pass(seeds)  # warm-up: imports and the compiled source grammar
    warm = time.perf_counter() - t0
    timings = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        assert one_pass(seeds) == expected
        timings.append(time.perf_counter() - t0)
    print(f"first pass (grammar compiled): {warm * 1000:.0f} ms; {expected} attributions")
    print(f"repetitions: {args.repeat}; per repetition (both seeds): mean "
          f"{statistics.mean(timings) * 1000:.1f} ms, median "
          f"{statistics.median(timings) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

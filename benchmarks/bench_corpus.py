"""Corpus-scale benchmark: load + clean + tokenise + count a synthetic corpus, streamed.

Builds (once) reproducible corpora of about 1, 10 and 50 MB by resampling the seeds'
sentences (``analysis.scale.synthetic``), then for each size, in a fresh process so that peak memory
is that size's own:

- runs the streaming pipeline (``load_corpus`` + ``tally`` per group) and reports
  throughput in MB/s and articles/s and the process's peak resident memory;
- runs scikit-learn's ``CountVectorizer`` on the same files in the same process, once with its
  default regular-expression tokeniser and once with NLTK's word tokeniser (closer to the work
  this project does), and reports the pipeline's time as a ratio of each.

Run from the project root (needs the ``bench`` extra: ``pip install -e ".[bench]"``):

    .venv/bin/python benchmarks/bench_corpus.py [--sizes 1 10 50]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def corpus_for(size_mb: int) -> Path:
    """The manifest of the synthetic corpus of ``size_mb`` MB, generated if missing."""
    from analysis.scale import generate_corpus

    folder = DATA / f"{size_mb}mb"
    manifest = folder / "manifest.csv"
    if not manifest.exists():
        generate_corpus(folder, size_mb * 1_000_000, seed=2020)
    return manifest


def measure(size_mb: int) -> dict:
    """Time and peak memory of the pipeline and of CountVectorizer on one corpus size."""
    import analysis
    from analysis.words import tally

    manifest = corpus_for(size_mb)
    rows = analysis.text.read_manifest(manifest)
    paths = [row["path"] for row in rows]
    n_bytes = sum(os.path.getsize(p) for p in paths)
    start = time.perf_counter()
    corpus = analysis.load_corpus(manifest, group_by="side")
    counted = {g: tally(corpus.group(g), unit="word") for g in corpus.groups()}
    ours = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    vocabulary = len(set().union(*(c.counts for c in counted.values())))

    from sklearn.feature_extraction.text import CountVectorizer

    start = time.perf_counter()
    matrix = CountVectorizer(input="filename").fit_transform(paths)
    theirs = time.perf_counter() - start

    from nltk.tokenize import NLTKWordTokenizer

    start = time.perf_counter()
    CountVectorizer(input="filename", tokenizer=NLTKWordTokenizer().tokenize,
                    token_pattern=None).fit_transform(paths)
    with_nltk = time.perf_counter() - start
    return {
        "size_mb": size_mb, "articles": len(paths), "bytes": n_bytes, "seconds": ours,
        "mb_per_s": n_bytes / 1e6 / ours, "articles_per_s": len(paths) / ours,
        "peak_rss_mb": peak_kb / 1024, "vocabulary": vocabulary,
        "countvectorizer_seconds": theirs, "ratio_to_countvectorizer": ours / theirs,
        "countvectorizer_tokens": int(matrix.sum()),
        "countvectorizer_nltk_seconds": with_nltk,
        "ratio_to_countvectorizer_nltk": ours / with_nltk,
    }


def main() -> None:
    """Measure each size in its own process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one)))
        return
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}")
    results = []
    for size in args.sizes:
        corpus_for(size)  # generate outside the measured process
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    print("size   articles  seconds  MB/s  articles/s  peak RSS MB  vocabulary | "
          "CountVectorizer s  ratio | CV+NLTK tokenizer s  ratio")
    for r in results:
        print(f"{r['size_mb']:>3} MB {r['articles']:>9} {r['seconds']:>8.1f} "
              f"{r['mb_per_s']:>5.2f} {r['articles_per_s']:>11.1f} {r['peak_rss_mb']:>12.0f} "
              f"{r['vocabulary']:>11} | {r['countvectorizer_seconds']:>17.2f} "
              f"{r['ratio_to_countvectorizer']:>6.1f} | "
              f"{r['countvectorizer_nltk_seconds']:>19.2f} "
              f"{r['ratio_to_countvectorizer_nltk']:>6.1f}")
    sizes = {r["size_mb"]: r for r in results}
    if 10 in sizes and 50 in sizes:
        ratio = sizes[50]["peak_rss_mb"] / sizes[10]["peak_rss_mb"]
        print(f"peak memory 50 MB / 10 MB: {ratio:.2f} (target: at most 1.5)")


if __name__ == "__main__":
    main()

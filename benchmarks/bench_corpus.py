"""Corpus-scale benchmark: load + clean + tokenise + count a corpus, streamed, on one core and on
all of them, against scikit-learn's ``CountVectorizer`` on the same files, in one run.

Corpora: reproducible synthetic ones of about 10 and 50 MB (``--sizes``; the seeds' sentences
resampled by ``analysis.scale.synthetic``) and, with ``--real FOLDER``, the ``*.txt`` files of a
folder of real articles (for example PolNeAR's train texts). A folder's files are copied, with a
manifest, to a temporary folder that is deleted afterwards (a manifest's articles must sit
beside it); nothing of them is written to the project.

For each corpus, each measurement runs in a fresh process, one after the other, in
``--repeat`` rounds (default 3); the table gives each one's median (the machine these figures
come from, a virtual machine, times the same run a quarter faster or slower from one minute to
the next):

- the pipeline (``load_corpus(manifest, group_by="side", workers=W)`` and ``analysis.words.tally``
  of each group; ``side`` alternates A/B by file order) with W = 1 and W = all cores (this
  process's CPU affinity): wall and CPU seconds (this process and its workers), MB/s,
  articles/s and peak memory (NLTK is imported before the clock starts, as in the
  ``CountVectorizer`` runs);
- ``CountVectorizer(input="filename")`` with its default tokeniser, and again with
  ``tokenizer=NLTKWordTokenizer().tokenize`` (closer to the work the pipeline does): the
  pipeline's time is reported as a ratio of each.

Peak memory is that of the whole process tree: the sum of the proportional set size (PSS:
pages shared between the main process and its forked workers counted once, split between
them) of the process and all its children, sampled every 100 ms with psutil (the list of children
every second). Without psutil it
falls back to the main process's peak RSS plus W times the largest child's
(``getrusage(RUSAGE_SELF)`` + ``RUSAGE_CHILDREN``, an upper bound); the output says which.

Run from the project root (needs the ``bench`` extra: ``pip install -e ".[bench]"``):

    .venv/bin/python benchmarks/bench_corpus.py [--sizes 10 50] [--real FOLDER] [--workers 1 all]
        [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SAMPLE_SECONDS = 0.1  # how often the process tree's memory is read
CHILDREN_EVERY = 10  # samples between two listings of the tree's processes


def corpus_for(size_mb: int) -> Path:
    """The manifest of the synthetic corpus of ``size_mb`` MB, generated if missing."""
    from analysis.scale import generate_corpus

    folder = DATA / f"{size_mb}mb"
    manifest = folder / "manifest.csv"
    if not manifest.exists():
        generate_corpus(folder, size_mb * 1_000_000, seed=2020)
    return manifest


def folder_corpus(source: Path, into: Path) -> Path:
    """Copy ``source``'s ``*.txt`` files (sorted by name) to ``into/articles`` and write a
    manifest beside them, ``side`` alternating A and B; return the manifest."""
    files = sorted(source.glob("*.txt"))
    if not files:
        raise SystemExit(f"{source}: no .txt files")
    (into / "articles").mkdir(parents=True)
    manifest = into / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "file", "side"])
        for number, path in enumerate(files):
            shutil.copyfile(path, into / "articles" / path.name)
            writer.writerow([f"r{number:05d}", f"articles/{path.name}", "AB"[number % 2]])
    return manifest


class PeakMemory:
    """The peak memory of this process and its children while the block runs."""

    def __init__(self, workers: int):
        self.workers = workers
        self.peak = 0
        try:
            import psutil
        except ImportError:
            self.psutil = None
            self.method = "RSS self + workers x largest child (getrusage, upper bound)"
        else:
            self.psutil = psutil
            self.method = "PSS of the process tree (psutil, sampled every 100 ms)"
        self._stop = threading.Event()

    def _sample(self) -> None:
        me = self.psutil.Process()
        tree, samples = [me], 0
        while not self._stop.is_set():
            if samples % CHILDREN_EVERY == 0:  # listing children scans every process: not often
                tree = [me, *me.children(recursive=True)]
            total = 0
            for process in tree:
                try:
                    total += process.memory_full_info().pss
                except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                    pass
            self.peak, samples = max(self.peak, total), samples + 1
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self) -> PeakMemory:
        if self.psutil is not None:
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.psutil is not None:
            self._stop.set()
            self._thread.join()
        else:
            own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            self.peak = (own + self.workers * child) * 1024


def cpu_seconds() -> float:
    """User and system CPU time of this process and of its waited-for children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure_pipeline(manifest: Path, workers: int) -> dict:
    """Time and peak memory of the streaming pipeline with ``workers`` processes."""
    import analysis
    from analysis.text.tokenise import sentence_splitter, stemmer
    from analysis.words import tally

    # NLTK is imported before the clock starts, as in the CountVectorizer runs (the package
    # imports it on first use; with scikit-learn installed that import takes 1-2 s)
    sentence_splitter(), stemmer()
    with PeakMemory(workers) as memory:
        start, cpu = time.perf_counter(), cpu_seconds()
        corpus = analysis.load_corpus(manifest, group_by="side", workers=workers,
                                      errors="skip")
        counted = {g: tally(corpus.group(g), unit="word") for g in corpus.groups()}
        corpus.close()  # the workers' CPU time counts once they have been waited for
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": memory.peak / 1e6,
            "memory_method": memory.method, "skipped": len(corpus.skipped),
            "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "words": sum(c.total for c in counted.values()),
            "vocabulary": len(set().union(*(c.counts for c in counted.values())))}


def measure_countvectorizer(manifest: Path) -> dict:
    """Seconds of CountVectorizer on the manifest's files, default and with NLTK's tokeniser."""
    from nltk.tokenize import NLTKWordTokenizer
    from sklearn.feature_extraction.text import CountVectorizer

    import analysis

    paths = [row["path"] for row in analysis.text.read_manifest(manifest)]
    start, cpu = time.perf_counter(), cpu_seconds()
    matrix = CountVectorizer(input="filename").fit_transform(paths)
    plain, plain_cpu = time.perf_counter() - start, cpu_seconds() - cpu
    start, cpu = time.perf_counter(), cpu_seconds()
    CountVectorizer(input="filename", tokenizer=NLTKWordTokenizer().tokenize,
                    token_pattern=None).fit_transform(paths)
    return {"cv_seconds": plain, "cv_cpu_seconds": plain_cpu,
            "cv_nltk_seconds": time.perf_counter() - start,
            "cv_nltk_cpu_seconds": cpu_seconds() - cpu, "cv_tokens": int(matrix.sum())}


def run_one(manifest: Path, what: str) -> dict:
    """One measurement in a fresh process (``what``: a number of workers, or "cv")."""
    out = subprocess.run([sys.executable, __file__, "--one", str(manifest), what],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure_corpus(name: str, manifest: Path, workers: list[int], baseline: bool,
                   repeat: int = 1) -> list[dict]:
    """Every measurement of one corpus, side by side: ``repeat`` rounds, each running every
    mode once in turn; each mode's median seconds and CPU seconds (the runs are kept in
    ``runs``)."""
    import analysis

    paths = [row["path"] for row in analysis.text.read_manifest(manifest)]
    n_bytes = sum(os.path.getsize(p) for p in paths)
    modes = [str(w) for w in workers] + (["cv"] if baseline else [])
    runs: dict[str, list[dict]] = {mode: [] for mode in modes}
    for _ in range(repeat):
        for mode in modes:
            runs[mode].append(run_one(manifest, mode))
    measured = median_run(runs["cv"]) if baseline else dict.fromkeys(
        ["cv_seconds", "cv_cpu_seconds", "cv_nltk_seconds", "cv_nltk_cpu_seconds"], float("nan"))
    rows = [{"corpus": name, "articles": len(paths), "bytes": n_bytes, "workers": w,
             **median_run(runs[str(w)]), "runs": runs[str(w)]} for w in workers]
    for row in rows:
        row.update(measured)
        row["mb_per_s"] = n_bytes / 1e6 / row["seconds"]
        row["articles_per_s"] = (len(paths) - row["skipped"]) / row["seconds"]
        row["ratio_cv"] = row["seconds"] / row["cv_seconds"]
        row["ratio_cv_nltk"] = row["seconds"] / row["cv_nltk_seconds"]
        row["cpu_ratio_cv_nltk"] = row["cpu_seconds"] / row["cv_nltk_cpu_seconds"]
        row["mb_per_s_range"] = sorted(n_bytes / 1e6 / run["seconds"] for run in row["runs"])
    return rows


def median_run(runs: list[dict]) -> dict:
    """One mode's runs as one: the median of each timing (and of peak memory), the rest from
    the first run."""
    merged = dict(runs[0])
    for key, value in runs[0].items():
        if key.endswith(("seconds", "_mb")) and isinstance(value, float):
            merged[key] = statistics.median(run[key] for run in runs)
    return merged


def print_table(results: list[dict]) -> None:
    print("corpus         articles     MB  workers  seconds  CPU s   MB/s  articles/s  "
          "peak MB | CV s  ratio | CV+NLTK s  ratio  CPU ratio")
    for r in results:
        print(f"{r['corpus']:<13} {r['articles']:>9} {r['bytes'] / 1e6:>6.1f} {r['workers']:>8} "
              f"{r['seconds']:>8.1f} {r['cpu_seconds']:>6.1f} {r['mb_per_s']:>6.2f} "
              f"{r['articles_per_s']:>11.1f} {r['peak_mb']:>8.0f} | {r['cv_seconds']:>4.2f} "
              f"{r['ratio_cv']:>6.1f} | {r['cv_nltk_seconds']:>9.2f} {r['ratio_cv_nltk']:>6.2f} "
              f"{r['cpu_ratio_cv_nltk']:>10.2f}")
    print(f"peak memory: {results[0]['memory_method']}")


def print_targets(results: list[dict], sizes: list[int], most: int) -> None:
    """Say whether issue 16's targets are met."""
    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    for r in results:
        if r["workers"] == 1 and not math.isnan(r["ratio_cv_nltk"]):
            print(f"{r['corpus']}: ratio to CV+NLTK, one process {r['ratio_cv_nltk']:.2f} "
                  f"(CPU time: {r['cpu_ratio_cv_nltk']:.2f}; target at most 1.0: "
                  f"{met(r['ratio_cv_nltk'] <= 1.0)})")
        if r["workers"] == most:
            spread = r["mb_per_s_range"]
            print(f"{r['corpus']}: {r['mb_per_s']:.2f} MB/s with {most} workers, the median "
                  f"of {len(spread)} run(s) ({spread[0]:.2f}-{spread[-1]:.2f}; target at "
                  f"least 2: {met(r['mb_per_s'] >= 2)})")
    if len(sizes) > 1:
        small, large = f"{min(sizes)} MB", f"{max(sizes)} MB"
        for workers in sorted({r["workers"] for r in results}):
            peak = {r["corpus"]: r["peak_mb"] for r in results if r["workers"] == workers}
            ratio = peak[large] / peak[small]
            print(f"peak memory {large} / {small}, {workers} worker(s): {ratio:.2f} "
                  f"(target at most 1.5: {met(ratio <= 1.5)})")


def main() -> None:
    """Measure every corpus and mode in its own process and print one table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 50])
    parser.add_argument("--real", type=Path, help="a folder of real articles (*.txt)")
    parser.add_argument("--workers", nargs="+", default=["1", "all"],
                        help="worker counts to measure ('all': one per core)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip CountVectorizer (to measure memory only)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of measurements; medians are reported (default 3: the "
                             "machine's timings vary by a quarter from run to run)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        manifest, what = Path(args.one[0]), args.one[1]
        result = (measure_countvectorizer(manifest) if what == "cv"
                  else measure_pipeline(manifest, int(what)))
        print(json.dumps(result))
        return
    from analysis.text.pool import default_workers

    cores = default_workers()
    workers = sorted({cores if w == "all" else int(w) for w in args.workers})
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores ({cores} usable), Python "
          f"{platform.python_version()}, {platform.system()}")
    results = []
    for size in args.sizes:
        results += measure_corpus(f"{size} MB", corpus_for(size), workers,
                                  not args.no_baseline, args.repeat)
    if args.real is not None:
        with tempfile.TemporaryDirectory(prefix="framing-bench-") as tmp:
            manifest = folder_corpus(args.real, Path(tmp))
            name = "/".join(args.real.resolve().parts[-2:])
            results += measure_corpus(name, manifest, workers, not args.no_baseline,
                                      args.repeat)
    print_table(results)
    print_targets(results, args.sizes, max(workers))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

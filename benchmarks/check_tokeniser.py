"""Check the fast word tokeniser against NLTK's on every sentence of real articles, and time both.

Reads the PolNeAR ``train`` articles (never the held-out test split), splits them into sentences
as the project does, and for every sentence compares ``analysis.text.wordspans.span_tokenize``
with NLTK's ``NLTKWordTokenizer().span_tokenize`` span for span, and the project's
``token_spans`` with the same function run through NLTK. It prints the sentences checked, the
mismatches (0 expected; the first few are shown) and the speed of both tokenisers side by side,
each timed over all the sentences in the same process. Run from the project root:

    .venv/bin/python benchmarks/check_tokeniser.py --polnear PATH [--split train] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time

from analysis.corpora.polnear import documents
from analysis.errors import ArticleError
from analysis.text.tokenise import _nltk_spans, _nltk_token_spans, token_spans
from analysis.text.wordspans import span_tokenize, to_nltk


def sentences(root: str, split: str) -> list[str]:
    """The text of every sentence of the split's readable articles."""
    found = []
    for document in documents(root, split):
        try:
            article = document.article()
        except ArticleError:
            continue
        found += [sentence.text for sentence in article.sentences]
    return found


def mismatches(texts: list[str]) -> list[str]:
    """The sentences where the fast tokeniser and NLTK disagree (spans or token_spans)."""
    bad = []
    for text in texts:
        try:
            reference = _nltk_spans(text)
        except (ValueError, IndexError) as error:
            reference = type(error).__name__
        try:
            fast = span_tokenize(text)
        except (ValueError, IndexError) as error:
            fast = type(error).__name__
        if fast != reference or token_spans(text) != _nltk_token_spans(text):
            bad.append(text)
    return bad


def best_time(tokenize, texts: list[str], repeat: int) -> float:
    """The fastest of ``repeat`` passes of ``tokenize`` over all ``texts``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            try:
                tokenize(text)
            except (ValueError, IndexError):
                pass
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Run the check and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", required=True, help="folder of a PolNeAR checkout")
    parser.add_argument("--split", default="train", choices=("train", "dev"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = sentences(args.polnear, args.split)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    bad = mismatches(texts)
    handed = sum(1 for t in texts if to_nltk(t))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.system()}")
    print(f"PolNeAR {args.split}: {len(texts):,} sentences, {megabytes:.2f} MB")
    print(f"mismatches: {len(bad)} (spans and token_spans against NLTK)")
    for text in bad[:5]:
        print(f"  {text[:100]!r}")
    print(f"handed to NLTK (backtick, '' or U+001C-U+001F): {handed:,} sentences")
    print(f"best of {args.repeat} passes | sentences/s | MB/s")
    timings = {name: best_time(tokenize, texts, args.repeat) for name, tokenize in
               (("NLTK span_tokenize", _nltk_spans), ("wordspans.span_tokenize", span_tokenize))}
    for name, seconds in timings.items():
        print(f"{name:24} {seconds:7.2f} s | {len(texts) / seconds:11,.0f} | "
              f"{megabytes / seconds:6.2f}")
    print(f"speed-up: {timings['NLTK span_tokenize'] / timings['wordspans.span_tokenize']:.1f}x")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

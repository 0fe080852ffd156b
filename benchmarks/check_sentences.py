"""Check the fast sentence splitter against NLTK's Punkt on every paragraph of real articles, and
time both.

Reads the PolNeAR ``train`` articles (never the held-out test split) and/or a folder of article
files (``*.txt``, for example the synthetic corpus ``bench_corpus.py`` writes), and for every
paragraph's normalised text compares ``analysis.text.sentspans.span_tokenize`` with NLTK's
``PunktSentenceTokenizer.span_tokenize`` (the project's abbreviations, no trained model) span
for span; each article's raw text (line breaks, curly quotes) is compared too. It prints the
paragraphs checked, the mismatches (0 expected; the first few are shown) and the speed of both
splitters side by side: passes over all paragraphs alternate between the two in one process
and the best pass of each is kept. Run from the project root:

    .venv/bin/python benchmarks/check_sentences.py --polnear PATH [--split train]
    .venv/bin/python benchmarks/check_sentences.py --articles DIR [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys

from checking import folder_articles, machine, side_by_side

from analysis.corpora.polnear import documents
from analysis.errors import ArticleError
from analysis.text.sentspans import span_tokenize
from analysis.text.tokenise import _nltk_sentence_spans

SPLITTERS = (("NLTK Punkt", _nltk_sentence_spans), ("sentspans", span_tokenize))


def polnear_articles(root: str, split: str) -> list:
    """The readable articles of one PolNeAR split (``documents`` refuses the test split)."""
    found = []
    for document in documents(root, split):
        try:
            found.append(document.article())
        except ArticleError:
            continue
    return found



def mismatches(texts: list[str]) -> list[str]:
    """The texts where the fast splitter and NLTK's Punkt disagree."""
    return [text for text in texts if span_tokenize(text) != _nltk_sentence_spans(text)]



def report(label: str, articles: list, repeat: int) -> int:
    """Print the check and the timings for one set of articles; return the mismatches."""
    texts = [paragraph.text for article in articles for paragraph in article.paragraphs]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    bad = mismatches(texts)
    bad_raw = mismatches([article.raw for article in articles])
    sentences = sum(len(span_tokenize(text)) for text in texts)
    print(f"{label}: {len(articles):,} articles, {len(texts):,} paragraphs, "
          f"{sentences:,} sentences, {megabytes:.2f} MB")
    print(f"mismatches: {len(bad)} paragraphs, {len(bad_raw)} raw article texts")
    for text in (bad + bad_raw)[:5]:
        print(f"  {text[:100]!r}")
    timings = side_by_side(SPLITTERS, texts, repeat)
    print(f"best of {repeat} passes      |  seconds | paragraphs/s |  MB/s")
    for name, seconds in timings.items():
        print(f"{name:22} | {seconds:8.3f} | {len(texts) / seconds:12,.0f} | "
              f"{megabytes / seconds:5.2f}")
    print(f"speed-up: {timings['NLTK Punkt'] / timings['sentspans']:.1f}x\n")
    return len(bad) + len(bad_raw)


def main() -> None:
    """Run the check and print its figures; exit 1 on any mismatch."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", help="folder of a PolNeAR checkout")
    parser.add_argument("--split", default="train", choices=("train", "dev"))
    parser.add_argument("--articles", help="folder of article files (*.txt)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.polnear or args.articles):
        parser.error("give --polnear PATH, --articles DIR or both")
    print(machine() + "\n")
    bad = 0
    if args.polnear:
        articles = polnear_articles(args.polnear, args.split)
        bad += report(f"PolNeAR {args.split}", articles, args.repeat)
    if args.articles:
        bad += report(args.articles, folder_articles(args.articles), args.repeat)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

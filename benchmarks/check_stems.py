"""Check the project's Snowball stemmer against NLTK's on every word of real articles, and time
both.

Reads the ``*.txt`` articles of one or more folders (for example PolNeAR's ``train`` texts,
never the held-out test split, or ``seeds/``) and/or a synthetic corpus written by
``analysis.scale.generate_corpus`` (the generator ``bench_corpus.py`` uses) into a temporary
folder. The vocabulary of a set of articles is every distinct lower-cased word token (kind
``word``, as ``analysis.text.tokenise`` finds them in each sentence) and every distinct
lower-cased whitespace-separated piece of the raw text (punctuation, apostrophes and digits
attached: harder strings than the tokens). For each word it compares
``analysis.text.stemmer.stem`` with NLTK's ``SnowballStemmer("english").stem``, prints the
vocabulary size, the differences (0 expected; the first few are shown) and the time per word
of both stemmers, uncached: passes over the vocabulary alternate between the two in one
process and the best pass of each is kept. Run from the project root:

    .venv/bin/python benchmarks/check_stems.py --articles DIR [DIR ...] [--synthetic MB]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from checking import folder_articles, machine, side_by_side
from nltk.stem.snowball import SnowballStemmer

from analysis.text.stemmer import stem
from analysis.text.tokenise import sentence_spans, word_tokens

STEMMERS = (("NLTK Snowball", SnowballStemmer("english").stem), ("analysis.text.stemmer", stem))



def vocabulary(articles: list) -> list[str]:
    """The distinct lower-cased word tokens and raw whitespace-separated pieces, sorted."""
    words: set[str] = set()
    for article in articles:
        words.update(piece.lower() for piece in article.raw.split())
        for paragraph in article.paragraphs:
            for start, end in sentence_spans(paragraph.text):
                words.update(w.lower() for w in word_tokens(paragraph.text[start:end])[0])
    return sorted(words)



def report(label: str, articles: list, repeat: int) -> int:
    """Print the check and the timings for one set of articles; return the differences."""
    words = vocabulary(articles)
    reference = STEMMERS[0][1]
    different = [word for word in words if stem(word) != reference(word)]
    print(f"{label}: {len(articles):,} articles, {len(words):,} distinct words")
    print(f"differences: {len(different)}")
    for word in different[:5]:
        print(f"  {word!r}: NLTK {reference(word)!r}, here {stem(word)!r}")
    timings = side_by_side(STEMMERS, words, repeat)
    print(f"best of {repeat} passes           |  seconds | µs/word")
    for name, seconds in timings.items():
        print(f"{name:27} | {seconds:8.3f} | {seconds / max(len(words), 1) * 1e6:7.2f}")
    print(f"speed-up: {timings['NLTK Snowball'] / timings['analysis.text.stemmer']:.1f}x\n")
    return len(different)


def main() -> None:
    """Run the check and print its figures; exit 1 on any difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", nargs="*", default=[], help="folders of articles (*.txt)")
    parser.add_argument("--synthetic", type=float, help="also a synthetic corpus of this many MB")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.articles or args.synthetic):
        parser.error("give --articles DIR, --synthetic MB or both")
    print(machine() + "\n")
    bad = 0
    for folder in args.articles:
        bad += report(folder, folder_articles(Path(folder)), args.repeat)
    if args.synthetic:
        from analysis.scale import generate_corpus

        with tempfile.TemporaryDirectory() as temporary:
            generate_corpus(temporary, int(args.synthetic * 1_000_000), seed=2020)
            articles = folder_articles(Path(temporary) / "articles")
            bad += report(f"synthetic corpus ({args.synthetic:g} MB)", articles, args.repeat)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

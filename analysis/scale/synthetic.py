"""A reproducible synthetic corpus for scale tests, benchmarks and notebook 06.

Articles are built by resampling whole sentences (as published, from ``raw``) of the two seed
articles with a fixed random seed: group ``A`` draws from the first seed, group ``B`` from the
second. The text is realistic news English with the seeds' vocabulary, so group comparisons
recover the seeds' differences, and the same arguments always write the same bytes.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from ..text.article import Article
from ..text.manifest import load_articles

GROUPS = ("A", "B")
ARTICLE_BYTES = (3_000, 8_000)


def sentence_pools(articles: list[Article] | None = None) -> list[list[str]]:
    """The published text of each seed's headline and body sentences, one list per seed."""
    articles = articles or load_articles(["dailymail", "ru_translation"])
    return [[" ".join(a.raw[s.start:s.end].split()) for s in a.select_sentences()]
            for a in articles]


def _article_text(rng: random.Random, pool: list[str], target: int, number: int) -> str:
    paragraphs = [f"Synthetic report {number}"]
    size = len(paragraphs[0])
    while size < target:
        paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def generate_corpus(folder: str | Path, total_bytes: int, *, seed: int = 2020) -> Path:
    """Write articles totalling about ``total_bytes`` of UTF-8 text and a manifest.

    Files go to ``folder/articles/``; the manifest ``folder/manifest.csv`` has the usual
    columns plus ``side`` (the group: A or B, alternating). Returns the manifest path.
    """
    folder = Path(folder)
    (folder / "articles").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pools = sentence_pools()
    rows, written, number = [], 0, 0
    while written < total_bytes:
        side = GROUPS[number % 2]
        text = _article_text(rng, pools[number % 2], rng.randint(*ARTICLE_BYTES), number)
        name = f"articles/{number:06d}.txt"
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        written += len(data)
        rows.append({"id": f"s{number:06d}", "file": name, "outlet": f"Synthetic {side}",
                     "language": "en", "published": "", "side": side,
                     "notes": f"sentences resampled from seed {number % 2 + 1}"})
        number += 1
    manifest = folder / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "file", "outlet", "language",
                                                    "published", "notes", "side"])
        writer.writeheader()
        writer.writerows(rows)
    return manifest


def temporary_corpus(total_bytes: int, *, seed: int = 2020) -> Path:
    """Generate a synthetic corpus in a new temporary folder and return its manifest."""
    import tempfile

    return generate_corpus(tempfile.mkdtemp(prefix="framing-corpus-"), total_bytes, seed=seed)

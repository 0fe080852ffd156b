"""PolNeAR: 1,008 US political news articles with hand-annotated attributions (Newell, Margolin
& Ruths 2018), read from a local checkout.

The project never ships PolNeAR (it has no licence file): point these functions at a checkout
of networkdynamics/PolNeAR. Articles are ``data/<split>/text/<name>.txt``; their attributions
are brat files ``data/<split>/attributions/<name>_<annotator>.ann`` whose events link an
``Attribution`` trigger (or ``Attribution-no-source``) to its ``Source``, ``Cue`` and
``Content`` spans. A few articles were annotated by several annotators to measure agreement;
the first annotator ``data/metadata.tsv`` lists is read.

Only the ``train`` and ``dev`` splits are read: ``test`` is held out (PolNeAR's README asks that
it be used once, to test a finished model), and this project reports on ``dev``.

Reference: Newell, E., Margolin, D. & Ruths, D. (2018) An attribution relations corpus for
political news. Proceedings of LREC 2018.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import AnalysisInputError, ArticleError
from ..paths import display_path
from ..text.article import Article
from ..text.reading import load_article
from .brat import Span, read_ann

SPLITS = ("train", "dev")
HELD_OUT = "test"
ATTRIBUTION_TYPES = ("Attribution", "Attribution-no-source")


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: its source (None when the annotators marked none), cue and
    content spans."""

    source: Span | None
    cue: Span | None
    content: Span | None


@dataclass(frozen=True)
class Document:
    """One PolNeAR article: its name, outlet, text file and attribution file."""

    name: str
    outlet: str
    split: str
    text_path: Path
    ann_path: Path

    def article(self) -> Article:
        """The article's text, read and cleaned like any article (``ArticleError`` if it
        cannot be: a few PolNeAR files are HTML pages)."""
        return load_article(self.text_path, id=self.name)

    def gold(self) -> list[GoldAttribution]:
        """The article's annotated attributions, in file order."""
        return [GoldAttribution(e.argument("Source"), e.argument("Cue"), e.argument("Content"))
                for e in read_ann(self.ann_path).events if e.type in ATTRIBUTION_TYPES]


def skip_reason(error: ArticleError) -> str:
    """Why an article was skipped, short: the error's message without the file name."""
    return str(error).split(": ", 1)[-1][:80]


def check_checkout(root: str | Path) -> Path:
    """The folder of a PolNeAR checkout, or a clear error when ``root`` is not one."""
    path = Path(root).expanduser()
    if not (path / "data" / "metadata.tsv").is_file():
        raise AnalysisInputError(f"{display_path(path)}: not a PolNeAR checkout (no "
                                 "data/metadata.tsv); clone networkdynamics/PolNeAR and give "
                                 "its folder")
    return path


def documents(root: str | Path, split: str = "dev") -> Iterator[Document]:
    """The articles of one split (``train`` or ``dev``) that have a text and an attribution
    file, in file-name order."""
    if split == HELD_OUT:
        raise AnalysisInputError("the PolNeAR test split is held out: develop on 'train' and "
                                 "report on 'dev'")
    if split not in SPLITS:
        raise AnalysisInputError(f"unknown PolNeAR split {split!r}; choose from {list(SPLITS)}")
    root = check_checkout(root)
    folder = root / "data" / split
    with (root / "data" / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["compartment"] == split]
    for row in sorted(rows, key=lambda r: r["filename"]):
        text = folder / "text" / f"{row['filename']}.txt"
        anns = [folder / "attributions" / f"{row['filename']}_{a}.ann"
                for a in row["annotators"].split("|")]
        ann = next((a for a in anns if a.is_file()), None)
        if text.is_file() and ann is not None:
            yield Document(row["filename"], row["publisher"], split, text, ann)

"""Evaluating attributions against the project's own hand annotation: precision, recall and F1
on (article, sentence, canonical source) triples (:mod:`.scoring` scores against PolNeAR)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import AnalysisInputError
from ..paths import display_path, project_path

GOLD_COLUMNS = ("article", "sentence", "canonical")


def _pairs(frame: pd.DataFrame, what: str) -> dict[tuple[str, int, str], tuple[str, int, str]]:
    """The distinct (article, sentence, canonical) triples of a table, keyed case-insensitively."""
    if not isinstance(frame, pd.DataFrame):
        raise AnalysisInputError(f"{what} must be a DataFrame with columns {list(GOLD_COLUMNS)}, "
                                 f"got {type(frame).__name__}")
    missing = [c for c in GOLD_COLUMNS if c not in frame.columns]
    if missing:
        raise AnalysisInputError(f"{what} lacks column(s) {missing}; it needs "
                                 f"{list(GOLD_COLUMNS)}")
    pairs = {}
    for article, sentence, canonical in frame[list(GOLD_COLUMNS)].itertuples(index=False):
        try:
            number = int(sentence)
        except (TypeError, ValueError):
            raise AnalysisInputError(f"{what}: sentence {sentence!r} is not a number") from None
        label = " ".join(str(canonical).split())
        pairs.setdefault((str(article), number, label.casefold()), (str(article), number, label))
    return pairs


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Precision, recall and F1 of predicted attributions against a hand annotation.

    Both tables need columns article, sentence, canonical; each distinct (article, sentence,
    canonical) triple counts once, canonical names compared without regard to case or spacing.
    Returns precision, recall, f1, and tp, fp, fn: sorted lists of (article, sentence,
    canonical) triples. Precision is 0.0 when nothing is predicted, recall 0.0 when the gold is
    empty.
    """
    found = _pairs(predicted, "predicted")
    wanted = _pairs(gold, "gold")
    tp = sorted(found[k] for k in found.keys() & wanted.keys())
    fp = sorted(found[k] for k in found.keys() - wanted.keys())
    fn = sorted(wanted[k] for k in wanted.keys() - found.keys())
    precision = len(tp) / len(found) if found else 0.0
    recall = len(tp) / len(wanted) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def read_gold(path) -> pd.DataFrame:
    """A hand annotation CSV (columns article, sentence, canonical, note) as a DataFrame."""
    target = project_path(Path(path))
    if not target.is_file():
        raise AnalysisInputError(f"{display_path(target)}: no such annotation file")
    try:
        frame = pd.read_csv(target, dtype={"article": str, "canonical": str, "note": str},
                            keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise AnalysisInputError(f"{display_path(target)}: not a readable CSV ({exc})") from None
    _pairs(frame, display_path(target))
    return frame

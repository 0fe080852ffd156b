"""Scoring the sources lens against PolNeAR's hand annotation: sources and cues found, rows that
are right, and the referents of pronoun sources against a hand resolution.

Reference: Newell, E., Margolin, D. & Ruths, D. (2018) An attribution relations corpus for
political news. Proceedings of LREC 2018.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from ..corpora import read_results_file
from ..corpora.polnear import Document, documents, skip_reason
from ..errors import AnalysisInputError, ArticleError
from ..lexicons import word_list
from ..paths import POLNEAR_RESULTS, display_path, project_path
from .rows import attributions

SAYING_FILE = "saying_cues.txt"
GOLD_ROW_COLUMNS = ["document", "outlet", "has_source", "saying", "source_found", "cue_found",
                    "cue", "source"]
PREDICTED_ROW_COLUMNS = ["document", "outlet", "correct", "nested", "source", "cue"]
PRONOUNS = frozenset("he she they it we i you him her them us me who which".split())


def is_saying(cue: str) -> bool:
    """True when a cue is a verb of saying (``lexicons/saying_cues.txt``)."""
    forms = word_list(SAYING_FILE)
    lower = " ".join(cue.lower().split())
    words = set(re.findall(r"[a-z]+", lower))
    return any((" " in f and f in lower) or f in words for f in forms)


def score_document(document: Document) -> tuple[list[dict], list[dict]]:
    """Gold attributions of one PolNeAR article with whether the sources lens found their source
    and cue, and the lens's rows with whether each is right (its source overlaps an annotated
    source or cue)."""
    found = attributions(document.article(), roles=None)
    # PolNeAR has no embedded posts, and a non-response ("did not respond") is not an
    # attribution there: both are left out of the rows scored
    found = found[(found["frame"] != "embed") & (found["cue_class"] != "non_response")]
    sources = list(zip(found["start"], found["end"], strict=True))
    cues = list(zip(found["cue_start"], found["cue_end"], strict=True))
    gold_rows = []
    golds = document.gold()
    for g in golds:
        gold_rows.append({
            "document": document.name, "outlet": document.outlet,
            "has_source": g.source is not None,
            "saying": g.cue is not None and is_saying(g.cue.text),
            "source_found": g.source is not None and any(g.source.overlaps(a, b)
                                                         for a, b in sources),
            "cue_found": g.cue is not None and any(g.cue.overlaps(a, b) for a, b in cues),
            "cue": " ".join((g.cue.text if g.cue else "").lower().split()),
            "source": " ".join((g.source.text if g.source else "").split()),
        })
    marked = [s for g in golds for s in (g.source, g.cue) if s is not None]
    contents = [g.content for g in golds if g.content is not None]
    predicted = [{"document": document.name, "outlet": document.outlet,
                  "correct": any(s.overlaps(a, b) for s in marked),
                  "nested": any(c.start <= cue_start < c.end for c in contents),
                  "source": source, "cue": cue}
                 for a, b, cue_start, source, cue in zip(found["start"], found["end"],
                                                         found["cue_start"], found["source"],
                                                         found["cue"], strict=True)]
    return gold_rows, predicted


def _share(flags: pd.Series) -> float | None:
    return round(float(flags.mean()), 3) if len(flags) else None


def _figures(gold: pd.DataFrame, predicted: pd.DataFrame) -> dict:
    """Recall, precision and counts for some gold and predicted rows."""
    with_source = gold[gold["has_source"]]
    saying = with_source[with_source["saying"]]
    return {"attributions": len(gold), "with_source": len(with_source),
            "source_recall": _share(with_source["source_found"]),
            "saying": len(saying), "saying_source_recall": _share(saying["source_found"]),
            "cue_recall": _share(gold["cue_found"]), "rows": len(predicted),
            "precision": _share(predicted["correct"][~predicted["nested"]]),
            "nested_rows": int(predicted["nested"].sum()),
            "strict_precision": _share(predicted["correct"])}


def source_form(source: str) -> str:
    """What kind of phrase an annotated source is: pronoun, name or description."""
    words = source.split()
    if len(words) == 1 and words[0].lower().strip(".,'\u2019") in PRONOUNS:
        return "pronoun"
    return "name" if any(w[:1].isupper() for w in words) else "description"


def _commonest(values: pd.Series, n: int) -> list[list]:
    counted = values.value_counts()
    return [[k, int(v)] for k, v in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def evaluate_polnear(root: str | Path, *, split: str = "dev", misses: int = 12,
                     progress=None) -> dict:
    """Score the sources lens against PolNeAR's hand annotation of one split.

    For every annotated attribution: is its source found (a row's source overlaps the annotated
    source span) and its cue (a row's cue overlaps the annotated cue)? Recall is given for all
    attributions with a source and for those whose cue is a verb of saying
    (:func:`is_saying`); precision is the share of rows whose source overlaps an annotated
    source or cue span. Non-responses, which PolNeAR does not annotate, are left out; so are
    rows whose cue lies inside the content of an annotated attribution ("Cardin said that
    Republicans rejected ..."): PolNeAR annotates the outermost attribution only (0.5 % of its
    train attributions sit inside another's content), so these rows cannot be judged. They
    are counted (``nested_rows``), and ``strict_precision`` scores every row. Returns
    overall and per-outlet figures, and the commonest misses:
    the cues, and the kinds of source phrase (pronoun, name, description), of attributions
    whose source was not found, and the cues of wrong rows.
    """
    chosen = list(documents(root, split))
    gold, predicted, skipped = [], [], []
    for number, document in enumerate(chosen, start=1):
        if progress:
            progress(f"[{number}/{len(chosen)}] {document.name}")
        try:
            g, p = score_document(document)
        except ArticleError as exc:  # counted, not hidden: the reason is in the results
            skipped.append([document.name, skip_reason(exc)])
            continue
        gold += g
        predicted += p
    gold_frame = pd.DataFrame(gold, columns=GOLD_ROW_COLUMNS)
    found_frame = pd.DataFrame(predicted, columns=PREDICTED_ROW_COLUMNS)
    missed = gold_frame[gold_frame["has_source"] & ~gold_frame["source_found"]]
    wrong = found_frame[~found_frame["correct"] & ~found_frame["nested"]]
    return {
        "corpus": "PolNeAR", "split": split, "articles": len(chosen) - len(skipped),
        "skipped": skipped,
        "overall": _figures(gold_frame, found_frame),
        "outlets": {outlet: _figures(gold_frame[gold_frame["outlet"] == outlet],
                                     found_frame[found_frame["outlet"] == outlet])
                    for outlet in sorted(set(gold_frame["outlet"]))},
        "missed_cues": _commonest(missed["cue"], misses),
        "missed_source_forms": _commonest(missed["source"].map(source_form), misses),
        "wrong_row_cues": _commonest(wrong["cue"].str.lower(), misses),
    }


def read_results(path: str | Path = POLNEAR_RESULTS) -> dict:
    """Results of :func:`evaluate_polnear` written by ``framing evaluate-sources --out``; by
    default the PolNeAR dev results committed with the notebooks."""
    return read_results_file(path, ("overall", "outlets", "split"), "evaluate-sources")


def evaluation_table(results: dict) -> pd.DataFrame:
    """The figures of :func:`evaluate_polnear` as a table: one row per outlet, then overall."""
    rows = [{"outlet": outlet, **figures} for outlet, figures in results["outlets"].items()]
    rows.append({"outlet": "overall", **results["overall"]})
    return pd.DataFrame(rows)


# --- pronoun referents -------------------------------------------------------------------------

PRONOUN_FIXTURE_COLUMNS = ("document", "start", "end", "pronoun", "referent", "kind")
UNCLEAR = "UNCLEAR"


def read_pronoun_fixture(path: str | Path) -> pd.DataFrame:
    """A hand resolution of pronoun sources: document, start, end (offsets of the pronoun),
    pronoun, referent (the entity's fullest name, or UNCLEAR), kind, note."""
    target = project_path(Path(path))
    try:
        with target.open(encoding="utf-8", newline="") as handle:
            frame = pd.DataFrame(list(csv.DictReader(handle)))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise AnalysisInputError(f"{display_path(target)}: not a readable CSV "
                                 f"({type(exc).__name__})") from None
    missing = [c for c in PRONOUN_FIXTURE_COLUMNS if c not in frame.columns]
    if missing:
        raise AnalysisInputError(f"{display_path(target)}: missing column(s) {missing}")
    return frame.astype({"start": int, "end": int})


def _key(name: str) -> str:
    """A name compared without case, curly apostrophes, determiners, "unresolved:" or a
    generational suffix ("Jr.")."""
    name = name.replace("\u2019", "'").lower().removeprefix("unresolved: ").strip()
    name = re.sub(r",? (?:jr|sr)\.?$|,? (?:ii|iii|iv)$", "", name)
    return re.sub(r"^(?:the|a|an) ", "", name)


def same_referent(canonical: str, referent: str) -> bool:
    """True when a resolved canonical name names the hand-resolved referent: the same name, or
    one the other's last word ("Trump" and "Donald Trump"); for a referent that is a
    description, the same head noun ("unnamed experts" and "legal experts")."""
    mine, theirs = _key(canonical), _key(referent)
    if not mine or not theirs:
        return False
    head = mine.split()[-1]
    if mine == theirs or head == theirs.split()[-1] and (
            len(mine.split()) == 1 or len(theirs.split()) == 1):
        return True
    return head.islower() and head in referent.lower().split()


def evaluate_pronouns(root: str | Path, fixture: str | Path, *, split: str = "train") -> dict:
    """How the sources lens resolves the pronoun sources of a hand resolution (UNCLEAR rows left
    out). Each pronoun is ``found`` when a row's source is that pronoun, ``unresolved`` when the
    row says so, and ``correct`` when the row's canonical name names the referent. Returns the
    counts, accuracy (correct / resolved), the unresolved share (of found) and the wrong rows."""
    gold = read_pronoun_fixture(fixture)
    gold = gold[gold["referent"] != UNCLEAR]
    by_name = {d.name: d for d in documents(root, split)}
    results, wrong = {"pronouns": len(gold), "found": 0, "unresolved": 0, "correct": 0}, []
    for name, rows in gold.groupby("document", sort=True):
        if name not in by_name:
            raise AnalysisInputError(f"{name}: not an article of PolNeAR {split}")
        found = attributions(by_name[name].article(), roles=None)
        for row in rows.itertuples():
            hit = found[(found["start"] < row.end) & (row.start < found["end"])
                        & (found["end"] - found["start"] <= row.end - row.start + 1)]
            if hit.empty:
                continue
            results["found"] += 1
            canonical = hit.iloc[0]["canonical"]
            if _key(canonical) == _key(row.pronoun):
                results["unresolved"] += 1
            elif same_referent(canonical, row.referent):
                results["correct"] += 1
            else:
                wrong.append([name, int(row.start), row.pronoun, canonical, row.referent])
    resolved = results["found"] - results["unresolved"]
    results["accuracy"] = round(results["correct"] / resolved, 3) if resolved else None
    results["unresolved_share"] = (round(results["unresolved"] / results["found"], 3)
                                   if results["found"] else None)
    results["wrong"] = wrong
    return results

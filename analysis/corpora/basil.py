"""BASIL: 300 news articles with hand-annotated lexical and informational bias spans (Fan et al.
2019), read from a local checkout.

The project never ships BASIL (it has no licence file): point these functions at a checkout of
launchnlp/BASIL. Articles are ``articles/<year>/<uuid>_<n>.json`` (100 events, each reported by
three outlets: Fox News, the New York Times and the Huffington Post); their annotations are
``annotations/<year>/<uuid>_<n>_ann.json``. An annotation marks a phrase of one sentence as
**lexical** bias (the wording itself is loaded: *slammed*, *so-called*) or **informational**
bias (what is told, whatever the words), says whether it lies in a quotation, and gives its
offsets within its sentence (the sentence itself is not named, so it is found by its text).

Only the articles of 2010-2015 are read: 2016-2019 are held out, so that the lexicons tuned
on the first years can one day be tested on the later ones.

An article is rebuilt as plain text, the title as the first paragraph and each body paragraph's
sentences joined by one space, and then cleaned like any article, so the lenses see it as
they would see a user's file.

Reference: Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R. & Wang, L. (2019)
In plain sight: media bias through the lens of factual reporting. Proceedings of EMNLP-IJCNLP
2019, 6343-6349.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import AnalysisInputError
from ..paths import NOTEBOOKS_DIR, display_path
from ..text.article import Article
from ..text.reading import build_article
from . import read_results_file

YEARS = tuple(range(2010, 2016))
RESULTS = NOTEBOOKS_DIR / "results" / "basil_loaded.json"
RUNS = ("every row", "general rows only")
HELD_OUT = tuple(range(2016, 2020))
OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


@dataclass(frozen=True)
class BiasSpan:
    """One annotated span: raw offsets in the rebuilt article, the bias type (``lex`` or
    ``inf``), whether it lies in a quotation, and its polarity."""

    start: int
    end: int
    bias: str
    quote: bool
    polarity: str


@dataclass(frozen=True)
class Document:
    """One BASIL article: its name, event (triplet), outlet, year and files."""

    name: str
    triplet: str
    outlet: str
    year: int
    path: Path
    ann_path: Path

    def _data(self) -> dict:
        return json.loads(self.path.read_text(encoding="utf-8"))

    def _sentences(self) -> tuple[str, list[list[str]]]:
        data = self._data()
        paragraphs = data.get("body-paragraphs") or []
        try:
            if isinstance(paragraphs, str):  # some releases store the list as its repr
                paragraphs = ast.literal_eval(paragraphs)
        except (ValueError, SyntaxError) as exc:
            raise AnalysisInputError(f"{display_path(self.path)}: body-paragraphs cannot be "
                                     f"read ({exc.__class__.__name__})") from None
        return str(data.get("title") or "").strip(), [[str(s) for s in p] for p in paragraphs]

    def _layout(self) -> tuple[str, list[tuple[int, str]]]:
        """The rebuilt text and every sentence with its raw offset."""
        title, paragraphs = self._sentences()
        parts, placed, at = [], [], 0
        if title:
            parts.append(title)
            at = len(title) + 2
        for paragraph in paragraphs:
            pieces = []
            for sentence in paragraph:
                if not sentence.strip():
                    continue
                placed.append((at, sentence))
                pieces.append(sentence)
                at += len(sentence) + 1
            if pieces:
                parts.append(" ".join(pieces))
                at += 1  # the paragraph break is two characters, the last space one
        return "\n\n".join(parts) + "\n", placed

    def article(self, label: str = "") -> Article:
        """The article rebuilt as plain text and cleaned like any article."""
        raw, _ = self._layout()
        return build_article(raw, id=self.name, path=self.path, label=label,
                             meta={"outlet": self.outlet, "triplet": self.triplet})

    def spans(self) -> tuple[list[BiasSpan], int]:
        """The annotated spans placed in the rebuilt text, and how many could not be placed
        (their text is in no sentence at their offsets)."""
        raw, placed = self._layout()
        annotations = json.loads(self.ann_path.read_text(encoding="utf-8"))
        found, lost = [], 0
        for item in annotations.get("phrase-level-annotations", []):
            text, start, end = str(item.get("txt", "")), int(item["start"]), int(item["end"])
            where = [at for at, sentence in placed if sentence[start:end] == text]
            if not where:
                where = [at + sentence.find(text) - start for at, sentence in placed
                         if text and text in sentence]
            if not where:
                lost += 1
                continue
            a = where[0] + start
            found.append(BiasSpan(a, a + len(text), str(item.get("bias", "")),
                                  str(item.get("quote", "")).lower() == "yes",
                                  str(item.get("polarity", ""))))
        return sorted(found, key=lambda s: (s.start, s.end)), lost


def check_checkout(root: str | Path) -> Path:
    """The folder of a BASIL checkout, or a clear error when ``root`` is not one."""
    path = Path(root).expanduser()
    if not (path / "articles").is_dir() or not (path / "annotations").is_dir():
        raise AnalysisInputError(f"{display_path(path)}: not a BASIL checkout (no articles/ "
                                 "and annotations/ folders); clone launchnlp/BASIL and give "
                                 "its folder")
    return path


def documents(root: str | Path, years: tuple[int, ...] = YEARS) -> Iterator[Document]:
    """The annotated articles of the given years (2010-2015 only), in year and name order."""
    held = sorted(set(years) & set(HELD_OUT))
    if held:
        raise AnalysisInputError(f"BASIL {held[0]}-{HELD_OUT[-1]} is held out: develop and "
                                 f"report on {YEARS[0]}-{YEARS[-1]}")
    unknown = sorted(set(years) - set(YEARS))
    if unknown:
        raise AnalysisInputError(f"BASIL has no year {unknown[0]}; choose from "
                                 f"{YEARS[0]}-{YEARS[-1]}")
    root = check_checkout(root)
    for year in sorted(set(years)):
        for path in sorted((root / "articles" / str(year)).glob("*.json")):
            ann = root / "annotations" / str(year) / f"{path.stem}_ann.json"
            if not ann.is_file():
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
            yield Document(path.stem, str(data.get("triplet-uuid", "")),
                           str(data.get("source", "")), year, path, ann)


def _overlaps(start: int, end: int, spans: list[BiasSpan]) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def evaluate_loaded(root: str | Path, years: tuple[int, ...] = YEARS, *,
                    origins: tuple[str, ...] | None = None) -> dict:
    """Score the loaded-language lens (:mod:`analysis.loaded`) against BASIL's lexical-bias
    spans.

    Recall: the share of lexical-bias spans outside quotations (BASIL's ``quote`` is "no")
    that at least one narrator's marker overlaps (per category or origin: that a marker of it
    overlaps). Precision: the share of the narrator's
    markers that overlap a lexical-bias span (in or out of quotations). ``origins`` keeps only
    the lexicon rows of those origins (``("general",)`` scores the rows not learned from
    BASIL; scare quotes count as general). Figures per category, outlet and origin come with
    the overall ones; no article text is returned.
    """
    from ..loaded import CATEGORIES, ORIGINS, markers

    totals = {"articles": 0, "spans": 0, "spans_found": 0, "unplaced": 0, "markers": 0,
              "markers_in_spans": 0}
    groups: dict[str, dict[str, dict[str, int]]] = {"category": {}, "outlet": {},
                                                      "origin": {}}

    def count(kind: str, key: str, field: str, n: int) -> None:
        slot = groups[kind].setdefault(key, {"spans": 0, "spans_found": 0, "markers": 0,
                                             "markers_in_spans": 0})
        slot[field] += n

    for document in documents(root, years):
        article = document.article()
        spans, lost = document.spans()
        lexical = [s for s in spans if s.bias == "lex"]
        found = markers(article)
        if origins is not None:
            found = found[found["origin"].isin(origins)]
        outlet = OUTLETS.get(document.outlet.lower(), document.outlet)
        totals["articles"] += 1
        totals["unplaced"] += lost
        for row in found.itertuples():
            inside = int(_overlaps(int(row.start), int(row.end), lexical))
            totals["markers"] += 1
            totals["markers_in_spans"] += inside
            for kind, key in (("category", row.category), ("outlet", outlet),
                              ("origin", row.origin)):
                count(kind, key, "markers", 1)
                count(kind, key, "markers_in_spans", inside)
        for span in lexical:
            if span.quote:
                continue
            hit = found[(found["start"] < span.end) & (found["end"] > span.start)]
            totals["spans"] += 1
            totals["spans_found"] += int(len(hit) > 0)
            count("outlet", outlet, "spans", 1)
            count("outlet", outlet, "spans_found", int(len(hit) > 0))
            for kind, values in (("category", CATEGORIES), ("origin", ORIGINS)):
                for value in values:
                    count(kind, value, "spans", 1)
                    count(kind, value, "spans_found", int((hit[kind] == value).any()))
    results = {"years": [min(years), max(years)], "origins": list(origins or ["all"]),
               **totals,
               "recall": _share(totals["spans_found"], totals["spans"]),
               "precision": _share(totals["markers_in_spans"], totals["markers"])}
    for kind, table_ in groups.items():
        results[f"by_{kind}"] = {
            key: {**slot, "recall": _share(slot["spans_found"], slot["spans"]),
                  "precision": _share(slot["markers_in_spans"], slot["markers"])}
            for key, slot in sorted(table_.items())}
    return results


def pairs(root: str | Path, n: int = 3, outlets: tuple[str, str] = ("fox", "nyt"),
          years: tuple[int, ...] = YEARS) -> list[tuple[Document, Document]]:
    """The first ``n`` events (in year and name order) that both ``outlets`` reported, as
    pairs of documents: real pairs on which to read the generated comparison."""
    events: dict[str, dict[str, Document]] = {}
    for document in documents(root, years):
        events.setdefault(document.triplet, {})[document.outlet.lower()] = document
    chosen = []
    for triplet in sorted(events, key=lambda t: (min(d.year for d in events[t].values()), t)):
        found = events[triplet]
        if all(o in found for o in outlets):
            chosen.append((found[outlets[0]], found[outlets[1]]))
        if len(chosen) == n:
            break
    return chosen


def read_results(path: str | Path = RESULTS) -> dict:
    """Results written by ``framing evaluate-loaded --out``: one entry per run (every row,
    general rows only); by default the 2010-2015 results committed with the notebooks."""
    return read_results_file(path, RUNS, "evaluate-loaded")

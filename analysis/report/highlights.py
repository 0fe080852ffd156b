"""The evidence rows an annotated view highlights, and how each kind of highlight looks.

Each lens gives a layer of the view (:data:`LAYERS`): ``sources`` (the words naming a
source, one colour per canonical source, and the reporting cues), ``voice`` (quoted and
reported speech), ``stance`` (stance markers and loaded language), ``frames`` (frame
indicators) and ``actors`` (actor mentions, one colour per actor). :func:`highlights` turns
the lens rows into :class:`Highlight` records; rows of one kind with the same span become one
highlight whose tooltip lists them all.

Colours come from colour-blind-safe palettes: Paul Tol's "light" scheme for the backgrounds
of sources and actors (designed to sit behind black text), Tol's "pale" scheme for speech, and
Okabe and Ito's eight colours for lines. Every kind also has a second cue that is not colour:
the style of the line under it (solid, dashed, dotted, double), bold or italic type, and for
sources and actors a number that refers to the legend.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from .. import actors as actors_lens
from .. import frames as frames_lens
from .. import loaded as loaded_lens
from .. import sources as sources_lens
from .. import stance as stance_lens
from .. import voice as voice_lens
from ..errors import AnalysisInputError
from ..text.article import Article

LAYERS = ("sources", "voice", "stance", "frames", "actors")
# kinds of highlight, outermost first when two share a span
KINDS = ("speech", "source", "cue", "frame", "loaded", "stance", "actor")

OKABE_ITO = {"orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
             "reddish purple": "#CC79A7", "black": "#000000"}
TOL_LIGHT = ("#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33",
             "#AAAA00")
TOL_PALE = {"blue": "#BBCCEE", "cyan": "#CCEEFF", "green": "#CCDDAA", "yellow": "#EEEEBB",
            "red": "#FFCCCC", "grey": "#DDDDDD"}
LINE_STYLES = ("solid", "dashed", "dotted")  # per source or actor, with the colour


@dataclass(frozen=True)
class Look:
    """How a highlight looks: a background, a line under it, and the weight or slant of its type.

    ``line`` is a CSS ``border-bottom`` value ("2px dashed #CC79A7"), or "" for none.
    """

    background: str = ""
    line: str = ""
    weight: str = ""
    slant: str = ""

    def css(self) -> list[str]:
        """The look as CSS declarations, in a fixed order."""
        return [f"{name}: {value};" for name, value in (
            ("background-color", self.background), ("border-bottom", self.line),
            ("font-weight", self.weight), ("font-style", self.slant)) if value]


_O = OKABE_ITO
# (kind, category) -> look, and the legend's name for it
LOOKS: dict[tuple[str, str], tuple[Look, str]] = {
    ("cue", ""): (Look(line=f"2px solid {_O['blue']}", weight="bold"), "reporting cue"),
    ("speech", "quoted"): (Look(TOL_PALE["cyan"], f"3px double {_O['blue']}"), "quoted speech"),
    ("speech", "reported"): (Look(TOL_PALE["yellow"], f"2px dashed {_O['orange']}"),
                             "reported speech"),
    ("stance", "distancing"): (Look(line=f"2px dashed {_O['reddish purple']}"),
                               "stance: distancing"),
    ("stance", "boosting"): (Look(line=f"3px double {_O['vermillion']}"), "stance: boosting"),
    ("stance", "evaluative"): (Look(line=f"2px dotted {_O['bluish green']}"),
                               "stance: evaluative"),
    ("loaded", "saying"): (Look(TOL_PALE["grey"], f"2px solid {_O['orange']}", "bold"),
                           "loaded: saying"),
    ("loaded", "characterisation"): (Look(TOL_PALE["grey"], f"2px dashed {_O['vermillion']}",
                                          "bold"), "loaded: characterisation"),
    ("loaded", "intensity"): (Look(TOL_PALE["grey"], f"3px double {_O['reddish purple']}",
                                   "bold"), "loaded: intensity"),
    ("loaded", "action"): (Look(TOL_PALE["grey"], f"2px dotted {_O['blue']}", "bold"),
                           "loaded: action"),
    ("loaded", "scare_quote"): (Look(TOL_PALE["grey"], f"2px solid {_O['black']}", "bold",
                                     "italic"), "loaded: scare quote"),
    ("frame", "conflict"): (Look(line=f"2px solid {_O['vermillion']}"), "frame: conflict"),
    ("frame", "responsibility"): (Look(line=f"2px dashed {_O['blue']}"),
                                  "frame: responsibility"),
    ("frame", "morality"): (Look(line=f"3px double {_O['reddish purple']}"), "frame: morality"),
    ("frame", "economic"): (Look(line=f"2px dotted {_O['bluish green']}"), "frame: economic"),
    ("frame", "human_interest"): (Look(line=f"2px solid {_O['orange']}", slant="italic"),
                                  "frame: human interest"),
}
OTHER = Look(TOL_PALE["grey"], f"1px solid {_O['black']}")  # a category no table above lists


@dataclass(frozen=True)
class Highlight:
    """One highlighted span of an article: ``raw[start:end]``, its kind and category, the
    tooltip (every row it stands for) and, for sources and actors, the entity it names."""

    start: int
    end: int
    kind: str
    category: str
    title: str
    entity: str = ""


def look(highlight: Highlight, names: Sequence[str]) -> Look:
    """The look of a highlight; sources and actors take their entity's place in ``names``
    (a colour from Tol's light scheme and a line style, so two neighbours differ in both)."""
    if highlight.entity and highlight.entity in names:
        place = names.index(highlight.entity)
        return Look(TOL_LIGHT[place % len(TOL_LIGHT)],
                    f"2px {LINE_STYLES[place % len(LINE_STYLES)]} {_O['black']}")
    return LOOKS.get((highlight.kind, highlight.category), (OTHER, ""))[0]


def legend_name(kind: str, category: str) -> str:
    """The legend's name for a kind and category ("stance: distancing")."""
    known = LOOKS.get((kind, category))
    return known[1] if known else f"{kind}: {category}".strip(": ")


def chosen_layers(layers: str | Iterable[str] | None) -> tuple[str, ...]:
    """Validate ``layers`` (one name, several, or None for all) and put them in LAYERS order."""
    if layers is None:
        return LAYERS
    names = [layers] if isinstance(layers, str) else list(layers)
    unknown = sorted({str(name) for name in names} - set(LAYERS))
    if unknown or not names:
        raise AnalysisInputError(f"unknown layer(s) {unknown}; choose from {list(LAYERS)}")
    return tuple(layer for layer in LAYERS if layer in names)


def _clean(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _sources(rows: pd.DataFrame) -> list[Highlight]:
    found = []
    for row in rows.itertuples(index=False):
        cue = f"cue “{row.cue}” ({row.cue_class})" if row.cue else ""
        found.append(Highlight(int(row.start), int(row.end), "source", row.kind, _joined(
            "source", row.canonical, row.kind, cue), entity=row.canonical))
        if row.cue_start >= 0:
            found.append(Highlight(int(row.cue_start), int(row.cue_end), "cue", "", _joined(
                "reporting cue", _clean(row.cue), f"class {row.cue_class}",
                f"source {row.canonical}")))
    return found


def _voice(rows: pd.DataFrame) -> list[Highlight]:
    return [Highlight(int(row.start), int(row.end), "speech", row.voice, _joined(
        f"{row.voice} speech", f"sources: {row.sources}" if row.sources else "no source found"))
        for row in rows.itertuples(index=False)]


def _stance(rows: pd.DataFrame) -> list[Highlight]:
    found = []
    for row in rows.itertuples(index=False):
        negated = (f"negated by “{row.negator}”: counts as {row.resolved_category}"
                   if row.negated else "")
        found.append(Highlight(int(row.start), int(row.end), "stance", row.category, _joined(
            "stance", row.category, row.subcategory, negated)))
    return found


def _loaded(rows: pd.DataFrame) -> list[Highlight]:
    return [Highlight(int(row.start), int(row.end), "loaded", row.category, _joined(
        "loaded language", row.category, f"{row.voice} voice"))
        for row in rows.itertuples(index=False)]


def _frames(rows: pd.DataFrame) -> list[Highlight]:
    return [Highlight(int(row.start), int(row.end), "frame", row.frame, _joined(
        "frame indicator", row.frame, f"item {row.item}"))
        for row in rows.itertuples(index=False)]


def _actors(rows: pd.DataFrame) -> list[Highlight]:
    return [Highlight(int(row.start), int(row.end), "actor", "", _joined(
        "actor", row.actor, f"named as “{row.variant}”"), entity=row.actor)
        for row in rows.itertuples(index=False)]


def lens_rows(articles: Sequence[Article], layer: str, *, roles) -> list[pd.DataFrame]:
    """The evidence rows one layer shows, read from its lens for all ``articles`` at once (so
    actors found are the same in every column of a side-by-side view)."""
    if layer == "sources":
        return [sources_lens.attributions(articles, roles=roles)]
    if layer == "voice":
        return [voice_lens.spans(articles, roles=roles)]
    if layer == "stance":
        return [stance_lens.markers(articles, roles=roles),
                loaded_lens.markers(articles, roles=roles)]
    if layer == "frames":
        return [frames_lens.indicators(articles, roles=roles)]
    return [actors_lens.mentions(articles, roles=roles)]


_MAKERS = {"sources": (_sources,), "voice": (_voice,), "stance": (_stance, _loaded),
           "frames": (_frames,), "actors": (_actors,)}


def highlights(articles: Sequence[Article], layers: Sequence[str], *, roles
               ) -> dict[str, list[Highlight]]:
    """Each article's highlights (by article id) for ``layers``: one per kind and span, whose
    tooltip lists every row with that span, sorted by position."""
    per_article: dict[str, dict[tuple[int, int, str], Highlight]] = {a.id: {} for a in articles}
    for layer in layers:
        for make, rows in zip(_MAKERS[layer], lens_rows(articles, layer, roles=roles),
                              strict=True):
            for article_id, group in rows.groupby("article", sort=False):
                if article_id not in per_article:
                    continue
                found = per_article[article_id]
                for item in make(group):
                    if not 0 <= item.start < item.end:
                        continue
                    key = (item.start, item.end, item.kind)
                    first = found.get(key)
                    if first is None:
                        found[key] = item
                    elif item.title not in first.title.split(" | "):
                        found[key] = Highlight(first.start, first.end, first.kind,
                                               first.category, f"{first.title} | {item.title}",
                                               first.entity)
    return {article_id: sorted(found.values(), key=lambda h: (
        h.start, -h.end, KINDS.index(h.kind), h.title))
        for article_id, found in per_article.items()}


def entities(found: Iterable[Highlight], kind: str) -> list[str]:
    """The sources (or actors) named by highlights of ``kind``, in order of first appearance."""
    names: list[str] = []
    for item in found:
        if item.kind == kind and item.entity not in names:
            names.append(item.entity)
    return names

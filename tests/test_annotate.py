"""The annotated view: every evidence span exactly once with its raw text, the article's text
whole, hostile text inert, nesting, paragraph roles, and output that survives the sanitiser."""

from __future__ import annotations

import html
from collections import defaultdict
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
from IPython.display import HTML

import analysis
from analysis.errors import AnalysisInputError
from analysis.report import annotate as view
from analysis.report import highlights as hl
from analysis.report.html import safe_html
from analysis.text import build_article

FLOOD = """Flood warnings issued as river rises in Millbrook

The river burst its banks on Tuesday, according to the Environment Agency.

“We are deeply worried about the homes on the lower road,” said Mayor Jane Hollis, who called \
the response a disaster.

Officials said the council allegedly ignored earlier warnings, a claim the council denied.

The council slammed the bombshell report as a shameless stunt.

Residents blamed the government for years of cuts to flood defences, which cost millions.

In this photo taken on March 3, 2021, a man wades through water in Millbrook.

Read more at example.com
"""
HOSTILE = """Council vote ends in uproar over river plan

Critics said <script>alert('x')</script> the plan <img src=x onerror=alert(1)> was a \
<a href="javascript:alert(1)">disaster</a> for the town.

The mayor said the vote was fair &amp; final.
"""
QUIET = """Tuesday in Millbrook

The sky was grey over the market square.

A dog slept by the door of the bakery.
"""
HOSTILE_LABEL = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def article(raw: str, id: str = "flood", label: str = "") -> analysis.Article:
    return build_article(raw, id=id, path=Path(f"{id}.txt"), label=label)


class View(HTMLParser):
    """What a browser would show of a view: each text block's text (labels left out), each
    highlight's kind, span and text (its pieces joined), every tag and attribute."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str]]] = []
        self.texts: list[str] = []
        self.pieces: dict[tuple[int, int], list[tuple[str, int, int]]] = defaultdict(list)
        self.open: list[tuple[str, int, int] | None] = []
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []
        self.titles: list[str] = []
        self.inner: dict[tuple[int, int], str] = defaultdict(str)  # text inside highlights
        self.everything = ""  # all text, labels, legend and headings included
        self.feed(markup)
        self.close()

    def _inside(self, name: str) -> bool:
        return any(name in classes for _, classes in self.stack)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        classes = (dict(attrs).get("class") or "").split()
        self.titles.extend(value for name, value in attrs if name == "title" and value)
        if "fv-text" in classes:
            self.texts.append("")
        if "fv" in classes:
            number = int(next(c for c in classes if c.startswith("fv-n"))[4:])
            kind = next(c[3:] for c in classes if c.startswith("fv-") and c not in (
                "fv-part",) and not c.startswith("fv-n"))
            self.open.append((kind, number, len(self.texts[-1])))
        else:
            self.open.append(None)
        self.stack.append((tag, classes))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()
        opened = self.open.pop()
        if opened:
            kind, number, start = opened
            self.pieces[(len(self.texts) - 1, number)].append(
                (kind, start, len(self.texts[-1])))

    def handle_data(self, data):
        self.everything += data
        if self._inside("fv-text") and not self._inside(view.LABEL_CLASS):
            self.texts[-1] += data
            for number in {opened[1] for opened in self.open if opened}:
                self.inner[(len(self.texts) - 1, number)] += data

    def spans(self, column: int = 0) -> dict[tuple[str, int, int], int]:
        """How many highlights each (kind, start, end) has in one column; pieces must join."""
        found: dict[tuple[str, int, int], int] = defaultdict(int)
        for (col, _), pieces in sorted(self.pieces.items()):
            if col != column:
                continue
            for (_, _, end), (_, start, _) in pairwise(pieces):
                assert end == start, f"pieces of one highlight not contiguous: {pieces}"
            assert len({kind for kind, _, _ in pieces}) == 1
            found[(pieces[0][0], pieces[0][1], pieces[-1][2])] += 1
        return found


def expected(one: analysis.Article, layers=hl.LAYERS, among=None) -> set[tuple[str, int, int]]:
    """Every evidence span the lenses give for ``one``, read from the lenses directly (run on
    ``among``, the articles shown together, as actors found depend on them)."""
    spans: set[tuple[str, int, int]] = set()
    shown = among or [one]

    def add(kind: str, rows: pd.DataFrame, start="start", end="end"):
        rows = rows[rows["article"] == one.id]
        spans.update((kind, int(a), int(b)) for a, b in zip(rows[start], rows[end], strict=True)
                     if a >= 0)

    if "sources" in layers:
        rows = analysis.sources.attributions(shown)
        add("source", rows)
        add("cue", rows, "cue_start", "cue_end")
    if "voice" in layers:
        add("speech", analysis.voice.spans(shown))
    if "stance" in layers:
        add("stance", analysis.stance.markers(shown))
        add("loaded", analysis.loaded.markers(shown))
    if "frames" in layers:
        add("frame", analysis.frames.indicators(shown))
    if "actors" in layers:
        add("actor", analysis.actors.mentions(shown))
    return spans


@pytest.fixture(scope="module")
def flood() -> analysis.Article:
    return article(FLOOD)


@pytest.mark.parametrize("layers", [None, *hl.LAYERS])
def test_every_span_once_with_its_raw_text(flood, layers):
    parsed = View(view.annotated(flood, layers=layers))
    found = parsed.spans()
    assert set(found) == expected(flood, hl.LAYERS if layers is None else (layers,))
    assert set(found.values()) == {1}
    assert parsed.texts == [flood.raw]
    for (_, number), pieces in parsed.pieces.items():  # the text inside is raw[start:end]
        assert parsed.inner[(0, number)] == flood.raw[pieces[0][1]:pieces[-1][2]]
    assert len(parsed.inner) == len(found) > 0


def test_every_kind_is_shown(flood):
    kinds = {kind for kind, _, _ in View(view.annotated(flood)).spans()}
    assert kinds == {"source", "cue", "speech", "stance", "loaded", "frame", "actor"}


def test_highlights_carry_their_rows_in_the_tooltip(flood):
    parsed = View(view.annotated(flood, layers="sources"))
    assert "source · Jane Hollis · person · cue “said” (neutral)" in parsed.titles
    assert "reporting cue · according to · class neutral · source Environment Agency" \
        in parsed.titles
    frames = View(view.annotated(flood, layers="frames")).titles
    # one word, two frames: one highlight whose tooltip names both rows
    assert "frame indicator · conflict · item c2 | frame indicator · responsibility · item r4" \
        in frames


def test_seeds_side_by_side_keep_every_span_and_the_text(seeds):
    parsed = View(view.side_by_side(seeds))
    assert parsed.texts == [one.raw for one in seeds]
    for column, one in enumerate(seeds):
        found = parsed.spans(column)
        assert set(found) == expected(one, among=seeds)
        assert set(found.values()) == {1}


def test_sources_keep_one_colour_and_number_across_columns(seeds):
    markup = view.side_by_side(seeds, layers="sources")
    shown = hl.highlights(seeds, ("sources",), roles=analysis.DEFAULT_ROLES)
    names = hl.entities([h for found in shown.values() for h in found], "source")
    place = names.index("The New York Times")
    assert markup.count(f"\u2009S{place + 1}</sup>") == 7 + 6  # both articles cite the paper
    styles = {h.kind: hl.look(h, names) for h in [hl.Highlight(0, 1, "source", "", "",
                                                                "The New York Times")]}
    assert styles["source"].background == hl.TOL_LIGHT[place % len(hl.TOL_LIGHT)]
    assert markup.count(" ".join(styles["source"].css())) >= 13 + 1  # highlights and legend
    assert f"S{place + 1} The New York Times</span> (7/6)" in markup


def test_hostile_text_and_labels_stay_inert():
    hostile = article(HOSTILE, id="hostile", label=HOSTILE_LABEL)
    markup = view.annotated(hostile)
    parsed = View(markup)
    assert parsed.tags <= {"div", "span", "sup", "strong"}
    assert {name for _, name, _ in parsed.attributes} <= {"class", "title", "style"}
    assert parsed.texts == [hostile.raw]
    assert "<script" not in markup and "<img" not in markup and "<a " not in markup
    assert "alert(&#x27;x&#x27;)" not in markup  # text is escaped with quote=False
    assert ">&lt;script&gt;alert('<" in markup  # ... and cut by the speech spans it holds
    assert html.escape(HOSTILE_LABEL, quote=False) + " · " in markup  # the heading
    assert "fair &amp;amp<" in markup  # an entity in the text is text, shown as written
    assert safe_html(markup) == markup


def test_hostile_source_names_stay_inert_in_tooltips_and_legend(flood, monkeypatch):
    name = '"><script>alert(1)</script><span onmouseover="x'
    rows = analysis.sources.attributions(flood).assign(canonical=name)
    monkeypatch.setattr(hl, "lens_rows", lambda articles, layer, *, roles: [rows])
    markup = view.annotated(flood, layers="sources")
    parsed = View(markup)
    assert parsed.tags <= {"div", "span", "sup", "strong"}
    assert not [a for a in parsed.attributes if a[1].startswith("on")]
    assert any(name in title for title in parsed.titles)
    assert f"S1 {name} (" in parsed.everything  # the legend names it, as text
    assert safe_html(markup) == markup


def test_no_rows_is_the_plain_text():
    quiet = article(QUIET, id="quiet")
    markup = view.annotated(quiet, layers="sources")
    parsed = View(markup)
    assert parsed.texts == [QUIET]
    assert not parsed.pieces
    assert 'class="fv ' not in markup and "<sup" not in markup
    assert "No evidence rows to highlight." in markup


def test_set_aside_paragraphs_are_dimmed_with_the_reason(flood):
    markup = view.annotated(flood, layers="voice")
    audit = flood.audit().set_index("role")
    caption, boilerplate = audit.loc["caption", "reason"], audit.loc["boilerplate", "reason"]
    assert f"[caption · not analysed: {caption}] " in View(markup).everything
    assert f"[boilerplate · set aside: {boilerplate}] " in View(markup).everything
    assert markup.count(view.DIM_STYLE) == 2
    wider = view.annotated(flood, layers="voice", roles=["headline", "body", "caption"])
    assert wider.count(view.DIM_STYLE) == 1  # the caption is read now; boilerplate never


def test_crossing_and_shared_spans_nest(flood, monkeypatch):
    raw = flood.raw
    body = flood.paragraphs[1]
    a, b = body.start, body.start + 20
    made = [hl.Highlight(a, b, "speech", "quoted", "outer"),
            hl.Highlight(a + 5, b + 10, "frame", "conflict", "crosses"),  # crosses "outer"
            hl.Highlight(a + 5, b + 10, "stance", "boosting", "same span"),
            hl.Highlight(a + 8, a + 12, "actor", "", "inside", "Someone"),
            # runs on into the next paragraph: cut at both paragraph boundaries
            hl.Highlight(body.end - 4, flood.paragraphs[2].start + 3, "loaded", "action", "x")]
    monkeypatch.setattr(view, "highlights", lambda articles, layers, *, roles: {flood.id: made})
    markup = view.annotated(flood)
    parsed = View(markup)
    assert parsed.texts == [raw]
    assert set(parsed.spans()) == {(h.kind, h.start, h.end) for h in made}
    assert markup.count("fv-part fv-n1") == 2 and markup.count("fv-part fv-n2") == 2
    assert markup.count("fv-part fv-n4") == 3  # paragraph, gap between, next paragraph
    assert f"padding-bottom: {2 * view.LINE_STEP}px;" in markup  # outer holds two levels


def test_output_is_deterministic_and_survives_the_sanitiser(seeds):
    first = view.side_by_side(seeds, layers=["stance", "voice"])
    again = view.side_by_side(list(analysis.load_corpus()), layers=["voice", "stance"])
    assert first == again
    assert safe_html(first) == first
    assert safe_html(view.annotated(seeds[0])) == view.annotated(seeds[0])


def test_the_sanitiser_still_removes_what_could_fetch():
    hostile = ('<span style="border-bottom: 2px solid url(http://x.test/a.png); '
               'padding-bottom: 4px;">a</span>'
               '<span style="padding-right: expression(alert(1));">b</span>'
               '<span style="border-bottom: 1px solid red; behavior: url(x.htc);">c</span>'
               '<span onmouseover="alert(1)" style="overflow-wrap: break-word;">d</span>')
    clean = safe_html(hostile)
    assert "url(" not in clean and "expression" not in clean and "behavior" not in clean
    assert "onmouseover" not in clean
    assert 'style="overflow-wrap: break-word;"' in clean


def test_no_category_is_told_by_colour_alone():
    """Within a layer, the kinds and categories differ by something besides colour: the line's
    style and width, bold or italic type, a background or not."""
    layers = {"voice": ("speech",), "stance": ("stance", "loaded"), "frames": ("frame",),
              "sources": ("cue",)}
    for kinds in layers.values():
        shapes = [(bool(look.background), look.line.split(" ")[:2], look.weight, look.slant)
                  for (kind, _), (look, _) in hl.LOOKS.items() if kind in kinds]
        assert len({str(s) for s in shapes}) == len(shapes), kinds
    source = hl.look(hl.Highlight(0, 1, "source", "", "", "A"), ["A"])
    assert source.background and "bold" != source.weight  # unlike a cue: no bold, a background


def test_show_and_bad_arguments(flood, seeds):
    assert isinstance(view.show(flood, layers="frames"), HTML)
    assert 'class="fv-columns"' in view.show(seeds, layers="frames").data
    with pytest.raises(AnalysisInputError, match="unknown layer"):
        view.annotated(flood, layers="tone")
    with pytest.raises(AnalysisInputError, match="one article"):
        view.annotated(seeds)


def test_the_reused_sanitiser_cleans_each_fragment_on_its_own():
    import threading

    assert safe_html("<b>unclosed <i>tags") == "<b>unclosed <i>tags</i></b>"
    assert safe_html("plain words") == "plain words"
    assert safe_html('<img src="x" onerror="alert(1)">') == '<img src="x">'
    results = []
    worker = threading.Thread(target=lambda: results.append(safe_html("<p>other thread</p>")))
    worker.start()
    worker.join()
    assert results == ["<p>other thread</p>"]

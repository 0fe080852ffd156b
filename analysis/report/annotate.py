"""Read the evidence in the text: an article's raw text as HTML with its evidence highlighted.

:func:`annotated` renders one article, :func:`side_by_side` several in columns with one
legend, and :func:`show` either of them for a notebook. ``layers`` chooses the lenses shown
(:data:`~analysis.report.highlights.LAYERS`: sources, voice, stance, frames, actors; one name,
several, or None for all), so a notebook can give each lens a static section of its own.

How the view is built:

- **Text.** The text block holds ``Article.raw`` exactly, escaped, with ``white-space:
  pre-wrap`` so line breaks show as written. Its text is the article's raw text, nothing lost
  or added, once the labels (elements of class ``fv-label``: the legend numbers of sources and
  actors, the notes on paragraphs set aside) are left out.
- **Highlights.** Each highlight is a ``<span class="fv fv-KIND fv-nN">`` with a ``title``
  tooltip naming every evidence row it stands for (kind, canonical name, cue class,
  category...) and an inline style (a background, a line under it in one of four styles,
  bold or italic type: never colour alone). ``N`` numbers the highlights of the article.
- **Nesting.** Spans nest as elements: when two spans share a start the longer one is outside
  (at the same span, the order of ``KINDS``: speech, source, cue, frame, loaded, stance,
  actor). A span that crosses the end of the one it starts in, or a paragraph boundary, is
  split there; its pieces share the class ``fv-nN`` and carry ``fv-part``, so the text of a
  highlight is the text of its pieces in order. An outer highlight's line is drawn below its
  inner ones (padding grows with the depth of what it holds), so every line stays visible.
- **Paragraphs.** Every paragraph is a ``<span class="fv-para">`` whose tooltip gives its
  role and the audit's reason; paragraphs the lenses do not read (set aside by the audit, or
  outside ``roles``) are greyed and open with a label naming their role and the reason.
- **Safe.** Only ``div``, ``span``, ``sup`` and ``strong`` with ``class``, ``title`` and
  ``style`` attributes, inline CSS only (no ``<style>`` block, which JupyterLab drops from
  untrusted output), no JavaScript; every piece of article text and every label is escaped.
  The result passes :func:`analysis.report.html.safe_html` unchanged.
- **Deterministic.** The same articles and arguments give the same bytes.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from heapq import heappop, heappush
from itertools import pairwise

from ..errors import AnalysisInputError
from ..text.article import Article, Paragraph, article_list, roles_with_embeds
from ..text.roles import DEFAULT_ROLES
from .highlights import (
    KINDS,
    LAYERS,
    Highlight,
    Look,
    chosen_layers,
    entities,
    highlights,
    legend_name,
    look,
)

__all__ = ["annotated", "side_by_side", "show", "LAYERS", "LABEL_CLASS"]

LABEL_CLASS = "fv-label"  # labels the view adds to the text: not the article's text
LINE_STEP = 4  # px of padding per level of highlights nested inside
COLUMN_GAP = 2  # % of the width between columns (inline blocks, not flex: long words wrap)
TEXT_STYLE = ("white-space: pre-wrap; overflow-wrap: break-word; line-height: 2.4; "
              "font-family: Georgia, serif;")
DIM_STYLE = "color: #595959;"
LABEL_STYLE = "font-size: 80%; font-style: italic; color: #333333;"
ENTITY_PREFIX = {"source": "S", "actor": "A"}


@dataclass
class _Node:
    """A span of the text: the whole text, a paragraph or a piece of a highlight."""

    start: int
    end: int
    rank: int  # paragraphs (-1) enclose highlights; then KINDS order
    number: int  # the highlight's number (-1 for paragraphs and the root)
    item: Highlight | Paragraph | None = None
    part: bool = False
    children: list[_Node] = field(default_factory=list)

    def key(self) -> tuple[int, int, int, int]:
        return (self.start, -self.end, self.rank, self.number)

    def depth(self) -> int:
        """How many levels of highlights this node holds."""
        inner = [child.depth() + 1 for child in self.children
                 if isinstance(child.item, Highlight)]
        return max(inner, default=0)


def _cut(item: Highlight, number: int, bounds: Sequence[int]) -> list[_Node]:
    """A highlight as nodes, cut at every paragraph boundary strictly inside it."""
    cuts = [item.start, *(b for b in bounds if item.start < b < item.end), item.end]
    parts = len(cuts) > 2
    return [_Node(a, b, KINDS.index(item.kind), number, item, parts)
            for a, b in pairwise(cuts)]


def _tree(article: Article, found: Sequence[Highlight]) -> _Node:
    """Paragraphs and highlights nested: each node holds the nodes that start inside it, and a
    node that crosses its parent's end is split there (the rest starts a node of its own)."""
    bounds = sorted({b for p in article.paragraphs for b in (p.start, p.end)})
    queue: list[tuple[tuple[int, int, int, int], int, _Node]] = []
    nodes = [_Node(p.start, p.end, -1, -1, p) for p in article.paragraphs if p.start < p.end]
    for number, item in enumerate(found):
        nodes.extend(_cut(item, number, bounds))
    for order, node in enumerate(nodes):
        heappush(queue, (node.key(), order, node))
    root = _Node(0, len(article.raw), -2, -1)
    stack, order = [root], len(nodes)
    while queue:
        _, _, node = heappop(queue)
        while node.start >= stack[-1].end:
            stack.pop()
        parent = stack[-1]
        if node.end > parent.end:  # crosses its parent's end: split, the rest waits its turn
            rest = _Node(parent.end, node.end, node.rank, node.number, node.item, True)
            node.end, node.part, order = parent.end, True, order + 1
            heappush(queue, (rest.key(), order, rest))
        parent.children.append(node)
        stack.append(node)
    return root


def _attributes(classes: str, title: str, style: str) -> str:
    found = [f'class="{classes}"', f'title="{html.escape(title)}"' if title else "",
             f'style="{style}"' if style else ""]
    return " ".join(part for part in found if part)


def _paragraph_label(paragraph: Paragraph, analysed: frozenset[str]) -> str:
    """The note opening a paragraph the lenses do not read, or "" for one they read."""
    if paragraph.kept and paragraph.role in analysed:
        return ""
    status = "set aside" if not paragraph.kept else "not analysed"
    return f"[{paragraph.role} · {status}: {paragraph.reason}] "


class _Renderer:
    """Renders one article's tree; ``entities`` numbers sources and actors for the legend."""

    def __init__(self, article: Article, found: Sequence[Highlight],
                 names: dict[str, list[str]], analysed: frozenset[str]):
        self.raw, self.found, self.names, self.analysed = article.raw, found, names, analysed

    def text(self, start: int, end: int) -> str:
        return html.escape(self.raw[start:end], quote=False)

    def node(self, node: _Node) -> str:
        inner, position = [], node.start
        for child in node.children:
            inner.append(self.text(position, child.start))
            inner.append(self.node(child))
            position = child.end
        inner.append(self.text(position, node.end))
        body = "".join(inner)
        if isinstance(node.item, Paragraph):
            return self.paragraph(node.item, body)
        if isinstance(node.item, Highlight):
            return self.highlight(node, body)
        return body

    def paragraph(self, paragraph: Paragraph, body: str) -> str:
        label = _paragraph_label(paragraph, self.analysed)
        title = f"paragraph {paragraph.index} · {paragraph.role} · {paragraph.reason}"
        if not label:
            return f"<span {_attributes('fv-para', title, '')}>{body}</span>"
        note = (f'<span {_attributes(LABEL_CLASS, "", LABEL_STYLE)}>'
                f"{html.escape(label, quote=False)}</span>")
        return f"<span {_attributes('fv-para fv-aside', title, DIM_STYLE)}>{note}{body}</span>"

    def highlight(self, node: _Node, body: str) -> str:
        item = node.item
        assert isinstance(item, Highlight)
        kind_names = self.names.get(item.kind, [])
        css = look(item, kind_names).css()
        depth = node.depth()
        if depth:
            css.append(f"padding-bottom: {LINE_STEP * depth}px;")
        classes = f"fv fv-{item.kind}{' fv-part' if node.part else ''} fv-n{node.number}"
        span = f"<span {_attributes(classes, item.title, ' '.join(css))}>{body}</span>"
        if item.kind in ENTITY_PREFIX and item.entity in kind_names and node.end == item.end:
            number = f"{ENTITY_PREFIX[item.kind]}{kind_names.index(item.entity) + 1}"
            span += (f'<sup {_attributes(LABEL_CLASS, item.entity, "font-size: 70%;")}>'
                     f"\u2009{number}</sup>")
        return span

    def render(self, tree: _Node) -> str:
        return f'<div {_attributes("fv-text", "", TEXT_STYLE)}>{self.node(tree)}</div>'


def _swatch(style: Look, text: str, title: str = "") -> str:
    return (f'<span {_attributes("fv-key", title, " ".join(style.css()))}>'
            f"{html.escape(text, quote=False)}</span>")


def _legend(per_article: dict[str, list[Highlight]], names: dict[str, list[str]],
            labels: dict[str, str]) -> str:
    """The legend: every source and actor by number, and every other kind of highlight shown,
    with how many highlights each article has (in the order the articles were given)."""
    counts = {article_id: Counter((h.kind, h.entity or h.category) for h in found)
              for article_id, found in per_article.items()}
    keys = sorted({key for count in counts.values() for key in count}, key=lambda k: (
        KINDS.index(k[0]), names[k[0]].index(k[1]) if k[0] in names else 0, k[1]))
    entries = []
    for kind, name in keys:
        numbers = [str(count[(kind, name)]) for count in counts.values()]
        tally = "/".join(numbers)
        title = " · ".join(f"{labels[a]}: {n}" for a, n in zip(counts, numbers, strict=True))
        if kind in ENTITY_PREFIX:
            place = names[kind].index(name)
            sample = Highlight(0, 1, kind, "", "", name)
            text = f"{ENTITY_PREFIX[kind]}{place + 1} {name}"
            entries.append(f"{_swatch(look(sample, names[kind]), text, title)} ({tally})")
        else:
            sample = Highlight(0, 1, kind, name, "")
            entries.append(f"{_swatch(look(sample, []), legend_name(kind, name), title)} "
                           f"({tally})")
    if not entries:
        return (f'<div {_attributes("fv-legend", "", "font-style: italic;")}>'
                "No evidence rows to highlight.</div>")
    heading = ("Highlights (count per article: " + "/".join(
        html.escape(labels[a], quote=False) for a in counts) + "): ")
    return (f'<div {_attributes("fv-legend", "", "line-height: 2.4;")}>'
            f"<strong>{heading}</strong>{' · '.join(entries)}</div>")


def _views(articles: Sequence[Article], layers, *, roles) -> tuple[list[str], str]:
    """Each article's heading and text, and the legend they share."""
    chosen = chosen_layers(layers)
    per_article = highlights(articles, chosen, roles=roles)
    every = [item for found in per_article.values() for item in found]
    names = {kind: entities(every, kind) for kind in ENTITY_PREFIX}
    analysed = roles_with_embeds(roles, "sources" in chosen)
    labels = {a.id: a.label or a.id for a in articles}
    columns = []
    for article in articles:
        found = per_article[article.id]
        body = _Renderer(article, found, names, analysed).render(_tree(article, found))
        heading = (f'<div {_attributes("fv-head", "", "font-weight: bold;")}>'
                   f"{html.escape(labels[article.id], quote=False)}"
                   f" · {html.escape(', '.join(chosen), quote=False)}</div>")
        columns.append(heading + body)
    return columns, _legend(per_article, names, labels)


def annotated(article: Article, *, layers: str | Iterable[str] | None = None,
              roles: Iterable[str] | None = DEFAULT_ROLES) -> str:
    """One article's raw text as HTML with its evidence rows highlighted.

    Args:
        article: the article.
        layers: the lenses to show: "sources" (source words, one colour and number per
            canonical source, and reporting cues), "voice" (quoted and reported speech),
            "stance" (stance markers and loaded language), "frames" (frame indicators),
            "actors" (actor mentions); one name, several, or None for all.
        roles: the paragraph roles the lenses read (headline and body by default).

    Returns:
        An HTML fragment: a heading, a legend and the text (see the module's docstring).

    Raises:
        AnalysisInputError: an unknown layer or role, or something that is not an Article.
    """
    chosen = article_list(article)
    if len(chosen) != 1:
        raise AnalysisInputError(f"annotated() takes one article, got {len(chosen)}; use "
                                 "side_by_side() for several")
    columns, legend = _views(chosen, layers, roles=roles)
    return f'<div class="fv-view">{legend}{columns[0]}</div>'


def side_by_side(articles: Sequence[Article], *, layers: str | Iterable[str] | None = None,
                 roles: Iterable[str] | None = DEFAULT_ROLES) -> str:
    """Several articles (usually the pair compared) in columns of equal width, with one legend:
    a source or actor has the same colour and number in every column, and the legend counts
    its highlights in each article. Arguments as for :func:`annotated`."""
    chosen = article_list(articles)
    columns, legend = _views(chosen, layers, roles=roles)
    width = f"{round(100 / len(chosen) - COLUMN_GAP - 1, 2):g}%"
    style = f"display: inline-block; vertical-align: top; width: {width}; " \
            f"padding-right: {COLUMN_GAP}%;"
    cells = "".join(f'<div {_attributes("fv-column", "", style)}>{column}</div>'
                    for column in columns)
    return f'<div class="fv-view">{legend}<div class="fv-columns">{cells}</div></div>'


def show(articles: Article | Sequence[Article], *, layers: str | Iterable[str] | None = None,
         roles: Iterable[str] | None = DEFAULT_ROLES):
    """The view for a notebook: one article annotated, or several side by side, as IPython
    HTML. Arguments as for :func:`annotated`."""
    from IPython.display import HTML

    chosen = article_list(articles)
    if len(chosen) == 1:
        return HTML(annotated(chosen[0], layers=layers, roles=roles))
    return HTML(side_by_side(chosen, layers=layers, roles=roles))

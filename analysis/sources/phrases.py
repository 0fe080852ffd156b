"""Attributions while they are being found, and the source phrases the finder reads: the
:class:`Found` record, a paragraph's text with its matching copy and quotations, and the noun
phrases that name a source after a cue ("according to X", "said X").

Offsets are local to the paragraph's normalised text. See :mod:`.find` for the cue frames and
:mod:`.subjects` for sources that stand before their verb.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from heapq import heappop, heappush

from ..text.article import Paragraph, Sentence
from ..text.quotation import Quote, outer_quotes
from .cues import CueSpec
from .grammar import grammar, matching_copy
from .resolve import Resolved

EDGES = " ,;:\u2013\u2014-\x01"  # what a source or clause span is trimmed of


@dataclass
class Found:
    """One attribution while it is being built (offsets local to the paragraph text)."""

    paragraph: Paragraph
    sentence: int
    bounds: tuple[int, int]  # its sentence, or the cue's window of a long one (find.cue_window)
    source: tuple[int, int]
    cue: tuple[int, int]
    spec: CueSpec
    frame: str
    resolved: Resolved | None = None
    inherited: bool = False
    governor: Found | None = None
    after: str = ""
    parenthetical: bool = False
    direct: Quote | None = None
    extra_quotes: list[Quote] = field(default_factory=list)
    speech: tuple[int, int] | None = None
    anaphoric: bool = False
    subject: tuple[int, int] | None = None
    cue_class: str = ""
    verbatim: bool = False  # the speech is the source's own words without quotation marks
    refers_to: tuple[int, int] | None = None  # what a relative "who" source stands for

    @property
    def region(self) -> tuple[int, int]:
        """The span of the source and cue together (the cue alone for an inherited source)."""
        if self.inherited:
            return self.cue
        return min(self.source[0], self.cue[0]), max(self.source[1], self.cue[1])


class SameSentence:
    """Each sentence's attributions, in order, and the ones read near one of them."""

    def __init__(self, found: Iterable[Found], sentences: Iterable[Sentence]):
        self.groups: dict[int, list[Found]] = {}
        for f in found:
            self.groups.setdefault(f.sentence, []).append(f)
        self._bounds = {s.index: (s.local_start, s.local_end) for s in sentences}
        self._by_cue: dict[int, tuple[list[int], list[int]]] = {}

    def near(self, f: Found) -> list[Found]:
        """The attributions of ``f``'s sentence, in order: all of them, unless ``f`` was read
        in a window of a long sentence (``f.bounds``, see :func:`.find.cue_window`); then
        those whose cue starts in that window."""
        group = self.groups[f.sentence]
        if f.bounds == self._bounds.get(f.sentence, f.bounds):
            return group
        if f.sentence not in self._by_cue:
            order = sorted(range(len(group)), key=lambda i: group[i].cue[0])
            self._by_cue[f.sentence] = (order, [group[i].cue[0] for i in order])
        order, starts = self._by_cue[f.sentence]
        chosen = order[bisect_left(starts, f.bounds[0]):bisect_right(starts, f.bounds[1])]
        return [group[i] for i in sorted(chosen)]


@dataclass
class ParagraphText:
    """A paragraph's text, its matching copy and its quotations (outer quotations: in text
    order, none inside another), indexed so that a lookup costs no pass over the paragraph."""

    text: str
    m: str
    quotes: list[Quote]
    _by_start: dict[int, Quote] = field(init=False, repr=False)
    _closed: list[Quote] = field(init=False, repr=False)
    _closed_starts: list[int] = field(init=False, repr=False)
    _closed_ends: list[int] = field(init=False, repr=False)
    _ends: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_start = {}
        for q in self.quotes:
            self._by_start.setdefault(q.start, q)
        self._closed = [q for q in self.quotes if q.closed]
        self._closed_starts = [q.start for q in self._closed]
        self._closed_ends = [q.end for q in self._closed]
        self._ends = [q.end for q in self.quotes]

    def quote_at(self, start: int) -> Quote | None:
        """The quotation whose opening mark stands at ``start``."""
        return self._by_start.get(start)

    def in_closed_quote(self, position: int) -> bool:
        """True when ``position`` lies between the marks of a closed quotation."""
        k = bisect_right(self._closed_starts, position - 1) - 1  # inner_start <= position
        return k >= 0 and position < self._closed[k].inner_end

    def closed_quotes_ending(self, start: int, end: int) -> list[Quote]:
        """The closed quotations whose closing mark ends in ``[start, end]``."""
        return self._closed[bisect_left(self._closed_ends, start):
                            bisect_right(self._closed_ends, end)]

    def closed_quotes_within(self, start: int, end: int) -> list[Quote]:
        """The closed quotations that open at or after ``start`` and end by ``end``."""
        first = bisect_left(self._closed_starts, start)
        last = bisect_right(self._closed_ends, end)
        return self._closed[first:max(first, last)]

    def last_quote_ending_by(self, position: int) -> Quote | None:
        """The last quotation (closed or not) that ends at or before ``position``."""
        k = bisect_right(self._ends, position) - 1
        return self.quotes[k] if k >= 0 else None


class SpanSet:
    """Spans to test positions against, growing while they are tested: ``covers`` answers
    "does a span hold this position?" in amortised logarithmic time when the positions asked
    about never decrease, as a left-to-right pass asks them (otherwise by a scan)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._all: list[tuple[int, int]] = []
        self._pending: list[tuple[int, int]] = []  # a heap of (start, end) not yet reached
        self._open: list[int] = []  # a heap of the ends of the spans reached
        self._last = -1
        for span in spans:
            self.add(span)

    def add(self, span: tuple[int, int]) -> None:
        """Add a span ``(start, end)``."""
        self._all.append(span)
        heappush(self._pending, span)

    def extend(self, spans: Iterable[tuple[int, int]]) -> None:
        """Add several spans."""
        for span in spans:
            self.add(span)

    def covers(self, position: int) -> bool:
        """True when some span ``(a, b)`` has ``a <= position < b``."""
        if position < self._last:
            return inside_any(position, self._all)
        self._last = position
        while self._pending and self._pending[0][0] <= position:
            heappush(self._open, heappop(self._pending)[1])
        while self._open and self._open[0] <= position:
            heappop(self._open)
        return bool(self._open)


def is_time(t: ParagraphText, span: tuple[int, int]) -> bool:
    """True when a phrase is only a time ("Tuesday", "Hours", "this past week"): never a
    source."""
    words = [w.lower() for w in re.findall(r"[\w'-]+", t.m[span[0]:span[1]])]
    content = [w for w in words if w not in grammar().time_fillers]
    return bool(content) and all(w in grammar().time_words for w in content)


def right_sources(t: ParagraphText, position: int, end: int,
                  any_head: bool = False) -> list[tuple[int, int]]:
    """Source spans of the noun phrase, or "A, B and C" list, starting at ``position``; with
    ``any_head`` the phrase may have any lower-case head (the subject after a verb: "said the
    master of ceremonies")."""
    g = grammar()
    match = (g.right_np_any if any_head else g.right_np).match(t.m, position, end)
    if not match:
        return []
    spans, ands = [match.span("np")], []
    while True:
        sep = g.list_sep.match(t.m, spans[-1][1], end)
        following = g.right_np.match(t.m, sep.end(), end) if sep else None
        if not following:
            break
        spans.append(following.span("np"))
        ands.append("and" in sep.group())
    if len(spans) > 1 and not ands[-1]:
        spans = spans[:1]
    return [span for span in spans if not is_time(t, span)]


def inside_any(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when ``position`` lies in one of ``spans``."""
    return any(a <= position < b for a, b in spans)


def sentence_initial(text: str, start: int, position: int) -> bool:
    """True when only quotation marks or brackets stand between ``start`` (where the sentence
    starts) and ``position``."""
    return _INITIAL.fullmatch(text, start, position) is not None


_INITIAL = re.compile(r"[ \"'(]*")


def paragraph_text(paragraph: Paragraph) -> ParagraphText:
    """A paragraph's text with its matching copy and quotations, ready for the grammar."""
    return ParagraphText(paragraph.text, matching_copy(paragraph.text),
                         outer_quotes(paragraph.text))

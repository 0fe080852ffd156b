"""Attributions while they are being found, and the source phrases the finder reads: the
:class:`Found` record, a paragraph's text with its matching copy and quotations, and the noun
phrases that name a source after a cue ("according to X", "said X").

Offsets are local to the paragraph's normalised text. See :mod:`.find` for the cue frames and
:mod:`.subjects` for sources that stand before their verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..text.article import Paragraph
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
    bounds: tuple[int, int]
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


@dataclass
class ParagraphText:
    """A paragraph's text, its matching copy and its quotations."""

    text: str
    m: str
    quotes: list[Quote]


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
    return not text[start:position].strip(" \"'(")


def paragraph_text(paragraph: Paragraph) -> ParagraphText:
    """A paragraph's text with its matching copy and quotations, ready for the grammar."""
    return ParagraphText(paragraph.text, matching_copy(paragraph.text),
                         outer_quotes(paragraph.text))

"""Cut the pieces of a scraped page that sit inside a paragraph but are not the story: photo
credits in running text ("... on Tuesday. Timothy A. Clary/AFP/Getty Images The president ...")
and the dateline that opens a story ("WASHINGTON —", "LONDON, June 27 (Reuters) -").

Each piece becomes a segment of its own, a paragraph of the article with its own role (a credit is
a caption, a dateline a dateline), and the text around it stays a paragraph of its own. Cutting is
lossless: segments are spans of the raw text, and only whitespace lies between them, so the audit
reproduces the raw text exactly. The patterns are data (``lexicons/cleaning_cues.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..lexicons import alternation, grammar_words, regex, table
from ..lexicons.prefilter import may_any, may_match
from .tokenise import word_count

CAPTION_MAX_WORDS = 80  # no caption is longer; a credit ending a shorter paragraph makes it one
DATELINE_PARAGRAPHS = 3  # a dateline opens one of the first paragraphs, once per article


@dataclass(frozen=True)
class Segment:
    """A span of the raw text that is a paragraph of the article, and what was cut, if so."""

    start: int
    end: int
    cut: str = ""  # "credit" or "dateline" for a cut-out piece, else ""
    reason: str = ""


@cache
def cues(kind: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The compiled patterns of one kind in ``lexicons/cleaning_cues.tsv``, with reasons."""
    rows = table("cleaning_cues.tsv", ("kind", "pattern", "reason"))
    return tuple((regex("cleaning_cues.tsv", i, r["pattern"]), r["reason"])
                 for i, r in enumerate(rows) if r["kind"] == kind)


def _trimmed(raw: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without surrounding whitespace, or None when only whitespace."""
    text = raw[start:end]
    stripped = text.strip()
    if not stripped:
        return None
    first = start + len(text) - len(text.lstrip())
    return first, first + len(stripped)


_SENTENCE_END = re.compile(r"(?:^|[.!?\"'”’)])\s*$")
_NEXT_SENTENCE = re.compile(r"\s*(?:$|[\"'“‘(]?[A-Z])")


def credits_in(text: str) -> list[tuple[int, int, str]]:
    """Photo credits in ``text``: ``(start, end, reason)``, in order, not overlapping. A credit
    stands between sentences: at the start or after a sentence end, and at the end or before a
    capital. Inside a sentence ("the Reuters/Ipsos poll", "by Quinnipiac/CNN") it is a name."""
    found: list[tuple[int, int, str]] = []
    if not may_any(_credit_patterns(), text):  # most paragraphs lack the "/" a credit needs
        return found
    for pattern, reason in cues("credit"):
        if not may_match(pattern, text):
            continue
        for match in pattern.finditer(text):
            if any(a < match.end() and match.start() < b for a, b, _ in found):
                continue
            if _SENTENCE_END.search(text, 0, match.start()) \
                    and _NEXT_SENTENCE.match(text, match.end()):
                found.append((match.start(), match.end(), reason))
    return sorted(found)


@cache
def _credit_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(pattern for pattern, _ in cues("credit"))


@cache
def _not_places() -> re.Pattern[str]:
    """Capitals before a dash that are no dateline: editorial labels ("EXCLUSIVE –",
    ``grammar.tsv``), and a short acronym with no date or wire after it ("NATO -", "FBI —")."""
    labels = alternation(grammar_words("editorial_labels"), longest_first=True)
    return re.compile(rf"(?:{labels})\b|[A-Z]{{2,4}} ?(?:\u2014|\u2013|--|-)")


def dateline_at(text: str) -> tuple[re.Match[str], str] | None:
    """The dateline opening ``text`` ("WASHINGTON —") and its reason, when running text
    follows it."""
    if _not_places().match(text):
        return None
    for pattern, reason in cues("dateline"):
        match = pattern.match(text)
        if match and re.match(r"\s*[\"'“A-Z]", text[match.end():]) \
                and word_count(text[match.end():]) >= 3:
            return match, reason
    return None


def cut_segments(raw: str, spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """The article's segments: each paragraph span, with credits inside running text and a
    dateline at the start of one of the first paragraphs cut out as segments of their own. A
    credit that opens or ends a short paragraph is left in place: the paragraph is a caption. A
    note whose story resumes after a label ("PREVIOUSLY:") is cut after the label."""
    segments: list[Segment] = []
    dated = False
    for number, (start, end) in enumerate(spans):
        pieces: list[Segment] = []
        position = start
        if not dated and number < DATELINE_PARAGRAPHS:
            found = dateline_at(raw[start:end])
            if found:
                match, why = found
                span = _trimmed(raw, start, start + match.end())
                if span:
                    pieces.append(Segment(*span, "dateline", f"{why}: '{raw[span[0]:span[1]]}', "
                                          "cut from the start of its paragraph"))
                    position, dated = start + match.end(), True
        note = None
        for pattern, _ in cues("note"):
            note = pattern.match(raw, position, end)
            if note:
                break
        resume = next((m for p, _ in cues("resume") for m in [p.search(raw, position, end)]
                       if m and m.start() > position), None) if note else None
        if resume and _trimmed(raw, resume.end(), end):
            # "UPDATE: 5/12 -- ... PREVIOUSLY: George Zimmerman is selling ...": the note ends
            # with the label, and the story goes on after it
            span = _trimmed(raw, position, resume.end())
            if span:
                pieces.append(Segment(*span))
            position = resume.end()
        base = position
        text = raw[base:end]
        credits = credits_in(text)
        if credits and word_count(text) <= CAPTION_MAX_WORDS:
            # a credit that opens or closes a short paragraph makes it a caption, kept whole:
            # "... (right). Handout/Reuters.", "Ana Ruiz/AFP/Getty Images The mayor speaks ..."
            credits = [c for c in credits if c[0] > 0 and c[1] < len(text.rstrip(" ."))]
        for a, b, reason in credits:
            before = _trimmed(raw, position, base + a)
            credit = _trimmed(raw, base + a, base + b)
            if before:
                pieces.append(Segment(*before))
            if credit:
                pieces.append(Segment(*credit, "credit", f"{reason}: "
                                      f"'{raw[credit[0]:credit[1]]}', cut out of the running "
                                      "text around it"))
            position = base + b
        rest = _trimmed(raw, position, end)
        if rest:
            pieces.append(Segment(*rest))
        segments.extend(pieces)
    return segments

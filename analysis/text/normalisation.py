"""Normalise paragraph text for analysis while keeping exact offsets into the raw text.

The raw article is never changed. Normalisation produces a second string for matching
(straight quotes, plain spaces, rejoined handles, no footnote markers) together with an
:class:`OffsetMap` that sends any span of the normalised string back to the raw span it
came from, so that every count can be traced to ``raw[start:end]``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

# Links are recognised before word tokenisation so that "pic.twitter.com/abc" or
# "https://t.co/x" never become words.
LINK_PATTERN = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]"
    r"|\bpic\.twitter\.com/\w+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|co|uk|ru|gov|edu|io)/[^\s<>\"']*[^\s<>\"'.,;:!?)\]]",
    re.IGNORECASE,
)
HANDLE_PATTERN = re.compile(r"(?<![\w@/])@\w{1,30}")
HASHTAG_PATTERN = re.compile(r"(?<![\w#&/])#\w*[^\W\d_]\w*")

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2039\u203a\u00b4\u2032"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# One pass over the text; the first alternative that matches at a position wins.
_EDITS = re.compile(
    r"(?P<handle>(?<![\w@])@[ \t]+(?=\w))"
    r"|(?P<footnote>(?<=[^\W\d_])[ \t]?\*+(?=[\s,.;:!?)\"'\u201d\u2019]|$))"
    rf"|(?P<zero_width>[{ZERO_WIDTH}]+)"
    # two single quotes or backticks typed for a double quote (''like this'', ``or this'')
    r"|(?P<doubled_quote>''|``|\u2018\u2018|\u2019\u2019)"
    rf"|(?P<single_quote>[{SINGLE_QUOTES}])"
    rf"|(?P<double_quote>[{DOUBLE_QUOTES}])"
    # any whitespace run (zero-width characters inside it included) except a lone plain space
    rf"|(?P<space>(?=[^\S ]|\s[\s{ZERO_WIDTH}]*\s)\s(?:[\s{ZERO_WIDTH}]*\s)?)"
)
# Where an edit can start: a character that starts one of the alternatives above, except a
# plain space that no whitespace, zero-width character or "*" follows. One character class, so
# the regular-expression engine skips the rest of the text in C (:func:`_edits`).
_EDIT_START = re.compile(
    rf"[@*`'{SINGLE_QUOTES}{DOUBLE_QUOTES}{ZERO_WIDTH}\s](?<! (?![\s{ZERO_WIDTH}*]))")


def _edits(source: str) -> Iterator[re.Match[str]]:
    """The matches of ``_EDITS.finditer(source)``, found faster: ``_EDITS`` is tried only where
    ``_EDIT_START`` says an edit can start (most characters cannot start one)."""
    return matches_at(_EDITS, _EDIT_START, source)


def matches_at(pattern: re.Pattern[str], starts: re.Pattern[str], source: str
               ) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(source)``, for a pattern that matches no empty string
    and whose matches start only where ``starts`` matches, found faster: ``pattern`` is tried
    only there (the engine scans for ``starts``, a short pattern, in C)."""
    search, match = starts.search, pattern.match
    position = 0
    while (candidate := search(source, position)) is not None:
        found = match(source, candidate.start())
        if found is None:
            position = candidate.start() + 1
            continue
        yield found
        position = found.end()


def is_mark(char: str) -> bool:
    """True for a combining mark (Unicode category M: an accent, a vowel sign ...), which
    belongs to the character before it."""
    return unicodedata.category(char)[0] == "M"


def past_marks(text: str, end: int) -> int:
    """``end`` moved past any combining marks that follow it, so that a span never ends
    between a letter and its accents."""
    while end < len(text) and is_mark(text[end]):
        end += 1
    return end


@cache
def mark_class() -> str:
    """Every combining mark as the inside of a regular-expression class (``[\\w{...}]`` is
    a word character with its accents)."""
    ranges: list[str] = []
    for low, high in ((0, 0x20000), (0xE0000, 0xE1000)):  # no marks are assigned elsewhere
        # each code point's category letter, in one string: runs of "M" are runs of marks
        letters = "".join(map(itemgetter(0), map(unicodedata.category, map(chr, range(low, high)))))
        for run in re.finditer("M+", letters):
            a, b = low + run.start(), low + run.end() - 1
            ranges.append(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}")
    return "".join(ranges)


@dataclass(frozen=True)
class Segment:
    """A run of normalised text and the raw run it stands for."""

    norm_start: int
    raw_start: int
    norm_len: int
    raw_len: int
    kind: str  # "copy" for unchanged text, otherwise the name of the edit

    @property
    def is_copy(self) -> bool:
        """True when the normalised run is the raw run unchanged."""
        return self.kind == "copy"


class OffsetMap:
    """Maps positions in a normalised string to positions in the raw text."""

    def __init__(self, segments: list[Segment], raw_end: int):
        self.segments = [s for s in segments if s.norm_len > 0]
        self.deletions = [s for s in segments if s.norm_len == 0]
        self._starts = [s.norm_start for s in self.segments]
        self.raw_end = raw_end

    def _segment_at(self, position: int) -> Segment:
        return self.segments[bisect_right(self._starts, position) - 1]

    def raw_start(self, position: int) -> int:
        """Raw offset of the character at ``position`` of the normalised text."""
        last = self.segments[-1] if self.segments else None
        if last is None or position >= last.norm_start + last.norm_len:
            return self.raw_end
        seg = self._segment_at(position)
        return seg.raw_start + (position - seg.norm_start if seg.is_copy else 0)

    def raw_stop(self, position: int) -> int:
        """Raw offset just after the character at ``position - 1`` of the normalised text."""
        if position <= 0 or not self.segments:
            return self.raw_start(0)
        seg = self._segment_at(position - 1)
        if seg.is_copy:
            return seg.raw_start + (position - seg.norm_start)
        return seg.raw_start + seg.raw_len

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``(start, end)`` covering the normalised span ``[start, end)``."""
        if end <= start:
            point = self.raw_start(start)
            return point, point
        return self.raw_start(start), self.raw_stop(end)


class Normalised:
    """Normalised text with the map back to the raw text it came from.

    The map (``offsets``) is built when first asked for: counting reads only ``text``.
    """

    __slots__ = ("text", "_offsets", "_raw", "_base")

    def __init__(self, text: str, offsets: OffsetMap | None = None, *, raw: str = "",
                 base: int = 0):
        self.text = text
        self._offsets = offsets
        self._raw, self._base = raw, base  # what ``normalise`` builds the map from

    @property
    def offsets(self) -> OffsetMap:
        """The map from positions in ``text`` to positions in the raw text."""
        if self._offsets is None:
            self._offsets = _mapped(self._raw, self._base).offsets
        return self._offsets

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span for the normalised span ``[start, end)``."""
        return self.offsets.raw_span(start, end)

    def edits(self) -> list[Segment]:
        """Every change the normaliser made, deletions included, in text order."""
        changed = [s for s in self.offsets.segments if not s.is_copy] + self.offsets.deletions
        return sorted(changed, key=lambda s: (s.raw_start, s.norm_start))

    def __repr__(self) -> str:
        return f"Normalised(text={self.text!r})"


class _Builder:
    """Accumulates normalised text and segments while scanning a source string."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def add(self, out: str, raw_start: int, raw_len: int, kind: str) -> None:
        """Append ``out``, which stands for ``raw_len`` raw characters from ``raw_start``."""
        self.parts.append(out)
        self.add_segment(len(out), raw_start, raw_len, kind)

    def add_segment(self, norm_len: int, raw_start: int, raw_len: int, kind: str) -> None:
        """Record a segment, merging it into the previous one when both are plain copies."""
        last = self.segments[-1] if self.segments else None
        if (kind == "copy" and last is not None and last.is_copy
                and last.raw_start + last.raw_len == raw_start):
            self.segments[-1] = Segment(last.norm_start, last.raw_start,
                                        last.norm_len + norm_len, last.raw_len + raw_len, "copy")
        else:
            self.segments.append(Segment(self.length, raw_start, norm_len, raw_len, kind))
        self.length += norm_len


def _replacement(kind: str, matched: str) -> str:
    if kind == "handle":
        return "@"
    if kind in ("footnote", "zero_width"):
        return ""
    if kind == "single_quote":
        return "'"
    if kind in ("double_quote", "doubled_quote"):
        return '"'
    return matched if matched == " " else " "


def _nfc(raw: str, base: int) -> tuple[str, list[Segment]]:
    """NFC-compose ``raw``, grouping characters into clusters that compose together."""
    builder = _Builder()
    clusters: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(raw) + 1):
        if i == len(raw) or unicodedata.combining(raw[i]) == 0:
            clusters.append((start, i))
            start = i
    # Merge neighbouring clusters that compose across their boundary (e.g. Hangul jamo).
    merged: list[tuple[int, int]] = []
    for cluster in clusters:
        if merged:
            prev = merged[-1]
            left, right = raw[prev[0]:prev[1]], raw[cluster[0]:cluster[1]]
            nfc = unicodedata.normalize
            if nfc("NFC", left + right) != nfc("NFC", left) + nfc("NFC", right):
                merged[-1] = (prev[0], cluster[1])
                continue
        merged.append(cluster)
    for a, b in merged:
        piece = raw[a:b]
        composed = unicodedata.normalize("NFC", piece)
        # what composition left as it was (a space before reordered accents) stays a copy
        pairs = enumerate(zip(piece, composed, strict=False))
        same = next((k for k, (x, y) in pairs if x != y), min(len(piece), len(composed)))
        if same:
            builder.add(composed[:same], base + a, same, "copy")
        if same < len(piece):
            builder.add(composed[same:], base + a + same, b - a - same, "unicode")
    return "".join(builder.parts), builder.segments


def _compose(outer: list[Segment], inner: OffsetMap) -> list[Segment]:
    """Chain segments over an intermediate string with the intermediate's map to raw."""
    result = _Builder()
    for seg in outer:
        if not seg.is_copy:
            start, end = inner.raw_span(seg.raw_start, seg.raw_start + seg.raw_len)
            result.add_segment(seg.norm_len, start, end - start, seg.kind)
            continue
        position, stop = seg.raw_start, seg.raw_start + seg.raw_len
        while position < stop:
            inner_seg = inner._segment_at(position)
            piece_end = min(stop, inner_seg.norm_start + inner_seg.norm_len)
            if inner_seg.is_copy:
                raw_at = inner_seg.raw_start + (position - inner_seg.norm_start)
                result.add_segment(piece_end - position, raw_at, piece_end - position, "copy")
            else:
                result.add_segment(piece_end - position, inner_seg.raw_start,
                                   inner_seg.raw_len, inner_seg.kind)
            position = piece_end
    return result.segments


def normalise(raw: str, base: int = 0) -> Normalised:
    """Normalise ``raw`` (a slice starting at ``base`` in the article) for matching.

    Steps: Unicode NFC; every whitespace run (non-breaking spaces and line breaks
    included) becomes one space; curly and angled quotes become ``'`` or ``"``, and a pair of
    single quotes or backticks typed for a double quote (``''``) becomes ``"``;
    zero-width characters and soft hyphens are dropped; "@ name" becomes "@name";
    footnote markers after a word ("Taliban *") are dropped. Offsets stay exact; text that is
    already NFC gets its offset map only when one is asked for.
    """
    if not unicodedata.is_normalized("NFC", raw):
        return _mapped(raw, base)
    parts: list[str] = []
    position = 0
    for match in _edits(raw):
        parts += (raw[position:match.start()], _replacement(match.lastgroup or "space",
                                                            match.group()))
        position = match.end()
    if not parts:
        return Normalised(raw, raw=raw, base=base)
    parts.append(raw[position:])
    return Normalised("".join(parts), raw=raw, base=base)


def _mapped(raw: str, base: int) -> Normalised:
    """:func:`normalise` with its offset map, both built in one pass."""
    inner: OffsetMap | None = None
    source = raw
    if not unicodedata.is_normalized("NFC", raw):
        source, nfc_segments = _nfc(raw, base)
        inner = OffsetMap(nfc_segments, base + len(raw))
    origin = 0 if inner is not None else base
    builder = _Builder()
    position = 0
    for match in _edits(source):
        kind = match.lastgroup or "space"
        if match.start() > position:
            builder.add(source[position:match.start()], origin + position,
                        match.start() - position, "copy")
        out = _replacement(kind, match.group())
        builder.add(out, origin + match.start(), len(match.group()),
                    "copy" if out == match.group() else kind)
        position = match.end()
    if position < len(source):
        builder.add(source[position:], origin + position, len(source) - position, "copy")
    text = "".join(builder.parts)
    segments = builder.segments if inner is None else _compose(builder.segments, inner)
    return Normalised(text, OffsetMap(segments, base + len(raw)))

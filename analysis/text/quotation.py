"""Quotation marks in normalised paragraph text, paired into quoted spans.

Paragraph text is normalised, so every quotation mark is a straight ``"`` or ``'`` (curly,
angled and low quotes are straightened with offsets kept). Double quotes pair in order: the
first opens, the next closes, whatever the spacing around them (translations print
``Taliban? ",``). Single quotes are harder because the same character is the apostrophe:
a ``'`` between two letters or digits ("Moscow's", "don't") or before a year ("'90s") is never
a quotation mark; an opening mark must follow a space, a bracket, a dash or the start of the
text and precede a word; a closing mark must follow a non-space and precede a space,
punctuation or the end. Quotes are found per paragraph, so a quotation may run over several
sentences.

Limits: a plural possessive ("the officials' view") inside an open single quotation can close it
early; an unclosed single quote is dropped (it is more often an apostrophe than a quotation); an
unclosed double quote runs to the end of the paragraph (the convention for a quotation that
continues in the next paragraph) and is marked ``closed=False``. Nested quotations are kept
only when wholly inside an outer one; :func:`outer_quotes` gives the outermost spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_OPEN_BEFORE = " \t([{\u2013\u2014\u2015-/:;\""
_ELISION = re.compile(r"'(?:\d\d(?:s\b|\b)|em\b|til\b|n'|cause\b)", re.I)


@dataclass(frozen=True)
class Quote:
    """A quoted span: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    mark: str
    closed: bool

    @property
    def inner_start(self) -> int:
        """Position just after the opening mark."""
        return self.start + 1

    @property
    def inner_end(self) -> int:
        """Position of the closing mark (the end of the text when unclosed)."""
        return self.end - 1 if self.closed else self.end

    def contains(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside the quotation marks."""
        return self.inner_start <= start and end <= self.inner_end


def _double_quotes(text: str) -> list[Quote]:
    """Pair straight double quotes in order; an unclosed one runs to the end."""
    quotes, opened = [], None
    for match in re.finditer('"', text):
        i = match.start()
        if opened is None:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if not before.isspace() and before not in _OPEN_BEFORE and (
                    after.isspace() or after in ".,;:!?)"):
                continue  # a stray closing mark with nothing open
            opened = i
        else:
            quotes.append(Quote(opened, i + 1, '"', True))
            opened = None
    if opened is not None:
        quotes.append(Quote(opened, len(text), '"', False))
    return quotes


def _is_apostrophe(text: str, i: int) -> bool:
    """True for a ' inside a word or eliding the start of one ('90s, 'em)."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    return bool(_ELISION.match(text, i)) and (before.isspace() or i == 0)


def _single_quotes(text: str) -> list[Quote]:
    """Pair single quotes that open before a word and close after one."""
    quotes, opened = [], None
    for match in re.finditer("'", text):
        i = match.start()
        if _is_apostrophe(text, i):
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = (i == 0 or before in _OPEN_BEFORE or before.isspace()) and (
            after.isalnum() or after in "\".\u2026")
        closes = not before.isspace() and (after.isspace() or not after.isalnum())
        if opened is None and opens:
            opened = i
        elif opened is not None and closes:
            quotes.append(Quote(opened, i + 1, "'", True))
            opened = None
    return quotes


def quotes(text: str) -> list[Quote]:
    """Every quoted span of ``text`` (double and single marks), in order of their start."""
    doubles = _double_quotes(text)
    starts = [d.start for d in doubles]  # doubles do not overlap: sorted by start and by end
    singles = []
    for s in _single_quotes(text):
        # a single quotation is kept when every double it overlaps contains it: the doubles it
        # overlaps are consecutive, from the last one that starts before it ends
        k = bisect_left(starts, s.end) - 1
        if k < 0 or doubles[k].end <= s.start or doubles[k].contains(s.start, s.end) and (
                k == 0 or doubles[k - 1].end <= s.start):
            singles.append(s)
    return sorted(doubles + singles, key=lambda q: (q.start, -q.end))


def outer_quotes(text: str) -> list[Quote]:
    """The quoted spans of ``text`` that are not inside another quotation."""
    outer, reach = [], -1
    for q in quotes(text):  # sorted by start, longest first: one inside another comes after it
        if q.end > reach:
            outer.append(q)
            reach = q.end
    return outer


def in_outer_quote(outer: list[Quote], position: int) -> bool:
    """True when ``position`` lies in one of ``outer`` (:func:`outer_quotes`: in order, none
    inside another), marks included: a binary search, not a pass over the quotations."""
    k = bisect_right(outer, position, key=lambda q: q.start) - 1
    return k >= 0 and position < outer[k].end


def is_title(inner: str, min_words: int = 1) -> bool:
    """True for quoted words in title case ("Meet the Press", "Fox News Sunday", "This Week"):
    the name of a programme, book or slogan, not someone's words. Words of three letters or
    fewer may be lower case, except the first. ``min_words=2`` keeps a one-word answer
    ("Yes," he said) from counting as a title."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", inner)
    long = [w for i, w in enumerate(words) if len(w) > 3 or i == 0]
    return len(words) >= min_words and bool(long) and all(w[0].isupper() for w in long)

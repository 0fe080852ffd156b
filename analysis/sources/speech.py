"""What was said: the quotation or clause each attribution's cue governs, and its quoted words.

See :mod:`analysis.sources` for the rules: a direct quotation when the cue introduces one;
otherwise the that-clause or the words after the cue, the clause before a cue placed after it,
the previous sentence for "This was reported by X", and nothing for a non-response.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..text.article import Sentence
from ..text.quotation import Quote
from ..text.spans import strip_span
from .find import skip_adverbials
from .grammar import grammar
from .phrases import EDGES, Found, ParagraphText, sentence_initial

_SPEECH_END = re.compile(r"\s(?:\u2013|\u2014|-)\s|;")


def _trim_speech(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A speech span without edge punctuation or a dangling conjunction; None if empty."""
    start, end = strip_span(text, start, end, EDGES)
    while end > start and text[end - 1] in " .,;:":
        end -= 1
    tail = grammar().trailing_conj.search(text, start, end)
    if tail:
        end = tail.start()
    start, end = strip_span(text, start, end, EDGES)
    return (start, end) if end > start else None


def _post_speech(text: str, start: int, f: Found, others: Sequence[Found]) -> tuple[int, int] \
        | None:
    """The words a cue governs after it: up to the sentence end or the next new clause's
    attribution, a semicolon or a dash."""
    end = f.bounds[1]
    stop = _SPEECH_END.search(text, start, end)
    if stop:
        end = stop.start()
    for other in others:
        if other is f or (other.frame == "relay" and other.governor is not f):
            continue
        region = other.region[0]
        if start < region < end and grammar().new_clause.search(text[start:region]):
            end = region
    return _trim_speech(text, start, end)


def _pre_speech(text: str, f: Found, others: Sequence[Found]) -> tuple[int, int] | None:
    """The clause before a cue placed after it ("..., officials said")."""
    start = f.bounds[0]
    region = f.region[0]
    for other in others:
        if other is f or other.governor is f or f.governor is other:
            continue
        said_before = other.speech is not None and other.speech[1] <= other.region[0]
        if other.region[1] <= region and (said_before or other.speech is None):
            start = max(start, other.region[1])
    return _trim_speech(text, start, region)


def _that_clause(text: str, f: Found, others: Sequence[Found]) -> tuple[int, int] | None:
    """The that-clause after a noun-frame source ("the words attributed to him, it follows that
    ...")."""
    match = re.search(r"\bthat\s", text[f.source[1]:f.bounds[1]])
    if not match:
        return None
    return _post_speech(text, f.source[1] + match.end(), f, others)


_COMMA_GAP = re.compile(r"\s*,?\s*")
_GAP = re.compile(r"[\s,]*")
_PUNCTUATION_GAP = re.compile(r"[\s.,;:!?]*")


def _after_region(t: ParagraphText, f: Found) -> int:
    """Where the governed words of a pre-posed "according to X, ..." start."""
    position = skip_adverbials(ParagraphText(t.text, t.m, []), f.source[1], f.bounds[1])
    return _COMMA_GAP.match(t.text, position).end()


def set_speech(t: ParagraphText, f: Found, others: Sequence[Found],
               sentences: Sequence[Sentence]) -> None:
    """Decide what was said for one attribution (see the module docstring); ``sentences`` are
    the paragraph's, in order."""
    text = t.text
    if (f.cue_class or f.spec.cue_class) == "non_response" or f.frame == "relay":
        f.speech = None
        return
    if f.frame in ("turn", "colon") and f.direct is None:
        return  # a speaker's turn or what follows a label's colon, set when it was found
    if f.direct is not None:
        f.speech = _quote_span(text, f.direct)
        extra = t.quote_at(_GAP.match(text, f.region[1]).end())
        if extra is not None and extra is not f.direct:
            f.extra_quotes.append(extra)
        return
    if f.frame in ("verb", "evaluative"):
        if f.parenthetical:
            f.speech = _pre_speech(text, f, others)
            return
        start = f.speech[0] if f.speech else f.cue[1]
        if f.frame == "evaluative":
            start = f.cue[1]
        rest = text[start:f.bounds[1]]
        lead = grammar().speech_lead.match(rest)
        f.speech = _post_speech(text, start + (lead.end() if lead else 0), f, others)
        return
    if f.frame == "according":
        before = _pre_speech(text, f, others)
        position = _after_region(t, f)
        after = _post_speech(text, position, f, others) if position < f.bounds[1] else None
        if after is None or grammar().leading_conj.match(text, after[0]):
            f.speech = before
        elif before is None or sentence_initial(text, f.bounds[0], f.cue[0]):
            f.speech = after
        else:
            f.speech = after if after[1] - after[0] >= before[1] - before[0] else before
        return
    if f.frame == "passive":
        if f.anaphoric:
            k = bisect_right(sentences, f.bounds[0], key=lambda s: s.local_end) - 1
            f.speech = _trim_speech(text, sentences[k].local_start, sentences[k].local_end) \
                if k >= 0 else None
        else:
            f.speech = f.subject
        return
    f.speech = _that_clause(text, f, others)


def continue_quotes(t: ParagraphText, found: Sequence[Found]) -> None:
    """Give a direct quotation its continuations: a quotation that follows it in the paragraph
    with nothing but punctuation between ('"We will win," Smith said. "And we will win big."')
    and no attribution of its own is the same speaker's, and so is the next one after that.
    The speech span then runs from the first part to the last (the source and cue between
    them stay the writer's words: :func:`analysis.voice.spans` cuts them out)."""
    text = t.text
    claimed = {id(q) for f in found for q in (f.direct, *f.extra_quotes) if q is not None}
    for f in sorted(found, key=lambda g: g.cue[0]):
        if f.direct is None or f.frame == "relay" or f.speech is None:
            continue
        for q in f.extra_quotes:  # the second part of an interrupted quotation
            f.speech = (min(f.speech[0], _quote_span(text, q)[0]),
                        max(f.speech[1], _quote_span(text, q)[1]))
        end = max([f.region[1], *(q.end for q in (f.direct, *f.extra_quotes))])
        while True:
            nxt = t.quote_at(_PUNCTUATION_GAP.match(text, end).end())
            if nxt is None or not nxt.closed or id(nxt) in claimed:
                break
            f.extra_quotes.append(nxt)
            claimed.add(id(nxt))
            f.speech = (min(f.speech[0], _quote_span(text, nxt)[0]),
                        max(f.speech[1], _quote_span(text, nxt)[1]))
            end = nxt.end


def quote_fields(t: ParagraphText, f: Found) -> tuple[str, str]:
    """The quote kind and quoted words of an attribution."""
    text = t.text
    if f.verbatim and f.speech is not None:
        return "direct", text[slice(*f.speech)]
    if f.direct is not None:
        parts = [f.direct, *f.extra_quotes]
        return "direct", " … ".join(_quote_words(text, q) for q in parts)
    if f.speech is None:
        return "none", ""
    a, b = f.speech
    inside = t.closed_quotes_within(a, b + 1)
    if not inside:
        return "none", ""
    return "partial", " … ".join(_quote_words(text, q) for q in inside)


def _quote_span(text: str, q: Quote) -> tuple[int, int]:
    """The quoted words of ``q`` without surrounding spaces or a trailing comma."""
    a, b = q.inner_start, q.inner_end
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return (a, b) if b > a else (q.inner_start, q.inner_end)


def _quote_words(text: str, q: Quote) -> str:
    """The quoted words of ``q``, as in the normalised text."""
    return text[slice(*_quote_span(text, q))]

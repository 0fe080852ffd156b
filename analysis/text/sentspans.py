"""Sentence spans equal to NLTK's Punkt (``PunktSentenceTokenizer.span_tokenize``) with this
project's parameters: its abbreviation list and no trained model.

Punkt (Kiss, T. and Strunk, J. 2006, "Unsupervised Multilingual Sentence Boundary Detection",
*Computational Linguistics* 32(4): 485-525) decides at each ".", "?" and "!" whether a sentence
ends there, from the word before it, the word after it and statistics learnt from a corpus.
This module follows NLTK's implementation (``nltk.tokenize.punkt``, NLTK 3.10) step by step,
without its token objects and with the standard ``re`` engine, for the parameters
``tokenise.sentence_splitter`` gives it (``abbrev_types`` from ``abbreviations.txt``; empty
``collocations``, ``sent_starters`` and ``ortho_context``). With that empty model the rules
reduce to these:

* **Candidates** (``_match_potential_end_contexts``): every ".", "?" or "!" followed by a
  character that cannot be in a word (``) " ; } ] * : @ ' ( { [ ‘ ’ “ ” « » ? !``) or by
  whitespace and a next word. Of candidates with no ASCII whitespace between them
  ("acting!!!", 'Why?!"'), only the last is decided. Its context is the word before it (back
  to the last ASCII whitespace), the candidate and what follows it (that character, or the
  whitespace and the next word).
* **Decision** (``text_contains_sentbreak``): the context is split into Punkt's word tokens
  (``PunktLanguageVars.word_tokenize``, line by line); a sentence ends at the candidate if any
  token but the last is a break. By the first pass (``_first_pass_annotation``) "." "?" "!"
  are breaks; a run of stops ("...") is an ellipsis, never a break; another token ending in
  one "." is a break unless it is a known abbreviation (the part before the stop, lower-cased,
  or its last hyphenated part: "ex-gov."), which never breaks.
* **Second pass** (``_second_pass_annotation``): the collocation and frequent-starter rules
  never fire, and the orthographic heuristic (``_ortho_heuristic``) with no counts says only
  "not a starter" (the next token is one of ``; : , . ! ?`` or starts lower-case) or
  "unknown". So an abbreviation or ellipsis is never made a break, and a break after an
  initial ("J.") or a number ("3.", "1.5.") is undone when the next token is not a starter;
  after an initial also when the next token starts upper-case ("J. Smith").
* **Spans** (``_slices_from_text``, ``_realign_boundaries``): a sentence ends after the
  candidate and the next starts at the next word (or right after the candidate); the last ends
  at the text's end less trailing whitespace. Closing quotes and brackets at the start of a
  sentence (``" ' ) ] } ‘ ’ “ ” « »`` before whitespace, "--" or the line's end) are moved to
  the sentence before; empty sentences are dropped.

NLTK's patterns run in the ``regex`` engine, whose ``\\s`` is Unicode's White_Space (not the
controls U+001C to U+001F that ``re`` and ``str.split`` count as space); the patterns here spell
that class out, so both engines read the same text the same way. ``\\w`` and ``\\d`` appear
only in the tests for an initial and a number, which use ``regex`` for non-ASCII tokens.
Most candidates are decided without splitting their context (``_ends_sentence``). Every input
is read this way: none is handed to NLTK. ``tests/test_sentspans.py`` checks the
spans against NLTK's Punkt on the seeds, on hand-written cases and on generated strings;
``benchmarks/check_sentences.py`` on a folder of articles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# regex's \s (Unicode White_Space) and \S, spelt out for the re engine.
_WHITE = r"\t\n\x0b\x0c\r\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE = f"[{_WHITE}]"
_NOT_SPACE = f"[^{_WHITE}]"

# PunktLanguageVars' pieces as NLTK 3.10 builds them (NonWord, MultiChar, WordStart).
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb!\?])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"
_WORD_TOKENIZE_FMT = r"""(
        %(MultiChar)s
        |
        (?=%(WordStart)s)\S+?  # Accept word characters until end is found
        (?= # Sequences marking a word's end
            \s|                                 # White-space
            $|                                  # End-of-string
            %(NonWord)s|%(MultiChar)s|          # Punctuation
            ,(?=$|\s|%(NonWord)s|%(MultiChar)s) # Comma if at end of word
        )
        |
        \S
    )"""
_PERIOD_CONTEXT_FMT = r"""
        %(SentEndChars)s             # a potential sentence ending
        (?=(?P<after_tok>
            %(NonWord)s              # either other punctuation
            |
            \s+(?P<next_tok>\S+)     # or whitespace and some other token
        ))"""
_SENT_END_CHARS = r"[\.\?!]"
_BOUNDARY_REALIGNMENT = r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)'


def _for_re(pattern: str) -> str:
    """``pattern`` with ``\\s`` and ``\\S`` replaced by regex's classes."""
    return pattern.replace(r"\s", _SPACE).replace(r"\S", _NOT_SPACE)


_PIECES = {"NonWord": _NON_WORD, "MultiChar": _MULTI_CHAR, "WordStart": _WORD_START,
           "SentEndChars": _SENT_END_CHARS}
_WORD = re.compile(_for_re(_WORD_TOKENIZE_FMT % _PIECES), re.VERBOSE)
_CANDIDATE = re.compile(_for_re(_PERIOD_CONTEXT_FMT % _PIECES), re.VERBOSE)
_REALIGN = re.compile(_for_re(_BOUNDARY_REALIGNMENT), re.MULTILINE)
_OTHER_SPACE = "\t\n\r\x0b\x0c"  # string.whitespace but " ": where a word before a candidate starts
_BREAKS = (".", "?", "!")
_CLOSING = "\"')]}\u2018\u2019\u201c\u201d\xab\xbb"  # what _REALIGN must start with
_NOT_STARTERS = (";", ":", ",", ".", "!", "?")  # PunktSentenceTokenizer.PUNCTUATION
_SIMPLE_WORD = re.compile(r"\w+(?:[.\-]\w+)*")  # one Punkt token with a stop after it
_NO_BREAK = re.compile(r"[^.?!]*")
_NUMERIC = re.compile(r"^-?[\.,]?[0-9][0-9,\.-]*\.?$")  # PunktToken's, for ASCII tokens


@cache
def _abbreviations() -> frozenset[str]:
    from .tokenise import abbreviations

    return abbreviations()


@cache
def _unicode_rules():
    """PunktToken's initial and number patterns in NLTK's engine, for non-ASCII tokens."""
    import regex

    return (regex.compile(r"[^\W\d]\.$", regex.UNICODE),
            regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$"))


def span_tokenize(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, as ``list(sentence_splitter().span_tokenize(text))``.

    Args:
        text: Any text (one paragraph in this project).

    Returns:
        The sentence spans in order.
    """
    return _realign(text, _slices(text))


def _slices(text: str) -> list[tuple[int, int]]:
    """The sentences before realignment (``_slices_from_text``)."""
    spaces = [c for c in _OTHER_SPACE if c in text]
    slices: list[tuple[int, int]] = []
    last_break = 0
    start = stop = 0  # the word before the pending candidate (``previous_slice``)
    pending = None
    for match in _candidates(text):
        at = match.start()
        space = text.rfind(" ", stop, at)
        for char in spaces:
            space = max(space, text.rfind(char, stop, at))
        # NLTK takes a space at ``stop`` (only ever text[0]) for none and keeps ``start``
        word_start = space + 1 if space > stop else start
        # a candidate is decided only if no other follows it before the next ASCII space
        if pending is not None and stop <= word_start:
            last_break = _decide(text, pending, start, stop, slices, last_break)
        pending, start, stop = match, word_start, at
    if pending is not None:
        last_break = _decide(text, pending, start, stop, slices, last_break)
    slices.append((last_break, len(text.rstrip())))
    return slices


def _decide(text: str, match: re.Match, start: int, stop: int,
            slices: list[tuple[int, int]], last_break: int) -> int:
    """Append the sentence ``match`` ends, if it ends one; return where the next starts."""
    if not _ends_sentence(text, match, start, stop):
        return last_break
    slices.append((last_break, match.end()))
    following = match.start("next_tok")  # after the whitespace, or right after the candidate
    return following if following >= 0 else match.end()


def _candidates(text: str) -> Iterator[re.Match]:
    """The candidates' matches in order (the stops found with ``str.find`` where the text has
    no "?" or "!": the same matches, found faster)."""
    if "?" in text or "!" in text:
        yield from _CANDIDATE.finditer(text)
        return
    match = _CANDIDATE.match
    at = text.find(".")
    while at >= 0:
        found = match(text, at)
        if found:
            yield found
        at = text.find(".", at + 1)


def _ends_sentence(text: str, match: re.Match, start: int, stop: int) -> bool:
    """``text_contains_sentbreak`` on a candidate's context (``text[start:stop]``, the
    candidate at ``stop``, what follows it).

    Read directly in the common cases: "?" and "!" are tokens of their own with a token after
    them, so they always end a sentence; a "." after a word of letters and digits (single
    inner stops or hyphens allowed) is one token with the word, and whether it ends a sentence
    depends on the next token alone when that is one bracket or quote, or the first token of
    a next word with no "." "?" "!" before its end (no token of that word but its last can be
    a break, and its first token starts with its first character, is one of ``; : , . ! ?``
    exactly when that character is, or the word is one character). Other contexts are split
    into Punkt's tokens. (A next word starting with one of the controls U+001C to U+001F may
    have no token: NLTK skips a line that ``str.strip`` empties.)
    """
    following = match.group("next_tok")
    if following is None:  # a bracket or quote on the same line
        if text[stop] != ".":
            return True
        if _SIMPLE_WORD.fullmatch(text, start, stop):
            return _is_break(text[start:stop + 1], match.group("after_tok"))
    elif not "\x1c" <= following[0] <= "\x1f":
        if text[stop] != ".":
            return True
        if _SIMPLE_WORD.fullmatch(text, start, stop) \
                and _NO_BREAK.fullmatch(following, 0, len(following) - 1):
            return _is_break(text[start:stop + 1], following[0])
    return _contains_break(text[start:stop] + match.group() + match.group("after_tok"))


def _contains_break(context: str) -> bool:
    """Whether any token of ``context`` but the last is a sentence break."""
    tokens: list[str] = []
    for line in context.split("\n"):
        if line.strip():
            tokens += _WORD.findall(line)
    return any(_is_break(tokens[i], tokens[i + 1]) for i in range(len(tokens) - 1))


def _is_break(token: str, following: str) -> bool:
    """Whether Punkt marks ``token`` a sentence break when ``following`` comes next."""
    if token in _BREAKS:
        return True
    if token[-1] != "." or token.endswith(".."):  # a run of stops is an ellipsis
        return False
    lower = token[:-1].lower()
    abbreviations = _abbreviations()
    if lower in abbreviations or ("-" in lower and lower.split("-")[-1] in abbreviations):
        return False
    first = following[0]
    if following in _NOT_STARTERS or first.islower():  # not a sentence starter: undo
        return not (_is_initial(token) or _is_number(token))  # an initial's or number's break
    if first.isupper():  # unknown, but an initial before a capital is no break ("J. Smith")
        return not _is_initial(token)
    return True


def _is_initial(token: str) -> bool:
    """PunktToken.is_initial: one letter (``[^\\W\\d]``) and a stop."""
    if len(token) != 2:
        return False
    char = token[0]
    if char.isascii():
        return char.isalpha() or char == "_"
    return _unicode_rules()[0].match(token) is not None


def _is_number(token: str) -> bool:
    """Whether the type Punkt gives ``token`` (less its stop) is ``##number##``: the token is
    a number. (A token ``##number##.`` would be one too, but no token starts with "#".)"""
    lower = token.lower()
    if lower.isascii():
        return _NUMERIC.match(lower) is not None
    return _unicode_rules()[1].match(lower) is not None


def _realign(text: str, slices: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Move closing quotes and brackets to the sentence before (``_realign_boundaries``)."""
    spans: list[tuple[int, int]] = []
    realign = 0
    last = len(slices) - 1
    for i, (start, stop) in enumerate(slices):
        start += realign
        if i == last:
            if start < stop:
                spans.append((start, stop))
            break
        following, end = slices[i + 1]
        match = _REALIGN.match(text, following, end) if (
            following < end and text[following] in _CLOSING) else None
        if match:
            spans.append((start, following + len(match.group().rstrip())))
            realign = match.end() - following
        else:
            realign = 0
            if start < stop:
                spans.append((start, stop))
    return spans

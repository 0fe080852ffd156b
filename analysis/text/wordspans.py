"""Word-token spans equal to NLTK's ``NLTKWordTokenizer().span_tokenize``, in one pass.

NLTK's tokenizer rewrites the whole sentence with about 25 regular-expression substitutions
(each run through its ReDoS time guard), splits on whitespace, then searches the sentence again
for every token (``align_tokens``). This module gives the same spans by reading the sentence
once. It reproduces these rules of ``nltk.tokenize.destructive.NLTKWordTokenizer`` as NLTK
3.10 has them (its patterns run in the ``regex`` engine, whose ``\\w`` and ``\\d`` are used
here too), the Penn Treebank rules as NLTK improved them:

* always a token of its own: the quotes « “ ‘ „ » ” ’ and ``"`` (starting quotes ``^"`` and
  ``[ ([{<]"`` become \\`\\`, the others ''), the dashes U+2012 to U+2015, ``; @ # $ % &``,
  ``? !``, ``*`` and the brackets ``[ ] ( ) { } < >`` (``STARTING_QUOTES``, ``PUNCTUATION``,
  ``PARENS_BRACKETS``, ``ENDING_QUOTES``);
* a comma or colon is cut off when a non-digit or the end follows (``([:,])([^\\d])``,
  ``([:,])$``), two or more stops are one token (``\\.{2,}``), ``--`` is one token;
* the last stop of the sentence is cut off when only closing brackets, quotes and spaces
  follow it (``([^\\.])(\\.)([\\]\\)}>"\\'»”’ ]*+)\\s*$``), not when one of those quotes
  opened after a space (NLTK has already made it \\`\\`);
* apostrophes: a leading ``'`` before a word that is no clitic is cut off
  (``(?<!\\w)(\\')(?!re|ve|ll|m|t|s|d|n\\b)(?=\\w)``), a ``'`` before a space is cut off
  (``([^'])' ``), and so are the clitics ``'s 'm 'd 'll 're 've n't`` before a space;
* MacIntyre's contractions ``cannot d'ye gimme gonna gotta lemme more'n wanna 'tis 'twas``.

Plain words (no apostrophe, comma, colon, ``..``, ``--``) and a word with one trailing comma
are read straight from one compiled pattern. Any other run of non-space characters is
rewritten with NLTK's own rules, in NLTK's order, on that run alone, with what surrounds it
reduced to the one fact the rules can see: whether a space follows it before the ``([^'])' ``
rule runs. A sentence with a backtick, two apostrophes in a row or one of the control
characters U+001C to U+001F (whitespace to ``str.split`` but not to NLTK's patterns) is
handed to NLTK itself: these are the cases where NLTK re-pairs quotes or can fail.
``tests/test_wordspans.py`` checks the spans against NLTK on the seeds, on hand-written
cases and on generated strings; ``benchmarks/check_tokeniser.py`` on a folder of articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from itertools import chain
from typing import Any

_ISOLATED = "«“‘„»”’\u2012-\u2015;@#$%&?!*\\[\\](){}<>\""
_EARLY = frozenset("«“‘„;@#$%&?!\u2012\u2013\u2014\u2015 ")  # spaced before ([^'])'
_TAIL = frozenset("])}>\"'»”’ ")  # what may follow the sentence's last stop
_PLAIN = f"[^\\s{_ISOLATED}',:.\\-]++"  # no space, apostrophe, comma, colon, stop or hyphen
_PIECE = re.compile(
    f"(?P<iso>[{_ISOLATED}])"
    f"|(?P<word>[.\\-]?+{_PLAIN}(?:[.\\-]{_PLAIN})*+[.\\-]?+)(?P<comma>[,:])?+"
    f"(?=[\\s{_ISOLATED}]|\\Z)"
    f"|[^\\s{_ISOLATED}]++"
)
# Each always-separate character, or each run of other non-space characters with the
# character that follows it ("" at the end).
_RUNS = re.compile(f"([{_ISOLATED}])|([^\\s{_ISOLATED}]++)(?=([\\s\\S]?))")
_OTHER_SPACE = re.compile("[^\\S ]")  # any whitespace but " "
_WORD_RUN = re.compile(f"([.\\-]?+{_PLAIN}(?:[.\\-]{_PLAIN})*+[.\\-]?+)([,:])?+")
_CONTROLS = ("\x1c", "\x1d", "\x1e", "\x1f")
_ASCII_OTHER_SPACES = ("\t", "\n", "\x0b", "\x0c", "\r", *_CONTROLS)  # what _OTHER_SPACE finds
# In lower case, a superset test for MacIntyre's contractions (ſ, ı and the dot of a lowered İ
# match s and i in a case-insensitive stdlib pattern).
# every branch starts with a literal character, so the engine skips ahead to those characters
_CONTRACTION = re.compile("cannot|d'ye|gimme|gonna|gotta|lemme|more'n|wanna|'t(?:is|was)"
                          "|\u017f|\u0131|\u0307")
_CONTRACTION_WORDS = ("cannot", "d'ye", "gimme", "gonna", "gotta", "lemme", "more'n", "wanna",
                      "'tis", "'twas")  # what _CONTRACTION finds in ASCII text

# NLTK's rules for a run of non-space characters, in NLTK's order.
_CLOSING_APOSTROPHE = re.compile(r"([^'])' ")
_ELLIPSIS = re.compile(r"\.{2,}")
_CLITIC = re.compile(r"([^' ])('[sS]|'[mM]|'[dD]|') ")
_CLITIC_LONG = re.compile(r"([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ")
_CONTRACTIONS = tuple(re.compile(pattern) for pattern in (
    r"(?i)\b(can)(not)\b", r"(?i)\b(d)('ye)\b", r"(?i)\b(gim)(me)\b", r"(?i)\b(gon)(na)\b",
    r"(?i)\b(got)(ta)\b", r"(?i)\b(lem)(me)\b", r"(?i)\b(more)('n)\b", r"(?i)\b(wan)(na)(?=\s)",
    r"(?i) ('t)(is)\b", r"(?i) ('t)(was)\b",
))


@cache
def _unicode_rules():
    """The two rules whose ``\\w`` and ``\\d`` must mean what they mean in NLTK's engine
    (the ``regex`` module, which NLTK depends on), compiled when first needed."""
    import regex

    return (regex.compile(r"(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)"),
            regex.compile(r"([:,])([^\d])"), regex.compile(r"([:,])$"))


def span_tokenize(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each token, as ``list(NLTKWordTokenizer().span_tokenize(text))``.

    Args:
        text: One sentence (or part of one).

    Returns:
        The token spans in order.

    Raises:
        ValueError, IndexError: where NLTK raises them (only for sentences handed to NLTK).
    """
    if to_nltk(text):
        from nltk.tokenize import NLTKWordTokenizer

        return list(NLTKWordTokenizer().span_tokenize(text))
    stop = final_stop(text)
    contractions = _CONTRACTION.search(text.lower()) is not None
    spans: list[tuple[int, int]] = []
    end = len(text)
    for match in _PIECE.finditer(text):
        kind = match.lastgroup
        a, b = match.span()
        if kind == "iso":
            spans.append((a, b))
            continue
        if kind and not a <= stop < b and not (
                contractions and _CONTRACTION.search(text[a:b].lower())):
            if kind == "word":
                spans.append((a, b))
            else:
                spans += ((a, b - 1), (b - 1, b))
            continue
        early = b < end and text[b] in _EARLY
        spans += _run_spans(text[a:b], a, stop - a if a <= stop < b else -1, early,
                            contractions)
    return spans


def tokenize(text: str) -> list[str] | None:
    """The tokens of a sentence, as ``[text[a:b] for a, b in span_tokenize(text)]``, found
    without their spans, word by word (what lies between two spaces, :func:`word_keys`), each
    word's tokens cached; None for a sentence handed to NLTK, or with one of MacIntyre's
    contractions or a space other than " " (there ``span_tokenize`` is the way).

    The sentence-final stop NLTK cuts off is a token of its own and only closing quotes and
    brackets follow it, each a token of its own, so the words before it are tokenised alone,
    as if a space followed them.
    """
    if not plain(text):
        return None
    stop = final_stop(text)
    found = list(chain.from_iterable(map(key_tokens.__getitem__, word_keys(text, stop))))
    if stop >= 0:
        found.append(".")
        found += "".join(text[stop + 1:].split())
    return found


def plain(text: str) -> bool:
    """Whether :func:`tokenize` reads ``text`` word by word: no character that hands it to
    NLTK, no space other than " ", none of MacIntyre's contractions. A text that is plain has
    only plain parts (each of its sentences is plain)."""
    if to_nltk(text):
        return False
    lowered = text.lower()
    if text.isascii():  # the same tests as below, as scans for characters and words
        return not (any(map(text.__contains__, _ASCII_OTHER_SPACES))
                    or any(map(lowered.__contains__, _CONTRACTION_WORDS)))
    return not (_OTHER_SPACE.search(text) or _CONTRACTION.search(lowered))


def word_keys(text: str, stop: int) -> list[str]:
    """The words of a plain sentence (:func:`plain`) before its final stop (``stop``, from
    :func:`final_stop`; -1: none), as keys of :data:`key_tokens`: a word a space follows is
    its own key; the last word, when no stop is cut off after it (nothing follows it), is
    keyed with a "\\n" after it (plain text has no such character). The keys' tokens, in order,
    are the sentence's tokens but the cut-off stop and the closing quotes and brackets after
    it."""
    words = (text[:stop] if stop >= 0 else text).split(" ")
    if stop < 0:
        words[-1] += "\n"
    return words


def _key_tokens(key: str) -> tuple[str, ...]:
    """The tokens of a word key (:func:`word_keys`). A word that is one run of the simple
    shape (a word, a number, "U.S.", "so-called", a word and its comma: most keys) is read
    by one match: ``_word_tokens`` would find that one run and read it the same way."""
    spaced = not key.endswith("\n")
    word = key if spaced else key[:-1]
    simple = _WORD_RUN.fullmatch(word)
    if simple:
        return tuple(filter(None, simple.groups()))
    return _word_tokens(word, spaced)


class WordCache(dict):
    """``func`` of each word (or other short key) asked for, cached: a dict, so that
    ``map(cache.__getitem__, words)`` reads it in C, emptied when it reaches ``limit`` keys
    (per-word only: never key it on a sentence)."""

    def __init__(self, func: Callable[[str], Any], limit: int):
        super().__init__()
        self.func, self.limit = func, limit

    def __missing__(self, key: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.func(key)
        return value


key_tokens = WordCache(_key_tokens, 100_000)  # the tokens of each word key


def _word_tokens(word: str, spaced: bool) -> tuple[str, ...]:
    """The tokens of one word (no space in it) of a sentence without contractions, the
    sentence's final stop not in it; ``spaced``: a space follows it."""
    found: list[str] = []
    for isolated, run, after in _RUNS.findall(word):
        if isolated:
            found.append(isolated)
        else:  # NLTK sees a space after the run (an early one: see _run_spans)
            found += _run_tokens(run, after in _EARLY or (not after and spaced))
    return tuple(found)


def _run_tokens(run: str, early: bool) -> tuple[str, ...]:
    """The tokens of one run of non-space characters with no always-separate character, as
    :func:`span_tokenize` makes them in a sentence without contractions when the run does not
    hold the sentence's final stop."""
    word = _WORD_RUN.fullmatch(run)
    if word:
        return tuple(filter(None, word.groups()))
    return tuple(run[a:b] for a, b in _run_spans(run, 0, -1, early, False))


def to_nltk(text: str) -> bool:
    """Whether ``span_tokenize`` hands ``text`` to NLTK: it has a backtick, two apostrophes
    in a row or one of U+001C to U+001F."""
    return "`" in text or "''" in text or any(map(text.__contains__, _CONTROLS))


def final_stop(text: str) -> int:
    """Index of the stop NLTK cuts off the sentence's end, or -1."""
    stop = text.rfind(".")
    if stop < 1 or text[stop - 1] == ".":
        return -1
    i = stop + 1
    while i < len(text) and text[i] in _TAIL:
        if text[i] == '"' and text[i - 1] == " ":  # NLTK made this quote `` already
            return -1
        i += 1
    return stop if i == len(text) or text[i:].isspace() else -1


def _run_spans(run: str, offset: int, stop: int, early: bool,
               contractions: bool) -> list[tuple[int, int]]:
    """Spans of the tokens in one run of non-space characters, by NLTK's rules in NLTK's order.

    Args:
        run: The characters (no space, no always-separate character).
        offset: Where ``run`` starts in the sentence.
        stop: Index in ``run`` of the sentence-final stop NLTK cuts off, or -1.
        early: Whether NLTK has a space after the run before its ``([^'])' `` rule.
        contractions: Whether the sentence may hold one of MacIntyre's contractions.
    """
    leading, comma, comma_end = _unicode_rules()
    text = " " + run + (" " if early else "")
    apostrophe = "'" in run
    if apostrophe:
        text = leading.sub(r"\1 ", text)
    if stop >= 0:
        at = text.rfind(".")
        text = f"{text[:at]} . {text[at + 1:]}"
    if "," in run or ":" in run:
        text = comma_end.sub(r" \1 ", comma.sub(r" \1 \2", text))
    if ".." in run:
        text = _ELLIPSIS.sub(r" \g<0> ", text)
    if apostrophe:
        text = _CLOSING_APOSTROPHE.sub(r"\1 ' ", text)
    if "--" in run:
        text = text.replace("--", " -- ")
    text += " "
    if apostrophe:
        text = _CLITIC_LONG.sub(r"\1 \2 ", _CLITIC.sub(r"\1 \2 ", text))
    if contractions:
        for pattern in _CONTRACTIONS:
            text = pattern.sub(r" \1 \2 ", text)
    spans = []
    position = offset
    for token in text.split():
        spans.append((position, position + len(token)))
        position += len(token)
    return spans

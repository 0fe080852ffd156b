"""Sentence and word spans in normalised text: the one definition of a sentence, a token and
a word that every lens uses.

Only NLTK's data-free parts are used: ``PunktSentenceTokenizer`` with explicit abbreviations
(its spans, read directly by :mod:`.sentspans`), ``NLTKWordTokenizer`` (its spans, read in one
pass by :mod:`.wordspans`) and the Snowball stemmer (written again in :mod:`.stemmer`), each
the reference its NLTK-free equal is tested against. Links, @handles and #hashtags are cut out
before word tokenisation and tagged as their own kinds. A *word* is a token of kind ``word``
or ``number`` (:func:`word_count`): rates, profiles, quoted words and cleaning rules all count
words this way.

Token kinds: ``word`` (has a letter), ``number``, ``clitic`` ('s, n't ...), ``punct``,
``symbol`` (emoji and other signs), ``link``, ``handle``, ``hashtag``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import cache, lru_cache
from itertools import chain, compress
from operator import itemgetter
from typing import TypeVar

from ..lexicons import grammar_words, table, word_list
from .normalisation import HANDLE_PATTERN, HASHTAG_PATTERN, LINK_PATTERN, is_mark, past_marks
from .sentspans import span_tokenize as punkt_spans
from .stemmer import EnglishStemmer
from .stemmer import stem as snowball_stem
from .wordspans import WordCache, final_stop, key_tokens, plain, span_tokenize, word_keys
from .wordspans import tokenize as plain_tokens

WORD_KINDS = ("word", "number")
T = TypeVar("T")

_PROTECTED = re.compile("|".join(
    f"(?P<{name}>{pattern.pattern})" for name, pattern in
    (("link", LINK_PATTERN), ("handle", HANDLE_PATTERN), ("hashtag", HASHTAG_PATTERN))
), re.IGNORECASE)
_FALLBACK_TOKEN = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")
_NUMBER = re.compile(r"[+-]?\d[\d,.:/]*%?")


@cache
def clitics() -> frozenset[str]:
    """Contracted forms the word tokeniser splits off ('s, n't ...; ``grammar.tsv``)."""
    return frozenset(grammar_words("clitics"))


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations that do not end a sentence (lower case, no final stop)."""
    return frozenset(word_list("abbreviations.txt"))


@cache
def sentence_splitter():
    """Punkt with this project's abbreviation list and no trained model: the reference
    :mod:`.sentspans` equals. (NLTK is imported when this is first called.)"""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


@cache
def term_variants() -> dict[str, str]:
    """Case-sensitive spelling variants and the term they count as (``term_variants.tsv``)."""
    return {row["variant"]: row["term"]
            for row in table("term_variants.tsv", ("variant", "term"))}


@cache
def stopwords() -> frozenset[str]:
    """The stopword list kept in ``lexicons/stopwords_en.txt``."""
    return frozenset(word_list("stopwords_en.txt"))


@cache
def word_tokenizer():
    """NLTK's Treebank-style word tokenizer (data-free)."""
    from nltk.tokenize import NLTKWordTokenizer

    return NLTKWordTokenizer()


@cache
def stemmer() -> EnglishStemmer:
    """The Snowball (Porter 2) stemmer for English (:mod:`.stemmer`, equal to NLTK's)."""
    return EnglishStemmer()


@cache
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lower-case word."""
    return snowball_stem(word)


_CONTINUATION = re.compile(r"[\"')\]]*\s*(?:[,;:]|[a-z])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in one paragraph's normalised text.

    Punkt splits after "?" or "!" even inside a quotation that continues the sentence
    ('"... the Taliban?", the ministry added.'). A piece that starts with a comma, semicolon,
    colon or a lower-case letter (after any closing quotes) is joined to the sentence before.
    """
    spans: list[tuple[int, int]] = []
    for start, end in punkt_spans(text):
        if spans and _CONTINUATION.match(text, start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _nltk_sentence_spans(text: str) -> list[tuple[int, int]]:
    """NLTK's own Punkt ``span_tokenize``: the reference ``sentspans.span_tokenize`` equals
    (the tests and ``benchmarks/check_sentences.py`` compare the two)."""
    return list(sentence_splitter().span_tokenize(text))


@lru_cache(maxsize=200_000)
def token_kind(token: str) -> str:
    """The kind of a word-tokeniser token: word, number, clitic, punct or symbol."""
    if token.lower() in clitics():
        return "clitic"
    if token.isalpha() or any(c.isalpha() for c in token):
        return "word"
    if _NUMBER.fullmatch(token):
        return "number"
    if all(not c.isalnum() and c.isprintable() and _is_punctuation(c) for c in token):
        return "punct"
    return "symbol"


_kinds = WordCache(token_kind, 200_000)  # token_kind, read in C by word_tokens


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P") or char in "$%&*+<=>^`|~"


def _word_spans(text: str, tokenize=span_tokenize) -> list[tuple[int, int]]:
    try:
        spans = tokenize(text)
    except (ValueError, IndexError):  # NLTK cannot realign some quote sequences
        return [m.span() for m in _FALLBACK_TOKEN.finditer(text)]
    if len(spans) > 1:
        (a, b), (c, d) = spans[-2], spans[-1]
        # NLTK cuts the final stop off a sentence-final abbreviation ("... in the U.S.")
        if b == c and text[c:d] == "." and text[a:b].lower() in abbreviations():
            spans[-2:] = [(a, d)]
    return spans


def _nltk_spans(text: str) -> list[tuple[int, int]]:
    """NLTK's own ``span_tokenize``: the reference ``wordspans.span_tokenize`` equals (the
    tests and ``benchmarks/check_tokeniser.py`` compare the two)."""
    return list(word_tokenizer().span_tokenize(text))


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every token in one sentence of normalised text."""
    spans = _token_spans(text, span_tokenize, _protected(text))
    return spans if _markless(text) else _with_marks(text, spans)


def _nltk_token_spans(text: str) -> list[tuple[int, int, str]]:
    """``token_spans`` as it was before ``wordspans``: NLTK's own tokenizer, the full search
    for links and the mark pass on every sentence (the reference for the tests)."""
    return _with_marks(text, _token_spans(text, _nltk_spans, list(_PROTECTED.finditer(text))))


def _token_spans(text: str, tokenize, protected: list[re.Match]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    position = 0
    for match in [*protected, None]:
        stop = match.start() if match else len(text)
        if stop > position:
            for a, b in _word_spans(text[position:stop], tokenize):
                piece = text[position + a:position + b]
                spans.append((position + a, position + b, token_kind(piece)))
        if match:
            spans.append((match.start(), match.end(), match.lastgroup or "link"))
            position = match.end()
    return spans


def _protected(text: str) -> list[re.Match]:
    """The links, @handles and #hashtags in ``text``. Each needs an @, a # or a slash, except
    a link starting with www., so most sentences skip the (slow) search."""
    if "@" in text or "#" in text or "/" in text or "www." in text.lower():
        return list(_PROTECTED.finditer(text))
    return []


# characters of the blocks that hold no combining mark: ASCII to Spacing Modifier Letters,
# General Punctuation, Currency Symbols (tests/test_tokens.py checks it)
_MARKLESS_BLOCKS = "\x00-\u02ff\u2000-\u206f\u20a0-\u20cf"
_BEYOND_MARKLESS = re.compile(f"[^{_MARKLESS_BLOCKS}]")


def _markless(text: str) -> bool:
    """Whether ``text`` surely has no combining mark (so :func:`token_spans` has no mark to
    join): it is ASCII, or all its characters are of blocks that hold none."""
    return text.isascii() or _BEYOND_MARKLESS.search(text) is None


def _with_marks(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Token spans with each combining mark kept on the token before it: a token never ends
    between a letter and its accent ("q" + U+0301 is one token); a mark after a space stays a
    token of its own."""
    joined: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        if joined and joined[-1][1] == start and is_mark(text[start]):
            stop = min(past_marks(text, start), end)
            joined[-1] = (joined[-1][0], stop, joined[-1][2])
            if stop == end:
                continue
            start = stop
            kind = token_kind(text[start:end]) if kind not in _PROTECTED.groupindex else kind
        joined.append((start, end, kind))
    return joined


@lru_cache(maxsize=200_000)
def token_keys(surface: str, kind: str) -> tuple[str, str, str, bool]:
    """``(lower, norm, stem, stop)`` of a token, as the ``tokens`` table has them."""
    lower = surface.lower()
    if kind == "word":
        norm, stop = word_norm(surface)
        return lower, norm, stem(norm), stop
    norm = term_variants().get(surface, lower)
    return lower, norm, norm, False


@lru_cache(maxsize=200_000)
def word_norm(surface: str) -> tuple[str, bool]:
    """``(norm, stop)`` of a token of kind ``word``: the keys of :func:`token_keys` without
    the stem, for counting words (the stemmer is not needed for that)."""
    norm = term_variants().get(surface, surface.lower())
    return norm, norm in stopwords()


def word_tokens(text: str) -> tuple[list[str], int]:
    """The surfaces of the tokens of kind ``word`` in one sentence of normalised text, in
    order, and how many tokens of kind ``number`` it has: what counting reads of
    :func:`token_spans`, without building its spans (a sentence with a link, a handle, a
    hashtag or a character of a block that holds combining marks goes through
    ``token_spans`` itself)."""
    if _markless(text) and not _protected(text):
        keys: list[str] = []
        if plain(text) and _add_keys(text, keys):
            return _key_words_of(keys)
        surfaces = plain_tokens(text)
        if surfaces is None:
            surfaces = [text[a:b] for a, b in _word_spans(text)]
        elif len(surfaces) > 1 and surfaces[-1] == "." and (
                surfaces[-2].lower() in abbreviations()
                and not text[text.rfind(".") - 1].isspace()):
            surfaces[-2:] = [surfaces[-2] + "."]  # as _word_spans: "in the U.S."
        kinds = list(map(_kinds.__getitem__, surfaces))
        return list(compress(surfaces, map("word".__eq__, kinds))), kinds.count("number")
    spans = token_spans(text)
    return ([text[a:b] for a, b, kind in spans if kind == "word"],
            sum(kind == "number" for _, _, kind in spans))


def paragraph_words(text: str) -> tuple[list[str], int]:
    """:func:`word_tokens` of each sentence of one paragraph's normalised text
    (:func:`sentence_spans`), joined: the word surfaces in order and the number of numbers.

    A paragraph with no combining mark (``_markless``), no link, handle or hashtag, and plain
    to the word tokeniser (``wordspans.plain``), has only such sentences: their words are then
    gathered as word keys (``wordspans.word_keys``) and looked up together, each key's words
    and numbers cached (per word, never per sentence).
    """
    return paragraph_keyed(text, _key_words, word_tokens)


def paragraph_keyed(text: str, of_key: Mapping[str, tuple[Sequence[T], int]],
                    of_sentence: Callable[[str], tuple[list[T], int]]) -> tuple[list[T], int]:
    """What a paragraph's words are read as, in order, and a count summed over its
    sentences: :func:`paragraph_words` with the words of each word key (``wordspans.word_keys``)
    read from ``of_key`` and those of a sentence read otherwise from ``of_sentence``.

    Args:
        text: One paragraph's normalised text.
        of_key: For a word key, what its words are read as and its count (a per-word cache:
            for ``_key_words``, the key's word surfaces and number of numbers).
        of_sentence: The same for a sentence that is not read key by key (for
            :func:`word_tokens`, its word surfaces and number of numbers).
    """
    spans = sentence_spans(text)
    if not (_markless(text) and not _protected(text) and plain(text)):
        items: list[T] = []
        total = 0
        for a, b in spans:
            found, count = of_sentence(text[a:b])
            items += found
            total += count
        return items, total
    keys: list[str] = []
    items, total = [], 0
    for a, b in spans:
        sentence = text[a:b]
        if not _add_keys(sentence, keys):  # it ends with an abbreviation's stop
            found, count = _keyed(keys, of_key)
            more, more_count = of_sentence(sentence)
            items += found + more
            total += count + more_count
            keys = []
    found, count = _keyed(keys, of_key)
    return items + found, total + count


def _add_keys(sentence: str, keys: list[str]) -> bool:
    """Add a plain sentence's word keys to ``keys``; False (``keys`` unchanged) when its
    last word may end with an abbreviation's stop, which :func:`word_tokens` joins to it
    ("in the U.S.")."""
    stop = final_stop(sentence)
    found = word_keys(sentence, stop)
    last = key_tokens[found[-1]]
    if last and (last[-1] == "." if stop < 0 else (
            not sentence[stop + 1:].strip() and last[-1].lower() in abbreviations())):
        return False
    keys += found
    return True


def _key_words_of(keys: list[str]) -> tuple[list[str], int]:
    """The word surfaces of word keys, in order, and the number of numbers."""
    return _keyed(keys, _key_words)


def _keyed(keys: list[str], of_key: Mapping[str, tuple[Sequence[T], int]]) -> tuple[list[T], int]:
    """What the words of word keys are read as (``of_key``), in order, and their counts summed."""
    found = list(map(of_key.__getitem__, keys))
    return list(chain.from_iterable(map(itemgetter(0), found))), sum(map(itemgetter(1), found))


def key_words(key: str) -> tuple[tuple[str, ...], int]:
    """The surfaces of the tokens of kind ``word`` of a word key (``wordspans.word_keys``),
    and its number of numbers. A key of letters alone (half of a news corpus's keys) is one
    token, a word, unless it is a clitic; the others are tokenised (``wordspans.key_tokens``)."""
    word = key[:-1] if key[-1:] == "\n" else key
    if word.isalpha() and word.lower() not in clitics():
        return (word,), 0
    tokens = key_tokens[key]
    kinds = list(map(_kinds.__getitem__, tokens))
    return tuple(compress(tokens, map("word".__eq__, kinds))), kinds.count("number")


_key_words = WordCache(key_words, 100_000)


def word_count(text: str) -> int:
    """The number of words (tokens of kind ``word`` or ``number``) in normalised ``text``
    (tokenised as one sentence; read from :func:`word_tokens`)."""
    words, numbers = word_tokens(text)
    return len(words) + numbers

"""Sentences and word tokens with exact offsets into ``Article.raw``.

Only NLTK's data-free parts are used: ``PunktSentenceTokenizer`` with explicit abbreviations,
``NLTKWordTokenizer`` and the Snowball stemmer. Sentences never cross paragraphs. Links,
@handles and #hashtags are cut out before word tokenisation and tagged as their own kinds.

Token kinds: ``word`` (has a letter), ``number``, ``clitic`` ('s, n't ...), ``punct``,
``symbol`` (emoji and other signs), ``link``, ``handle``, ``hashtag``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache

import pandas as pd
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .clean import DEFAULT_ROLES
from .corpus import Article, article_list, check_roles
from .data_files import table, word_list
from .normalise import HANDLE_PATTERN, HASHTAG_PATTERN, LINK_PATTERN

SENTENCE_COLUMNS = ["article", "paragraph", "role", "sentence", "start", "end", "text"]
TOKEN_COLUMNS = ["article", "paragraph", "role", "sentence", "token", "text", "lower", "norm",
                 "stem", "kind", "stop", "start", "end"]
WORD_KINDS = ("word", "number")
CLITICS = frozenset({"'s", "'re", "'ll", "'ve", "'d", "'m", "n't", "'t"})

_PROTECTED = re.compile("|".join(
    f"(?P<{name}>{pattern.pattern})" for name, pattern in
    (("link", LINK_PATTERN), ("handle", HANDLE_PATTERN), ("hashtag", HASHTAG_PATTERN))
), re.IGNORECASE)
_FALLBACK_TOKEN = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")
_NUMBER = re.compile(r"[+-]?\d[\d,.:/]*%?")


@cache
def abbreviations() -> frozenset[str]:
    """Abbreviations that do not end a sentence (lower case, no final stop)."""
    return frozenset(word_list("abbreviations.txt"))


@cache
def sentence_splitter() -> PunktSentenceTokenizer:
    """Punkt with this project's abbreviation list and no trained model."""
    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


@cache
def term_variants() -> dict[str, str]:
    """Case-sensitive spelling variants and the term they count as (``term_variants.tsv``)."""
    return {row["variant"]: row["term"] for row in table("term_variants.tsv")}


@cache
def stopwords() -> frozenset[str]:
    """The stopword list kept in ``lexicons/stopwords_en.txt``."""
    return frozenset(word_list("stopwords_en.txt"))


_WORD_TOKENIZER = NLTKWordTokenizer()
_STEMMER = SnowballStemmer("english")


@cache
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lower-case word."""
    return _STEMMER.stem(word)


_CONTINUATION = re.compile(r"[\"')\]]*\s*(?:[,;:]|[a-z])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences in one paragraph's normalised text.

    Punkt splits after "?" or "!" even inside a quotation that continues the sentence
    ('"... the Taliban?", the ministry added.'). A piece that starts with a comma, semicolon,
    colon or a lower-case letter (after any closing quotes) is joined to the sentence before.
    """
    spans: list[tuple[int, int]] = []
    for start, end in sentence_splitter().span_tokenize(text):
        if spans and _CONTINUATION.match(text, start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


@lru_cache(maxsize=200_000)
def token_kind(token: str) -> str:
    """The kind of a word-tokeniser token: word, number, clitic, punct or symbol."""
    if token.lower() in CLITICS:
        return "clitic"
    if any(c.isalpha() for c in token):
        return "word"
    if _NUMBER.fullmatch(token):
        return "number"
    if all(not c.isalnum() and c.isprintable() and _is_punctuation(c) for c in token):
        return "punct"
    return "symbol"


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P") or char in "$%&*+<=>^`|~"


def _word_spans(text: str) -> list[tuple[int, int]]:
    try:
        spans = list(_WORD_TOKENIZER.span_tokenize(text))
    except (ValueError, IndexError):  # NLTK cannot realign some quote sequences
        return [m.span() for m in _FALLBACK_TOKEN.finditer(text)]
    if len(spans) > 1:
        (a, b), (c, d) = spans[-2], spans[-1]
        # NLTK cuts the final stop off a sentence-final abbreviation ("... in the U.S.")
        if b == c and text[c:d] == "." and text[a:b].lower() in abbreviations():
            spans[-2:] = [(a, d)]
    return spans


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of every token in one sentence of normalised text."""
    spans: list[tuple[int, int, str]] = []
    position = 0
    for match in [*_PROTECTED.finditer(text), None]:
        stop = match.start() if match else len(text)
        if stop > position:
            for a, b in _word_spans(text[position:stop]):
                piece = text[position + a:position + b]
                spans.append((position + a, position + b, token_kind(piece)))
        if match:
            spans.append((match.start(), match.end(), match.lastgroup or "link"))
            position = match.end()
    return spans


@lru_cache(maxsize=200_000)
def token_keys(surface: str, kind: str) -> tuple[str, str, str, bool]:
    """``(lower, norm, stem, stop)`` of a token, as the ``tokens`` table has them."""
    lower = surface.lower()
    norm = term_variants().get(surface, lower)
    is_word = kind == "word"
    return lower, norm, stem(norm) if is_word else norm, is_word and norm in stopwords()


def sentence_keys(article: Article, roles: Iterable[str] | None = DEFAULT_ROLES
                  ) -> Iterator[list[tuple[str, str, str, bool]]]:
    """Per sentence of the chosen roles, ``(kind, norm, stem, stop)`` of each token.

    The fast path for counting: the same tokens as ``tokens()``, without offsets, rows or
    frames, and nothing is cached on the article.
    """
    wanted = check_roles(roles)
    for paragraph in article.paragraphs:
        if not (paragraph.kept and paragraph.role in wanted):
            continue
        for a, b in sentence_spans(paragraph.text):
            text = paragraph.text[a:b]
            yield [(kind, *token_keys(text[x:y], kind)[1:]) for x, y, kind in token_spans(text)]


def _sentence_rows(article: Article) -> list[dict]:
    rows: list[dict] = []
    for paragraph in article.paragraphs:
        for a, b in sentence_spans(paragraph.text):
            start, end = paragraph.raw_span(a, b)
            rows.append({
                "article": article.id, "paragraph": paragraph.index, "role": paragraph.role,
                "sentence": len(rows), "start": start, "end": end, "text": paragraph.text[a:b],
                "kept": paragraph.kept, "_local": (a, b),
            })
    return rows


def _token_rows(article: Article) -> list[dict]:
    rows: list[dict] = []
    paragraphs = {p.index: p for p in article.paragraphs}
    for sentence in _article_sentences(article):
        paragraph = paragraphs[sentence["paragraph"]]
        offset = sentence["_local"][0]
        text = paragraph.text[offset:sentence["_local"][1]]
        for a, b, kind in token_spans(text):
            surface = text[a:b]
            lower, norm, stemmed, stop = token_keys(surface, kind)
            start, end = paragraph.raw_span(offset + a, offset + b)
            rows.append({
                "article": article.id, "paragraph": paragraph.index, "role": paragraph.role,
                "sentence": sentence["sentence"], "token": len(rows), "text": surface,
                "lower": lower, "norm": norm, "stem": stemmed, "kind": kind, "stop": stop,
                "start": start, "end": end, "kept": paragraph.kept,
            })
    return rows


def _article_sentences(article: Article) -> list[dict]:
    """Every sentence of every paragraph, numbered through the article (cached)."""
    return article.cached("sentences", lambda: _sentence_rows(article))


def _article_tokens(article: Article) -> list[dict]:
    """Every token of every sentence, numbered through the article (cached)."""
    return article.cached("tokens", lambda: _token_rows(article))


def _frame(rows: Iterable[dict], columns: list[str], roles: Iterable[str] | None) -> pd.DataFrame:
    wanted = check_roles(roles)
    chosen = [r for r in rows if r["kept"] and r["role"] in wanted]
    return pd.DataFrame(chosen, columns=columns).reset_index(drop=True)


def sentences(articles: Article | Sequence[Article],
              roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """One row per sentence of the chosen roles.

    Columns: article, paragraph, role, sentence (numbered through the whole article, so the
    number does not depend on ``roles``), start, end (offsets in ``raw``), text (normalised).
    """
    rows = [r for a in article_list(articles) for r in _article_sentences(a)]
    return _frame(rows, SENTENCE_COLUMNS, roles)


def tokens(articles: Article | Sequence[Article],
           roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """One row per token of the chosen roles.

    Columns: article, paragraph, role, sentence, token (numbered through the article), text
    (normalised surface), lower, norm (lower-cased with spelling variants such as "US" and
    "U.S." merged, from ``lexicons/term_variants.tsv``), stem (Snowball stem of ``norm``, words
    only), kind, stop (stopword), start, end (offsets in ``raw``: ``raw[start:end]`` is the token
    as published).
    """
    rows = [r for a in article_list(articles) for r in _article_tokens(a)]
    return _frame(rows, TOKEN_COLUMNS, roles)

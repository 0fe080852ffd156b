"""Sentence and token tables: one row per sentence or token, with exact offsets into
``Article.raw``, for the chosen paragraph roles.

Sentences are numbered through the whole article and tokens likewise, so a number does not
depend on which roles are analysed. Token kinds: ``word`` (has a letter), ``number``,
``clitic`` ('s, n't ...), ``punct``, ``symbol`` (emoji and other signs), ``link``, ``handle``,
``hashtag``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import pandas as pd

from .article import Article, article_list, check_roles
from .roles import DEFAULT_ROLES
from .tokenise import sentence_spans, token_keys, token_spans

SENTENCE_COLUMNS = ["article", "paragraph", "role", "sentence", "start", "end", "text"]
TOKEN_COLUMNS = ["article", "paragraph", "role", "sentence", "token", "text", "lower", "norm",
                 "stem", "kind", "stop", "start", "end"]


def sentence_texts(article: Article, *, roles: Iterable[str] | None = DEFAULT_ROLES
                   ) -> Iterator[str]:
    """The normalised text of each sentence of the chosen roles, in order."""
    wanted = check_roles(roles)
    for paragraph in article.paragraphs:
        if not (paragraph.kept and paragraph.role in wanted):
            continue
        text = paragraph.text
        for a, b in sentence_spans(text):
            yield text[a:b]


def sentence_keys(article: Article, *, roles: Iterable[str] | None = DEFAULT_ROLES
                  ) -> Iterator[list[tuple[str, str, str, bool]]]:
    """Per sentence of the chosen roles, ``(kind, norm, stem, stop)`` of each token.

    The fast path for counting: the same tokens as :func:`tokens`, without offsets, rows or
    frames, and nothing is cached on the article.
    """
    for text in sentence_texts(article, roles=roles):
        yield [(kind, *token_keys(text[x:y], kind)[1:]) for x, y, kind in token_spans(text)]


def _token_rows(article: Article) -> list[dict]:
    rows: list[dict] = []
    paragraphs = {p.index: p for p in article.paragraphs}
    for sentence in article.sentences:
        paragraph = paragraphs[sentence.paragraph]
        for a, b, kind in token_spans(sentence.text):
            surface = sentence.text[a:b]
            lower, norm, stemmed, stop = token_keys(surface, kind)
            start, end = paragraph.raw_span(sentence.local_start + a, sentence.local_start + b)
            rows.append({
                "article": article.id, "paragraph": paragraph.index, "role": paragraph.role,
                "sentence": sentence.index, "token": len(rows), "text": surface,
                "lower": lower, "norm": norm, "stem": stemmed, "kind": kind, "stop": stop,
                "start": start, "end": end, "kept": paragraph.kept,
            })
    return rows


def sentences(articles: Article | Sequence[Article], *,
              roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """One row per sentence of the chosen roles (``Article.sentences`` as a table).

    Columns: article, paragraph, role, sentence (numbered through the whole article), start,
    end (offsets in ``raw``), text (normalised).
    """
    rows = [{"article": a.id, "paragraph": s.paragraph, "role": s.role, "sentence": s.index,
             "start": s.start, "end": s.end, "text": s.text}
            for a in article_list(articles) for s in a.select_sentences(roles=roles)]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def tokens(articles: Article | Sequence[Article], *,
           roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """One row per token of the chosen roles.

    Columns: article, paragraph, role, sentence, token (numbered through the article), text
    (normalised surface), lower, norm (lower-cased with spelling variants such as "US" and
    "U.S." merged, from ``lexicons/term_variants.tsv``), stem (Snowball stem of ``norm``, words
    only), kind, stop (stopword), start, end (offsets in ``raw``: ``raw[start:end]`` is the token
    as published).
    """
    rows = [r for a in article_list(articles) for r in token_records(a, roles=roles)]
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


def token_records(article: Article, *, roles: Iterable[str] | None = DEFAULT_ROLES
                  ) -> list[dict]:
    """The rows of :func:`tokens` for one article, as dictionaries (with the columns of
    :data:`TOKEN_COLUMNS`, and ``kept``), for lenses that walk tokens without a table. The
    dictionaries are the article's cached rows: read them, do not change them."""
    wanted = check_roles(roles)
    return [r for r in article.cached("tokens", lambda: _token_rows(article))
            if r["kept"] and r["role"] in wanted]

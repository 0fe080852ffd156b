"""Articles, paragraphs and sentences: the typed objects every lens reads.

``Article.raw`` is the exact decoded text of the file. Every paragraph carries offsets into
``raw`` and a normalised ``text`` for matching, with a map back to raw offsets; every sentence
carries its paragraph, its number through the article, raw offsets and its normalised text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import AnalysisInputError
from .normalisation import Normalised
from .roles import DEFAULT_ROLES, ROLES
from .tokenise import sentence_spans

AUDIT_COLUMNS = ["paragraph", "role", "status", "reason", "first_words", "start", "end"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article: raw offsets, normalised text, role and the reason."""

    index: int
    start: int
    end: int
    text: str
    role: str
    kept: bool
    reason: str
    duplicate_of: int | None = None
    post: int | None = None
    normalised: Normalised | None = field(default=None, repr=False, compare=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in ``Article.raw`` of the span ``[start, end)`` of ``self.text``."""
        if self.normalised is None:
            raise AnalysisInputError(f"paragraph {self.index} has no offset map; build "
                                     "articles with load_article or build_article")
        return self.normalised.raw_span(start, end)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article.

    ``index`` numbers sentences through the whole article (so it does not depend on which
    roles are analysed); ``paragraph``, ``role`` and ``kept`` are its paragraph's; ``start`` and
    ``end`` are offsets in ``Article.raw``; ``text`` is the normalised text, which is
    ``paragraph.text[local_start:local_end]``.
    """

    index: int
    paragraph: int
    role: str
    kept: bool
    start: int
    end: int
    text: str
    local_start: int
    local_end: int


@dataclass(frozen=True)
class Article:
    """A news article: its exact raw text and its audited paragraphs."""

    id: str
    path: Path
    raw: str
    paragraphs: tuple[Paragraph, ...]
    label: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False)
    encoding: str = "utf-8"
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    def cached(self, key, compute):
        """The value cached under ``key`` for this article, computed once by ``compute()``."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    @property
    def headline(self) -> str | None:
        """The headline paragraph's text, or None when the article has none."""
        return next((p.text for p in self.paragraphs if p.role == "headline" and p.kept), None)

    @property
    def dateline(self) -> str:
        """The place (and wire) of the dateline that opens the story, without its dash
        ("WASHINGTON", "LONDON, June 27 (Reuters)"), or "" when there is none."""
        printed = next((p.text for p in self.paragraphs if p.role == "dateline"), "")
        return re.sub(r"\s*(?:\u2014|\u2013|--|-)$", "", printed)

    @property
    def one_block(self) -> bool:
        """True when the text has no paragraph breaks at all (one line): then "lede" and
        positions are measured in sentences, not paragraphs."""
        return not any(c in self.raw.strip() for c in "\r\n\u2028\u2029")

    @property
    def sha256(self) -> str:
        """SHA-256 of the raw text encoded as UTF-8."""
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of every paragraph (kept or set aside), in text order (cached).
        Sentences never cross paragraphs."""
        return self.cached("sentences", lambda: _split_sentences(self.paragraphs))

    def select(self, *, roles: Iterable[str] | None = DEFAULT_ROLES) -> list[Paragraph]:
        """Kept paragraphs whose role is in ``roles`` (all roles when None), in order."""
        wanted = check_roles(roles)
        return [p for p in self.paragraphs if p.kept and p.role in wanted]

    def select_sentences(self, *, roles: Iterable[str] | None = DEFAULT_ROLES
                         ) -> list[Sentence]:
        """Sentences of kept paragraphs whose role is in ``roles`` (all when None), in order."""
        wanted = check_roles(roles)
        return [s for s in self.sentences if s.kept and s.role in wanted]

    def audit(self) -> pd.DataFrame:
        """One row per raw paragraph: role, kept or set aside, the reason, and first words."""
        rows = [{
            "paragraph": p.index,
            "role": p.role,
            "status": "kept" if p.kept else "set aside",
            "reason": p.reason,
            "first_words": first_words(p.text),
            "start": p.start,
            "end": p.end,
        } for p in self.paragraphs]
        return pd.DataFrame(rows, columns=AUDIT_COLUMNS)

    def unaccounted(self) -> list[tuple[int, int]]:
        """Raw spans holding non-whitespace text that no paragraph covers (should be empty)."""
        gaps, position = [], 0
        for p in [*self.paragraphs, None]:
            stop = p.start if p else len(self.raw)
            if self.raw[position:stop].strip():
                gaps.append((position, stop))
            position = p.end if p else stop
        return gaps


def _split_sentences(paragraphs: Sequence[Paragraph]) -> tuple[Sentence, ...]:
    found: list[Sentence] = []
    for paragraph in paragraphs:
        for a, b in sentence_spans(paragraph.text):
            start, end = paragraph.raw_span(a, b)
            found.append(Sentence(len(found), paragraph.index, paragraph.role, paragraph.kept,
                                  start, end, paragraph.text[a:b], a, b))
    return tuple(found)


def cached_together(articles: Sequence[Article], key, compute):
    """The value cached under ``key`` for ``articles`` taken together, computed once by
    ``compute()``: it is kept on the first article, under ``key`` and the others (the same
    article objects, or equal ones, in the same order)."""
    first, *others = articles
    return first.cached((key, tuple(others)), compute)


def article_list(articles: Article | Sequence[Article]) -> list[Article]:
    """One article or a sequence of them as a list; a clear error for anything else, for an
    empty list and for repeated ids."""
    return checked_items(articles, (Article,), "Articles")


def checked_items(items, kinds: tuple[type, ...], what: str) -> list:
    """``items`` (one item or a sequence) as a non-empty list of ``kinds`` with distinct ids."""
    if isinstance(items, kinds):
        items = [items]
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise AnalysisInputError(f"expected {what}, got {type(items).__name__}")
    chosen = list(items)
    if not chosen:
        raise AnalysisInputError("no articles given; pass an Article or a list of them")
    for item in chosen:
        if not isinstance(item, kinds):
            raise AnalysisInputError(f"expected {what}, got {type(item).__name__}; load "
                                     "articles with analysis.load_articles(...)")
    ids = [item.id for item in chosen]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise AnalysisInputError(f"article id(s) {repeated} given more than once")
    return chosen


def check_roles(roles: Iterable[str] | None) -> frozenset[str]:
    """Validate a roles argument; None means every role."""
    if roles is None:
        return frozenset(ROLES)
    if isinstance(roles, str):
        roles = [roles]
    try:
        chosen = frozenset(roles)
    except TypeError:
        raise AnalysisInputError(f"roles must be a list of role names such as {list(ROLES)}, "
                                 f"not {roles!r}") from None
    unknown = sorted(chosen - set(ROLES))
    if unknown:
        raise AnalysisInputError(f"unknown role(s) {unknown}; choose from {list(ROLES)}")
    return chosen


def roles_with_embeds(roles: Iterable[str] | None, embeds: bool) -> frozenset[str]:
    """The roles a lens reads: ``roles`` (validated; None is every role), plus embedded posts
    when ``embeds`` is true (they are attributed speech, read by the sources and entities
    lenses whatever roles the analysis chose)."""
    wanted = check_roles(roles)
    return wanted | {"embed"} if embeds else wanted


def first_words(text: str, n: int = 8) -> str:
    """The first ``n`` words of ``text``, with an ellipsis when there are more."""
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")

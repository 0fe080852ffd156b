"""Tables that account for what cleaning did to each article, paragraph by paragraph.

Cleaning is lossless: every paragraph, kept or set aside, appears in these tables with the
reason for its role, and every edit normalisation made is listed with its raw offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .article import Article
from .roles import ROLES, signature
from .tables import sentences, tokens
from .tokenise import WORD_KINDS

OVERVIEW_COLUMNS = ["article", "label", "outlet", "file", "encoding", "characters", "paragraphs",
                    "headline", "dateline", "layout"]
ONE_BLOCK = "one block, no paragraph breaks: lede and positions are by sentence"
ROLE_SUMMARY_COLUMNS = ["article", "role", "paragraphs", "kept", "set_aside", "sentences", "words"]
POST_COLUMNS = ["article", "post", "platform", "name", "handle", "date", "paragraphs", "text"]
EDIT_COLUMNS = ["article", "paragraph", "kind", "raw", "normalised", "context", "start", "end"]
CONTEXT_CHARS = 25
EDIT_KINDS = {
    "single_quote": "curly or angled single quote made straight",
    "double_quote": "curly or angled double quote made straight",
    "doubled_quote": "two single quotes typed for a double quote made one",
    "space": "non-breaking space or line break made a plain space",
    "handle": "space inside '@ handle' removed",
    "footnote": "footnote marker after a word removed",
    "zero_width": "zero-width character or soft hyphen removed",
    "unicode": "characters composed to Unicode NFC",
}


def overview(articles: Sequence[Article]) -> pd.DataFrame:
    """One row per article: where it came from, its size, its headline and dateline, and
    whether it has paragraph breaks (``layout``)."""
    rows = [{
        "article": a.id, "label": a.label, "outlet": a.meta.get("outlet", ""),
        "file": a.path.name, "encoding": a.encoding, "characters": len(a.raw),
        "paragraphs": len(a.paragraphs), "headline": a.headline or "(none found)",
        "dateline": a.dateline, "layout": ONE_BLOCK if a.one_block else "paragraphs",
    } for a in articles]
    return pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)


def role_summary(articles: Sequence[Article]) -> pd.DataFrame:
    """Paragraphs, kept and set-aside paragraphs, sentences and words, per article and role.

    Sentences and words are counted in kept paragraphs only; words are tokens of kind
    ``word`` or ``number`` (not punctuation, clitics, links, handles or hashtags).
    """
    rows = []
    for article in articles:
        sents = sentences(article, roles=None)
        toks = tokens(article, roles=None)
        words = toks[toks["kind"].isin(WORD_KINDS)]
        for role in ROLES:
            paragraphs = [p for p in article.paragraphs if p.role == role]
            if not paragraphs:
                continue
            rows.append({
                "article": article.id, "role": role, "paragraphs": len(paragraphs),
                "kept": sum(p.kept for p in paragraphs),
                "set_aside": sum(not p.kept for p in paragraphs),
                "sentences": int((sents["role"] == role).sum()),
                "words": int((words["role"] == role).sum()),
            })
    return pd.DataFrame(rows, columns=ROLE_SUMMARY_COLUMNS)


def paragraphs_per_role(article: Article, *, kept_only: bool = False) -> dict[str, int]:
    """Number of paragraphs per role (kept ones only, if asked), roles in canonical order."""
    counts = {role: 0 for role in ROLES}
    for p in article.paragraphs:
        if p.kept or not kept_only:
            counts[p.role] += 1
    return {role: n for role, n in counts.items() if n}


def set_aside(articles: Sequence[Article]) -> pd.DataFrame:
    """Every paragraph that analysis does not see, with the reason it was set aside."""
    frames = [a.audit().assign(article=a.id) for a in articles]
    table = pd.concat(frames, ignore_index=True)
    table = table[table["status"] == "set aside"]
    return table[["article", "paragraph", "role", "reason", "first_words"]].reset_index(drop=True)


def normalisation_edits(articles: Sequence[Article],
                        kinds: Iterable[str] | None = None) -> pd.DataFrame:
    """Every change normalisation made (or those of the given kinds), with raw offsets."""
    wanted = set(kinds) if kinds is not None else set(EDIT_KINDS)
    rows = []
    for article in articles:
        for p in article.paragraphs:
            assert p.normalised is not None
            text = p.normalised.text
            for seg in p.normalised.edits():
                if seg.kind not in wanted:
                    continue
                rows.append({
                    "article": article.id, "paragraph": p.index, "kind": seg.kind,
                    "raw": article.raw[seg.raw_start:seg.raw_start + seg.raw_len],
                    "normalised": text[seg.norm_start:seg.norm_start + seg.norm_len],
                    "context": " ".join(article.raw[max(0, seg.raw_start - CONTEXT_CHARS):
                                                    seg.raw_start + seg.raw_len + CONTEXT_CHARS]
                                        .split()),
                    "start": seg.raw_start, "end": seg.raw_start + seg.raw_len,
                })
    return pd.DataFrame(rows, columns=EDIT_COLUMNS)


def embedded_posts(articles: Sequence[Article]) -> pd.DataFrame:
    """One row per embedded social-media post: its author, date, paragraphs and text."""
    rows = []
    for article in articles:
        posts: dict[int, list] = {}
        for p in article.paragraphs:
            if p.role == "embed" and p.post is not None and p.kept:
                posts.setdefault(p.post, []).append(p)
        for number, paragraphs in sorted(posts.items()):
            signed = signature(paragraphs[-1].text) or {}
            body = paragraphs[:-1] if signed else paragraphs  # unsigned: every paragraph
            rows.append({
                "article": article.id, "post": number, "platform": signed.get("platform", ""),
                "name": signed.get("name", ""), "handle": signed.get("handle", ""),
                "date": signed.get("date", ""), "paragraphs": [p.index for p in paragraphs],
                "text": " ".join(p.text for p in body),
            })
    return pd.DataFrame(rows, columns=POST_COLUMNS)


def normalisation_summary(articles: Sequence[Article]) -> pd.DataFrame:
    """How many edits of each kind normalisation made in each article."""
    edits = normalisation_edits(articles)
    table = (edits.groupby(["kind", "article"]).size().unstack("article", fill_value=0)
             .reindex(columns=[a.id for a in articles], fill_value=0))
    table.insert(0, "what changed", [EDIT_KINDS.get(k, k) for k in table.index])
    table.columns.name = None
    return table.reset_index()

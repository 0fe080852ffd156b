"""Entity tables: every mention of a person, organisation or place, and mentions per name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..evidence import in_input_order
from ..text.article import Article, article_list, roles_with_embeds
from ..text.roles import DEFAULT_ROLES
from .names import article_mentions

MENTION_COLUMNS = ["article", "paragraph", "role", "sentence", "text", "canonical", "type",
                   "kind", "start", "end"]
COUNT_COLUMNS = ["article", "canonical", "type", "kind", "mentions", "first_sentence",
                 "first_start"]


def mentions(articles: Article | Sequence[Article], *,
             roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True) -> pd.DataFrame:
    """One row per mention of a person, organisation or place, in text order.

    Reads the paragraphs of ``roles`` and, with ``embeds`` (the default), embedded posts.
    Columns: article, paragraph, role, sentence, text (the name as written, normalised),
    canonical, type (person, organisation, place, other), kind (the source kind it would have:
    media, government, person, document, social, other), start, end (offsets in ``raw``:
    ``raw[start:end]`` is the name as published).
    """
    wanted = roles_with_embeds(roles, embeds)
    chosen = article_list(articles)
    rows = [{"article": article.id, "paragraph": m.paragraph, "role": m.role,
             "sentence": m.sentence, "text": m.text, "canonical": m.name.canonical,
             "type": m.name.type, "kind": m.name.kind, "start": m.raw_start, "end": m.raw_end}
            for article in chosen for m in article_mentions(article, roles=wanted)]
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return in_input_order(frame, [a.id for a in chosen], ["start", "end"])


def counts(articles: Article | Sequence[Article], *,
           roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True) -> pd.DataFrame:
    """Mentions per canonical name and article, most mentioned first.

    Columns: article, canonical, type, kind, mentions, first_sentence, first_start (raw offset
    of the first mention). Ties are ordered by first mention.
    """
    found = mentions(articles, roles=roles, embeds=embeds)
    if found.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    grouped = (found.groupby(["article", "canonical", "type", "kind"], sort=False)
               .agg(mentions=("start", "size"), first_sentence=("sentence", "min"),
                    first_start=("start", "min"))
               .reset_index())
    order = [a.id for a in article_list(articles)]
    grouped = in_input_order(grouped, order, ["mentions", "first_start"], [False, True])
    return grouped[COUNT_COLUMNS]

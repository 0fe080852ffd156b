"""Actor tables: mentions, naming and keyword-in-context lines, for the actors found in the
articles (``lexicon=None``, the default) or the actors of an event file (``lexicon`` = a
file name in ``analysis/lexicons/``, a path, or a DataFrame)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from ..errors import AnalysisInputError
from ..evidence import in_input_order, require_columns
from ..evidence import kwic as evidence_kwic
from ..text.article import Article, article_list
from ..text.normalisation import normalise
from ..text.roles import DEFAULT_ROLES
from ..text.tokenise import stopwords
from .discovery import TOP, all_mentions, rank
from .event import COLUMNS, chosen_actors, event_mentions, listed_actors

NAMING_COLUMNS = ["article", "actor", "variant", "count", "share", "forms"]
Lexicon = str | Path | pd.DataFrame | None


def _found_mentions(articles: Article | Sequence[Article], actors: str | Sequence[str] | None,
                    roles: Iterable[str] | None, top: int | None
                    ) -> tuple[pd.DataFrame, list[str]]:
    """Mention rows of found actors (the ``top`` ones, or those named) and the actor order."""
    evidence = all_mentions(articles, roles=roles)
    ranked = rank(evidence)
    shown = ranked[:top] if top is not None else ranked
    if actors is not None:
        shown = chosen_actors(ranked, actors, "the actors found, most mentioned first, are")
    return evidence[evidence["actor"].isin(shown)][COLUMNS].reset_index(drop=True), shown


def mentions(articles: Article | Sequence[Article], *,
             actors: str | Sequence[str] | None = None,
             roles: Iterable[str] | None = DEFAULT_ROLES,
             lexicon: Lexicon = None, top: int | None = TOP) -> pd.DataFrame:
    """One row per mention of an actor.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``), actor,
    variant. With ``lexicon=None`` the actors are those found in the articles
    (:func:`analysis.actors.found`: the ``top`` most mentioned, or ``actors`` among all found)
    and the variant is the naming form as written ("President Trump", "Mr. Trump", "the
    president" where the sources lens resolved that description to Donald Trump). With an
    event file (``lexicon="actors.tsv"``, a path to a researcher's own file, or a DataFrame)
    the actors are the file's and the variant is the alias as listed; a missing or malformed
    file raises ``LexiconError`` naming it. ``actors`` limits the rows to some actors (None:
    all); an unknown one raises ``AnalysisInputError``. Datelines are never mentions.
    """
    if lexicon is None:
        return _found_mentions(articles, actors, roles, top)[0]
    return event_mentions(articles, actors=actors, roles=roles, lexicon=lexicon)


def naming(articles: Article | Sequence[Article], *,
           actors: str | Sequence[str] | None = None,
           roles: Iterable[str] | None = DEFAULT_ROLES,
           lexicon: Lexicon = None, top: int | None = TOP,
           evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each article names each actor: one row per article, actor and variant used.

    Columns: article, actor, variant, count, share (of that actor's mentions in that article),
    forms (the distinct word forms seen, most frequent first, e.g. "bounties / bounty").
    Actors are those found in the articles, most mentioned first (``lexicon=None``), or those
    of an event file in file order (see :func:`mentions`); variants the most used first. Pass
    ``evidence`` (rows of :func:`mentions`, possibly filtered) to summarise a subset.
    """
    chosen = article_list(articles)
    if lexicon is None:
        found_rows, order_list = _found_mentions(chosen, actors, roles, top)
    else:
        found_rows, order_list = None, listed_actors(lexicon)
    if evidence is None:
        evidence = found_rows if found_rows is not None else \
            mentions(chosen, actors=actors, roles=roles, lexicon=lexicon)
    require_columns(evidence, ["article", "actor", "variant", "match"], "evidence")
    order = {a: n for n, a in enumerate(order_list)}
    rows = []
    for article in chosen:
        mine = evidence[evidence["article"] == article.id]
        for actor, by_actor in mine.groupby("actor", sort=False):
            total = len(by_actor)
            for variant, group in by_actor.groupby("variant", sort=False):
                forms = pd.Series([normalise(m).text for m in group["match"]]).value_counts()
                ranked = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))
                rows.append({"article": article.id, "actor": actor, "variant": variant,
                             "count": len(group), "share": len(group) / total,
                             "forms": " / ".join(form for form, _ in ranked)})
    result = pd.DataFrame(rows, columns=NAMING_COLUMNS)
    result["_actor"] = result["actor"].map(lambda a: order.get(a, len(order)))
    result = in_input_order(result, [a.id for a in chosen], ["_actor", "actor", "count",
                                                             "variant"],
                            [True, True, False, True])
    return result[NAMING_COLUMNS]


def kwic(articles: Article | Sequence[Article], actor: str | None = None, *,
         roles: Iterable[str] | None = DEFAULT_ROLES, lexicon: Lexicon = None,
         width: int | None = None) -> pd.DataFrame:
    """Keyword-in-context lines for one actor's mentions (found, or of an event file: see
    :func:`mentions`); ``actor=None`` takes the most mentioned one (no rows when none is).

    Columns: article, paragraph, role, sentence, start, end, left, match, right, actor,
    variant; left + match + right is the sentence as published (see
    :func:`analysis.evidence.kwic`; ``width`` trims the context).
    """
    if actor is None:  # the most mentioned actor, or none at all
        ranked = naming(articles, roles=roles, lexicon=lexicon)
        if ranked.empty:
            return evidence_kwic(articles, mentions(articles, roles=roles, lexicon=lexicon)
                                 .iloc[0:0], width=width)
        actor = str(ranked["actor"].iloc[0])
    if not isinstance(actor, str):
        raise AnalysisInputError(f"actor must be one actor's name, not {actor!r}")
    found = mentions(articles, actors=actor, roles=roles, lexicon=lexicon)
    return evidence_kwic(articles, found, width=width)


def word_groups(articles: Article | Sequence[Article], *,
                roles: Iterable[str] | None = DEFAULT_ROLES, lexicon: Lexicon = None,
                top: int = 3) -> dict[str, list[str]]:
    """The ``top`` actors (found, or of an event file) with the word forms the articles name
    them by, lower case: groups for :func:`analysis.words.dispersion` ("Donald Trump":
    ["donald trump", "president trump", "trump"]). Descriptions ("the president") are left
    out: they name an actor only where the sources lens resolved them, and so are forms that
    are function words in lower case ("US", which would match "us")."""
    table = naming(articles, roles=roles, lexicon=lexicon, top=top)
    groups: dict[str, set[str]] = {}
    for actor, forms, variant in zip(table["actor"], table["forms"], table["variant"],
                                     strict=True):
        if len(groups) == top and actor not in groups:
            continue
        # a form that is also a function word ("US" / "us") would match the function word
        written = {f.strip().lower() for f in forms.split(" / ")} - stopwords()
        if variant[:1].islower():  # a description resolved to the actor, not a name
            continue
        groups.setdefault(actor, set()).update(written)
    return {actor: sorted(forms) for actor, forms in groups.items() if forms}

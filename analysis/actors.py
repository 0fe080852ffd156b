"""The actors lens: how each article names the key actors of a story ("Russia", "Moscow", "the
Kremlin"; "the paper" or "the publication").

Method. ``lexicons/actors.tsv`` lists each actor's aliases; they are matched like every lexicon
(:mod:`analysis.lexicons.match`), the longest alias winning across all actors. Naming and
labelling choices are a classic framing device (Entman 1993).

Limits. Only listed aliases are found; pronouns ("it", "the group") are not actor mentions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .errors import AnalysisInputError
from .evidence import in_input_order, require_columns
from .evidence import kwic as evidence_kwic
from .lexicons.match import EVIDENCE_COLUMNS, Lexicon, compile_lexicon, labels, match_lexicon
from .text.article import Article, article_list
from .text.normalisation import normalise
from .text.roles import DEFAULT_ROLES

LEXICON = "actors.tsv"
COLUMNS = [*EVIDENCE_COLUMNS, "actor", "variant"]
NAMING_COLUMNS = ["article", "actor", "variant", "count", "share", "forms"]

__all__ = ["mentions", "naming", "kwic", "LEXICON", "COLUMNS", "NAMING_COLUMNS"]


def _chosen_actors(lexicon: Lexicon, actors: str | Sequence[str] | None) -> list[str]:
    known = labels(lexicon, "actor")
    if actors is None:
        return known
    wanted = [actors] if isinstance(actors, str) else list(actors)
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise AnalysisInputError(f"unknown actor(s) {unknown}; the alias file lists {known}")
    return wanted


def mentions(articles: Article | Sequence[Article], *,
             actors: str | Sequence[str] | None = None,
             roles: Iterable[str] | None = DEFAULT_ROLES,
             lexicon: str | pd.DataFrame = LEXICON) -> pd.DataFrame:
    """One row per mention of a key actor by one of its aliases.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``), actor,
    variant (the alias as listed in the alias file). ``actors`` limits the rows to some actors
    (None: all). Where aliases overlap the longest wins, across all actors.
    """
    compiled = compile_lexicon(lexicon, ["actor"])
    wanted = _chosen_actors(compiled, actors)
    found = match_lexicon(articles, compiled, roles=roles).rename(columns={"pattern": "variant"})
    found = found[found["actor"].isin(wanted)] if actors is not None else found
    return found[COLUMNS].reset_index(drop=True)


def naming(articles: Article | Sequence[Article], *,
           actors: str | Sequence[str] | None = None,
           roles: Iterable[str] | None = DEFAULT_ROLES,
           lexicon: str | pd.DataFrame = LEXICON,
           evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each article names each actor: one row per article, actor and variant used.

    Columns: article, actor, variant, count, share (of that actor's mentions in that article),
    forms (the distinct word forms seen, most frequent first, e.g. "bounties / bounty").
    Actors follow the alias file; variants the most used first. Pass ``evidence`` (rows of
    :func:`mentions`, possibly filtered) to summarise a subset.
    """
    chosen = article_list(articles)
    if evidence is None:
        evidence = mentions(chosen, actors=actors, roles=roles, lexicon=lexicon)
    require_columns(evidence, ["article", "actor", "variant", "match"], "evidence")
    order = {a: n for n, a in enumerate(labels(compile_lexicon(lexicon, ["actor"]), "actor"))}
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
    result = in_input_order(result, [a.id for a in chosen], ["_actor", "count", "variant"],
                            [True, False, True])
    return result[NAMING_COLUMNS]


def kwic(articles: Article | Sequence[Article], actor: str, *,
         roles: Iterable[str] | None = DEFAULT_ROLES, lexicon: str | pd.DataFrame = LEXICON,
         width: int | None = None) -> pd.DataFrame:
    """Keyword-in-context lines for one actor's mentions.

    Columns: article, paragraph, role, sentence, start, end, left, match, right, actor,
    variant; left + match + right is the sentence as published (see
    :func:`analysis.evidence.kwic`; ``width`` trims the context).
    """
    if not isinstance(actor, str):
        raise AnalysisInputError(f"actor must be one actor's name, not {actor!r}")
    found = mentions(articles, actors=actor, roles=roles, lexicon=lexicon)
    return evidence_kwic(articles, found, width=width)

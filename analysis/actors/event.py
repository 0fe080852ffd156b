"""Actors from an event file: the key actors of one story and the aliases an article may use
for each ("Russia", "Moscow", "the Kremlin"; "the paper" or "the publication").

Method. The event file (``lexicons/actors.tsv`` for the seed story, or a researcher's own file
in the same format: columns actor, pattern, mode, note) lists each actor's aliases; they are
matched like every lexicon (:mod:`analysis.lexicons.match`), the longest alias winning across
all actors. Naming and labelling choices are a classic framing device (Entman 1993).

Limits. Only listed aliases are found; pronouns ("it", "the group") are not actor mentions.
A dateline ("WASHINGTON —") is never a mention, whatever the roles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from ..errors import AnalysisInputError
from ..lexicons.match import EVIDENCE_COLUMNS, Lexicon, compile_lexicon, labels, match_lexicon
from ..text.article import Article

LEXICON = "actors.tsv"
COLUMNS = [*EVIDENCE_COLUMNS, "actor", "variant"]


def compiled(lexicon: str | Path | pd.DataFrame) -> Lexicon:
    """The event file (or table) compiled; a missing or malformed one raises ``LexiconError``
    naming the file and line."""
    return compile_lexicon(lexicon, ["actor"])


def listed_actors(lexicon: str | Path | pd.DataFrame) -> list[str]:
    """The actors of an event file, in file order (guards left out)."""
    return labels(compiled(lexicon), "actor")


def chosen_actors(known: list[str], actors: str | Sequence[str] | None, where: str) -> list[str]:
    """``actors`` checked against the ``known`` actors (None: all of them)."""
    if actors is None:
        return known
    wanted = [actors] if isinstance(actors, str) else list(actors)
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise AnalysisInputError(f"unknown actor(s) {unknown}; {where} {known}")
    return wanted


def event_mentions(articles: Article | Sequence[Article], *,
                   actors: str | Sequence[str] | None,
                   roles: Iterable[str] | None,
                   lexicon: str | Path | pd.DataFrame) -> pd.DataFrame:
    """One row per mention of an event file's actor by one of its aliases (``COLUMNS``); the
    variant is the alias as listed. Where aliases overlap the longest wins, across all actors."""
    lexicon_ = compiled(lexicon)
    wanted = chosen_actors(labels(lexicon_, "actor"), actors, "the alias file lists")
    found = match_lexicon(articles, lexicon_, roles=roles).rename(columns={"pattern": "variant"})
    found = found[found["role"] != "dateline"]
    found = found[found["actor"].isin(wanted)] if actors is not None else found
    return found[COLUMNS].reset_index(drop=True)

"""The one-page comparison: a compact table across all lenses, and the main differences as
sentences generated from the results, each linked to the notebook section with its evidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import pandas as pd

from .. import actors, loaded, sources, tone, voice
from .. import frames as frames_lens
from ..stance import counted
from ..text.article import Article, cached_together
from ..text.roles import DEFAULT_ROLES
from ..words import key_terms, keyness_between
from ..words import profile as lexical_profile
from .differences import differences, most_named, of_significant, strongest_frames
from .prose import most_cited, plural

SUMMARY_COLUMNS = ["lens", "measure"]

__all__ = ["table", "differences", "SUMMARY_COLUMNS"]


def _percent(value: float) -> str:
    return "n/a" if pd.isna(value) else f"{value:.0%}"


def _number(value: float, digits: int = 1) -> str:
    return "n/a" if pd.isna(value) else f"{value:.{digits}f}"


def table(articles: Sequence[Article], *,
          roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Side-by-side measures from every lens: one row per measure, one column per article
    label. Values are plain text (numbers formatted for reading), never pre-escaped.
    Computed once for the same articles and roles (notebook 05 shows it, and its kernel then
    gives it to the index); each call gets its own copy."""
    chosen = list(articles)
    roles = list(roles) if roles is not None else None
    if not chosen:
        return _table(chosen, roles)
    key = ("summary table", None if roles is None else tuple(roles))
    return cached_together(chosen, key, lambda: _table(chosen, roles)).copy()


def _table(articles: list[Article], roles: list[str] | None) -> pd.DataFrame:
    profile = lexical_profile(articles, roles=roles).set_index("article")
    key = keyness_between(articles, roles=roles)
    key_a, key_b = key_terms(key, 3, significant_only=True, content_only=True)
    roster = sources.roster(articles, roles=roles)
    anonymous = sources.anonymity(articles, roles=roles).set_index("article")
    stances = voice.stance(articles, roles=roles)
    words = voice.words(articles, roles=roles).set_index(["article", "voice"])
    markers = counted(voice.markers(articles, roles=roles))
    frames = frames_lens.scores(articles, roles=roles)
    tones = tone.summary(articles, roles=roles).set_index("article")
    rows = []

    def add(lens: str, measure: str, values: Sequence[str]) -> None:
        rows.append({"lens": lens, "measure": measure,
                     **{a.label: v for a, v in zip(articles, values, strict=True)}})

    add("words", "words analysed", [f"{profile.loc[a.id, 'tokens']:,}" for a in articles])
    add("words", "mean sentence length (words)",
        [_number(profile.loc[a.id, "mean_sentence_length"]) for a in articles])
    add("words", "MATTR (vocabulary variety)",
        [_number(profile.loc[a.id, "mattr"], 3) for a in articles])
    shown = of_significant(key)
    add("words", "significant key content terms (q < 0.05)",
        [(", ".join(key_a) + shown[0]) or "none", (", ".join(key_b) + shown[1]) or "none"])
    found = actors.found(articles, roles=roles)
    add("actors", "most named actor", [_top_actor(found, a.id) for a in articles])
    own = {a.id: roster[roster["article"] == a.id] for a in articles}
    add("sources", "attributions (embedded posts included)",
        [str(int(own[a.id]["attributions"].sum())) for a in articles])
    add("sources", "distinct sources", [str(len(own[a.id])) for a in articles])
    add("sources", "most cited source",
        [most_cited(own[a.id], markdown=False) for a in articles])
    add("sources", "anonymous share of attributions",
        [_percent(anonymous.loc[a.id, "share_anonymous"]) for a in articles])
    add("sources", "words of direct quotation",
        [str(int(own[a.id]["quoted_words"].sum())) for a in articles])
    add("voice", "narrator's share of words",
        [_percent(words.loc[(a.id, "narrator"), "share"]) for a in articles])
    add("voice", "stance markers in the narrator's own voice",
        [f"{int(((markers['article'] == a.id) & (markers['voice'] == 'narrator')).sum())} of "
         f"{int((markers['article'] == a.id).sum())}" for a in articles])
    for category in dict.fromkeys(stances["category"]):
        rows_ = stances[(stances["category"] == category)
                        & (stances["voice"] == "narrator")].set_index("article")
        add("framing", f"{category} markers in the narrator's voice (per 1,000 narrator words)",
            [f"{int(rows_.loc[a.id, 'count'])} ({_number(rows_.loc[a.id, 'per_1000'])})"
             for a in articles])
    loaded_rates = loaded.summary(articles, roles=roles).groupby("article").agg(
        count=("count", "sum"), words=("words", "first"))
    add("framing", "loaded-language markers in the narrator's voice (per 1,000 narrator words)",
        [f"{int(loaded_rates.loc[a.id, 'count'])} "
         f"({_number(_per_1000(loaded_rates.loc[a.id, 'count'], loaded_rates.loc[a.id, 'words']))})"
         for a in articles])
    add("framing", "strongest news frame (hits per 1,000 words)",
        [_top_frame(frames, a.id) for a in articles])
    add("framing", "mean tone of sentences (VADER compound)",
        [_number(tones.loc[a.id, "mean"], 2) for a in articles])
    return pd.DataFrame(rows, columns=[*SUMMARY_COLUMNS, *[a.label for a in articles]])


def _per_1000(count: float, words: float) -> float:
    return 1000 * count / words if words else float("nan")


def _top_frame(frames: pd.DataFrame, article: str) -> str:
    names, _, rate = strongest_frames(frames, article)
    tied = ", tied" if len(names) > 1 else ""
    return f"{' and '.join(names)} ({rate:.1f}{tied})" if names else "none"


def _top_actor(found: pd.DataFrame, article: str) -> str:
    names, top = most_named(found, article)
    tied = ", tied" if len(names) > 1 else ""
    return f"{' and '.join(names)} ({plural(top, 'mention')}{tied})" if names else "none"


def identity(articles: Sequence[Article], *, roles: Sequence[str]) -> list:
    """What a summary table depends on besides the lexicons: each article's id, label and
    text (as its SHA-256), and the roles analysed."""
    return [[[a.id, a.label, a.sha256] for a in articles], list(roles)]


def summary_expression(articles: Sequence[Article], *, roles: Sequence[str]) -> str:
    """Python code that, in a kernel holding ``articles`` and ``ROLES`` (notebook 05's), gives
    :func:`summary_data` for the same articles and roles. (This module is light for a kernel
    that has computed the summary: :mod:`.index` would import nbconvert.)"""
    return (f"__import__('analysis.report.summary', fromlist=['summary_data'])"
            f".summary_data(articles, roles=ROLES, expected={identity(articles, roles=roles)!r})")


def summary_data(articles: Sequence[Article], *, roles: Sequence[str], expected: list) -> str:
    """The summary table as JSON text (``columns`` and ``data``), computed where the lenses'
    results are already cached on ``articles`` (a notebook's kernel); "" when ``articles``
    and ``roles`` are not the ones ``expected`` (:func:`identity`) names."""
    if identity(articles, roles=roles) != expected:
        return ""
    frame = table(articles, roles=roles)
    return json.dumps({"columns": list(frame.columns), "data": frame.values.tolist()})

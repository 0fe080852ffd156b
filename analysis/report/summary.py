"""The one-page comparison: a compact table across all lenses, and the main differences as
sentences generated from the results, each linked to the notebook section with its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .. import frames as frames_lens
from .. import sources, stance, tone, voice
from ..text.article import Article
from ..text.roles import DEFAULT_ROLES
from ..words import key_terms, keyness_between
from ..words import profile as lexical_profile
from .display import escape
from .prose import most_cited

SUMMARY_COLUMNS = ["lens", "measure"]


def _percent(value: float) -> str:
    return "n/a" if pd.isna(value) else f"{value:.0%}"


def _number(value: float, digits: int = 1) -> str:
    return "n/a" if pd.isna(value) else f"{value:.{digits}f}"


def table(articles: Sequence[Article], *,
          roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Side-by-side measures from every lens: one row per measure, one column per article
    label. Values are plain text (numbers formatted for reading), never pre-escaped."""
    roles = list(roles) if roles is not None else None
    profile = lexical_profile(articles, roles=roles).set_index("article")
    key = keyness_between(articles, roles=roles)
    key_a, key_b = key_terms(key, 3, significant_only=True, content_only=True)
    roster = sources.roster(articles, roles=roles)
    anonymous = sources.anonymity(articles, roles=roles).set_index("article")
    stances = stance.summary(articles, roles=roles)
    words = voice.words(articles, roles=roles).set_index(["article", "voice"])
    markers = voice.markers(articles, roles=roles)
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
    shown = _of_significant(key)
    add("words", "significant key content terms (q < 0.05)",
        [(", ".join(key_a) + shown[0]) or "none", (", ".join(key_b) + shown[1]) or "none"])
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
        rows_ = stances[stances["category"] == category].set_index("article")
        add("framing", f"{category} markers per 1,000 words",
            [_number(rows_.loc[a.id, "per_1000"]) for a in articles])
    add("framing", "strongest news frame (hits per 1,000 words)",
        [_top_frame(frames, a.id) for a in articles])
    add("framing", "mean tone of sentences (VADER compound)",
        [_number(tones.loc[a.id, "mean"], 2) for a in articles])
    return pd.DataFrame(rows, columns=[*SUMMARY_COLUMNS, *[a.label for a in articles]])


def _top_frame(frames: pd.DataFrame, article: str) -> str:
    own = frames[frames["article"] == article].sort_values(["per_1000", "frame_name"],
                                                            ascending=[False, True])
    if own.empty or own.iloc[0]["per_1000"] == 0:
        return "none"
    return f"{own.iloc[0]['frame_name']} ({own.iloc[0]['per_1000']:.1f})"


def _more(a: float, b: float, tolerance: float = 1.5) -> int:
    """+1 when a is clearly larger than b (by ``tolerance`` times), -1 when smaller, else 0."""
    if a > b * tolerance and a > 0:
        return 1
    if b > a * tolerance and b > 0:
        return -1
    return 0


def differences(articles: Sequence[Article], *,
                roles: Iterable[str] | None = DEFAULT_ROLES) -> list[str]:
    """The main differences between two articles, as Markdown bullet points generated from
    the results; each links to the notebook section that holds its evidence."""
    first, second = articles
    names = [f"**{escape(a.label)}**" for a in articles]
    lines = []
    key = keyness_between(articles, roles=roles)
    key_a, key_b = key_terms(key, 3, significant_only=True, content_only=True)
    if key_a or key_b:
        shown = _of_significant(key)
        lines.append(
            f"- Vocabulary: {names[0]} over-uses {_terms(key_a)}{shown[0]}; {names[1]} over-uses "
            f"{_terms(key_b)}{shown[1]} (log-likelihood, q < 0.05 after the Benjamini-Hochberg "
            "correction; reporting verbs, titles, days and months left out). "
            "[Evidence](02_word_frequencies.ipynb#Which-words-set-each-article-apart:-keyness)")
    roster = sources.roster(articles, roles=roles)
    tops = [roster[roster["article"] == a.id] for a in articles]
    if all(len(t) for t in tops):
        lines.append(
            f"- Sources: most cited in {names[0]}: {most_cited(tops[0])}; in {names[1]}: "
            f"{most_cited(tops[1])}. "
            "[Evidence](03_named_sources.ipynb#Who-speaks-in-each-article)")
    words = voice.words(articles, roles=roles).set_index(["article", "voice"])["share"]
    narrator = [words[(a.id, "narrator")] for a in articles]
    lines.append(
        f"- Voice: the narrator speaks {_percent(narrator[0])} of {names[0]}'s words and "
        f"{_percent(narrator[1])} of {names[1]}'s; the rest is attributed to sources. "
        "[Evidence](04_framing.ipynb#Narrator's-voice-and-quoted-voice)")
    stances = stance.summary(articles, roles=roles)
    for category in dict.fromkeys(stances["category"]):
        rates = stances[stances["category"] == category].set_index("article")["per_1000"]
        direction = _more(rates[first.id], rates[second.id])
        if direction:
            more, less = (0, 1) if direction > 0 else (1, 0)
            lines.append(
                f"- Stance: {names[more]} uses {escape(category)} markers more "
                f"({rates[articles[more].id]:.1f} against {rates[articles[less].id]:.1f} per "
                "1,000 words). [Evidence](04_framing.ipynb#Stance:-distancing,-boosting,-"
                "evaluation)")
    frames = frames_lens.scores(articles, roles=roles)
    tops = [_top_frame(frames, a.id) for a in articles]
    lines.append(f"- Frames: the strongest news frame is {escape(tops[0])} in {names[0]} and "
                 f"{escape(tops[1])} in {names[1]}. "
                 "[Evidence](04_framing.ipynb#News-frames)")
    return lines


def _of_significant(key: pd.DataFrame, shown: int = 3) -> tuple[str, str]:
    """" (3 of 7)" after each side's terms when more significant content terms exist than
    the ``shown`` ones, else ""."""
    sides = key_terms(key, len(key), significant_only=True, content_only=True)
    return tuple(f" ({shown} of {len(terms)})" if len(terms) > shown else "" for terms in sides)


def _terms(terms: Sequence[str]) -> str:
    return ", ".join(f"*{escape(t)}*" for t in terms) if terms else "no term significantly"

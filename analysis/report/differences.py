"""The main differences between two articles, as sentences that state only what the numbers
support.

Rules, the same for every lens:

- A difference is stated only when the two sides differ: the larger rate at least
  ``RATIO`` times the smaller (and above zero), or another value altogether (a different most
  cited source, a different strongest frame). When both sides agree, the line says so ("both
  lean on conflict").
- A comparison resting on fewer than ``FEW`` markers, mentions or attributions on its larger
  side is not stated; the last line names what was left out for that reason, with its counts.
- Stance and loaded language compare the narrator's voice only: a word inside a source's
  quotation or reported clause is the source's. Quoted and reported counts are given beside
  the narrator's, never added to them.
- Ties are named, and counts agree in number ("1 marker", "2 markers").

Each line links to the notebook section with its evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .. import actors as actors_lens
from .. import frames as frames_lens
from .. import loaded, sources, voice
from ..text.article import Article
from ..text.roles import DEFAULT_ROLES
from ..text.tables import tokens
from ..words import key_terms, keyness_between
from .display import escape
from .prose import most_cited, plural

FEW = 3  # a comparison resting on fewer markers than this on its larger side is left out
RATIO = 1.5  # the larger rate must be at least this many times the smaller
SAME_SHARE = 0.10  # narrator shares closer than this (10 points) are "about the same"

EVIDENCE = {
    "keyness": "02_word_frequencies.ipynb#Which-words-set-each-article-apart:-keyness",
    "sources": "03_named_sources.ipynb#Who-speaks-in-each-article",
    "voice": "04_framing.ipynb#Narrator's-voice-and-quoted-voice",
    "stance": "04_framing.ipynb#Stance-in-each-voice",
    "loaded": "04_framing.ipynb#Loaded-language",
    "frames": "04_framing.ipynb#News-frames",
    "actors": "04_framing.ipynb#Naming-the-actors",
}

__all__ = ["differences", "of_significant", "most_named", "strongest_frames", "FEW", "RATIO"]


def _link(section: str) -> str:
    return f" [Evidence]({EVIDENCE[section]})"


def _larger(a: float, b: float) -> int:
    """+1 when a is at least ``RATIO`` times b (and above zero), -1 the other way, else 0."""
    if pd.isna(a) or pd.isna(b):
        return 0
    if a > 0 and a >= b * RATIO:
        return 1
    if b > 0 and b >= a * RATIO:
        return -1
    return 0


def _rate(value: float) -> str:
    return "n/a" if pd.isna(value) else f"{value:.1f}"


def _terms(terms: Sequence[str]) -> str:
    return ", ".join(f"*{escape(t)}*" for t in terms) if terms else "no term significantly"


def of_significant(key: pd.DataFrame, shown: int = 3) -> tuple[str, str]:
    """" (3 of 7)" after each side's terms when more significant content terms exist than
    the ``shown`` ones, else ""."""
    sides = key_terms(key, len(key), significant_only=True, content_only=True)
    return tuple(f" ({shown} of {len(terms)})" if len(terms) > shown else "" for terms in sides)


def most_named(found: pd.DataFrame, article: str) -> tuple[list[str], int]:
    """The actors ``article`` names most (all of them when tied, by name) and how often, from
    :func:`analysis.actors.found`; ``([], 0)`` when it names none."""
    own = found[found["article"] == article]
    top = int(own["mentions"].max()) if len(own) else 0
    return sorted(own[own["mentions"] == top]["actor"]) if top else [], top


def _actors(articles, names, roles, few: list[str], absent: list[str]) -> list[str]:
    found = actors_lens.found(articles, roles=roles)
    tops = [most_named(found, a.id) for a in articles]
    lines = []
    if max(top for _, top in tops) == 0:
        absent.append("named actors")
    elif max(top for _, top in tops) < FEW:
        few.append(f"most named actor ({tops[0][1]} against {tops[1][1]} mentions)")
    elif tops[0][0] == tops[1][0] and len(tops[0][0]) == 1:
        lines.append(f"- Actors: both name {escape(tops[0][0][0])} most ({names[0]} "
                     f"{plural(tops[0][1], 'mention')}, {names[1]} {tops[1][1]})."
                     + _link("actors"))
    else:
        parts = [(" and ".join(escape(a) for a in leaders) + f" ({plural(top, 'mention')}"
                  + (", tied" if len(leaders) > 1 else "") + ")") if leaders else "no actor"
                 for leaders, top in tops]
        lines.append(f"- Actors: most named in {names[0]}: {parts[0]}; in {names[1]}: "
                     f"{parts[1]}." + _link("actors"))
    counts = found.pivot_table(index="actor", columns="article", values="mentions",
                               aggfunc="sum").reindex(columns=[a.id for a in articles])
    for side in (0, 1):
        mine, other = articles[side].id, articles[1 - side].id
        only = counts[(counts[mine] >= FEW) & (counts[other] == 0)]
        if len(only):
            listed = ", ".join(f"{escape(a)} ({plural(int(n), 'mention')})"
                               for a, n in sorted(only[mine].items(), key=lambda kv: (-kv[1],
                                                                                     kv[0])))
            lines.append(f"- Actors: only {names[side]} names {listed}." + _link("actors"))
    return lines


def _same_words(articles, names, roles) -> str | None:
    """A line saying so when both articles analyse the very same words."""
    words = [tokens(a, roles=roles)["lower"].tolist() for a in articles]
    if words[0] != words[1]:
        return None
    return (f"- Same text: {names[0]} and {names[1]} have the same analysed words "
            f"({plural(len(words[0]), 'token')}), so no count below can tell them apart.")


def _vocabulary(articles, names, roles) -> str:
    key = keyness_between(articles, roles=roles)
    key_a, key_b = key_terms(key, 3, significant_only=True, content_only=True)
    if not key_a and not key_b:
        return ("- Vocabulary: no content term is significantly more frequent in either article "
                "(q < 0.05 after the Benjamini-Hochberg correction)." + _link("keyness"))
    shown = of_significant(key)
    return (f"- Vocabulary: {names[0]} over-uses {_terms(key_a)}{shown[0]}; {names[1]} "
            f"over-uses {_terms(key_b)}{shown[1]} (log-likelihood, q < 0.05 after the "
            "Benjamini-Hochberg correction; reporting verbs, titles, days and months left "
            "out)." + _link("keyness"))


def _sources(articles, names, roles, few: list[str]) -> str | None:
    roster = sources.roster(articles, roles=roles)
    own = [roster[roster["article"] == a.id] for a in articles]
    counts = [int(t["attributions"].sum()) for t in own]
    if not any(counts):
        return "- Sources: neither article attributes anything to a source." + _link("sources")
    if max(int(t["attributions"].max()) if len(t) else 0 for t in own) < FEW:
        few.append(f"most cited source ({_most(own[0])} against {_most(own[1])} attributions)")
        return None
    tops = [set(t[t["attributions"] == t["attributions"].max()]["canonical"]) if len(t)
            else set() for t in own]
    if len(tops[0]) == 1 and tops[0] == tops[1]:
        (name,) = tops[0]
        shares = [int(t[t["canonical"] == name]["attributions"].iloc[0]) for t in own]
        return (f"- Sources: both cite {escape(name)} most ({names[0]} "
                f"{plural(shares[0], 'attribution')}, {names[1]} {shares[1]})."
                + _link("sources"))
    parts = [most_cited(t) if len(t) else "no source" for t in own]
    return (f"- Sources: most cited in {names[0]}: {parts[0]}; in {names[1]}: {parts[1]}."
            + _link("sources"))


def _most(own: pd.DataFrame) -> int:
    return int(own["attributions"].max()) if len(own) else 0


def _voice(articles, names, speech, roles) -> str | None:
    shares = voice.words(articles, roles=roles, speech=speech).set_index(
        ["article", "voice"])["share"]
    narrator = [shares[(a.id, "narrator")] for a in articles]
    if any(pd.isna(share) for share in narrator):
        return None
    if all(share == 1 for share in narrator):
        return ("- Voice: neither article attributes words to a source: the narrator speaks "
                "all of both." + _link("voice"))
    if abs(narrator[0] - narrator[1]) < SAME_SHARE:
        return (f"- Voice: both narrate about the same share of their words ({names[0]} "
                f"{narrator[0]:.0%}, {names[1]} {narrator[1]:.0%}); the rest is attributed to "
                "sources." + _link("voice"))
    more = 0 if narrator[0] > narrator[1] else 1
    return (f"- Voice: {names[more]} speaks more in its own voice: the narrator speaks "
            f"{narrator[more]:.0%} of its words, against {narrator[1 - more]:.0%} in "
            f"{names[1 - more]}; the rest is attributed to sources." + _link("voice"))


def _stance(articles, names, speech, roles, few: list[str], absent: list[str]) -> list[str]:
    table = voice.stance(articles, roles=roles)
    if not table["count"].sum():
        absent.append("stance markers")
        return []
    lines = []
    for category in dict.fromkeys(table["category"]):
        rows = table[table["category"] == category].set_index(["article", "voice"])
        own = [rows.loc[(a.id, "narrator")] for a in articles]
        counts = [int(r["count"]) for r in own]
        rates = [float(r["per_1000"]) for r in own]
        others = [sum(int(rows.loc[(a.id, v), "count"]) for v in ("reported", "quoted"))
                  for a in articles]
        direction = _larger(*rates)
        if not direction:
            continue
        more = 0 if direction > 0 else 1
        if counts[more] < FEW:
            few.append(f"{escape(category)} markers in the narrator's voice ({counts[0]} against "
                       f"{counts[1]})")
            continue
        lines.append(
            f"- Stance: {names[more]} uses {escape(category)} markers more in its own voice "
            f"({plural(counts[more], 'marker')}, {_rate(rates[more])} per 1,000 narrator "
            f"words, against {counts[1 - more]}, {_rate(rates[1 - more])}). In sources' "
            f"quoted and reported words: {names[0]} {others[0]}, {names[1]} {others[1]}."
            + _link("stance"))
    return lines


def _loaded(articles, names, speech, roles, few: list[str], absent: list[str]) -> str | None:
    found = loaded.markers(articles, roles=roles, speech=speech)
    table = loaded.summary(articles, roles=roles, evidence=found)
    counts = [int(table[table["article"] == a.id]["count"].sum()) for a in articles]
    if not sum(counts):
        absent.append("loaded-language markers in the narrator's voice")
        return None
    words = [int(table[table["article"] == a.id]["words"].iloc[0]) for a in articles]
    rates = [1000 * c / w if w else float("nan") for c, w in zip(counts, words, strict=True)]
    direction = _larger(*rates)
    if not direction:
        if max(counts) >= FEW:
            return (f"- Loaded language: about as frequent in both narrators' words ({names[0]} "
                    f"{plural(counts[0], 'marker')}, {names[1]} {counts[1]})." + _link("loaded"))
        return None
    more = 0 if direction > 0 else 1
    if counts[more] < FEW:
        few.append(f"loaded language in the narrator's voice ({counts[0]} against {counts[1]})")
        return None
    mine = found[found["article"] == articles[more].id]
    written = dict(zip(mine["match"].str.lower(), mine["match"], strict=True))
    ranked = mine["match"].str.lower().value_counts()
    examples = sorted(ranked.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    listed = ", ".join(f"*{escape(' '.join(written[w].split()))}*" for w, _ in examples)
    return (f"- Loaded language: {names[more]} uses more in its own voice "
            f"({plural(counts[more], 'marker')}, such as {listed}; {_rate(rates[more])} per "
            f"1,000 narrator words, against {counts[1 - more]}, {_rate(rates[1 - more])})."
            + _link("loaded"))


def strongest_frames(scores: pd.DataFrame, article: str) -> tuple[list[str], int, float]:
    """The frames with the most indicator hits per 1,000 words in ``article`` (all of them
    when tied, by name), their hits and that rate, from :func:`analysis.frames.scores`;
    ``([], 0, 0.0)`` when it has none."""
    own = scores[scores["article"] == article]
    top = own["per_1000"].max()
    if own.empty or not top > 0:
        return [], 0, 0.0
    leaders = own[own["per_1000"] == top]
    return sorted(leaders["frame_name"]), int(leaders["hits"].max()), float(top)


def _frame_names(names: list[str]) -> str:
    shown = [escape(n) for n in names]
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1] + " (tied)"


def _side(top: tuple[list[str], int, float], name: str) -> str:
    frames, hits, rate = top
    if hits < FEW:
        return (f"too few indicators in {name} to name one ({plural(hits, 'hit')} for its "
                "most indicated frame)" if frames else f"no indicator in {name}")
    if len(frames) > 2:
        return f"no single one in {name} ({len(frames)} frames tied at {plural(hits, 'hit')})"
    return (f"{_frame_names(frames)} in {name} ({plural(hits, 'hit')}, {_rate(rate)} per "
            "1,000 words)")


def _frames(articles, names, roles, few: list[str], absent: list[str]) -> str | None:
    scores = frames_lens.scores(articles, roles=roles)
    tops = [strongest_frames(scores, a.id) for a in articles]
    if all(hits == 0 for _, hits, _ in tops):
        absent.append("news-frame indicators")
        return None
    if all(hits < FEW for _, hits, _ in tops):
        few.append(f"strongest news frame ({tops[0][1]} against {tops[1][1]} indicator hits)")
        return None
    shared = sorted(set(tops[0][0]) & set(tops[1][0]))
    if shared and min(tops[0][1], tops[1][1]) >= FEW and max(len(t[0]) for t in tops) <= 2:
        ties = [f"; in {n} tied with {_frame_names([f for f in t[0] if f not in shared])}"
                for t, n in zip(tops, names, strict=True) if len(t[0]) > len(shared)]
        return (f"- Frames: both lean on {_frame_names(shared)} ({names[0]} "
                f"{plural(tops[0][1], 'hit')}, {_rate(tops[0][2])} per 1,000 words; "
                f"{names[1]} {tops[1][1]}, {_rate(tops[1][2])}{''.join(ties)})."
                + _link("frames"))
    parts = [_side(t, n) for t, n in zip(tops, names, strict=True)]
    return f"- Frames: strongest news frame: {parts[0]}; {parts[1]}." + _link("frames")


def differences(articles: Sequence[Article], *,
                roles: Iterable[str] | None = DEFAULT_ROLES) -> list[str]:
    """The main differences between two articles, as Markdown bullet points generated from
    the results (see the module's rules); each links to the notebook section with its
    evidence."""
    articles = list(articles)
    roles = list(roles) if roles is not None else None
    names = [f"**{escape(a.label)}**" for a in articles]
    speech = voice.spans(articles, roles=roles)
    few: list[str] = []  # compared on too few markers: left out, named on the last line
    absent: list[str] = []  # found in neither article
    lines = [_same_words(articles, names, roles), _vocabulary(articles, names, roles),
             *_actors(articles, names, roles, few, absent),
             _sources(articles, names, roles, few),
             _voice(articles, names, speech, roles),
             *_stance(articles, names, speech, roles, few, absent),
             _loaded(articles, names, speech, roles, few, absent),
             _frames(articles, names, roles, few, absent)]
    if absent:
        lines.append("- Found in neither article: " + "; ".join(absent) + ".")
    if few:
        lines.append(f"- Not compared, as fewer than {FEW} markers, hits or attributions back "
                     "them on either side: " + "; ".join(few) + ".")
    return [line for line in lines if line]

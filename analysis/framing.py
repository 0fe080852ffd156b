"""The framing lens: stance markers, generic news frames, actor naming and tone.

Method. Three lexicons in ``analysis/lexicons/`` are matched against the tokens of the chosen
paragraph roles (see :mod:`analysis.lexicon` for the rules: Snowball stems by default, exact
forms where stems mislead, multi-word patterns inside one sentence, longest match wins):

- ``stance.tsv``: epistemic stance (Hyland 2005; Biber & Finegan 1989): distancing (hedge,
  reporting, discrediting, anonymity), boosting (certainty, factive, intensifier) and
  evaluative words (negative, positive).
- ``frames.tsv``: indicator words for the five generic news frames of Semetko & Valkenburg
  (2000), each tied to one question of their instrument (``frame_items.tsv``).
- ``actors.tsv``: the names an article may use for each key actor.

Tone is VADER's rule-based sentiment (Hutto & Gilbert 2014), from the ``vaderSentiment``
package and the lexicon it ships, scored on the normalised text (straight quotes, single
spaces) of each sentence, paragraph or raw span.

Every evidence row carries ``article, paragraph, role, sentence, start, end, match`` with
``match == article.raw[start:end]``, so it can be checked against the text, placed with
:func:`analysis.evidence.position_profile`, shown in context with
:func:`analysis.evidence.kwic`, or split into narrator and quoted voice with
:func:`analysis.evidence.in_spans` (lexicon rows) and :func:`tone_of_spans` (tone of the pieces
:func:`analysis.evidence.subtract_spans` leaves).

Limits. Lexicon matching sees words, not meaning: it cannot tell who holds a stance (a
distancing word inside a quotation is the source's, not the narrator's, until quoted voice is
split off), it does not resolve word senses ("attack" in war and in words), negation ("no
evidence" is listed as a phrase, but "not unfounded" counts as "unfounded"), or pronouns ("it",
"the group" are not actor mentions). Frame scores are indicator rates, a proxy for the yes/no
judgements of Semetko & Valkenburg's coders, not a replication. VADER was built for social
media; news vocabulary such as "killed" or "war" makes factual sentences negative, and a
translated text is scored in its translation. Rates per 1,000 words are unstable for short
texts: read the counts and the evidence rows with them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

import pandas as pd

from .clean import DEFAULT_ROLES
from .corpus import Article, analysis_units, check_roles
from .data_files import table
from .errors import AnalysisInputError
from .evidence import kwic, rate_table, require_columns
from .frequencies import word_total
from .lexicon import (
    EVIDENCE_COLUMNS,
    Lexicon,
    article_list,
    compile_lexicon,
    match_lexicon,
    word_counts,
)
from .normalise import normalise
from .tokens import WORD_KINDS, sentences, token_spans, tokens

STANCE_LEXICON = "stance.tsv"
FRAME_LEXICON = "frames.tsv"
FRAME_ITEMS = "frame_items.tsv"
ACTOR_LEXICON = "actors.tsv"

STANCE_COLUMNS = [*EVIDENCE_COLUMNS, "category", "subcategory", "pattern"]
STANCE_SUMMARY_COLUMNS = ["article", "category", "count", "words", "per_1000"]
FRAME_COLUMNS = [*EVIDENCE_COLUMNS, "frame", "item", "pattern"]
FRAME_SCORE_COLUMNS = ["article", "frame", "frame_name", "hits", "words", "per_1000",
                       "items_hit", "items", "item_share"]
FRAME_ITEM_COLUMNS = ["item", "frame", "frame_name", "question", "indicators"]
ACTOR_COLUMNS = [*EVIDENCE_COLUMNS, "actor", "variant"]
NAMING_COLUMNS = ["article", "actor", "variant", "count", "share", "forms"]
TONE_COLUMNS = ["article", "paragraph", "role", "sentence", "start", "end", "match", "text",
                "words", "compound", "pos", "neu", "neg"]
TONE_SPAN_COLUMNS = ["article", "paragraph", "start", "end", "match", "text", "words",
                     "compound", "pos", "neu", "neg"]
TONE_SUMMARY_COLUMNS = ["article", "units", "mean", "median", "share_negative",
                        "share_neutral", "share_positive"]
TONE_UNITS = ("sentence", "paragraph")
VADER_SCORES = ("compound", "pos", "neu", "neg")
NEGATIVE_BELOW = -0.05  # compound < -0.05 is negative, > 0.05 positive (VADER's thresholds)
POSITIVE_ABOVE = 0.05


# Stance ----------------------------------------------------------------------------------

def _labels(lexicon: Lexicon, column: str) -> list[str]:
    """The values of one label column, in lexicon order, guards left out."""
    return list(dict.fromkeys(dict(e.labels)[column] for e in lexicon if not e.guard))


def stance_markers(articles: Article | Sequence[Article], *,
                   roles: Iterable[str] | None = DEFAULT_ROLES,
                   lexicon: str | pd.DataFrame = STANCE_LEXICON) -> pd.DataFrame:
    """One row per stance marker: distancing, boosting and evaluative words.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``),
    category (distancing, boosting, evaluative), subcategory (hedge, reporting, discrediting,
    anonymity; certainty, factive, intensifier; negative, positive: the polarity of an
    evaluative word), pattern (the lexicon row that matched).
    """
    compiled = compile_lexicon(lexicon, ["category", "subcategory"])
    return match_lexicon(articles, compiled, roles)[STANCE_COLUMNS]


def stance_summary(articles: Article | Sequence[Article], *,
                   roles: Iterable[str] | None = DEFAULT_ROLES,
                   lexicon: str | pd.DataFrame = STANCE_LEXICON, by: str = "category",
                   evidence: pd.DataFrame | None = None,
                   words: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Stance markers per article and category (or subcategory), per 1,000 words.

    Columns: article, category (and subcategory when ``by="subcategory"``), count, words (word
    and number tokens in ``roles``), per_1000. Every category of the lexicon gets a row, zero
    if absent. Pass ``evidence`` (e.g. stance rows filtered to narrator text) and ``words``
    (word counts of that text per article) to summarise a subset.
    """
    if by not in ("category", "subcategory"):
        raise AnalysisInputError(f"by must be 'category' or 'subcategory', not {by!r}")
    chosen = article_list(articles)
    compiled = compile_lexicon(lexicon, ["category", "subcategory"])
    keys = ["category"] if by == "category" else ["category", "subcategory"]
    levels = dict.fromkeys(tuple(dict(e.labels)[k] for k in keys)
                           for e in compiled if not e.guard)
    if evidence is None:
        evidence = stance_markers(chosen, roles=roles, lexicon=lexicon)
    counts = words if words is not None else word_counts(chosen, roles)
    return rate_table(evidence, keys, levels, counts, [a.id for a in chosen])


# Frames ----------------------------------------------------------------------------------

def frame_items() -> pd.DataFrame:
    """Semetko & Valkenburg's questions with the number of indicator rows for each.

    Columns: item, frame, frame_name, question, indicators (rows in ``frames.tsv``; 0 means
    the question is not operationalised and does not count towards a frame's items).
    """
    indicators = pd.Series([dict(e.labels)["item"] for e in _frame_lexicon(FRAME_LEXICON)
                            if not e.guard]).value_counts()
    rows = [{**row, "indicators": int(indicators.get(row["item"], 0))}
            for row in table(FRAME_ITEMS)]
    return pd.DataFrame(rows, columns=FRAME_ITEM_COLUMNS)


def _frame_lexicon(lexicon: str | pd.DataFrame) -> Lexicon:
    compiled = compile_lexicon(lexicon, ["frame", "item"], group="frame")
    known = {r["item"]: r["frame"] for r in table(FRAME_ITEMS)}
    for entry in compiled:
        frame, item = dict(entry.labels)["frame"], dict(entry.labels)["item"]
        if entry.guard:
            continue
        if item not in known:
            raise AnalysisInputError(f"frame lexicon: pattern {entry.pattern!r} has item "
                                     f"{item!r}, which {FRAME_ITEMS} does not list")
        if known[item] != frame:
            raise AnalysisInputError(f"frame lexicon: pattern {entry.pattern!r} is filed under "
                                     f"{frame!r} but item {item!r} belongs to {known[item]!r}")
    return compiled


def frame_evidence(articles: Article | Sequence[Article], *,
                   roles: Iterable[str] | None = DEFAULT_ROLES,
                   lexicon: str | pd.DataFrame = FRAME_LEXICON) -> pd.DataFrame:
    """One row per frame indicator found.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``), frame
    (conflict, responsibility, morality, economic, human_interest), item (the question of
    ``frame_items.tsv`` the indicator stands for), pattern. A word that indicates two frames
    gives two rows.
    """
    return match_lexicon(articles, _frame_lexicon(lexicon), roles)[FRAME_COLUMNS]


def frame_scores(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = DEFAULT_ROLES,
                 lexicon: str | pd.DataFrame = FRAME_LEXICON,
                 evidence: pd.DataFrame | None = None,
                 words: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Each generic frame's indicator hits per article, per 1,000 words and per question.

    Columns: article, frame, frame_name, hits, words (word and number tokens in ``roles``),
    per_1000 (hits per 1,000 words), items_hit (questions with at least one hit), items
    (questions the lexicon operationalises for the frame), item_share (items_hit / items: the
    share of "yes" answers, the analogue of Semetko & Valkenburg's frame score). Frames follow
    ``frame_items.tsv``. ``evidence`` and ``words`` summarise a subset, as in stance_summary.
    ``articles`` may also be groups of articles (``Corpus.group``), streamed; rows then name
    the groups.
    """
    units = analysis_units(articles)
    compiled = _frame_lexicon(lexicon)
    if evidence is None or words is None:
        found, totals = [], {}
        for name, members in units:
            totals[name] = 0
            for article in members:
                found.append(frame_evidence(article, roles=roles, lexicon=lexicon)
                             .assign(article=name))
                totals[name] += word_total(article, roles)
        evidence = pd.concat(found, ignore_index=True) if evidence is None else evidence
        words = totals if words is None else words
    require_columns(evidence, ["article", "frame", "item"], "evidence")
    counts = words
    names = {r["frame"]: r["frame_name"] for r in table(FRAME_ITEMS)}
    used = {}
    for entry in compiled:
        if not entry.guard:
            used.setdefault(dict(entry.labels)["frame"], set()).add(dict(entry.labels)["item"])
    frames = [f for f in names if f in used]
    rates = rate_table(evidence, ["frame"], [(f,) for f in frames], counts,
                       [name for name, _ in units])
    hit_items = evidence.groupby(["article", "frame"])["item"].nunique().to_dict()
    rates = rates.rename(columns={"count": "hits"})
    rates["frame_name"] = rates["frame"].map(lambda f: names.get(f, f))
    rates["items_hit"] = [int(hit_items.get((a, f), 0))
                          for a, f in zip(rates["article"], rates["frame"], strict=True)]
    rates["items"] = rates["frame"].map(lambda f: len(used.get(f, ()))).astype(int)
    rates["item_share"] = rates["items_hit"] / rates["items"].where(rates["items"] > 0)
    return rates[FRAME_SCORE_COLUMNS]


# Actors ----------------------------------------------------------------------------------

def _chosen_actors(lexicon: Lexicon, actors: str | Sequence[str] | None) -> list[str]:
    known = _labels(lexicon, "actor")
    if actors is None:
        return known
    wanted = [actors] if isinstance(actors, str) else list(actors)
    unknown = [a for a in wanted if a not in known]
    if unknown:
        raise AnalysisInputError(f"unknown actor(s) {unknown}; the alias file lists {known}")
    return wanted


def actor_mentions(articles: Article | Sequence[Article], *,
                   actors: str | Sequence[str] | None = None,
                   roles: Iterable[str] | None = DEFAULT_ROLES,
                   lexicon: str | pd.DataFrame = ACTOR_LEXICON) -> pd.DataFrame:
    """One row per mention of a key actor by one of its aliases.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``), actor,
    variant (the alias as listed in the alias file). ``actors`` limits the rows to some actors
    (None: all). Where aliases overlap the longest wins, across all actors.
    """
    compiled = compile_lexicon(lexicon, ["actor"])
    wanted = _chosen_actors(compiled, actors)
    found = match_lexicon(articles, compiled, roles).rename(columns={"pattern": "variant"})
    found = found[found["actor"].isin(wanted)] if actors is not None else found
    return found[ACTOR_COLUMNS].reset_index(drop=True)


def actor_naming(articles: Article | Sequence[Article], *,
                 actors: str | Sequence[str] | None = None,
                 roles: Iterable[str] | None = DEFAULT_ROLES,
                 lexicon: str | pd.DataFrame = ACTOR_LEXICON,
                 evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """How each article names each actor: one row per article, actor and variant used.

    Columns: article, actor, variant, count, share (of that actor's mentions in that article),
    forms (the distinct word forms seen, most frequent first, e.g. "bounties / bounty").
    Actors follow the alias file; variants the most used first. Pass ``evidence`` (rows of
    :func:`actor_mentions`, possibly filtered) to summarise a subset.
    """
    chosen = article_list(articles)
    if evidence is None:
        evidence = actor_mentions(chosen, actors=actors, roles=roles, lexicon=lexicon)
    require_columns(evidence, ["article", "actor", "variant", "match"], "evidence")
    order = {a: n for n, a in enumerate(_labels(compile_lexicon(lexicon, ["actor"]), "actor"))}
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
    result["_article"] = result["article"].map({a.id: n for n, a in enumerate(chosen)})
    result["_actor"] = result["actor"].map(lambda a: order.get(a, len(order)))
    result = result.sort_values(["_article", "_actor", "count", "variant"],
                                ascending=[True, True, False, True], kind="stable")
    return result[NAMING_COLUMNS].reset_index(drop=True)


def actor_kwic(articles: Article | Sequence[Article], actor: str, *,
               roles: Iterable[str] | None = DEFAULT_ROLES,
               lexicon: str | pd.DataFrame = ACTOR_LEXICON,
               width: int | None = None) -> pd.DataFrame:
    """Keyword-in-context lines for one actor's mentions.

    Columns: article, paragraph, role, sentence, start, end, left, match, right, actor,
    variant; left + match + right is the sentence as published (see
    :func:`analysis.evidence.kwic`; ``width`` trims the context).
    """
    if not isinstance(actor, str):
        raise AnalysisInputError(f"actor must be one actor's name, not {actor!r}")
    mentions = actor_mentions(articles, actors=actor, roles=roles, lexicon=lexicon)
    return kwic(articles, mentions, width=width)


# Tone ------------------------------------------------------------------------------------

@cache
def _vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("the tone lens needs the vaderSentiment package: "
                          "pip install vaderSentiment") from exc
    return SentimentIntensityAnalyzer()


def vader(text: str) -> dict[str, float]:
    """VADER's compound, pos, neu and neg scores for one piece of text."""
    scores = _vader().polarity_scores(text)
    return {k: float(scores[k]) for k in VADER_SCORES}


def _word_count(text: str) -> int:
    return sum(kind in WORD_KINDS for _, _, kind in token_spans(text))


def tone(articles: Article | Sequence[Article], *,
         roles: Iterable[str] | None = DEFAULT_ROLES, unit: str = "sentence") -> pd.DataFrame:
    """VADER tone of every sentence (or paragraph) of the chosen roles.

    Columns: article, paragraph, role, sentence (for paragraphs: the paragraph's first
    sentence), start, end, match (``raw[start:end]``), text (the normalised text scored),
    words, compound (-1 to 1), pos, neu, neg (shares of the text, summing to about 1).
    """
    if unit not in TONE_UNITS:
        raise AnalysisInputError(f"unit must be one of {list(TONE_UNITS)}, not {unit!r}")
    check_roles(roles)
    rows = []
    for article in article_list(articles):
        units = sentences(article, roles)
        counts = tokens(article, roles)
        counts = counts[counts["kind"].isin(WORD_KINDS)]
        if unit == "paragraph":
            firsts = units.groupby("paragraph")["sentence"].min().to_dict()
            units = pd.DataFrame([{
                "article": article.id, "paragraph": p.index, "role": p.role,
                "sentence": firsts[p.index], "start": p.start, "end": p.end, "text": p.text,
            } for p in article.select(roles)], columns=units.columns)
        n_words = counts.groupby(unit).size().to_dict()
        for row in units.to_dict("records"):
            rows.append({**row, "match": article.raw[row["start"]:row["end"]],
                         "words": int(n_words.get(row[unit], 0)), **vader(row["text"])})
    return pd.DataFrame(rows, columns=TONE_COLUMNS)


def _span_table(article: Article, spans) -> pd.DataFrame:
    if isinstance(spans, pd.DataFrame):
        require_columns(spans, ["start", "end"], "spans")
        if "article" in spans.columns and not (spans["article"] == article.id).all():
            raise AnalysisInputError(f"spans include rows of other articles than "
                                     f"{article.id!r}; select that article's rows first")
        return spans.reset_index(drop=True)
    try:
        pairs = [(int(a), int(b)) for a, b in spans]
    except (TypeError, ValueError):
        raise AnalysisInputError("spans must be (start, end) pairs of raw offsets or a "
                                 "DataFrame with start and end columns") from None
    return pd.DataFrame(pairs, columns=["start", "end"])


def tone_of_spans(article: Article, spans) -> pd.DataFrame:
    """VADER tone of arbitrary raw spans of one article, e.g. narrator or quoted text.

    ``spans`` is a list of ``(start, end)`` offsets in ``article.raw`` or a DataFrame with
    start and end columns, whose other columns (a "voice" label, say) are carried over.
    Columns: article, paragraph (where the span starts), start, end, match, text (normalised),
    words, compound, pos, neu, neg, then any carried columns.
    """
    if not isinstance(article, Article):
        raise AnalysisInputError("tone_of_spans scores one Article; loop over a list")
    frame = _span_table(article, spans)
    starts = [p.start for p in article.paragraphs]
    rows = []
    for record in frame.to_dict("records"):
        a, b = int(record["start"]), int(record["end"])
        if not 0 <= a < b <= len(article.raw):
            raise AnalysisInputError(f"span ({a}, {b}) is not a non-empty span of article "
                                     f"{article.id!r} (0 to {len(article.raw)})")
        text = normalise(article.raw[a:b], a).text.strip()
        paragraph = article.paragraphs[max(0, bisect_right(starts, a) - 1)].index
        extra = {k: v for k, v in record.items() if k not in TONE_SPAN_COLUMNS}
        rows.append({"article": article.id, "paragraph": paragraph, "start": a, "end": b,
                     "match": article.raw[a:b], "text": text, "words": _word_count(text),
                     **vader(text), **extra})
    carried = [c for c in frame.columns if c not in TONE_SPAN_COLUMNS]
    return pd.DataFrame(rows, columns=[*TONE_SPAN_COLUMNS, *carried])


def tone_summary(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = DEFAULT_ROLES, unit: str = "sentence",
                 scores: pd.DataFrame | None = None,
                 by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Per article: how many units, mean and median compound, and shares by polarity.

    Columns: article, then the ``by`` columns if any (e.g. "voice"), units, mean, median,
    share_negative (compound < -0.05), share_neutral, share_positive (compound > 0.05).
    ``scores`` (rows of :func:`tone` or :func:`tone_of_spans`, possibly filtered) replaces the
    default of scoring every ``unit`` of ``roles``. Each unit counts once, whatever its length.
    """
    chosen = article_list(articles)
    extra = [] if by is None else ([by] if isinstance(by, str) else list(by))
    if scores is None:
        scores = tone(chosen, roles=roles, unit=unit)
    require_columns(scores, ["article", "compound", *extra], "scores")
    rows = []
    for article in chosen:
        mine = scores[scores["article"] == article.id]
        groups = mine.groupby(extra, sort=True) if extra else [((), mine)]
        for key, group in groups:
            values = group["compound"].astype(float)
            n = len(values)
            key = key if isinstance(key, tuple) else (key,)
            rows.append({
                "article": article.id, **dict(zip(extra, key, strict=True)), "units": n,
                "mean": values.mean() if n else float("nan"),
                "median": values.median() if n else float("nan"),
                "share_negative": (values < NEGATIVE_BELOW).mean() if n else float("nan"),
                "share_neutral": values.between(NEGATIVE_BELOW, POSITIVE_ABOVE).mean()
                if n else float("nan"),
                "share_positive": (values > POSITIVE_ABOVE).mean() if n else float("nan"),
            })
    columns = ["article", *extra, *TONE_SUMMARY_COLUMNS[1:]]
    return pd.DataFrame(rows, columns=columns)

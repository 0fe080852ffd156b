"""The frames lens: the five generic news frames of Semetko & Valkenburg (2000), scored by
indicator constructions.

Method. ``lexicons/frames.tsv`` ties indicators to the questions of Semetko & Valkenburg's
instrument (``lexicons/frame_items.tsv``): conflict, attribution of responsibility, morality,
economic consequences, human interest. An indicator is the construction that realises its
question in a sentence, not a word of the story's topic: "criticised", "a backlash", "called for
... to resign" for conflict, not "war" or "attack"; "cost 300 jobs", not "his job"; "shameful",
not a bare "must". Indicators are matched like every lexicon (:mod:`analysis.lexicons.match`,
whose gap token ``...`` spans a few words of one sentence); guard rows block idioms ("paid
attention", "paid tribute"); overlaps are resolved per frame, so one word may indicate two
frames. A frame's score is its hits per 1,000 words and the share of its questions with at least
one hit.

Limits. Frame scores are indicator rates, a proxy for the yes/no judgements of the coders, not
a replication: a construction can occur without the story making the suggestion the question
asks about, and a story can make it in words not listed. Word sense and the actor of a
construction are not resolved ("responsible for" counts for a government, r2, whoever is
responsible).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .errors import LexiconError
from .evidence import rate_table, require_columns
from .lexicons import table
from .lexicons.match import EVIDENCE_COLUMNS, Lexicon, compile_lexicon, match_lexicon
from .text.article import Article
from .text.manifest import analysis_units
from .text.roles import DEFAULT_ROLES
from .words.counting import word_total

LEXICON = "frames.tsv"
ITEMS = "frame_items.tsv"
COLUMNS = [*EVIDENCE_COLUMNS, "frame", "item", "pattern"]
SCORE_COLUMNS = ["article", "frame", "frame_name", "hits", "words", "per_1000", "items_hit",
                 "items", "item_share"]
ITEM_COLUMNS = ["item", "frame", "frame_name", "question", "indicators"]
ITEM_FILE_COLUMNS = ("item", "frame", "frame_name", "question")

__all__ = ["items", "indicators", "scores", "LEXICON", "ITEMS", "COLUMNS", "SCORE_COLUMNS",
    "ITEM_COLUMNS"]


def items() -> pd.DataFrame:
    """Semetko & Valkenburg's questions with the number of indicator rows for each.

    Columns: item, frame, frame_name, question, indicators (rows in ``frames.tsv``; 0 means
    the question is not operationalised and does not count towards a frame's items).
    """
    indicators = pd.Series([dict(e.labels)["item"] for e in _frame_lexicon(LEXICON)
                            if not e.guard]).value_counts()
    rows = [{**row, "indicators": int(indicators.get(row["item"], 0))}
            for row in table(ITEMS, ITEM_FILE_COLUMNS)]
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def _frame_lexicon(lexicon: str | pd.DataFrame) -> Lexicon:
    compiled = compile_lexicon(lexicon, ["frame", "item"], group="frame")
    known = {r["item"]: r["frame"] for r in table(ITEMS, ITEM_FILE_COLUMNS)}
    for entry in compiled:
        frame, item = dict(entry.labels)["frame"], dict(entry.labels)["item"]
        if entry.guard:
            continue
        if item not in known:
            raise LexiconError(f"{entry.where}: pattern {entry.pattern!r} has item {item!r}, "
                               f"which {ITEMS} does not list")
        if known[item] != frame:
            raise LexiconError(f"{entry.where}: pattern {entry.pattern!r} is filed under "
                               f"{frame!r} but item {item!r} belongs to {known[item]!r}")
    return compiled


def indicators(articles: Article | Sequence[Article], *,
               roles: Iterable[str] | None = DEFAULT_ROLES,
               lexicon: str | pd.DataFrame = LEXICON) -> pd.DataFrame:
    """One row per frame indicator found.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``), frame
    (conflict, responsibility, morality, economic, human_interest), item (the question of
    ``frame_items.tsv`` the indicator stands for), pattern. A word that indicates two frames
    gives two rows.
    """
    return match_lexicon(articles, _frame_lexicon(lexicon), roles=roles)[COLUMNS]


def scores(articles: Article | Sequence[Article], *,
           roles: Iterable[str] | None = DEFAULT_ROLES,
           lexicon: str | pd.DataFrame = LEXICON,
           evidence: pd.DataFrame | None = None,
           words: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Each generic frame's indicator hits per article, per 1,000 words and per question.

    Columns: article, frame, frame_name, hits, words (word and number tokens in ``roles``),
    per_1000 (hits per 1,000 words), items_hit (questions with at least one hit), items
    (questions the lexicon operationalises for the frame), item_share (items_hit / items: the
    share of "yes" answers, the analogue of Semetko & Valkenburg's frame score). Frames follow
    ``frame_items.tsv``. ``evidence`` and ``words`` summarise a subset, as in
    :func:`analysis.stance.summary`.
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
                found.append(match_lexicon(article, compiled, roles=roles)[COLUMNS]
                             .assign(article=name))
                totals[name] += word_total(article, roles=roles)
        evidence = pd.concat(found, ignore_index=True) if evidence is None else evidence
        words = totals if words is None else words
    require_columns(evidence, ["article", "frame", "item"], "evidence")
    counts = words
    names = {r["frame"]: r["frame_name"] for r in table(ITEMS, ITEM_FILE_COLUMNS)}
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
    return rates[SCORE_COLUMNS]

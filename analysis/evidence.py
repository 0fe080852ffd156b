"""Work with evidence rows from any lens: where they sit, their context, rates and spans.

Every lens returns evidence rows with at least ``article, paragraph, sentence, start, end,
match``, where ``start``/``end`` are offsets in ``Article.raw`` and ``match`` is
``raw[start:end]``. The helpers here take such rows from any lens:

- :func:`position_profile` adds the section (headline, lede = the first two kept body
  paragraphs, or the first two sentences of an article with no paragraph breaks, rest) and
  the relative position (0 to 1) of each row in the analysed text.
  Position is measured in raw characters of the analysed paragraphs laid end to end, so
  paragraphs outside the chosen roles (captions by default) take no room.
- :func:`first_appearance` says where each actor, category or frame first appears.
- :func:`kwic` gives each row's left and right context inside its sentence (or paragraph);
  the words lens's concordance is this function applied to term hits.
- :func:`rate_table` counts rows per article and label, with zero rows for absent labels,
  per 1,000 words.
- :func:`in_spans` and :func:`subtract_spans` relate rows to other raw spans, such as the
  spans of quoted speech, so that a lens can be split into narrator and quoted voice.
- :func:`holds` checks the evidence contract, :func:`attach_sentences` adds each row's
  sentence as published, and :func:`in_input_order` sorts rows by the order articles were given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from .errors import AnalysisInputError
from .text.article import Article, article_list, roles_with_embeds
from .text.roles import DEFAULT_ROLES
from .text.spans import cut_spans, strip_span

SECTIONS = ("headline", "lede", "rest")
LEDE_PARAGRAPHS = 2
PER_WORDS = 1000
LEDE_SENTENCES = 2  # the lede of an article with no paragraph breaks
FIRST_COLUMNS = ["section", "section_by", "paragraph", "sentence", "position", "start", "end",
                 "match", "mentions"]

__all__ = ["position_profile", "first_appearance", "kwic", "rate_table", "in_spans",
    "subtract_spans", "attach_sentences", "holds", "in_input_order", "require_columns",
    "SECTIONS", "KWIC_BOUNDS"]


def require_columns(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Raise AnalysisInputError when ``frame`` lacks any of ``columns``."""
    if not isinstance(frame, pd.DataFrame):
        raise AnalysisInputError(f"{what} must be a DataFrame, not {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise AnalysisInputError(f"{what} lacks column(s) {missing}; it has "
                                 f"{list(frame.columns)}")


def _by_id(articles: Article | Sequence[Article]) -> dict[str, Article]:
    return {a.id: a for a in article_list(articles)}


def _check_articles(frame: pd.DataFrame, known: Mapping[str, Article], what: str) -> None:
    unknown = sorted(set(frame["article"]) - set(known))
    if unknown:
        raise AnalysisInputError(f"{what} has rows for article(s) {unknown} that were not "
                                 f"given; pass those articles too")


def layout(article: Article, *, roles: Iterable[str] | None = DEFAULT_ROLES
           ) -> dict[int, tuple[str, int, int]]:
    """For each analysed paragraph: its section, the characters before it, and its length."""
    headline, lede, rest = SECTIONS
    places, before, body = {}, 0, 0
    for p in article.select(roles=roles):
        if p.role == "headline":
            section = headline
        elif p.role == "body" and body < LEDE_PARAGRAPHS:
            section, body = lede, body + 1
        else:
            section = rest
        places[p.index] = (section, before, p.end - p.start)
        before += p.end - p.start
    return places


def position_profile(articles: Article | Sequence[Article], evidence: pd.DataFrame, *,
                     roles: Iterable[str] | None = DEFAULT_ROLES,
                     embeds: bool = False) -> pd.DataFrame:
    """A copy of ``evidence`` with ``section`` and ``position`` columns added.

    ``section`` is headline, lede (the first two kept body paragraphs) or rest (any later
    paragraph, whatever its role); ``section_by`` says "paragraph". In an article with no
    paragraph breaks (``Article.one_block``) the lede is the first two body sentences instead,
    and ``section_by`` says "sentence". ``position`` is where ``start`` falls in the analysed text
    (the kept paragraphs of ``roles`` laid end to end, in raw characters), from 0 (the first
    character) towards 1. Rows must come from paragraphs of ``roles``; for rows of a lens that
    also read embedded posts (the sources and entities lenses, ``embeds=True`` there), pass
    ``embeds=True`` too, and the posts take their place in the layout.
    """
    require_columns(evidence, ["article", "paragraph", "start"], "evidence")
    known = _by_id(articles)
    _check_articles(evidence, known, "evidence")
    roles = roles_with_embeds(roles, embeds)
    result = evidence.copy()
    sections, positions, units = [], [], []
    ledes = {i: {s.index for s in a.select_sentences(roles={"body"})[:LEDE_SENTENCES]}
             for i, a in known.items() if a.one_block}
    if ledes:
        require_columns(evidence, ["sentence"], "evidence of an article with no paragraph "
                        "breaks (its lede is its first two sentences)")
    layouts = {i: layout(a, roles=roles) for i, a in known.items()}
    totals = {i: sum(length for _, _, length in places.values())
              for i, places in layouts.items()}
    for row in evidence[["article", "paragraph", "start"]].itertuples():
        place = layouts[row.article].get(int(row.paragraph))
        if place is None:
            raise AnalysisInputError(
                f"evidence row in article {row.article!r}, paragraph {row.paragraph} is not in "
                f"the analysed roles; pass the roles the evidence was made with")
        section, before, _ = place
        paragraph = known[row.article].paragraphs[int(row.paragraph)]
        if row.article in ledes and section != SECTIONS[0]:
            number = int(evidence.at[row.Index, "sentence"])
            section = SECTIONS[1] if number in ledes[row.article] else SECTIONS[2]
            units.append("sentence")
        else:
            units.append("paragraph")
        sections.append(section)
        positions.append((before + int(row.start) - paragraph.start) / totals[row.article])
    result["section"] = pd.Series(sections, index=evidence.index, dtype=object)
    result["section_by"] = pd.Series(units, index=evidence.index, dtype=object)
    result["position"] = pd.Series(positions, index=evidence.index, dtype=float)
    return result


def first_appearance(evidence: pd.DataFrame, key: str | Sequence[str]) -> pd.DataFrame:
    """Where each value of ``key`` (e.g. actor, category, frame) first appears in each article.

    ``evidence`` must carry ``section`` and ``position`` (see :func:`position_profile`).
    Columns: article, the key column(s), section, paragraph, sentence, position, start, end,
    match of the first row, and mentions (rows for that value in that article). Rows follow
    the articles' order in ``evidence``, then position.
    """
    keys = [key] if isinstance(key, str) else list(key)
    if not keys:
        raise AnalysisInputError("first_appearance needs at least one key column")
    require_columns(evidence, ["article", *keys, "section", "section_by", "paragraph", "sentence",
                               "position", "start", "end", "match"], "evidence")
    columns = ["article", *keys, *FIRST_COLUMNS]
    if evidence.empty:
        return pd.DataFrame(columns=columns)
    order = list(pd.unique(evidence["article"]))
    ranked = in_input_order(evidence, order, ["start", "end", *keys])
    groups = ranked.groupby(["article", *keys], sort=False, dropna=False)
    ranked["mentions"] = groups["start"].transform("size")
    first = ranked.groupby(["article", *keys], sort=False, dropna=False).head(1)
    return in_input_order(first, order, ["position", *keys])[columns]


KWIC_BOUNDS = ("sentence", "paragraph")


def kwic(articles: Article | Sequence[Article], evidence: pd.DataFrame, *,
         bounds: str = "sentence", width: int | None = None,
         one_line: bool = False) -> pd.DataFrame:
    """Evidence rows with their context: ``left`` + ``match`` + ``right``.

    ``left`` is the raw text from the start of the row's sentence (or paragraph, with
    ``bounds="paragraph"``) to ``start``, ``right`` from ``end`` to the end of that sentence or
    paragraph, so that left + match + right is the sentence exactly as published. ``width``
    keeps only that many characters next to the match on each side; ``one_line`` shows
    whitespace runs in the context as single spaces (for reading, not for offsets). The
    columns are the evidence's, with left, match and right placed after ``end``.
    """
    if bounds not in KWIC_BOUNDS:
        raise AnalysisInputError(f"bounds must be one of {list(KWIC_BOUNDS)}, not {bounds!r}")
    unit = bounds
    require_columns(evidence, ["article", unit, "start", "end"], "evidence")
    if width is not None and (not isinstance(width, int) or width < 0):
        raise AnalysisInputError(f"width must be a whole number of characters, not {width!r}")
    known = _by_id(articles)
    _check_articles(evidence, known, "evidence")
    limits = {}
    for article in known.values():
        units = article.paragraphs if unit == "paragraph" else article.sentences
        for u in units:
            limits[(article.id, u.index)] = (u.start, u.end)
    lefts, matches, rights = [], [], []
    for row in evidence[["article", unit, "start", "end"]].itertuples(index=False):
        raw = known[row.article].raw
        place = limits.get((row.article, int(getattr(row, unit))))
        if place is None:
            raise AnalysisInputError(f"evidence row in article {row.article!r} has {unit} "
                                     f"{getattr(row, unit)}, which the article does not have")
        first, last = place
        start, end = int(row.start), int(row.end)
        if width is not None:
            first, last = max(first, start - width), min(last, end + width)
        left, right = raw[first:start], raw[end:last]
        if one_line:
            left, right = " ".join(left.split()), " ".join(right.split())
        lefts.append(left)
        matches.append(raw[start:end])
        rights.append(right)
    result = evidence.drop(columns=[c for c in ("left", "match", "right")
                                    if c in evidence.columns])
    at = list(result.columns).index("end") + 1
    result.insert(at, "left", pd.Series(lefts, index=evidence.index, dtype=object))
    result.insert(at + 1, "match", pd.Series(matches, index=evidence.index, dtype=object))
    result.insert(at + 2, "right", pd.Series(rights, index=evidence.index, dtype=object))
    return result


def rate_table(evidence: pd.DataFrame, keys: Sequence[str], levels: Iterable[tuple],
               words: Mapping[str, int], article_ids: Sequence[str]) -> pd.DataFrame:
    """Rows per article and key value, with a zero row for each absent level.

    Columns: article, the key column(s), count, words, per_1000 (count per 1,000 ``words``;
    NaN when an article has no words). ``levels`` lists the key values to report, in order;
    rows of other values are counted too, after them.
    """
    keys = list(keys)
    require_columns(evidence, ["article", *keys], "evidence")
    missing = [a for a in article_ids if a not in words]
    if missing:
        raise AnalysisInputError(f"no word count for article(s) {missing}")
    counts = evidence.groupby(["article", *keys], sort=False).size().to_dict()
    wanted = [tuple(level) for level in levels]
    extra = sorted({k[1:] for k in counts if k[1:] not in set(wanted)})
    rows = []
    for article in article_ids:
        n_words = int(words[article])
        for level in [*wanted, *extra]:
            count = int(counts.get((article, *level), 0))
            rows.append({"article": article, **dict(zip(keys, level, strict=True)),
                         "count": count, "words": n_words,
                         "per_1000": count * PER_WORDS / n_words if n_words else float("nan")})
    return pd.DataFrame(rows, columns=["article", *keys, "count", "words", "per_1000"])


def _span_lists(spans: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    require_columns(spans, ["article", "start", "end"], "spans")
    lists: dict[str, list[tuple[int, int]]] = {}
    for row in spans[["article", "start", "end"]].itertuples(index=False):
        if int(row.end) < int(row.start):
            raise AnalysisInputError(f"span ({row.start}, {row.end}) in article "
                                     f"{row.article!r} ends before it starts")
        lists.setdefault(row.article, []).append((int(row.start), int(row.end)))
    return {a: sorted(s) for a, s in lists.items()}


def in_spans(evidence: pd.DataFrame, spans: pd.DataFrame, *, how: str = "inside") -> pd.Series:
    """True for each evidence row inside (or, with ``how="overlap"``, overlapping) any of
    ``spans`` (rows with article, start, end) of the same article; aligned to ``evidence``."""
    if how not in ("inside", "overlap"):
        raise AnalysisInputError(f"how must be 'inside' or 'overlap', not {how!r}")
    require_columns(evidence, ["article", "start", "end"], "evidence")
    lists = _span_lists(spans)
    flags = []
    for row in evidence[["article", "start", "end"]].itertuples(index=False):
        a, b = int(row.start), int(row.end)
        if how == "inside":
            hit = any(s <= a and b <= e for s, e in lists.get(row.article, ()))
        else:
            hit = any(s < b and a < e for s, e in lists.get(row.article, ()))
        flags.append(hit)
    return pd.Series(flags, index=evidence.index, dtype=bool, name="in_spans")


def subtract_spans(articles: Article | Sequence[Article], units: pd.DataFrame,
                   spans: pd.DataFrame) -> pd.DataFrame:
    """The parts of each unit (rows with article, start, end) that no span covers.

    Each remaining piece is trimmed of surrounding whitespace and kept only if it has a
    letter or digit. The result has the units' columns, with start, end and match for the
    piece (``text`` and ``match`` of the whole unit are dropped), in the units' order.
    """
    require_columns(units, ["article", "start", "end"], "units")
    known = _by_id(articles)
    _check_articles(units, known, "units")
    lists = _span_lists(spans)
    carried = [c for c in units.columns if c not in ("start", "end", "match", "text")]
    rows = []
    for record in units.to_dict("records"):
        raw = known[record["article"]].raw
        whole = [(int(record["start"]), int(record["end"]), None)]
        for a, b, _ in cut_spans(whole, lists.get(record["article"], ())):
            a, b = strip_span(raw, a, b)
            if any(c.isalnum() for c in raw[a:b]):
                rows.append({**{c: record[c] for c in carried}, "start": a, "end": b,
                             "match": raw[a:b]})
    return pd.DataFrame(rows, columns=[*carried, "start", "end", "match"])


def attach_sentences(articles: Article | Sequence[Article], table: pd.DataFrame,
                     column: str = "sentence_text") -> pd.DataFrame:
    """``table`` with the text of each row's sentence (as published) in a new column."""
    require_columns(table, ["article", "sentence"], "table")
    known = _by_id(articles)
    texts = {(article.id, s.index): " ".join(article.raw[s.start:s.end].split())
             for article in known.values() for s in article.sentences}
    return table.assign(**{column: [texts.get((a, int(s)), "") for a, s in
                                    zip(table["article"], table["sentence"], strict=True)]})


def holds(articles: Article | Sequence[Article], table: pd.DataFrame,
          column: str = "match") -> bool:
    """True when every row's ``column`` is exactly ``raw[start:end]`` of its article: the
    evidence contract every lens keeps."""
    raw = {a.id: a.raw for a in article_list(articles)}
    return all(raw[row.article][row.start:row.end] == getattr(row, column)
               for row in table.itertuples())


def in_input_order(frame: pd.DataFrame, order: Sequence[str], by: Sequence[str] = (),
                   ascending: bool | Sequence[bool] = True,
                   column: str = "article") -> pd.DataFrame:
    """``frame`` sorted by the position of each row's ``column`` value in ``order`` (the order
    the articles or groups were given), then by ``by``; a stable sort, index reset."""
    rank = {name: i for i, name in enumerate(order)}
    then = [ascending] * len(by) if isinstance(ascending, bool) else list(ascending)
    ranked = frame.assign(_order=frame[column].map(rank))
    ranked = ranked.sort_values(["_order", *by], ascending=[True, *then], kind="stable")
    return ranked.drop(columns="_order").reset_index(drop=True)

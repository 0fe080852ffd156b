"""Comparing articles by their sources: the roster of who is cited and how, anonymity, sources
the articles share, and counts per kind, status and cue class, ready for figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..entities.tables import counts as entity_counts
from ..evidence import in_input_order
from ..text.article import Article, article_list
from ..text.manifest import analysis_units
from ..text.roles import DEFAULT_ROLES
from ..text.tokenise import word_count
from .cues import CUE_CLASSES, KINDS, QUOTE_KINDS
from .rows import attributions

ROSTER_COLUMNS = ["article", "canonical", "kind", "kinds", "named", "attributions", "share",
                  "tied", "pronoun_rows", "cue_classes", "cues", "direct_quotes", "quoted_words",
                  "via"]
ANONYMITY_COLUMNS = ["article", "attributions", "named", "anonymous", "unresolved",
                     "share_anonymous"]
SHARED_COLUMNS = ["canonical", "kind", "in_articles", "article", "attributions", "cue_classes",
                  "cues", "quotes", "via", "relays"]
KIND_COUNT_COLUMNS = ["article", "kind", "attributions"]
NAMED_COUNT_COLUMNS = ["article", "status", "attributions"]
CUE_CLASS_COUNT_COLUMNS = ["article", "cue_class", "attributions"]
NAMED_STATUSES = ("named", "anonymous", "unresolved")
PRONOUN_SOURCES = frozenset(("he", "she", "they", "it", "who", "which", "that"))


def _joined(values: Iterable[str]) -> str:
    """Distinct non-empty values, sorted and joined by commas."""
    return ", ".join(sorted({v for v in values if v}))


def _cue_summary(frame: pd.DataFrame) -> str:
    """Each cue with its count, commonest first ("according to ×4, said ×1")."""
    labels = [c.lower() if c else "embedded post" for c in frame["cue"]]
    counted = pd.Series(labels, dtype=object).value_counts()
    ordered = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{cue} ×{n}" for cue, n in ordered)


def pair_names(table: pd.DataFrame) -> pd.DataFrame:
    """Attribution rows of several articles with one name per person across them: a surname
    alone ("Trump", "Reid"), as an article that never gives the full name writes it, becomes
    the full name another article uses ("Donald Trump"), when exactly one full name ends so."""
    people = table.loc[table["kind"] == "person", "canonical"]
    full = sorted({c for c in people if " " in c and not c.startswith("unresolved: ")})
    # a lone capitalised word is a surname whatever kind it was given ("Breck" is "other")
    lone = table.loc[table["kind"].isin(["person", "other"]), "canonical"]
    mapping = {}
    for name in sorted({c for c in lone if " " not in c and c[:1].isupper()}):
        longer = [c for c in full if c.split()[-1] == name]
        if len(longer) == 1:
            mapping[name] = longer[0]
    if not mapping:
        return table
    moved = table["canonical"].isin(list(mapping))
    return table.assign(canonical=table["canonical"].replace(mapping),
                        kind=table["kind"].mask(moved, "person"),
                        via=table["via"].replace(mapping))


def _is_pronoun_row(source: str) -> bool:
    """True when a row's source words are a pronoun, so its name rests on resolution."""
    return source.lower() in PRONOUN_SOURCES


def _main_kind(kinds: pd.Series) -> str:
    """The most frequent kind; ties go to the first in ``KINDS``."""
    counted = kinds.value_counts()
    best = counted.max()
    return min((k for k, n in counted.items() if n == best), key=KINDS.index)


def roster(articles: Article | Sequence[Article], *,
           roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True) -> pd.DataFrame:
    """One row per canonical source and article: how often and how the article cites it.

    Columns (``ROSTER_COLUMNS``): article, canonical, kind (its most frequent kind; ties go to
    the first in ``KINDS``), kinds (every kind it was given, e.g. "government, social" for an
    embassy quoted in the text and in embedded posts), named, attributions, share (of the
    article's attributions), tied (how many of the article's sources have this many
    attributions, itself included: 1 when no other does), pronoun_rows (attributions whose
    source words are a pronoun, so the name rests on pronoun resolution), cue_classes (sorted,
    joined), cues (each cue with its count, commonest first; "embedded post" for an embed),
    direct_quotes (attributions with a direct quotation), quoted_words (words in those direct
    quotations), via (sources that relay it).
    Rows: articles in the order given, then most cited first, then by name. ``articles`` may
    also be groups of articles (``Corpus.group``), streamed; rows then name the groups. A
    surname alone in one article takes the full name another article gives
    (:func:`pair_names`).
    """
    units = analysis_units(articles)
    table_ = pair_names(pd.concat(
        [attributions(a, roles=roles, embeds=embeds).assign(article=name)
         for name, members in units for a in members], ignore_index=True))
    rows = []
    for name, _ in units:
        mine = table_[table_["article"] == name]
        counts = mine["canonical"].value_counts()
        for canonical, group in mine.groupby("canonical", sort=True):
            direct = group[group["quote"] == "direct"]
            rows.append({
                "article": name, "canonical": canonical,
                "kind": _main_kind(group["kind"]), "kinds": _joined(group["kind"]),
                "named": bool(group["named"].any()), "attributions": len(group),
                "share": len(group) / len(mine),
                "tied": int((counts == len(group)).sum()),
                "pronoun_rows": int(group["source"].map(_is_pronoun_row).sum()),
                "cue_classes": _joined(group["cue_class"]),
                "cues": _cue_summary(group), "direct_quotes": len(direct),
                "quoted_words": int(sum(word_count(q) for q in direct["quote_text"])),
                "via": _joined(group["via"]),
            })
    frame = pd.DataFrame(rows, columns=ROSTER_COLUMNS)
    return in_input_order(frame, [name for name, _ in units], ["attributions", "canonical"],
                          [False, True])


def anonymity(articles: Article | Sequence[Article], *,
              roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True) -> pd.DataFrame:
    """How much of each article's sourcing is anonymous.

    Columns (``ANONYMITY_COLUMNS``): article, attributions, named, anonymous (kind
    ``anonymous``), unresolved (a description or pronoun with no antecedent), share_anonymous
    (anonymous / attributions; NaN for an article with no attributions). One row per article.
    """
    items = article_list(articles)
    table_ = attributions(items, roles=roles, embeds=embeds)
    rows = []
    for article in items:
        mine = table_[table_["article"] == article.id]
        total = len(mine)
        anonymous = int((mine["kind"] == "anonymous").sum())
        named = int(mine["named"].sum())
        rows.append({"article": article.id, "attributions": total, "named": named,
                     "anonymous": anonymous, "unresolved": total - named - anonymous,
                     "share_anonymous": anonymous / total if total else float("nan")})
    return pd.DataFrame(rows, columns=ANONYMITY_COLUMNS)


def shared(articles: Article | Sequence[Article], *, only_shared: bool = True,
           roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True) -> pd.DataFrame:
    """Sources the articles have in common, and how each article cites them.

    One row per canonical source and article that cites it. Columns (``SHARED_COLUMNS``):
    canonical, kind, in_articles (how many of the articles cite it), article, attributions,
    cue_classes, cues (with counts), quotes (counts of direct / partial / none), via (who relays
    it in this article: "TASS" is cited via "Al Jazeera"), relays (whom it relays here).
    Unresolved descriptions are left out; a surname alone matches the full name the other
    article gives (:func:`pair_names`). With ``only_shared=False`` every source is listed,
    which shows relayed sources that only one article uses. Rows: most widely cited first,
    then most attributions, then by name and article order.
    """
    items = article_list(articles)
    table_ = pair_names(attributions(items, roles=roles, embeds=embeds))
    table_ = table_[~table_["canonical"].str.startswith("unresolved: ")]
    spread = table_.groupby("canonical")["article"].nunique()
    totals = table_.groupby("canonical").size()
    order = {a.id: i for i, a in enumerate(items)}
    rows = []
    for (canonical, article), group in table_.groupby(["canonical", "article"], sort=False):
        if only_shared and spread[canonical] < 2:
            continue
        counts = group["quote"].value_counts()
        relays = table_[(table_["article"] == article) & (table_["via"] == canonical)]
        rows.append({
            "canonical": canonical, "kind": _main_kind(table_[table_["canonical"] ==
                                                              canonical]["kind"]),
            "in_articles": int(spread[canonical]), "article": article,
            "attributions": len(group), "cue_classes": _joined(group["cue_class"]),
            "cues": _cue_summary(group),
            "quotes": ", ".join(f"{q} {int(counts[q])}" for q in QUOTE_KINDS if q in counts),
            "via": _joined(group["via"]), "relays": _joined(relays["canonical"]),
            "_total": int(totals[canonical]), "_order": order[article],
        })
    frame = pd.DataFrame(rows, columns=[*SHARED_COLUMNS, "_total", "_order"])
    frame = frame.sort_values(["in_articles", "_total", "canonical", "_order"],
                              ascending=[False, False, True, True], kind="stable")
    return frame[SHARED_COLUMNS].reset_index(drop=True)


def _counts(articles: Article | Sequence[Article], column: str, values: Sequence[str],
            columns: list[str], roles: Iterable[str] | None, embeds: bool) -> pd.DataFrame:
    """Attributions per value of ``column`` and article, every value listed."""
    items = article_list(articles)
    return _per_value(items, attributions(items, roles=roles, embeds=embeds), column, values,
                      columns)


def _per_value(items: Sequence[Article], table_: pd.DataFrame, column: str,
               values: Sequence[str], columns: list[str]) -> pd.DataFrame:
    """Rows of ``table_`` per value of ``column`` and article, every value listed."""
    rows = []
    for article in items:
        mine = table_[table_["article"] == article.id]
        counted = mine[column].value_counts()
        for value in values:
            rows.append({"article": article.id, columns[1]: value,
                         "attributions": int(counted.get(value, 0))})
    return pd.DataFrame(rows, columns=columns)


def kind_counts(articles: Article | Sequence[Article], *,
                roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True) -> pd.DataFrame:
    """Attributions per source kind and article, every kind listed (zero when unused).

    Columns: article, kind, attributions. Rows: articles in the order given, kinds in
    ``KINDS`` order. Ready for a grouped bar chart.
    """
    return _counts(articles, "kind", KINDS, KIND_COUNT_COLUMNS, roles, embeds)


def named_counts(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True) -> pd.DataFrame:
    """Named, anonymous and unresolved attributions per article.

    Columns: article, status (named, anonymous, unresolved), attributions.
    """
    items = article_list(articles)
    table_ = attributions(items, roles=roles, embeds=embeds)
    status = pd.Series("unresolved", index=table_.index, dtype=object)
    status[table_["named"].astype(bool)] = "named"
    status[table_["kind"] == "anonymous"] = "anonymous"
    return _per_value(items, table_.assign(status=status), "status", NAMED_STATUSES,
                      NAMED_COUNT_COLUMNS)


def cue_class_counts(articles: Article | Sequence[Article], *,
                     roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True
                     ) -> pd.DataFrame:
    """Attributions per cue class and article, every class listed (zero when unused).

    Columns: article, cue_class, attributions. An embedded post counts as neutral.
    """
    return _counts(articles, "cue_class", CUE_CLASSES, CUE_CLASS_COUNT_COLUMNS, roles,
                   embeds)


def spoken_about(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = DEFAULT_ROLES, embeds: bool = True) -> pd.DataFrame:
    """People and organisations an article mentions but never cites as a source.

    Columns: article, canonical, type, mentions, first_sentence (from
    :func:`analysis.entities.counts`), most mentioned first.
    """
    counts = entity_counts(articles, roles=roles, embeds=embeds)
    found = attributions(articles, roles=roles, embeds=embeds)
    cited = set(zip(found["article"], found["canonical"], strict=True))
    keep = [(a, c) not in cited and t in ("person", "organisation")
            for a, c, t in zip(counts["article"], counts["canonical"], counts["type"],
                               strict=True)]
    columns = ["article", "canonical", "type", "mentions", "first_sentence"]
    # a boolean Series, so that no entity at all selects no rows (an empty list would select
    # columns)
    return counts[pd.Series(keep, index=counts.index, dtype=bool)][columns].reset_index(drop=True)

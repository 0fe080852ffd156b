"""Actors found in the articles themselves: the people, organisations and places they mention
most, each under one name across the articles, and every mention with the form it is named by.

Method. Names come from the entity lens (:mod:`analysis.entities`: capitalised spans
classified with the gazetteer; within an article "Trump" and "Mr. Trump" are already "Donald
Trump" when the article gives the full name). Across the articles one name is chosen per
entity (:func:`pair_canonicals`): a surname alone becomes the only full name that ends with
it ("Trump" in B -> "Donald Trump" in A); two full names of a person with the same first and
last word are one ("Jane Holloway", "Jane M. Holloway"), under the fullest; a short
organisation name that ends exactly one longer one is that one ("Foreign Ministry" ->
"Russian Foreign Ministry"). Each mention's ``variant`` is the name as written together with
the titles right before it (``title`` rows of ``lexicons/entity_gazetteer.tsv``: "President
Trump", "Mr. Trump", "Sen. Jane Holloway"), spaces collapsed. A title that only qualifies
another (``grammar.tsv``'s ``title_modifiers``) is taken only before one ("Former President
Obama", but "Trump" in "Former Trump adviser"); once a title is taken, the capitalised words
before it that are no other name join too ("Senate Majority Leader Mitch McConnell").
Definite descriptions that the sources lens (:func:`analysis.sources.attributions`) resolves
to a found actor as a source ("the senator said", "the president told"; the patterns of
``lexicons/source_coreference.tsv``) are mentions too, the description being the variant
("the senator"). Actors are ranked by mentions across the articles, ties by name.

What is not found: descriptions that are not the source of an attribution ("a meeting with
the senator"), pronouns ("he", "she": they refer, they do not name), names the entity lens
misses (lower-case names, one unknown capitalised word opening a sentence), nicknames and
spellings that share no surname ("Bibi" and "Benjamin Netanyahu" stay two actors), groups
named by common nouns ("Republican lawmakers", "protesters"); a name written only in
headlines (where title case makes any run of capitalised words look like a name) when other
paragraphs are read; a capitalised word that the gazetteer says names nothing (``not_name``:
"by March.", "on Friday."). A surname alone shared by two full names across the articles
("Clinton" with "Bill Clinton" and "Hillary Clinton") stays as each article resolved it.
Datelines ("WASHINGTON —", cut out as role ``dateline`` by :mod:`analysis.text.segments`) are
never mentions, whatever the roles; embedded posts are left out (the roles decide what is
read).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

import pandas as pd

from ..entities.gazetteer import ENTITY_TYPES, gazetteer, stop_capitals
from ..entities.names import article_mentions
from ..evidence import in_input_order
from ..lexicons import grammar_words
from ..lexicons.match import EVIDENCE_COLUMNS
from ..sources.cues import coreference
from ..sources.rows import attributions
from ..text.article import (
    Article,
    Paragraph,
    article_list,
    cached_together,
    roles_with_embeds,
)
from ..text.roles import DEFAULT_ROLES

TOP = 8
FOUND_COLUMNS = ["rank", "actor", "type", "article", "mentions", "total"]
MENTION_COLUMNS = [*EVIDENCE_COLUMNS, "actor", "variant", "type"]
# a capitalised word (or an ordinal: "Sgt. 1st Class") that may stand before a title
_ROLE_WORD = re.compile(r"(?:[A-Z][\w.'’&-]*|\d+(?:st|nd|rd|th))$")


def _read_roles(roles: Iterable[str] | None) -> frozenset[str]:
    """The roles read for actors: ``roles`` (None: all) without datelines or embedded posts."""
    return roles_with_embeds(roles, False) - {"dateline"}


@cache
def _titles() -> tuple[str, ...]:
    """The gazetteer's titles as phrases, longest first."""
    return tuple(" ".join(t) for t in gazetteer().titles)


def _title_before(text: str, end: int, floor: int) -> int | None:
    """Where a title ending at ``end`` starts (not before ``floor``), or None."""
    for title in _titles():
        start = end - len(title)
        if start >= floor and text[start:end] == title \
                and (start == floor or not text[start - 1].isalnum()):
            return start
    return None


def titled_start(text: str, start: int, floor: int) -> int:
    """The start of a name with the titles right before it ("President Trump", "former Sen.
    Jane Holloway"), and after a title the capitalised words before it ("Senate Majority
    Leader"); ``floor`` is where the name may begin at the earliest (the sentence start, or
    the end of the previous name)."""
    begin, titled = start, False
    stops = stop_capitals()
    while begin - 1 > floor and text[begin - 1] == " ":
        title = _title_before(text, begin - 1, floor)
        if title is not None and (titled or text[title:begin - 1]
                                  not in grammar_words("title_modifiers")):
            begin, titled = title, True
            continue
        word = _ROLE_WORD.search(text, floor, begin - 1) if titled else None
        if word is None or word.group() in stops or (
                word.start() > floor and text[word.start() - 1] not in " "):
            break
        begin = word.start()
    return begin


def _variant(text: str) -> str:
    """A naming form for counting: spaces collapsed; an opening determiner in lower case."""
    words = text.split()
    if words and words[0].lower() in grammar_words("determiners"):
        words[0] = words[0].lower()
    return " ".join(words)


def _name_rows(article: Article, wanted: frozenset[str]) -> list[dict]:
    """One row per name mention of an article, its variant with the titles before it."""
    rows = []
    mentions = article_mentions(article, roles=wanted)
    sentences = {s.index: s for s in article.sentences}
    previous: dict[int, int] = {}  # paragraph -> end of the last name (local offset)
    for m in mentions:
        paragraph: Paragraph = article.paragraphs[m.paragraph]
        floor = max(sentences[m.sentence].local_start, previous.get(m.paragraph, 0))
        previous[m.paragraph] = m.end
        begin = titled_start(paragraph.text, m.start, floor)
        start, end = paragraph.raw_span(begin, m.end) if begin < m.start else \
            (m.raw_start, m.raw_end)
        rows.append({"article": article.id, "paragraph": m.paragraph, "role": m.role,
                     "sentence": m.sentence, "start": start, "end": end,
                     "match": article.raw[start:end], "canonical": m.name.canonical,
                     "type": m.name.type, "kind": m.name.kind,
                     "variant": _variant(paragraph.text[begin:m.end])})
    return rows


def _is_description(phrase: str) -> bool:
    """True when a source phrase is a definite description (``source_coreference.tsv``) and
    no pronoun."""
    text = " ".join(phrase.split())
    if text.lower() in grammar_words("resolved_pronouns"):
        return False
    return any(pattern.fullmatch(text) for pattern, _ in coreference())


def _description_rows(articles: list[Article], roles: Iterable[str] | None,
                      names: list[dict]) -> list[dict]:
    """Source phrases that are descriptions resolved to a named source, as mention rows."""
    wanted = _read_roles(roles)
    table = attributions(articles, roles=[r for r in wanted], embeds=False)
    taken = {}
    for row in names:
        taken.setdefault(row["article"], []).append((row["start"], row["end"]))
    rows = []
    for r in table.itertuples(index=False):
        if not r.named or r.role not in wanted or not _is_description(r.source):
            continue
        if any(a < r.end and r.start < b for a, b in taken.get(r.article, [])):
            continue
        rows.append({"article": r.article, "paragraph": r.paragraph, "role": r.role,
                     "sentence": r.sentence, "start": r.start, "end": r.end,
                     "match": r.source, "canonical": r.canonical, "type": "",
                     "kind": r.kind, "variant": _variant(r.source)})
    return rows


def _fullest(names: Iterable[str]) -> str:
    """The fullest of several names of one entity: most words, then longest, then by name."""
    return min(names, key=lambda n: (-len(n.split()), -len(n), n))


def pair_canonicals(rows: pd.DataFrame) -> dict[str, str]:
    """One name per entity across articles: a mapping from each other name to the chosen one.

    ``rows`` has columns canonical, type and role (name mentions of all the articles). Full
    names of people with the same first and last word are one person, under the fullest; a
    full name written only in headlines is the one full name with its surname in the body
    text (a title-case headline runs words together: "Urge Sestak"); a single
    capitalised word (a person's or an unknown name) that is the last word of exactly one
    person's full name is that person; a short organisation name that ends exactly one longer
    organisation name is that organisation.
    """
    is_person = (rows["type"] == "person") & rows["canonical"].str.contains(" ")
    people = sorted(set(rows.loc[is_person, "canonical"]))
    in_body = set(rows.loc[is_person & (rows["role"] != "headline"), "canonical"])
    mapping: dict[str, str] = {}
    groups: dict[tuple[str, str], list[str]] = {}
    for name in people:
        words = name.split()
        groups.setdefault((words[0], words[-1]), []).append(name)
    for members in groups.values():
        for name in members:
            mapping[name] = _fullest(members)
    for name in people:  # a headline's "Urge Sestak" is the body's "Joe Sestak"
        body = {mapping[p] for p in in_body if p.split()[-1] == name.split()[-1]}
        if name not in in_body and len(body) == 1 and mapping[name] not in body:
            mapping[name] = body.pop()
    fulls = sorted(set(mapping.values()))
    singles = {c for c, t in zip(rows["canonical"], rows["type"], strict=True)
               if t in ("person", "other") and " " not in c and c[:1].isupper()}
    for name in sorted(singles):
        longer = [f for f in fulls if f.split()[-1] == name]
        if len(longer) == 1:
            mapping[name] = longer[0]
    organisations = sorted({c for c, t in zip(rows["canonical"], rows["type"], strict=True)
                            if t == "organisation"})
    for name in organisations:
        longer = [o for o in organisations if o != name and o.endswith(" " + name)]
        if len(longer) == 1:
            mapping[name] = longer[0]
    return {k: v for k, v in mapping.items() if k != v}


def main_types(actors: Iterable, types: Iterable) -> dict[str, str]:
    """Each actor's most frequent entity type among its mentions (empty types not counted);
    ties go to the first in ``ENTITY_TYPES``; "other" when none of its mentions has a type."""
    counted: dict[str, Counter] = {}
    for actor, kind in zip(actors, types, strict=True):
        if not isinstance(actor, str):
            continue  # a missing actor belongs to no group
        tally = counted.setdefault(actor, Counter())
        if isinstance(kind, str) and kind:
            tally[kind] += 1
    return {actor: _main_type(tally) for actor, tally in counted.items()}


def _main_type(tally: Counter) -> str:
    if not tally:
        return "other"
    best = max(tally.values())
    return min((t for t, n in tally.items() if n == best), key=ENTITY_TYPES.index)


def all_mentions(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Every mention of every actor found, in text order (``MENTION_COLUMNS``): the name
    mentions of the entity lens and the descriptions resolved by the sources lens, each
    under the actor's one name across the articles; ``type`` is the actor's type. Computed
    once for the same articles and roles (several tables and views need it); each call gets
    its own copy."""
    chosen = article_list(articles)
    wanted = _read_roles(roles)
    return cached_together(chosen, ("all mentions", wanted),
                           lambda: _all_mentions(chosen, roles, wanted)).copy()


def _all_mentions(chosen: list[Article], roles: Iterable[str] | None, wanted) -> pd.DataFrame:
    names = [row for a in chosen for row in _name_rows(a, wanted)]
    frame = pd.DataFrame(names, columns=[*EVIDENCE_COLUMNS, "canonical", "type", "kind",
                                         "variant"])
    frame = frame[~frame["canonical"].isin(stop_capitals())]  # "by March." names nothing
    mapping = pair_canonicals(frame)
    frame = frame.assign(actor=frame["canonical"].replace(mapping))
    if (frame["role"] != "headline").any():  # a title-case headline makes names of anything
        frame = frame[frame["actor"].isin(set(frame.loc[frame["role"] != "headline", "actor"]))]
    descriptions = pd.DataFrame(_description_rows(chosen, roles, names), columns=frame.columns[:-1])
    if not descriptions.empty:
        descriptions["actor"] = descriptions["canonical"].replace(mapping)
        descriptions = descriptions[descriptions["actor"].isin(set(frame["actor"]))]
        frame = pd.concat([frame, descriptions], ignore_index=True)
    frame["type"] = frame["actor"].map(main_types(frame["actor"], frame["type"]))
    frame = in_input_order(frame, [a.id for a in chosen], ["start", "end"])
    return frame[MENTION_COLUMNS]


def rank(evidence: pd.DataFrame) -> list[str]:
    """Actors by mentions across the articles, most first, ties by name."""
    totals = evidence["actor"].value_counts()
    return sorted(totals.index, key=lambda a: (-totals[a], a))


def found(articles: Article | Sequence[Article], *,
          roles: Iterable[str] | None = DEFAULT_ROLES, top: int | None = TOP) -> pd.DataFrame:
    """The actors the articles mention most: people, organisations and places, found in the
    articles themselves (see :mod:`analysis.actors.discovery` for the method and its limits).

    Columns (``FOUND_COLUMNS``): rank (1 = most mentioned across the articles; ties by name),
    actor (one name across the articles, the fullest), type (person, organisation, place,
    other), article, mentions (in that article, 0 included), total (across the articles).
    One row per actor and article, by rank then in the order the articles were given;
    ``top`` actors (None: all). The mentions are :func:`analysis.actors.mentions` rows.
    """
    chosen = article_list(articles)
    evidence = all_mentions(chosen, roles=roles)
    ranked = rank(evidence)[:top] if top is not None else rank(evidence)
    counts = evidence.groupby(["actor", "article"]).size()
    types = dict(zip(evidence["actor"], evidence["type"], strict=True))
    rows = [{"rank": n, "actor": actor, "type": types[actor], "article": article.id,
             "mentions": int(counts.get((actor, article.id), 0)),
             "total": int(sum(counts.get((actor, a.id), 0) for a in chosen))}
            for n, actor in enumerate(ranked, start=1) for article in chosen]
    return pd.DataFrame(rows, columns=FOUND_COLUMNS)

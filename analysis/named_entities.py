"""Named entities by rule: the people, organisations and places an article mentions.

Method. No statistical tagger is used (NLTK's chunker and tagger need data that is not
available): names are found in each sentence of the normalised paragraph text, in three steps.

1. Known names. Every variant in ``lexicons/source_aliases.tsv`` ("New York Times", "NYT",
   "@nytimes", "Kremlin" ...) is matched first and gets that file's canonical name and kind.
2. Capitalised spans. Runs of capitalised words, joined by "of", "de", "al" and similar, and by
   "in/on/for/at" only after an organisation head ("Embassy in the United States", "Convention
   on Diplomatic Relations"). Capitalised function words and sentence openers ("The",
   "According", "In"; ``not_name`` in the gazetteer) never start a name.
3. Classification with ``lexicons/entity_gazetteer.tsv``: a place (country, city, or a place
   head such as "Base", "Camp"); an organisation when the word before any "of/in" is an
   organisation head ("Ministry", "Embassy", "Times", "Agency", "Center" ...) or a named group;
   a person after a title ("President Donald Trump", "Sgt. 1st Class Michael Goble"; the title
   is left out of the canonical name) or when the span is two to four ordinary capitalised
   words ("Hugh Hill"). A single word that is the surname of a person named in full anywhere
   in the article is that person ("Trump" -> "Donald Trump"). A single unknown capitalised word
   at the start of a sentence is dropped (it is more often an ordinary word than a name); one
   elsewhere is kept as ``other``. A nationality word alone ("Russian") is not a name.

Types: ``person``, ``organisation``, ``place``, ``other`` (documents, handles, unknown names).
``kind`` is the source kind the name would have when it speaks (media, government, person,
document, social, other; a place speaking is its government).

Limits: names written in lower case, or as one unknown word at a sentence start, are missed;
two names written side by side without punctuation run together; a person known by one name
only ("Madonna") is ``other``; "Washington" is always the city; nicknames and spelling
variants are not merged unless the alias file lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import pandas as pd

from .corpus import Article, article_list, check_roles
from .data_files import table, word_list
from .errors import AnalysisInputError

SOURCE_ROLES = ("headline", "body", "embed")
ENTITY_TYPES = ("person", "organisation", "place", "other")
ENTITY_COLUMNS = ["article", "paragraph", "role", "sentence", "text", "canonical", "type", "kind",
                  "start", "end"]
ENTITY_COUNT_COLUMNS = ["article", "canonical", "type", "kind", "mentions", "first_sentence",
                        "first_start"]

ORG_CATEGORIES = ("media_head", "government_head", "document_head", "organisation_head")
GENERAL_CONNECTORS = ("of", "of the", "&", "de", "du", "da", "del", "der", "al", "el", "bin",
                      "ibn", "van", "von", "la", "le", "y")
HEAD_CONNECTORS = ("in", "in the", "on", "on the", "for", "for the", "at", "at the")
UPPER = "A-Z" + "".join(re.escape(chr(c)) for c in range(0xC0, 0x530)
                        if chr(c).isupper() and chr(c).isalpha())
HANDLE = re.compile(r"(?<![\w@])@\w{1,30}")
_KIND_TYPE = {"person": "person", "media": "organisation", "government": "organisation",
              "other": "organisation", "document": "other", "social": "other"}


@dataclass(frozen=True)
class Known:
    """A source listed in the alias file: its canonical name, kind and coreference class."""

    canonical: str
    kind: str
    cls: str


@dataclass(frozen=True)
class Name:
    """A classified name: canonical form, entity type, source kind and coreference class."""

    canonical: str
    type: str
    kind: str
    cls: str


@dataclass(frozen=True)
class Mention:
    """One mention of a name in a paragraph (local offsets into ``paragraph.text``)."""

    paragraph: int
    role: str
    sentence: int
    start: int
    end: int
    raw_start: int
    raw_end: int
    text: str
    name: Name


@dataclass(frozen=True)
class Gazetteer:
    """The entity gazetteer, indexed by word."""

    titles: tuple[tuple[str, ...], ...]
    heads: dict[str, tuple[str, str, str]]
    places: dict[str, tuple[str, str]]
    place_heads: frozenset[str]
    groups: dict[str, tuple[str, str]]
    demonyms: frozenset[str]
    not_name: frozenset[str]


@cache
def gazetteer() -> Gazetteer:
    """The entity gazetteer (``lexicons/entity_gazetteer.tsv``), indexed by category."""
    rows = table("entity_gazetteer.tsv")
    titles, heads, places, groups = [], {}, {}, {}
    place_heads, demonyms, not_name = set(), set(), set()
    for row in rows:
        word, category = row["word"], row["category"]
        if category == "title":
            titles.append(tuple(word.split()))
        elif category in ORG_CATEGORIES:
            heads.setdefault(word, (category, row["kind"], row["class"]))
        elif category == "place":
            places[word] = (row.get("canonical") or word, row["class"])
        elif category == "place_head":
            place_heads.add(word)
        elif category == "group":
            groups[word] = (row["kind"], row["class"])
        elif category == "demonym":
            demonyms.add(word)
        elif category == "not_name":
            not_name.add(word)
    titles.sort(key=len, reverse=True)
    return Gazetteer(tuple(titles), heads, places, frozenset(place_heads), groups,
                     frozenset(demonyms), frozenset(not_name))


def _variant_is_case_insensitive(variant: str) -> bool:
    """Multi-word variants, handles and web addresses match without regard to case."""
    return " " in variant or variant.startswith("@") or "." in variant.strip(".")


@cache
def alias_index() -> tuple[re.Pattern[str], dict[str, Known], dict[str, Known]]:
    """The alias file compiled: one pattern for every variant, and exact/lower-case lookups."""
    exact: dict[str, Known] = {}
    folded: dict[str, Known] = {}
    variants: list[tuple[str, bool]] = []
    for row in table("source_aliases.tsv"):
        known = Known(row["canonical"], row["kind"], row["class"])
        for variant in [v.strip() for v in row["aliases"].split("|") if v.strip()]:
            insensitive = _variant_is_case_insensitive(variant)
            (folded if insensitive else exact).setdefault(
                variant.lower() if insensitive else variant, known)
            variants.append((variant, insensitive))
    variants.sort(key=lambda v: len(v[0]), reverse=True)
    parts = [f"(?i:{re.escape(v)})" if ci else re.escape(v) for v, ci in variants]
    pattern = re.compile(rf"(?<![\w@#/.'-])(?:{'|'.join(parts)})(?![\w@-]|'\w\w)")
    return pattern, exact, folded


def known(text: str) -> Known | None:
    """The alias-file entry whose variant is exactly ``text``, if any."""
    _, exact, folded = alias_index()
    return exact.get(text) or folded.get(text.lower())


def find_known(text: str) -> list[tuple[int, int, Known]]:
    """Every alias-file variant in ``text``: ``(start, end, entry)``, left to right."""
    pattern = alias_index()[0]
    found = []
    for match in pattern.finditer(text):
        entry = known(match.group())
        if entry is not None:
            found.append((match.start(), match.end(), entry))
    return found


@cache
def stop_capitals() -> frozenset[str]:
    """Capitalised words that never start or join a name (function words, sentence openers)."""
    words = {w.capitalize() for w in word_list("stopwords_en.txt")
             if w.isalpha() and (len(w) > 1 or w in "ai")}
    return frozenset(words | gazetteer().not_name)


@cache
def cap_pattern() -> str:
    """Regular expression for one capitalised name word (or acronym, title abbreviation, handle)."""
    stops = "|".join(re.escape(w) for w in sorted(stop_capitals(), key=len, reverse=True))
    abbreviations = sorted({t[-1] for t in gazetteer().titles if t[-1].endswith(".")} |
                           {"St.", "Jr.", "Sr.", "Mt.", "Ft."}, key=len, reverse=True)
    abbr = "|".join(re.escape(a) for a in abbreviations)
    return (rf"(?!(?:{stops})(?![\w.'-]))"
            rf"(?:(?:{abbr})|[{UPPER}](?:\.[{UPPER}])+\.?"
            rf"|[{UPPER}]\w*(?:-[{UPPER}\d]\w*)*(?:'(?!s\b)\w+)*)")


@cache
def name_regex() -> re.Pattern[str]:
    """A run of capitalised words with the connectors that may join them."""
    cap = cap_pattern()
    connectors = "|".join(re.escape(c) for c in sorted(GENERAL_CONNECTORS + HEAD_CONNECTORS,
                                                        key=len, reverse=True))
    capc = rf"(?:{cap}|\d+(?:st|nd|rd|th)(?= [{UPPER}]))"
    return re.compile(rf"(?<![\w#@/.'-]){cap}(?:(?: (?:{connectors}))? {capc})*")


def _split_connectors(words: list[str]) -> list[list[str]]:
    """Split a name run where "in/on/for/at" follows a word that is not an organisation head."""
    heads = gazetteer().heads
    pieces, current, i = [], [], 0
    while i < len(words):
        word = words[i]
        if word in ("in", "on", "for", "at") and current and current[-1] not in heads:
            pieces.append(current)
            current = []
            i += 2 if i + 1 < len(words) and words[i + 1] == "the" else 1
            continue
        current.append(word)
        i += 1
    pieces.append(current)
    return [p for p in pieces if p]


def _title_spans(words: Sequence[str]) -> list[tuple[int, int]]:
    """Word ranges of the titles in ``words`` (longest title first at each position)."""
    spans, i = [], 0
    titles = gazetteer().titles
    while i < len(words):
        for title in titles:
            if tuple(words[i:i + len(title)]) == title:
                spans.append((i, i + len(title)))
                i += len(title)
                break
        else:
            i += 1
    return spans


def _head_word(words: Sequence[str]) -> str:
    """The last word before the first connector ("Embassy" in "Russian Embassy in ...")."""
    connectors = {c.split()[0] for c in GENERAL_CONNECTORS + HEAD_CONNECTORS}
    before = []
    for word in words:
        if word in connectors and before:
            break
        before.append(word)
    return before[-1]


def _is_plain_word(word: str) -> bool:
    """True for a capitalised word of letters with some lower case ("Smith", not "NSA")."""
    return word[:1].isupper() and word[1:].replace("-", "").replace("'", "").isalpha() \
        and any(c.islower() for c in word[1:])


def classify_words(words: Sequence[str]) -> tuple[Name | None, int, int]:
    """Classify a name given as words; returns the name and the word range it covers.

    The range drops a title and anything before it ("Russian President Vladimir Putin" covers
    words 2-4). Returns ``(None, 0, 0)`` for a bare title or a nationality word.
    """
    gaz = gazetteer()
    if not words:
        return None, 0, 0
    text = " ".join(words)
    entry = known(text)
    if entry is not None:
        return Name(entry.canonical, _KIND_TYPE.get(entry.kind, "other"), entry.kind,
                    entry.cls), 0, len(words)
    if text in gaz.places:
        canonical, cls = gaz.places[text]
        return Name(canonical, "place", "government", cls), 0, len(words)
    if text in gaz.demonyms:
        return None, 0, 0
    stripped = _strip_demonyms(words)
    if len(stripped) < len(words):
        name, first, last = classify_words(stripped)
        return name, first, last
    head = _head_word(words)
    if head in gaz.heads:
        _, kind, cls = gaz.heads[head]
        return Name(text, "other" if kind == "document" else "organisation", kind, cls), \
            0, len(words)
    if text in gaz.groups or head in gaz.groups:
        kind, cls = gaz.groups.get(text) or gaz.groups[head]
        return Name(text, "organisation", kind, cls), 0, len(words)
    if any(w in gaz.place_heads for w in words):
        return Name(text, "place", "government", "place"), 0, len(words)
    titles = _title_spans(words)
    if titles:
        after = titles[-1][1]
        rest = [w for w in words[after:] if not w[0].isdigit()]
        if not rest:
            return None, 0, 0
        start = len(words) - len(rest)
        return Name(" ".join(rest), "person", "person", "person"), start, len(words)
    if 2 <= len(words) <= 4 and all(_is_plain_word(w) for w in words) \
            and not any(w in gaz.demonyms for w in words):
        return Name(text, "person", "person", "person"), 0, len(words)
    return Name(text, "other", "other", "other"), 0, len(words)


def _strip_demonyms(words: Sequence[str]) -> list[str]:
    """``words`` without nationality words at the end ("House Democratic" -> "House")."""
    demonyms = gazetteer().demonyms
    words = list(words)
    changed = True
    while changed and words:
        changed = False
        for k in (2, 1):
            if len(words) > k and " ".join(words[-k:]) in demonyms:
                words = words[:-k]
                changed = True
                break
    return words


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with ``spans`` blanked out (same length)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = "\x00" * (b - a)
    return "".join(chars)


def _sentence_starts(text: str, a: int) -> set[int]:
    """Positions that count as a sentence start: ``a`` and after an opening quote there."""
    starts = {a}
    i = a
    while i < len(text) and text[i] in "\"'([- ":
        i += 1
        starts.add(i)
    return starts


def _names_in(text: str, a: int, b: int) -> list[tuple[int, int, Name | None, bool]]:
    """Names in ``text[a:b]``: ``(start, end, name, sentence_initial)``, aliases first."""
    found = []
    aliases = [(s, e, k) for s, e, k in find_known(text[a:b])]
    for s, e, entry in aliases:
        found.append((a + s, a + e, Name(entry.canonical, _KIND_TYPE.get(entry.kind, "other"),
                                         entry.kind, entry.cls), False))
    masked = _mask(text[a:b], [(s, e) for s, e, _ in aliases])
    initial = _sentence_starts(text, a)
    for match in HANDLE.finditer(masked):
        found.append((a + match.start(), a + match.end(),
                      Name(match.group(), "other", "social", "social"), False))
    for match in name_regex().finditer(masked):
        words = match.group().split(" ")
        position = a + match.start()
        for piece in _split_connectors(words):
            piece_text = " ".join(piece)
            start = text.find(piece_text, position)
            end = start + len(piece_text)
            position = end
            for s, e, name in _classified_pieces(text, start, end):
                found.append((s, e, name, s in initial))
    return sorted(found, key=lambda f: (f[0], f[1]))


def _classified_pieces(text: str, start: int, end: int) -> list[tuple[int, int, Name]]:
    """Classify one capitalised run, splitting off what stands before a title."""
    words = text[start:end].split(" ")
    name, first, last = classify_words(words)
    pieces = []
    if name is not None and first > 0:
        before_title = _title_spans(words)
        cut = before_title[0][0] if before_title else first
        if cut > 0:
            pre, _, _ = classify_words(words[:cut])
            if pre is not None and pre.type in ("place", "organisation"):
                pre_end = start + len(" ".join(words[:cut]))
                pieces.append((start, pre_end, pre))
    if name is not None:
        s = start + len(" ".join(words[:first])) + (1 if first else 0)
        e = s + len(" ".join(words[first:last]))
        pieces.append((s, e, name))
    return pieces


def _article_mentions(article: Article, roles: frozenset[str]) -> list[Mention]:
    """Every name mention of an article in the chosen roles (cached)."""
    return article.cached(("mentions", roles), lambda: _find_mentions(article, roles))


def _find_mentions(article: Article, roles: frozenset[str]) -> list[Mention]:
    from .tokens import _article_sentences

    paragraphs = {p.index: p for p in article.paragraphs}
    raw_found = []
    for sentence in _article_sentences(article):
        if not sentence["kept"] or sentence["role"] not in roles:
            continue
        paragraph = paragraphs[sentence["paragraph"]]
        a, b = sentence["_local"]
        for s, e, name, initial in _names_in(paragraph.text, a, b):
            raw_found.append((paragraph, sentence["sentence"], s, e, name, initial))
    names = [n for *_, n, _ in raw_found if n is not None]
    persons = surname_index(names)
    organisations = sorted({n.canonical for n in names if n.type == "organisation"}, key=len)
    mentions = []
    for paragraph, number, s, e, name, initial in raw_found:
        if name is None:
            continue
        name = resolve_organisation(resolve_person(name, persons), organisations, names)
        if initial and name.type == "other" and " " not in paragraph.text[s:e] \
                and name.kind != "social":
            continue
        raw_start, raw_end = paragraph.raw_span(s, e)
        mentions.append(Mention(paragraph.index, paragraph.role, number, s, e, raw_start,
                                raw_end, paragraph.text[s:e], name))
    return mentions


def surname_index(names: Iterable[Name]) -> dict[str, str]:
    """Last word of each person's full name -> the first full name seen with it."""
    index: dict[str, str] = {}
    for name in names:
        if name.type == "person" and " " in name.canonical:
            index.setdefault(name.canonical.split()[-1], name.canonical)
    return index


def resolve_person(name: Name, surnames: dict[str, str]) -> Name:
    """Give a one-word name, or a full name sharing a surname, the article's full name."""
    if name.kind in ("person", "other") and name.type in ("person", "other"):
        last = name.canonical.split()[-1]
        if (" " not in name.canonical or name.type == "person") and last in surnames:
            return Name(surnames[last], "person", "person", "person")
    return name


def resolve_organisation(name: Name, canonicals: Sequence[str], names: Sequence[Name]) -> Name:
    """Give a short organisation name the longer one it ends ("Foreign Ministry" -> "Russian
    Foreign Ministry") when the article names exactly one such organisation."""
    if name.type != "organisation" or " " not in name.canonical:
        return name
    longer = [c for c in canonicals
              if c != name.canonical and c.endswith(" " + name.canonical)]
    if len(longer) != 1:
        return name
    return next(n for n in names if n.canonical == longer[0])


def check_source_roles(roles: Iterable[str] | None) -> frozenset[str]:
    """Validate a roles argument (None means every role), refusing non-iterables clearly."""
    if roles is not None and not isinstance(roles, (str, Iterable)):
        raise AnalysisInputError(f"roles must be a role name or a list of role names, got "
                                 f"{type(roles).__name__}")
    return check_roles(roles)


def entities(articles: Article | Sequence[Article], *,
             roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """One row per mention of a person, organisation or place, in text order.

    Columns: article, paragraph, role, sentence, text (the name as written, normalised),
    canonical, type (person, organisation, place, other), kind (the source kind it would have:
    media, government, person, document, social, other), start, end (offsets in ``raw``:
    ``raw[start:end]`` is the name as published).
    """
    wanted = check_source_roles(roles)
    rows = []
    for article in article_list(articles):
        for m in _article_mentions(article, wanted):
            rows.append({"article": article.id, "paragraph": m.paragraph, "role": m.role,
                         "sentence": m.sentence, "text": m.text, "canonical": m.name.canonical,
                         "type": m.name.type, "kind": m.name.kind, "start": m.raw_start,
                         "end": m.raw_end})
    frame = pd.DataFrame(rows, columns=ENTITY_COLUMNS)
    return frame.sort_values(["article", "start", "end"], kind="stable",
                             key=_article_order(articles)).reset_index(drop=True)


def _article_order(articles: Article | Sequence[Article]):
    """A sort key putting articles in the order given."""
    order = {a.id: i for i, a in enumerate(article_list(articles))}

    def key(column: pd.Series) -> pd.Series:
        """Map the article column to its position."""
        return column.map(order) if column.name == "article" else column

    return key


def entity_counts(articles: Article | Sequence[Article], *,
                  roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """Mentions per canonical name and article, most mentioned first.

    Columns: article, canonical, type, kind, mentions, first_sentence, first_start (raw offset
    of the first mention). Ties are ordered by first mention.
    """
    mentions = entities(articles, roles=roles)
    if mentions.empty:
        return pd.DataFrame(columns=ENTITY_COUNT_COLUMNS)
    grouped = (mentions.groupby(["article", "canonical", "type", "kind"], sort=False)
               .agg(mentions=("start", "size"), first_sentence=("sentence", "min"),
                    first_start=("start", "min"))
               .reset_index())
    order = {a.id: i for i, a in enumerate(article_list(articles))}
    grouped["_order"] = grouped["article"].map(order)
    grouped = grouped.sort_values(["_order", "mentions", "first_start"],
                                  ascending=[True, False, True], kind="stable")
    return grouped[ENTITY_COUNT_COLUMNS].reset_index(drop=True)

"""The entity gazetteer and alias file, compiled: known sources, titles, organisation and place
heads, and the pattern for a capitalised name.

``lexicons/source_aliases.tsv`` lists known sources with their variants; ``lexicons/
entity_gazetteer.tsv`` lists titles, heads, places, groups, nationality words and capitalised
words that are never names; ``lexicons/grammar.tsv`` lists the connectors ("of", "bin", "in
the") and abbreviations ("St.", "Jr.") that may join a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from ..lexicons import alternation, grammar_words, table, word_list
from ..regex_cache import compile_patterns
from ..text.normalisation import mark_class

ENTITY_TYPES = ("person", "organisation", "place", "other")
ORG_CATEGORIES = ("media_head", "government_head", "document_head", "organisation_head")
UPPER = "A-Z" + "".join(re.escape(chr(c)) for c in range(0xC0, 0x530)
                        if chr(c).isupper() and chr(c).isalpha())
# The capitals of UPPER up to U+00FF, and those beyond it. A character class with any character
# beyond U+00FF costs CPython's compiler about 3 ms (a 64K-entry bitmap); the source grammar
# holds hundreds of capital classes, so it uses the first set on a matching copy of the text in
# which each capital of the second set reads as one capital of the first (see
# ``analysis.sources.grammar.matching_copy``).
LATIN1_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"  # as ranges: a shorter pattern parses faster
WIDE_UPPER = "".join(chr(c) for c in range(0x100, 0x530) if chr(c).isupper() and chr(c).isalpha())
KIND_TYPE = {"person": "person", "media": "organisation", "government": "organisation",
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
class Gazetteer:
    """The entity gazetteer, indexed by word."""

    titles: tuple[tuple[str, ...], ...]
    heads: dict[str, tuple[str, str, str]]
    places: dict[str, tuple[str, str]]
    place_heads: frozenset[str]
    groups: dict[str, tuple[str, str]]
    demonyms: frozenset[str]
    not_name: frozenset[str]
    leading_dates: frozenset[str]  # days and months that are not also first names

    @cached_property
    def titles_by_first_word(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The titles grouped by their first word, each group longest first (as ``titles``)."""
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for title in self.titles:
            grouped.setdefault(title[0], []).append(title)
        return {word: tuple(group) for word, group in grouped.items()}


@cache
def gazetteer() -> Gazetteer:
    """The entity gazetteer (``lexicons/entity_gazetteer.tsv``), indexed by category."""
    rows = table("entity_gazetteer.tsv", ("word", "category", "kind", "class", "canonical"))
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
    dates = {w for w in grammar_words("days") + grammar_words("months") if w not in first_names()}
    return Gazetteer(tuple(titles), heads, places, frozenset(place_heads), groups,
                     frozenset(demonyms), frozenset(not_name), frozenset(dates))


def _variant_is_case_insensitive(variant: str) -> bool:
    """Multi-word variants, handles and web addresses match without regard to case."""
    return " " in variant or variant.startswith("@") or "." in variant.strip(".")


@cache
def alias_index() -> tuple[re.Pattern[str], dict[str, Known], dict[str, Known]]:
    """The alias file compiled: one pattern for every variant, and exact/lower-case lookups."""
    exact: dict[str, Known] = {}
    folded: dict[str, Known] = {}
    variants: list[tuple[str, bool]] = []
    for row in table("source_aliases.tsv", ("canonical", "kind", "class", "aliases")):
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


def _longest_first(word: str) -> tuple[int, str]:
    """Sort key: longest first, then alphabetical (so that a pattern's text never depends on
    the order of a set)."""
    return -len(word), word


@cache
def stop_capitals() -> frozenset[str]:
    """Capitalised words that never start or join a name (function words, sentence openers)."""
    words = {w.capitalize() for w in word_list("stopwords_en.txt")
             if w.isalpha() and (len(w) > 1 or w in "ai")}
    return frozenset((words | gazetteer().not_name) - set(grammar_words("name_stopwords")))


def name_stopword_pattern() -> str:
    """The stop words that are also first names ("Don", "Will"), when no capitalised word
    follows them: then they are function words, not the start of a name."""
    return rf"(?:{alternation(grammar_words('name_stopwords'))})(?! [{UPPER}])"


@cache
def first_names() -> dict[str, str]:
    """First name -> "female", "male" or "either" (``lexicons/first_names.tsv``)."""
    return {row["name"]: row["gender"] for row in table("first_names.tsv", ("name", "gender"))}


@cache
def shared_first_names() -> frozenset[str]:
    """First names that the Census lists give to both sexes, the rarer at least a tenth as
    often as the commoner ("Marty", "Kelly", not "John"): for them the name is a likelihood."""
    rows = table("first_names.tsv", ("name", "female_percent", "male_percent"))
    shares = ((row["name"], float(row["female_percent"]), float(row["male_percent"]))
              for row in rows)
    return frozenset(name for name, f, m in shares if min(f, m) >= 0.1 * max(f, m) > 0)


# a middle initial inside a name ("John F. Kerry"): a capital and a stop before another capital
INITIAL = rf"[{UPPER}]\.(?= [{UPPER}])"


@cache
def cap_pattern() -> str:
    """Regular expression for one capitalised name word (or acronym, title abbreviation, handle).
    A word's letters may carry combining accents ("Ex" + U+0301)."""
    stops = "|".join(re.escape(w) for w in sorted(stop_capitals(), key=_longest_first))
    abbr = alternation(name_abbreviations())
    marks = mark_class()
    word = rf"[\w{marks}]"
    return (rf"(?!(?:{stops}|{name_stopword_pattern()})(?![\w{marks}.'-]))"
            rf"(?:(?:{abbr})|[{UPPER}](?:\.[{UPPER}])+\.?|{INITIAL}"
            rf"|[{UPPER}]{word}*(?:-[{UPPER}\d]{word}*)*(?:'(?!s\b){word}+)*)")


@cache
def name_regex() -> re.Pattern[str]:
    """A run of capitalised words with the connectors that may join them."""
    cap = cap_pattern()
    connectors = "|".join(re.escape(c) for c in sorted(
        grammar_words("name_connectors") + grammar_words("head_connectors"),
        key=len, reverse=True))
    capc = rf"(?:{cap}|\d+(?:st|nd|rd|th)(?= [{UPPER}]))"
    pattern = (rf"(?<![\w{mark_class()}#@/.'-])(?:\d+(?:st|nd|rd|th) (?=[{UPPER}]))?{cap}"
               rf"(?:(?: (?:{connectors}))? {capc})*")  # "14th Amendment"
    return compile_patterns("name-regex", {"name": (pattern, 0)})["name"]


@cache
def head_prepositions() -> tuple[str, ...]:
    """The prepositions that continue a name after an organisation head: in, on, for, at."""
    return tuple(dict.fromkeys(c.split()[0] for c in grammar_words("head_connectors")))


@cache
def connector_words() -> frozenset[str]:
    """The first words of every name connector ("of", "in", "de" ...)."""
    return frozenset(c.split()[0] for c in
                     grammar_words("name_connectors") + grammar_words("head_connectors"))


@cache
def name_abbreviations() -> tuple[str, ...]:
    """Abbreviations that belong to a name: titles ending in a stop ("Sgt.") and the name
    abbreviations of ``grammar.tsv`` ("St.", "Jr."), longest first."""
    return tuple(sorted({t[-1] for t in gazetteer().titles if t[-1].endswith(".")}
                        | set(grammar_words("name_abbreviations")), key=_longest_first))


def split_connectors(words: list[str]) -> list[list[str]]:
    """Split a name run where "in/on/for/at" follows a word that is not an organisation head."""
    heads = gazetteer().heads
    prepositions = head_prepositions()
    pieces, current, i = [], [], 0
    while i < len(words):
        word = words[i]
        if word in prepositions and current and current[-1] not in heads:
            pieces.append(current)
            current = []
            i += 2 if i + 1 < len(words) and words[i + 1] == "the" else 1
            continue
        current.append(word)
        i += 1
    pieces.append(current)
    return [p for p in pieces if p]

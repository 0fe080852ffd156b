"""Named sources: who an article cites, with which reporting cue, and with what words.

Method. Attribution is found by rules over the normalised paragraph text, sentence by sentence,
with quotations paired per paragraph (:mod:`analysis.quotes`) so that a quotation may run over
several sentences. Every reporting cue listed in ``lexicons/attribution_cues.tsv`` is matched
outside quotation marks, and its source is read according to the cue's frame:

- ``verb``: the subject before the verb ("The Foreign Ministry reminded that ..."), allowing
  adverbials and auxiliaries ("NYT also writes", "Officials have repeatedly said"),
  coordinated subjects ("The CIA, the NSA, and the Pentagon all declined comment": one row
  each), appositives ("Hugh Hill, a doctor, said"; "The minister, Anna Berg, said"; "The report,
  published by Human Rights Watch, says"), relative pronouns ("John Bolton, who claims ..."), a
  verb sharing the subject of an earlier cue ("He said ... and added: ...", "..., adding that");
  or the subject after the verb ("'...,' said Jane Smith, a spokeswoman"); or the agent of a
  passive ("This was reported in the press service of the Russian Embassy"). "X quoted Y as
  saying" gives X and, relayed by X, Y. A negated verb ("has not commented") is a non-response.
  Verbs with common non-reporting senses ("added", "reported", "noted") count only when they
  govern speech: a that-clause, a colon, a quotation, or a clause they stand after.
- ``according``: "according to X"; ``relay``: ", citing X" / ", quoting X", where X is a second
  source relayed by the clause's main source (column ``via``); ``attributed``: "the words
  attributed to him"; ``noun``: "a statement by X", "a report prepared by X", "Putin's denial";
  ``evaluative``: "X called Y a fake", "X dismissed Y as ...".

A source phrase is a noun phrase of capitalised names, determiners, a few modifiers and the
head nouns of ``lexicons/source_nouns.tsv``. It is resolved to a canonical name in this order:
"he/she/him/her" to the most recent person named before it; a definite description ("the
paper", "the embassy", "the Foreign Ministry"; ``lexicons/source_coreference.tsv``) to the most
recent earlier mention of a compatible named source; a person named in the phrase ("Kremlin
spokesman Dmitry Peskov") to that person, without titles, a surname becoming the full name
given elsewhere in the article; a spokesperson or document ("a spokesman for the ministry",
"the press service of X", "a statement from X") to what it speaks for; an anonymous formula
("officials briefed on the matter", "unnamed sources", "the user";
``lexicons/anonymous_sources.tsv``) to an ``unnamed ...`` canonical; a variant in
``lexicons/source_aliases.tsv`` to its canonical name; otherwise the name itself, classified by
:mod:`analysis.named_entities`. A description with no antecedent stays ``unresolved: ...`` with
``named`` False.

What was said (``speech_start``/``speech_end``): the quotation when the cue introduces one
(``quote == "direct"``: '"...," the embassy says', 'and added: "..."'); otherwise the clause the
cue governs: the that-clause or the words after the verb (and after "told reporters", "said in a
statement"), up to the end of the sentence, a semicolon, a dash or the next attribution that
starts a new clause; for a cue placed after its clause ("..., officials said", "..., according
to the paper") the clause before it; for "This was reported in X" the previous sentence;
nothing (-1) for a non-response and for "a statement by X" without a that-clause. Quotations
inside that clause make ``quote == "partial"``. Embedded social-media posts are attributed
speech by their signature line's author (kind ``social``, ``date`` kept, speech = the post).

Limits: rules, not a parser. A source written as a common noun that no lexicon lists ("the
family said") is missed, and so is a subject more than ``SUBJECT_WINDOW`` characters before its
verb or separated from it by a clause. "They", "it" and "we" are never resolved (the outlet's
own "we" is not a source); "he/she" take the most recent person, which is wrong when the
subject of the story is not the last person named. A single unknown capitalised word ("Peskov"
with no full name in the article) is kind ``other``. A quotation interrupted by its cue ('"A,"
he said, "B."') has both parts in ``quote_text`` but only the first in the speech span; a
quotation with no cue of its own ('... she said. "Never."') is not attributed. Cues inside
quotations (nested attribution) are not read. The speech clause may run on into narration
that shares the sentence ("said the call was 'perfect' and was acquitted ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import count

import pandas as pd

from .clean import DEFAULT_ROLES, signature
from .corpus import Article, Paragraph, analysis_units, article_list
from .data_files import table, word_list
from .errors import AnalysisInputError
from .named_entities import (
    SOURCE_ROLES,
    UPPER,
    Name,
    _article_mentions,
    _split_connectors,
    check_source_roles,
    classify_words,
    find_known,
    gazetteer,
    name_regex,
    resolve_organisation,
    resolve_person,
    stop_capitals,
    surname_index,
)
from .quotes import Quote, outer_quotes

KINDS = ("media", "government", "person", "anonymous", "document", "social", "other")
CUE_CLASSES = ("neutral", "distancing", "directive", "non_response")
QUOTE_KINDS = ("direct", "partial", "none")
FRAMES = ("verb", "according", "relay", "attributed", "noun", "evaluative")
ATTRIBUTION_COLUMNS = ["article", "paragraph", "role", "sentence", "source", "canonical", "kind",
                       "named", "cue", "cue_class", "quote", "quote_text", "start", "end",
                       "cue_start", "cue_end", "speech_start", "speech_end", "date", "via",
                       "frame", "match"]
ROSTER_COLUMNS = ["article", "canonical", "kind", "kinds", "named", "attributions", "share",
                  "cue_classes", "cues", "direct_quotes", "quoted_words", "via"]
ANONYMITY_COLUMNS = ["article", "attributions", "named", "anonymous", "unresolved",
                     "share_anonymous"]
SHARED_COLUMNS = ["canonical", "kind", "in_articles", "article", "attributions", "cue_classes",
                  "cues", "quotes", "via", "relays"]
KIND_COUNT_COLUMNS = ["article", "kind", "attributions"]
NAMED_COUNT_COLUMNS = ["article", "status", "attributions"]
CUE_CLASS_COUNT_COLUMNS = ["article", "cue_class", "attributions"]
NAMED_STATUSES = ("named", "anonymous", "unresolved")
GOLD_COLUMNS = ("article", "sentence", "canonical")

SUBJECT_WINDOW = 300  # characters before a cue searched for its subject
_PRONOUNS = {"he", "she", "him", "her"}
_CONJ_WORDS = ("but", "and", "so", "yet", "then", "however", "although", "though", "while",
               "that", "which", "whom", "since", "because", "as", "when", "after", "before",
               "if", "where", "whereas")
_SPEECH_END = re.compile(r"\s(?:\u2013|\u2014|-)\s|;")
_WORD = re.compile(r"[^\W_][\w'-]*")


# --- lexicons ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CueSpec:
    """How one cue form is read: its class, its frame, whether it needs a speech complement,
    and the prepositions that introduce a passive agent."""

    cue_class: str
    frame: str
    check: bool
    passive: tuple[str, ...]


def _split_forms(cell: str) -> list[str]:
    """The comma-separated entries of a lexicon cell."""
    return [f.strip() for f in cell.split(",") if f.strip()]


@cache
def cue_specs() -> dict[str, tuple[CueSpec, ...]]:
    """Every cue form in ``lexicons/attribution_cues.tsv`` with the ways it can be read."""
    specs: dict[str, list[CueSpec]] = {}
    for row in table("attribution_cues.tsv"):
        if row["cue_class"] not in CUE_CLASSES or row["frame"] not in FRAMES:
            raise AnalysisInputError(
                f"lexicons/attribution_cues.tsv: row {row['forms'][:40]!r} has cue_class "
                f"{row['cue_class']!r} and frame {row['frame']!r}; cue_class must be one of "
                f"{list(CUE_CLASSES)} and frame one of {list(FRAMES)}")
        spec = CueSpec(row["cue_class"], row["frame"], row.get("check") == "speech",
                       tuple(_split_forms(row.get("passive", ""))))
        for form in _split_forms(row["forms"]):
            specs.setdefault(form, []).append(spec)
    return {form: tuple(found) for form, found in specs.items()}


@cache
def _cue_regex() -> re.Pattern[str]:
    """One pattern for every cue form, longest first; a capital first letter is allowed."""
    forms = sorted(cue_specs(), key=len, reverse=True)
    parts = [re.escape(f).replace(r"\ ", " ") for f in forms]
    parts = [f"[{p[0]}{p[0].upper()}]{p[1:]}" if p[0].isalpha() else p for p in parts]
    return re.compile(rf"(?<![\w'-])(?:{'|'.join(parts)})(?![\w-])")


@cache
def _source_nouns() -> dict[str, set[str]]:
    """``lexicons/source_nouns.tsv`` grouped by category."""
    nouns: dict[str, set[str]] = {}
    for row in table("source_nouns.tsv"):
        nouns.setdefault(row["category"], set()).add(row["noun"])
    return nouns


@cache
def _speech_nouns() -> frozenset[str]:
    """Cue forms read in the ``noun`` frame (statement, report, denial ...)."""
    return frozenset(form for form, specs in cue_specs().items()
                     if any(s.frame == "noun" for s in specs))


@dataclass(frozen=True)
class _Anonymous:
    """The anonymous-source heads (pattern, canonical) and the modifier alternation."""

    heads: tuple[tuple[re.Pattern[str], str], ...]
    modifiers: str


@cache
def _anonymous() -> _Anonymous:
    """``lexicons/anonymous_sources.tsv`` compiled."""
    heads, modifiers = [], []
    for row in table("anonymous_sources.tsv"):
        if row["part"] == "head":
            heads.append((re.compile(row["pattern"], re.I), row["canonical"]))
        elif row["part"] == "modifier":
            modifiers.append(row["pattern"])
    return _Anonymous(tuple(heads), "|".join(f"(?:{m})" for m in modifiers))


@cache
def _coreference() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """``lexicons/source_coreference.tsv`` compiled: pattern and antecedent classes."""
    return tuple((re.compile(row["pattern"], re.I),
                  frozenset(c.strip() for c in row["classes"].split(",") if c.strip()))
                 for row in table("source_coreference.tsv"))


@cache
def _adverbials() -> tuple[str, ...]:
    """``lexicons/attribution_adverbials.txt``, longest first."""
    return tuple(sorted(word_list("attribution_adverbials.txt"), key=len, reverse=True))


# --- grammar -----------------------------------------------------------------------------------

_GROUP = count()
_DAYS_MONTHS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December".split())


def _alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of literal words, longest first."""
    return "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(set(words), key=len,
                                                                       reverse=True))


@dataclass(frozen=True)
class _Grammar:
    """Compiled patterns for source phrases. They run on the *matching copy* of a paragraph
    (see :func:`_matching_copy`), which has the same length as the text."""

    np: re.Pattern[str]
    simple: re.Pattern[str]
    appos: re.Pattern[str]
    relative: re.Pattern[str]
    inherit: re.Pattern[str]
    np_end: re.Pattern[str]
    right_np: re.Pattern[str]
    list_sep: re.Pattern[str]
    conj_prefix: re.Pattern[str]
    adv_suffix: re.Pattern[str]
    addressee: re.Pattern[str]
    negation: re.Pattern[str]
    agent_appositive: re.Pattern[str]
    adv_step: re.Pattern[str]
    relay_step: re.Pattern[str]
    adverbs: re.Pattern[str]
    conj: re.Pattern[str]
    aux: re.Pattern[str]
    possessive: re.Pattern[str]
    noun_by: re.Pattern[str]
    anonymous_modifier: re.Pattern[str]
    lowered: re.Pattern[str]
    org_connector: re.Pattern[str]
    lowered_words: frozenset[str]


@cache
def _grammar() -> _Grammar:
    """Compile the source grammar from the lexicons (once)."""
    upper = UPPER
    abbreviations = sorted({t[-1] for t in gazetteer().titles if t[-1].endswith(".")} |
                           {"St.", "Jr.", "Sr."}, key=len, reverse=True)
    cap = (rf"(?:{_alternation(abbreviations)}|[{upper}](?:\.[{upper}])+\.?"
           rf"|[{upper}]\w*(?:-[{upper}\d]\w*)*(?:'(?!s\b)\w+)*|@\w+)")
    capc = rf"(?:{cap}|\d+(?:st|nd|rd|th))"
    conn1 = "of the|of|&|de|du|da|del|der|al|el|bin|ibn|van|von|la|le|y"
    conn_head = "in the|in|on the|on|for the|for|at the|at"
    nouns = _source_nouns()
    head_nouns = nouns.get("head", set()) | nouns.get("spokesperson", set()) | {
        f for f, specs in cue_specs().items() if any(x.frame == "noun" for x in specs)}
    head = rf"(?:{_alternation(head_nouns)})(?![\w-])"
    adverbials = _adverbials()
    cue_words = [f for f in cue_specs() if " " not in f]
    stoplow = _alternation(set(word_list("stopwords_en.txt")) |
                           {a for a in adverbials if " " not in a} | set(cue_words))
    low = rf"(?!(?:{stoplow})(?![\w'-]))[a-z][a-z-]*(?![\w'])"
    det = (r"(?:[Tt]he|[Aa]n|[Aa]|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir"
           r"|[Oo]ne|[Aa]nother|[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Tt]wo|[Tt]hree|[Ff]our"
           r"|[Ff]ive|\d+)(?![\w'-])")
    adv = rf"(?:{_alternation(adverbials)}|[a-z]+ly)(?![\w-])"
    prep_adverbials = _alternation(a for a in adverbials if a.split()[0] in
                                   ("in", "on", "at", "for", "with", "from", "of", "off"))
    anon = _anonymous().modifiers

    def name() -> str:
        """A capitalised name, matched atomically (longest, no backtracking into it)."""
        group = f"n{next(_GROUP)}"
        body = rf"{cap}(?:(?: (?:(?:{conn1}) )?|\x01(?:{conn_head}) ){capc})*"
        return rf"(?=(?P<{group}>{body}))(?P={group})"

    def core() -> str:
        """Modifiers and a head noun or name."""
        return rf"(?:(?:{low}|{name()}) ){{0,3}}(?:{head}|{name()})"

    pp = (rf"(?! (?:{prep_adverbials})(?![\w-])) (?:of|for|at|from|with|in|on) "
          rf"(?:{det} )?(?:(?:{low}|{name()}) ){{0,3}}(?:{head}|{name()}|{low})")

    def np() -> str:
        """A noun phrase naming a source."""
        possessor = rf"(?:{det} )?(?:{low} )?(?:{head}|{low})'s?"
        return (rf"(?:(?:{det}|{name()}'s?|{possessor}) )?{core()}(?:{pp}){{0,3}}"
                rf"(?: (?i:{anon}))?")

    pron = r"(?:[Hh]e|[Ss]he)"
    conj = (rf"(?:(?i:{'|'.join(_CONJ_WORDS)})"
            r"|(?i:(?:in|of|on|at|from|with|by|during) (?:(?:one|some|each|all|many|most|both"
            r"|none|two|three) )?(?:of )?which))")
    advs = rf"(?P<adv>(?: {adv})*)"
    aux = (r"(?:has|have|had|will|would|could|can|may|might|should|must|did|does|do|is|are|was"
           r"|were|has been|have been|had been|cannot|can't|won't|didn't|doesn't|hasn't|haven't"
           r"|hadn't|wasn't|weren't|isn't|aren't|wouldn't|couldn't)(?: not| ever| never| also"
           r"| [a-z]+ly)*")
    auxs = rf"(?P<aux>(?: {aux}(?: {adv})*)?)"
    bound = (rf"(?=\s*(?:[,.;:!?)\]\"'\u2013\u2014]|-\s|$)|\s(?:{_alternation(adverbials)}"
             r"|on|in|at|as|after|before|that|who|which|when|while|to|about|and|but|or|since"
             rf"|because|if|{_alternation(cue_words)})(?![\w-]))")
    heads = gazetteer().heads
    lowered = (stop_capitals() - _DAYS_MONTHS) | {"He", "She"}
    return _Grammar(
        np=re.compile(np()),
        simple=re.compile(rf"(?:{conj},? )?(?P<np>{np()}|{pron}){advs}{auxs} ?"),
        appos=re.compile(rf"(?:{conj},? )?(?P<np>{np()}), (?P<app>(?={det} |[a-z\d]|{cap})"
                         rf"[^,;:\"]{{1,100}}?),{advs} ?"),
        relative=re.compile(rf"(?i:who|which|that){advs} ?"),
        inherit=re.compile(rf"(?:(?:^|.*[,;]? )(?:and|but|then|or)|^){advs}{auxs} ?$", re.S),
        np_end=re.compile(rf"(?<![\w'-])(?P<np>(?:(?:{det}|{name()}'s?) )?{core()})$"),
        right_np=re.compile(rf"(?P<np>{np()}|him|her|them){bound}"),
        list_sep=re.compile(r",? and |, "),
        conj_prefix=re.compile(rf"(?:{conj},? )?"),
        adv_suffix=re.compile(rf"(?:(?: {adv})*)(?: {aux}(?: {adv})*)? ?$"),
        addressee=re.compile(r" (?:(?:the|a|an) )?[\w'.&-]+(?: [\w'.&-]+){0,4}?"
                             r"(?=\s*(?:[,.:;\"']|$)|\s(?:that|on|in|at|after|before|last|this"
                             r"|earlier|during|when|while|as|about|by|from|via)\b)"),
        negation=re.compile(r"\b(?:not|never)\b|n't\b"),
        adv_step=re.compile(rf",?\s+{adv}"),
        relay_step=re.compile(r",?\s+(?:citing|quoting) "),
        adverbs=re.compile(rf"(?: {adv})+"),
        conj=re.compile(rf"(?:{conj})(?![\w-])"),
        aux=re.compile(r"(?:^|\s)(?:was|were|is|are|been|be|being)(?: not| also| first"
                       r"| [a-z]+ly)? $"),
        possessive=re.compile(rf"(?:^|(?<=\s))(?P<name>{name()})'s? $"),
        noun_by=re.compile(rf",? (?:(?:{_alternation(nouns.get('participle', set()))}) )?"
                           r"(?:by|from) "),
        agent_appositive=re.compile(rf"(?:{_alternation(nouns.get('participle', set()))}) "
                                    r"(?:by|from) "),
        anonymous_modifier=re.compile(rf"(?i:{anon})\Z"),
        lowered=re.compile(rf"(?<![\w'.-])(?:{_alternation(lowered)})(?![\w'-]|\.\w)"),
        org_connector=re.compile(rf"(?<![\w'-])(?:{_alternation(heads)}) (?=(?:in|on|for|at) "
                                 rf"(?:the )?[{upper}])"),
        lowered_words=frozenset(lowered),
    )


def _matching_copy(text: str) -> str:
    """``text`` prepared for the source grammar, keeping every offset: capitalised function
    words and sentence openers are lower-cased ("The" -> "the", "But" -> "but") so that they
    never start a name, and the space after an organisation head before "in/on/for/at" becomes
    ``\\x01`` so that "Embassy in the United States" stays one name."""
    g = _grammar()
    text = g.lowered.sub(lambda m: m.group()[0].lower() + m.group()[1:], text)
    return g.org_connector.sub(lambda m: m.group()[:-1] + "\x01", text)


# --- resolution --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Resolved:
    """A source phrase resolved: canonical name, kind and whether the source is named."""

    canonical: str
    kind: str
    named: bool
    cls: str = ""


class _Context:
    """What resolution needs to know about an article: its mentions and sources so far."""

    def __init__(self, article: Article, roles: frozenset[str]):
        """Index the article's mentions for coreference."""
        self.mentions = _article_mentions(article, roles)
        names = [m.name for m in self.mentions]
        self.surnames = surname_index(names)
        self.organisations = sorted({n.canonical for n in names if n.type == "organisation"},
                                    key=len)
        self.names = names
        self.timeline: list[tuple[int, Resolved]] = [
            (m.raw_start, Resolved(m.name.canonical, m.name.kind, True, m.name.cls))
            for m in self.mentions]

    def add(self, position: int, resolved: Resolved) -> None:
        """Record a resolved source at a raw position, for later pronouns and descriptions."""
        if resolved.named:
            self.timeline.append((position, resolved))

    def antecedent(self, position: int, classes: frozenset[str],
                   required: str | None = None) -> Resolved | None:
        """The most recent named mention before ``position`` whose class is in ``classes``."""
        best: tuple[int, Resolved] | None = None
        for at, candidate in self.timeline:
            if at >= position or candidate.cls not in classes:
                continue
            if required and required.lower() not in candidate.canonical.lower():
                continue
            if best is None or at >= best[0]:
                best = (at, candidate)
        return best[1] if best else None


_PREP_SPLIT = re.compile(r" (?:of|for|at|from|with|in|on) ")
_DET_START = re.compile(r"^(?:the|a|an|this|that|these|those|its|his|her|their|one|another|some"
                        r"|many|several|other|two|three|four|five|\d+) ", re.I)


def _head_part(text: str) -> tuple[str, str]:
    """Split a phrase into its head part and what follows its first preposition outside names."""
    protected = [(s, e) for s, e, _ in find_known(text)]
    for match in name_regex().finditer(text):
        position = match.start()
        for piece in _split_connectors(match.group().split(" ")):
            start = text.find(" ".join(piece), position)
            position = start + len(" ".join(piece))
            protected.append((start, position))
    for match in _PREP_SPLIT.finditer(text):
        if not any(s <= match.start() < e for s, e in protected):
            return text[:match.start()], text[match.end():]
    return text, ""


def _strip_det(text: str) -> str:
    """``text`` without a leading determiner."""
    return _DET_START.sub("", text, count=1)


def _resolve(text: str, position: int, context: _Context) -> Resolved:
    """Resolve a source phrase written at raw ``position`` to a canonical name and kind."""
    phrase = text.strip()
    lower = phrase.lower()
    if lower in _PRONOUNS:
        found = context.antecedent(position, frozenset({"person"}))
        return found or Resolved(f"unresolved: {phrase}", "person", False, "person")
    described: frozenset[str] = frozenset()
    for pattern, classes in _coreference():
        match = pattern.fullmatch(phrase)
        if match:
            described = described | classes
            required = match.groupdict().get("req")
            found = context.antecedent(position, classes, required)
            if found:
                return found
    modifier = _grammar().anonymous_modifier
    bare = phrase
    for m in re.finditer(" ", phrase):
        if modifier.match(phrase[m.end():]):
            bare = phrase[:m.start()]
            break
    head, rest = _head_part(bare)
    head_words = _strip_det(head).split()
    nouns = _source_nouns()
    carriers = nouns.get("spokesperson", set()) | _speech_nouns()
    persons = [n for n in _names(head) if n.type == "person"]
    if persons:
        person = resolve_person(persons[-1], context.surnames)
        return Resolved(person.canonical, "person", True, "person")
    if rest and any(head.lower().endswith(c) for c in carriers):
        return _resolve(rest, position, context)
    anonymous = _anonymous_source(head_words, persons)
    if anonymous:
        return anonymous
    known = find_known(head)
    if known:
        entry = known[0][2]
        return Resolved(entry.canonical, entry.kind, True, entry.cls)
    names = _names(head)
    if names:
        name = resolve_organisation(resolve_person(names[-1], context.surnames),
                                    context.organisations, context.names)
        if name.type == "person" or not rest:
            canonical = name.canonical
        else:
            canonical = _strip_det(bare)
        return Resolved(canonical, name.kind, True, name.cls)
    if lower.startswith("@"):
        return Resolved(phrase, "social", True, "social")
    return Resolved(f"unresolved: {phrase}", _kind_of_classes(described), False, "")


def _names(text: str) -> list[Name]:
    """Classified names in a phrase: alias-file names first, then capitalised runs."""
    found = []
    masked = text
    for start, end, entry in find_known(text):
        found.append((start, Name(entry.canonical, "organisation", entry.kind, entry.cls)))
        masked = masked[:start] + "\x00" * (end - start) + masked[end:]
    for match in name_regex().finditer(masked):
        name, _, _ = classify_words(match.group().split(" "))
        if name is not None:
            found.append((match.start(), name))
    return [n for _, n in sorted(found, key=lambda f: f[0])]


_KIND_OF_CLASS = {"person": "person", "newspaper": "media", "news site": "media",
                  "news agency": "media", "broadcaster": "media", "magazine": "media",
                  "embassy": "government", "ministry": "government", "agency": "government",
                  "treaty": "document"}


def _kind_of_classes(classes: Iterable[str]) -> str:
    """The source kind an unresolved description implies ("the paper" -> media)."""
    kinds = {_KIND_OF_CLASS.get(c, "other") for c in classes}
    return kinds.pop() if len(kinds) == 1 else "other"


def _is_affiliation(word: str) -> bool:
    """True for a word that names who anonymous sources work for ("U.S.", "Afghan", "Taliban")."""
    gaz = gazetteer()
    return (word in gaz.demonyms or word in gaz.places or word in gaz.groups
            or word in gaz.heads or bool(find_known(word))
            or (len(word) > 1 and word.replace(".", "").isupper()))


def _anonymous_source(words: list[str], persons: list[Name]) -> Resolved | None:
    """The anonymous canonical name for a phrase whose head is an anonymous noun."""
    if not words or persons:
        return None
    for k in (2, 1):
        noun = " ".join(words[-k:])
        for pattern, template in _anonymous().heads:
            if pattern.fullmatch(noun):
                premods = words[:-k]
                named = [i for i, w in enumerate(premods) if _is_affiliation(w)]
                affiliation = " ".join(premods[named[0]:]) + " " if named else ""
                canonical = template.replace("{affiliation}", affiliation)
                return Resolved(" ".join(canonical.split()), "anonymous", False, "anonymous")
    return None


# --- finding attributions ----------------------------------------------------------------------

@dataclass
class _Found:
    """One attribution while it is being built (offsets local to the paragraph text)."""

    paragraph: Paragraph
    sentence: int
    bounds: tuple[int, int]
    source: tuple[int, int]
    cue: tuple[int, int]
    spec: CueSpec
    frame: str
    resolved: Resolved | None = None
    inherited: bool = False
    governor: _Found | None = None
    after: str = ""
    parenthetical: bool = False
    direct: Quote | None = None
    extra_quotes: list[Quote] = field(default_factory=list)
    speech: tuple[int, int] | None = None
    anaphoric: bool = False
    subject: tuple[int, int] | None = None
    cue_class: str = ""

    @property
    def region(self) -> tuple[int, int]:
        """The span of the source and cue together (the cue alone for an inherited source)."""
        if self.inherited:
            return self.cue
        return min(self.source[0], self.cue[0]), max(self.source[1], self.cue[1])


@dataclass
class _Sentence:
    """A sentence: its number in the article and its span in the paragraph text."""

    number: int
    start: int
    end: int


@dataclass
class _Text:
    """A paragraph's text, its matching copy and its quotations."""

    text: str
    m: str
    quotes: list[Quote]


def _boundaries(t: _Text, start: int, cue: int) -> list[int]:
    """Clause starts between ``start`` and ``cue``, nearest first."""
    points = {start}
    for match in re.finditer(r"(?:[,;:(]|\s[\u2013\u2014-])\s*", t.m[start:cue]):
        points.add(start + match.end())
    for q in t.quotes:
        if q.closed and start <= q.end <= cue:
            after = re.match(r"[\s,]*", t.m[q.end:cue])
            points.add(q.end + (after.end() if after else 0))
    for match in _grammar().conj.finditer(t.m, start, cue):
        if match.start() == 0 or not t.m[match.start() - 1].isalnum():
            points.add(match.start())
    return sorted((p for p in points if p <= cue), reverse=True)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past spaces, commas, colons and dashes at either end."""
    while start < end and text[start] in " ,;:\u2013\u2014-\x01":
        start += 1
    while end > start and text[end - 1] in " ,;:\u2013\u2014-\x01":
        end -= 1
    return start, end


def _coordination(t: _Text, start: int, cue: int) -> list[tuple[int, int]] | None:
    """Coordinated subjects filling ``[start, cue)``: "The CIA, the NSA, and the Pentagon all"."""
    g = _grammar()
    prefix = g.conj_prefix.match(t.m, start, cue)
    body_start = prefix.end() if prefix else start
    suffix = g.adv_suffix.search(t.m, body_start, cue)
    body_end = suffix.start() if suffix else cue
    spans, position, ands = [], body_start, []
    for sep in [*g.list_sep.finditer(t.m, body_start, body_end), None]:
        stop = sep.start() if sep else body_end
        if not g.np.fullmatch(t.m, position, stop):
            return None
        spans.append((position, stop))
        if sep:
            ands.append("and" in sep.group())
            position = sep.end()
    if len(spans) < 2 or not ands[-1]:
        return None
    return spans


def _subject(t: _Text, sent: _Sentence, cue: int,
             earlier: Sequence[_Found]) -> tuple[list[tuple[int, int]], str, int] | None:
    """Source spans standing before a verb cue, how they were found, and where their
    clause starts."""
    g = _grammar()
    starts = [p for p in _boundaries(t, sent.start, cue) if p >= cue - SUBJECT_WINDOW]
    for start in reversed(starts):
        spans = _coordination(t, start, cue)
        if spans:
            return spans, "coordinated", start
        match = g.appos.fullmatch(t.m, start, cue)
        if match:
            first = match.span("np")
            a, b = match.span("app")
            b = a + len(t.m[a:b].rstrip())
            agent = g.agent_appositive.match(t.m, a, b)
            agents = _right_sources(t, agent.end(), cue) if agent else []
            if agents:
                return agents, "appositive", start
            app_persons = [n for n in _names(t.text[a:b]) if n.type == "person"]
            first_persons = [n for n in _names(t.text[first[0]:first[1]]) if n.type == "person"]
            if app_persons and not first_persons and g.np.fullmatch(t.m, a, b):
                return [(a, b)], "appositive", start
            return [first], "appositive", start
    for start in starts:
        match = g.simple.fullmatch(t.m, start, cue)
        if match:
            return [match.span("np")], "subject", start
    nearest = starts[0] if starts else cue
    if g.relative.fullmatch(t.m, nearest, cue) and t.m[nearest - 2:nearest] == ", ":
        window = max(sent.start, nearest - 160)
        match = g.np_end.search(t.m, window, nearest - 2)
        if match:
            return [match.span("np")], "relative", match.start("np")
    if earlier and g.inherit.search(t.m[sent.start:cue]):
        previous = earlier[-1]
        if previous.cue[1] <= cue:
            return [previous.source], "inherited", cue
    return None


def _right_sources(t: _Text, position: int, end: int) -> list[tuple[int, int]]:
    """Source spans of the noun phrase, or "A, B and C" list, starting at ``position``."""
    g = _grammar()
    match = g.right_np.match(t.m, position, end)
    if not match:
        return []
    spans, ands = [match.span("np")], []
    while True:
        sep = g.list_sep.match(t.m, spans[-1][1], end)
        following = g.right_np.match(t.m, sep.end(), end) if sep else None
        if not following:
            break
        spans.append(following.span("np"))
        ands.append("and" in sep.group())
    if len(spans) > 1 and not ands[-1]:
        return spans[:1]
    return spans


def _skip(t: _Text, position: int, end: int) -> int:
    """Position after adverbials and relay clauses (", citing X") that follow a cue."""
    g = _grammar()
    while True:
        step = g.adv_step.match(t.m, position, end)
        if step:
            position = step.end()
            continue
        relay = g.relay_step.match(t.m, position, end)
        spans = _right_sources(t, relay.end(), end) if relay else []
        if spans:
            position = spans[-1][1]
            continue
        return position


def _after_cue(t: _Text, position: int, end: int, told: bool) -> int:
    """Position after adverbials, relay clauses and (for "told") the addressee."""
    position = _skip(t, position, end)
    if told:
        addressee = _grammar().addressee.match(t.m, position, end)
        if addressee:
            position = _skip(t, addressee.end(), end)
    return position


def _speech_follows(t: _Text, position: int, end: int) -> str:
    """What follows a cue: 'quote', 'that', 'colon', 'clause' or 'none' (parenthetical)."""
    rest = t.m[position:end]
    stripped = rest.lstrip()
    offset = position + len(rest) - len(stripped)
    if stripped.startswith(":"):
        return "colon"
    if any(q.start == offset or (stripped.startswith(",") and q.start == offset + 2)
           for q in t.quotes):
        return "quote"
    if re.match(r",?\s*that\s", stripped):
        return "that"
    if not stripped or stripped[0] in ".!?,;)\u2013\u2014" or stripped.startswith("- "):
        return "none"
    return "clause"


def _quote_before(t: _Text, region_start: int) -> Quote | None:
    """The closed quotation that ends right before ``region_start`` (commas aside)."""
    for q in t.quotes:
        if q.closed and q.end <= region_start and not t.m[q.end:region_start].strip(" ,"):
            return q
    return None


def _quote_after(t: _Text, position: int) -> Quote | None:
    """The quotation that opens right after ``position`` (after a colon or comma)."""
    match = re.match(r"\s*[:,]?\s*", t.m[position:])
    at = position + (match.end() if match else 0)
    return next((q for q in t.quotes if q.start == at), None)


_QUOTED_AS = re.compile(r" as (?:saying|telling|stating|writing)\b")
_QUOTED_OBJECT = re.compile(r"[\w'.@-]+(?: [\w'.@-]+){0,7}")
_AUXILIARY = re.compile(r"\b(?:has|have|had|will|would|could|can|may|might|should|must|did|does"
                        r"|do|is|are|was|were|cannot|\w+n't)\b")


def _inside(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when ``position`` lies in one of ``spans``."""
    return any(a <= position < b for a, b in spans)


def _sentence_initial(text: str, sent: _Sentence, position: int) -> bool:
    """True when only quotation marks or brackets precede ``position`` in the sentence."""
    return not text[sent.start:position].strip(" \"'(")


def _find_in_paragraph(paragraph: Paragraph, sentences: list[_Sentence]) -> list[_Found]:
    """Every attribution in one paragraph, cue by cue, in text order."""
    text = paragraph.text
    t = _Text(text, _matching_copy(text), outer_quotes(text))
    closed = [(q.inner_start, q.inner_end) for q in t.quotes if q.closed]
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for sent in sentences:
        in_sentence: list[_Found] = []
        for match in _cue_regex().finditer(text, sent.start, sent.end):
            cue = match.span()
            form = match.group()
            if _inside(cue[0], closed) or _inside(cue[0], taken):
                continue
            if form[0].isupper() and not _sentence_initial(text, sent, cue[0]):
                continue
            for spec in cue_specs()[form[0].lower() + form[1:]]:
                made = _read_frame(t, sent, cue, form, spec, in_sentence, paragraph)
                if made:
                    in_sentence.extend(made)
                    taken.extend(f.source for f in made if not f.inherited)
                    break
        found.extend(in_sentence)
    return found


def _read_frame(t: _Text, sent: _Sentence, cue: tuple[int, int], form: str, spec: CueSpec,
                earlier: list[_Found], paragraph: Paragraph) -> list[_Found]:
    """Attributions for one cue read in one frame (empty when the frame does not fit)."""
    g = _grammar()
    m = t.m

    def make(spans: list[tuple[int, int]], frame: str, **extra) -> list[_Found]:
        """Attributions for ``spans`` in this frame."""
        return [_Found(paragraph, sent.number, (sent.start, sent.end), s, cue, spec, frame,
                       **extra) for s in spans]

    if spec.frame in ("according", "relay", "attributed"):
        if spec.frame == "relay" and not (m[:cue[0]].rstrip().endswith(",")
                                          or _sentence_initial(m, sent, cue[0])):
            return []
        spans = _right_sources(t, cue[1] + 1, sent.end) if m[cue[1]:cue[1] + 1] == " " else []
        return make(spans, spec.frame) if spans else []
    if spec.frame == "noun":
        after = g.noun_by.match(m, cue[1], sent.end)
        spans = _right_sources(t, after.end(), sent.end) if after else []
        if spans:
            return make(spans, "noun")
        before = g.possessive.search(m, max(sent.start, cue[0] - 80), cue[0])
        if before and _names(t.text[slice(*before.span("name"))]):
            return make([before.span("name")], "possessive")
        return []
    if spec.frame == "evaluative":
        rest = m[cue[1]:sent.end]
        obj = re.match(r" (?!(?:on|off|for|up|in|out|back|it|him|her|them|me|us|upon)\b)"
                       r"[^,;:\"'.]{1,80}? (?:a|an|as)\s", rest)
        quoted = re.match(r" (?!(?:on|off|for|up|in|out|back)\b)[^,;:\".]{1,80}? [\"']", rest)
        if not (obj or quoted):
            return []
        subject = _subject(t, sent, cue[0], earlier)
        if not subject:
            return []
        spans, how, _ = subject
        return make(spans, "evaluative", inherited=how == "inherited")
    return _read_verb(t, sent, cue, form, spec, earlier, make)


def _read_verb(t: _Text, sent: _Sentence, cue: tuple[int, int], form: str, spec: CueSpec,
               earlier: list[_Found], make) -> list[_Found]:
    """A reporting verb: passive agent, subject before, or subject after ("said X")."""
    g = _grammar()
    m = t.m
    aux = g.aux.search(m, sent.start, cue[0])
    if aux:
        agent = re.compile(rf" (?:{'|'.join(spec.passive)}) ").match(m, cue[1], sent.end) \
            if spec.passive else None
        spans = _right_sources(t, agent.end(), sent.end) if agent else []
        if not spans:
            return []
        subject = _trim(m, sent.start, aux.start())
        words = t.text[subject[0]:subject[1]].lower()
        anaphoric = words in ("this", "that", "it", "this information", "this news")
        return make(spans, "passive", anaphoric=anaphoric,
                    subject=subject if subject[1] > subject[0] else None)
    told = form.lower().startswith(("told", "tell"))
    after = _after_cue(t, cue[1], sent.end, told)
    follows = _speech_follows(t, after, sent.end)
    subject = _subject(t, sent, cue[0], earlier)
    inverted = False
    if subject is None and form.endswith("ing") and earlier \
            and m[sent.start:cue[0]].rstrip().endswith(",") and earlier[-1].cue[1] <= cue[0]:
        subject = ([earlier[-1].source], "inherited", cue[0])
    if subject is None:
        nearest = _boundaries(t, sent.start, cue[0])
        left = m[nearest[0]:cue[0]] if nearest else ""
        if left.strip(" ,") == "" or g.adverbs.fullmatch(" " + left.strip()):
            spans = _right_sources(t, cue[1] + 1, sent.end) if m[cue[1]:cue[1] + 1] == " " \
                else []
            if spans:
                subject = (spans, "inverted", cue[0])
                inverted = True
        if subject is None:
            return []
    spans, how, clause = subject
    first = min(s for s, _ in spans)
    quote_before = _quote_before(t, clause)
    if inverted:
        after = _after_cue(t, max(e for _, e in spans), sent.end, False)
        follows = _speech_follows(t, after, sent.end)
    relayed: list[tuple[int, int]] = []
    if form.lower() in ("quoted", "quotes", "quoting"):
        as_saying = _QUOTED_AS.search(m, cue[1], sent.end)
        relayed = _right_sources(t, cue[1] + 1, as_saying.start()) if as_saying else []
        if as_saying and not relayed and _QUOTED_OBJECT.fullmatch(m, cue[1] + 1,
                                                                 as_saying.start()):
            relayed = [(cue[1] + 1, as_saying.start())]
        if relayed:
            after = as_saying.end()
            follows = _speech_follows(t, after, sent.end)
    cue_class = ""
    left_end = cue[0] if inverted else (earlier[-1].cue[1] if how == "inherited"
                                       else max(e for _, e in spans))
    tail = m[left_end:cue[0]]
    tail_start = left_end + tail.rfind(",") + 1
    if g.negation.search(m, tail_start, cue[0]):
        cue_class = "non_response"
        auxiliary = _AUXILIARY.search(m, tail_start, cue[0])
        if auxiliary:
            cue = (auxiliary.start(), cue[1])
    elif spec.check and quote_before is None and not relayed:
        if follows == "clause":
            return []
        if follows == "none" and not m[sent.start:first].strip(" \"'") and not inverted:
            return []  # "X added." with nothing said before or after
    made = make(spans, "verb", inherited=how == "inherited")
    for span in relayed:
        made.append(_Found(made[0].paragraph, sent.number, (sent.start, sent.end), span, cue,
                           spec, "relay", governor=made[0]))
    for f in made:
        f.cue = cue
        f.cue_class = cue_class
        f.after = follows
        f.parenthetical = follows == "none" and quote_before is None
        f.direct = quote_before
        if follows in ("colon", "quote") and quote_before is None:
            f.direct = _quote_after(t, after)
        f.speech = (after, after)  # provisional: where the governed words start
    return made


# --- what was said -----------------------------------------------------------------------------

_NEW_CLAUSE = re.compile(r"(?:[,;:]|\b(?:and|but|or|while|although|whereas|then))"
                         r"(?: also| then| [a-z]+ly)?\s*$")
_SPEECH_LEAD = re.compile(r"\s*,?\s*(?::\s*|(?:(?:in|at|on|to|during|after|before|from|via|over"
                          r"|with) [^,.;:\"]{1,40}?\s)?that\s+)?")
_TRAILING_CONJ = re.compile(r",?\s(?:and|but|or|then|while|whereas|although|though|as)"
                            r"(?: also| then| [a-z]+ly)?$")
_LEADING_CONJ = re.compile(r"(?:and|but|although|though|while|whereas|or)\b", re.I)


def _trim_speech(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A speech span without edge punctuation or a dangling conjunction; None if empty."""
    start, end = _trim(text, start, end)
    while end > start and text[end - 1] in " .,;:":
        end -= 1
    tail = _TRAILING_CONJ.search(text, start, end)
    if tail:
        end = tail.start()
    start, end = _trim(text, start, end)
    return (start, end) if end > start else None


def _post_speech(text: str, start: int, f: _Found, others: Sequence[_Found]) -> tuple[int, int] \
        | None:
    """The words a cue governs after it: up to the sentence end or the next new clause's
    attribution, a semicolon or a dash."""
    end = f.bounds[1]
    stop = _SPEECH_END.search(text, start, end)
    if stop:
        end = stop.start()
    for other in others:
        if other is f or (other.frame == "relay" and other.governor is not f):
            continue
        region = other.region[0]
        if start < region < end and _NEW_CLAUSE.search(text[start:region]):
            end = region
    return _trim_speech(text, start, end)


def _pre_speech(text: str, f: _Found, others: Sequence[_Found]) -> tuple[int, int] | None:
    """The clause before a cue placed after it ("..., officials said")."""
    start = f.bounds[0]
    region = f.region[0]
    for other in others:
        if other is f or other.governor is f or f.governor is other:
            continue
        said_before = other.speech is not None and other.speech[1] <= other.region[0]
        if other.region[1] <= region and (said_before or other.speech is None):
            start = max(start, other.region[1])
    return _trim_speech(text, start, region)


def _that_clause(text: str, f: _Found, others: Sequence[_Found]) -> tuple[int, int] | None:
    """The that-clause after a noun-frame source ("the words attributed to him, it follows that
    ...")."""
    match = re.search(r"\bthat\s", text[f.source[1]:f.bounds[1]])
    if not match:
        return None
    return _post_speech(text, f.source[1] + match.end(), f, others)


def _after_region(text: str, f: _Found) -> int:
    """Where the governed words of a pre-posed "according to X, ..." start."""
    position = _skip(_Text(text, _matching_copy(text), []), f.source[1], f.bounds[1])
    comma = re.match(r"\s*,?\s*", text[position:])
    return position + (comma.end() if comma else 0)


def _set_speech(text: str, f: _Found, others: Sequence[_Found],
                sentences: Sequence[_Sentence], quotes: Sequence[Quote]) -> None:
    """Decide what was said for one attribution (see the module docstring)."""
    if (f.cue_class or f.spec.cue_class) == "non_response" or f.frame == "relay":
        f.speech = None
        return
    if f.direct is not None:
        f.speech = _quote_span(text, f.direct)
        after = re.match(r"[\s,]*", text[f.region[1]:])
        extra = next((q for q in quotes if after and q.start == f.region[1] + after.end()
                      and q is not f.direct), None)
        if extra is not None:
            f.extra_quotes.append(extra)
        return
    if f.frame in ("verb", "evaluative"):
        if f.parenthetical:
            f.speech = _pre_speech(text, f, others)
            return
        start = f.speech[0] if f.speech else f.cue[1]
        if f.frame == "evaluative":
            start = f.cue[1]
        rest = text[start:f.bounds[1]]
        lead = _SPEECH_LEAD.match(rest)
        f.speech = _post_speech(text, start + (lead.end() if lead else 0), f, others)
        return
    if f.frame == "according":
        before = _pre_speech(text, f, others)
        position = _after_region(text, f)
        after = _post_speech(text, position, f, others) if position < f.bounds[1] else None
        if after is None or _LEADING_CONJ.match(text, after[0]):
            f.speech = before
        elif before is None or _sentence_initial(text, _Sentence(0, *f.bounds), f.cue[0]):
            f.speech = after
        else:
            f.speech = after if after[1] - after[0] >= before[1] - before[0] else before
        return
    if f.frame == "passive":
        if f.anaphoric:
            previous = [s for s in sentences if s.end <= f.bounds[0]]
            f.speech = _trim_speech(text, previous[-1].start, previous[-1].end) \
                if previous else None
        else:
            f.speech = f.subject
        return
    f.speech = _that_clause(text, f, others)


def _quote_fields(text: str, f: _Found, quotes: Sequence[Quote]) -> tuple[str, str]:
    """The quote kind and quoted words of an attribution."""
    if f.direct is not None:
        parts = [f.direct, *f.extra_quotes]
        return "direct", " … ".join(_quote_words(text, q) for q in parts)
    if f.speech is None:
        return "none", ""
    a, b = f.speech
    inside = [q for q in quotes if q.closed and a <= q.start and q.end <= b + 1]
    if not inside:
        return "none", ""
    return "partial", " … ".join(_quote_words(text, q) for q in inside)


def _quote_span(text: str, q: Quote) -> tuple[int, int]:
    """The quoted words of ``q`` without surrounding spaces or a trailing comma."""
    a, b = q.inner_start, q.inner_end
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return (a, b) if b > a else (q.inner_start, q.inner_end)


def _quote_words(text: str, q: Quote) -> str:
    """The quoted words of ``q``, as in the normalised text."""
    return text[slice(*_quote_span(text, q))]


# --- assembling rows ---------------------------------------------------------------------------

def _sentences_by_paragraph(article: Article, roles: frozenset[str]) -> dict[int, list[_Sentence]]:
    """The chosen sentences of an article, grouped by paragraph."""
    from .tokens import _article_sentences

    grouped: dict[int, list[_Sentence]] = {}
    for row in _article_sentences(article):
        if row["kept"] and row["role"] in roles:
            grouped.setdefault(row["paragraph"], []).append(_Sentence(row["sentence"],
                                                                      *row["_local"]))
    return grouped


def _row(article: Article, f: _Found, quote: str, quote_text: str, via: str) -> dict:
    """One output row, with raw offsets."""
    p = f.paragraph
    start, end = p.raw_span(*f.source)
    cue_start, cue_end = p.raw_span(*f.cue)
    speech = p.raw_span(*f.speech) if f.speech else (-1, -1)
    assert f.resolved is not None
    return {
        "article": article.id, "paragraph": p.index, "role": p.role, "sentence": f.sentence,
        "source": article.raw[start:end], "canonical": f.resolved.canonical,
        "kind": f.resolved.kind, "named": f.resolved.named,
        "cue": article.raw[cue_start:cue_end], "cue_class": f.cue_class or f.spec.cue_class,
        "quote": quote, "quote_text": quote_text, "start": start, "end": end,
        "cue_start": cue_start, "cue_end": cue_end, "speech_start": speech[0],
        "speech_end": speech[1], "date": "", "via": via, "frame": f.frame,
    }


def _dedupe(found: list[_Found]) -> list[_Found]:
    """Drop repeated attributions, and noun-frame ones that repeat a verb's source."""
    kept: list[_Found] = []
    seen: set[tuple] = set()
    verbs = {(f.sentence, f.source) for f in found if f.frame in ("verb", "evaluative")}
    for f in found:
        key = (f.sentence, f.source, f.cue)
        if key in seen:
            continue
        if f.frame in ("noun", "possessive", "attributed") and (f.sentence, f.source) in verbs:
            continue
        seen.add(key)
        kept.append(f)
    return kept


def _embed_rows(article: Article, roles: frozenset[str],
                sentences: dict[int, list[_Sentence]]) -> list[dict]:
    """One row per embedded post, attributed to its signature line."""
    if "embed" not in roles:
        return []
    posts: dict[int, list[Paragraph]] = {}
    for p in article.paragraphs:
        if p.role == "embed" and p.kept and p.post is not None:
            posts.setdefault(p.post, []).append(p)
    rows = []
    for paragraphs in posts.values():
        signed = paragraphs[-1]
        found = signature(signed.text)
        if not found:
            continue
        name, handle = found.get("name", ""), found.get("handle", "")
        text = signed.text
        a = text.find(name) if name else text.find(handle)
        b = text.find(handle) + len(handle) if handle and handle in text else a + len(name)
        if b < len(text) and text[b] == ")":
            b += 1
        start, end = signed.raw_span(max(a, 0), b)
        clean_name = " ".join(re.sub(r"[^\w\s.'&-]+", " ", name).split())
        entry = None
        for candidate in (handle, clean_name):
            hits = find_known(candidate) if candidate else []
            if hits and hits[0][0] == 0 and hits[0][1] == len(candidate):
                entry = hits[0][2]
                break
        canonical = entry.canonical if entry else (clean_name or handle)
        body = paragraphs[:-1]
        first = paragraphs[0]
        first_sentences = sentences.get(first.index) or sentences.get(signed.index) or []
        if body:
            speech = (body[0].raw_span(0, len(body[0].text))[0],
                      body[-1].raw_span(0, len(body[-1].text))[1])
            quote, quote_text = "direct", " ".join(p.text for p in body)
        else:
            speech, quote, quote_text = (-1, -1), "none", ""
        rows.append({
            "article": article.id, "paragraph": first.index, "role": "embed",
            "sentence": first_sentences[0].number if first_sentences else -1,
            "source": article.raw[start:end], "canonical": canonical, "kind": "social",
            "named": True, "cue": "", "cue_class": "neutral", "quote": quote,
            "quote_text": quote_text, "start": start, "end": end, "cue_start": -1,
            "cue_end": -1, "speech_start": speech[0], "speech_end": speech[1],
            "date": found.get("date", ""), "via": "", "frame": "embed",
        })
    return rows


def _article_attributions(article: Article, roles: frozenset[str]) -> list[dict]:
    """Every attribution row of one article (cached per roles)."""
    return article.cached(("attributions", roles), lambda: _find_attributions(article, roles))


def _find_attributions(article: Article, roles: frozenset[str]) -> list[dict]:
    context = _Context(article, roles)
    sentences = _sentences_by_paragraph(article, roles)
    rows: list[dict] = []
    for p in article.paragraphs:
        if p.index not in sentences or (p.role == "embed" and signature(p.text)):
            continue
        found = _dedupe(_find_in_paragraph(p, sentences[p.index]))
        quotes = outer_quotes(p.text)
        for f in found:
            if f.frame == "relay" and f.governor is None:
                same = [g for g in found if g.sentence == f.sentence and g.frame != "relay"]
                before = [g for g in same if g.cue[0] < f.cue[0]]
                f.governor = before[-1] if before else (same[0] if same else None)
        for f in found:
            others = [g for g in found if g.sentence == f.sentence]
            _set_speech(p.text, f, others, sentences[p.index], quotes)
        for f in found:
            if f.frame == "relay" and f.governor is not None:
                f.speech = f.governor.speech
                f.direct = f.governor.direct
                f.extra_quotes = f.governor.extra_quotes
        for f in found:
            if f.inherited:
                source = next((g for g in found if g.source == f.source and not g.inherited
                               and g.resolved is not None), None)
                f.resolved = source.resolved if source else None
            if f.resolved is None:
                position = p.raw_span(*f.source)[0]
                f.resolved = _resolve(p.text[f.source[0]:f.source[1]], position, context)
                context.add(position, f.resolved)
        for f in found:
            if f.resolved is None:
                continue
            quote, quote_text = _quote_fields(p.text, f, quotes)
            via = ""
            if f.governor is not None and f.governor.resolved is not None:
                via = f.governor.resolved.canonical
            else:
                holder = next((g for g in found if g is not f and g.sentence == f.sentence
                               and g.speech and g.speech[0] <= f.source[0]
                               and f.source[1] <= g.speech[1] and g.resolved is not None), None)
                via = holder.resolved.canonical if holder else ""
            if via == f.resolved.canonical:
                via = ""
            rows.append(_row(article, f, quote, quote_text, via))
    rows.extend(_embed_rows(article, roles, sentences))
    rows.sort(key=lambda r: (r["start"] if r["frame"] != "embed" else r["speech_start"],
                             r["cue_start"], r["end"]))
    rows.sort(key=lambda r: (r["sentence"], r["paragraph"]))
    return rows


def attributions(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """One row per act of attribution: who is cited, with which cue, saying what.

    Columns (``ATTRIBUTION_COLUMNS``): article, paragraph, role, sentence (the sentence holding
    the cue; for an embedded post, its first sentence), source (the words naming the source,
    as published), canonical (the resolved name: "The New York Times", "unnamed officials", or
    "unresolved: the paper" when a description has no antecedent), kind (media, government,
    person, anonymous, document, social, other), named (False for anonymous and unresolved
    sources), cue (the reporting verb or phrase as published; empty for an embedded post),
    cue_class (neutral, distancing, directive, non_response), quote (direct, partial, none),
    quote_text (the quoted words; partial quotations joined with " … "), start, end (raw
    offsets of the source words: ``raw[start:end] == source``), cue_start, cue_end (raw offsets
    of the cue, -1 for an embedded post), speech_start, speech_end (raw offsets of what was
    said: the quotation for a direct quote, otherwise the governed clause; -1 when nothing is
    said, as for "declined comment" or "a statement by X"), date (an embedded post's date,
    empty elsewhere), via (the canonical source that relays this one: "citing X" and sources
    named inside another source's words), frame (how it was found: verb, passive, according,
    relay, attributed, noun, possessive, evaluative, embed), match (the same as ``source``,
    under the name every lens's evidence uses). Rows are in text order.
    """
    wanted = check_source_roles(roles)
    rows = [r for a in article_list(articles) for r in _article_attributions(a, wanted)]
    table = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS[:-1])
    return table.assign(match=table["source"])


# --- comparing articles ------------------------------------------------------------------------

def _word_count(text: str) -> int:
    """Number of words in ``text``."""
    return len(_WORD.findall(text))


def _joined(values: Iterable[str]) -> str:
    """Distinct non-empty values, sorted and joined by commas."""
    return ", ".join(sorted({v for v in values if v}))


def _cue_summary(frame: pd.DataFrame) -> str:
    """Each cue with its count, commonest first ("according to ×4, said ×1")."""
    labels = [c.lower() if c else "embedded post" for c in frame["cue"]]
    counted = pd.Series(labels, dtype=object).value_counts()
    ordered = sorted(counted.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{cue} ×{n}" for cue, n in ordered)


def _main_kind(kinds: pd.Series) -> str:
    """The most frequent kind; ties go to the first in ``KINDS``."""
    counted = kinds.value_counts()
    best = counted.max()
    return min((k for k, n in counted.items() if n == best), key=KINDS.index)


def source_roster(articles: Article | Sequence[Article], *,
                  roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """One row per canonical source and article: how often and how the article cites it.

    Columns (``ROSTER_COLUMNS``): article, canonical, kind (its most frequent kind; ties go to
    the first in ``KINDS``), kinds (every kind it was given, e.g. "government, social" for an
    embassy quoted in the text and in embedded posts), named, attributions, share (of the
    article's attributions), cue_classes (sorted, joined), cues (each cue with its count,
    commonest first; "embedded post" for an embed), direct_quotes (attributions with a direct
    quotation), quoted_words (words in those direct quotations), via (sources that relay it).
    Rows: articles in the order given, then most cited first, then by name. ``articles`` may
    also be groups of articles (``Corpus.group``), streamed; rows then name the groups.
    """
    units = analysis_units(articles)
    table_ = pd.concat([attributions(a, roles=roles).assign(article=name)
                        for name, members in units for a in members], ignore_index=True)
    rows = []
    for name, _ in units:
        mine = table_[table_["article"] == name]
        for canonical, group in mine.groupby("canonical", sort=True):
            direct = group[group["quote"] == "direct"]
            rows.append({
                "article": name, "canonical": canonical,
                "kind": _main_kind(group["kind"]), "kinds": _joined(group["kind"]),
                "named": bool(group["named"].any()), "attributions": len(group),
                "share": len(group) / len(mine), "cue_classes": _joined(group["cue_class"]),
                "cues": _cue_summary(group), "direct_quotes": len(direct),
                "quoted_words": int(sum(_word_count(q) for q in direct["quote_text"])),
                "via": _joined(group["via"]),
            })
    frame = pd.DataFrame(rows, columns=ROSTER_COLUMNS)
    order = {name: i for i, (name, _) in enumerate(units)}
    frame["_order"] = frame["article"].map(order)
    frame = frame.sort_values(["_order", "attributions", "canonical"],
                              ascending=[True, False, True], kind="stable")
    return frame[ROSTER_COLUMNS].reset_index(drop=True)


def anonymity(articles: Article | Sequence[Article], *,
              roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """How much of each article's sourcing is anonymous.

    Columns (``ANONYMITY_COLUMNS``): article, attributions, named, anonymous (kind
    ``anonymous``), unresolved (a description or pronoun with no antecedent), share_anonymous
    (anonymous / attributions; NaN for an article with no attributions). One row per article.
    """
    items = article_list(articles)
    table_ = attributions(items, roles=roles)
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


def shared_sources(articles: Article | Sequence[Article], *, only_shared: bool = True,
                   roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """Sources the articles have in common, and how each article cites them.

    One row per canonical source and article that cites it. Columns (``SHARED_COLUMNS``):
    canonical, kind, in_articles (how many of the articles cite it), article, attributions,
    cue_classes, cues (with counts), quotes (counts of direct / partial / none), via (who relays
    it in this article: "TASS" is cited via "Al Jazeera"), relays (whom it relays here).
    Unresolved descriptions are left out. With ``only_shared=False`` every source is listed,
    which shows relayed sources that only one article uses. Rows: most widely cited first,
    then most attributions, then by name and article order.
    """
    items = article_list(articles)
    table_ = attributions(items, roles=roles)
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
            columns: list[str], roles: Iterable[str] | None) -> pd.DataFrame:
    """Attributions per value of ``column`` and article, every value listed."""
    items = article_list(articles)
    table_ = attributions(items, roles=roles)
    rows = []
    for article in items:
        mine = table_[table_["article"] == article.id]
        counted = mine[column].value_counts()
        for value in values:
            rows.append({"article": article.id, columns[1]: value,
                         "attributions": int(counted.get(value, 0))})
    return pd.DataFrame(rows, columns=columns)


def kind_counts(articles: Article | Sequence[Article], *,
                roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """Attributions per source kind and article, every kind listed (zero when unused).

    Columns: article, kind, attributions. Rows: articles in the order given, kinds in
    ``KINDS`` order. Ready for a grouped bar chart.
    """
    return _counts(articles, "kind", KINDS, KIND_COUNT_COLUMNS, roles)


def named_counts(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """Named, anonymous and unresolved attributions per article.

    Columns: article, status (named, anonymous, unresolved), attributions.
    """
    items = article_list(articles)
    table_ = attributions(items, roles=roles)
    status = pd.Series("unresolved", index=table_.index, dtype=object)
    status[table_["named"].astype(bool)] = "named"
    status[table_["kind"] == "anonymous"] = "anonymous"
    return _status_counts(items, table_.assign(status=status))


def _status_counts(items: Sequence[Article], table_: pd.DataFrame) -> pd.DataFrame:
    """Attributions per named/anonymous/unresolved status and article."""
    rows = []
    for article in items:
        counted = table_[table_["article"] == article.id]["status"].value_counts()
        for value in NAMED_STATUSES:
            rows.append({"article": article.id, "status": value,
                         "attributions": int(counted.get(value, 0))})
    return pd.DataFrame(rows, columns=NAMED_COUNT_COLUMNS)


def cue_class_counts(articles: Article | Sequence[Article], *,
                     roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """Attributions per cue class and article, every class listed (zero when unused).

    Columns: article, cue_class, attributions. An embedded post counts as neutral.
    """
    return _counts(articles, "cue_class", CUE_CLASSES, CUE_CLASS_COUNT_COLUMNS, roles)


# --- evaluation --------------------------------------------------------------------------------

def _pairs(frame: pd.DataFrame, what: str) -> dict[tuple[str, int, str], tuple[str, int, str]]:
    """The distinct (article, sentence, canonical) triples of a table, keyed case-insensitively."""
    if not isinstance(frame, pd.DataFrame):
        raise AnalysisInputError(f"{what} must be a DataFrame with columns {list(GOLD_COLUMNS)}, "
                                 f"got {type(frame).__name__}")
    missing = [c for c in GOLD_COLUMNS if c not in frame.columns]
    if missing:
        raise AnalysisInputError(f"{what} lacks column(s) {missing}; it needs "
                                 f"{list(GOLD_COLUMNS)}")
    pairs = {}
    for article, sentence, canonical in frame[list(GOLD_COLUMNS)].itertuples(index=False):
        try:
            number = int(sentence)
        except (TypeError, ValueError):
            raise AnalysisInputError(f"{what}: sentence {sentence!r} is not a number") from None
        label = " ".join(str(canonical).split())
        pairs.setdefault((str(article), number, label.casefold()), (str(article), number, label))
    return pairs


def evaluate(predicted: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Precision, recall and F1 of predicted attributions against a hand annotation.

    Both tables need columns article, sentence, canonical; each distinct (article, sentence,
    canonical) triple counts once, canonical names compared without regard to case or spacing.
    Returns precision, recall, f1, and tp, fp, fn: sorted lists of (article, sentence,
    canonical) triples. Precision is 0.0 when nothing is predicted, recall 0.0 when the gold is
    empty.
    """
    found = _pairs(predicted, "predicted")
    wanted = _pairs(gold, "gold")
    tp = sorted(found[k] for k in found.keys() & wanted.keys())
    fp = sorted(found[k] for k in found.keys() - wanted.keys())
    fn = sorted(wanted[k] for k in wanted.keys() - found.keys())
    precision = len(tp) / len(found) if found else 0.0
    recall = len(tp) / len(wanted) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def read_gold(path) -> pd.DataFrame:
    """A hand annotation CSV (columns article, sentence, canonical, note) as a DataFrame."""
    from pathlib import Path

    from .paths import display_path, project_path

    target = project_path(Path(path))
    if not target.is_file():
        raise AnalysisInputError(f"{display_path(target)}: no such annotation file")
    try:
        frame = pd.read_csv(target, dtype={"article": str, "canonical": str, "note": str},
                            keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise AnalysisInputError(f"{display_path(target)}: not a readable CSV ({exc})") from None
    _pairs(frame, display_path(target))
    return frame


def source_roles(roles: Iterable[str] | None = DEFAULT_ROLES) -> tuple[str, ...] | None:
    """The roles the sources lens reads for an analysis of ``roles``: the same, plus
    embedded posts, which are attributed speech (None stays None: every role)."""
    if roles is None:
        return None
    chosen = tuple(roles)
    return chosen if "embed" in chosen else (*chosen, "embed")


def spoken_about(articles: Article | Sequence[Article], *,
                 roles: Iterable[str] | None = SOURCE_ROLES) -> pd.DataFrame:
    """People and organisations an article mentions but never cites as a source.

    Columns: article, canonical, type, mentions, first_sentence (from ``entity_counts``),
    most mentioned first.
    """
    from .named_entities import entity_counts

    counts = entity_counts(articles, roles=roles)
    cited = {(r.article, r.canonical) for r in attributions(articles, roles=roles).itertuples()}
    keep = [(a, c) not in cited and t in ("person", "organisation")
            for a, c, t in zip(counts["article"], counts["canonical"], counts["type"],
                               strict=True)]
    columns = ["article", "canonical", "type", "mentions", "first_sentence"]
    return counts[keep][columns].reset_index(drop=True)

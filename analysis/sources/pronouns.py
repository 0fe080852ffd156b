"""Pronoun sources resolved by agreement and salience, or left unresolved.

A pronoun that is the source of an attribution ("he said", "they argued") is resolved to an
earlier referent of the same article that agrees with it:

- **he / him** a person who is not known to be a woman, **she / her** one not known to be a man.
  A person's sex comes from a title written before a mention ("Mr.", "Mrs.", "Ms."; lists in
  ``grammar.tsv``) or, failing that, from the first name (``lexicons/first_names.tsv``, the US
  Census 1990 lists); a name with no evidence agrees with both.
- **it** a singular organisation, medium, government (a place that speaks) or document, never
  a day, a month or an unknown word; **they / them** a plural source ("officials", "Republican
  leaders", "unnamed sources").

Candidates come from the three sentences before the pronoun and from its own sentence before
it; names inside quotation marks are never candidates (they are the speaker's words). Among the
candidates that agree, the speaker of the nearest earlier attribution wins; failing that, the
nearest name that opens its sentence (the subject of a clause); failing that, the one referent
when exactly one agrees. Otherwise the pronoun stays ``unresolved``: an unclear case is never a
guess.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cache
from heapq import heappop, heappush

from ..entities.gazetteer import first_names, gazetteer, shared_first_names
from ..lexicons import grammar_words
from .cues import source_nouns

WINDOW = 3  # sentences before the pronoun's own that may hold its referent
UNRESOLVED_PRONOUNS = frozenset(f"unresolved: {p}" for p in ("he", "she", "it", "they", "who",
                                                             "which", "that"))
SPEAKER_WINDOW = 8  # sentences back to the last speaker, when the window holds no candidate
MALE, FEMALE = "male", "female"
SINGULAR_KINDS = ("media", "government", "document")


@dataclass(frozen=True)
class Candidate:
    """Something a later pronoun may refer to: where it stands and what it resolved to."""

    position: int
    sentence: int
    canonical: str
    kind: str
    cls: str
    source: bool  # the speaker of an attribution, not a mere mention
    subject: bool  # it opens its sentence
    plural: bool
    organisation: bool = False  # a named organisation whose kind says nothing more
    description: bool = False  # a sentence subject that names no one ("the lawsuit")
    nested: bool = False  # a source inside another source's words ("X said that Y plans")
    embedded: bool = False  # the subject of a clause inside the sentence ("as Trump has")
    complement: bool = False  # ... of a "that" or "whether" clause ("the event that Clinton")
    pronoun: str = ""  # a pronoun subject ("He used the bailout"): it stands for its referent


@cache
def _title_pattern() -> re.Pattern[str]:
    titles = [(w, MALE) for w in grammar_words("male_titles")] + \
        [(w, FEMALE) for w in grammar_words("female_titles")]
    alternatives = "|".join(f"(?P<{sex}{i}>{re.escape(w)})" for i, (w, sex) in
                            enumerate(titles))
    return re.compile(rf"(?:{alternatives}) $")


def title_sex(before: str) -> str | None:
    """The sex a title just before a name implies ("Mr. " -> male), or None."""
    match = _title_pattern().search(before)
    if not match:
        return None
    return MALE if match.lastgroup.startswith(MALE) else FEMALE


def name_sex(canonical: str) -> str | None:
    """The sex a person's first name implies, or None when the name does not decide."""
    sex = first_names().get(canonical.split()[0]) if canonical else None
    return sex if sex in (MALE, FEMALE) else None


def is_plural(phrase: str, kind: str, cls: str = "") -> bool:
    """True for a source phrase that names several people or bodies ("officials",
    "Republican leaders", "unnamed sources", "Democrats"), judged by its last word: a plural
    common noun, an anonymous source, or a group the gazetteer lists (a party). A phrase is
    judged by its head, before a preposition ("six newspapers in New Jersey"); two names joined
    by "and" and a number above one ("the two", "three senators") are plural too."""
    words = phrase.split()
    cut = next((i for i, w in enumerate(words) if i and w in _prepositions()), len(words))
    words = words[:cut]
    if "and" in words[1:-1] or any(w.lower() in _several() for w in words[:2]):
        return True
    last = words[-1] if words else ""
    if last.lower() in grammar_words("irregular_plurals"):
        return True
    if not last.endswith("s") or last.endswith(("ss", "'s", "\u2019s", "us", "is")):
        return False
    return last[0].islower() or kind == "anonymous" or cls in group_classes() \
        or (len(phrase.split()) == 1 and last.lower() in plural_nouns()) \
        or (phrase.lower().startswith("the ") and kind != "media"
            and last not in gazetteer().heads)  # "Companies say", "the Brujas"


@cache
def _prepositions() -> frozenset[str]:
    return frozenset(grammar_words("phrase_prepositions"))


@cache
def _several() -> frozenset[str]:
    """Number words above one, and "both" ("the two said", "both argued")."""
    return frozenset(w for w in grammar_words("number_words") if w != "one") | {"both"}


@cache
def plural_nouns() -> frozenset[str]:
    """The plural source nouns of ``lexicons/source_nouns.tsv`` ("companies", "officials")."""
    return frozenset(n for n in source_nouns().get("head", ()) if n.endswith("s"))


@cache
def group_classes() -> frozenset[str]:
    """The classes of the groups the entity gazetteer lists (parties, armed groups ...)."""
    return frozenset(cls for _, cls in gazetteer().groups.values())


class Referents:
    """The candidates for pronouns in one article, in text order, with each person's sex."""

    def __init__(self, sentence_starts: list[int]):
        self.sentence_starts = sentence_starts
        self.candidates: list[Candidate] = []
        self.sexes: dict[str, str | None] = {}
        self._chain: dict[tuple[str, int], Candidate | None] = {}
        # the candidates of each sentence (their numbers in ``candidates``), and the pronoun
        # subjects not yet resolved, by form, as a heap of (position, number)
        self._by_sentence: dict[int, list[int]] = {}
        self._pending: dict[str | None, list[tuple[int, int]]] = {}

    def sentence_of(self, position: int) -> int:
        """The number of the sentence holding a raw position."""
        return max(0, bisect_right(self.sentence_starts, position) - 1)

    def note_sex(self, canonical: str, sex: str | None) -> None:
        """Record evidence of a person's sex; contradicting evidence leaves it unknown."""
        if sex is None:
            return
        known = self.sexes.get(canonical, sex)
        self.sexes[canonical] = sex if known == sex else None

    def add(self, candidate: Candidate) -> None:
        """Add a mention or a source."""
        number = len(self.candidates)
        self.candidates.append(candidate)
        self._by_sentence.setdefault(candidate.sentence, []).append(number)
        if candidate.pronoun:
            heappush(self._pending.setdefault(_FORMS.get(candidate.pronoun), []),
                     (candidate.position, number))

    def sex(self, canonical: str, names: bool = True) -> str | None:
        """What the article says of a person's sex, else what the first name says (without
        ``names``, only when the name is not borne by both sexes)."""
        if canonical in self.sexes:
            return self.sexes[canonical]
        if not names and canonical.split()[:1] and canonical.split()[0] in shared_first_names():
            return None
        return name_sex(canonical)

    def agrees(self, pronoun: str, candidate: Candidate, names: bool = True) -> bool:
        """True when ``candidate`` can be what ``pronoun`` refers to; without ``names`` a
        first name's usual sex does not count against it."""
        if pronoun in ("he", "him", "she", "her"):
            unwanted = FEMALE if pronoun in ("he", "him") else MALE
            return candidate.kind == "person" and not candidate.organisation \
                and self.sex(candidate.canonical, names) != unwanted
        if pronoun == "it":
            return (candidate.kind in SINGULAR_KINDS or candidate.organisation
                    or candidate.description and candidate.kind != "person"
                    or candidate.kind in ("social", "other") and candidate.source
                    and not candidate.canonical.startswith("unresolved: ")) \
                and not candidate.plural
        if pronoun in ("they", "them"):
            return candidate.plural
        return False

    def resolve(self, pronoun: str, position: int) -> Candidate | None:
        """The referent of a pronoun at a raw position, or None when it is unclear.

        Candidates are the mentions and sources of the last ``WINDOW`` sentences that agree
        with the pronoun. The salient ones are the speakers of attributions and the subjects
        of sentences and clauses, a pronoun subject standing for what it refers to ("He used
        the bailout ... Later, he added"). The nearest sentence holding a salient candidate
        decides: its speaker (unless inside another's words or a "that" clause), else the
        subject of its main clause, else its last other subject or speaker. With none, a
        candidate that is the only one is taken; with no candidate at all in the window, the
        last agreeing speaker of the last ``SPEAKER_WINDOW`` sentences: after a long
        quotation, "he said" is its speaker's. A pronoun that was itself left unresolved is
        never a candidate. When nothing agrees, a first name's usual sex is set aside and the
        pronoun's sex is recorded for the person it then finds."""
        key = (pronoun, position)
        if key not in self._chain:
            self._chain[key] = None  # a chain never loops back on itself
            found = self._resolve(pronoun, position)
            sex = {"he": MALE, "she": FEMALE}.get(_FORMS.get(pronoun.lower(), ""))
            if found is None and sex:
                # a first name borne by both sexes gives only a likelihood ("Marty Walz ...
                # She said"): when nothing else fits, the article's "she" decides, from then on
                found = self._resolve(pronoun, position, names=False)
                if found is not None:
                    self.note_sex(found.canonical, sex)
            self._chain[key] = found
        return self._chain[key]

    def _stand_in(self, candidate: Candidate) -> Candidate | None:
        """A pronoun subject replaced by its referent, kept at its own place."""
        found = self.resolve(candidate.pronoun, candidate.position)
        if found is None:
            return None
        return replace(found, position=candidate.position, sentence=candidate.sentence,
                       source=candidate.source, subject=True, nested=candidate.nested,
                       pronoun="")

    def _looked_at(self, pronoun: str, position: int, here: int) -> list[Candidate]:
        """The candidates :meth:`_resolve` reads for a pronoun, in the order they were added:
        those of the last ``SPEAKER_WINDOW`` sentences (no older one can be chosen), and every
        earlier pronoun subject of the same form not yet resolved, which is resolved on the
        way, as when every candidate was read (its resolution may note a person's sex)."""
        chosen = {n for s in range(here - max(WINDOW, SPEAKER_WINDOW), here + 1)
                  for n in self._by_sentence.get(s, ())}
        pending = self._pending.get(_FORMS.get(pronoun.lower()), [])
        later = []
        while pending and pending[0][0] < position:
            at, number = heappop(pending)
            c = self.candidates[number]
            if c.sentence > here:
                later.append((at, number))
            elif (c.pronoun, c.position) not in self._chain:
                chosen.add(number)
        for item in later:
            heappush(pending, item)
        return [self.candidates[n] for n in sorted(chosen)]

    def _resolve(self, pronoun: str, position: int, names: bool = True) -> Candidate | None:
        here = self.sentence_of(position)
        agreeing = []
        for c in self._looked_at(pronoun, position, here):
            if c.position >= position or c.sentence > here:
                continue
            if c.pronoun:
                if _FORMS.get(c.pronoun) != _FORMS.get(pronoun.lower()):
                    continue
                c = self._stand_in(c)
                if c is None:
                    continue
            if c.complement and c.sentence == here:
                continue  # "Asked about the event that Clinton faces Trump, she replied"
            if c.canonical.lower() not in UNRESOLVED_PRONOUNS \
                    and self.agrees(pronoun.lower(), c, names):
                agreeing.append(c)
        pool = [c for c in agreeing if here - WINDOW <= c.sentence]
        salient = [c for c in pool if c.source or c.subject]
        if salient:
            nearest = max(c.sentence for c in salient)
            last = [c for c in salient if c.sentence == nearest]
            speakers = [c for c in last if c.source and not c.nested]
            main = [c for c in last if c.subject and not c.source and not c.embedded]
            return max(speakers or main or last, key=lambda c: c.position)
        if len({c.canonical for c in pool}) == 1:
            return pool[-1]
        # after a long quotation the last speaker, if no one else agrees or if the window
        # still mentions that speaker ("When the interview steered Allen ..., he offered")
        speakers = [c for c in agreeing if c.source and not c.nested
                    and here - SPEAKER_WINDOW <= c.sentence]
        if speakers:
            last_speaker = max(speakers, key=lambda c: c.position)
            if not pool or last_speaker.canonical in {c.canonical for c in pool}:
                return last_speaker
        return None


_FORMS = {"he": "he", "him": "he", "she": "she", "her": "she", "it": "it", "they": "they",
          "them": "they"}

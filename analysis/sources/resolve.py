"""Resolving a source phrase to a canonical source: pronouns and definite descriptions to
their antecedents, people to their full names, spokespeople and documents to what they speak
for, anonymous formulas to ``unnamed ...``, aliases to canonical names.

See :mod:`analysis.sources` for the order of the rules and their limits.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import count

from ..entities.gazetteer import Name, find_known, gazetteer, name_regex, split_connectors
from ..entities.names import (
    article_mentions,
    classify_words,
    resolve_organisation,
    resolve_person,
    surname_index,
)
from ..lexicons import alternation, grammar_words
from ..text.article import Article
from ..text.quotation import in_outer_quote, outer_quotes
from .cues import anonymous_rules, coreference, source_nouns, speech_nouns
from .grammar import grammar, matching_copy
from .pronouns import Candidate, Referents, is_plural, title_sex


@dataclass(frozen=True)
class Resolved:
    """A source phrase resolved: canonical name, kind and whether the source is named."""

    canonical: str
    kind: str
    named: bool
    cls: str = ""


OPENING_PHRASES = 3  # comma-separated phrases skipped before a sentence's subject, at most


class Context:
    """What resolution needs to know about an article: its mentions and sources so far."""

    def __init__(self, article: Article, roles: frozenset[str]):
        """Index the article's mentions for coreference."""
        self.mentions = article_mentions(article, roles=roles)
        names = [m.name for m in self.mentions]
        self.surnames = surname_index([m.name for m in self.mentions if m.role != "headline"]
                                      + [m.name for m in self.mentions if m.role == "headline"])
        self.organisations = sorted({n.canonical for n in names if n.type == "organisation"},
                                    key=len)
        self.names = names
        self.timeline = Timeline([(m.raw_start, Resolved(m.name.canonical, m.name.kind, True,
                                                         m.name.cls)) for m in self.mentions])
        self.referents = Referents([s.start for s in article.sentences])
        self._index_mentions(article)
        self._index_subjects(article, roles)

    def _index_subjects(self, article: Article, roles: frozenset[str]) -> None:
        """The subject phrase of each sentence, resolved, is a pronoun candidate too: "The
        lawsuit contends ... It goes on", "The GOP contenders agree ... They denounced"."""
        g = grammar()
        by_paragraph: dict[int, list] = {}
        for sentence in article.select_sentences(roles=roles):
            by_paragraph.setdefault(sentence.paragraph, []).append(sentence)
        for index, sentences in by_paragraph.items():
            paragraph = article.paragraphs[index]
            m = matching_copy(paragraph.text)
            quotes = outer_quotes(paragraph.text)
            for sentence in sentences:
                match = g.clause_subject.match(m, sentence.local_start, sentence.local_end)
                start = sentence.local_start
                for _ in range(OPENING_PHRASES):  # "Meanwhile, on the home front, the Democrats"
                    opening = g.opening_phrase.match(m, start, sentence.local_end)
                    if match or not opening:
                        break
                    start = opening.end()
                    match = g.clause_subject.match(m, start, sentence.local_end)
                if not match:
                    continue
                # the head part only: a phrase read past its verb ("Black women of all ages sat
                # together in ...") keeps its head ("Black women")
                phrase = _head_part(paragraph.text[slice(*match.span("np"))])[0].strip()
                if not phrase or in_outer_quote(quotes, match.start("np")):
                    continue  # a subject inside quotation marks is the speaker's words
                position = paragraph.raw_span(*match.span("np"))[0]
                if phrase.lower() in g.resolved_pronouns:  # it stands for its referent
                    self.referents.add(Candidate(position, sentence.index, phrase, "", "",
                                                 False, True, False, pronoun=phrase.lower()))
                    continue
                found = resolve(phrase, position, self)
                last = phrase.split()[-1].lower()
                body = last in g.organisation_group_heads or last in g.government_group_heads
                if last.islower() and not body and last not in found.canonical.lower() \
                        and last not in _carriers():
                    # "The Arizona case faces ...": the case, not Arizona
                    found = Resolved(f"unresolved: {phrase}", "other", False, "")
                self.referents.add(Candidate(position, sentence.index, found.canonical,
                                             found.kind, found.cls, False, True,
                                             is_plural(phrase, found.kind, found.cls),
                                             organisation=body and not is_plural(phrase, "", ""),
                                             description=not found.named))

    def _index_mentions(self, article: Article) -> None:
        """Mentions outside quotation marks become pronoun candidates; titles tell sex."""
        quotes = {p.index: outer_quotes(p.text) for p in article.paragraphs}
        for m in self.mentions:
            paragraph = article.paragraphs[m.paragraph]
            if m.name.kind == "person":
                before = paragraph.text[max(0, m.start - 6):m.start]
                self.referents.note_sex(m.name.canonical, title_sex(before))
            if in_outer_quote(quotes[m.paragraph], m.start):
                continue
            if grammar().addressed.search(paragraph.text, max(0, m.start - 16), m.start):
                continue  # "he told Hannity": the one spoken to is not the next "he said"
            sentence = article.sentences[m.sentence]
            # what comes before the name in its sentence, without a title ("Mr.", "Sen.")
            before = _TITLES.sub("", paragraph.text[sentence.local_start:m.start])
            verb_next = re.match(r" [a-z]", paragraph.text[m.end:m.end + 2]) is not None
            # the subject of the sentence: at its start, or after an opening phrase and a
            # comma, with a lower-case word (its verb) next ("In Salem, Trump went after Bush")
            opens = not before.strip(" \"'([") or (
                before.rstrip().endswith(",") and "," not in before.rstrip()[:-1] and verb_next)
            # the subject of a clause inside the sentence ("so blatant that Mr. Trump was
            # asked", "As Mr. Trump has unleashed")
            opening = _clause_opening().search(before) if not opens and verb_next else None
            embedded = opening is not None
            complement = embedded and grammar().complement_end.search(before) is not None
            self.referents.add(Candidate(m.raw_start, m.sentence, m.name.canonical,
                                         m.name.kind, m.name.cls, False, opens or embedded,
                                         is_plural(m.text, m.name.kind, m.name.cls),
                                         m.name.type == "organisation", embedded=embedded,
                                         complement=complement))

    def add(self, position: int, resolved: Resolved, phrase: str = "",
            nested: bool = False) -> None:
        """Record a resolved source at a raw position, for later pronouns and descriptions;
        ``nested`` when it stands inside another source's words."""
        if resolved.named:
            self.timeline.add(position, resolved)
        self.referents.add(Candidate(position, self.referents.sentence_of(position),
                                     resolved.canonical, resolved.kind, resolved.cls, True, True,
                                     is_plural(phrase, resolved.kind, resolved.cls),
                                     nested=nested))

    def antecedent(self, position: int, classes: frozenset[str],
                   required: str | None = None) -> Resolved | None:
        """The most recent named mention before ``position`` whose class is in ``classes``
        (and whose canonical name holds ``required``, in any case)."""
        return self.timeline.latest(position, classes, required)


class Timeline:
    """Named mentions and sources at their raw positions, for "the most recent one before
    here": kept sorted per class (and per class and required word, when one is asked for), so
    that a look-up is a binary search. Of two at one position, the one added later counts as
    the more recent. The article's mentions are given at once; sources are added as they are
    resolved, mostly in text order, and kept apart so that adding one moves few entries."""

    def __init__(self, mentions: Iterable[tuple[int, Resolved]]):
        self._order = count()
        # class -> (required word, a mention) -> entries (position, order, resolved), sorted
        self._lists: dict[str, dict[tuple[str, bool], list[tuple[int, int, Resolved]]]] = {}
        for at, resolved in mentions:
            self._add(at, resolved, mention=True)

    def add(self, position: int, resolved: Resolved) -> None:
        """Record a named source at a raw position."""
        self._add(position, resolved, mention=False)

    def _add(self, at: int, resolved: Resolved, mention: bool) -> None:
        entry = (at, next(self._order), resolved)
        lists = self._lists.setdefault(resolved.cls, {})
        lists.setdefault(("", mention), [])
        canonical = resolved.canonical.lower()
        for (required, kind), entries in lists.items():
            if kind == mention and required in canonical:
                insort(entries, entry)

    def _entries(self, cls: str, required: str, mention: bool
                 ) -> list[tuple[int, int, Resolved]]:
        lists = self._lists.get(cls, {})
        if (required, mention) not in lists:  # first asked for: filtered from the class's
            lists[(required, mention)] = [e for e in lists.get(("", mention), ())
                                          if required in e[2].canonical.lower()]
        return lists[(required, mention)]

    def latest(self, position: int, classes: Iterable[str],
               required: str | None = None) -> Resolved | None:
        """The latest entry before ``position`` whose class is in ``classes`` and whose
        canonical name holds ``required`` (in any case)."""
        best: tuple[int, int, Resolved] | None = None
        for cls in classes:
            for mention in (True, False):
                entries = self._entries(cls, (required or "").lower(), mention)
                k = bisect_left(entries, (position,)) - 1  # the last one before ``position``
                if k >= 0 and (best is None or entries[k][:2] > best[:2]):
                    best = entries[k]
        return best[2] if best else None


_TITLES = re.compile(r"(?:[A-Z][\w.'\u2019-]* ){1,3}$")


@cache
def _clause_opening() -> re.Pattern[str]:
    """The end of a text that opens a clause: a conjunction or complementiser ("that", "as",
    "when") from ``grammar.tsv``'s ``clause_openers``."""
    return re.compile(rf"(?:^|[\s(])(?i:{alternation(grammar_words('clause_openers'))}) $")


@cache
def _carriers() -> frozenset[str]:
    """Nouns that speak for someone else: source nouns and speech nouns ("spokesman",
    "statement"), whose phrase resolves to whom they speak for."""
    nouns = source_nouns()
    return frozenset(nouns.get("spokesperson", set()) | nouns.get("head", set())
                     | speech_nouns())


def _head_part(text: str) -> tuple[str, str]:
    """Split a phrase into its head part and what follows its first preposition outside names."""
    protected = [(s, e) for s, e, _ in find_known(text)]
    for match in name_regex().finditer(text):
        position = match.start()
        for piece in split_connectors(match.group().split(" ")):
            start = text.find(" ".join(piece), position)
            position = start + len(" ".join(piece))
            protected.append((start, position))
    for match in grammar().prep_split.finditer(text):
        if not any(s <= match.start() < e for s, e in protected):
            return text[:match.start()], text[match.end():]
    return text, ""


def _strip_det(text: str) -> str:
    """``text`` without a leading determiner."""
    return grammar().det_start.sub("", text, count=1)


def resolve(text: str, position: int, context: Context) -> Resolved:
    """Resolve a source phrase written at raw ``position`` to a canonical name and kind."""
    phrase = text.strip()
    lower = phrase.lower()
    if lower in grammar().resolved_pronouns:
        found = context.referents.resolve(lower, position)
        if found is None:
            kind = "person" if lower in ("he", "him", "she", "her") else "other"
            return Resolved(f"unresolved: {phrase}", kind, False, kind)
        return Resolved(found.canonical, found.kind,
                        not found.canonical.startswith("unresolved: "), found.cls)
    quantity = grammar().quantity_prefix.match(phrase)
    if quantity:  # "75 percent of Democrats" are Democrats; "Sixty-six percent" is unresolved
        rest = phrase[quantity.end():]
        if not rest:
            return Resolved(f"unresolved: {phrase}", "other", False, "")
        found = resolve(rest, position + quantity.end(), context)
        return found if found.named else Resolved(f"unresolved: {phrase}", found.kind, False,
                                                  found.cls)
    described: frozenset[str] = frozenset()
    for pattern, classes in coreference():
        match = pattern.fullmatch(phrase)
        if match:
            described = described | classes
            required = match.groupdict().get("req")
            found = context.antecedent(position, classes, required)
            if found:
                return found
    modifier = grammar().anonymous_modifier
    bare = phrase
    for m in re.finditer(" ", phrase):
        if modifier.match(phrase[m.end():]):
            bare = phrase[:m.start()]
            break
    head, rest = _head_part(bare)
    head_words = _strip_det(head).split()
    nouns = source_nouns()
    carriers = nouns.get("spokesperson", set()) | speech_nouns()
    persons = [n for n in names_of(head) if n.type == "person"]
    group = _group_of(head_words, context)
    if group:
        return group
    if head_words and head_words[-1][:1].islower() \
            and head_words[-1].capitalize() not in gazetteer().heads \
            and not any(head.lower().endswith(c) for c in carriers):
        persons = []  # "the NFL legend", "Trump aides": the names only modify the head noun
        anonymous = _anonymous_source(head_words, persons)
        if anonymous:
            return anonymous
        return Resolved(f"unresolved: {phrase}", _kind_of_classes(described), False, "")
    if persons:
        person = resolve_person(persons[-1], context.surnames)
        return Resolved(person.canonical, "person", True, "person")
    if rest and any(head.lower().endswith(c) for c in carriers):
        return resolve(rest, position, context)
    anonymous = _anonymous_source(head_words, persons)
    if anonymous:
        return anonymous
    known = find_known(head)
    if known:
        entry = known[0][2]
        return Resolved(entry.canonical, entry.kind, True, entry.cls)
    names = names_of(head)
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


def names_of(text: str) -> list[Name]:
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


def _group_of(words: list[str], context: Context) -> Resolved | None:
    """A name followed by a group head: "the Trump administration" is a government (the
    Trump administration, not Donald Trump), "the Clinton campaign" a group."""
    g = grammar()
    lowered = " ".join(words).lower()
    for heads, kind in ((g.government_group_heads, "government"),
                        (g.organisation_group_heads, "other")):
        head = next((h for h in heads if lowered.endswith(" " + h)), None)
        if head is None:
            continue
        names = names_of(" ".join(words)[:-len(head)].strip())
        if not names:
            return None
        name = resolve_person(names[-1], context.surnames)
        owner = name.canonical.split()[-1] if name.type == "person" else name.canonical
        return Resolved(f"{owner} {head}", kind, True, "ministry" if kind == "government"
                        else "organisation")
    return None


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
        for pattern, template in anonymous_rules().heads:
            if pattern.fullmatch(noun):
                premods = words[:-k]
                named = [i for i, w in enumerate(premods) if _is_affiliation(w)]
                affiliation = " ".join(premods[named[0]:]) + " " if named else ""
                canonical = template.replace("{affiliation}", affiliation)
                return Resolved(" ".join(canonical.split()), "anonymous", False, "anonymous")
    return None

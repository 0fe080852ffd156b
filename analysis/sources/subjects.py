"""Sources that stand before their reporting verb: the subject of a clause ("Officials said"),
coordinated subjects ("The CIA, the NSA and the Pentagon all declined"), a name in apposition
("Matt Duss, the president of the foundation, said"), a subject with a relative or participle
clause ("Supporters who heard from the campaign say"), relative pronouns ("..., who claims"),
and the main subject a second verb shares ("The president left no doubt ..., saying").

Offsets are local to the paragraph's normalised text; the patterns come from :mod:`.grammar`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text.article import Sentence
from .grammar import grammar
from .phrases import Found, ParagraphText, is_time, right_sources
from .resolve import names_of

SUBJECT_WINDOW = 300  # characters before a cue searched for its subject


def clause_starts(t: ParagraphText, start: int, cue: int) -> list[int]:
    """Clause starts between ``start`` and ``cue``, nearest first."""
    points = {start}
    for match in re.finditer(r"(?:[,;:(]|\s[\u2013\u2014-])\s*", t.m[start:cue]):
        points.add(start + match.end())
    for q in t.closed_quotes_ending(start, cue):
        after = re.match(r"[\s,]*", t.m[q.end:cue])
        points.add(q.end + (after.end() if after else 0))
    for match in grammar().conj.finditer(t.m, start, cue):
        if match.start() == 0 or not t.m[match.start() - 1].isalnum():
            points.add(match.start())
    for match in grammar().relative_subject.finditer(t.m, start, cue):
        points.add(match.end())  # "a hacker who U.S. officials say", "what he said were"
    return sorted((p for p in points if p <= cue), reverse=True)


def coordinated_subjects(t: ParagraphText, start: int, cue: int) -> list[tuple[int, int]] | None:
    """Coordinated subjects filling ``[start, cue)``: "The CIA, the NSA, and the Pentagon all"."""
    g = grammar()
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



def subject_of(t: ParagraphText, sent: Sentence, cue: int,
               earlier: Sequence[Found], form: str = ""
               ) -> tuple[list[tuple[int, int]], str, int, tuple[int, int] | None] | None:
    """Source spans standing before a verb cue, how they were found, where their clause
    starts, and, for a relative "who", the phrase it stands for. The subject right before the
    verb may have any lower-case head ("the NFL legend said"), unless the cue ``form`` is also
    a noun ("the terror attacks"): then its head must be a source noun or a name. When none
    is found, an aside in brackets or dashes just before the verb is stepped over."""
    found = _subject_before(t, sent, cue, earlier, form)
    if found is None:
        aside = grammar().aside.search(t.m, sent.local_start, cue)
        if aside and aside.start() > sent.local_start:
            found = _subject_before(t, sent, aside.start() + (t.m[aside.start()] == " "),
                                    earlier, form)
            if found and len(found[0]) == 1 and t.m[found[0][0][0] - 2:found[0][0][0]] == ", ":
                # "Neil Sroka, communications director of DFA - ... - said": the name the
                # description stands beside
                before = grammar().np_end.search(t.m, sent.local_start, found[0][0][0] - 2)
                if before and any(n.type == "person" for n in
                                  names_of(t.text[slice(*before.span("np"))])):
                    found = ([before.span("np")], "appositive", before.start("np"), None)
    return found


def _subject_before(t: ParagraphText, sent: Sentence, cue: int,
                    earlier: Sequence[Found], form: str = ""
                    ) -> tuple[list[tuple[int, int]], str, int, tuple[int, int] | None] | None:
    g = grammar()
    simple = g.simple_named if form.lower() in g.noun_homographs else g.simple
    starts = [p for p in clause_starts(t, sent.local_start, cue) if p >= cue - SUBJECT_WINDOW]
    # the words governed by an earlier cue open a clause too ("said they think")
    governed = sorted({f.cue[1] + 1 for f in earlier
                       if sent.local_start <= f.cue[1] < cue and t.m[f.cue[1]:f.cue[1] + 1] == " "},
                      reverse=True)
    starts = sorted(set(starts) | set(governed), reverse=True)
    for start in reversed(starts):
        spans = coordinated_subjects(t, start, cue)
        if spans:
            return spans, "coordinated", start, None
        match = g.appos.fullmatch(t.m, start, cue)
        if match:
            first = match.span("np")
            a, b = match.span("app")
            b = a + len(t.m[a:b].rstrip())
            agent = g.agent_appositive.match(t.m, a, b)
            agents = right_sources(t, agent.end(), cue) if agent else []
            if agents:
                return agents, "appositive", start, None
            app_persons = [n for n in names_of(t.text[a:b]) if n.type == "person"]
            first_persons = [n for n in names_of(t.text[first[0]:first[1]]) if n.type == "person"]
            # "Before supporters, Suu Kyi, 70, said": the name, not the phrase before it
            b = a + len(t.m[a:b].split(",")[0])
            if app_persons and not first_persons and g.np.fullmatch(t.m, a, b):
                return [(a, b)], "appositive", start, None
            return [first], "appositive", start, None
    for start in starts:
        match = simple.fullmatch(t.m, start, cue)
        if match:
            return [match.span("np")], "subject", start, None
    inside = [f.cue for f in earlier]
    for start in reversed(starts):
        # a subject with a relative or participle clause: "Supporters who have heard from the
        # campaign say", "House Republicans supporting the bill have said"; a bare relative
        # ("people who say") is the relative pronoun, standing for the phrase before it
        match = g.modified.fullmatch(t.m, start, cue)
        if match and simple is g.simple and not any(start <= c < cue for c, _ in inside):
            return [match.span("np")], "modified", start, None
    nearest = starts[0] if starts else cue
    if g.relative.fullmatch(t.m, nearest, cue) and t.m[nearest - 2:nearest] == ", ":
        window = max(sent.local_start, nearest - 160)
        match = g.np_end.search(t.m, window, nearest - 2)
        if match:
            who = re.match(r"\w+", t.m[nearest:cue])
            return [(nearest, nearest + who.end())], "relative", \
                match.start("np"), relative_antecedent(t, window, match.span("np"))
    bare = g.bare_relative.search(t.m, max(sent.local_start, cue - 60), cue)
    if bare:  # "many voters who say", "a report that found"
        window = max(sent.local_start, bare.start() - 160)
        match = g.np_end.search(t.m, window, bare.start())
        if match:
            return [bare.span("rel")], "relative", match.start("np"), match.span("np")
    pronoun = g.pronoun_before.search(t.m, sent.local_start, cue)
    if pronoun:  # "At the town hall this week she said": a pronoun is a subject wherever it is
        return [pronoun.span("np")], "subject", pronoun.start("np"), None
    if g.inherit.search(t.m[sent.local_start:cue]):
        if earlier and earlier[-1].cue[1] <= cue:
            return [earlier[-1].source], "inherited", cue, None
        subject = main_subject(t, sent, cue)
        if subject:
            return [subject], "main", cue, None
    return None


def main_subject(t: ParagraphText, sent: Sentence, cue: int) -> tuple[int, int] | None:
    """The subject of the sentence's first clause that has one, before ``cue``: the source of
    a second verb that shares it ("The president left no doubt ..., saying", "A spokesman
    defended the route and said"). Introductory phrases ("Before the convention,") are
    skipped; a phrase counts as a subject when a lower-case word (its verb) follows it."""
    g = grammar()
    for start in sorted(clause_starts(t, sent.local_start, cue)):
        match = g.clause_subject.match(t.m, start, cue)
        if match and not is_time(t, match.span("np")):
            return match.span("np")
    return None


def relative_antecedent(t: ParagraphText, window: int, np: tuple[int, int]) -> tuple[int, int]:
    """What a relative "who" attaches to: the noun phrase before it, or, when that phrase is a
    description in apposition to a person's name ("Matt Duss, the president of the foundation,
    who"), the name."""
    g = grammar()
    comma = t.m.rfind(", ", window, np[0] + 1)
    while comma > window:
        # the appositive opens after a comma with a determiner or a lower-case word
        # ("Alfonso Aguilar, the executive director of the Latino Partnership, who")
        if g.det_start.match(t.m[comma + 2:]) or t.m[comma + 2:comma + 3].islower():
            before = g.np_end.search(t.m, window, comma)
            if before and any(n.type == "person"
                              for n in names_of(t.text[slice(*before.span("np"))])):
                return before.span("np")
            break
        comma = t.m.rfind(", ", window, comma)
    return np

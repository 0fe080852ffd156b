"""Finding attributions: every reporting cue of a paragraph, read in its frame, with the spans
of its source (offsets local to the paragraph's normalised text).

See :mod:`analysis.sources` for the frames and their limits. What was said is decided in
:mod:`.speech`, the source resolved in :mod:`.resolve`, and rows made in :mod:`.rows`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..text.article import Paragraph, Sentence
from ..text.quotation import Quote, outer_quotes
from ..text.spans import strip_span
from .cues import CueSpec, cue_regex, cue_specs
from .grammar import grammar, matching_copy
from .resolve import Resolved, names_of

SUBJECT_WINDOW = 300  # characters before a cue searched for its subject
EDGES = " ,;:\u2013\u2014-\x01"  # what a source or clause span is trimmed of


@dataclass
class Found:
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
    governor: Found | None = None
    after: str = ""
    parenthetical: bool = False
    direct: Quote | None = None
    extra_quotes: list[Quote] = field(default_factory=list)
    speech: tuple[int, int] | None = None
    anaphoric: bool = False
    subject: tuple[int, int] | None = None
    cue_class: str = ""
    verbatim: bool = False  # the speech is the source's own words without quotation marks
    refers_to: tuple[int, int] | None = None  # what a relative "who" source stands for

    @property
    def region(self) -> tuple[int, int]:
        """The span of the source and cue together (the cue alone for an inherited source)."""
        if self.inherited:
            return self.cue
        return min(self.source[0], self.cue[0]), max(self.source[1], self.cue[1])


@dataclass
class ParagraphText:
    """A paragraph's text, its matching copy and its quotations."""

    text: str
    m: str
    quotes: list[Quote]


def clause_starts(t: ParagraphText, start: int, cue: int) -> list[int]:
    """Clause starts between ``start`` and ``cue``, nearest first."""
    points = {start}
    for match in re.finditer(r"(?:[,;:(]|\s[\u2013\u2014-])\s*", t.m[start:cue]):
        points.add(start + match.end())
    for q in t.quotes:
        if q.closed and start <= q.end <= cue:
            after = re.match(r"[\s,]*", t.m[q.end:cue])
            points.add(q.end + (after.end() if after else 0))
    for match in grammar().conj.finditer(t.m, start, cue):
        if match.start() == 0 or not t.m[match.start() - 1].isalnum():
            points.add(match.start())
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
    a noun ("the terror attacks"): then its head must be a source noun or a name."""
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


def is_time(t: ParagraphText, span: tuple[int, int]) -> bool:
    """True when a phrase is only a time ("Tuesday", "Hours", "this past week"): never a
    source."""
    words = [w.lower() for w in re.findall(r"[\w'-]+", t.m[span[0]:span[1]])]
    content = [w for w in words if w not in grammar().time_fillers]
    return bool(content) and all(w in grammar().time_words for w in content)


def right_sources(t: ParagraphText, position: int, end: int,
                  any_head: bool = False) -> list[tuple[int, int]]:
    """Source spans of the noun phrase, or "A, B and C" list, starting at ``position``; with
    ``any_head`` the phrase may have any lower-case head (the subject after a verb: "said the
    master of ceremonies")."""
    g = grammar()
    match = (g.right_np_any if any_head else g.right_np).match(t.m, position, end)
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
        spans = spans[:1]
    return [span for span in spans if not is_time(t, span)]


def skip_adverbials(t: ParagraphText, position: int, end: int) -> int:
    """Position after adverbials and relay clauses (", citing X") that follow a cue."""
    g = grammar()
    while True:
        step = g.adv_step.match(t.m, position, end)
        if step:
            position = step.end()
            continue
        relay = g.relay_step.match(t.m, position, end)
        spans = right_sources(t, relay.end(), end) if relay else []
        if spans:
            position = spans[-1][1]
            continue
        return position


def after_cue(t: ParagraphText, position: int, end: int, told: bool) -> int:
    """Position after adverbials, relay clauses and (for "told") the addressee."""
    position = skip_adverbials(t, position, end)
    if told:
        addressee = grammar().addressee.match(t.m, position, end)
        if addressee:
            position = skip_adverbials(t, addressee.end(), end)
    return position


def speech_follows(t: ParagraphText, position: int, end: int) -> str:
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


def quote_ending_at(t: ParagraphText, region_start: int) -> Quote | None:
    """The closed quotation that ends right before ``region_start`` (commas aside)."""
    for q in t.quotes:
        if q.closed and q.end <= region_start and not t.m[q.end:region_start].strip(" ,"):
            return q
    return None


def quote_opening_at(t: ParagraphText, position: int) -> Quote | None:
    """The quotation that opens right after ``position`` (after a colon or comma)."""
    match = re.match(r"\s*[:,]?\s*", t.m[position:])
    at = position + (match.end() if match else 0)
    return next((q for q in t.quotes if q.start == at), None)


_QUOTED_OBJECT = re.compile(r"[\w'.@-]+(?: [\w'.@-]+){0,7}")


def inside_any(position: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True when ``position`` lies in one of ``spans``."""
    return any(a <= position < b for a, b in spans)


def sentence_initial(text: str, start: int, position: int) -> bool:
    """True when only quotation marks or brackets stand between ``start`` (where the sentence
    starts) and ``position``."""
    return not text[start:position].strip(" \"'(")


def paragraph_text(paragraph: Paragraph) -> ParagraphText:
    """A paragraph's text with its matching copy and quotations, ready for the grammar."""
    return ParagraphText(paragraph.text, matching_copy(paragraph.text),
                         outer_quotes(paragraph.text))


def title_case(text: str, sent: Sentence) -> bool:
    """True for a sentence written in title case, as headlines are ("Dennis Prager Tells
    Conservatives They Need To Change Course"): there a capital does not make a name."""
    words = re.findall(r"[A-Za-z][\w'-]*", text[sent.local_start:sent.local_end])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def find_in_paragraph(t: ParagraphText, paragraph: Paragraph, sentences: list[Sentence],
                      blocked: Iterable[tuple[int, int]] = ()) -> list[Found]:
    """Every attribution in one paragraph, cue by cue, in text order."""
    text = paragraph.text
    closed = [(q.inner_start, q.inner_end) for q in t.quotes if q.closed]
    found: list[Found] = []
    # words inside quotations or ``blocked`` spans (a speaker's turn), sources already read,
    # and anonymity formulas ("who asked not to be named") are never a cue
    taken: list[tuple[int, int]] = [*blocked, *(m.span() for m in
                                                grammar().anonymous_formula.finditer(t.m))]
    for sent in sentences:
        in_sentence: list[Found] = in_documents(t, sent, paragraph)
        taken.extend(f.source for f in in_sentence)
        for match in cue_regex().finditer(text, sent.local_start, sent.local_end):
            cue = match.span()
            form = match.group()
            if inside_any(cue[0], closed) or inside_any(cue[0], taken):
                continue
            if form[0].isupper() and not sentence_initial(text, sent.local_start, cue[0]) \
                    and not text[:cue[0]].rstrip().endswith(":") and not title_case(text, sent):
                continue  # a capital inside a sentence is a name ("Says Who", a title)
            for spec in cue_specs()[form[0].lower() + form[1:]]:
                made = read_frame(t, sent, cue, form, spec, in_sentence, paragraph)
                if made:
                    in_sentence.extend(made)
                    taken.extend(f.source for f in made if not f.inherited)
                    break
        found.extend(in_sentence)
    return found


IN_SPEC = CueSpec("neutral", "according", False, ())


def in_documents(t: ParagraphText, sent: Sentence, paragraph: Paragraph) -> list[Found]:
    """A clause that opens with "In" and a document ("In a statement, the ministry ...", "In a
    September poll, 75 percent said ..."): the document is a source, "In" its cue."""
    made = []
    for match in grammar().in_document.finditer(t.m, sent.local_start, sent.local_end):
        before = t.m[sent.local_start:match.start()]
        if before.strip(" \"'(") and not before.rstrip().endswith((",", ";")):
            continue
        made.append(Found(paragraph, sent.index, (sent.local_start, sent.local_end),
                          match.span("np"), (match.start(), match.start() + 2), IN_SPEC,
                          "according"))
    return made


def read_frame(t: ParagraphText, sent: Sentence, cue: tuple[int, int], form: str, spec: CueSpec,
               earlier: list[Found], paragraph: Paragraph) -> list[Found]:
    """Attributions for one cue read in one frame (empty when the frame does not fit)."""
    g = grammar()
    m = t.m

    def make(spans: list[tuple[int, int]], frame: str, **extra) -> list[Found]:
        """Attributions for ``spans`` in this frame."""
        return [Found(paragraph, sent.index, (sent.local_start, sent.local_end), s, cue, spec,
                      frame, **extra) for s in spans]

    if spec.frame in ("according", "relay", "attributed"):
        if spec.frame == "relay" and not (m[:cue[0]].rstrip().endswith(",")
                                          or sentence_initial(m, sent.local_start, cue[0])):
            return []
        if m[cue[1]:cue[1] + 1] != " ":
            return []
        spans = right_sources(t, cue[1] + 1, sent.local_end, any_head=spec.frame == "according")
        if not spans and spec.frame == "according":
            # "according to a lawsuit filed in Manhattan by ...": the phrase up to the clause end
            phrase = g.according_phrase.match(m, cue[1] + 1, sent.local_end)
            spans = [phrase.span("np")] if phrase else []
        return make(spans, spec.frame) if spans else []
    if spec.frame == "noun":
        after = g.noun_by.match(m, cue[1], sent.local_end)
        spans = right_sources(t, after.end(), sent.local_end) if after else []
        if spans:
            return make(spans, "noun")
        before = g.possessive.search(m, max(sent.local_start, cue[0] - 80), cue[0])
        if before and g.noun_content.match(m, cue[1], sent.local_end) \
                and names_of(t.text[slice(*before.span("name"))]):
            return make([before.span("name")], "possessive")
        return []
    if spec.frame == "evaluative":
        if g.aux.search(m, sent.local_start, cue[0]):
            return []  # "the group was described as ...": the subject is what is described
        rest = m[cue[1]:sent.local_end]
        obj = g.evaluative_object.match(rest)
        quoted = g.evaluative_quote.match(rest)
        if not (obj or quoted):
            return []
        subject = subject_of(t, sent, cue[0], earlier, form)
        if not subject:
            return []
        spans, how, _, refers = subject
        return make(spans, "evaluative", inherited=how == "inherited", refers_to=refers)
    return read_verb(t, sent, cue, form, spec, earlier, make)


def read_verb(t: ParagraphText, sent: Sentence, cue: tuple[int, int], form: str, spec: CueSpec,
              earlier: list[Found], make) -> list[Found]:
    """A reporting verb: passive agent, subject before, or subject after ("said X")."""
    g = grammar()
    m = t.m
    # "was reported by X", "as reported by X" (but "is telling" is not passive)
    aux = None if form.endswith("ing") else (g.aux.search(m, sent.local_start, cue[0])
                                             or g.as_passive.search(m, sent.local_start, cue[0]))
    if aux:
        agent = re.compile(rf" (?:{'|'.join(spec.passive)}) ").match(m, cue[1], sent.local_end) \
            if spec.passive else None
        spans = right_sources(t, agent.end(), sent.local_end) if agent else []
        if not spans:
            return []
        subject = strip_span(m, sent.local_start, aux.start(), EDGES)
        words = t.text[subject[0]:subject[1]].lower()
        anaphoric = words in g.anaphors
        return make(spans, "passive", anaphoric=anaphoric,
                    subject=subject if subject[1] > subject[0] else None)
    told = form.lower().startswith(g.telling_forms)
    after = after_cue(t, cue[1], sent.local_end, told)
    follows = speech_follows(t, after, sent.local_end)
    subject = None
    if form.endswith("ing") and m[sent.local_start:cue[0]].rstrip().endswith((",", "\u2014", "--")):
        # a participle after a comma shares the subject of the clause before it ("Sanders
        # defended his plan, saying ..."): the previous cue's source, or the main subject
        if earlier and earlier[-1].cue[1] <= cue[0]:
            subject = ([earlier[-1].source], "inherited", cue[0], None)
        else:
            shared = main_subject(t, sent, cue[0])
            subject = ([shared], "main", cue[0], None) if shared else None
    if subject is None:
        subject = subject_of(t, sent, cue[0], earlier, form)
    if subject is not None and all(is_time(t, span) for span in subject[0]):
        subject = None  # "Hours later, Trump returned the compliment, telling ..."
    inverted = False
    if subject is None:
        nearest = clause_starts(t, sent.local_start, cue[0])
        left = m[nearest[0]:cue[0]] if nearest else ""
        if not told and (left.strip(" ,") == "" or g.adverbs.fullmatch(" " + left.strip())):
            spans = right_sources(t, cue[1] + 1, sent.local_end, any_head=True) \
                if m[cue[1]:cue[1] + 1] == " " else []
            if spans:
                subject = (spans, "inverted", cue[0], None)
                inverted = True
        if subject is None:
            return []
    spans, how, clause, refers = subject
    first = min(s for s, _ in spans)
    quote_before = quote_ending_at(t, clause)
    if inverted:
        after = after_cue(t, max(e for _, e in spans), sent.local_end, False)
        follows = speech_follows(t, after, sent.local_end)
    relayed: list[tuple[int, int]] = []
    if form.lower() in g.quoting_forms:
        as_saying = g.quoted_as.search(m, cue[1], sent.local_end)
        relayed = right_sources(t, cue[1] + 1, as_saying.start()) if as_saying else []
        if as_saying and not relayed and _QUOTED_OBJECT.fullmatch(m, cue[1] + 1,
                                                                 as_saying.start()):
            relayed = [(cue[1] + 1, as_saying.start())]
        if relayed:
            after = as_saying.end()
            follows = speech_follows(t, after, sent.local_end)
    cue_class = ""
    left_end = cue[0] if inverted else (earlier[-1].cue[1] if how == "inherited"
                                       else max(e for _, e in spans))
    tail = m[left_end:cue[0]]
    tail_start = left_end + tail.rfind(",") + 1
    if g.negation.search(m, tail_start, cue[0]):
        cue_class = "non_response"
        auxiliary = g.auxiliary.search(m, tail_start, cue[0])
        if auxiliary:
            cue = (auxiliary.start(), cue[1])
    elif spec.check and quote_before is None and not relayed:
        if follows == "clause":
            return []
        if follows == "none" and not m[sent.local_start:first].strip(" \"'") and not inverted:
            return []  # "X added." with nothing said before or after
        if follows == "none" and not inverted and not m[sent.local_start:clause].rstrip(
                " ").endswith((",", "\"", "'", "\u2014", "\u2013", "-", "(")):
            return []  # "said it would respond.": no words of its own, and not parenthetical
    made = make(spans, "verb", inherited=how == "inherited", refers_to=refers)
    for span in relayed:
        made.append(Found(made[0].paragraph, sent.index, (sent.local_start, sent.local_end),
                          span, cue, spec, "relay", governor=made[0]))
    for f in made:
        f.cue = cue
        f.cue_class = cue_class
        f.after = follows
        f.parenthetical = follows == "none" and quote_before is None
        f.direct = quote_before
        if follows in ("colon", "quote") and quote_before is None:
            f.direct = quote_opening_at(t, after)
        f.speech = (after, after)  # provisional: where the governed words start
    return made

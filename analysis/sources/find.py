"""Finding attributions: every reporting cue of a paragraph, read in its frame, with the spans
of its source (offsets local to the paragraph's normalised text).

See :mod:`analysis.sources` for the frames and their limits. Subjects before a verb are read
in :mod:`.subjects`, source phrases in :mod:`.phrases`; what was said is decided in
:mod:`.speech`, the source resolved in :mod:`.resolve`, and rows made in :mod:`.rows`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace

from ..text.article import Paragraph, Sentence
from ..text.quotation import Quote, is_title
from ..text.spans import strip_span
from .cues import CueSpec, cue_regex, cue_specs
from .grammar import grammar
from .phrases import (
    EDGES,
    Found,
    ParagraphText,
    SpanSet,
    is_time,
    right_sources,
    sentence_initial,
)
from .resolve import names_of
from .subjects import clause_starts, main_subject, subject_of

# a relative clause whose object is what the cue's verb labels: "which he called a cartel",
# "what Mr. Hedge called the prior model"
_EXTRACTED = re.compile(r"(?<![\w'-])(?:which|what|that|whom)\s+[^,;:\"()]{1,60}$")


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
    if t.quote_at(offset) is not None or (stripped.startswith(",")
                                          and t.quote_at(offset + 2) is not None):
        return "quote"
    if re.match(r",?\s*that\s", stripped):
        return "that"
    if not stripped or stripped[0] in ".!?,;)\u2013\u2014" or stripped.startswith("- "):
        return "none"
    return "clause"


_BLANK = re.compile(r"[ ,]*")
_OPENING_GAP = re.compile(r"\s*[:,]?\s*")


def quote_ending_at(t: ParagraphText, region_start: int) -> Quote | None:
    """The closed quotation that ends right before ``region_start`` (commas aside)."""
    # only the last quotation ending by then can: an earlier one has its marks in between
    q = t.last_quote_ending_by(region_start)
    if q is not None and q.closed and _BLANK.fullmatch(t.m, q.end, region_start):
        return q
    return None


def quote_opening_at(t: ParagraphText, position: int) -> Quote | None:
    """The quotation that opens right after ``position`` (after a colon or comma)."""
    return t.quote_at(_OPENING_GAP.match(t.m, position).end())


def ends_with(text: str, position: int, chars: str) -> bool:
    """True when the text before ``position``, trailing whitespace aside, ends with one of
    ``chars`` (``text[:position].rstrip().endswith(tuple(chars))`` without the copy)."""
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return position > 0 and text[position - 1] in chars


_QUOTED_OBJECT = re.compile(r"[\w'.@-]+(?: [\w'.@-]+){0,7}")


def title_case(text: str, sent: Sentence) -> bool:
    """True for a sentence written in title case, as headlines are ("Dennis Prager Tells
    Conservatives They Need To Change Course"): there a capital does not make a name."""
    words = re.findall(r"[A-Za-z][\w'-]*", text[sent.local_start:sent.local_end])
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def find_in_paragraph(t: ParagraphText, paragraph: Paragraph, sentences: list[Sentence],
                      blocked: Iterable[tuple[int, int]] = ()) -> list[Found]:
    """Every attribution in one paragraph, cue by cue, in text order."""
    text = paragraph.text
    found: list[Found] = []
    # words inside quotations or ``blocked`` spans (a speaker's turn), sources already read,
    # and anonymity formulas ("who asked not to be named") are never a cue
    taken = SpanSet([*blocked, *(m.span() for m in grammar().anonymous_formula.finditer(t.m))])
    for sent in sentences:
        documents = in_documents(t, sent, paragraph)
        taken.extend(f.source for f in documents)
        read: list[Found] = []  # in text order of their cues, as ``documents``
        titled = None
        for match in cue_regex().finditer(text, sent.local_start, sent.local_end):
            cue = match.span()
            form = match.group()
            if t.in_closed_quote(cue[0]) or taken.covers(cue[0]):
                continue
            if form[0].isupper() and not sentence_initial(text, sent.local_start, cue[0]) \
                    and not ends_with(text, cue[0], ":"):
                titled = title_case(text, sent) if titled is None else titled
                if not titled:
                    continue  # a capital inside a sentence is a name ("Says Who", a title)
            near = cue_window(text, sent, cue)
            earlier = [*_from(documents, near.local_start), *_from(read, near.local_start)]
            for spec in cue_specs()[form[0].lower() + form[1:]]:
                made = read_frame(t, near, cue, form, spec, earlier, paragraph)
                if made:
                    read.extend(made)
                    taken.extend(f.source for f in made if not f.inherited)
                    break
        found.extend(documents + read)
    return found


CUE_WINDOW = 1000  # characters read before and after a cue in one sentence, at most


def cue_window(text: str, sent: Sentence, cue: tuple[int, int]) -> Sentence:
    """The part of ``sent`` a cue's frame is read in: the whole sentence, unless it runs more
    than ``CUE_WINDOW`` characters before or after the cue (a paragraph without sentence
    punctuation is one "sentence"): then from the first word that starts within that many
    characters, to the last word that ends within them. This keeps the work per cue bounded."""
    start, end = sent.local_start, sent.local_end
    if cue[0] - start > CUE_WINDOW:
        space = text.find(" ", cue[0] - CUE_WINDOW, cue[0])
        start = space + 1 if space >= 0 else cue[0]
    if end - cue[1] > CUE_WINDOW:
        space = text.rfind(" ", cue[1], cue[1] + CUE_WINDOW)
        end = space if space >= 0 else cue[1]
    if (start, end) == (sent.local_start, sent.local_end):
        return sent
    return replace(sent, text=text[start:end], local_start=start, local_end=end)


def _from(found: list[Found], start: int) -> list[Found]:
    """The attributions of ``found`` (in text order of their cues) whose cue ends at or after
    ``start``."""
    return found[bisect_left(found, start, key=lambda f: f.cue[1]):]


IN_SPEC = CueSpec("neutral", "according", False, ())


def in_documents(t: ParagraphText, sent: Sentence, paragraph: Paragraph) -> list[Found]:
    """A clause that opens with "In" and a document ("In a statement, the ministry ...", "In a
    September poll, 75 percent said ..."): the document is a source, "In" its cue."""
    made = []
    for match in grammar().in_document.finditer(t.m, sent.local_start, sent.local_end):
        if not sentence_initial(t.m, sent.local_start, match.start()) \
                and not ends_with(t.m, match.start(), ",;"):
            continue
        cue = (match.start(), match.start() + 2)
        near = cue_window(t.text, sent, cue)
        made.append(Found(paragraph, sent.index, (near.local_start, near.local_end),
                          match.span("np"), cue, IN_SPEC, "according"))
    return made


def read_frame(t: ParagraphText, sent: Sentence, cue: tuple[int, int], form: str, spec: CueSpec,
               earlier: list[Found], paragraph: Paragraph) -> list[Found]:
    """Attributions for one cue read in one frame (empty when the frame does not fit);
    ``sent`` is the cue's window of its sentence (:func:`cue_window`)."""
    g = grammar()
    m = t.m

    def make(spans: list[tuple[int, int]], frame: str, **extra) -> list[Found]:
        """Attributions for ``spans`` in this frame."""
        return [Found(paragraph, sent.index, (sent.local_start, sent.local_end), s, cue, spec,
                      frame, **extra) for s in spans]

    if spec.frame in ("according", "relay", "attributed"):
        if spec.frame == "relay" and not (ends_with(m, cue[0], ",")
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
        if not (obj or quoted or _EXTRACTED.search(m, sent.local_start, cue[0])):
            return []  # but "which he called a cartel": the object went before the subject
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
    aside = g.aside_colon.match(m, after, sent.local_end)
    if aside:  # "He added, with a nod to his critics: '...'"
        after = aside.end()
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
            # a bare common noun after the verb is its object ("claimed credit"), unless it
            # is a source noun ("said officials")
            spans = [s for s in spans if g.det_start.match(m[s[0]:s[1]] + " ")
                     or g.right_np.match(m, s[0], sent.local_end)]
            if spans:
                subject = (spans, "inverted", cue[0], None)
                inverted = True
        if subject is None:
            return []
    spans, how, clause, refers = subject
    first = min(s for s, _ in spans)
    quote_before = quote_ending_at(t, clause)
    if quote_before is not None and is_title(
            t.text[quote_before.inner_start:quote_before.inner_end], min_words=2):
        quote_before = None  # 'Speaking on "This Week," Sen. Kay said ...': a title, not speech
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
    aside = g.aside.search(m, tail_start, cue[0])
    if aside:  # "Joyce -- who doesn't practise law -- told": the aside's "not" is not the verb's
        tail_start = aside.end()
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

"""Attribution by a colon: speaker turns, headline labels, and "X verb: '...'".

Three constructions that name a source without a reporting verb the cue lexicon lists:

- **Speaker turns** of a transcript or interview: a paragraph that opens with a speaker's label
  in capitals, or A (an interview's answer), and a colon ("TAPPER: And obviously ...", "A: Not
  yet."). The rest of the paragraph is the speaker's own words (frame ``turn``): it is quoted
  speech, and no cue inside it is read, as no cue inside quotation marks is. "Q:" (the
  interviewer's question) and the publication's own labels ("UPDATE:", "EXCLUSIVE:", from
  ``grammar.tsv``'s ``editorial_labels``) are not turns.
- **Labels**: a sentence that opens with a source's name and a colon ("Bernie Sanders: 'It is
  not a radical idea'", "NY Post: Megyn Kelly ..."); the words after the colon are what was said
  (frame ``colon``): a quotation, the headline, or a sentence of at least eight words
  ("Sanders: Win in a walk." further down is a subheading). The name must resolve to a
  person, an organisation, a medium or a government, so "Update:" or "Name:" are not
  sources.
- **Any verb before a colon and a quotation**: "Mr. Christie gloated: ''I told you ...''", "as
  Tom Ridge put it: '...'". A source phrase, at most a few words of verb phrase, a colon, then a
  quotation: the quotation is the source's (frame ``colon``, cue = the verb phrase and colon).
"""

from __future__ import annotations

import re

from ..text.article import Paragraph, Sentence
from .cues import CueSpec
from .find import cue_window, quote_opening_at
from .grammar import grammar
from .phrases import Found, ParagraphText, sentence_initial
from .resolve import Context, resolve
from .subjects import subject_of

SPEAKER_LABEL = re.compile(r"(?P<label>(?:[A-Z][A-Z.'\u2019-]+)(?: [A-Z][A-Z.'\u2019-]+){0,3}|Q|A)"
                           r"\s?:\s+(?=\S)")
COLON_SPEC = CueSpec("neutral", "verb", False, ())
VERB_WORDS = 6  # words between a source phrase and its colon, at most
LABEL_WORDS = 8  # words after a label's colon, at least, when no quotation opens there
SOURCE_KINDS = ("person", "media", "government", "anonymous")
_COLON = re.compile(":")
_WORD_START = re.compile(r"(?<!\S)\S")
_LEADING = re.compile(r"[ \"'(\[]*")


def speaker_turn(paragraph: Paragraph, sentences: list[Sentence]) -> Found | None:
    """A transcript speaker's turn, when the paragraph opens with a label and a colon."""
    match = SPEAKER_LABEL.match(paragraph.text)
    if not match or not sentences or match.group("label") in grammar().editorial_labels:
        return None
    first = sentences[0]
    return Found(paragraph, first.index, (first.local_start, first.local_end),
                 match.span("label"), (match.end("label"), match.end("label") + 1), COLON_SPEC,
                 "turn", speech=(match.end(), len(paragraph.text.rstrip())), verbatim=True)


def colon_attributions(t: ParagraphText, paragraph: Paragraph, sentences: list[Sentence],
                       found: list[Found], context: Context) -> list[Found]:
    """Labels and verb-colon-quotation constructions the cue pass did not read."""
    made: list[Found] = []
    # where the first cue of each sentence's attributions starts: a colon after it is claimed
    first_cue: dict[int, int] = {}
    for f in found:
        first_cue[f.sentence] = min(f.cue[0], first_cue.get(f.sentence, f.cue[0]))
    for sent in sentences:
        for colon in (m.start() for m in _COLON.finditer(t.m, sent.local_start, sent.local_end)):
            if t.in_closed_quote(colon) or first_cue.get(sent.index, colon) < colon:
                continue  # in a quotation, or an attribution of the sentence has its cue before
            near = cue_window(t.text, sent, (colon, colon + 1))
            label = _label(t, sent, near, colon, paragraph, context)
            new = [label] if label else []
            if not label:
                quote = quote_opening_at(t, colon + 1)
                new = _verb_colon(t, near, colon, quote, paragraph) if quote is not None else []
            for f in new:
                made.append(f)
                first_cue[f.sentence] = min(f.cue[0], first_cue.get(f.sentence, f.cue[0]))
    return made


def _label(t: ParagraphText, sent: Sentence, near: Sentence, colon: int, paragraph: Paragraph,
           context: Context) -> Found | None:
    """``Name: what was said`` at the start of a sentence (``near``: the colon's window of
    it, :func:`.find.cue_window`)."""
    start = _LEADING.match(t.m, sent.local_start, colon).end()
    if start >= colon or not sentence_initial(t.m, sent.local_start, start) \
            or not grammar().np.fullmatch(t.m, start, colon):
        return None
    rest = t.m[colon + 1:near.local_end]
    if quote_opening_at(t, colon + 1) is None and len(rest.split()) < LABEL_WORDS \
            and paragraph.index > 0:
        return None  # "Sanders: Win in a walk." is a subheading, not what Sanders said
    phrase = t.text[start:colon]
    resolved = resolve(phrase, paragraph.raw_span(start, colon)[0], context)
    if not resolved.named or resolved.kind == "place" \
            or (resolved.kind not in SOURCE_KINDS and " " not in phrase):
        return None  # "Update:", "Note:", "WASHINGTON:", "New Hampshire:" are not sources
    end = near.local_end
    while end > 0 and t.text[end - 1] in " .":
        end -= 1
    return Found(paragraph, sent.index, (near.local_start, near.local_end), (start, colon),
                 (colon, colon + 1), COLON_SPEC, "colon",
                 speech=(colon + 1 + len(t.text[colon + 1:end]) - len(
                     t.text[colon + 1:end].lstrip()), end))


def _verb_colon(t: ParagraphText, sent: Sentence, colon: int, quote, paragraph: Paragraph
                ) -> list[Found]:
    """``Source verb phrase: "quotation"`` with a verb the cue lexicon does not list."""
    words = [m.start() for m in _WORD_START.finditer(t.m, sent.local_start + 1, colon)]
    for start in reversed(words[-VERB_WORDS:]):  # the nearest verb first
        subject = subject_of(t, sent, start, [])
        if subject is None or subject[1] == "inherited":
            continue
        between = t.m[start:colon]
        if re.search(r"[,;\"()\u2013\u2014]", between):
            continue
        return [Found(paragraph, sent.index, (sent.local_start, sent.local_end), span,
                      (start, colon + 1), COLON_SPEC, "colon", direct=quote)
                for span in subject[0]]
    return []

"""Narrator's voice versus attributed speech: is the framing the outlet's own, or its sources'?

Every character of the analysed text gets one of three voices:

- **quoted**: the source's own words: the inside of quotation marks that fall within
  attributed speech (direct and partial quotations), embedded posts, and quotations of
  ``LONG_QUOTE_WORDS`` or more words that no source is found for (a memo or a speaker the
  rules miss: an outlet does not write whole sentences in quotation marks in its own voice;
  ``sources`` is empty for them).
- **reported**: the rest of attributed speech: the clause a reporting verb or "according to"
  governs ("officials said *the White House has taken no response*"). The content is the
  source's, but the wording is the outlet's paraphrase, so loaded words here are ambiguous.
- **narrator**: everything else, including the words that name a source ("*officials said*")
  and scare quotes the outlet puts around a few words no source is credited with.

Attributed speech comes from the sources lens (:func:`analysis.sources.attributions`; embedded
posts are quoted voice when the analysed roles include them), so the split is only as good as
its rules: a reported clause that runs on into narration counts as reported, and speech the
rules miss counts as the narrator's. A stance marker counts for a voice when it lies wholly
inside it; one that straddles a boundary is listed with voice ``mixed``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from heapq import heappop, heappush
from typing import Any

import pandas as pd

from . import stance as stance_lens
from . import tone as tone_lens
from .evidence import in_input_order
from .sources.rows import attributions
from .text.article import article_list, check_roles
from .text.quotation import outer_quotes
from .text.roles import DEFAULT_ROLES
from .text.spans import cut_spans, merge_spans, strip_span
from .text.tables import sentences, tokens
from .text.tokenise import WORD_KINDS, word_count

VOICES = ("narrator", "reported", "quoted")
LONG_QUOTE_WORDS = 5  # an uncredited quotation this long is a source's words, not a scare quote
SPAN_COLUMNS = ["article", "start", "end", "voice", "sources"]
SEGMENT_COLUMNS = ["article", "paragraph", "sentence", "voice", "start", "end", "match"]
WORD_COLUMNS = ["article", "voice", "words", "share"]
STANCE_COLUMNS = ["article", "voice", "category", "count", "words", "per_1000"]
COMPARE_COLUMNS = ["article", "category", "narrator", "narrator_words", "narrator_per_1000",
                   "reported", "reported_per_1000", "quoted", "quoted_per_1000", "mixed"]

__all__ = ["spans", "segments", "words", "markers", "voice_at", "stance", "compare_stance", "tone",
    "marker_voices", "VOICES", "SPAN_COLUMNS", "SEGMENT_COLUMNS", "WORD_COLUMNS",
    "STANCE_COLUMNS", "COMPARE_COLUMNS"]


def spans(articles, *, roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Raw spans of attributed speech in the paragraphs of ``roles``, each labelled ``quoted``
    or ``reported``.

    Columns: article, start, end, voice, sources (canonical names of the speakers, joined).
    Spans do not overlap; text outside every span is the narrator's.
    """
    wanted = check_roles(roles)
    rows = []
    for article in article_list(articles):
        rows += article.cached(("voice spans", wanted), lambda a=article: _spans(a, wanted))
    return pd.DataFrame(rows, columns=SPAN_COLUMNS)


def _spans(article, wanted: frozenset[str]) -> tuple[dict, ...]:
    """The rows of :func:`spans` for one article (cached on it per roles: several lenses and
    the annotated view need them)."""
    found = attributions(article, roles=wanted)
    found = found[found["role"].isin(wanted) & (found["speech_start"] >= 0)
                  & (found["speech_end"] > found["speech_start"])]
    # the words naming the source and the cue are the writer's, even between the parts of
    # a quotation ('"We will win," Smith said. "And win big."')
    speech = cut_holes(merge_spans([(int(r.speech_start), int(r.speech_end), {r.canonical})
                                    for r in found.itertuples()]),
                       [(int(r.start), int(r.end)) for r in found.itertuples()]
                       + [(int(r.cue_start), int(r.cue_end)) for r in found.itertuples()
                          if r.cue_start >= 0])
    posts = {int(r.speech_start) for r in found.itertuples() if r.frame == "embed"}
    index = SpeechIndex(speech)
    verbatim = []
    for paragraph in article.select(roles=wanted):
        for quote in outer_quotes(paragraph.text):
            a, b = paragraph.raw_span(quote.inner_start, quote.inner_end)
            credited = [(max(a, s), min(b, e), names)
                        for s, e, names in index.overlapping(a, b)]
            verbatim += credited
            if not credited and quote.closed and word_count(
                    paragraph.text[quote.inner_start:quote.inner_end]) >= LONG_QUOTE_WORDS:
                verbatim.append((a, b, set()))  # someone's words, though no one is named
    verbatim += [(s, e, n) for s, e, n in speech if s in posts]
    verbatim = merge_spans(verbatim)
    labelled = [(s, e, n, "quoted") for s, e, n in verbatim]
    labelled += [(s, e, n, "reported")
                 for s, e, n in cut_holes(speech, [(s, e) for s, e, _ in verbatim])]
    return tuple({"article": article.id, "start": s, "end": e, "voice": v,
                  "sources": ", ".join(sorted(n))} for s, e, n, v in sorted(labelled))


def segments(articles, *, roles: Iterable[str] | None = DEFAULT_ROLES,
             speech: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every sentence of the chosen roles cut into narrator, reported and quoted pieces.

    Columns: article, paragraph, sentence, voice, start, end, match (``raw[start:end]``).
    Pieces are trimmed of surrounding whitespace and kept when they hold a letter or digit.
    """
    chosen = article_list(articles)
    speech = spans(chosen, roles=roles) if speech is None else speech
    rows = []
    for article in chosen:
        own = _own(speech, article.id)
        for unit in sentences(article, roles=roles).itertuples():
            cuts = [unit.start, *own.boundaries(unit.start, unit.end), unit.end]
            for a, b in zip(cuts, cuts[1:], strict=False):
                voice = own.holding(a, b, "narrator")
                a, b = strip_span(article.raw, a, b)
                if a < b and any(c.isalnum() for c in article.raw[a:b]):
                    if rows and rows[-1]["voice"] == voice and rows[-1]["sentence"] == \
                            unit.sentence and rows[-1]["article"] == article.id:
                        rows[-1]["end"] = b
                        rows[-1]["match"] = article.raw[rows[-1]["start"]:b]
                        continue
                    rows.append({"article": article.id, "paragraph": unit.paragraph,
                                 "sentence": unit.sentence, "voice": voice, "start": a, "end": b,
                                 "match": article.raw[a:b]})
    return pd.DataFrame(rows, columns=SEGMENT_COLUMNS)


def voice_at(speech: list[tuple[int, int, str]], start: int, end: int) -> str:
    """The voice wholly holding ``[start, end)`` among one article's ``(start, end, voice)``
    spans: narrator (in none), reported, quoted, or mixed (straddling a boundary). For many
    look-ups in one article, build one :class:`SpeechIndex` and call its ``voice``."""
    return SpeechIndex(speech).voice(start, end)


class SpeechIndex:
    """One article's labelled spans ``(start, end, label)``, indexed for look-ups that cost a
    binary search: spans that are in order and do not overlap (as :func:`spans` gives them)
    are searched; any others are scanned, with the same answers."""

    def __init__(self, labelled: Iterable[tuple[int, int, Any]]):
        self.spans = list(labelled)
        self._starts = [s for s, _, _ in self.spans]
        self._ends = [e for _, e, _ in self.spans]
        self._ordered = all(s <= e for s, e, _ in self.spans) and all(
            e <= s for e, s in zip(self._ends, self._starts[1:], strict=False))
        self._boundaries = sorted({x for s, e, _ in self.spans for x in (s, e)})

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, Any]]:
        """The spans that overlap ``[start, end)``, in their order."""
        if not self._ordered:
            return [span for span in self.spans if span[0] < end and start < span[1]]
        return self.spans[bisect_right(self._ends, start):
                          max(0, bisect_left(self._starts, end))]

    def holding(self, start: int, end: int, default: Any = None) -> Any:
        """The label of the first span holding ``[start, end)``, else ``default``."""
        if not self._ordered or start >= end:
            return next((v for s, e, v in self.spans if s <= start and end <= e), default)
        k = bisect_right(self._starts, start) - 1  # the only span that can hold it
        return self.spans[k][2] if k >= 0 and end <= self._ends[k] else default

    def voice(self, start: int, end: int) -> str:
        """:func:`voice_at` for these spans."""
        if not self.overlapping(start, end):
            return "narrator"
        return self.holding(start, end, "mixed")

    def boundaries(self, start: int, end: int) -> list[int]:
        """The span starts and ends strictly between ``start`` and ``end``, in order."""
        return self._boundaries[bisect_right(self._boundaries, start):
                                bisect_left(self._boundaries, end)]


def cut_holes(labelled: Iterable[tuple[int, int, Any]],
              holes: list[tuple[int, int]]) -> list[tuple[int, int, Any]]:
    """:func:`analysis.text.spans.cut_spans`, with each span cut by the holes that overlap
    it only (the others leave it whole), found by a sweep when the spans are in order and do
    not overlap (as merged spans are); holes are read in their given order, as there."""
    ordered = list(labelled)
    if not all(a[1] <= b[0] and a[0] <= a[1] for a, b in zip(ordered, ordered[1:],
                                                          strict=False)):
        return cut_spans(ordered, holes)
    by_start = sorted(range(len(holes)), key=lambda i: holes[i][0])
    pieces: list[tuple[int, int, Any]] = []
    active: set[int] = set()
    ending: list[tuple[int, int]] = []  # a heap of (end, number) of the active holes
    k = 0
    for start, end, label in ordered:  # starts and ends both increase
        while k < len(by_start) and holes[by_start[k]][0] < end:
            active.add(by_start[k])
            heappush(ending, (holes[by_start[k]][1], by_start[k]))
            k += 1
        while ending and ending[0][0] <= start:
            active.discard(heappop(ending)[1])
        pieces += cut_spans([(start, end, label)], [holes[i] for i in sorted(active)])
    return pieces


def _own(speech: pd.DataFrame, article: str) -> SpeechIndex:
    """The voice spans of one article of a :func:`spans` table, indexed."""
    own = speech[speech["article"] == article]
    return SpeechIndex(zip(own["start"].astype(int), own["end"].astype(int), own["voice"],
                           strict=True))


def words(articles, *, roles: Iterable[str] | None = DEFAULT_ROLES,
          speech: pd.DataFrame | None = None) -> pd.DataFrame:
    """Words (word and number tokens) in each voice, and each voice's share, per article."""
    chosen = article_list(articles)
    speech = spans(chosen, roles=roles) if speech is None else speech
    rows = []
    for article in chosen:
        toks = tokens(article, roles=roles)
        toks = toks[toks["kind"].isin(WORD_KINDS)]
        own = _own(speech, article.id)
        voices = [own.voice(int(s), int(e))
                  for s, e in zip(toks["start"], toks["end"], strict=True)]
        total = len(voices)
        for voice in VOICES:
            n = voices.count(voice)
            rows.append({"article": article.id, "voice": voice, "words": n,
                         "share": n / total if total else float("nan")})
    return pd.DataFrame(rows, columns=WORD_COLUMNS)


def markers(articles, *, roles: Iterable[str] | None = DEFAULT_ROLES,
            speech: pd.DataFrame | None = None) -> pd.DataFrame:
    """Stance marker evidence rows (:func:`analysis.stance.markers`, negation columns
    included) with a ``voice`` column."""
    chosen = article_list(articles)
    speech = spans(chosen, roles=roles) if speech is None else speech
    found = stance_lens.markers(chosen, roles=roles)
    own = {a.id: _own(speech, a.id) for a in chosen}
    voices = [own[a].voice(int(s), int(e)) for a, s, e in
              zip(found["article"], found["start"], found["end"], strict=True)]
    return found.assign(voice=voices)


def stance(articles, *, roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Stance markers per article, voice and category, per 1,000 words of that voice.

    Columns: article, voice, category, count, words, per_1000. Markers count under their
    resolved category (negation: :func:`analysis.stance.negations`); cancelled markers and markers
    straddling two voices are left out (see :func:`markers`).
    """
    chosen = article_list(articles)
    speech = spans(chosen, roles=roles)
    return _by_voice(chosen, roles, speech, markers(chosen, roles=roles, speech=speech))


def _by_voice(chosen, roles, speech: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    counted = words(chosen, roles=roles, speech=speech)
    frames = []
    for voice in VOICES:
        mine = counted[counted["voice"] == voice]
        totals = dict(zip(mine["article"], mine["words"], strict=True))
        summary = stance_lens.summary(chosen, roles=roles,
                                      evidence=found[found["voice"] == voice], words=totals)
        frames.append(summary.assign(voice=voice))
    table = in_input_order(pd.concat(frames, ignore_index=True), [a.id for a in chosen])
    return table[STANCE_COLUMNS]


def compare_stance(articles, *, roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """The narrator's own stance beside its sources', per article and category: the table a
    claim such as "A uses more boosting in its own voice" should rest on.

    Columns: article, category, narrator (the narrator's markers), narrator_words (words in
    the narrator's voice), narrator_per_1000 (per 1,000 narrator words), reported and
    reported_per_1000, quoted and quoted_per_1000 (the same for reported speech and
    quotation, per 1,000 words of that voice), mixed (markers straddling two voices, counted
    in no voice). Counts follow the resolved categories (cancelled markers left out). Compare
    articles on the narrator columns only; call a difference resting on fewer than three
    narrator markers tentative (the ``narrator`` column says how many there are). The
    evidence rows are :func:`markers`.
    """
    chosen = article_list(articles)
    speech = spans(chosen, roles=roles)
    found = markers(chosen, roles=roles, speech=speech)
    table = _by_voice(chosen, roles, speech, found).set_index(["article", "category", "voice"])
    mixed = stance_lens.counted(found[found["voice"] == "mixed"]).groupby(
        ["article", "category"]).size()
    rows = []
    for article, category in dict.fromkeys(zip(table.index.get_level_values(0),
                                               table.index.get_level_values(1), strict=True)):
        row = {"article": article, "category": category}
        for voice in VOICES:
            cell = table.loc[(article, category, voice)]
            row[voice] = int(cell["count"])
            row[f"{voice}_per_1000"] = round(float(cell["per_1000"]), 3)
            if voice == "narrator":
                row["narrator_words"] = int(cell["words"])
        row["mixed"] = int(mixed.get((article, category), 0))
        rows.append(row)
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)


def tone(articles, *, roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """VADER tone of every narrator, reported and quoted piece.

    Columns: those of :func:`analysis.tone.score_spans`, plus sentence and voice. Summarise
    per voice with ``analysis.tone.summary(articles, scores=..., by="voice")``.
    """
    chosen = article_list(articles)
    pieces = segments(chosen, roles=roles)
    frames = [tone_lens.score_spans(a, pieces[pieces["article"] == a.id][
        ["start", "end", "sentence", "voice"]]) for a in chosen]
    return pd.concat(frames, ignore_index=True)


def marker_voices(rows: pd.DataFrame, article: str) -> dict[str, set[str]]:
    """For one article, each stance word (lower case) and the voices it occurs in, from
    :func:`markers`."""
    own = rows[rows["article"] == article]
    voices: dict[str, set[str]] = {}
    for word, voice in zip(own["match"].str.lower(), own["voice"], strict=True):
        voices.setdefault(word, set()).add(voice)
    return voices

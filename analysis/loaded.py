"""The loaded-language lens: the words with which the outlet itself colours what it reports.

Method. Three kinds of marker, all in the narrator's voice (:mod:`analysis.voice`: a word
inside a source's quotation or reported clause is the source's, not the outlet's):

- **saying**: loaded verbs of saying and reacting, which tell the reader how to take a
  statement before it is quoted (*slammed*, *lashed out*, *doubled down*, *conceded*,
  *boasted*; Bergler 1992 and Recasens et al. 2013 on reporting verbs as bias cues);
- **characterisation**: loaded labels for people, acts and events (*controversial*,
  *bombshell*, *brash*, *so-called*, *gaffe*, *uproar*);
- **intensity**: adverbs that dramatise or pass judgement (*famously*, *brazenly*, *flatly*);
- **scare quotes**: quotation marks the outlet puts around a single word or a short phrase
  (up to ``SCARE_QUOTE_WORDS`` words) that no source is credited with saying.

The first three come from ``lexicons/loaded.tsv`` (matched like every lexicon, see
:mod:`analysis.lexicons.match`); its ``origin`` column says whether a row is general English
usage (``general``) or was learned from the words BASIL's annotators marked (``basil``), so the
evaluation can report both (:func:`analysis.corpora.basil.evaluate_loaded`).

Limits. A lexicon sees words, not their use: "blasted" in a quarry is not a loaded verb of
saying (guards in the lexicon remove the common literal senses). Loaded language that is not
listed, and loaded choices of fact rather than word (BASIL's *informational* bias), are missed.
Scare quotes are told from quotations only by who is credited: a short quotation the sources
lens misses counts as a scare quote.

References: Bergler, S. (1992) Evidential analysis of reported speech. PhD thesis, Brandeis.
Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013) Linguistic models for analyzing
and detecting biased language. ACL 2013. Fan, L. et al. (2019) In plain sight: media bias
through the lens of factual reporting. EMNLP-IJCNLP 2019.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

import pandas as pd

from .corpora.basil import read_results
from .errors import AnalysisInputError
from .evidence import in_input_order, rate_table
from .lexicons import word_list
from .lexicons.match import EVIDENCE_COLUMNS, compile_lexicon, labels, match_lexicon
from .text.article import Article, article_list
from .text.quotation import is_title, outer_quotes
from .text.roles import DEFAULT_ROLES
from .text.tables import sentences
from .text.tokenise import WORD_KINDS, token_spans
from .voice import LONG_QUOTE_WORDS, VOICES, SpeechIndex
from .voice import spans as voice_spans
from .voice import words as voice_words

LEXICON = "loaded.tsv"
SCARE_QUOTE = "scare_quote"
SCARE_QUOTE_WORDS = LONG_QUOTE_WORDS - 1  # longer uncredited quotations are quoted voice
QUOTATION_CUES = "quotation_cues.txt"
CATEGORIES = ("saying", "characterisation", "intensity", "action", SCARE_QUOTE)
ORIGINS = ("general", "basil")
COLUMNS = [*EVIDENCE_COLUMNS, "category", "origin", "pattern", "voice"]
SUMMARY_COLUMNS = ["article", "category", "count", "words", "per_1000"]

__all__ = ["markers", "summary", "read_results", "LEXICON", "CATEGORIES", "ORIGINS",
           "COLUMNS", "SUMMARY_COLUMNS", "SCARE_QUOTE_WORDS"]


CUE_REACH = 200  # characters before a quotation read for its cue, at least


def _cued(text: str, position: int) -> bool:
    """True when one of the last three words before ``position`` (a quotation) is a quotation
    cue ("calling it", "the word", "told"), so the quotation is credited or a name. The words
    are read from a space at least ``CUE_REACH`` characters back (further when that holds
    fewer than four words), not from the start of the paragraph."""
    reach = CUE_REACH
    while True:
        start = 0 if position <= reach else text.rfind(" ", 0, position - reach) + 1
        spans = [(a, b) for a, b, kind in token_spans(text[start:position]) if kind == "word"]
        if start == 0 or len(spans) > 3:
            break
        reach *= 2
    words = [text[start + a:start + b].lower() for a, b in spans[-3:]]
    return any(w in _quotation_cues() for w in words)


@cache
def _quotation_cues() -> frozenset[str]:
    return frozenset(word_list(QUOTATION_CUES))


def _scare_quotes(article: Article, roles, speech: SpeechIndex) -> list[dict]:
    rows = []
    units = sentences(article, roles=roles)
    sentence_at = SpeechIndex(zip(units["start"], units["end"], units["sentence"], strict=True))
    for paragraph in article.select(roles=roles):
        for quote in outer_quotes(paragraph.text):
            if not quote.closed:
                continue
            inner = paragraph.text[quote.inner_start:quote.inner_end]
            words = [1 for a, b, kind in token_spans(inner) if kind in WORD_KINDS]
            if not 0 < len(words) <= SCARE_QUOTE_WORDS:
                continue
            start, end = paragraph.raw_span(quote.start, quote.end)
            inner_start, inner_end = paragraph.raw_span(quote.inner_start, quote.inner_end)
            if speech.voice(inner_start, inner_end) != "narrator" or is_title(inner) \
                    or _cued(paragraph.text, quote.start):
                continue
            sentence = sentence_at.holding(start, start + 1)  # the first that holds ``start``
            if sentence is None:
                continue
            rows.append({"article": article.id, "paragraph": paragraph.index,
                         "role": paragraph.role, "sentence": int(sentence),
                         "start": start, "end": end, "match": article.raw[start:end],
                         "category": SCARE_QUOTE, "origin": "general",
                         "pattern": f"quotation of 1-{SCARE_QUOTE_WORDS} words",
                         "voice": "narrator"})
    return rows


def markers(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            lexicon: str | pd.DataFrame = LEXICON,
            voices: Iterable[str] | None = ("narrator",),
            speech: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per loaded-language marker in the chosen voices (the narrator's by default).

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``),
    category (saying, characterisation, intensity, action, scare_quote), origin (general or basil:
    where the lexicon row comes from), pattern (the lexicon row, or the scare-quote rule),
    voice (narrator, reported, quoted, or mixed for a marker straddling two). Pass
    ``voices=None`` for every voice, and ``speech`` (:func:`analysis.voice.spans`) to reuse
    a computed voice split.
    """
    chosen = article_list(articles)
    wanted = None if voices is None else set(voices)
    if wanted is not None and not wanted <= {*VOICES, "mixed"}:
        raise AnalysisInputError(f"voices must be among {[*VOICES, 'mixed']}, not "
                                 f"{sorted(wanted)}")
    compiled = compile_lexicon(lexicon, ["category", "origin"])
    speech = voice_spans(chosen, roles=roles) if speech is None else speech
    rows = []
    for article in chosen:
        own = speech[speech["article"] == article.id]
        spans = SpeechIndex((int(s), int(e), v) for s, e, v in zip(own["start"], own["end"],
                                                                  own["voice"], strict=True))
        found = match_lexicon(article, compiled, roles=roles)
        found["voice"] = [spans.voice(int(s), int(e))
                          for s, e in zip(found["start"], found["end"], strict=True)]
        rows += found.to_dict("records") + _scare_quotes(article, roles, spans)
    table = pd.DataFrame(rows, columns=COLUMNS)
    if wanted is not None:
        table = table[table["voice"].isin(wanted)]
    table = in_input_order(table, [a.id for a in chosen], ["start", "end", "category"])
    return table.reset_index(drop=True)[COLUMNS]


def summary(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            lexicon: str | pd.DataFrame = LEXICON,
            evidence: pd.DataFrame | None = None) -> pd.DataFrame:
    """Narrator's loaded-language markers per article and category, per 1,000 narrator words.

    Columns: article, category, count, words (word tokens in the narrator's voice), per_1000.
    Every category gets a row, zero if absent. ``evidence`` (rows of :func:`markers`) summarises
    a subset; only its narrator rows are counted.
    """
    chosen = article_list(articles)
    speech = voice_spans(chosen, roles=roles)
    if evidence is None:
        evidence = markers(chosen, roles=roles, lexicon=lexicon, speech=speech)
    evidence = evidence[evidence["voice"] == "narrator"]
    counted = voice_words(chosen, roles=roles, speech=speech)
    narrator = counted[counted["voice"] == "narrator"]
    totals = dict(zip(narrator["article"], narrator["words"], strict=True))
    levels = [(c,) for c in dict.fromkeys([*labels(compile_lexicon(lexicon, ["category",
                                                                           "origin"]),
                                                     "category"), SCARE_QUOTE])]
    return rate_table(evidence, ["category"], levels, totals, [a.id for a in chosen])

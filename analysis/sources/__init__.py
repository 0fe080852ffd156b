"""Named sources: who an article cites, with which reporting cue, and with what words.

Roles. The lens reads the paragraphs of the analysis's ``roles`` and, unless ``embeds=False``,
embedded social-media posts: a post is attributed speech whatever roles the analysis chose.

Method. Attribution is found by rules over the normalised paragraph text, sentence by sentence,
with quotations paired per paragraph (:mod:`analysis.text.quotation`) so that a quotation may
run over several sentences. Every reporting cue listed in ``lexicons/attribution_cues.tsv`` is
matched outside quotation marks, and its source is read according to the cue's frame:

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
:mod:`analysis.entities`. A description with no antecedent stays ``unresolved: ...`` with
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

Layout: :mod:`.cues` (vocabulary and lexicon files), :mod:`.grammar` (patterns compiled from
them), :mod:`.find` (cues and their sources), :mod:`.speech` (what was said), :mod:`.resolve`
(canonical names), :mod:`.rows` (the attribution table), :mod:`.compare` (rosters and counts
across articles), :mod:`.accuracy` (precision and recall against a hand annotation).
"""

from .accuracy import GOLD_COLUMNS, evaluate, read_gold
from .compare import (
    ANONYMITY_COLUMNS,
    CUE_CLASS_COUNT_COLUMNS,
    KIND_COUNT_COLUMNS,
    NAMED_COUNT_COLUMNS,
    NAMED_STATUSES,
    ROSTER_COLUMNS,
    SHARED_COLUMNS,
    anonymity,
    cue_class_counts,
    kind_counts,
    named_counts,
    roster,
    shared,
    spoken_about,
)
from .cues import CUE_CLASSES, FRAMES, KINDS, QUOTE_KINDS, cue_specs
from .rows import ATTRIBUTION_COLUMNS, attributions

__all__ = [
    "attributions", "roster", "anonymity", "shared", "kind_counts", "named_counts",
    "cue_class_counts", "spoken_about", "evaluate", "read_gold", "cue_specs",
    "KINDS", "CUE_CLASSES", "QUOTE_KINDS", "FRAMES", "NAMED_STATUSES", "ATTRIBUTION_COLUMNS",
    "ROSTER_COLUMNS", "ANONYMITY_COLUMNS", "SHARED_COLUMNS", "KIND_COUNT_COLUMNS",
    "NAMED_COUNT_COLUMNS", "CUE_CLASS_COUNT_COLUMNS", "GOLD_COLUMNS",
]

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
  Verbs with common non-reporting senses ("added", "noted", "explained") count only when they
  govern speech: a that-clause, a colon, a quotation, or a clause they stand after.
- ``according``: "according to X"; ``relay``: ", citing X" / ", quoting X", where X is a second
  source relayed by the clause's main source (column ``via``); ``attributed``: "the words
  attributed to him"; ``noun``: "a statement by X", "a report prepared by X", "Putin's denial";
  ``evaluative``: "X called Y a fake", "X dismissed Y as ...".

A source phrase is a noun phrase of capitalised names (with middle initials and a party tag:
"Sen. Jack Reed (D-R.I.)"), determiners, quantities ("about half of Democratic voters"), a few
modifiers and a head noun of ``lexicons/source_nouns.tsv``; right before a verb its head may be
any lower-case word ("the NFL legend said"), unless the cue is also a noun ("the terror attacks",
``grammar.tsv``'s ``noun_homographs``). A subject may carry a relative or participle clause
("Supporters who heard from the campaign say"); a participle after a comma and a second verb
after "and" share the sentence's subject ("The president left no doubt ..., saying"); a clause
opening "In a 2016 poll," makes the poll a source; a transcript's speaker turns ("TAPPER:") and
a label before a colon and a quotation are sources too (:mod:`.colon`).

It is resolved to a canonical name in this order: a pronoun (he, she, it, they, who, which) to
its referent (:mod:`.pronouns`: agreement in sex, from titles and the US Census first-name list,
and number; never a name inside a quotation or a person spoken to; the last source, else the
last sentence subject, else the only candidate, within three sentences, or the last speaker
within eight; otherwise ``unresolved``); a definite description ("the paper", "the Arizona
Republican"; ``lexicons/source_coreference.tsv``) to the most recent earlier mention of a
compatible named source; a name with a group head ("the Trump administration": government;
"the Clinton campaign") to that group; a person named in the phrase ("Senate Minority Whip Dick
Durbin") to that person, without titles or roles (kept in ``source_role``), a surname becoming
the full name given elsewhere in the article (and, in rosters and shared sources, in the other
article of the pair); a spokesperson or document ("a spokesman for the ministry", "the press
service of X") to what it speaks for; an anonymous formula ("officials briefed on the matter";
``lexicons/anonymous_sources.tsv``) to an ``unnamed ...`` canonical; a share of a group ("75
percent of Democrats") to the group; a variant in ``lexicons/source_aliases.tsv`` to its
canonical name; otherwise the name itself, classified by :mod:`analysis.entities`. A
description with no antecedent stays ``unresolved: ...`` with ``named`` False.

What was said (``speech_start``/``speech_end``): the quotation when the cue introduces one
(``quote == "direct"``: '"...," the embassy says', 'and added: "..."'), with the second part of
an interrupted quotation and the quotations that continue it with no cue of their own ('"A," he
said. "B."': ``quote_text`` is "A … B"); otherwise the clause the
cue governs: the that-clause or the words after the verb (and after "told reporters", "said in a
statement"), up to the end of the sentence, a semicolon, a dash or the next attribution that
starts a new clause; for a cue placed after its clause ("..., officials said", "..., according
to the paper") the clause before it; for "This was reported in X" the previous sentence;
nothing (-1) for a non-response and for "a statement by X" without a that-clause. Quotations
inside that clause make ``quote == "partial"``. Embedded social-media posts are attributed
speech by their signature line's author (kind ``social``, ``date`` kept, speech = the post).

Measured accuracy. On PolNeAR's dev split (a public corpus of 84 hand-annotated political news
articles; ``framing evaluate-sources``), see the README for the figures and
:mod:`.scoring` for how they are computed.

Limits: rules, not a parser. Sources that are common nouns no lexicon lists, in constructions
the grammar does not read (a subject separated from its verb by a dash-enclosed aside, a
subject after a long opening clause without a comma), are missed; verbs of stance and action
that PolNeAR also counts as attribution ("Trump focused on", "voters cast their votes for")
mostly are too. "I", "we" and "you" are never sources (outside quotations they are the writer
or the reader). Pronoun resolution is a recency heuristic: it fails when the story's subject
is not the last compatible name. A quotation with no cue of its own ('... she said. "Never."')
is not attributed. Cues inside quotations (nested attribution) are not read. The speech clause
may run on into narration that shares the sentence. Each cue is read in at most 1,000
characters of its sentence on either side (:func:`.find.cue_window`), so a source or speech
further away in one very long sentence (a paragraph without sentence punctuation) is not seen.

Layout: :mod:`.cues` (vocabulary and lexicon files), :mod:`.grammar` (patterns compiled from
them), :mod:`.phrases` (attributions being found, source phrases), :mod:`.find` (cues and
their sources), :mod:`.subjects` (sources before their verb), :mod:`.colon` (turns and labels),
:mod:`.speech` (what was said), :mod:`.pronouns` and :mod:`.resolve` (canonical names),
:mod:`.rows` (the attribution table), :mod:`.compare` (rosters and counts across articles),
:mod:`.accuracy` (precision and recall against a hand annotation), :mod:`.scoring` (scores
against PolNeAR).
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
from .scoring import evaluation_table, read_results

__all__ = [
    "attributions", "roster", "anonymity", "shared", "kind_counts", "named_counts",
    "cue_class_counts", "spoken_about", "evaluate", "read_gold", "read_results",
    "evaluation_table", "cue_specs",
    "KINDS", "CUE_CLASSES", "QUOTE_KINDS", "FRAMES", "NAMED_STATUSES", "ATTRIBUTION_COLUMNS",
    "ROSTER_COLUMNS", "ANONYMITY_COLUMNS", "SHARED_COLUMNS", "KIND_COUNT_COLUMNS",
    "NAMED_COUNT_COLUMNS", "CUE_CLASS_COUNT_COLUMNS", "GOLD_COLUMNS",
]

"""The lenses do work linear in the text: one long paragraph twice as long costs twice the work.

Not a timed test (speed is measured in ``benchmarks/bench_sources.py``): the work is counted as
the lines of the package's own code that run (with ``sys.settrace``), plus the rows that pandas
scans to filter a table with a boolean mask, so a loop that reads every earlier sentence,
quotation, attribution or table row for each new one shows up as a count that grows with the
square of the text, whatever the machine. Each lens is run once on a short text first, so that
compiled lexicons and grammars are not counted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest

import analysis
from analysis import frames, loaded, sources, stance, voice
from analysis.text.reading import build_article

PACKAGE = str(Path(analysis.__file__).parent)
# sentences written for this test: attributions of every frame, quotations that continue,
# pronouns, descriptions, a label and a verb before a colon, scare quotes, negated stance words,
# loaded words and frame indicators
SENTENCES = [
    "The Harbour Authority said that the ferry talks would continue.",
    '"We will not give up," he said.',
    "According to the agency, the plan was a mistake.",
    "Senator Ada Quill told reporters that the toll bill was dead.",
    "Officials declined to comment on the allegedly corrupt deal.",
    'She added: "This is outrageous."',
    "The audit, published by the Lantern Trust, says the council claimed victory.",
    "Critics slammed the shocking decision, citing the ministry.",
    "This was reported by the agency.",
    "The weather was mild and the ferries were full.",
    'In a statement, the transport ministry denied the so-called "reform" was not certainly '
    "a failure.",
    'Mira Holt, a spokeswoman, said it was "a disgrace" and they would fight.',
    "They argued that the paper had clearly lied.",
    "It was obviously not confirmed, the paper reported.",
    'HOST: Is this true? Mr. Brand: "Never."',
    'The minister gloated: "We won."',
]
# clauses written for this test, joined by semicolons into one sentence: a paragraph without
# sentence punctuation, where each cue's source is searched before it and its words after it
CLAUSES = [
    "the mayor said the bridge is safe",
    'critics slammed the shocking decision, saying it was clearly not a "disgrace"',
    "according to the agency, the allegedly corrupt deal was obviously dead",
    "they argued that the paper had lied, the minister told reporters",
    'Mira Holt, a spokeswoman, said: "We will fight"',
    "the weather was mild and the ferries were full",
]
SHORT = 160  # sentences; the long text has twice as many
SHORT_CLAUSES = 60  # clauses in one sentence; the long sentence has twice as many
GROWTH = 2.5  # work ratio allowed when the text doubles (2 for linear, 4 for quadratic)


def one_paragraph(sentences: int, name: str) -> analysis.Article:
    """An article of one paragraph made of ``sentences`` sentences."""
    text = " ".join(SENTENCES[i % len(SENTENCES)] for i in range(sentences))
    return build_article(text, id=name, path=f"{name}.txt")


def one_sentence(clauses: int, name: str) -> analysis.Article:
    """An article of one paragraph that is one sentence of ``clauses`` clauses."""
    text = "; ".join(CLAUSES[i % len(CLAUSES)] for i in range(clauses)) + "."
    return build_article(text, id=name, path=f"{name}.txt")


def work(call: Callable[[], object]) -> int:
    """Lines of the package's code that ``call`` runs, and table rows it filters."""
    lines = 0
    select = pd.DataFrame.__getitem__

    def filtered(frame, key):
        nonlocal lines
        if isinstance(key, pd.Series) and key.dtype == bool:
            lines += len(frame)
        return select(frame, key)

    def local(frame, event, arg):
        nonlocal lines
        if event == "line":
            lines += 1
        return local

    def enter(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    with mock.patch.object(pd.DataFrame, "__getitem__", filtered):
        sys.settrace(enter)
        try:
            call()
        finally:
            sys.settrace(previous)
    return lines


LENSES: dict[str, Callable[[analysis.Article], object]] = {
    "attributions": sources.attributions,
    "voice spans": voice.spans,
    "voice segments": voice.segments,
    "voice words": voice.words,
    "stance by voice": voice.markers,
    "stance": stance.markers,
    "loaded language": lambda a: loaded.markers(a, voices=None),
    "frames": frames.indicators,
}


def counted(lens: str, sentences: int, make=one_paragraph) -> int:
    """The work of one lens on a new article of ``sentences`` sentences (or clauses, with
    ``make=one_sentence``); for the lenses that read the voice split, the attributions are
    found first, uncounted (they are counted as a lens of their own)."""
    article = make(sentences, f"{lens}-{make.__name__}-{sentences}")
    if lens != "attributions":
        sources.attributions(article)  # cached with the article
    return work(lambda: LENSES[lens](article))


@pytest.mark.parametrize("lens", list(LENSES))
def test_doubling_the_text_doubles_the_work(lens):
    LENSES[lens](one_paragraph(len(SENTENCES), f"warm-{lens}"))  # compiled patterns, lexicons
    short = counted(lens, SHORT)
    long = counted(lens, 2 * SHORT)
    assert short > 5_000  # the count is the lens's work, not a constant
    assert long / short < GROWTH, f"{lens}: {short:,} lines for {SHORT} sentences, " \
        f"{long:,} for {2 * SHORT}"


def test_the_work_is_found_in_the_text():
    """The long text's attributions are the short one's, repeated: the lens reads it all."""
    short = sources.attributions(one_paragraph(SHORT, "found-short"))
    long = sources.attributions(one_paragraph(2 * SHORT, "found-long"))
    assert len(short) > SHORT / 2
    assert len(long) == 2 * len(short)


@pytest.mark.parametrize("lens", [lens for lens in LENSES if lens != "frames"])
def test_one_long_sentence_twice_as_long_is_twice_the_work(lens):
    """Within one sentence too: a cue's source and words are read in a window around it
    (``sources.find.cue_window``), not from the sentence's start or to its end."""
    LENSES[lens](one_sentence(len(CLAUSES), f"warm-clauses-{lens}"))
    short = counted(lens, SHORT_CLAUSES, one_sentence)
    long = counted(lens, 2 * SHORT_CLAUSES, one_sentence)
    assert short > 5_000
    assert long / short < GROWTH, f"{lens}: {short:,} lines for {SHORT_CLAUSES} clauses, " \
        f"{long:,} for {2 * SHORT_CLAUSES}"


def test_the_long_sentence_is_read_to_its_end():
    """Every clause of the long sentence has its attributions, the last as the first."""
    table = sources.attributions(one_sentence(2 * SHORT_CLAUSES, "clauses-found"))
    mayors = table[table["source"] == "the mayor"]
    assert len(table["sentence"].unique()) == 1
    assert len(mayors) == 2 * SHORT_CLAUSES // len(CLAUSES)
    assert mayors["start"].is_monotonic_increasing

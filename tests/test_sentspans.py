"""The fast sentence splitter (``analysis.text.sentspans``) gives NLTK's Punkt spans.

NLTK's ``PunktSentenceTokenizer`` with the project's abbreviations and no trained model
(``tokenise._nltk_sentence_spans``) is the reference: on every seed paragraph, on hand-written
strings full of stops, abbreviations, initials, numbers, quotes and brackets, and on generated
strings. A few cases also have their spans written out.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis.text import sentspans, tokenise
from analysis.text.sentspans import span_tokenize
from analysis.text.tokenise import _nltk_sentence_spans, sentence_spans


def assert_same_as_nltk(text: str) -> None:
    assert span_tokenize(text) == _nltk_sentence_spans(text), repr(text)


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in span_tokenize(text)]


@pytest.fixture(scope="module")
def seed_articles():
    return analysis.load_articles(["dailymail", "ru_translation"], manifest="seeds/articles.csv")


def test_every_seed_paragraph_is_split_as_nltk_does(seed_articles):
    paragraphs = [p.text for article in seed_articles for p in article.paragraphs]
    assert len(paragraphs) > 40
    assert sum(len(span_tokenize(text)) for text in paragraphs) > 80
    for text in paragraphs:
        assert_same_as_nltk(text)


def test_the_raw_seed_text_is_split_as_nltk_does(seed_articles):
    # whole files: curly quotes, line breaks and blank lines between paragraphs
    for article in seed_articles:
        assert_same_as_nltk(article.raw)


def test_sentence_spans_are_unchanged_on_the_seeds(seed_articles, monkeypatch):
    paragraphs = [p.text for article in seed_articles for p in article.paragraphs]
    fast = [sentence_spans(text) for text in paragraphs]
    monkeypatch.setattr(tokenise, "punkt_spans", _nltk_sentence_spans)
    assert [sentence_spans(text) for text in paragraphs] == fast


TRICKY = [
    # empty, blank, no stop at the end
    "",
    " ",
    "\n\n \t",
    "no stop at the end",
    "Two sentences. The second has no stop",
    "Trailing blanks.   \n ",
    "  Leading blanks. Then more.",
    # abbreviations, their case and hyphenated ones
    "Dr. Patel met Gen. Ortiz on Jan. 4 and left.",
    "DR. PATEL AND MRS. LEE CAME. THEY LEFT.",
    "The ex-Gov. was there. So was the ex-sen. from Ohio.",
    "A vice-Pres. and a non-abbr. Then one more.",
    "It is 10 a.m. Tomorrow at 6 p.m. we go.",
    "They flew to the U.S. Then to the U.K. and on.",
    "Prices rose, etc. Nobody minded.",
    "He said no. Then yes.",
    "He lives on Elm St. near the park.",
    # initials
    "J. R. Smith wrote it. K. came later.",
    "The letter A. is first. b. is next.",
    "Ask x. y. and z. Then stop.",
    "A. Then B. Then _. Then done.",
    # numbers
    "No. 3 won the race. No. 4 did not.",
    "It grew 3.5 per cent. Then it fell to 2.",
    "Steps: 1. mix, 2. bake. Serve warm.",
    "She came 2nd. Then 3rd. He was 21st.",
    "In 1999. Then in 2000.",
    "Pay 1,000. Or 1.000. Or -5. Or .5. Now.",
    "On 3. march it snowed. On 4. April too.",
    "Section 2.1. Next section.",
    "The ##number##. Then more. The ##number##. then more. x##number##. then.",
    # ellipses
    "Wait... what? Then nothing.",
    "Wait... What? Then nothing.",
    "So. . . we went. Then back.",
    "He paused\u2026 Then spoke.",
    "Trailing dots..",
    "....",
    ". . .",
    # question and exclamation marks
    "Really? Yes! Absolutely!!! Fine.",
    "Why?! Because. Okay?!",
    "Hi ?! There",
    " ?! x",
    "What?) Then. (Why!] Now.",
    # quotes and brackets after the stop
    '"Yes." He left.',
    '"Yes," he said. "We go." Then silence.',
    "(See above.) Then read on.",
    "[Note.] The end. {Brace.} Done.",
    "'Fine.' Then she left. 'Good!' he said.",
    "\u201cQuoted.\u201d Next one. \u2018Single.\u2019 Next.",
    "\u00abGuillemets.\u00bb Suivant. \u00bbReversed.\u00ab Again.",
    'He said "Stop."-- and went. Then "Go."',
    'Nested ("quote.") Then more.',
    "It ended.) ) Then more.",
    'Asked "why?", the minister said. Then left.',
    # spaces and lines
    "One.  Two.\n\nThree.\nfour.",
    "A.\tB.\rC.\x0bD.\x0cE. F.",
    "Non\u00a0breaking.\u00a0Space. And\u2009thin.\u2009Space.",
    "Control.\x1cseparated.\x1c\x1d Text.",
    "Control? \x1c\n Text.",
    "Why?\n\x1c then. Why!\n\x1d\x1e Then.",  # a line str.strip empties has no token
    "Ideographic.\u3000Space. Next.",
    "Line\u2028separator. Para\u2029graph.",
    # non-ASCII letters
    "\u00c9lise est l\u00e0. \u00c7a va bien. \u00e9t\u00e9. Fin.",
    "Stra\u00dfe. \u00dcber alles. \u00fcber nichts.",
    "\u0130stanbul. \u0131rmak. \u0130. Son.",
    "\u041e\u043d \u0443\u0448\u0451\u043b. \u041e\u043d\u0430 \u0442\u0443\u0442. "
    "\u0436. \u0414.",
    "\u0394. \u0391\u03b8\u03ae\u03bd\u03b1. \u03b4. \u03c4\u03ad\u03bb\u03bf\u03c2.",
    "\u0663. Then \u0664.\u0665. Then x\u00b2. Then \u00b2.",
    "\u01c5. Titlecase. \u01c6. lower.",
    "q\u0301. Mark. \u0301. Next.",
    "\u4f60\u597d\u3002\u518d\u89c1. End.",
    # odd tokens
    "a.b. Next. e.g. this. i.e. That.",
    "Commas., Semis.; Colons.: Done.",
    "Plan A.; plan B.: plan 3.; plan 4., plan x.! plan 5.? Next.",
    "Hyphen.-- Dash. -- Next.",
    "Back`tick. Amp&. Hash#. Star*. At@. End.",
    "Mr. a?b and Mr. c!d. Then.",
    "See Dr. who?) and Mr. b.) now. Or Mr. b.c now.",  # a break in the next word counts
]


@pytest.mark.parametrize("text", TRICKY)
def test_hand_written_strings_are_split_as_nltk_does(text):
    assert_same_as_nltk(text)


def test_spans_of_some_hand_written_strings():
    assert span_tokenize("") == []
    assert span_tokenize("  \n ") == []
    assert span_tokenize("Mr. Lee went home. He slept.") == [(0, 18), (19, 28)]
    assert sentences('"Yes." He left.') == ['"Yes."', "He left."]
    assert sentences("(See above.) Then read on.") == ["(See above.)", "Then read on."]
    assert sentences("J. R. Smith wrote it. K. came later.") == \
        ["J. R. Smith wrote it.", "K. came later."]
    assert sentences("No. 3 won the race.") == ["No.", "3 won the race."]  # "no" is no abbreviation
    assert sentences("On 3. march it snowed.") == ["On 3. march it snowed."]
    assert sentences("Wait... What? Then nothing.") == ["Wait... What?", "Then nothing."]
    assert sentences("The ex-Gov. was there. So.") == ["The ex-Gov. was there.", "So."]
    assert sentences("One.  Two.\n\nThree") == ["One.", "Two.", "Three"]
    assert sentences("Hi ?! There") == ["Hi ?", "!", "There"]  # NLTK's own quirk
    assert span_tokenize("Done.   ") == [(0, 5)]


def test_the_patterns_are_nltks():
    from nltk.tokenize.punkt import PunktLanguageVars

    nltk = PunktLanguageVars()
    assert nltk._word_tokenize_fmt == sentspans._WORD_TOKENIZE_FMT
    assert nltk._period_context_fmt == sentspans._PERIOD_CONTEXT_FMT
    assert nltk._re_multi_char_punct == sentspans._MULTI_CHAR
    assert nltk._re_word_start == sentspans._WORD_START
    assert nltk._re_sent_end_chars == sentspans._SENT_END_CHARS
    # NLTK builds "?!" from a set, so their order varies between processes
    assert nltk._re_non_word_chars in (sentspans._NON_WORD,
                                       sentspans._NON_WORD.replace("!\\?", "\\?!"))
    assert nltk.re_boundary_realignment.pattern == sentspans._BOUNDARY_REALIGNMENT
    assert nltk.re_boundary_realignment.flags & regex.MULTILINE


def test_the_space_class_is_regexs():
    # NLTK's patterns run in regex, whose \s has no U+001C-U+001F; ours run in re
    ours, nltks = re.compile(sentspans._SPACE), regex.compile(r"\s")
    everything = [chr(code) for code in range(sys.maxunicode + 1)]
    assert [c for c in everything if ours.match(c)] == [c for c in everything if nltks.match(c)]
    assert ours.match("\u3000") and not ours.match("\x1c")


def test_splitting_does_not_import_nltk():
    code = ("import sys; from analysis.text.sentspans import span_tokenize; "
            "span_tokenize('Dr. X. met J. Lee... He left?! \\u00c9t\\u00e9. \\u0663. No.'); "
            "print('nltk' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


ALPHABET = st.sampled_from([
    *".?!\"')(", *".?!\"')(", *"AJMNXaeinx019", *"   \n\n\t", *",;:-][}{*@&#`",
    "\u00a0", "\u2009", "\x1c", "\r", "\u2018", "\u2019", "\u201c", "\u201d", "\u00ab",
    "\u00bb", "\u2026", "\u00c9", "\u00e9", "\u0130", "\u0663", "\u00b2", "_",
    "Mr", "Dr", "No", "St", "U.S", "ex-Gov", "ex-gov", "etc", "a.m", "...", ". . .", "--",
    "3.5", "1st", "The", "the",
])


@examples(400)
@given(st.lists(ALPHABET, max_size=40).map("".join))
@example("Mr. a?b")
@example(" ?! x")
@example("x.\n\x1c")
@example("Why?\n\x1c ok")
@example('"Yes." He left.')
def test_generated_strings_are_split_as_nltk_does(text):
    assert_same_as_nltk(text)

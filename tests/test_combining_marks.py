"""Combining marks stay with their letters (issue 14): a token or a name never ends between a
letter and its accent, its text is what its raw span normalises to, and the raw span holds
the accent."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis import entities
from analysis.text.normalisation import is_mark, normalise, past_marks
from analysis.text.tokenise import token_spans

RAW = ("Mayor speaks\n\n"
       "Mayor Ana Smith\u0327\u0301 met Bo Ex\u0301 and @zc\u0308 at the cafe\u0301, "
       "officials said, near the U.S.\u0323\u0327 embassy.\n")


def article(raw: str) -> analysis.Article:
    return analysis.text.build_article(raw, id="marks", path=Path("marks.txt"))


def test_marks_are_helpers_for_spans():
    assert is_mark("\u0301") and is_mark("\u093f") and not is_mark("e") and not is_mark("'")
    assert past_marks("q\u0301\u0327 x", 1) == 3 and past_marks("q x", 1) == 1
    assert past_marks("q\u0301", 2) == 2


def test_a_token_keeps_the_accent_after_it():
    text = "said @zc\u0308 and \u201c\u0301 q\u0301"
    assert [(text[a:b], kind) for a, b, kind in token_spans(text)] == [
        ("said", "word"), ("@zc\u0308", "handle"), ("and", "word"), ("\u201c\u0301", "punct"),
        ("q\u0301", "word")]
    lone = "x \u0301y"  # an accent after a space has no letter to join
    assert [lone[a:b] for a, b, _ in token_spans(lone)] == ["x", "\u0301y"]


def test_token_text_is_its_raw_span_normalised():
    tokens = analysis.text.tokens(article(RAW))
    published = [RAW[r.start:r.end] for r in tokens.itertuples()]
    assert "Smith\u0327\u0301" in published and "Ex\u0301" in published
    assert "@zc\u0308" in published and "U.S.\u0323\u0327" in published
    for row, raw in zip(tokens.itertuples(), published, strict=True):
        assert row.text == normalise(raw).text
        assert row.end == len(RAW) or not is_mark(RAW[row.end])


def test_names_keep_their_accents_in_text_canonical_and_raw_span():
    found = entities.mentions(article(RAW))
    rows = [(r.text, RAW[r.start:r.end], r.canonical) for r in found.itertuples()]
    smith = unicodedata.normalize("NFC", "Ana Smith\u0327\u0301")
    assert rows[:2] == [(smith, "Ana Smith\u0327\u0301", smith),
                        ("Bo Ex\u0301", "Bo Ex\u0301", "Bo Ex\u0301")]
    # NFC puts the cedilla (class 202) before the dot below (220)
    assert ("U.S.\u0327\u0323", "U.S.\u0323\u0327", "United States") in rows
    assert found["type"].tolist()[:2] == ["person", "person"]


LETTERS = st.sampled_from(list("aeqxSZh") + ["U.S.", "Mr.", "Ana "])
MARKS = st.sampled_from(["\u0301", "\u0327", "\u0308", "\u0323", "\u0301\u0327"])
PUNCT = st.sampled_from([" ", " ", ", ", ". ", "'", "\u201c", "\u201d", "-", "@"])


@examples(150)
@given(st.lists(st.one_of(LETTERS, MARKS, PUNCT), min_size=1, max_size=25).map("".join))
def test_no_token_or_name_ends_before_an_accent(sentence):
    raw = f"Mayor speaks\n\nThe Smith {sentence} said it.\n"
    built = article(raw)
    for table in (analysis.text.tokens(built, roles=None),
                  entities.mentions(built, roles=None)):
        for row in table.itertuples():
            assert row.text == normalise(raw[row.start:row.end]).text
            assert row.end == len(raw) or not is_mark(raw[row.end])

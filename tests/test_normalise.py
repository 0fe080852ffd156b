"""Normalisation changes text for matching but every span maps back to the raw text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

from analysis.text import normalisation
from analysis.text.normalisation import _mapped, normalise


def raw_of(raw: str, text_span: tuple[int, int], result) -> str:
    start, end = result.raw_span(*text_span)
    return raw[start:end]


def test_curly_quotes_and_apostrophes_become_straight_with_exact_offsets():
    raw = "Trump said the call was \u2018perfect\u2019 and \u201cfine\u201d"
    result = normalise(raw)
    assert result.text == "Trump said the call was 'perfect' and \"fine\""
    start = result.text.index("'perfect'")
    assert raw_of(raw, (start, start + 9), result) == "\u2018perfect\u2019"


def test_non_breaking_spaces_and_line_breaks_become_single_spaces():
    raw = "a\u00a0Russian\r\nunit  paid"
    result = normalise(raw)
    assert result.text == "a Russian unit paid"
    assert raw_of(raw, (2, 14), result) == "Russian\r\nunit"


def test_translated_handles_are_rejoined():
    raw = "@ Mschwirtz @ EricSchmittNYT obviously"
    result = normalise(raw)
    assert result.text == "@Mschwirtz @EricSchmittNYT obviously"
    assert raw_of(raw, (0, 10), result) == "@ Mschwirtz"
    assert raw_of(raw, (11, 26), result) == "@ EricSchmittNYT"


def test_footnote_marker_is_stripped_but_the_word_kept():
    raw = "offered rewards to Taliban * militants and ISIS*."
    result = normalise(raw)
    assert result.text == "offered rewards to Taliban militants and ISIS."
    start = result.text.index("Taliban")
    assert raw_of(raw, (start, start + 7), result) == "Taliban"
    assert raw_of(raw, (start, start + 17), result) == "Taliban * militants"


def test_multiplication_and_leading_star_are_left_alone():
    assert normalise("5 * 3 = 15").text == "5 * 3 = 15"
    assert normalise("* Taliban is banned").text == "* Taliban is banned"


def test_zero_width_characters_are_dropped():
    raw = "bomb\u200bshell re\u00adport\u2060"
    result = normalise(raw)
    assert result.text == "bombshell report"
    assert raw_of(raw, (0, 9), result) == "bomb\u200bshell"


def test_nfc_composition_maps_back_to_the_decomposed_raw():
    raw = "Cafe\u0301 owner said"
    result = normalise(raw)
    assert result.text == "Caf\u00e9 owner said"
    assert raw_of(raw, (0, 4), result) == "Cafe\u0301"
    assert raw_of(raw, (5, 10), result) == "owner"


def test_edits_record_every_change_with_its_kind():
    result = normalise("\u201cno\u201d @ FBI Taliban *")
    kinds = [s.kind for s in result.edits()]
    assert kinds == ["double_quote", "double_quote", "handle", "footnote"]


def test_base_offset_is_added():
    result = normalise("abc", base=100)
    assert result.raw_span(1, 3) == (101, 103)


@examples(300)
@given(st.text())
def test_every_span_maps_inside_the_raw_text_in_order(raw):
    result = normalise(raw, base=7)
    n = len(result.text)
    previous = (7, 7)
    for i in range(n):
        start, end = result.raw_span(i, i + 1)
        assert 7 <= start < end <= 7 + len(raw)
        assert start >= previous[0]
        previous = (start, end)
    whole = result.raw_span(0, n)
    if n:
        assert whole[0] >= 7 and whole[1] <= 7 + len(raw)


@examples(300)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_unchanged_characters_map_to_themselves(raw):
    result = normalise(raw)
    for seg in result.offsets.segments:
        if seg.is_copy:
            piece = result.text[seg.norm_start:seg.norm_start + seg.norm_len]
            assert raw[seg.raw_start:seg.raw_start + seg.raw_len] == piece


@examples(200)
@given(st.text())
def test_normalised_text_is_nfc_with_straight_quotes_and_single_spaces(raw):
    text = normalise(raw).text
    assert unicodedata.is_normalized("NFC", text) or not unicodedata.is_normalized("NFC", raw)
    assert not set(text) & set("\u2018\u2019\u201c\u201d\u00a0\u200b")
    assert "  " not in text


_EDIT_ALPHABET = "ab1 \t\n\u00a0*@'`\"\u2018\u2019\u201c\u201d\u200b\u00ad.,)x"


@examples(500)
@given(st.text(alphabet=_EDIT_ALPHABET, max_size=40))
def test_edit_search_finds_what_the_full_pattern_finds(raw):
    # the fast search tries the edit pattern only where an edit can start; it must find
    # exactly the matches a scan of every position finds
    from analysis.text.normalisation import _EDITS, _edits
    fast = [(m.span(), m.lastgroup) for m in _edits(raw)]
    assert fast == [(m.span(), m.lastgroup) for m in _EDITS.finditer(raw)]


def test_edit_search_on_a_sentence_with_every_kind_of_edit():
    from analysis.text.normalisation import _edits
    raw = "Tom\u2019s  note* says \u201cyes\u201d to @ jo\u200bnes and ''so''\tit\u00a0goes"
    kinds = [(m.lastgroup, m.group()) for m in _edits(raw)]
    assert kinds == [("single_quote", "\u2019"), ("space", "  "), ("footnote", "*"),
                     ("double_quote", "\u201c"), ("double_quote", "\u201d"),
                     ("handle", "@ "), ("zero_width", "\u200b"), ("doubled_quote", "''"),
                     ("doubled_quote", "''"), ("space", "\t"), ("space", "\u00a0")]


def test_mark_class_holds_exactly_the_combining_marks():
    marks = re.compile(f"[{normalisation.mark_class()}]")
    every = "".join(map(chr, range(0x110000)))
    found = {m.start() for m in marks.finditer(every)}
    assert found == {c for c in range(0x110000) if unicodedata.category(chr(c))[0] == "M"}
    assert {0x0301, 0x0E31, 0x20DD} <= found and not {ord("a"), ord("_"), 0x00B4} & found


def segments_of(result) -> list:
    return [*result.offsets.segments, *result.offsets.deletions]


def test_the_offset_map_is_built_only_when_asked_for():
    raw = "He said \u2018no\u2019  twice @ FBI Taliban *"
    result = normalise(raw, base=5)
    assert result.text == "He said 'no' twice @FBI Taliban"
    assert result._offsets is None  # counting reads the text alone
    assert raw_of(" " * 5 + raw, (8, 12), result) == "\u2018no\u2019"
    assert result._offsets is not None
    assert [s.kind for s in result.edits()] == ["single_quote", "single_quote", "space",
                                                "handle", "footnote"]


@examples(300)
@given(st.text(alphabet=_EDIT_ALPHABET + "e\u0301\u00e9", max_size=40), st.integers(0, 9))
def test_the_map_built_later_is_the_map_built_with_the_text(raw, base):
    later, now = normalise(raw, base), _mapped(raw, base)
    assert later.text == now.text
    assert segments_of(later) == segments_of(now)
    assert later.offsets.raw_end == now.offsets.raw_end

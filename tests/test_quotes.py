"""Quotation pairing on normalised text: double and single marks, apostrophes, unbalanced marks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

from analysis.text.quotation import outer_quotes, quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start:q.inner_end] for q in outer_quotes(text)]


def test_double_quotes_pair_in_order():
    text = 'He said "no," and she said "yes."'
    assert inner(text) == ["no,", "yes."]
    assert all(q.closed and q.mark == '"' for q in quotes(text))


def test_closing_double_quote_after_a_space_still_closes():
    text = '"Maybe they do not like it? ", The Foreign Ministry added.'
    assert inner(text) == ["Maybe they do not like it? "]


def test_apostrophes_are_not_quotation_marks():
    text = "Moscow's envoy said they don't know. The Russians' plan failed in the '90s."
    assert quotes(text) == []


def test_single_quotes_around_a_word_and_a_sentence():
    text = "'I really believe we're not wasting time,' Trump said, calling the call 'perfect'."
    assert inner(text) == ["I really believe we're not wasting time,", "perfect"]


def test_quotation_spanning_sentences():
    text = "He added: 'They will be killing terrorists. They will keep that fight going.'"
    assert inner(text) == ["They will be killing terrorists. They will keep that fight going."]


def test_unclosed_double_quote_runs_to_the_end_of_the_paragraph():
    text = 'The minister said: "We will continue the talks. Nobody will stop us.'
    found = outer_quotes(text)
    assert len(found) == 1 and not found[0].closed
    assert text[found[0].inner_start:found[0].inner_end] == ("We will continue the talks. "
                                                             "Nobody will stop us.")


def test_unclosed_single_quote_is_dropped():
    assert quotes("He said 'we will see and left.") == []


def test_single_quotation_inside_double_is_nested_not_outer():
    text = '"They called it \'a fake\' on air," the embassy said.'
    assert [q.mark for q in quotes(text)] == ['"', "'"]
    assert inner(text) == ["They called it 'a fake' on air,"]


def test_stray_closing_double_quote_opens_nothing():
    assert quotes('the word" and nothing else') == []


@examples(300)
@given(st.text(alphabet=st.sampled_from(list("ab '\".,?!- ")), max_size=60))
def test_any_text_gives_well_formed_spans(text):
    for q in quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start] == q.mark
        assert q.inner_start <= q.inner_end
        if q.closed:
            assert text[q.end - 1] == q.mark

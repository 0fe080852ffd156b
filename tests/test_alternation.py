"""Word alternations written as a trie match exactly as the flat, longest-first alternation
does; the source grammar's capitals beyond Latin-1 are read through its matching copy."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis.lexicons import alternation
from analysis.sources.grammar import matching_copy


def flat(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", " ")
                    for w in sorted(set(words), key=len, reverse=True))


def test_shared_prefixes_become_a_trie_that_tries_the_longest_word_first():
    words = ["un", "unnamed", "unidentified", "a b", "x.y"]
    assert alternation(words, longest_first=True) == r"(?:a b|un(?:identified|named)?|x\.y)"
    assert re.match(f"(?:{alternation(words, longest_first=True)})", "unnamed").group() == "unnamed"
    # the shorter word still matches when the rest of the pattern needs it
    assert re.match(f"(?:{alternation(words, longest_first=True)})named", "unnamed").group() == \
        "unnamed"


def test_branches_equal_but_for_case_keep_the_flat_form():
    assert alternation(["AB", "abc"], longest_first=True) == "abc|AB"


def test_the_order_given_is_kept_when_not_longest_first():
    assert alternation(["on", "on the"]) == "on|on the"


TEXT = st.text(alphabet="abAB -.", max_size=16)
WORDS = st.sets(st.text(alphabet="abAB -.", min_size=1, max_size=4), min_size=1, max_size=8)


@examples(300)
@given(WORDS, TEXT, st.sampled_from(["", "(?![a-z])", "b", " "]), st.booleans())
def test_a_trie_matches_what_the_flat_alternation_matches(words, text, after, ignore_case):
    flags = re.IGNORECASE if ignore_case else 0
    found = [m.span() for m in re.finditer(f"(?:{flat(words)}){after}", text, flags)]
    trie = alternation(words, longest_first=True)
    assert [m.span() for m in re.finditer(f"(?:{trie}){after}", text, flags)] == found


def test_the_matching_copy_writes_wide_capitals_as_latin1_and_keeps_offsets():
    text = "Łukasz Nowak and Дмитрий Песков met Ömer"
    copy = matching_copy(text)
    assert len(copy) == len(text)
    assert copy.startswith("\u00deukasz Nowak and \u00deмитрий \u00deесков met Ömer")


def test_a_name_that_starts_with_a_wide_capital_is_a_source(write_article):
    article = analysis.load_article(write_article(
        "Trams\n\nŁukasz Nowak, the city's transport chief, said the trams would run late.\n\n"
        "According to Дмитрий Песков, the city had not been asked.\n"))
    found = analysis.sources.attributions([article])
    assert found[["source", "canonical", "cue"]].values.tolist() == [
        ["Łukasz Nowak", "Łukasz Nowak", "said"], ["Дмитрий Песков", "Дмитрий Песков",
                                                  "According to"]]
    assert all(article.raw[s:e] == m for s, e, m in found[["start", "end", "match"]].values)


def test_words_given_as_an_iterator_are_all_kept_in_either_form():
    assert alternation(iter(["AB", "abc"]), longest_first=True) == "abc|AB"
    assert alternation((w for w in ["in turn", "in fact"]), longest_first=True) == \
        "in (?:fact|turn)"

"""The literal text a pattern needs (analysis.lexicons.prefilter): a search skipped because
the text lacks it could never have matched."""

import re

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

from analysis.lexicons.prefilter import may_match, needed
from analysis.text.segments import credits_in, cues


def test_runs_a_pattern_needs():
    assert needed(re.compile(r"ab(?:cd)+e?f")) == ("ab", "cd", "f")
    assert needed(re.compile(r"x(?:cd|xcdy)y")) == ("x", "y")  # no run common to both branches
    assert needed(re.compile(r"(?:on|upon) time")) == (" time",)
    assert needed(re.compile(r"a(?:bc)*d")) == ("a", "d")  # a repeat of zero needs nothing


def test_case_insensitive_patterns_need_nothing():
    assert needed(re.compile(r"abc", re.I)) == ()
    assert needed(re.compile(r"(?i)abc")) == ()
    assert needed(re.compile(r"x(?i:abc)y")) == ("x", "y")


def test_the_photo_credit_cues_need_a_slash_or_via_getty():
    assert sorted(needed(p) for p, _ in cues("credit")) == [(" via Getty Images",), ("/",)]
    text = "The minister spoke. Ana Ruiz/AFP"
    assert [text[a:b] for a, b, _ in credits_in(text)] == ["Ana Ruiz/AFP"]
    assert credits_in("The minister spoke to reporters in the capital") == []


_PATTERNS = [re.compile(p) for p in (
    r"ab(?:cd)+e?f", r"x(?:cd|xcdy)y", r"(?:on|upon) time", r"[a-c]+/(?:AP|AFP)",
    r"(?<![\w/])(?:[A-Z]\w*)(?: [A-Z]\w*){0,2} ?/ ?(?:AP|Reuters)", r"a{2,}b(?=c)",
)] + [p for p, _ in cues("credit")]


@examples(400)
@given(st.sampled_from(_PATTERNS),
       st.text(alphabet="abcdefxy /APRFeutrsonpim ", max_size=30))
def test_a_skipped_search_could_not_have_matched(pattern, text):
    if pattern.search(text):
        assert may_match(pattern, text)


def test_may_match_checks_every_run():
    pattern = re.compile(r"ab.*cd")
    assert may_match(pattern, "xx ab yy cd")
    assert not may_match(pattern, "xx ab yy")

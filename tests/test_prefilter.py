"""The literal text a pattern needs (analysis.lexicons.prefilter): a search skipped because
the text lacks it could never have matched."""

import re

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

from analysis.lexicons.prefilter import may_match, needed
from analysis.text.roles import _caption_rules
from analysis.text.segments import credits_in, cues


def test_runs_a_pattern_needs():
    assert needed(re.compile(r"ab(?:cd)+e?f")) == (("ab",), ("cd",), ("f",))
    assert needed(re.compile(r"a(?:bc)*d")) == (("a",), ("d",))  # a repeat of zero needs nothing
    assert needed(re.compile(r"(?:on|upon) time")) == ((" time",), ("on", "upon"))
    # an alternation needs one run of each branch, unless a branch needs none
    assert needed(re.compile(r"x(?:cd|xcdy)y")) == (("x",), ("y",), ("cd", "xcdy"))
    assert needed(re.compile(r"x(?:cd|\d+)y")) == (("x",), ("y",))
    # the letters of a case-insensitive group are not required as written
    assert needed(re.compile(r"x(?i:abc)y")) == (("x",), ("y",))
    assert may_match(re.compile(r"x(?i:abc)y"), "xABCy")


def test_case_insensitive_patterns_are_checked_in_lower_case_on_ascii_text():
    pattern = re.compile(r"\b(?:Getty Images|AP Photo)\b", re.I)
    assert needed(pattern) == (("ap photo", "getty images"),)
    assert may_match(pattern, "Photo: GETTY IMAGES")
    assert not may_match(pattern, "The mayor spoke at noon")
    # beyond ASCII, case-insensitive matching is more than lower-casing ("\u017f" is an "s")
    assert re.search(r"getty images", "getty image\u017f", re.I)
    assert may_match(pattern, "getty image\u017f")


def test_the_photo_credit_cues_need_a_slash_or_via_getty():
    clauses = [needed(p)[0] for p, _ in cues("credit")]
    assert clauses == [("/",), (" via Getty Images",)]
    text = "The minister spoke. Ana Ruiz/AFP"
    assert [text[a:b] for a, b, _ in credits_in(text)] == ["Ana Ruiz/AFP"]
    assert credits_in("The minister spoke to reporters in the capital") == []


_PATTERNS = [re.compile(p) for p in (
    r"ab(?:cd)+e?f", r"x(?:cd|xcdy)y", r"(?:on|upon) time", r"[a-c]+/(?:AP|AFP)",
    r"(?<![\w/])(?:[A-Z]\w*)(?: [A-Z]\w*){0,2} ?/ ?(?:AP|Reuters)", r"a{2,}b(?=c)",
)] + [re.compile(p, re.I) for p in (r"\b(?:ap photo|afp)\b", r"(?:on|upon) time")] + [
    re.compile(r"x(?i:ap)y"), re.compile(r"(?i:on)(?-i:AP)")] + [
    p for p, _ in cues("credit")] + [p for p, _ in _caption_rules()]


@examples(400)
@given(st.sampled_from(_PATTERNS),
       st.text(alphabet="abcdefxyONX /APRFeutrsonpimh()\u017f", max_size=30))
def test_a_skipped_search_could_not_have_matched(pattern, text):
    if pattern.search(text):
        assert may_match(pattern, text)
        assert may_match(pattern, text, text.lower())  # as the caption cues call it
    assert may_match(pattern, text, text.lower()) == may_match(pattern, text)


def test_the_post_introductions_need_a_colon():
    from analysis.text.segments import cues as segment_cues

    clauses = [needed(p)[0] for p, _ in segment_cues("post_intro")]
    assert clauses == [(":",)]
    assert not may_match(segment_cues("post_intro")[0][0], "The senator tweeted on Monday.")


def test_may_match_checks_every_run():
    pattern = re.compile(r"ab.*(?:cd|ef)")
    assert may_match(pattern, "xx ab yy cd")
    assert may_match(pattern, "xx ab yy ef")
    assert not may_match(pattern, "xx ab yy")

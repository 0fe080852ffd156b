"""The literal text a pattern needs (analysis.lexicons.prefilter): a search skipped because
the text lacks it could never have matched."""

import re
import sys

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

from analysis.lexicons.prefilter import (
    FOLDED_TO_ASCII,
    folds_as_lower,
    may_any,
    may_match,
    needed,
    pooled,
    widest,
)
from analysis.text.roles import _boilerplate_rules, _caption_patterns, _caption_rules
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


def test_no_text_longer_than_the_widest_match_matches_whole():
    assert widest(re.compile(r"(?i:read more)(?: at| on|:)? .{1,80}")) == 93
    assert widest(re.compile(r"ab?c")) == 3
    assert widest(re.compile(r"a(?=bcd)")) == 1  # a lookahead reads but does not match
    assert widest(re.compile(r"ab+")) is None and widest(re.compile(r"x\d*")) is None


@examples(300)
@given(st.sampled_from([re.compile(p) for p in (
    r"(?i:read more)(?: at| on|:)? .{1,8}", r"(a|bc){1,3}", r"(?:x(?=y))?y{2}", r"(a)b\1",
    r"[\w-]{2,4}\.?", r"(?i:k)s",
)] + [p for p, _ in _boilerplate_rules()]), st.text(alphabet="ab cxyREADMORE:.-k\u212a",
                                                     max_size=12))
def test_a_text_that_matches_whole_is_no_longer_than_the_widest_match(pattern, text):
    if pattern.fullmatch(text):
        assert widest(pattern) is None or len(text) <= widest(pattern)


def test_the_pooled_runs_of_the_caption_cues():
    exact, folded = pooled(_caption_patterns())
    assert exact == ()
    assert "photo" in folded and "photograph" not in folded  # "photo" is in "photograph"
    assert not may_any(_caption_patterns(), "The mayor spoke at noon on Tuesday.")
    assert may_any(_caption_patterns(), "A PHOTO of the mayor")
    assert may_any(_caption_patterns(), "getty image\u017f")  # "\u017f" matches "s"
    assert not may_any(_caption_patterns(), "The caf\u00e9 opened \u2014 at noon.")  # beyond ASCII
    assert pooled((re.compile("a"), re.compile(r"\w+"))) is None  # the second needs nothing
    assert pooled((re.compile("ab|cd"), re.compile("Ab", re.I))) == (("ab", "cd"), ("ab",))


@examples(400)
@given(st.text(alphabet="abcdefxyONX /APRFeutrsonpimh()\u017f\u212a\u00e9KIkPHOTO", max_size=30))
def test_may_any_is_false_only_where_no_pattern_matches(text):
    patterns = (*_PATTERNS, *_caption_patterns())
    for group in (_caption_patterns(), tuple(_PATTERNS[:4]), patterns):
        if any(p.search(text) for p in group):
            assert may_any(group, text) and may_any(group, text, text.lower())


def test_only_four_characters_beyond_ascii_match_ascii_letters_case_insensitively():
    letter = re.compile("[a-z]", re.I)
    found = [c for c in map(chr, range(128, sys.maxunicode + 1)) if letter.fullmatch(c)]
    assert tuple(found) == FOLDED_TO_ASCII
    assert folds_as_lower("Caf\u00e9 PHOTO") and not folds_as_lower("\u212aelvin")


def test_identity_caches_compute_once_per_object_and_empty_when_full(monkeypatch):
    from analysis.lexicons import prefilter

    calls = []
    monkeypatch.setattr(prefilter, "IDENTITY_LIMIT", 2)
    counted = prefilter.by_identity(lambda p: calls.append(p.pattern) or p.pattern.upper())
    first = re.compile("ab+")
    re.purge()  # (else re hands back the object it compiled before)
    same, other = re.compile("ab+"), re.compile("ab+", re.I)
    assert same is not first and same == first
    assert counted(first) == counted(first) == "AB+"
    assert calls == ["ab+"]
    assert counted(other) == "AB+" and calls == ["ab+", "ab+"]
    assert counted(same) == "AB+" and len(calls) == 3  # a third object: emptied, then kept
    assert counted(first) == "AB+" and len(calls) == 4


def test_needed_and_pooled_answer_equal_patterns_alike():
    one = re.compile(r"x/(?:AFP|Reuters)")
    re.purge()
    two = re.compile(r"x/(?:AFP|Reuters)")
    assert one is not two
    assert needed(one) == needed(two) == (("x/",), ("AFP", "Reuters"))
    assert pooled((one,)) == pooled((two,)) == (("AFP", "Reuters"), ())

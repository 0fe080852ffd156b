"""Paragraph roles: the seeds' audit, and each rule on text written for the test."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis.paths import SEEDS_DIR
from analysis.text.reading import build_article
from analysis.text.roles import assign_roles, split_paragraphs


def roles_of(article: analysis.Article) -> list[str]:
    return [p.role for p in article.paragraphs]


def make(raw: str) -> analysis.Article:
    return build_article(raw, id="test", path=SEEDS_DIR / "test.txt")


# --- the seeds -------------------------------------------------------------------------------

def test_daily_mail_headline(dm):
    assert dm.headline == ("Russia paid the Taliban BOUNTIES for killing American troops "
                           "in Afghanistan")
    assert dm.paragraphs[0].role == "headline"


def test_daily_mail_has_eleven_caption_paragraphs_six_distinct(dm):
    captions = [p for p in dm.paragraphs if p.role == "caption"]
    assert len(captions) == 11
    assert [p.index for p in captions if p.kept] == [4, 9, 11, 13, 15, 17]
    repeats = [p for p in captions if not p.kept]
    assert [(p.index, p.duplicate_of) for p in repeats] == [(10, 9), (12, 11), (14, 13),
                                                             (16, 15), (18, 17)]
    assert all(f"repeats paragraph {p.duplicate_of}" in p.reason for p in repeats)


def test_repeat_differing_only_in_apostrophe_style_is_still_a_repeat(dm):
    first, second = dm.paragraphs[15], dm.paragraphs[16]
    assert dm.raw[first.start:first.end] != dm.raw[second.start:second.end]
    assert "country's" in dm.raw[first.start:first.end]
    assert "country\u2019s" in dm.raw[second.start:second.end]
    assert second.duplicate_of == 15


def test_single_caption_reads_as_scene_plus_date(dm):
    caption = dm.paragraphs[4]
    assert caption.text.startswith("President Donald Trump delivers remarks")
    assert caption.role == "caption" and caption.kept
    assert "'delivers'" in caption.reason and "November 28, 2019" in caption.reason


def test_daily_mail_boilerplate_line(dm):
    last = dm.paragraphs[-1]
    assert (last.role, last.kept, last.text) == ("boilerplate", False,
                                                 "Read more at DailyMail.co.uk")


def test_daily_mail_body_count(dm):
    assert analysis.text.paragraphs_per_role(dm) == {"headline": 1, "body": 17, "caption": 11,
                                        "boilerplate": 1}


def test_russian_piece_has_two_embedded_posts_with_signatures(ru):
    embeds = [p for p in ru.paragraphs if p.role == "embed"]
    assert [(p.index, p.post) for p in embeds] == [(3, 1), (4, 1), (8, 2), (9, 2), (10, 2)]
    signatures = [p for p in embeds if p.reason.startswith("signature line")]
    assert [p.index for p in signatures] == [4, 10]
    assert all("Russia in USA" in p.reason and "(@RusEmbUSA)" in p.reason for p in signatures)
    assert all(p.kept for p in embeds)


def test_identical_signature_lines_are_not_merged(ru):
    four, ten = ru.paragraphs[4], ru.paragraphs[10]
    assert four.text == ten.text
    assert four.kept and ten.kept and ten.duplicate_of is None


def test_russian_footnote_refers_back_to_the_marked_word(ru):
    footnote = ru.paragraphs[-1]
    assert footnote.role == "footnote"
    assert footnote.text.startswith('* "Taliban" - the organization was recognized as terrorist')
    assert "'Taliban'" in footnote.reason and "paragraph 1" in footnote.reason


def test_russian_piece_has_no_headline(ru):
    assert ru.headline is None
    assert ru.paragraphs[0].role == "body"


def test_nothing_in_either_seed_is_unaccounted_for(seeds):
    for article in seeds:
        assert article.unaccounted() == []
        assert len(article.audit()) == len(article.paragraphs)


def test_audit_columns(dm):
    audit = dm.audit()
    assert list(audit.columns) == ["paragraph", "role", "status", "reason", "first_words",
                                   "start", "end"]
    assert audit["status"].value_counts().to_dict() == {"kept": 24, "set aside": 6}


def test_paragraph_offsets_cover_raw_text(seeds):
    for article in seeds:
        for p in article.paragraphs:
            assert article.raw[p.start:p.end].strip() == article.raw[p.start:p.end]
            assert p.raw_span(0, len(p.text)) == (p.start, p.end)


# --- rules on written text -------------------------------------------------------------------

def test_paragraphs_split_on_blank_lines_with_whitespace_inside():
    raw = "Headline here\n \t\nFirst para\ncontinues.\r\n\r\nSecond.\n"
    assert [raw[a:b] for a, b in split_paragraphs(raw)] == [
        "Headline here", "First para\ncontinues.", "Second."]


def test_single_line_breaks_split_when_there_are_no_blank_lines():
    raw = "Headline\nFirst paragraph.\nSecond paragraph."
    assert [raw[a:b] for a, b in split_paragraphs(raw)] == [
        "Headline", "First paragraph.", "Second paragraph."]


def test_headline_needs_a_short_line_without_a_full_stop():
    assert roles_of(make("Storm hits coast\n\nThe storm hit.\n\nIt was big.")) == [
        "headline", "body", "body"]
    assert roles_of(make("The storm hit the coast.\n\nIt was big.")) == ["body", "body"]


def test_caption_cues_from_other_outlets():
    texts = [
        "Storm hits coast",
        "The storm hit the coast on Monday.",
        "Residents clear debris in Miami, Florida. (AP Photo/Lynne Sladky)",
        "Image caption Protesters gathered outside parliament",
        "Rescuers search the rubble (pictured) after the quake.",
        "Officials said the damage was severe.",
    ]
    assert [d.role for d in assign_roles(texts)] == [
        "headline", "body", "caption", "caption", "caption", "body"]


def test_present_tense_sentence_with_a_date_ending_in_a_stop_stays_body():
    texts = ["Title line", "Trump meets Putin in Helsinki on July 16, 2018.", "More text."]
    assert [d.role for d in assign_roles(texts)] == ["headline", "body", "body"]


def test_adjacent_repeat_of_running_text_is_set_aside_but_stays_body():
    texts = ["Title line", "The storm hit.", "The storm hit.", "The end."]
    decisions = assign_roles(texts)
    assert [(d.role, d.kept, d.duplicate_of) for d in decisions] == [
        ("headline", True, None), ("body", True, None), ("body", False, 1), ("body", True, None)]


def test_triple_repeat_names_the_first_copy():
    texts = ["Title line", "Same words here in a caption line", "Same words here in a caption line",
             "Same words here in a caption line", "Body."]
    decisions = assign_roles(texts)
    assert [d.duplicate_of for d in decisions] == [None, None, 1, 1, None]
    assert [d.role for d in decisions[1:4]] == ["caption"] * 3


def test_identical_paragraphs_that_are_not_adjacent_are_both_kept():
    texts = ["Title line", "He said no.", "Then more.", "He said no."]
    assert all(d.kept for d in assign_roles(texts))


def test_instagram_embed_signature():
    texts = ["Title line", "Body text.", "Sunset over the bay #nofilter",
             "A post shared by Jane Doe (@janedoe) on Jun 27, 2020 at 3:00pm PDT", "More body."]
    assert [d.role for d in assign_roles(texts)] == ["headline", "body", "embed", "embed", "body"]


def test_embed_walks_back_only_over_paragraphs_with_social_markers():
    texts = ["Title line", "The embassy said it was angry.", "Stop the lies, @nytimes.",
             "We demand action #US https://t.co/abc",
             "\u2014 Embassy (@Embassy) June 27, 2020", "Body again."]
    assert [d.role for d in assign_roles(texts)] == [
        "headline", "body", "embed", "embed", "embed", "body"]


def test_boilerplate_from_web_pages():
    texts = ["Title line", "By JOHN SMITH Associated Press", "Home | World | Politics | Sport",
             "Advertisement", "Body text of the story.", "Share this article",
             "Published: 10:03 EDT, 27 June 2020", "\u00a9 2020 The Associated Press"]
    roles = [d.role for d in assign_roles(texts)]
    assert roles == ["headline", "boilerplate", "boilerplate", "boilerplate", "body",
                     "boilerplate", "boilerplate", "boilerplate"]
    decisions = assign_roles(texts)
    assert not any(d.kept for d in decisions if d.role == "boilerplate")


def test_sentences_starting_like_boilerplate_stay_body():
    texts = ["Title line", "By then the war was over.", "Updated figures show a rise.",
             "Home prices rose again."]
    assert [d.role for d in assign_roles(texts)] == ["headline", "body", "body", "body"]


def test_bullet_list_item_is_not_a_footnote():
    texts = ["Title line", "The plan has parts:", "* cut taxes", "* raise spending",
             "Critics disagreed."]
    assert [d.role for d in assign_roles(texts)] == ["headline", "body", "body", "body", "body"]


def test_footnote_at_the_end_without_a_marked_word():
    texts = ["Title line", "Body text.", "* Names have been changed."]
    assert [d.role for d in assign_roles(texts)] == ["headline", "body", "footnote"]


@examples(200)
@given(st.text(alphabet=st.sampled_from(list("ab .\n\r\t\u00a0*@#\u2019\u200b\u0301")),
               max_size=80))
def test_paragraphs_and_separators_reproduce_raw_exactly(raw):
    spans = split_paragraphs(raw)
    pieces, position = [], 0
    for a, b in spans:
        assert a < b and raw[position:a].strip() == ""
        pieces += [raw[position:a], raw[a:b]]
        position = b
    assert raw[position:].strip() == ""
    assert "".join(pieces) + raw[position:] == raw


@examples(200)
@given(st.text(min_size=1))
def test_arbitrary_unicode_articles_are_lossless(raw):
    article = make(raw)
    assert article.unaccounted() == []
    for p in article.paragraphs:
        assert raw[p.start:p.end] and not raw[p.start:p.end][0].isspace()
        start, end = p.raw_span(0, len(p.text))
        assert p.start <= start <= end <= p.end


def test_wire_dateline_is_not_a_photo_credit_but_a_trailing_credit_is():
    texts = ["Title line", "WASHINGTON (Reuters) - A Senate panel delayed a vote on Tuesday",
             "Senators meet in the Capitol in Washington, June 5, 2020. (AP Photo/Jane Roe)",
             "More body text."]
    assert [d.role for d in assign_roles(texts)] == ["headline", "body", "caption", "body"]


def test_credit_lines_and_cookie_banners_are_boilerplate():
    texts = ["Title line", "Body text.", "(Reporting by Ann Lee; Editing by Bo Chan)",
             "AP writer Kim Ode in Dover contributed to this report.",
             "We use cookies to improve your experience.", "Accept all cookies"]
    assert [d.role for d in assign_roles(texts)] == ["headline", "body"] + ["boilerplate"] * 4


def test_headline_may_follow_site_furniture_and_lists_under_most_read_are_set_aside():
    texts = ["Home | News | Sport", "Storm hits coast", "The storm hit.", "It was big.",
             "Most read", "1. Ten walks\n2. Bin days", "Follow us on social media"]
    raw = list(texts)
    decisions = assign_roles(texts, raw)
    assert [d.role for d in decisions] == ["boilerplate", "headline", "body", "body",
                                           "boilerplate", "boilerplate", "boilerplate"]
    assert decisions[1].reason.startswith("first paragraph after site furniture")
    assert decisions[5].reason == "list under the 'Most read' heading in paragraph 4"


@examples(500)
@given(st.text(alphabet="ab \t\r\n\u2028\u2029\u00a0", max_size=40))
def test_break_search_finds_what_the_full_patterns_find(raw):
    from analysis.text.roles import _BLANK_LINES, _LINE_BREAK, _breaks

    for separator in (_BLANK_LINES, _LINE_BREAK):
        assert [m.span() for m in _breaks(separator, raw)] == [
            m.span() for m in separator.finditer(raw)]
    assert (next(_breaks(_BLANK_LINES, raw), None) is None) == (_BLANK_LINES.search(raw) is None)


def test_paragraphs_split_at_blank_lines_or_else_at_line_breaks():
    assert split_paragraphs("One.\r\n \r\nTwo\nstill two.\u2029Three.") == [
        (0, 4), (9, 23), (24, 30)]
    assert split_paragraphs(" One.\r\nTwo.\u2028Three. ") == [(1, 5), (7, 11), (12, 18)]

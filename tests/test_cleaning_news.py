"""Cleaning scraped pages from other sites: credits, captions, notes, unsigned posts, datelines
and one-block texts. Every text here is invented, written in the construction that failed."""

from __future__ import annotations

import pytest

import analysis
from analysis import sources
from analysis.errors import NothingToAnalyseError
from analysis.evidence import position_profile
from analysis.report.cli import main
from analysis.text.audit import ONE_BLOCK, embedded_posts, overview
from analysis.words import tally

STORY = ("The county board met on Tuesday and approved a new budget for the coming year. "
         "Board chair Lena Morse said the plan would add two clinics. ")


def roles(article: analysis.Article) -> list[tuple[str, str]]:
    return [(p.role, p.text) for p in article.paragraphs]


def test_a_credit_inside_one_block_of_text_is_cut_out_and_the_story_stays_body(write_article):
    text = (f"{STORY}Ana Ruiz/AFP/Getty Images Critics said the clinics would cost too much. "
            "The vote was five to two.")
    article = analysis.load_article(write_article(text))
    assert roles(article) == [
        ("body", STORY.strip()), ("caption", "Ana Ruiz/AFP/Getty Images"),
        ("body", "Critics said the clinics would cost too much. The vote was five to two.")]
    assert "photo credit" in article.paragraphs[1].reason
    assert article.unaccounted() == []
    assert article.one_block
    assert overview([article])["layout"].tolist() == [ONE_BLOCK]


@pytest.mark.parametrize("credit", ["Handout/Reuters.", "Pool Photo/Reuters.",
                                    "Jo Reyes/AP Photo", "Sam Lee/Bloomberg via Getty Images"])
def test_a_short_paragraph_ending_with_a_credit_is_a_caption_even_with_a_full_stop(
        write_article, credit):
    text = f"Board approves budget\n\n{STORY}\n\nThe new clinic in Dunmore. {credit}\n\n{STORY}"
    article = analysis.load_article(write_article(text))
    assert [p.role for p in article.paragraphs] == ["headline", "body", "caption", "body"]


@pytest.mark.parametrize("caption", [
    "Board chair Lena Morse (left) and the treasurer, Hal Dunn (right), after the vote.",
    "A nurse holds up the plans for the Dunmore clinic.",
])
def test_photo_scene_descriptions_are_captions(write_article, caption):
    article = analysis.load_article(write_article(f"Board approves budget\n\n{STORY}\n\n"
                                                  f"{caption}\n\n{STORY}"))
    assert article.paragraphs[2].role == "caption"


def test_party_letters_and_supports_that_hold_up_are_not_captions(write_article):
    text = ("Board approves budget\n\n"
            "Sen. Ada Vale (R) and Sen. Tom Bright (D) backed the plan on Tuesday, aides said.\n\n"
            "Inspectors found cracks in the beams that hold up the roof of the old clinic.")
    article = analysis.load_article(write_article(text))
    assert [p.role for p in article.paragraphs] == ["headline", "body", "body"]


@pytest.mark.parametrize("note", [
    "UPDATE: 3/14 — The board will vote again next week.",
    "Editor's note: An earlier version of this story gave the wrong date for the vote.",
    "CORRECTION: The clinic will open in May, not March.",
    "This story has been updated with comment from the treasurer.",
])
def test_editors_notes_have_a_role_of_their_own(write_article, note):
    article = analysis.load_article(write_article(f"Board approves budget\n\n{STORY}\n\n{note}"))
    assert article.paragraphs[2].role == "note"
    assert [p.index for p in article.select()] == [0, 1]


@pytest.mark.parametrize("text", [
    'Previously, the mayor told reporters: "We will rebuild the pier."',
    "Updated figures from the county show: spending rose 4 percent.",
    "Correction officers at the county jail said: the cells are full.",
])
def test_sentences_that_open_with_a_note_word_stay_body(write_article, text):
    article = analysis.load_article(write_article(f"Board approves budget\n\n{text}"))
    assert article.paragraphs[1].role == "body"


def test_a_previously_label_ends_the_note_and_the_story_goes_on(write_article):
    text = ("Board approves budget\n\nUPDATE: 3/14 — The vote was moved. PREVIOUSLY: The county "
            "board will vote on the budget on Tuesday, its chair said.")
    article = analysis.load_article(write_article(text))
    assert roles(article)[1:] == [
        ("note", "UPDATE: 3/14 — The vote was moved. PREVIOUSLY:"),
        ("body", "The county board will vote on the budget on Tuesday, its chair said.")]


def test_a_repeated_introduction_still_finds_its_post(write_article):
    text = ("Board approves budget\n\nAfter the vote, Lena Morse tweeted:\n\n"
            "After the vote, Lena Morse tweeted:\n\nTwo new clinics for Dunmore!\n\n" + STORY)
    article = analysis.load_article(write_article(text))
    assert [p.role for p in article.paragraphs] == ["headline", "body", "body", "embed", "body"]
    assert article.paragraphs[3].post == 1


def test_a_post_quoted_without_its_signature_is_the_posters_words(write_article):
    text = (f"Board approves budget\n\n{STORY}\n\nAfter the vote, Lena Morse tweeted:\n\n"
            "Two new clinics for Dunmore. Thank you to everyone who came!\n\n{STORY}")
    article = analysis.load_article(write_article(text))
    assert article.paragraphs[3].role == "embed"
    row = sources.attributions(article).query("paragraph == 2").iloc[-1]
    assert (row["canonical"], row["quote"]) == ("Lena Morse", "direct")
    assert article.raw[row["speech_start"]:row["speech_end"]] == article.paragraphs[3].text
    assert embedded_posts([article])["text"].tolist() == [article.paragraphs[3].text]


@pytest.mark.parametrize("dateline", ["WASHINGTON —", "WASHINGTON (Reuters) -", "(CNN) —",
                                      "LONDON, June 27 (Reuters) -", "DUNMORE, Pa. —"])
def test_datelines_are_cut_out_and_count_as_no_words_or_actors(write_article, dateline):
    article = analysis.load_article(write_article(f"Board approves budget\n\n{dateline} {STORY}"))
    assert [p.role for p in article.paragraphs] == ["headline", "dateline", "body"]
    assert article.dateline == dateline.rstrip(" -\u2014")
    counts = tally(article).counts
    assert counts and not {"washington", "london", "cnn", "dunmore", "reuters"} & set(counts)
    everything = tally(article, roles=None).counts
    assert {"washington", "london", "cnn", "dunmore"} & set(everything)


@pytest.mark.parametrize("opening", ["EXCLUSIVE – Roger Vale: the tapes are real.",
                                     "NATO - The alliance said on Monday it would send ships.",
                                     "FBI — The bureau said on Monday it had closed the case."])
def test_labels_and_acronyms_before_a_dash_are_no_dateline(write_article, opening):
    article = analysis.load_article(write_article(f"Board approves budget\n\n{opening}"))
    assert [p.role for p in article.paragraphs] == ["headline", "body"]
    assert article.dateline == ""


@pytest.mark.parametrize("text", [
    "A Lake County Times/Bloomberg Politics poll released Saturday found the mayor ahead.",
    "The mayor leads by four points in the survey by Quinnipiac/CNN.",
    "The Reuters/Ipsos poll showed the mayor doing better among older voters this week.",
])
def test_names_with_a_slash_inside_a_sentence_are_no_credit(write_article, text):
    article = analysis.load_article(write_article(f"Board approves budget\n\n{text}"))
    assert [p.role for p in article.paragraphs] == ["headline", "body"]


def test_a_repeated_caption_that_opens_with_a_credit_is_one_caption_seen_once(write_article):
    caption = "Ana Ruiz/AFP/Getty Images The chair speaks at the board meeting on Tuesday, May 3."
    article = analysis.load_article(write_article(
        f"Board approves budget\n\n{STORY}\n\n{caption}\n\n{caption}\n\n{STORY}"))
    assert [(p.role, p.kept) for p in article.paragraphs] == [
        ("headline", True), ("body", True), ("caption", True), ("caption", False),
        ("body", True)]


def test_a_one_block_text_has_its_lede_in_sentences(write_article):
    article = analysis.load_article(write_article(
        STORY + "Critics said the clinics would cost too much. The vote was five to two."))
    hits = sources.attributions(article)[["article", "paragraph", "sentence", "start"]]
    profile = position_profile(article, hits)
    assert profile["section"].tolist() == ["lede", "rest"]
    assert set(profile["section_by"]) == {"sentence"}
    with pytest.raises(analysis.AnalysisInputError, match=r"lacks column\(s\) \['sentence'\]"):
        position_profile(article, hits.drop(columns="sentence"))


def test_an_article_left_without_words_is_a_clear_error(write_article, capsys):
    path = write_article("A nurse holds up the plans for the Dunmore clinic. Jo Reyes/AP Photo")
    with pytest.raises(NothingToAnalyseError, match=r"no words in the analysed roles "
                       r"\(body, headline\).* in caption paragraphs; pass --roles "
                       r"body,caption,headline"):
        analysis.load_articles([path])
    assert analysis.load_articles([path], roles=["body", "caption"])[0].paragraphs
    assert main(["compare", str(path), str(path), "--out", str(path.parent / "out")]) == 2
    assert "no words in the analysed roles" in capsys.readouterr().err


def test_a_hyphen_inside_capitals_is_no_dateline(write_article):
    article = analysis.load_article(write_article(
        "Board approves budget\n\nU.S.-Canada talks on the clinics ended on Tuesday, aides said."))
    assert [p.role for p in article.paragraphs] == ["headline", "body"]


def test_every_role_has_a_name_in_the_generated_prose(write_article):
    from analysis.report.prose import ROLE_NOUNS, cleaning

    assert set(ROLE_NOUNS) == set(analysis.ROLES)
    article = analysis.load_article(write_article(
        f"UPDATE: 3/14 — The vote moved.\n\nDUNMORE, Pa. — {STORY}"))
    assert cleaning(article) == ("**article**: 3 paragraphs: 1 body paragraph, 1 editor's note, "
                                 "1 dateline (dateline DUNMORE, Pa.).")


@pytest.mark.parametrize("text", [
    "On Tuesday she met the chair again, and he signed a picture taken back in 1998 for her.",
    "The clerk found the minutes, which sat in a photo album in the basement, on Friday.",
])
def test_a_photo_mentioned_inside_a_sentence_is_no_caption(write_article, text):
    article = analysis.load_article(write_article(f"Board approves budget\n\n{text}"))
    assert [p.role for p in article.paragraphs] == ["headline", "body"]

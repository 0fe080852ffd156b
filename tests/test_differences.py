"""The generated main differences state only what differs, on short articles written for the
tests, one for each kind of false or empty statement seen on real pairs."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis.report.display import escape
from analysis.report.prose import shared_sources

QUIET = ("Bridge vote\n\n"
         "The council met on Monday to vote on the new bridge. The plan passed by six votes "
         "to three. Work is due to start in the spring, and the bridge should open next "
         "year.\n")


def pair(write_article, first: str, second: str) -> list[analysis.Article]:
    return [analysis.load_article(write_article(first, "a.txt"), id="a", label="Paper A"),
            analysis.load_article(write_article(second, "b.txt"), id="b", label="Paper B")]


def lines(write_article, first: str, second: str) -> list[str]:
    return analysis.summary.differences(pair(write_article, first, second))


def starting(found: list[str], prefix: str) -> list[str]:
    return [line for line in found if line.startswith(prefix)]


def test_stance_inside_quotations_is_not_the_outlets_stance(write_article):
    quoted = ("Bridge vote\n\n"
              "\u201cOf course we will win, and we will certainly win big,\u201d the mayor "
              "said. \u201cClearly we are ready, and of course the bridge is needed,\u201d she "
              "added. The council voted on Monday.\n")
    found = lines(write_article, quoted, QUIET)
    assert starting(found, "- Stance") == []


def test_the_narrators_stance_is_compared_with_the_sources_beside_it(write_article):
    narrated = ("Bridge vote\n\n"
                "The council clearly wanted the bridge. It certainly voted for it, and in fact "
                "the plan was obviously popular. Work starts in spring.\n")
    (line,) = starting(lines(write_article, narrated, QUIET), "- Stance")
    assert line.startswith("- Stance: **Paper A** uses boosting markers more in its own voice "
                           "(4 markers,")
    assert "In sources' quoted and reported words: **Paper A** 0, **Paper B** 0." in line


def test_a_difference_resting_on_one_or_two_markers_is_left_out_and_named(write_article):
    one = QUIET.replace("The plan passed", "The plan clearly passed")
    found = lines(write_article, one, QUIET)
    assert starting(found, "- Stance") == []
    assert found[-1].startswith("- Not compared, as fewer than 3 markers")
    assert "boosting markers in the narrator's voice (1 against 0)" in found[-1]


def test_the_same_strongest_frame_is_said_once(write_article):
    fight = ("Bridge row\n\n"
             "The mayor clashed with the council over the bridge. Critics criticised the plan "
             "and a backlash followed. The two sides clashed again on Friday.\n")
    (line,) = starting(lines(write_article, fight, fight.replace("Friday", "Monday")),
                       "- Frames")
    assert line.startswith("- Frames: both lean on conflict (**Paper A**")
    assert "strongest news frame is" not in line


def test_identical_articles_have_no_directed_difference(write_article):
    found = lines(write_article, QUIET, QUIET)
    assert not any("uses more" in line or "speaks more" in line or " more in " in line
                   for line in found)
    assert starting(found, "- Voice: neither article attributes words to a source")
    assert starting(found, "- Vocabulary: no content term is significantly more frequent")


def test_a_tie_for_most_cited_is_named(write_article):
    tied = ("Bridge vote\n\n"
            "Ann Brook said the bridge was needed. Tom Vale said it was too dear. Ann Brook "
            "said work would start soon. Tom Vale said he would appeal. Ann Brook said she "
            "was not worried. Tom Vale said he had the votes.\n")
    (line,) = starting(lines(write_article, tied, tied), "- Sources")
    assert "2 sources tied at 3: Ann Brook and Tom Vale" in line


def test_counts_agree_in_number():
    shared = pd.DataFrame([
        {"canonical": "Ann Brook", "article": "a", "attributions": 1, "cues": "said",
         "in_articles": 2},
        {"canonical": "Ann Brook", "article": "b", "attributions": 2, "cues": "said",
         "in_articles": 2}])

    class Named:
        def __init__(self, id_, label):
            self.id, self.label = id_, label

    text = shared_sources(shared, [Named("a", "Paper A"), Named("b", "Paper B")])
    assert "**Paper A** 1 time (said)" in text and "**Paper B** 2 times (said)" in text


def test_escaping_keeps_an_apostrophe_whole():
    assert escape("Obama's #1 \"plan\"") == "Obama&#x27;s &#35;1 &quot;plan&quot;"


def test_a_title_case_headline_does_not_name_a_person(write_article):
    text = ("Governor Moved to Ask Whitfield to Step Aside\n\n"
            "Rep. Dana Whitfield said on Monday that she would stay in the race. Whitfield "
            "said the offer was never made. Whitfield added that she had the votes.\n")
    article = analysis.load_article(write_article(text), id="a")
    roster = analysis.sources.roster(article)
    assert list(roster["canonical"]) == ["Dana Whitfield"]


def test_a_strongest_frame_on_one_or_two_hits_is_not_named(write_article):
    fight = ("Bridge row\n\n"
             "The mayor clashed with the council over the bridge. Critics criticised the plan "
             "and a backlash followed. The two sides clashed again on Friday.\n")
    (line,) = starting(lines(write_article, fight, QUIET), "- Frames")
    assert line.startswith("- Frames: strongest news frame: conflict in **Paper A**")
    assert "too few indicators in **Paper B** to name one" in line or \
        "no indicator in **Paper B**" in line


def test_an_actor_only_one_article_names_is_said_and_a_shared_leader_once(write_article):
    first = ("Bridge vote\n\n"
             "Mayor Ann Brook opened the bridge. Brook cut the ribbon, and Brook spoke. Tom "
             "Vale watched. Vale left early, and Vale did not speak. Brook stayed.\n")
    second = ("Bridge vote\n\n"
              "Mayor Ann Brook opened the bridge on Monday. Brook cut the ribbon. Brook then "
              "spoke to the crowd, and Brook thanked the builders.\n")
    found = starting(lines(write_article, first, second), "- Actors")
    assert found[0].startswith("- Actors: both name Ann Brook most (**Paper A** 4 mentions, "
                               "**Paper B** 4)")
    assert found[1].startswith("- Actors: only **Paper A** names Tom Vale (3 mentions).")


def test_no_word_choice_file_means_no_word_choice_claims(write_article):
    articles = pair(write_article, QUIET, QUIET)
    contrast = analysis.words.contrast(articles, lexicon=None)
    assert analysis.prose.only_in(contrast, articles) == (
        "No word-choice groups were given, so no word choices are compared.")


def test_what_neither_article_has_is_said_once_not_called_few(write_article):
    found = lines(write_article, QUIET, QUIET)
    assert ("- Found in neither article: named actors; stance markers; loaded-language markers "
            "in the narrator's voice; news-frame indicators.") in found
    assert not any(line.startswith("- Not compared") for line in found)


def test_prose_says_when_an_article_has_no_stance_marker_or_actor(write_article):
    articles = pair(write_article, QUIET, QUIET)
    said = analysis.prose.voice(analysis.voice.words(articles), analysis.voice.markers(articles),
                                articles)
    assert said.count("It has no stance markers.") == 2 and "Of its 0" not in said
    naming = analysis.actors.naming(articles)
    assert naming.empty
    assert analysis.prose.naming(naming, articles) == (
        "No actor was found in either article, so none is named.")


def test_one_stance_marker_takes_a_singular_verb(write_article):
    one = QUIET.replace("The plan passed", "The plan clearly passed")
    articles = pair(write_article, one, QUIET)
    said = analysis.prose.voice(analysis.voice.words(articles), analysis.voice.markers(articles),
                                articles).splitlines()[0]
    assert "Of its 1 stance marker, 1 is the narrator's own, 0 are in reported speech" in said


def test_the_same_text_twice_is_said_first_and_only_then(write_article):
    same = lines(write_article, QUIET, QUIET.replace("\n", "\r\n"))
    assert same[0].startswith("- Same text: **Paper A** and **Paper B** have the same analysed "
                              "words (")
    other = lines(write_article, QUIET, QUIET.replace("six votes", "seven votes"))
    assert not any(line.startswith("- Same text") for line in other)

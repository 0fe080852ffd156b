"""Every valid pair compares: identical articles, articles without sources or entities, and the
seeds given by path (issue 14, item 2), on short texts written for the tests."""

from __future__ import annotations

import analysis
from analysis.paths import SEEDS_DIR

STORY = ("Ferry timetable\n\n"
         "The island ferry will leave at seven and at noon from May. The evening crossing stays "
         "as it is.\n")


def twins(write_article) -> list[analysis.Article]:
    path = write_article(STORY)
    return analysis.load_articles([path, path])


def test_identical_articles_have_a_typed_keyness_table_and_no_key_terms(write_article):
    key = analysis.words.keyness_between(twins(write_article))
    assert len(key) > 0 and (key["g2"] == 0).all() and key["g2"].dtype == float
    assert analysis.words.key_terms(key, 3) == ([], [])
    assert analysis.words.key_terms(key.iloc[0:0], 3) == ([], [])


def test_looking_for_no_terms_finds_nothing(write_article):
    articles = twins(write_article)
    assert analysis.words.concordance(articles, [], unit="stem").empty
    found = analysis.words.concordances(articles, [], unit="stem")
    assert found.empty and list(found.columns)[0] == "term"


def test_an_article_without_entities_has_an_empty_spoken_about_table(write_article):
    article = analysis.load_article(write_article("Ferry\n\nThe ferry leaves at seven.\n"))
    table = analysis.sources.spoken_about(article)
    assert table.empty
    assert list(table.columns) == ["article", "canonical", "type", "mentions", "first_sentence"]


def test_no_actor_found_gives_an_empty_context_table(write_article):
    article = analysis.load_article(write_article("Ferry\n\nthe ferry leaves at seven.\n"))
    assert analysis.actors.kwic(article).empty


def test_the_seeds_given_by_path_are_compared_as_any_pair():
    by_id = analysis.load_articles(["dailymail", "ru_translation"], manifest="seeds/articles.csv")
    by_path = analysis.load_articles([SEEDS_DIR / "000_402bb0ddee2a2a46.txt",
                                      SEEDS_DIR / "003_01a4db6abad63367.txt"])
    assert analysis.text.uses_seed_articles(by_id)
    assert not analysis.text.uses_seed_articles(by_path)

"""Rule-based entities: the seeds' people, organisations and places, and each rule on new text."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis import entities
from analysis.entities.gazetteer import gazetteer
from analysis.entities.names import title_spans
from analysis.paths import SEEDS_DIR
from analysis.text import build_article, normalise


def make(raw: str) -> analysis.Article:
    return build_article(raw, id="test", path=SEEDS_DIR / "test.txt")


def names(raw: str) -> list[tuple[str, str, str]]:
    table = entities.mentions(make(raw), roles=None)
    return list(zip(table["text"], table["canonical"], table["type"], strict=True))


# --- the seeds -------------------------------------------------------------------------------

def test_every_mention_points_at_its_words_in_raw(seeds):
    for article in seeds:
        table = entities.mentions(article, roles=None)
        assert list(table.columns) == entities.MENTION_COLUMNS
        assert len(table) > 30
        for row in table.itertuples():
            assert normalise(article.raw[row.start:row.end]).text == row.text


def test_daily_mail_people_have_full_names_without_titles(dm):
    table = entities.mentions(dm)
    people = table[table["type"] == "person"]
    assert set(people["canonical"]) == {"Donald Trump", "Vladimir Putin", "Mike Flynn",
                                        "John Bolton", "Xi Jinping", "Joe Biden"}
    trump = people[people["canonical"] == "Donald Trump"]
    assert trump["text"].tolist() == ["Donald Trump"] + ["Trump"] * 7
    bolton = people[people["canonical"] == "John Bolton"].iloc[0]
    assert dm.raw[bolton.start:bolton.end] == "John Bolton"  # "National Security Advisor" left out


def test_caption_soldier_with_rank_is_a_person(dm):
    table = entities.mentions(dm, roles=None)
    goble = table[table["canonical"] == "Michael Goble"]
    assert goble["type"].tolist() == ["person"] and goble["role"].tolist() == ["caption"]
    assert "U.S. Army" in set(table[table["type"] == "organisation"]["text"])


def test_sentence_openers_are_not_entities(seeds):
    texts = set(pd.concat([entities.mentions(a) for a in seeds])["text"])
    assert not texts & {"According", "The", "In", "Apparently", "Screenshots", "Stop", "However"}


def test_russian_piece_names_resolve_to_canonical_organisations(ru):
    table = entities.mentions(ru)
    by_text = dict(zip(table["text"], table["canonical"], strict=False))
    assert by_text["Foreign Ministry"] == "Russian Foreign Ministry"
    assert by_text["embassy of the Russian Federation in the USA"] == (
        "Russian Embassy in the United States")
    assert by_text["@RusEmbUSA"] == "Russian Embassy in the United States"
    assert by_text["NYT"] == by_text["@nytimes"] == "The New York Times"
    assert by_text["US"] == "United States"
    handles = table[table["kind"] == "social"]["text"].tolist()
    assert handles == ["@Mschwirtz", "@EricSchmittNYT", "@charlie_savage"]


def test_entity_counts_aggregate_mentions(seeds):
    counts = entities.counts(seeds)
    assert list(counts.columns) == entities.COUNT_COLUMNS
    dm = counts[counts["article"] == "dailymail"].set_index("canonical")
    assert dm.loc["Donald Trump", "mentions"] == 8
    assert dm.loc["United States", "mentions"] == 14
    assert dm.loc["The New York Times", "first_sentence"] == 1
    ru = counts[counts["article"] == "ru_translation"].set_index("canonical")
    assert ru.loc["The New York Times", "mentions"] == 7  # 4 in full, NYT, 2 @nytimes
    assert counts["article"].tolist() == sorted(counts["article"].tolist())  # seed order
    first = counts[counts["article"] == "dailymail"]["mentions"].tolist()
    assert first == sorted(first, reverse=True)


# --- rules on text written for the test ------------------------------------------------------

def test_person_place_and_organisation_rules():
    found = names("Hugh Hill, a doctor at the hospital in Camp David, spoke to Human Rights "
                  "Watch. According to Hill, North Korean troops had left Kabul.")
    assert found == [("Hugh Hill", "Hugh Hill", "person"), ("Camp David", "Camp David", "place"),
                     ("Human Rights Watch", "Human Rights Watch", "organisation"),
                     ("Hill", "Hugh Hill", "person"), ("Kabul", "Kabul", "place")]


def test_title_is_split_from_the_name_and_the_unit_kept():
    found = names("Screenshots show U.S. Army Sgt. 1st Class Michael Goble. Apparently Goble "
                  "was there.")
    assert found == [("U.S. Army", "U.S. Army", "organisation"),
                     ("Michael Goble", "Michael Goble", "person"),
                     ("Goble", "Michael Goble", "person")]


def test_organisation_name_with_in_after_its_head_stays_whole():
    found = names("Officials at the Ruritanian Embassy in the United Kingdom met Jane Doe in "
                  "London.")
    assert found == [("Ruritanian Embassy in the United Kingdom",
                      "Ruritanian Embassy in the United Kingdom", "organisation"),
                     ("Jane Doe", "Jane Doe", "person"), ("London", "London", "place")]


def test_hyphenated_name_keeps_the_name_only():
    assert names("Taliban-linked fighters crossed the border.") == [
        ("Taliban", "Taliban", "organisation")]


def test_bad_arguments_raise_analysis_input_error():
    with pytest.raises(analysis.AnalysisInputError, match="Article"):
        entities.mentions("not an article")
    with pytest.raises(analysis.AnalysisInputError, match="unknown role"):
        entities.mentions(make("Some text here. More text."), roles=["sidebar"])


def _title_spans_by_scan(words):
    """The reference: at each position, try every title, longest first."""
    spans, i = [], 0
    while i < len(words):
        found = next((t for t in gazetteer().titles if tuple(words[i:i + len(t)]) == t), None)
        if found:
            spans.append((i, i + len(found)))
        i += len(found) if found else 1
    return spans


def test_titles_are_found_longest_first():
    words = "Former Vice President Ellen Marsh met the Secretary of State".split()
    spans = title_spans(words)
    assert [" ".join(words[a:b]) for a, b in spans] == ["Former", "Vice President",
                                                     "Secretary of State"]


@examples(300)
@given(st.lists(st.sampled_from(sorted({w for t in gazetteer().titles for w in t}
                                       | {"Mayor", "the", "of", "Smith", "Vice"})),
                max_size=12))
def test_title_spans_equal_a_scan_of_every_title(words):
    assert title_spans(words) == _title_spans_by_scan(words)

"""Lexicon matching: stems, exact and case modes, phrases, longest match, guards, bad input."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import AnalysisInputError, LexiconError
from analysis.lexicons.match import compile_lexicon, match_lexicon, pattern_keys
from analysis.paths import SEEDS_DIR
from analysis.text.reading import build_article


def make(raw: str, id: str = "test") -> analysis.Article:
    return build_article(raw, id=id, path=SEEDS_DIR / f"{id}.txt")


def lexicon(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["pattern", "mode", "label"])


def matches(text: str, table: pd.DataFrame, group: str | None = None) -> list[tuple[str, str]]:
    compiled = compile_lexicon(table, ["label"], group)
    found = match_lexicon(make(text), compiled)
    return list(zip(found["match"], found["label"], strict=True))


def test_stem_mode_matches_every_inflection():
    table = lexicon(("claim", "stem", "x"))
    text = "He claims it. They claimed it. Her claim stands. Claiming is easy."
    assert [m for m, _ in matches(text, table)] == ["claims", "claimed", "claim", "Claiming"]


def test_exact_mode_keeps_words_whose_stem_misleads():
    assert [m for m, _ in matches("It was reportedly sent, the paper reported.",
                                  lexicon(("reportedly", "exact", "x")))] == ["reportedly"]
    assert [m for m, _ in matches("It was reportedly sent, the paper reported.",
                                  lexicon(("reportedly", "stem", "x")))] == ["reportedly",
                                                                           "reported"]


def test_case_mode_tells_us_from_us_and_times_from_the_times():
    table = lexicon(("US", "case", "state"), ("Times", "case", "paper"))
    text = "The US told us so. There were times when the Times said no."
    assert matches(text, table) == [("US", "state"), ("Times", "paper")]


def test_us_abbreviation_matches_at_sentence_end_with_its_stop():
    assert pattern_keys("U.S.", "case") == ("U.S",)  # keys drop a final stop
    text = "Troops left the U.S. Then the U.S. army came back to the U.S."
    assert [m for m, _ in matches(text, lexicon(("U.S.", "case", "x")))] == ["U.S.", "U.S.",
                                                                            "U.S."]


def test_phrases_need_consecutive_tokens_in_one_sentence():
    table = lexicon(("in fact", "stem", "x"))
    text = "It was in fact paid. It was in. Fact is, in, fact, nothing."
    assert [m for m, _ in matches(text, table)] == ["in fact"]


def test_longest_match_wins_then_the_more_literal_mode_then_file_order():
    table = lexicon(("Russian", "stem", "short"), ("Russian military intelligence", "stem", "long"))
    assert matches("A Russian military intelligence unit and a Russian diplomat.", table) == [
        ("Russian military intelligence", "long"), ("Russian", "short")]
    tie = lexicon(("bounty", "stem", "stem row"), ("bounties", "exact", "exact row"))
    assert matches("It paid bounties, one bounty each.", tie) == [("bounties", "exact row"),
                                                                  ("bounty", "stem row")]
    order = lexicon(("deal", "stem", "first"), ("deals", "stem", "second"))
    with pytest.raises(LexiconError, match="'deal' and 'deals' match the same words"):
        matches("A deal.", order)


def test_guard_rows_block_shorter_patterns_and_are_never_reported():
    table = lexicon(("claim", "stem", "distancing"), ("claim responsibility", "stem", "ignore"))
    text = "The group claimed responsibility. Officials claimed it was a hoax."
    assert matches(text, table) == [("claimed", "distancing")]


def test_a_guard_removes_only_the_matches_inside_it():
    table = lexicon(("need to", "stem", "urgency"), ("deal", "stem", "solution"),
                    ("to deal with", "exact", "ignore"))
    assert matches("We need to deal with it. A deal with them.", table) == [
        ("need to", "urgency"), ("deal", "solution")]


def test_groups_resolve_overlaps_separately():
    table = pd.DataFrame([("blame", "stem", "conflict"), ("blame", "stem", "responsibility"),
                          ("to blame", "stem", "responsibility")],
                         columns=["pattern", "mode", "label"])
    assert matches("Who is to blame?", table, group="label") == [
        ("to blame", "responsibility"), ("blame", "conflict")]


def test_handles_and_hyphenated_compounds_are_single_tokens():
    table = lexicon(("@nytimes", "exact", "paper"), ("Taliban", "stem", "group"))
    article = make("Shame on you @ nytimes.\n\nU.S.-Taliban talks and Taliban-linked men.")
    compiled = compile_lexicon(table, ["label"])
    found = match_lexicon(article, compiled, roles=None)
    assert list(found["match"]) == ["@ nytimes"]


def test_bad_lexicons_are_clear_errors():
    with pytest.raises(LexiconError, match=r"missing column\(s\) \['label'\]"):
        compile_lexicon(pd.DataFrame({"pattern": ["x"]}), ["label"])
    with pytest.raises(LexiconError, match="has mode 'fuzzy'"):
        compile_lexicon(lexicon(("x", "fuzzy", "y")), ["label"])
    with pytest.raises(LexiconError, match="empty pattern"):
        compile_lexicon(lexicon(("  ", "stem", "y")), ["label"])
    with pytest.raises(LexiconError, match="has no label"):
        compile_lexicon(lexicon(("x", "stem", "")), ["label"])
    with pytest.raises(LexiconError, match="no rows"):
        compile_lexicon(lexicon(), ["label"])
    with pytest.raises(LexiconError, match="analysis/lexicons/nope.tsv: no such lexicon file"):
        compile_lexicon("nope.tsv", ["label"])
    with pytest.raises(LexiconError, match="file name or a DataFrame"):
        compile_lexicon(42, ["label"])


def test_empty_match_column_means_stem():
    assert [m for m, _ in matches("Claims were made.", lexicon(("claim", "", "x")))] == ["Claims"]


def test_article_arguments_are_checked(dm):
    with pytest.raises(AnalysisInputError, match="no articles given"):
        analysis.stance.markers([])
    with pytest.raises(AnalysisInputError, match="expected Articles, got str"):
        analysis.stance.markers(["dailymail"])
    with pytest.raises(AnalysisInputError, match=r"\['dailymail'\] given more than once"):
        analysis.stance.markers([dm, dm])
    with pytest.raises(AnalysisInputError, match="unknown role"):
        analysis.stance.markers(dm, roles=["sidebar"])


def test_word_counts_are_word_and_number_tokens():
    article = make("In 2019, 20 U.S. troops died; Moscow's denial came.")
    # In, 2019, 20, U.S., troops, died, Moscow, denial, came: not ',', ';', "'s" or '.'
    assert analysis.words.word_totals(article) == {"test": 9}
    assert analysis.words.word_totals([article, make("One two.", id="b")]) == {"test": 9, "b": 2}


def test_shipped_lexicons_compile():
    assert len(compile_lexicon("stance.tsv", ["category", "subcategory"])) > 100
    assert len(compile_lexicon("frames.tsv", ["frame", "item"], "frame")) > 150
    assert len(compile_lexicon("actors.tsv", ["actor"])) > 50


def test_a_gap_stands_for_up_to_four_words_and_the_row_spans_the_construction():
    table = lexicon(("called for ... to resign", "stem", "reproach"))
    text = ("They called for the minister to resign. She called for him to resign. "
            "We called for the old party chairman's deputy to resign. "
            "He called for calm, and aides began to resign.")
    assert matches(text, table) == [("called for the minister to resign", "reproach"),
                                    ("called for him to resign", "reproach")]
    article = make("Critics called for the chief to resign at once.")
    found = match_lexicon(article, compile_lexicon(table, ["label"]))
    assert found[["start", "end"]].values.tolist() == [[8, 38]]
    assert article.raw[8:38] == "called for the chief to resign"


def test_a_gap_takes_as_few_words_as_it_can_and_keeps_to_the_sentence():
    table = lexicon(("demand ... resignation", "stem", "reproach"))
    text = ("Unions demanded the resignation and the resignation of others. "
            "They demanded it. Resignation followed.")
    assert matches(text, table) == [("demanded the resignation", "reproach")]


def test_a_gap_guard_blocks_the_words_inside_it():
    table = lexicon(("paid", "stem", "money"), ("paid ... attention", "stem", "ignore"))
    assert matches("He never paid much attention. He paid the bill.", table) == [
        ("paid", "money")]


def test_gaps_at_an_end_or_twice_in_a_row_are_errors():
    for pattern in ("... resign", "called for ...", "called ... ... resign", "..."):
        with pytest.raises(LexiconError, match="gap"):
            compile_lexicon(lexicon((pattern, "stem", "x")), ["label"])

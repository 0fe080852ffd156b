"""Counts, keyness, collocations, KWIC and dispersion: published values and seed facts."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis import words as w
from analysis.paths import SEEDS_DIR
from analysis.text.reading import build_article
from analysis.words.context import COLLOCATION_COLUMNS, DISPERSION_COLUMNS, KWIC_COLUMNS
from analysis.words.counting import TERM_COLUMNS, UNITS
from analysis.words.significance import KEYNESS_COLUMNS


def article(raw: str, id: str = "t") -> analysis.Article:
    return build_article(raw, id=id, path=SEEDS_DIR / f"{id}.txt")


def g2_of(a, b, size_a, size_b, **kwargs) -> float:
    table = w.keyness({"t": a, "<other>": size_a - a}, {"t": b, "<other>": size_b - b},
                      min_count=0, **kwargs)
    return float(table.set_index("term").loc["t", "g2"])


# --- keyness: published values ------------------------------------------------------------------

def test_dunning_1993_table_value():
    assert g2_of(10, 0, 13, 31764) == pytest.approx(167.23, abs=0.005)


def test_small_difference_is_not_significant():
    table = w.keyness({"t": 52, "<o>": 50_000 - 52}, {"t": 57, "<o>": 75_000 - 57}, min_count=0)
    row = table.set_index("term").loc["t"]
    assert row["g2"] == pytest.approx(2.65, abs=0.005)
    assert row["p_value"] > 0.05


def test_ucrel_two_term_form_and_full_form():
    assert g2_of(540, 7_525, 116_000, 5_451_382) == pytest.approx(535.86, abs=0.005)
    assert g2_of(540, 7_525, 116_000, 5_451_382, g2_form="ucrel") == pytest.approx(534.64,
                                                                                  abs=0.005)


def test_log_ratio_of_relative_frequencies():
    table = w.keyness({"t": 6, "<o>": 9_994}, {"t": 2, "<o>": 9_998}, min_count=0)
    assert table.set_index("term").loc["t", "log_ratio"] == pytest.approx(math.log2(3))


def test_zero_count_is_replaced_by_half_in_log_ratio():
    table = w.keyness({"t": 4, "<o>": 996}, {"<o>": 1000}, min_count=0)
    assert table.set_index("term").loc["t", "log_ratio"] == pytest.approx(math.log2(4 / 0.5))


def test_g2_is_signed_and_p_value_is_the_chi_squared_tail():
    table = w.keyness({"x": 30, "y": 5, "<o>": 965}, {"x": 5, "y": 30, "<o>": 965}, min_count=0)
    rows = table.set_index("term")
    assert rows.loc["x", "g2"] > 0 > rows.loc["y", "g2"]
    assert rows.loc["x", "g2"] == pytest.approx(-rows.loc["y", "g2"])
    assert rows.loc["x", "p_value"] == pytest.approx(math.erfc(math.sqrt(rows.loc["x", "g2"] / 2)))
    assert list(table["term"])[0] == "x" and list(table["term"])[-1] == "y"


def test_log_odds_z_matches_monroe_et_al_by_hand():
    counts_a, counts_b = {"w": 10, "v": 90}, {"w": 2, "v": 98}
    row = w.keyness(counts_a, counts_b, min_count=0).set_index("term").loc["w"]
    a, b, aw, a0, na, nb = 10, 2, 12, 200, 100, 100
    delta = math.log((a + aw) / (na + a0 - a - aw)) - math.log((b + aw) / (nb + a0 - b - aw))
    assert row["log_odds_z"] == pytest.approx(delta / math.sqrt(1 / (a + aw) + 1 / (b + aw)))


def test_background_prior_changes_log_odds_but_not_g2():
    counts_a, counts_b = {"w": 10, "v": 90}, {"w": 2, "v": 98}
    pooled = w.keyness(counts_a, counts_b, min_count=0).set_index("term")
    background = w.keyness(counts_a, counts_b, min_count=0,
                           prior={"w": 1, "v": 999}).set_index("term")
    assert background.loc["w", "g2"] == pooled.loc["w", "g2"]
    assert background.loc["w", "log_odds_z"] != pytest.approx(pooled.loc["w", "log_odds_z"])


def test_min_count_and_columns():
    table = w.keyness({"a": 1, "b": 5}, {"a": 0, "b": 5}, min_count=2)
    assert list(table.columns) == KEYNESS_COLUMNS
    assert list(table["term"]) == ["b"]


def test_keyness_refuses_empty_counts():
    with pytest.raises(analysis.AnalysisInputError, match="non-empty"):
        w.keyness({}, {"a": 1})


# --- term tables and profiles --------------------------------------------------------------------

def test_term_table_counts_rates_and_ranks():
    art = article("Title line\n\nThe bounty was paid. Bounties were paid again. The war went on.")
    table = w.term_table(art, unit="stem")
    assert list(table.columns) == TERM_COLUMNS
    rows = table.set_index("term")
    # "bounty" and "Bounties" are one stem; the tie between forms goes to the first in order
    assert rows.loc["bounties", "count"] == 2 and rows.loc["paid", "count"] == 2
    words = 2 + 12  # "Title line" + 12 words in the body
    assert rows.loc["bounties", "per10k"] == pytest.approx(2 / words * 10_000)
    assert rows.loc["bounties", "rank"] == 1 and rows.loc["war", "rank"] == 3
    assert "the" not in rows.index


def test_stem_groups_are_shown_by_most_frequent_form(seeds):
    table = w.term_table(seeds, unit="stem")
    dm = table[table["article"] == "dailymail"].set_index("term")
    assert dm.loc["bounties", "count"] == 4
    assert "bounti" not in dm.index


def test_us_spellings_count_as_one_term(seeds):
    table = w.term_table(seeds, unit="word").set_index(["article", "term"])
    assert table.loc[("dailymail", "u.s."), "count"] == 13
    assert table.loc[("ru_translation", "u.s."), "count"] == 5


def test_ngrams_never_cross_sentences_or_punctuation():
    art = article("Title line\n\nRussia paid. Taliban fighters, then money went.")
    bigrams = set(w.term_table(art, unit="bigram")["term"])
    assert "paid taliban" not in bigrams and "fighters then" not in bigrams
    assert {"russia paid", "taliban fighters", "money went", "then money"} <= bigrams
    trigrams = set(w.term_table(art, unit="trigram")["term"])
    assert trigrams == {"then money went"}


def test_stopword_only_ngrams_are_dropped():
    art = article("Title line\n\nIt was in the paper of the day.")
    bigrams = set(w.term_table(art, unit="bigram")["term"])
    assert "in the" not in bigrams and "the paper" in bigrams


def test_mattr_on_known_sequences():
    assert w.mattr(list("abab"), window=2) == pytest.approx(1.0)
    assert w.mattr(list("aaab"), window=2) == pytest.approx((0.5 + 0.5 + 1.0) / 3)
    assert w.mattr(list("abc"), window=10) == pytest.approx(1.0)


def test_lexical_profile_columns_and_values():
    art = article("Title line\n\nThe cat saw the cat. The dog ran.")
    row = w.profile(art).iloc[0]
    assert row["tokens"] == 10 and row["types"] == 7
    assert row["ttr"] == pytest.approx(0.7)
    assert row["hapax_share"] == pytest.approx(5 / 7)
    assert row["sentences"] == 3
    assert row["mean_sentence_length"] == pytest.approx(10 / 3)


# --- collocations, KWIC, dispersion --------------------------------------------------------------

def test_collocations_keep_pairs_seen_twice_and_not_stopword_pairs(seeds):
    table = w.collocations(seeds)
    assert list(table.columns) == COLLOCATION_COLUMNS
    assert (table["count"] >= 2).all()
    assert "of the" not in set(table["bigram"])
    dm = table[table["article"] == "dailymail"]
    assert "national security" in set(dm["bigram"])
    assert list(dm["llr"]) == sorted(dm["llr"], reverse=True)


def test_concordance_by_stem_finds_inflections_with_exact_offsets(seeds):
    kwic = w.concordance(seeds, "bounty", unit="stem")
    assert list(kwic.columns) == KWIC_COLUMNS
    assert set(kwic["article"]) == {"dailymail"}
    assert sorted(set(kwic["match"])) == ["BOUNTIES", "bounties", "bounty"]
    for row in kwic.itertuples():
        raw = seeds[0].raw
        assert raw[row.start:row.end] == row.match


def test_concordance_multiword_and_regex(seeds):
    phrase = w.concordance(seeds, "new york times", unit="word")
    # the Daily Mail's third "New York Times" is in a caption, outside the default roles
    assert phrase.groupby("article").size().to_dict() == {"dailymail": 2, "ru_translation": 4}
    assert len(w.concordance(seeds, "new york times", roles=None)) == 7
    regex = w.concordance(seeds, re.compile(r"\bthe paper\b", re.I))
    assert len(regex) == 5 and set(regex["article"]) == {"dailymail"}
    assert all(m.lower() == "the paper" for m in regex["match"])


def test_concordance_of_alternative_forms(seeds):
    kwic = w.concordance(seeds, ["bounty", "bounties", "rewards"])
    assert kwic.groupby("article").size().to_dict() == {"dailymail": 4, "ru_translation": 2}
    assert w.concordance(seeds, "publication", unit="stem")["match"].str.lower().tolist().count(
        "publicly") == 2  # the documented over-reach of stems


def test_concordances_stack_terms(seeds):
    table = w.concordances(seeds, {"money": ["bounties", "rewards"], "fake": "fake"})
    assert list(table.columns) == ["term", *KWIC_COLUMNS]
    assert table.groupby("term").size().to_dict() == {"fake": 4, "money": 5}


def test_dispersion_positions(seeds):
    data = w.dispersion(seeds, {"money": ["bounty", "bounties", "reward", "rewards"]})
    assert list(data.columns) == DISPERSION_COLUMNS
    assert data["position"].between(0, 1).all()
    assert data.groupby("article").size().to_dict() == {"dailymail": 4, "ru_translation": 3}
    first = data[data["article"] == "dailymail"].iloc[0]
    assert first["paragraph"] == 0 and first["match"] == "BOUNTIES"


# --- the seed story's facts --------------------------------------------------------------------

def test_bounties_only_in_daily_mail_rewards_only_in_russian_piece(seeds):
    table = w.contrast(seeds).set_index("term")
    assert table.loc["bounty", "dailymail"] == 4 and table.loc["bounty", "ru_translation"] == 0
    assert table.loc["reward", "dailymail"] == 0 and table.loc["reward", "ru_translation"] == 3
    assert table.loc["bounty", "dailymail forms"] == "bounties, bounty"
    assert (table.loc["the paper", "dailymail"], table.loc["the paper", "ru_translation"]) == (5, 0)
    assert table.loc["the publication", "ru_translation"] == 5
    assert table.loc["the publication", "dailymail"] == 0
    assert (table.loc["militants", "dailymail"], table.loc["militants", "ru_translation"]) == (1, 3)
    assert (table.loc["fighters", "dailymail"], table.loc["fighters", "ru_translation"]) == (1, 0)


def test_keyness_of_seeds_after_the_correction_for_testing_every_term(seeds):
    table = w.keyness_between(seeds)
    side_a, side_b = w.key_terms(table, significant_only=True)
    assert (side_a, side_b) == (["trump"], [])  # q < 0.05 over the 127 terms tested
    by_term = table.set_index("term")
    for term in ("bounties", "paper", "fake", "embassy"):  # p < 0.05 alone, not after it
        assert by_term.loc[term, "p_value"] < 0.05 < by_term.loc[term, "q_value"]
    assert (table[table["term"] == "rewards"]["p_value"] > 0.05).all()


# --- the fast counting path equals the evidence path -------------------------------------------

@pytest.mark.parametrize("unit", UNITS)
def test_fast_counts_equal_evidence_counts_on_seeds(seeds, unit):
    for art in seeds:
        for roles in (analysis.DEFAULT_ROLES, None):
            slow = Counter(w.occurrences(art, unit=unit, roles=roles)["term"])
            assert w.tally(art, unit=unit, roles=roles).counts == slow
            table = analysis.text.tokens(art, roles=roles)
            assert w.word_total(art, roles=roles) == table["kind"].isin(["word", "number"]).sum()


@examples(60)
@given(st.text(alphabet=st.sampled_from(list("ab c.,\n'\"U.S#@ the of")), max_size=150))
def test_fast_counts_equal_evidence_counts_on_any_text(raw):
    art = article(raw)
    for unit in UNITS:
        assert w.tally(art, unit=unit).counts == Counter(w.occurrences(art, unit=unit)["term"])


def test_adding_tallies_sums_counts_and_forms_as_counter_update_does():
    from collections import Counter

    from analysis.words.counting import Tally, sum_tallies

    first = Tally(Counter({"war": 2, "peace": 1}), 10, {"run": Counter({"running": 1})})
    second = Tally(Counter({"truce": 4, "war": 3}), 7,
                   {"run": Counter({"runs": 2, "running": 1}), "go": Counter({"went": 1})})
    total = sum_tallies([first, second])
    assert list(total.counts.items()) == [("war", 5), ("peace", 1), ("truce", 4)]
    assert total.total == 17
    assert total.forms == {"run": Counter({"running": 2, "runs": 2}), "go": Counter({"went": 1})}
    assert first.counts == Counter({"war": 2, "peace": 1})  # the parts are left as they were


_PARAGRAPHS = [
    "They moved to the U.S. In 2020, 3 left.", "The U.S. and the UK agreed. It's over, he said.",
    "See www.example.org or @city_hall. Then #vote.", "We're gonna win. They cannot lose.",
    "Zoë said no. The café closed.", "Caf\u00e9 \u2014 re\u0301opened.", "",
]


def _counted_by_words(text: str) -> tuple[list[str], int]:
    from analysis.text.tokenise import paragraph_words, word_norm

    words, numbers = paragraph_words(text)
    return [word_norm(x)[0] for x in words if not word_norm(x)[1]], len(words) + numbers


@pytest.mark.parametrize("text", _PARAGRAPHS)
def test_a_paragraphs_terms_read_key_by_key_are_those_of_its_words(text):
    from analysis.text.tokenise import paragraph_keyed
    from analysis.words.counting import _key_counts, _sentence_counts

    assert paragraph_keyed(text, _key_counts, _sentence_counts) == _counted_by_words(text)


def test_terms_read_key_by_key():
    from analysis.text.tokenise import paragraph_keyed
    from analysis.words.counting import _key_counts, _sentence_counts

    assert paragraph_keyed("The U.S. and the UK agreed, 3 to 1.", _key_counts,
                           _sentence_counts) == (["u.s.", "u.k.", "agreed"], 9)


@examples(200)
@given(st.lists(st.sampled_from(["He", "said", "U.S.", "US", "Mr.", "no.", "3.", "it's", "'a'",
                                 "\"yes.\"", "(a)", "end!", "why?", "a,", "e.g.", "...", "1.5",
                                 "don't", "won't.", "x/y", "é.", "-", "--", "the", "The,"]),
                max_size=12).map(" ".join))
def test_terms_key_by_key_match_word_by_word_on_generated_text(text):
    from analysis.text.tokenise import paragraph_keyed
    from analysis.words.counting import _key_counts, _sentence_counts

    assert paragraph_keyed(text, _key_counts, _sentence_counts) == _counted_by_words(text)

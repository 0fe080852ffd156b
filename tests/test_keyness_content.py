"""Keyness that means content: a false-discovery correction over every tested term, and
house-style words (reporting verbs, titles, days, months) kept apart from content terms."""

from __future__ import annotations

import pytest

from analysis.report import differences, prose
from analysis.words import keyness_between
from analysis.words.significance import benjamini_hochberg, key_terms, keyness


def test_benjamini_hochberg_matches_the_worked_example():
    # four tests; ranked p-values times m / rank, made monotone from the top
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.20]) == pytest.approx(
        [0.04, 0.0533333, 0.0533333, 0.20])
    assert benjamini_hochberg([]) == []
    assert benjamini_hochberg([0.5]) == [0.5]


def test_q_values_are_never_below_p_values_and_style_terms_are_flagged():
    counts_a = {"said": 40, "mr.": 30, "friday": 12, "harbour": 25, "pier": 20, "<rest>": 2000}
    counts_b = {"said": 5, "mr.": 0, "friday": 0, "harbour": 2, "pier": 1, "<rest>": 2000}
    table = keyness(counts_a, counts_b).set_index("term")
    assert (table["q_value"] >= table["p_value"] - 1e-12).all()
    assert table["style"].to_dict() == {"said": True, "mr.": True, "friday": True,
                                        "harbour": False, "pier": False, "<rest>": False}
    content, _ = key_terms(table.reset_index(), 5, significant_only=True, content_only=True)
    assert content == ["harbour", "pier"]
    everything, _ = key_terms(table.reset_index(), 5, significant_only=True)
    assert set(everything[:2]) == {"said", "mr."}


def test_a_term_significant_only_before_correction_is_not_called_significant():
    # one term at p just under 0.05 among many null terms: q is far above 0.05
    counts_a = {f"word{i}": 5 for i in range(40)} | {"harbour": 7, "<rest>": 3000}
    counts_b = {f"word{i}": 5 for i in range(40)} | {"harbour": 1, "<rest>": 3000}
    table = keyness(counts_a, counts_b).set_index("term")
    assert table.loc["harbour", "p_value"] < 0.05 < table.loc["harbour", "q_value"]
    assert key_terms(table.reset_index(), 3, significant_only=True) == ([], [])


def test_generated_keyness_prose_counts_agree_and_show_style_apart(seeds):
    key = keyness_between(seeds)
    text = prose.keyness(key, seeds)
    significant = int((key["q_value"] < 0.05).sum())
    raw = int((key["p_value"] < 0.05).sum())
    assert (significant, raw) == (1, 15)
    assert (f"{significant} of the {len(key)} terms tested reaches q < 0.05" in text
            and f"({raw} would reach p < 0.05 alone)" in text)


def test_the_summary_says_how_many_of_the_significant_terms_it_shows(seeds):
    key = keyness_between(seeds)
    more = key.assign(q_value=0.001, style=False)  # every content term significant
    shown = differences.of_significant(more)
    n_a, n_b = int((more["g2"] > 0).sum()), int((more["g2"] < 0).sum())
    assert shown == (f" (3 of {n_a})", f" (3 of {n_b})")
    assert differences.of_significant(key) == ("", "")

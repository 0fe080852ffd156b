"""Whose stance: referential phrases, negation in the clause, and the narrator's own markers,
on sentences written for the test."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import stance, voice
from analysis.errors import LexiconError
from analysis.paths import SEEDS_DIR
from analysis.text import build_article


def article(body: str, id: str = "test"):
    return build_article(f"A headline for the test\n\n{body}\n", id=id,
                         path=SEEDS_DIR / f"{id}.txt")


def rows(body: str) -> list[tuple]:
    found = stance.markers(article(body), roles=["body"])
    return [(r.match, r.category, r.negator, r.resolved_category, r.resolved_subcategory)
            for r in found.itertuples()]


# --- referential phrases ---------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "The terrorist attack on the depot closed the road for a day.",
    "Two terror attacks hit the region last spring.",
    "The war on terror shaped his first term.",
    "Speeches about the war on terrorism filled the hall.",
    "The terrorist group behind the raid posted a video.",
    "Her confirmation hearing opened on a wet morning.",
    "The Senate confirmed the judge on a narrow vote.",
    "Officials counted nine confirmed cases in the town.",
    "Two riders suffered serious injuries in the crash.",
    "The poll of likely voters put her ahead by four points.",
    "The council wants the bridge fixed as soon as possible.",
    "The parade was supposed to start at noon.",
])
def test_a_marker_inside_a_referential_phrase_does_not_count(body):
    assert rows(body) == []


def test_the_same_words_outside_the_phrase_still_count():
    assert [r[:2] for r in rows("The group called the mayor a terrorist.")] == [
        ("terrorist", "evaluative")]
    assert [r[:2] for r in rows("The lab confirmed the leak.")] == [("confirmed", "boosting")]
    assert [r[:2] for r in rows("They face serious questions.")] == [("serious", "boosting")]
    assert [r[:2] for r in rows("The answer is possibly yes, as possibly the jury knows.")] == [
        ("possibly", "distancing"), ("possibly", "distancing")]


# --- negation ----------------------------------------------------------------------------------

def test_a_lexicalised_negation_is_one_hedge_not_a_negated_booster():
    # "not clear" is a marker of its own; its "not" does not negate it a second time
    assert rows("It is not clear that the memo exists.") == [
        ("not clear", "distancing", "", "distancing", "hedge")]
    assert rows("It isn't clear who wrote the memo.") == [
        ("n't clear", "distancing", "", "distancing", "hedge")]


def test_a_negated_discrediting_word_is_cancelled_but_listed():
    found = stance.markers(article("The warnings were not unfounded."), roles=["body"])
    assert found[["match", "negated", "negator", "resolved_category"]].values.tolist() == [
        ["unfounded", True, "not", "cancelled"]]
    summary = stance.summary(article("The warnings were not unfounded."), roles=["body"])
    assert summary["count"].tolist() == [0, 0, 0]


def test_the_negator_has_exact_offsets():
    text = article("The claim has never been independently confirmed.")
    found = stance.markers(text, roles=["body"])
    row = found[found["match"] == "confirmed"].iloc[0]
    assert text.raw[row["negator_start"]:row["negator_end"]] == "never"
    assert (row["resolved_category"], row["resolved_subcategory"]) == ("distancing",
                                                                       "discrediting")
    assert analysis.evidence.holds(text, found)


@pytest.mark.parametrize("body, expected", [
    ("The plan was not a success.", ("success", "not", "evaluative", "negative")),
    ("The mayor is not corrupt.", ("corrupt", "not", "cancelled", "")),
    ("We are not liars.", ("liars", "not", "cancelled", "")),
    ("He would not in fact resign.", ("in fact", "not", "boosting", "certainty")),
    ("The storm was not clearly the cause.", ("clearly", "not", "distancing", "hedge")),
    ("A win is not likely.", ("likely", "not", "distancing", "hedge")),
    ("There was no serious threat to the town.", ("serious", "no", "cancelled", "")),
    ("The aide did not reveal that the fund existed.", ("reveal", "not", "boosting",
                                                        "factive")),
    ("He never actually met the donor.", ("actually", "never", "boosting", "certainty")),
    ("Such a move is hardly legitimate.", ("legitimate", "hardly", "evaluative", "negative")),
])
def test_what_a_negated_marker_becomes(body, expected):
    assert [(m, n, c, s) for m, _, n, c, s in rows(body)] == [expected]


@pytest.mark.parametrize("body", [
    "He did not say that the report was fake.",       # a clause opens between them
    "She was not aware of such allegations.",         # "aware" takes the negation
    "They not only confirmed the sale but sold more.",  # "not only" does not negate
    "The bill is clearly not popular.",               # the negator comes after the marker
    "The mayor was not, in our view, corrupt.",       # punctuation ends the scope
])
def test_markers_the_negator_does_not_reach(body):
    assert all(negator == "" for _, _, negator, _, _ in rows(body))
    assert rows(body)


def test_a_negator_negates_the_nearest_marker_only():
    assert [(m, n, c) for m, _, n, c, _ in rows("It was not a serious scandal.")] == [
        ("serious", "not", "cancelled"), ("scandal", "", "evaluative")]


def test_a_researchers_own_category_keeps_its_label_when_negated():
    table = pd.DataFrame({"pattern": ["gloomy"], "mode": ["stem"], "category": ["mood"],
                          "subcategory": ["low"]})
    found = stance.markers(article("The town was not gloomy."), roles=["body"],
                           lexicon=table)
    assert found[["negated", "resolved_category"]].values.tolist() == [[True, "mood"]]


def test_the_negation_rules_cover_every_stance_category():
    lexicon = analysis.lexicons.match.compile_lexicon(stance.LEXICON,
                                                      ["category", "subcategory"])
    pairs = {tuple(v for _, v in e.labels) for e in lexicon if not e.guard}
    assert pairs <= {(c, s) for c, s, _ in stance.negation_rules()}
    assert stance.resolve_negated("boosting", "factive", "confirm") == ("distancing",
                                                                        "discrediting")
    assert stance.resolve_negated("boosting", "factive", "reveal") == ("boosting", "factive")


def test_a_broken_negation_rule_file_is_named(tmp_path, monkeypatch):
    bad = tmp_path / "rules.tsv"
    bad.write_text("category\tsubcategory\tpattern\tnegated_category\tnegated_subcategory\n"
                   "boosting\tfactive\t\t\t\n", encoding="utf-8")
    monkeypatch.setattr(stance, "NEGATION_RULES", str(bad))
    stance.negation_rules.cache_clear()
    try:
        with pytest.raises(LexiconError, match="negated_category"):
            stance.negation_rules()
    finally:
        stance.negation_rules.cache_clear()


# --- voice -------------------------------------------------------------------------------------

COACH = ("\"Of course we will win,\" the coach said. The team clearly trained hard. "
         "Fans said the new stadium was a success.")


def test_a_quoted_marker_is_the_sources_and_the_narrators_own_is_counted():
    found = voice.markers(article(COACH, "coach"), roles=["body"])
    assert found[["match", "voice"]].values.tolist() == [
        ["Of course", "quoted"], ["clearly", "narrator"], ["success", "reported"]]
    table = voice.compare_stance(article(COACH, "coach"), roles=["body"])
    assert list(table.columns) == voice.COMPARE_COLUMNS
    table = table.set_index("category")
    assert table.loc["boosting", ["narrator", "reported", "quoted", "mixed"]].tolist() == [
        1, 0, 1, 0]
    assert table.loc["evaluative", ["narrator", "reported", "quoted"]].tolist() == [0, 1, 0]
    words = voice.words(article(COACH, "coach"), roles=["body"]).set_index("voice")["words"]
    assert table.loc["boosting", "narrator_words"] == words["narrator"]
    assert table.loc["boosting", "narrator_per_1000"] == round(1000 / words["narrator"], 3)


def test_compare_stance_counts_resolved_categories():
    body = "The plan was not a success. \"It was a success,\" the mayor said."
    table = voice.compare_stance(article(body, "plan"), roles=["body"]).set_index("category")
    # the narrator's negated "success" counts as negative, the quoted one stays positive
    assert table.loc["evaluative", ["narrator", "quoted"]].tolist() == [1, 1]
    found = voice.markers(article(body, "plan"), roles=["body"])
    assert found[["voice", "resolved_subcategory"]].values.tolist() == [
        ["narrator", "negative"], ["quoted", "positive"]]


def test_an_article_without_markers_still_selects_its_negated_rows(write_article):
    article = analysis.load_article(write_article("Bridge\n\nThe bridge opened on Monday.\n"),
                                    id="plain")
    rows = analysis.stance.markers(article)
    assert rows.empty and rows["negated"].dtype == bool
    assert list(rows[rows["negated"]].columns) == analysis.stance.COLUMNS

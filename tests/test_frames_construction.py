"""Frame indicators count in the construction that defines their question, not as topic words.

Every sentence here is written for the test; each pins one rule of ``frames.tsv``'s header.
"""

from __future__ import annotations

import pytest

import analysis
from analysis.paths import SEEDS_DIR
from analysis.text import build_article


def make(raw: str) -> analysis.Article:
    return build_article(raw, id="test", path=SEEDS_DIR / "test.txt")


def found(raw: str, frame: str | None = None) -> list[tuple[str, str]]:
    rows = analysis.frames.indicators(make(raw))
    if frame:
        rows = rows[rows["frame"] == frame]
    return list(zip(rows["match"], rows["item"], strict=True))


# --- conflict: disagreement or reproach between actors, not the event's topic -----------------

@pytest.mark.parametrize("raw", [
    "The war in the north went on.",
    "Troops fought a long battle after the attack on the military base.",
    "The threat of more fighting kept families indoors.",
    "A spokesman would neither confirm nor deny the visit.",
])
def test_topic_words_of_a_violent_story_are_not_conflict(raw):
    assert found(raw, "conflict") == []


@pytest.mark.parametrize("raw, hit", [
    ("The senator was criticised by her own party.", ("criticised", "c2")),
    ("The plan drew a backlash.", ("backlash", "c1")),
    ("The mayor came under fire from residents.", ("came under fire", "c2")),
    ("The two councils have been at odds for months.", ("at odds", "c1")),
    ("A war of words broke out between the neighbours.", ("war of words", "c1")),
    ("Her aides dismissed the report as gossip.", ("dismissed the report as", "c1")),
])
def test_disagreement_and_reproach_between_actors_are_conflict(raw, hit):
    assert found(raw, "conflict") == [hit]


def test_a_call_to_resign_is_one_row_spanning_the_whole_construction():
    article = make("Two unions called for the minister to resign on Monday.")
    rows = analysis.frames.indicators(article)
    assert rows[["match", "frame", "item"]].values.tolist() == [
        ["called for the minister to resign", "conflict", "c2"]]
    row = rows.iloc[0]
    assert article.raw[row["start"]:row["end"]] == "called for the minister to resign"
    assert found("Farmers demanded the mayor's resignation.", "conflict") == [
        ("demanded the mayor's resignation", "c2")]
    # more than four words between the parts is no longer one construction
    assert found("They called for the new and very young minister to resign.", "conflict") == []


# --- economic: costs, jobs and markets as consequences -------------------------------------

@pytest.mark.parametrize("raw", [
    "She paid attention.",
    "He never paid much attention to the rumours.",
    "Crowds paid tribute to the singer.",
    "He kept his job.",
    "An economic adviser spoke to the committee.",
])
def test_idioms_and_a_job_are_not_economic(raw):
    assert found(raw, "economic") == []


@pytest.mark.parametrize("raw, hit", [
    ("The closure will cost 300 jobs.", ("cost 300 jobs", "e3")),
    ("The council paid $300 for the report.", ("paid", "e1")),
    ("Unemployment rose in the valley.", ("Unemployment", "e3")),
    ("The market fell sharply.", ("market", "e3")),
    ("The repairs will cost taxpayers dearly.", ("cost", "e2")),
])
def test_costs_jobs_and_markets_are_economic(raw, hit):
    assert found(raw, "economic")[0] == hit


# --- morality: a moral judgement, not a bare modal -----------------------------------------

@pytest.mark.parametrize("raw", [
    "Voters must register by Friday.",
    "The board should meet again soon.",
    "The Justice Department opened an inquiry.",
    "The deal respects the territorial integrity of both states.",
])
def test_modals_and_names_are_not_morality(raw):
    assert found(raw, "morality") == []


def test_moral_judgements_are_morality():
    assert found("It was a shameful betrayal.", "morality") == [("shameful", "m1"),
                                                              ("betrayal", "m1")]
    assert found("He should be ashamed of himself.", "morality") == [
        ("should be ashamed", "m1")]
    assert found("Citizens have a duty to vote.", "morality") == [("duty to", "m3")]


# --- responsibility and human interest -------------------------------------------------------

@pytest.mark.parametrize("raw, frame", [
    ("Officials briefed on the matter spoke to us.", "responsibility"),
    ("We need to talk, she said in response to a question.", "responsibility"),
    ("The company did not immediately respond.", "responsibility"),
    ("Two soldiers were killed and three wounded.", "human_interest"),
    ("He lives in a small town with a private company.", "human_interest"),
])
def test_sourcing_formulas_modals_and_event_words_are_not_indicators(raw, frame):
    assert found(raw, frame) == []


def test_responsibility_and_human_interest_constructions():
    assert found("The president was briefed but took no public action.",
                 "responsibility") == [("was briefed", "r2"), ("took no public action", "r2")]
    assert found("The rebels claimed responsibility for the blast.", "responsibility") == [
        ("claimed responsibility for", "r4")]
    assert found("Her husband said the floods had changed their lives.",
                 "human_interest") == [("Her husband", "h4"), ("their lives", "h3")]

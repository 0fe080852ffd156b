"""The framing lens: stance, frames, actor naming and tone, on test sentences and the seeds."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import analysis
from analysis import AnalysisInputError, LexiconError
from analysis.paths import SEEDS_DIR
from analysis.text import build_article


def make(raw: str, id: str = "test") -> analysis.Article:
    return build_article(raw, id=id, path=SEEDS_DIR / f"{id}.txt")


def hits(frame: pd.DataFrame, *columns: str) -> list[tuple]:
    return list(frame[["match", *columns]].itertuples(index=False, name=None))


# --- stance ----------------------------------------------------------------------------------

def test_distancing_words_in_one_sentence():
    article = make("The allegedly corrupt official, so-called reformer, made unfounded claims.")
    found = analysis.stance.markers(article)
    assert list(found.columns) == analysis.stance.COLUMNS
    assert hits(found, "category", "subcategory") == [
        ("allegedly", "distancing", "reporting"),
        ("corrupt", "evaluative", "negative"),
        ("so-called", "distancing", "reporting"),
        ("unfounded", "distancing", "discrediting"),
        ("claims", "distancing", "reporting"),
    ]


def test_tabloid_style_boosters_and_loaded_words():
    article = make("In a brazen and deadly attack, the bombshell dossier clearly shows the "
                   "regime lied.")
    assert hits(analysis.stance.markers(article), "subcategory", "pattern") == [
        ("brazen", "negative", "brazen"), ("deadly", "negative", "deadly"),
        ("bombshell", "intensifier", "bombshell"), ("clearly", "certainty", "clearly"),
        ("lied", "negative", "lie"),
    ]


def test_state_media_style_rebuttal():
    article = make("The groundless accusations, citing anonymous sources, are nonsense and "
                   "propaganda, the ministry said.")
    assert hits(analysis.stance.markers(article), "category", "subcategory") == [
        ("groundless", "distancing", "discrediting"), ("anonymous", "distancing", "anonymity"),
        ("nonsense", "evaluative", "negative"), ("propaganda", "evaluative", "negative"),
    ]


def test_wire_style_report_has_no_stance_markers():
    article = make("The ministry said on Tuesday that talks would resume in Geneva in May. "
                   "The paper reported the talks.")
    found = analysis.stance.markers(article)
    assert found.empty and list(found.columns) == analysis.stance.COLUMNS


def test_ambiguous_words_are_resolved_as_documented():
    article = make("It may rain. Officials reportedly met, the paper reported. The group claimed "
                   "responsibility for the blast. The war claimed the lives of 20 soldiers. In "
                   "fact, the U.S. took no evident action.")
    # "may" (modal) hedges, "In May" would not; "reported" is plain attribution; "claimed
    # responsibility" and "claimed the lives" are guarded; "no evident" is not "no evidence".
    assert hits(analysis.stance.markers(article), "subcategory") == [
        ("may", "hedge"), ("reportedly", "reporting"), ("In fact", "certainty")]


def test_stance_summary_counts_and_rates():
    article = make("The allegedly corrupt official, so-called reformer, made unfounded claims.")
    summary = analysis.stance.summary(article)
    assert list(summary.columns) == ["article", "category", "count", "words", "per_1000"]
    assert summary["category"].tolist() == ["distancing", "boosting", "evaluative"]
    assert summary["count"].tolist() == [4, 0, 1]
    assert summary["words"].tolist() == [9, 9, 9]
    assert summary["per_1000"].tolist() == pytest.approx([4000 / 9, 0.0, 1000 / 9])
    by_sub = analysis.stance.summary(article, by="subcategory")
    assert len(by_sub) == 9
    reporting = by_sub[by_sub["subcategory"] == "reporting"].iloc[0]
    assert (reporting["category"], reporting["count"]) == ("distancing", 3)


def test_stance_summary_of_a_subset_uses_the_given_words():
    article = make("Officials allegedly met. The unfounded story spread.")
    markers = analysis.stance.markers(article)
    first = markers[markers["sentence"] == 0]
    summary = analysis.stance.summary(article, evidence=first, words={"test": 3})
    assert summary.set_index("category")["count"].to_dict() == {
        "distancing": 1, "boosting": 0, "evaluative": 0}
    assert summary["per_1000"].iloc[0] == pytest.approx(1000 / 3)
    with pytest.raises(AnalysisInputError, match="by must be"):
        analysis.stance.summary(article, by="pattern")
    with pytest.raises(AnalysisInputError, match="no word count"):
        analysis.stance.summary(article, words={"other": 3})


def test_a_researcher_can_pass_their_own_stance_table():
    table = pd.DataFrame({"pattern": ["purported"], "mode": ["stem"],
                          "category": ["distancing"], "subcategory": ["reporting"]})
    article = make("The purported memo and the purportedly leaked tape.")
    assert analysis.stance.markers(article, lexicon=table)["match"].tolist() == [
        "purported", "purportedly"]


# --- frames ----------------------------------------------------------------------------------

FRAMED = ("Rebels accused the government of negligence, and the two sides traded blame. The "
          "deal will cost taxpayers millions, and families of the victims grieve. Leaders must "
          "show moral courage, the bishop said.")


def test_frame_indicators_and_the_questions_they_stand_for():
    found = analysis.frames.indicators(make(FRAMED))
    assert list(found.columns) == analysis.frames.COLUMNS
    assert hits(found, "frame", "item") == [
        ("accused", "conflict", "c2"), ("negligence", "responsibility", "r2"),
        ("two sides", "conflict", "c3"), ("blame", "conflict", "c2"),
        ("blame", "responsibility", "r4"), ("deal", "responsibility", "r3"),
        ("cost", "economic", "e2"), ("taxpayers", "economic", "e2"),
        ("families of", "human_interest", "h1"), ("victims", "human_interest", "h1"),
        ("grieve", "human_interest", "h2"), ("moral", "morality", "m1"),
    ]  # "must" alone is not a social prescription (m3)


def test_frame_scores_count_hits_rates_and_questions():
    article = make(FRAMED)
    assert analysis.words.word_totals(article) == {"test": 32}
    scores = analysis.frames.scores(article)
    assert list(scores.columns) == analysis.frames.SCORE_COLUMNS
    assert scores["frame"].tolist() == ["conflict", "responsibility", "morality", "economic",
                                        "human_interest"]
    assert scores["frame_name"].tolist()[1] == "attribution of responsibility"
    assert scores["hits"].tolist() == [3, 3, 1, 2, 3]
    assert scores["per_1000"].tolist() == pytest.approx([3000 / 32, 3000 / 32, 1000 / 32,
                                                         2000 / 32, 3000 / 32])
    assert scores["items_hit"].tolist() == [2, 3, 1, 1, 2]
    assert scores["items"].tolist() == [4, 5, 3, 3, 4]
    assert scores["item_share"].tolist() == pytest.approx([2 / 4, 3 / 5, 1 / 3, 1 / 3, 2 / 4])


def test_verb_deal_is_guarded_but_a_deal_with_is_a_deal():
    article = make("They urgently need to deal with it. They signed a deal with the rebels.")
    assert hits(analysis.frames.indicators(article), "item") == [("urgently", "r5"), ("deal", "r3")]


def test_frame_items_list_the_twenty_questions():
    items = analysis.frames.items()
    assert len(items) == 20
    assert items.groupby("frame", sort=False).size().to_dict() == {
        "conflict": 4, "responsibility": 5, "morality": 3, "economic": 3, "human_interest": 5}
    assert items.set_index("item").loc["h5", "indicators"] == 0
    assert (items[items["item"] != "h5"]["indicators"] > 0).all()


def test_frame_rows_must_name_a_known_question():
    table = pd.DataFrame({"pattern": ["war"], "mode": ["stem"], "frame": ["conflict"],
                          "item": ["c9"]})
    with pytest.raises(LexiconError, match="item 'c9', which frame_items.tsv"):
        analysis.frames.indicators(make("War."), lexicon=table)
    table["item"] = "e1"
    with pytest.raises(LexiconError, match="item 'e1' belongs to 'economic'"):
        analysis.frames.indicators(make("War."), lexicon=table)


# --- actors ----------------------------------------------------------------------------------

SEED_ACTORS = "actors.tsv"  # the seed story's event file (found actors: test_actors_found.py)

ACTORS = ("Moscow denied it. The Kremlin said Russian military intelligence was not involved, "
          "and the Russians blamed the US. Let us see. The Trump administration and Trump "
          "himself paid bounties to Taliban-linked fighters. The paper, the New York Times, said "
          "the Times stood by the report. There were times when Washington paid a reward.")


def test_actor_mentions_with_longest_alias():
    found = analysis.actors.mentions(make(ACTORS), lexicon=SEED_ACTORS)
    assert list(found.columns) == analysis.actors.COLUMNS
    assert hits(found, "actor", "variant") == [
        ("Moscow", "Russia", "Moscow"), ("Kremlin", "Russia", "Kremlin"),
        ("Russian military intelligence", "Russia", "Russian military intelligence"),
        ("Russians", "Russia", "Russian"), ("US", "United States", "US"),
        ("Trump administration", "United States", "Trump administration"),
        ("Trump", "Trump", "Trump"), ("bounties", "the money", "bounty"),
        ("Taliban-linked fighters", "Taliban", "Taliban-linked fighters"),
        ("The paper", "New York Times", "the paper"),
        ("New York Times", "New York Times", "New York Times"),
        ("Times", "New York Times", "Times"), ("Washington", "United States", "Washington"),
        ("reward", "the money", "reward"),
    ]


def test_choosing_actors_keeps_the_longest_match_rule():
    article = make(ACTORS)
    trump = analysis.actors.mentions(article, actors="Trump", lexicon=SEED_ACTORS)
    assert trump["match"].tolist() == ["Trump"]  # "Trump administration" stays the US's
    assert analysis.actors.mentions(article, actors=["Russia"],
                                    lexicon=SEED_ACTORS)["match"].tolist()[-1] == "Russians"
    with pytest.raises(AnalysisInputError, match=r"unknown actor\(s\) \['NATO'\]"):
        analysis.actors.mentions(article, actors="NATO", lexicon=SEED_ACTORS)


def test_actor_naming_table():
    article = make("Russia acted. Moscow denied it. Russia's envoy left. The Russian side spoke. "
                   "Bounties were paid; one bounty went missing.")
    naming = analysis.actors.naming(article, lexicon=SEED_ACTORS)
    assert list(naming.columns) == analysis.actors.NAMING_COLUMNS
    assert list(naming.itertuples(index=False, name=None)) == [
        ("test", "Russia", "Russia", 2, 0.5, "Russia"),
        ("test", "Russia", "Moscow", 1, 0.25, "Moscow"),
        ("test", "Russia", "the Russian side", 1, 0.25, "The Russian side"),
        ("test", "the money", "bounty", 2, 1.0, "Bounties / bounty"),
    ]


def test_actor_kwic_gives_the_sentence_around_each_mention():
    article = make("Analysts say Moscow denied it. Later the Kremlin spoke.")
    lines = analysis.actors.kwic(article, "Russia", lexicon=SEED_ACTORS)
    assert list(lines[["left", "match", "right"]].itertuples(index=False, name=None)) == [
        ("Analysts say ", "Moscow", " denied it."), ("Later the ", "Kremlin", " spoke.")]
    short = analysis.actors.kwic(article, "Russia", width=4, lexicon=SEED_ACTORS)
    assert short["left"].tolist() == ["say ", "the "]
    assert short["right"].tolist() == [" den", " spo"]
    with pytest.raises(AnalysisInputError, match="one actor's name"):
        analysis.actors.kwic(article, ["Russia"], lexicon=SEED_ACTORS)


# --- tone ------------------------------------------------------------------------------------

def test_vader_scores_of_simple_sentences():
    article = make("The deal is good. The ministry met on Tuesday. The attack was bad.")
    scores = analysis.tone.score(article)
    assert list(scores.columns) == analysis.tone.COLUMNS
    # VADER: good = 1.9 -> 1.9 / sqrt(1.9**2 + 15); attack -2.1 and bad -2.5 -> -4.6 / sqrt(...)
    assert scores["compound"].tolist() == pytest.approx(
        [1.9 / math.sqrt(1.9**2 + 15), 0.0, -4.6 / math.sqrt(4.6**2 + 15)], abs=1e-4)
    assert scores["neu"].tolist()[1] == 1.0
    assert scores["words"].tolist() == [4, 5, 4]
    assert scores["text"].tolist()[0] == "The deal is good."


def test_tone_by_paragraph():
    article = make("Headline about a good deal\n\nThe deal is good. It is fine.\n\nThe attack was "
                   "bad.")
    scores = analysis.tone.score(article, unit="paragraph")
    assert scores["paragraph"].tolist() == [0, 1, 2]
    assert scores["role"].tolist() == ["headline", "body", "body"]
    assert scores["sentence"].tolist() == [0, 1, 3]
    assert scores["words"].tolist() == [5, 7, 4]
    with pytest.raises(AnalysisInputError, match="unit must be one of"):
        analysis.tone.score(article, unit="word")


def test_tone_summary_means_medians_and_shares():
    article = make("The deal is good. The ministry met on Tuesday. The attack was bad. Peace "
                   "is good.")
    summary = analysis.tone.summary(article)
    assert list(summary.columns) == analysis.tone.SUMMARY_COLUMNS
    good, bad = 1.9 / math.sqrt(1.9**2 + 15), -4.6 / math.sqrt(4.6**2 + 15)
    peace = analysis.tone.score(article)["compound"].iloc[3]
    assert peace > 0.05
    row = summary.iloc[0]
    assert row["units"] == 4
    assert row["mean"] == pytest.approx((good + 0 + bad + peace) / 4, abs=1e-4)
    assert row["median"] == pytest.approx((0 + good) / 2, abs=1e-4)
    assert (row["share_negative"], row["share_neutral"], row["share_positive"]) == (
        0.25, 0.25, 0.5)


def test_tone_of_spans_scores_raw_spans_and_carries_labels():
    article = make('The minister said "this is a great success" and left.')
    quote = (article.raw.index("this"), article.raw.index(" and") - 1)
    spans = pd.DataFrame({"start": [quote[0], 0], "end": [quote[1], 17],
                          "voice": ["quoted", "narrator"]})
    scores = analysis.tone.score_spans(article, spans)
    assert list(scores.columns) == [*analysis.tone.SPAN_COLUMNS, "voice"]
    assert scores["match"].tolist() == ["this is a great success", "The minister said"]
    assert scores["voice"].tolist() == ["quoted", "narrator"]
    assert scores["compound"].iloc[0] > 0.5 and scores["compound"].iloc[1] == 0.0
    pairs = analysis.tone.score_spans(article, [quote])
    assert pairs["compound"].tolist() == scores["compound"].tolist()[:1]


def test_tone_of_spans_refuses_bad_spans(dm):
    article = make("Some text here.")
    with pytest.raises(AnalysisInputError, match=r"span \(5, 500\) is not a non-empty span"):
        analysis.tone.score_spans(article, [(5, 500)])
    with pytest.raises(AnalysisInputError, match="not a non-empty span"):
        analysis.tone.score_spans(article, [(5, 5)])
    with pytest.raises(AnalysisInputError, match="pairs of raw offsets"):
        analysis.tone.score_spans(article, [5, 6])
    with pytest.raises(AnalysisInputError, match="other articles"):
        analysis.tone.score_spans(article, pd.DataFrame({"article": ["x"], "start": [0],
                                                         "end": [4]}))
    with pytest.raises(AnalysisInputError, match="one Article"):
        analysis.tone.score_spans([article], [(0, 4)])


def test_tone_summary_by_a_voice_column():
    article = make('The minister said "this is a great success" and left.')
    spans = pd.DataFrame({"start": [19, 0], "end": [42, 18], "voice": ["quoted", "narrator"]})
    summary = analysis.tone.summary(article, scores=analysis.tone.score_spans(article, spans),
                                    by="voice")
    assert summary["voice"].tolist() == ["narrator", "quoted"]
    assert summary["units"].tolist() == [1, 1]
    assert summary["share_positive"].tolist() == [0.0, 1.0]


# --- the seeds -------------------------------------------------------------------------------

def every_lens(articles, roles):
    yield analysis.stance.markers(articles, roles=roles)
    yield analysis.frames.indicators(articles, roles=roles)
    yield analysis.actors.mentions(articles, roles=roles, lexicon=SEED_ACTORS)
    yield analysis.actors.mentions(articles, roles=roles)
    yield analysis.tone.score(articles, roles=roles)
    yield analysis.tone.score(articles, roles=roles, unit="paragraph")
    yield analysis.actors.kwic(articles, "Russia", roles=roles, lexicon=SEED_ACTORS)


@pytest.mark.parametrize("roles", [analysis.DEFAULT_ROLES, None])
def test_every_evidence_row_is_the_raw_text(seeds, roles):
    raws = {a.id: a.raw for a in seeds}
    for evidence in every_lens(seeds, roles):
        assert len(evidence) > 0
        for row in evidence.itertuples(index=False):
            assert raws[row.article][row.start:row.end] == row.match


def test_kwic_context_rebuilds_the_sentence(seeds):
    lines = analysis.actors.kwic(seeds, "New York Times", lexicon=SEED_ACTORS)
    sentences = analysis.text.sentences(seeds).set_index(["article", "sentence"])
    raws = {a.id: a.raw for a in seeds}
    for row in lines.itertuples(index=False):
        sentence = sentences.loc[(row.article, row.sentence)]
        assert row.left + row.match + row.right == raws[row.article][sentence.start:sentence.end]


def test_bounties_are_the_daily_mails_word_and_rewards_the_russian_pieces(seeds):
    money = analysis.actors.mentions(seeds, actors="the money", roles=None,
                                     lexicon=SEED_ACTORS)
    words = {a: sorted(set(g["match"].str.lower())) for a, g in money.groupby("article")}
    assert words["dailymail"] == ["bounties", "bounty payments", "money"]
    assert words["ru_translation"] == ["cash payments", "reward", "rewards"]


def test_only_the_russian_piece_discredits_the_report(seeds):
    summary = analysis.stance.summary(seeds, by="subcategory").set_index(
        ["article", "subcategory"])["count"]
    assert summary[("dailymail", "discrediting")] == 0
    assert summary[("ru_translation", "discrediting")] == 2  # "unfounded", "groundless"
    allegedly = analysis.stance.markers(seeds)
    allegedly = allegedly[allegedly["match"] == "allegedly"]
    assert allegedly.groupby("article")["paragraph"].apply(list).to_dict() == {
        "ru_translation": [1, 17, 19]}


def test_daily_mail_vouches_for_the_report_in_its_lede(dm):
    markers = analysis.stance.markers(dm)
    lede = markers[markers["paragraph"].isin([1, 2])]
    assert hits(lede, "subcategory") == [("brazen", "negative"), ("bombshell", "intensifier"),
                                         ("deadly", "negative")]
    assert ("in fact", "certainty") in hits(markers, "subcategory")


def test_how_each_seed_names_the_new_york_times(seeds):
    naming = analysis.actors.naming(seeds, actors="New York Times", lexicon=SEED_ACTORS)
    counts = {(r.article, r.variant): r.count for r in naming.itertuples()}
    assert counts == {("dailymail", "the paper"): 5, ("dailymail", "New York Times"): 2,
                      ("ru_translation", "New York Times"): 4,
                      ("ru_translation", "the newspaper"): 3,
                      ("ru_translation", "the publication"): 2,
                      ("ru_translation", "NYT"): 1}


def test_sanctions_imposed_are_conflict_not_economics_in_the_daily_mail(dm):
    # Sanctions imposed on a country are hostility between countries (c1); the word alone, a
    # menu option in paragraph 7, is the story's topic and names no economic consequence (e3).
    found = analysis.frames.indicators(dm)
    sanctions = found[found["match"].str.contains("sanctions")]
    assert sanctions[["paragraph", "match", "frame", "item"]].values.tolist() == [
        [20, "sanctions imposed", "conflict", "c1"]]

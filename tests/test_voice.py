"""Narrator, reported and quoted voice, on sentences written for the test and on the seeds."""

from __future__ import annotations

import pytest

import analysis
from analysis import voice
from analysis.paths import SEEDS_DIR
from analysis.text import build_article

TEXT = ("Storm hits coast\n\n"
        "The mayor said the damage was \"a fake report\" by the agency. "
        "The brazen agency stayed silent.\n\n"
        "\"We will rebuild,\" the governor said. Officials said roads were closed.\n")


@pytest.fixture(scope="module")
def storm():
    return build_article(TEXT, id="storm", path=SEEDS_DIR / "storm.txt")


def segments_by_voice(article):
    table = voice.segments(article)
    return {v: table[table["voice"] == v]["match"].tolist() for v in voice.VOICES}


def test_segments_split_each_sentence_into_voices(storm):
    found = segments_by_voice(storm)
    assert found["quoted"] == ["a fake report", "We will rebuild"]
    assert found["reported"] == ['the damage was "', '" by the agency', "roads were closed"]
    assert "The brazen agency stayed silent." in found["narrator"]
    assert any(m.startswith("The mayor said") for m in found["narrator"])


def test_segments_cover_the_analysed_text_exactly_once(storm):
    table = voice.segments(storm)
    assert analysis.evidence.holds([storm], table)
    spans = sorted(zip(table["start"], table["end"], strict=True))
    assert all(b <= c for (_, b), (c, _) in zip(spans, spans[1:], strict=False))
    letters = sum(c.isalnum() for a, b in spans for c in storm.raw[a:b])
    expected = sum(c.isalnum() for s in analysis.text.sentences(storm).itertuples()
                   for c in storm.raw[s.start:s.end])
    assert letters == expected


def test_stance_markers_take_the_voice_that_holds_them(storm):
    markers = voice.markers(storm)
    by_word = dict(zip(markers["match"].str.lower(), markers["voice"], strict=True))
    assert by_word["brazen"] == "narrator"
    assert by_word["fake"] == "quoted"


def test_words_per_voice_add_up(storm):
    table = voice.words(storm)
    assert list(table["voice"]) == list(voice.VOICES)
    assert table["words"].sum() == analysis.words.word_totals(storm)["storm"]
    assert table["share"].sum() == pytest.approx(1.0)
    assert table.set_index("voice").loc["quoted", "words"] == 6  # a fake report; We will rebuild


def test_stance_by_voice_counts_per_voice(storm):
    table = voice.stance(storm).set_index(["voice", "category"])
    assert table.loc[("narrator", "evaluative"), "count"] == 1
    assert table.loc[("quoted", "evaluative"), "count"] == 1


def test_tone_by_voice_scores_every_piece(storm):
    scores = voice.tone(storm)
    summary = analysis.tone.summary(storm, scores=scores, by="voice")
    assert set(scores["voice"]) == set(voice.VOICES)
    assert summary.set_index("voice")["units"].sum() == len(scores)
    quoted = scores[scores["voice"] == "quoted"]
    assert (quoted[quoted["match"].str.contains("fake")]["compound"] < 0).all()


def test_seeds_daily_mail_mostly_narrates_russian_piece_mostly_attributes(seeds):
    shares = voice.words(seeds).set_index(["article", "voice"])["share"]
    assert shares[("dailymail", "narrator")] > 0.6
    assert shares[("ru_translation", "narrator")] < 0.4
    assert shares[("ru_translation", "quoted")] > shares[("dailymail", "quoted")]


def test_seed_distancing_words_sit_in_attributed_speech(seeds):
    markers = voice.markers(seeds)
    russian = markers[(markers["article"] == "ru_translation")
                      & (markers["category"] == "distancing")]
    assert (russian["voice"] != "narrator").sum() > (russian["voice"] == "narrator").sum()
    dm = markers[markers["article"] == "dailymail"].set_index(markers[
        markers["article"] == "dailymail"]["match"].str.lower())
    assert dm.loc["bombshell", "voice"] == "narrator"


def test_a_long_quotation_no_source_is_found_for_is_not_the_narrators(write_article):
    text = ("Memo\n\n"
            "The memo was sent on Friday. \u201cThe party had a fair and proper reason to act "
            "early,\u201d it ran on. The outlet's own words end here, and a \u201cplan\u201d "
            "follows.\n")
    article = analysis.load_article(write_article(text), id="memo")
    spans = analysis.voice.spans(article)
    quoted = spans[spans["voice"] == "quoted"]
    assert [article.raw[s:e] for s, e in zip(quoted["start"], quoted["end"], strict=True)] == [
        "The party had a fair and proper reason to act early,"]
    assert list(quoted["sources"]) == [""]


def test_spans_are_computed_once_per_article_and_roles_and_each_call_gets_its_own_table():
    article = build_article(TEXT, id="storm", path=SEEDS_DIR / "storm.txt")
    first = voice.spans(article)
    assert first["voice"].tolist() == ["reported", "quoted", "reported", "quoted", "reported"]
    cached = [key for key in article.cache if key[0] == "voice spans"]
    assert cached == [("voice spans", frozenset({"headline", "body"}))]
    first.loc[0, "voice"] = "changed by the caller"
    again = voice.spans(article)
    assert again["voice"].tolist()[0] == "reported"
    # the same roles however they are given; other roles are computed apart
    assert voice.spans(article, roles=("body", "headline")).equals(again)
    assert voice.spans(article, roles=["body"])["start"].tolist() == again["start"].tolist()
    assert len([key for key in article.cache if key[0] == "voice spans"]) == 2

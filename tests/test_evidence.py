"""Evidence helpers: section and position, first appearance, context, rates and spans."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import AnalysisInputError
from analysis.evidence import (
    first_appearance,
    in_spans,
    kwic,
    position_profile,
    rate_table,
    subtract_spans,
)
from analysis.paths import SEEDS_DIR
from analysis.text import build_article

PLACED = ("Brazen claims\n\nThe allegedly stolen car.\n\nIt was indeed found.\n\n"
          "Nonsense, they said.")
QUOTED = 'The minister said "the allegedly stolen car is a hoax" and called it nonsense.'


def make(raw: str, id: str = "test") -> analysis.Article:
    return build_article(raw, id=id, path=SEEDS_DIR / f"{id}.txt")


def quote_span(article: analysis.Article) -> pd.DataFrame:
    start = article.raw.index('"') + 1
    return pd.DataFrame({"article": [article.id], "start": [start],
                         "end": [article.raw.index('"', start)]})


def test_sections_and_positions():
    article = make(PLACED)
    profiled = position_profile(article, analysis.stance.markers(article))
    # Paragraph lengths 13, 25, 20, 20: 78 characters of analysed text.
    assert list(profiled[["match", "section"]].itertuples(index=False, name=None)) == [
        ("Brazen", "headline"), ("claims", "headline"), ("allegedly", "lede"),
        ("indeed", "lede"), ("Nonsense", "rest")]
    assert profiled["position"].tolist() == pytest.approx(
        [0 / 78, 7 / 78, 17 / 78, 45 / 78, 58 / 78])


def test_lede_is_the_first_two_body_paragraphs_whatever_comes_between(dm):
    profiled = position_profile(dm, analysis.actors.mentions(dm, lexicon="actors.tsv"))
    sections = profiled.groupby("section")["paragraph"].unique().to_dict()
    assert list(sections["headline"]) == [0]
    assert list(sections["lede"]) == [1, 2]
    assert min(sections["rest"]) == 3


def test_rows_outside_the_analysed_roles_are_refused(dm):
    everything = analysis.actors.mentions(dm, roles=None, lexicon="actors.tsv")
    with pytest.raises(AnalysisInputError, match="paragraph 4 is not in the analysed roles"):
        position_profile(dm, everything)
    profiled = position_profile(dm, everything, roles=None)
    assert set(profiled[profiled["role"] == "caption"]["section"]) == {"rest"}
    assert profiled["position"].between(0, 1, inclusive="left").all()
    assert profiled["position"].is_monotonic_increasing


def test_position_profile_needs_the_articles_of_the_evidence(seeds, dm):
    with pytest.raises(AnalysisInputError, match=r"article\(s\) \['ru_translation'\]"):
        position_profile(dm, analysis.actors.mentions(seeds, lexicon="actors.tsv"))
    with pytest.raises(AnalysisInputError, match=r"lacks column\(s\) \['paragraph'\]"):
        position_profile(dm, pd.DataFrame({"article": ["dailymail"], "start": [0]}))


def test_first_appearance_of_each_category():
    article = make(PLACED)
    profiled = position_profile(article, analysis.stance.markers(article))
    first = first_appearance(profiled, "category")
    assert list(first[["category", "section", "match", "mentions"]].itertuples(
        index=False, name=None)) == [("evaluative", "headline", "Brazen", 2),
                                     ("distancing", "headline", "claims", 2),
                                     ("boosting", "lede", "indeed", 1)]
    assert first["paragraph"].tolist() == [0, 0, 2]
    with pytest.raises(AnalysisInputError,
                       match=r"lacks column\(s\) \['section', 'section_by', 'position'\]"):
        first_appearance(analysis.stance.markers(article), "category")


def test_where_each_seed_first_names_each_actor(seeds):
    profiled = position_profile(seeds, analysis.actors.mentions(seeds, lexicon="actors.tsv"))
    first = first_appearance(profiled, "actor")
    dm = first[first["article"] == "dailymail"].set_index("actor")
    assert dm.loc["Russia", "section"] == "headline" and dm.loc["Russia", "position"] == 0.0
    assert dm.loc["New York Times", "section"] == "lede"
    assert dm.loc["Trump", "match"] == "President Donald Trump"
    ru = first[first["article"] == "ru_translation"].set_index("actor")
    assert "headline" not in set(ru["section"])  # the Russian piece has no headline
    assert ru.loc["New York Times", "match"] == "the newspaper"


def test_kwic_checks_its_arguments(dm):
    mentions = analysis.actors.mentions(dm, lexicon="actors.tsv")
    with pytest.raises(AnalysisInputError, match="width must be"):
        kwic(dm, mentions, width=-1)
    lines = kwic(dm, mentions, width=0)
    assert set(lines["left"]) == {""} and set(lines["right"]) == {""}


def test_stance_rows_inside_quoted_spans():
    article = make(QUOTED)
    markers = analysis.stance.markers(article)
    assert markers["match"].tolist() == ["allegedly", "hoax", "nonsense"]
    spans = quote_span(article)
    assert in_spans(markers, spans).tolist() == [True, True, False]
    word = markers.iloc[0]
    partial = pd.DataFrame({"article": ["test"], "start": [word.start + 2], "end": [word.end]})
    assert in_spans(markers, partial).tolist() == [False, False, False]
    assert in_spans(markers, partial, how="overlap").tolist() == [True, False, False]
    with pytest.raises(AnalysisInputError, match="how must be"):
        in_spans(markers, spans, how="near")


def test_narrator_pieces_are_what_the_quotes_leave():
    article = make(QUOTED)
    pieces = subtract_spans(article, analysis.text.sentences(article), quote_span(article))
    assert pieces["match"].tolist() == ['The minister said "', '" and called it nonsense.']
    assert pieces["sentence"].tolist() == [0, 0]
    whole = pd.DataFrame({"article": ["test"], "start": [0], "end": [len(article.raw) - 1]})
    assert subtract_spans(article, analysis.text.sentences(article), whole).empty
    scores = analysis.tone.score_spans(article, pieces)
    assert scores["sentence"].tolist() == [0, 0]
    assert scores["compound"].iloc[0] == 0.0 and scores["compound"].iloc[1] < -0.05


def test_spans_that_end_before_they_start_are_refused():
    article = make(QUOTED)
    backwards = pd.DataFrame({"article": ["test"], "start": [9], "end": [3]})
    with pytest.raises(AnalysisInputError, match="ends before it starts"):
        in_spans(analysis.stance.markers(article), backwards)


def test_rate_table_reports_absent_levels_as_zero_and_extra_levels_after():
    evidence = pd.DataFrame({"article": ["a", "a", "b"], "label": ["x", "z", "x"]})
    table = rate_table(evidence, ["label"], [("x",), ("y",)], {"a": 500, "b": 0}, ["a", "b"])
    assert list(table[["article", "label", "count"]].itertuples(index=False, name=None)) == [
        ("a", "x", 1), ("a", "y", 0), ("a", "z", 1), ("b", "x", 1), ("b", "y", 0),
        ("b", "z", 0)]
    assert table["per_1000"].tolist()[:3] == [2.0, 0.0, 2.0]
    assert table["per_1000"].iloc[3:].isna().all()


def test_embedded_posts_join_the_layout_only_when_asked(ru):
    cited = analysis.sources.attributions(ru)
    with pytest.raises(AnalysisInputError, match="is not in the analysed roles"):
        position_profile(ru, cited)
    placed = position_profile(ru, cited, embeds=True)
    alone = position_profile(ru, cited[cited["role"] != "embed"], embeds=True)
    assert placed[placed["role"] != "embed"]["position"].tolist() == alone["position"].tolist()
    assert set(placed[placed["role"] == "embed"]["section"]) == {"rest"}
    assert placed["position"].between(0, 1).all()


def test_kwic_keeps_a_context_shorter_than_width_whole_and_can_stop_at_the_paragraph():
    article = make("In another brazen attack, the paper said. It was denied.\n\nA second one.")
    start = article.raw.index("another")
    rows = pd.DataFrame({"article": ["test"], "paragraph": [0], "sentence": [0],
                         "start": [start], "end": [start + len("another")]})
    narrow = kwic(article, rows, width=20)
    assert (narrow["left"][0], narrow["match"][0], narrow["right"][0]) == (
        "In ", "another", " brazen attack, the ")
    whole = kwic(article, rows, bounds="paragraph")
    assert whole["right"][0] == " brazen attack, the paper said. It was denied."
    with pytest.raises(AnalysisInputError, match="bounds must be one of"):
        kwic(article, rows, bounds="page")

"""The named-sources lens: attributions on the seeds against a hand annotation, every pattern on
sentences written for the test in the style of other outlets, the comparison tables, and
robustness to arbitrary text."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis import sources
from analysis.lexicons import header, table
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.text import build_article, normalise

GOLD = PROJECT_ROOT / "tests" / "fixtures" / "attributions_gold.csv"


def make(raw: str) -> analysis.Article:
    return build_article(raw, id="test", path=SEEDS_DIR / "test.txt")


def rows(raw: str) -> list[tuple]:
    """(source as written, canonical, cue as written, cue_class, quote, speech) per row."""
    article = make(raw)
    found = []
    for r in sources.attributions(article).itertuples():
        speech = article.raw[r.speech_start:r.speech_end] if r.speech_start >= 0 else None
        cue = article.raw[r.cue_start:r.cue_end] if r.cue_start >= 0 else ""
        found.append((article.raw[r.start:r.end], r.canonical, cue, r.cue_class, r.quote,
                      speech))
    return found


# --- evidence: every row points at the words as published -----------------------------------

def test_columns_and_raw_offsets_of_every_row(seeds):
    for article in seeds:
        table_ = sources.attributions(article)
        assert list(table_.columns) == sources.ATTRIBUTION_COLUMNS
        assert len(table_) >= 19
        spans = {p.index: (p.start, p.end) for p in article.paragraphs}
        for r in table_.itertuples():
            assert article.raw[r.start:r.end] == r.source
            assert r.start < r.end
            if r.frame == "embed":
                assert (r.cue, r.cue_start, r.cue_end) == ("", -1, -1)
            else:
                assert article.raw[r.cue_start:r.cue_end] == r.cue
                a, b = spans[r.paragraph]
                assert a <= r.start and r.end <= b and a <= r.cue_start and r.cue_end <= b
            assert r.kind in sources.KINDS and r.cue_class in sources.CUE_CLASSES
            assert r.quote in sources.QUOTE_KINDS
            if r.speech_start == -1:
                assert r.speech_end == -1 and r.quote == "none"
            else:
                assert r.speech_start < r.speech_end
                said = normalise(article.raw[r.speech_start:r.speech_end]).text
                if r.quote == "direct" and r.frame != "embed":
                    assert said == r.quote_text or r.quote_text.startswith(said)
                if r.quote == "partial":
                    assert all(part in said for part in r.quote_text.split(" … "))


def test_rows_are_in_text_order_and_deterministic(seeds):
    for article in seeds:
        first = sources.attributions(article)
        article.cache.clear()
        again = sources.attributions(article)
        pd.testing.assert_frame_equal(first, again)
        assert first["sentence"].is_monotonic_increasing


# --- accuracy against my hand annotation ------------------------------------------------------

@pytest.mark.parametrize("article_id", ["dailymail", "ru_translation"])
def test_precision_and_recall_against_the_hand_annotation(seeds, article_id):
    gold = sources.read_gold(GOLD)
    article = next(a for a in seeds if a.id == article_id)
    scores = sources.evaluate(sources.attributions(article),
                              gold[gold["article"] == article_id])
    assert scores["recall"] >= 0.9, scores["fn"]
    assert scores["precision"] >= 0.9, scores["fp"]


def test_gold_fixture_is_well_formed():
    gold = sources.read_gold(GOLD)
    assert list(gold.columns) == ["article", "sentence", "canonical", "note"]
    assert gold.groupby("article").size().to_dict() == {"dailymail": 20, "ru_translation": 26}
    assert (gold["note"].str.len() > 10).all()


def test_evaluate_counts_distinct_pairs_case_insensitively():
    predicted = pd.DataFrame({"article": ["a", "a", "a", "a"], "sentence": [1, 1, 2, 3],
                              "canonical": ["The Times", "the times", "Reuters", "BBC"]})
    gold = pd.DataFrame({"article": ["a", "a", "a"], "sentence": [1, 2, 4],
                         "canonical": ["The  Times", "Reuters", "AP"]})
    scores = sources.evaluate(predicted, gold)
    assert scores["tp"] == [("a", 1, "The Times"), ("a", 2, "Reuters")]
    assert scores["fp"] == [("a", 3, "BBC")] and scores["fn"] == [("a", 4, "AP")]
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 / 3)


def test_evaluate_and_read_gold_refuse_bad_input(tmp_path):
    with pytest.raises(analysis.AnalysisInputError, match="lacks column"):
        sources.evaluate(pd.DataFrame({"article": []}), pd.DataFrame())
    with pytest.raises(analysis.AnalysisInputError, match="not a number"):
        sources.evaluate(pd.DataFrame({"article": ["a"], "sentence": ["x"], "canonical": ["b"]}),
                         pd.DataFrame({"article": [], "sentence": [], "canonical": []}))
    with pytest.raises(analysis.AnalysisInputError, match="no such annotation file"):
        sources.read_gold(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("article,canonical\na,b\n", encoding="utf-8")
    with pytest.raises(analysis.AnalysisInputError, match="sentence"):
        sources.read_gold(bad)


# --- the seeds, pattern by pattern ------------------------------------------------------------

def by_sentence(article: analysis.Article, sentence: int) -> pd.DataFrame:
    table_ = sources.attributions(article)
    return table_[table_["sentence"] == sentence]


def test_citing_makes_a_second_source_relayed_by_the_first(dm):
    found = by_sentence(dm, 3)
    assert found["canonical"].tolist() == ["The New York Times", "unnamed officials"]
    assert found["source"].tolist() == ["the New York Times", "officials briefed on the matter"]
    assert found["via"].tolist() == ["", "The New York Times"]
    assert found["kind"].tolist() == ["media", "anonymous"]
    assert found["named"].tolist() == [True, False]
    start, end = found.iloc[0][["speech_start", "speech_end"]]
    assert dm.raw[start:end] == "President Donald Trump was briefed on the activity"


def test_quoting_via_al_jazeera(dm):
    found = by_sentence(dm, 44)
    assert found["canonical"].tolist() == ["Al Jazeera", "TASS"]
    assert found["source"].tolist() == ["Al Jazeera", "Russia\u2019s TASS news agency"]
    assert found["cue"].tolist() == ["reported", "quoting"]
    assert found.iloc[1]["via"] == "Al Jazeera"


def test_two_according_to_in_one_sentence_split_the_sentence(dm):
    found = by_sentence(dm, 6)
    said = [dm.raw[a:b] for a, b in zip(found["speech_start"], found["speech_end"], strict=True)]
    assert said == ["There were times when the bounties were in fact paid", "",
                    "specific U.S. troops stationed in Afghanistan were killed as a result of the "
                    "Russian bounty payments"]
    assert found["source"].tolist() == ["the paper", "it", "the paper"]  # "it": the paper
    assert set(found["canonical"]) == {"The New York Times"}


def test_declined_comment_gives_three_non_responses(dm):
    found = by_sentence(dm, 34)
    assert found["source"].tolist() == ["The CIA", "the NSA", "the Pentagon"]
    assert found["canonical"].tolist() == ["CIA", "NSA", "Pentagon"]
    assert set(found["cue"]) == {"declined comment"}
    assert set(found["cue_class"]) == {"non_response"}
    assert set(found["speech_start"]) == {-1}


def test_quote_before_the_cue_and_he_said_and_added(dm):
    quoted = by_sentence(dm, 36).iloc[0]
    assert (quoted["canonical"], quoted["quote"]) == ("Donald Trump", "direct")
    assert quoted["quote_text"].startswith("I really believe the Taliban")
    said, added = by_sentence(dm, 37).itertuples()
    assert (said.source, said.canonical, said.quote) == ("He", "Donald Trump", "none")
    assert dm.raw[said.speech_start:said.speech_end] == "he would be meeting with Taliban leaders"
    assert (added.cue, added.canonical, added.quote) == ("added", "Donald Trump", "direct")
    assert added.quote_text == ("They will be killing terrorists. They will be killing some "
                                "very bad people. They will keep that fight going.")


def test_partial_quotation(dm):
    row = by_sentence(dm, 33).iloc[0]
    assert (row["canonical"], row["quote"], row["quote_text"]) == ("Donald Trump", "partial",
                                                                   "perfect")


def test_possessive_speech_noun_and_relative_pronoun(dm):
    assert by_sentence(dm, 28)[["source", "canonical", "cue"]].values.tolist() == [
        ["Putin", "Vladimir Putin", "denial"]]
    bolton = by_sentence(dm, 31).iloc[0]
    assert (bolton["canonical"], bolton["cue"], bolton["cue_class"]) == (
        "John Bolton", "claims", "distancing")


def test_this_was_reported_in_points_back_at_the_previous_sentence(ru):
    row = by_sentence(ru, 1).iloc[0]
    assert row["source"] == "the press service of the Russian Embassy in the United States"
    assert (row["canonical"], row["kind"], row["frame"]) == (
        "Russian Embassy in the United States", "government", "passive")
    said = ru.raw[row["speech_start"]:row["speech_end"]]
    assert said.startswith("Russian diplomats in Washington and London began to receive threats")
    assert said.endswith("regarding the situation in Afghanistan")


def test_definite_descriptions_resolve_to_the_named_sources(ru):
    table_ = sources.attributions(ru)
    resolved = dict(zip(table_["source"], table_["canonical"], strict=False))
    for description in ("The article", "the newspaper", "the publication", "The newspaper",
                        "NYT"):
        assert resolved[description] == "The New York Times"
    for description in ("The diplomatic mission", "the Russian diplomatic mission",
                        "the embassy", "diplomats"):
        assert resolved[description] == "Russian Embassy in the United States"
    assert resolved["The Foreign Ministry"] == "Russian Foreign Ministry"
    assert resolved["him"] == "Dmitry Peskov"


def test_embedded_posts_are_attributed_to_their_signature(ru):
    table_ = sources.attributions(ru)
    posts = table_[table_["frame"] == "embed"]
    assert posts["sentence"].tolist() == [5, 11]
    assert set(posts["source"]) == {"Russia in USA \U0001f1f7\U0001f1fa (@RusEmbUSA)"}
    assert set(posts["canonical"]) == {"Russian Embassy in the United States"}
    assert set(posts["kind"]) == {"social"} and set(posts["date"]) == {"June 27, 2020"}
    assert set(posts["quote"]) == {"direct"} and posts["named"].all()
    expected = analysis.text.embedded_posts([ru])["text"].tolist()
    assert posts["quote_text"].tolist() == expected
    assert (table_[table_["frame"] != "embed"]["date"] == "").all()
    first = posts.iloc[0]
    assert ru.raw[first["speech_start"]:first["speech_end"]].startswith("In the absence of")
    assert ru.raw[first["speech_start"]:first["speech_end"]].endswith("tqO7hVRVGv")


def test_quotation_over_three_sentences_then_the_cue(ru):
    row = by_sentence(ru, 21).iloc[0]
    assert (row["source"], row["cue"], row["quote"]) == ("The Foreign Ministry", "added",
                                                          "direct")
    said = ru.raw[row["speech_start"]:row["speech_end"]]
    assert said.startswith("The list of their actions") and said.endswith("and the Taliban?")
    sentences = analysis.text.sentences(ru)
    first = sentences[sentences["sentence"] == 20].iloc[0]
    assert row["speech_start"] == first["start"] + 1  # just after the opening quotation mark


def test_called_a_fake_is_evaluative_with_partial_quotes(ru):
    row = by_sentence(ru, 17).iloc[0]
    assert (row["canonical"], row["cue"], row["cue_class"], row["quote"]) == (
        "Russian Foreign Ministry", "called", "directive", "partial")
    assert row["quote_text"] == ("simple stuffing … low intellectual ability of propagandists "
                                 "from American intelligence … such nonsense.")


def test_statement_by_is_relayed_by_the_newspaper(ru):
    found = by_sentence(ru, 28)
    assert found["canonical"].tolist() == ["The New York Times", "Dmitry Peskov"]
    assert found["cue"].tolist() == ["cites", "statement"]
    assert found["via"].tolist() == ["", "The New York Times"]


def test_the_outlets_own_we_add_is_not_a_source(ru):
    found = by_sentence(ru, 30)
    assert found["canonical"].tolist() == ["Republicans of the lower house of the US Congress"]
    assert found["cue"].tolist() == ["proposed"]


def test_roles_choose_the_paragraphs(ru, dm):
    body = sources.attributions(ru, roles=["body"], embeds=False)
    assert "embed" not in set(body["frame"])
    assert len(body) == len(sources.attributions(ru)) - 2
    with_captions = sources.attributions(dm, roles=["headline", "body", "caption"],
                                         embeds=False)
    captions = with_captions[with_captions["role"] == "caption"]
    assert "according to" in set(captions["cue"])
    assert sources.attributions(dm, roles=[], embeds=False).empty


# --- patterns on sentences written for the test (AP, Reuters, BBC style) ----------------------

CASES = {
    "appositive": (
        "Hugh Hill, a doctor at the local hospital, said the wounds were consistent with shrapnel.",
        [("Hugh Hill", "Hugh Hill", "said", "neutral", "none",
          "the wounds were consistent with shrapnel")]),
    "inverted with appositive": (
        '"We will not back down," said Jane Smith, a spokeswoman for the ministry.',
        [("Jane Smith", "Jane Smith", "said", "neutral", "direct", "We will not back down")]),
    "said in a statement": (
        "The Interior Ministry said in a statement that three people had been arrested.",
        [("The Interior Ministry", "Interior Ministry", "said", "neutral", "none",
          "three people had been arrested")]),
    "told reporters": (
        "Prime Minister Boris Johnson told reporters on Monday that the talks would continue.",
        [("Prime Minister Boris Johnson", "Boris Johnson", "told", "neutral", "none",
          "the talks would continue")]),
    "according to a spokesman for the ministry": (
        "The Ruritanian Foreign Ministry condemned the strike. According to a spokesman for the "
        "ministry, the embassy was not damaged.",
        [("The Ruritanian Foreign Ministry", "Ruritanian Foreign Ministry", "condemned",
          "directive", "none", "the strike"),
         ("a spokesman for the ministry", "Ruritanian Foreign Ministry", "According to",
          "neutral", "none", "the embassy was not damaged")]),
    "condition of anonymity, with commas": (
        "Two officials, who spoke on condition of anonymity because they were not authorized to "
        "discuss the matter, said the plan had been shelved.",
        [("Two officials", "unnamed officials", "said", "neutral", "none",
          "the plan had been shelved")]),
    "condition of anonymity, restrictive": (
        "Officials who spoke on condition of anonymity said the plan had been shelved.",
        [("Officials who spoke on condition of anonymity", "unnamed officials", "said",
          "neutral", "none", "the plan had been shelved")]),
    "British single quotes and she": (
        "Maria Lopez leads the union. 'We will not back down,' she said.",
        [("she", "Maria Lopez", "said", "neutral", "direct", "We will not back down")]),
    "multi-sentence quote, inverted": (
        '"The situation is grave. We need help now. Nobody is coming," said Ahmed Khan, a '
        "resident of the town.",
        [("Ahmed Khan", "Ahmed Khan", "said", "neutral", "direct",
          "The situation is grave. We need help now. Nobody is coming")]),
    "person familiar with the matter": (
        "A person familiar with the matter said the deal could be announced as soon as Friday.",
        [("A person familiar with the matter", "unnamed people", "said", "neutral", "none",
          "the deal could be announced as soon as Friday")]),
    "did not respond": (
        "The company did not respond to a request for comment.",
        [("The company", "unresolved: The company", "did not respond", "non_response", "none",
          None)]),
    "has not commented": (
        "The ministry has not commented on the report.",
        [("The ministry", "unresolved: The ministry", "has not commented", "non_response",
          "none", None)]),
    "cue after the clause, nested source": (
        "Police said two men were arrested, Reuters reported.",
        [("Police", "police", "said", "neutral", "none", "two men were arrested"),
         ("Reuters", "Reuters", "reported", "neutral", "none",
          "Police said two men were arrested")]),
    "citing a statement": (
        "Moscow has denied the allegations, the BBC reported, citing a Kremlin statement.",
        [("Moscow", "Moscow", "denied", "neutral", "none", "the allegations"),
         ("the BBC", "BBC", "reported", "neutral", "none", "Moscow has denied the allegations"),
         ("a Kremlin statement", "Kremlin", "citing", "neutral", "none",
          "Moscow has denied the allegations")]),
    "claimed, but officials said": (
        "Senator John Doe claimed the election was rigged, but officials said there was no "
        "evidence of fraud.",
        [("Senator John Doe", "John Doe", "claimed", "distancing", "none",
          "the election was rigged"),
         ("officials", "unnamed officials", "said", "neutral", "none",
          "there was no evidence of fraud")]),
    "called it a quote and urged": (
        'The White House called the report "a fabrication" and urged Congress to reject it.',
        [("The White House", "White House", "called", "directive", "partial",
          'the report "a fabrication"'),
         ("The White House", "White House", "urged", "directive", "none",
          "Congress to reject it")]),
    "dismissed as": (
        "The Kremlin dismissed the report as fake news.",
        [("The Kremlin", "Kremlin", "dismissed", "directive", "none", "the report as fake news")]),
    "unnamed sources told": (
        "Unnamed sources told CNN that the minister had resigned.",
        [("Unnamed sources", "unnamed sources", "told", "neutral", "none",
          "the minister had resigned")]),
    "description then name in apposition": (
        "The minister, Anna Berg, said the decision was final.",
        [("Anna Berg", "Anna Berg", "said", "neutral", "none", "the decision was final")]),
    "age in apposition": (
        "Mr. Smith, 54, said he was innocent.",
        [("Mr. Smith", "Smith", "said", "neutral", "none", "he was innocent")]),
    "quote, then told the BBC": (
        '"It\'s a disaster," Dr. Paul Green told the BBC\'s Today programme.',
        [("Dr. Paul Green", "Paul Green", "told", "neutral", "direct", "It's a disaster")]),
    "two clauses, two sources": (
        "Russia's Defence Ministry said its forces had repelled the attack, while Ukrainian "
        "officials said the town was still contested.",
        [("Russia's Defence Ministry", "Russian Defence Ministry", "said", "neutral", "none",
          "its forces had repelled the attack"),
         ("Ukrainian officials", "unnamed Ukrainian officials", "said", "neutral", "none",
          "the town was still contested")]),
    "report published by": (
        "The report, published by Human Rights Watch, says civilians were targeted.",
        [("Human Rights Watch", "Human Rights Watch", "says", "neutral", "none",
          "civilians were targeted")]),
    "adding that": (
        '"I don\'t think it\'s fair," Smith said, adding that he would appeal.',
        [("Smith", "Smith", "said", "neutral", "direct", "I don't think it's fair"),
         ("Smith", "Smith", "adding", "neutral", "none", "he would appeal")]),
    "quoted as saying": (
        "The New York Times quoted a senior administration official as saying that the decision "
        "was final.",
        [("The New York Times", "The New York Times", "quoted", "neutral", "none",
          "the decision was final"),
         ("a senior administration official", "unnamed officials", "quoted", "neutral", "none",
          "the decision was final")]),
    "statement from": (
        "According to a statement from the Foreign Office, the ambassador was summoned.",
        [("a statement from the Foreign Office", "Foreign Office", "According to", "neutral",
          "none", "the ambassador was summoned")]),
    "one resident who asked not to be named": (
        "'Nobody told us anything,' said one resident, who asked not to be named.",
        [("one resident", "unnamed witnesses", "said", "neutral", "direct",
          "Nobody told us anything")]),
    "spokesman then surname": (
        "Kremlin spokesman Dmitry Peskov said on Tuesday that Moscow had no information. "
        'Peskov added: "We have nothing to add."',
        [("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "said", "neutral", "none",
          "Moscow had no information"),
         ("Peskov", "Dmitry Peskov", "added", "neutral", "direct", "We have nothing to add.")]),
    "coordinated countries": (
        "The U.S. and Britain said they would respond, while China and Russia called for "
        "restraint.",
        [("The U.S.", "United States", "said", "neutral", "none", "they would respond"),
         ("Britain", "United Kingdom", "said", "neutral", "none", "they would respond"),
         ("China", "China", "called for", "directive", "none", "restraint"),
         ("Russia", "Russia", "called for", "directive", "none", "restraint")]),
    "headline": (
        "Russia says US strikes violated ceasefire",
        [("Russia", "Russia", "says", "neutral", "none", "US strikes violated ceasefire")]),
    "passive with an anaphoric subject": (
        "The strike killed four people. This was confirmed by the Interior Ministry.",
        [("the Interior Ministry", "Interior Ministry", "confirmed", "neutral", "none",
          "The strike killed four people")]),
    "attributed to her": (
        "Senator Jane Roe spoke at the rally. Remarks attributed to her suggested a change.",
        [("her", "Jane Roe", "attributed to", "neutral", "none", None)]),
    "possessive mention is not an attribution": (
        "Mr. Smith's statement came hours after the vote.",
        []),
    "possessive claim with what was said": (
        "The recount followed Mr. Smith's claim that the count was unfair.",
        [("Mr. Smith", "Smith", "claim", "distancing", "none", "the count was unfair")]),
    "belief verb": (
        "The governor believes the bridge will open in May.",
        [("The governor", "unresolved: The governor", "believes", "belief", "none",
          "the bridge will open in May")]),
    "the BBC understands": (
        "The BBC understands that the talks have stalled.",
        [("The BBC", "BBC", "understands", "neutral", "none", "the talks have stalled")]),
    "cue inside a quotation is not a cue": (
        '"Officials said nothing to us," she said.',
        [("she", "unresolved: she", "said", "neutral", "direct",
          "Officials said nothing to us")]),
    "according to, placed after": (
        "Officials in Kabul said the attack was planned in Pakistan, according to the Associated "
        "Press.",
        [("Officials in Kabul", "unnamed officials", "said", "neutral", "none",
          "the attack was planned in Pakistan"),
         ("the Associated Press", "Associated Press", "according to", "neutral", "none",
          "Officials in Kabul said the attack was planned in Pakistan")]),
    "possessive common noun before the appositive": (
        "The agency's director general, Rafael Grossi, called the situation \"extremely "
        "fragile.\"",
        [("Rafael Grossi", "Rafael Grossi", "called", "directive", "partial",
          'the situation "extremely fragile."')]),
    "intergovernmental agency is not media": (
        "According to the International Atomic Energy Agency, the plant lost power.",
        [("the International Atomic Energy Agency", "International Atomic Energy Agency",
          "According to", "neutral", "none", "the plant lost power")]),
    "state media": (
        "State media reported that the president had signed the decree.",
        [("State media", "unnamed media", "reported", "neutral", "none",
          "the president had signed the decree")]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_attribution_pattern(name):
    text, expected = CASES[name]
    assert rows(text) == expected


def test_quoted_as_saying_keeps_its_own_governor():
    table_ = sources.attributions(make(
        "Officials said the road was closed, and Reuters quoted a police officer as saying that "
        "the bridge had collapsed."))
    assert table_[["source", "canonical", "cue", "via", "frame"]].values.tolist() == [
        ["Officials", "unnamed officials", "said", "", "verb"],
        ["Reuters", "Reuters", "quoted", "", "verb"],
        ["a police officer", "unnamed officials", "quoted", "Reuters", "relay"]]
    article = make("Officials said the road was closed, and Reuters quoted a police officer as "
                   "saying that the bridge had collapsed.")
    said = [article.raw[a:b] for a, b in zip(table_["speech_start"], table_["speech_end"],
                                              strict=True)]
    assert said == ["the road was closed"] + ["the bridge had collapsed"] * 2


def test_agency_kind_comes_from_its_head():
    table_ = sources.attributions(make("According to the International Atomic Energy Agency, "
                                       "the plant lost power."))
    assert table_["kind"].tolist() == ["government"]


def test_sentences_without_attribution():
    text = ("Trump called off the meeting. The report represents an escalation. The ministry "
            "added 200 staff. Officials were told to leave. He was reported missing. The "
            "reported attack shocked the United States. Critics of the plan met in Rome.")
    assert rows(text) == []


def test_unresolved_descriptions_keep_a_kind_but_are_not_named():
    table_ = sources.attributions(make("The paper said it stood by its reporting. The embassy "
                                       "said it had received threats."))
    assert table_["canonical"].tolist() == ["unresolved: The paper", "unresolved: The embassy"]
    assert table_["kind"].tolist() == ["media", "government"]
    assert not table_["named"].any()


def test_embassy_named_later_is_not_an_antecedent():
    table_ = sources.attributions(make("The embassy said it had received threats. Later the "
                                       "Russian Embassy in Washington protested."))
    assert table_["canonical"].tolist() == ["unresolved: The embassy"]


def test_interrupted_quotation_joins_both_parts_in_quote_text():
    table_ = sources.attributions(make('"We will win," he said, "and nobody will stop us."'))
    assert table_["quote"].tolist() == ["direct"]
    assert table_["quote_text"].tolist() == ["We will win … and nobody will stop us."]


# --- robustness ----------------------------------------------------------------------------

@pytest.mark.parametrize("raw", [
    'He said "we will see.',
    "'Unclosed single quote, she said.",
    '"" said "" according to',
    "said",
    "According to",
    '" , the embassy says',
    "The CIA, the NSA, and all declined comment.",
    "\u201cCurly open only, the minister said.",
    "\u00abNous ne savons pas\u00bb, a dit le ministre. \u00abVoil\u00e0.\u00bb, said Le Monde.",
])
def test_unbalanced_and_odd_quotes_never_crash(raw):
    article = make(raw)
    table_ = sources.attributions(article)
    for r in table_.itertuples():
        assert article.raw[r.start:r.end] == r.source


_PIECES = ["said", "says", "told", "according to", "citing", "the paper", "officials",
           "The New York Times", "He", "she", "and added:", "declined comment", "called",
           "a", "fake", "This was reported in", "the embassy", ",", ".", ":", "'", '"', "\u2018",
           "\u2019", "\u201c", "\u201d", "\u00ab", "\u00bb", "Moscow's", "don't", "\n\n", "-",
           "Jane Smith", "a spokesman for the ministry", "who", "which", "by", "statement",
           "Reuters", "@nytimes", "\u2014", "?", "x"]


@examples(150)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40),
       st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_arbitrary_text_never_crashes(pieces, noise):
    raw = " ".join(pieces) + " " + noise
    if not raw.strip():
        return
    article = make(raw)
    table_ = sources.attributions(article)
    assert list(table_.columns) == sources.ATTRIBUTION_COLUMNS
    for r in table_.itertuples():
        assert article.raw[r.start:r.end] == r.source
        assert r.cue_start == -1 or article.raw[r.cue_start:r.cue_end] == r.cue
        assert (r.speech_start == -1) == (r.speech_end == -1)
    mentions = analysis.entities.mentions(article)
    for r in mentions.itertuples():
        assert normalise(article.raw[r.start:r.end]).text == r.text


def test_bad_arguments_raise_analysis_input_error(dm):
    with pytest.raises(analysis.AnalysisInputError, match="Article"):
        sources.attributions("dailymail")
    with pytest.raises(analysis.AnalysisInputError, match="Article"):
        sources.roster([dm, "ru"])
    with pytest.raises(analysis.AnalysisInputError, match="unknown role"):
        sources.attributions(dm, roles=("sidebar",))
    with pytest.raises(analysis.AnalysisInputError, match="roles must be"):
        sources.attributions(dm, roles=5)
    with pytest.raises(analysis.AnalysisInputError, match="roles must be"):
        analysis.entities.mentions(dm, roles=5)


@pytest.mark.parametrize("function", [
    sources.attributions, sources.roster, sources.anonymity, sources.shared,
    sources.kind_counts, sources.named_counts, sources.cue_class_counts, analysis.entities.counts])
def test_tables_for_an_article_without_sources(function):
    article = make("Nothing is attributed here. Nor here.")
    with pytest.raises(analysis.AnalysisInputError, match="no articles given"):
        function([])
    table_ = function([article])
    if function is sources.kind_counts:
        assert table_["attributions"].tolist() == [0] * len(sources.KINDS)
    elif function is sources.named_counts:
        assert table_["status"].tolist() == list(sources.NAMED_STATUSES)
        assert table_["attributions"].sum() == 0
    elif function is sources.cue_class_counts:
        assert table_["attributions"].tolist() == [0] * len(sources.CUE_CLASSES)
    elif function is sources.anonymity:
        assert table_["attributions"].tolist() == [0]
    else:
        assert table_.empty


# --- comparison tables ----------------------------------------------------------------------

def test_source_roster(seeds):
    roster = sources.roster(seeds)
    assert list(roster.columns) == sources.ROSTER_COLUMNS
    dm = roster[roster["article"] == "dailymail"].set_index("canonical")
    assert dm.loc["The New York Times", "attributions"] == 7
    assert dm.loc["The New York Times", "share"] == pytest.approx(7 / 23)
    assert dm.loc["The New York Times", "cue_classes"] == "neutral, non_response"
    assert dm.loc["Donald Trump", "direct_quotes"] == 2
    assert dm.loc["Donald Trump", "quoted_words"] == 36
    assert dm.loc["TASS", "via"] == "Al Jazeera"
    ru = roster[roster["article"] == "ru_translation"].set_index("canonical")
    embassy = ru.loc["Russian Embassy in the United States"]
    assert (embassy["attributions"], embassy["kind"], embassy["kinds"]) == (
        7, "government", "government, social")
    assert embassy["cues"].startswith("embedded post ×2, said ×2")
    for article in ("dailymail", "ru_translation"):
        mine = roster[roster["article"] == article]
        assert mine["share"].sum() == pytest.approx(1.0)
        assert mine["attributions"].tolist() == sorted(mine["attributions"], reverse=True)


def test_anonymity(seeds):
    table_ = sources.anonymity(seeds)
    assert list(table_.columns) == sources.ANONYMITY_COLUMNS
    assert table_[["attributions", "named", "anonymous", "unresolved"]].values.tolist() == [
        [23, 21, 2, 0], [27, 24, 3, 0]]
    assert table_["share_anonymous"].tolist() == pytest.approx([2 / 23, 3 / 27])
    empty = sources.anonymity([make("Nothing is attributed here. Nor here.")])
    assert empty["attributions"].tolist() == [0] and math.isnan(empty["share_anonymous"][0])


def test_shared_sources(seeds):
    shared = sources.shared(seeds)
    assert list(shared.columns) == sources.SHARED_COLUMNS
    assert shared["canonical"].tolist() == ["The New York Times"] * 2
    assert shared["article"].tolist() == ["dailymail", "ru_translation"]
    assert shared["relays"].tolist() == ["unnamed officials", "Dmitry Peskov, unnamed sources"]
    every = sources.shared(seeds, only_shared=False)
    tass = every[every["canonical"] == "TASS"].iloc[0]
    assert (tass["article"], tass["via"], tass["in_articles"]) == ("dailymail", "Al Jazeera", 1)
    assert not every["canonical"].str.startswith("unresolved").any()


def test_figure_tables_are_zero_filled_and_ordered(seeds):
    kinds = sources.kind_counts(seeds)
    assert list(kinds.columns) == sources.KIND_COUNT_COLUMNS
    assert kinds["kind"].tolist() == list(sources.KINDS) * 2
    dm = kinds[kinds["article"] == "dailymail"].set_index("kind")["attributions"]
    assert dm.to_dict() == {"media": 9, "government": 4, "person": 8, "anonymous": 2,
                            "document": 0, "social": 0, "other": 0}
    named = sources.named_counts(seeds)
    assert named["attributions"].tolist() == [21, 2, 0, 24, 3, 0]
    cues = sources.cue_class_counts(seeds)
    assert cues[cues["article"] == "dailymail"]["attributions"].tolist() == [15, 1, 0, 2, 5]
    assert cues.groupby("article")["attributions"].sum().tolist() == [23, 27]


# --- lexicon files ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, columns", [
    ("attribution_cues.tsv", ["forms", "cue_class", "frame", "check", "passive"]),
    ("source_aliases.tsv", ["canonical", "kind", "class", "aliases"]),
    ("source_coreference.tsv", ["pattern", "classes"]),
    ("anonymous_sources.tsv", ["part", "pattern", "canonical"]),
    ("source_nouns.tsv", ["noun", "category"]),
    ("entity_gazetteer.tsv", ["word", "category", "kind", "class", "canonical"]),
])
def test_lexicon_files_have_a_header_and_their_columns(name, columns):
    rows_ = table(name)
    assert list(rows_[0]) == columns
    text = header(name)
    assert "Made by hand for this project" in text and "edit" in text.lower()


def test_lexicon_values_are_valid():
    for row in table("attribution_cues.tsv"):
        assert row["cue_class"] in sources.CUE_CLASSES and row["frame"] in sources.FRAMES
    for row in table("source_aliases.tsv"):
        assert row["kind"] in sources.KINDS
    assert "said" in sources.cue_specs() and "according to" in sources.cue_specs()


def test_quoted_words_are_counted_as_every_rate_counts_words():
    article = analysis.text.build_article(
        'Headline here\n\n"Read this now @nytimes https://t.co/abc1 #fake," the embassy said.',
        id="post", path=SEEDS_DIR / "post.txt")
    roster = sources.roster(article).set_index("canonical")
    quoted = roster["quoted_words"].iloc[0]
    assert quoted == 3  # links, handles and hashtags are not words, in quotations or in rates
    assert analysis.text.word_count("Read this now @nytimes https://t.co/abc1 #fake") == quoted


# --- pronouns ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "pronoun", "expected"), [
    # "she" skips the nearer man for the woman named before him
    ("Judge Maria Ortiz criticized the ruling. Governor John Hale defended it. "
     "\"We will appeal,\" she said.", "she", "Maria Ortiz"),
    # "he" is the speaker of the last attribution, not the man merely mentioned after him
    ("George Hale said he fired in self-defence after the death of Carl Marsh. "
     "\"I feared for my life,\" he told a local station.", "he", "George Hale"),
    # a title decides the sex where the first name cannot
    ("Mr. Lindsey Cole spoke first. Then Mrs. Jordan Lee said the vote was rigged. "
     "He later argued that it was not.", "He", "Lindsey Cole"),
    # "it" is the organisation, "they" the plural source
    ("Reuters reported on Monday that turnout was low. It said the count would end today.",
     "It", "Reuters"),
    ("City officials said the road would close. They added that detours were signposted.",
     "They", "unnamed officials"),
    # a name inside quotation marks is never the referent; no woman is left: unresolved
    ("\"Senator Reed will lose,\" said Karen Holt. He said nothing else.", "He",
     "unresolved: He"),
    # two men, neither a speaker nor a subject: unclear, so unresolved
    ("The report named Paul Rand and Peter Vale. He said the report was unfair.", "He",
     "unresolved: He"),
])
def test_pronouns_agree_and_prefer_the_last_speaker(raw, pronoun, expected):
    found = sources.attributions(make(raw))
    row = found[found["source"] == pronoun].iloc[0]
    assert row["canonical"] == expected

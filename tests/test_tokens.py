"""Sentences and tokens: Punkt with news abbreviations, NLTK word tokens, exact raw offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis.paths import SEEDS_DIR
from analysis.text.normalisation import normalise
from analysis.text.reading import build_article
from analysis.text.tables import TOKEN_COLUMNS
from analysis.text.tokenise import (
    paragraph_words,
    sentence_spans,
    token_kind,
    token_spans,
    word_tokens,
)


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_us_and_coalition_forces_stays_one_sentence():
    text = ("In another brazen attack on the U.S., a Russian unit paid bounties to kill U.S. and "
            "coalition forces in Afghanistan. Trump was briefed.")
    assert split(text) == [text[:text.index(" Trump")], "Trump was briefed."]


def test_titles_and_months_do_not_end_sentences():
    text = ("Sgt. 1st Class Michael Goble died in Dec. 2019, Gen. Miller said. Mr. Smith and "
            "Dr. Jones met in St. Louis. It ended.")
    assert split(text) == ["Sgt. 1st Class Michael Goble died in Dec. 2019, Gen. Miller said.",
                           "Mr. Smith and Dr. Jones met in St. Louis.", "It ended."]


def test_sentence_ending_in_a_quote():
    assert split('He said "no." Then he left.') == ['He said "no."', "Then he left."]


def test_seed_sentence_with_us_is_whole(dm):
    sentences = analysis.text.sentences(dm)
    lede = sentences[sentences["paragraph"] == 1]
    assert len(lede) == 1
    assert "U.S. and coalition forces in Afghanistan" in lede.iloc[0]["text"]


def test_sentence_numbers_do_not_depend_on_roles(dm):
    everything = analysis.text.sentences(dm, roles=None)
    body = analysis.text.sentences(dm)
    assert set(body["sentence"]) < set(everything["sentence"])
    merged = body.merge(everything, on="sentence", suffixes=("", "_all"))
    assert (merged["text"] == merged["text_all"]).all()


def test_sentence_offsets_point_into_raw(seeds):
    for article in seeds:
        for row in analysis.text.sentences(article, roles=None).itertuples():
            assert normalise(article.raw[row.start:row.end]).text == row.text


def test_token_columns_and_raw_offsets(seeds):
    for article in seeds:
        tokens = analysis.text.tokens(article, roles=None)
        assert list(tokens.columns) == TOKEN_COLUMNS
        for row in tokens.itertuples():
            raw = article.raw[row.start:row.end]
            if row.kind in ("word", "number", "link", "hashtag"):
                assert raw.replace("\u2019", "'") == row.text


def test_handles_hashtags_and_links_are_their_own_kinds(ru):
    tokens = analysis.text.tokens(ru, roles=["embed"])
    by_kind = tokens.groupby("kind")["text"].apply(list).to_dict()
    assert by_kind["link"] == ["pic.twitter.com/tqO7hVRVGv", "https://t.co/Ows7srg3IH"]
    assert "#BlameRussians" in by_kind["hashtag"] and "#fakenews" in by_kind["hashtag"]
    assert "@Mschwirtz" in by_kind["handle"] and "@RusEmbUSA" in by_kind["handle"]
    hit = tokens[tokens["text"] == "@Mschwirtz"].iloc[0]
    assert ru.raw[hit.start:hit.end] == "@ Mschwirtz"
    assert not set(tokens[tokens["kind"] == "word"]["lower"]) & {"pic.twitter.com", "https", "co"}


def test_footnote_marker_is_not_a_token(ru):
    tokens = analysis.text.tokens(ru)
    first = tokens[tokens["paragraph"] == 1]
    assert "*" not in set(first["text"])
    taliban = first[first["lower"] == "taliban"].iloc[0]
    assert ru.raw[taliban.start:taliban.end] == "Taliban"


def test_stems_group_inflections():
    article = build_article("Title line\n\nThey kill. He killed. Killing continues. Kills rose.",
                            id="t", path=SEEDS_DIR / "t.txt")
    tokens = analysis.text.tokens(article)
    assert set(tokens[tokens["lower"].str.startswith("kill")]["stem"]) == {"kill"}


def test_token_kinds():
    samples = ["Taliban", "2019", "1st", "'s", "n't", ",", "$", "\U0001f1f7"]
    assert [token_kind(t) for t in samples] == [
        "word", "number", "word", "clitic", "clitic", "punct", "punct", "symbol"]


def test_stopwords_flagged_only_for_words(dm):
    tokens = analysis.text.tokens(dm)
    assert tokens[tokens["lower"] == "the"]["stop"].all()
    assert not tokens[tokens["lower"] == "bounties"]["stop"].any()
    assert not tokens[tokens["kind"] != "word"]["stop"].any()


@examples(200)
@given(st.text(max_size=200))
def test_tokeniser_never_crashes_and_spans_are_ordered(text):
    spans = token_spans(text)
    previous = 0
    for start, end, kind in spans:
        assert previous <= start < end <= len(text)
        assert kind in {"word", "number", "clitic", "punct", "symbol", "link", "handle", "hashtag"}
        previous = end


@examples(100)
@given(st.text(alphabet=st.sampled_from(list("ab U.S. \"'\u201c\u201d``''\n*@#")), max_size=120))
def test_articles_with_odd_quotes_tokenise_with_raw_offsets(raw):
    article = build_article(raw, id="t", path=SEEDS_DIR / "t.txt")
    for row in analysis.text.tokens(article, roles=None).itertuples():
        assert 0 <= row.start < row.end <= len(raw)


def test_sentence_final_abbreviation_keeps_its_stop():
    text = "Twenty troops were sent home to the U.S."
    assert [text[a:b] for a, b, _ in token_spans(text)][-2:] == ["the", "U.S."]


def test_quote_ending_in_a_question_stays_with_its_attribution():
    text = '"Maybe they do not like peace talks? ", The Foreign Ministry added. Then it ended.'
    assert split(text) == ['"Maybe they do not like peace talks? ", The Foreign Ministry added.',
                           "Then it ended."]
    assert split('"Why?" he asked. She left.') == ['"Why?" he asked.', "She left."]


_WORD_TOKEN_CASES = [
    "The 3 ministers met on 12 May, and 40% agreed.",
    "See www.example.org/report or @city_hall and #budget2020 for 2 more.",
    "Zoë's café re\u0301opened; it can't close, said the 1st mayor.",
    "",
    "... !!! 42",
]


@pytest.mark.parametrize("text", _WORD_TOKEN_CASES)
def test_word_tokens_are_the_word_and_number_tokens_of_token_spans(text):
    spans = token_spans(text)
    assert word_tokens(text) == ([text[a:b] for a, b, kind in spans if kind == "word"],
                                 sum(kind == "number" for _, _, kind in spans))


def test_word_tokens_of_a_sentence():
    assert word_tokens("The 3 ministers met on 12 May, and 40% agreed.") == (
        ["The", "ministers", "met", "on", "May", "and", "agreed"], 3)


@examples(300)
@given(st.text(alphabet="ab Z1'.,@#/-:%é\u0301", max_size=30))
def test_word_tokens_match_token_spans_on_generated_text(text):
    spans = token_spans(text)
    assert word_tokens(text) == ([text[a:b] for a, b, kind in spans if kind == "word"],
                                 sum(kind == "number" for _, _, kind in spans))


def sentence_by_sentence(text: str) -> tuple[list[str], int]:
    """The word and number tokens of ``token_spans`` of each sentence (the reference)."""
    words, numbers = [], 0
    for a, b in sentence_spans(text):
        sentence = text[a:b]
        spans = token_spans(sentence)
        words += [sentence[x:y] for x, y, kind in spans if kind == "word"]
        numbers += sum(kind == "number" for _, _, kind in spans)
    return words, numbers


_PARAGRAPH_CASES = [
    "He lives in the U.S. It is big. They moved to the U.S.",  # an abbreviation ends it
    "In the U.S. and Canada, 3 of 4 agreed. Mr. Smith said so",  # no final stop
    "It's 'over,' she said. \"We're done.\" (Really.) Wait...",
    "See www.example.org or @city_hall. Then #vote.",  # not plain: sentence by sentence
    "We're gonna win. They cannot lose.",  # contractions: sentence by sentence
    "Zoë said no. The café closed.",  # not ASCII
    "Two  spaces here.  And there. ",
    "",
]


@pytest.mark.parametrize("text", _PARAGRAPH_CASES)
def test_paragraph_words_are_its_sentences_words(text):
    assert paragraph_words(text) == sentence_by_sentence(text)


def test_paragraph_words_of_a_paragraph():
    assert paragraph_words("They moved to the U.S. In 2020, 3 left.") == (
        ["They", "moved", "to", "the", "U.S.", "In", "left"], 2)


def test_paragraph_words_of_every_seed_paragraph(seeds):
    paragraphs = [p.text for seed in seeds for p in seed.paragraphs]
    assert len(paragraphs) > 50
    for text in paragraphs:
        assert paragraph_words(text) == sentence_by_sentence(text), text


@examples(300)
@given(st.lists(st.sampled_from(["He", "said", "U.S.", "Mr.", "no.", "3.", "it's", "'a'",
                                 "\"yes.\"", "(a)", "end!", "why?", "a,", "e.g.", "...", "1.5",
                                 "don't", "won't.", "x/y", "é.", "-", "--"]),
                max_size=12).map(" ".join))
def test_paragraph_words_match_sentence_by_sentence_on_generated_text(text):
    assert paragraph_words(text) == sentence_by_sentence(text)


@pytest.mark.parametrize("surface, expected", [
    ("The", ("the", True)), ("Ministers", ("ministers", False)), ("US", ("u.s.", False)),
    ("Our", ("our", True)),
])
def test_word_norm_is_token_keys_without_the_stem(surface, expected):
    from analysis.text.tokenise import token_keys, word_norm
    assert word_norm(surface) == expected
    _, norm, _, stop = token_keys(surface, "word")
    assert (norm, stop) == expected


def test_the_blocks_taken_for_markless_hold_no_combining_mark():
    import unicodedata

    from analysis.text.tokenise import _BEYOND_MARKLESS, _markless

    inside = [chr(c) for c in range(0x2100) if not _BEYOND_MARKLESS.match(chr(c))]
    assert len(inside) > 900 and "\u2014" in inside and "\u00e9" in inside
    assert not [c for c in inside if unicodedata.category(c).startswith("M")]
    assert _markless("caf\u00e9 \u2014 \u20ac5") and not _markless("cafe\u0301")
    assert not _markless("\u0939\u093f")  # a Devanagari vowel sign is a mark


@pytest.mark.parametrize("text", [
    "Caf\u00e9 \u2014 the \u201cbest\u201d in the U.S.", "He paid \u20ac5. Then \u00bfqu\u00e9?",
    "re\u0301opened, said the caf\u00e9 owner.", "\u00c9cole \u2013 1\u00bd km \u2026 gone.",
])
def test_word_tokens_beyond_ascii(text):
    spans = token_spans(text)
    assert word_tokens(text) == ([text[a:b] for a, b, kind in spans if kind == "word"],
                                 sum(kind == "number" for _, _, kind in spans))
    assert paragraph_words(text) == sentence_by_sentence(text)


def _words_by_tokens(key: str) -> tuple[tuple[str, ...], int]:
    from analysis.text.wordspans import _key_tokens

    tokens = _key_tokens(key)
    kinds = [token_kind(t) for t in tokens]
    return (tuple(t for t, k in zip(tokens, kinds, strict=True) if k == "word"),
            kinds.count("number"))


@examples(300)
@given(st.lists(st.sampled_from(["a", "Zoë", "7", "S", ".", "-", ",", "'", "s", "n't", "'ll",
                                 "\"", "(", "!", "\u2019", "%"]), max_size=5).map("".join),
       st.booleans())
def test_key_words_are_the_words_of_its_tokens(word, spaced):
    from analysis.text.tokenise import key_words

    key = word if spaced else word + "\n"
    assert key_words(key) == _words_by_tokens(key), key


def test_key_words_of_a_letters_only_key_and_of_others():
    from analysis.text.tokenise import key_words

    assert key_words("Zoë\n") == (("Zoë",), 0) == _words_by_tokens("Zoë\n")
    assert key_words("2016,") == ((), 1)
    assert key_words("Trump's") == (("Trump",), 0)
    assert key_words("") == ((), 0)
    assert not [c for c in analysis.text.tokenise.clitics() if c.isalpha()]

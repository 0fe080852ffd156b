"""The fast word tokeniser (``analysis.text.wordspans``) gives NLTK's spans, token for token.

NLTK's ``NLTKWordTokenizer().span_tokenize`` is the reference: on every seed sentence, on
hand-written strings full of quotes, clitics and punctuation, and on generated strings. The
project's ``token_spans`` is compared with the same function run through NLTK too.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis_profiles import examples

from analysis.text import wordspans
from analysis.text.normalisation import is_mark
from analysis.text.tokenise import (
    _PROTECTED,
    _nltk_spans,
    _nltk_token_spans,
    _protected,
    _word_spans,
    token_spans,
    word_tokens,
)
from analysis.text.wordspans import span_tokenize, to_nltk, tokenize, word_keys


def spans_or_error(tokenize, text: str):
    try:
        return tokenize(text)
    except (ValueError, IndexError) as error:  # NLTK's failures must be the same too
        return type(error).__name__


def assert_same_as_nltk(text: str) -> None:
    reference = spans_or_error(_nltk_spans, text)
    assert spans_or_error(span_tokenize, text) == reference, text
    reference_tokens = _nltk_token_spans(text)
    assert token_spans(text) == reference_tokens, text
    # the counting path: tokens without spans, then the words and the count of numbers
    fast = tokenize(text)
    assert fast is None or fast == [text[a:b] for a, b in reference], text
    assert word_tokens(text) == ([text[a:b] for a, b, kind in reference_tokens if kind == "word"],
                                 sum(kind == "number" for _, _, kind in reference_tokens)), text


def tokens(text: str) -> list[str]:
    return [text[a:b] for a, b in span_tokenize(text)]


def test_every_seed_sentence_is_tokenised_as_nltk_does(seeds):
    sentences = [sentence.text for seed in seeds for sentence in seed.sentences]
    assert len(sentences) > 50
    for text in sentences:
        assert_same_as_nltk(text)


TRICKY = [
    "",
    "   ",
    "Plain words only",
    '"Quoted at the start," she said.',
    'He wrote: "the end."',
    'He left. "',
    "It ended.'",
    'Twice quoted: "a" and "b"',
    '""',
    '("Inside brackets.")',
    "``Old-style opening'' and closing quotes",
    "A `single backtick and ```three``` of them",
    "Two '' apostrophes ''' and three",
    "We can't, won't and shouldn't; they'll say we're gonna wanna go.",
    "I cannot, Cannot, CANNOT believe it.",
    "'Tis the season, 'twas the night, and gimme lemme gotta more'n d'ye.",
    "The '90s were rock'n'roll, O'Brien's dogs' bowls.",
    "It's the dog's; the dogs'. Jones's' toy",
    "I'm, you'd, they've, we'll, I'M, YOU'D, THEY'VE, WE'LL, DON'T",
    "x's' y'",
    "'hello' 'world'",
    "Wait... what?! Really.... Fine..",
    "The U.S. and the U.K. met in the U.S.",
    "It cost $1,000.50, or 3,50 euro: a 10% rise & more.",
    "Ratio 3:2, time 10:30, list a,b,c and ,,double ,:mixed:,",
    "A dash -- or two --- or four ---- and a hyphen-ated word-",
    "En\u2013dash, em\u2014dash, figure\u2012dash, bar\u2015 here",
    "Brackets [x] (y) {z} <w> and (nested (ones)).",
    "Stars *bold* and @handle #tag here!",
    "\u00abGuillemets\u00bb, \u201ccurly\u201d, \u2018single\u2019 and \u201elow\u201d quotes.",
    "Emoji \U0001F600 and na\u00efve caf\u00e9, r\u00e9sum\u00e9, \u0645\u0631\u062d\u0628\u0627",
    "multiple   spaces\tand\ttabs\nand a newline.  ",
    "Trailing stop with a tab.\t",
    "non\u00a0breaking\u00a0space.",
    "Ends with an abbreviation Mr.",
    "Combining q\u0301 and superscript x\u00b2 and digit \u0663,\u0664",
    "Long s: 'ſ and 'tiſ, dotted \u0130 and dotless \u0131: gİmme",
    "A colon at the end:",
    "A comma at the end,",
    ".",
    "..",
    "'",
    "'s",
    "n't",
    "It was 'the best'.",
    "She asked, 'why?' and left.",
    "Is it 'real'?'",
    "Control\x1cseparated\x1dtext",
    "See WWW.Example.com, http://x.org/a?b=1. and pic.twitter.com/Ab1 (via @user #tag).",
    "news.co.uk/story said: it's 'fine'.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_are_tokenised_as_nltk_does(text):
    assert_same_as_nltk(text)


def test_tokens_of_some_tricky_strings():
    assert tokens("We can't, they'll gonna.") == ["We", "ca", "n't", ",", "they", "'ll",
                                                  "gon", "na", "."]
    assert tokens('He left. "') == ["He", "left.", '"']
    assert tokens('He left."') == ["He", "left", ".", '"']
    assert tokens("Wait... a,b 1,000.50 U.S.") == ["Wait", "...", "a", ",", "b", "1,000.50",
                                                   "U.S", "."]
    assert tokens("a,,b ---x") == ["a", ",", ",b", "--", "-x"]
    assert tokens("'90s O'Brien's") == ["'", "90s", "O'Brien", "'s"]


def test_most_sentences_are_tokenised_word_by_word(seeds):
    sentences = [sentence.text for seed in seeds for sentence in seed.sentences]
    word_by_word = [text for text in sentences if tokenize(text) is not None]
    assert len(word_by_word) > 0.9 * len(sentences)
    assert tokenize("We can't stop, 'it' said.\")") == [
        "We", "ca", "n't", "stop", ",", "'", "it", "'", "said", ".", '"', ")"]
    assert tokenize("In the U.S.") == ["In", "the", "U.S", "."]  # word_tokens joins these
    assert word_tokens("In the U.S.") == (["In", "the", "U.S."], 0)
    assert word_tokens("In the U.S .") == (["In", "the", "U.S"], 0)
    assert tokenize("He said it. gonna") is None and tokenize("a\tb") is None


def test_the_word_cache_is_emptied_when_full(monkeypatch):
    monkeypatch.setattr(wordspans, "key_tokens", wordspans.WordCache(wordspans._key_tokens, 3))
    assert tokenize("one two, three four five.") == ["one", "two", ",", "three", "four",
                                                      "five", "."]
    # emptied when "four" came, three words in (the last word before the stop is cached too)
    assert dict(wordspans.key_tokens) == {"four": ("four",), "five": ("five",)}
    assert tokenize("one two, three") == ["one", "two", ",", "three"]
    # "three" has no space after it: it is keyed apart, with a line break after it
    assert dict(wordspans.key_tokens) == {"two,": ("two", ","), "three\n": ("three",)}


def test_word_keys_say_whether_a_space_follows():
    assert word_keys("He said no.", 10) == ["He", "said", "no"]
    assert word_keys("He said no", -1) == ["He", "said", "no\n"]
    assert word_keys("a  b.", 4) == ["a", "", "b"]
    assert wordspans.key_tokens["can't\n"] == ("ca", "n't")
    for word in ["it's", "'it'", "'", "don't,", "rock'n'roll'", "(U.S.-led)", "a.b"]:
        assert ("x", *wordspans.key_tokens[word]) == tuple(tokens(f"x {word} y")[:-1]), word
        assert ("x", *wordspans.key_tokens[word + "\n"]) == tuple(tokens(f"x {word}")), word


def test_quote_pairing_cases_go_to_nltk():
    assert to_nltk("``a''") and to_nltk("a '' b") and to_nltk("a\x1cb")
    assert not to_nltk("It's a \"quote\" and 'another'.")


def test_a_tokenizer_failure_falls_back_to_the_simple_pattern():
    def failing(text):
        raise ValueError(text)

    assert _word_spans("don't (stop)", failing) == [(0, 5), (6, 7), (7, 11), (11, 12)]


ALPHABET = st.sampled_from([
    *"aAbsStTnNdDmMlLrReEvVcoigwy019", *"  \t\n\u00a0", *".,:;'\"`-()[]{}<>?!*&@#$%/+_",
    *"\u00ab\u00bb\u201c\u201d\u2018\u2019\u201e\u2014\u2013\u00e9\u0301\u00b2\u0663\u017f\u0130",
    "\U0001F600", "'s", "n't", "'ll", "'re", "...", "--", "cannot", "gonna", "wanna", "'tis",
    "U.S.", ". ", '."', ".'", ' "', " '", ",1", "''", "``",
])


@examples(300)
@given(st.lists(ALPHABET, max_size=30).map("".join))
@example("x's' )")
@example("don't' )")
def test_generated_strings_are_tokenised_as_nltk_does(text):
    assert_same_as_nltk(text)


LINKISH = st.sampled_from([*"aZ0 .,:/@#_-'", "www.", "WwW.", "http://", "https://", ".com/",
                           "pic.twitter.com/", ".co.uk", "\u00e9"])


@examples(200)
@given(st.lists(LINKISH, max_size=20).map("".join))
def test_the_link_prefilter_finds_what_the_full_search_finds(text):
    assert [(m.span(), m.lastgroup) for m in _protected(text)] == \
        [(m.span(), m.lastgroup) for m in _PROTECTED.finditer(text)]


def test_ascii_has_no_combining_mark():  # token_spans skips the mark pass for ASCII text
    assert not any(is_mark(chr(code)) for code in range(128))
    assert is_mark("\u0301")


_KEY_PIECES = ["a", "Zoë", "7", "U", ".", "-", ",", ":", "'", "s", "n't", "\"", "(", ")", "!",
               "?", "\u2014", "\u2019", "$", "..", "--", "%"]


@examples(300)
@given(st.lists(st.sampled_from(_KEY_PIECES), max_size=6).map("".join), st.booleans())
def test_a_keys_tokens_are_its_words_tokens(word, spaced):
    # the one-match reading of a simple key equals the run-by-run reading
    key = word if spaced else word + "\n"
    assert wordspans._key_tokens(key) == wordspans._word_tokens(word, spaced), key


@pytest.mark.parametrize("key, expected", [
    ("said,", ("said", ",")), ("U.S.", ("U.S.",)), ("so-called\n", ("so-called",)),
    ("2016:", ("2016", ":")), ("Trump's", ("Trump", "'s")), ('"The', ('"', "The")),
    ("-", ("-",)), ("why?\n", ("why", "?")),
])
def test_key_tokens_of_simple_and_other_keys(key, expected):
    assert wordspans._key_tokens(key) == expected

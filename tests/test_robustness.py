"""Every public lens on a catalogue of odd inputs (issue 14, item 9).

Each entry is an article a researcher could plausibly hand the project: the README's "accepted as
they are" list (CRLF endings, unbalanced quotation marks, zero-width characters, emoji and flags,
one huge paragraph) and the odd inputs issue 14 found (a byte-order mark, U+2029, combining
marks, terminal escape codes, dollar signs, labels that look like links, a one-word article).
All of the texts are written for this test.

On every entry, every lens must run, and every evidence row must keep the contract:
``raw[start:end]`` is the matched text, the offsets lie inside the article, and the article
stays lossless (every character of ``raw`` is accounted for by the cleaning audit).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis.report.differences import differences
from analysis.text.reading import build_article

BODY = ("Officials said on Tuesday that the bridge would reopen. \"It is safe,\" the mayor "
        "told reporters, adding that critics were clearly wrong. Residents, however, "
        "doubted the claim.")

# name -> the bytes of an article file
CATALOGUE: dict[str, bytes] = {
    "plain": f"Bridge to reopen\n\n{BODY}\n".encode(),
    "crlf": f"Bridge to reopen\r\n\r\n{BODY}\r\n\r\nThe council will vote again.\r\n".encode(),
    "old_mac_line_ends": f"Bridge to reopen\r\r{BODY}\r".encode(),
    "utf8_bom": ("\ufeff" + f"Bridge to reopen\n\n{BODY}\n").encode(),
    "unbalanced_quotes": (b"Bridge row\n\nThe mayor said \"it is safe and then the line ends.\n\n"
                          b"Critics said it was 'unsafe.\n"),
    "curly_and_nested_quotes": ("Bridge row\n\n\u201cThe engineer told me \u2018it will hold\u2019,"
                                "\u201d the mayor said. \u00abNon,\u00bb said a visitor.\n"
                                ).encode(),
    "zero_width": ("Bridge\u200b to reopen\n\nThe may\u200bor said the bridge\u200d was safe. "
                   "Word\u2060joiner and soft\u00adhyphen.\n").encode(),
    "emoji_and_flags": ("Bridge to reopen \U0001F309\n\nThe mayor \U0001F44D said the bridge "
                        "was safe \U0001F1EC\U0001F1E7. Family: \U0001F468\u200d\U0001F469"
                        "\u200d\U0001F467.\n").encode(),
    "one_huge_paragraph": " ".join([BODY] * 60).encode(),
    "paragraph_separator": (f"Bridge to reopen\u2029{BODY}\u2029Second paragraph here, the "
                            "mayor said.\u2028A new line inside it.\n").encode(),
    "combining_marks": ("Cafe\u0301 closes\n\nThe owner, Jose\u0301 Mari\u0301a, said the "
                        "cafe\u0301 would close. Zoe\u0308 agreed.\n").encode(),
    "terminal_escapes": (f"Bridge \x1b[31mto\x1b[0m reopen\n\n{BODY} \x1b[2J\n").encode(),
    "dollar_signs": (b"Cost row\n\nThe repair cost US$5 million and $6 more, the mayor said, "
                     b"not $x^2$ as claimed.\n"),
    "links_and_markdown": (b"See https://example.org/x\n\nThe [mayor](javascript:alert(1)) said "
                           b"**the bridge** is safe, www.example.org reported. # Not a heading\n"
                           ),
    "mentions_a_tag": (b"Tags in news\n\nThe mayor said the <script> tag and <b>bold</b> text "
                       b"were harmless.\n"),
    "one_word": b"Bridge\n",
    "headline_only": b"Bridge to reopen on Monday\n",
    "only_a_quotation": "\u201cThe bridge is safe and will reopen on Monday.\u201d\n".encode(),
    "right_to_left": ("Bridge\n\nThe mayor said \u0645\u0631\u062d\u0628\u0627 to visitors. "
                      "\u202eevil\u202c text with a bidi override.\n").encode(),
    "odd_spaces": ("Bridge\tto\u00a0reopen\n\nThe\u2009mayor\u00a0said\tthe bridge was "
                   "safe.\u3000Critics disagreed.\n").encode(),
    "very_long_word": ("Long\n\nThe mayor said " + "a" * 5000 + " was safe.\n").encode(),
    "repeated_paragraphs": f"Bridge\n\n{BODY}\n\n{BODY}\n\n{BODY}\n".encode(),
    "apostrophes_in_names": ("Names\n\nO'Neill said D\u2019Souza was right, and Smith-Jones "
                             "agreed with O\u2019Brien's view.\n").encode(),
    "all_caps": (b"BRIDGE TO REOPEN\n\nTHE MAYOR SAID THE BRIDGE WAS SAFE. CRITICS "
                 b"DISAGREED, OFFICIALS SAID.\n"),
    "dialogue_dashes": ("Bridge\n\n\u2014 Is it safe? asked a visitor.\n\n\u2014 Yes, said the "
                        "mayor.\n").encode(),
}

# a lens's evidence table, and the column that must be raw[start:end]
LENSES: dict[str, tuple[Callable[[list], pd.DataFrame], str]] = {
    "sentences": (lambda a: analysis.text.sentences(a), None),
    "tokens": (lambda a: analysis.text.tokens(a), None),
    "attributions": (lambda a: analysis.sources.attributions(a), "match"),
    "entities": (lambda a: analysis.entities.mentions(a), None),
    "stance": (lambda a: analysis.stance.markers(a), "match"),
    "loaded": (lambda a: analysis.loaded.markers(a), "match"),
    "frames": (lambda a: analysis.frames.indicators(a), "match"),
    "actors": (lambda a: analysis.actors.mentions(a), "match"),
    "tone": (lambda a: analysis.tone.score(a), "match"),
    "voice_segments": (lambda a: analysis.voice.segments(a), "match"),
    "voice_markers": (lambda a: analysis.voice.markers(a), "match"),
    "concordance": (lambda a: analysis.words.concordance(a, ["mayor", "bridge"], unit="stem"),
                    "match"),
}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> dict[str, analysis.Article]:
    """Every entry of the catalogue, read from a file as a user's article would be."""
    folder = tmp_path_factory.mktemp("odd")
    articles = {}
    for name, data in CATALOGUE.items():
        path = folder / f"{name}.txt"
        path.write_bytes(data)
        articles[name] = analysis.load_article(path)
    return articles


def inside(article: analysis.Article, table: pd.DataFrame) -> bool:
    """Every row's offsets lie inside the article, start before end."""
    return bool(((table["start"] >= 0) & (table["start"] < table["end"])
                 & (table["end"] <= len(article.raw))).all())


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_odd_input_is_read_losslessly(catalogue, name):
    article = catalogue[name]
    assert article.unaccounted() == []
    spans = [(p.start, p.end) for p in article.paragraphs]
    assert spans == sorted(spans) and all(s < e for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False))
    audit = article.audit()
    assert list(audit["paragraph"]) == list(range(len(article.paragraphs)))


@pytest.mark.parametrize("lens", sorted(LENSES))
@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_lens_keeps_the_evidence_contract_on_every_odd_input(catalogue, name, lens):
    article = catalogue[name]
    run, column = LENSES[lens]
    table = run([article])
    assert isinstance(table, pd.DataFrame)
    assert inside(article, table), (name, lens)
    if column:
        assert analysis.evidence.holds(article, table, column=column), (name, lens)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_attribution_sources_and_cues_are_exact_spans(catalogue, name):
    article = catalogue[name]
    found = analysis.sources.attributions(article)
    for row in found.itertuples():
        assert article.raw[row.start:row.end] == row.match
        if pd.notna(row.cue_start):
            assert row.cue_start < row.cue_end <= len(article.raw)


def test_odd_breaks_and_marks_are_read_as_a_reader_would(catalogue):
    assert len(catalogue["paragraph_separator"].paragraphs) == 3  # U+2029 ends a paragraph
    assert len(catalogue["crlf"].paragraphs) == 3
    assert catalogue["utf8_bom"].raw.startswith("Bridge")  # the mark is not text
    article = catalogue["combining_marks"]
    words = analysis.text.tokens(article)
    assert {"Café", "José", "María", "café", "Zoë"} <= set(words["text"])
    for row in words.itertuples():
        assert analysis.text.normalise(article.raw[row.start:row.end]).text == row.text


def test_the_catalogue_finds_something_where_it_should(catalogue):
    """The contract above must not hold vacuously: the ordinary entries do yield rows."""
    for name in ("plain", "crlf", "utf8_bom", "paragraph_separator", "one_huge_paragraph"):
        article = catalogue[name]
        assert len(analysis.sources.attributions(article)) >= 2, name
        assert len(analysis.stance.markers(article)) >= 1, name
    assert len(analysis.sources.attributions(catalogue["one_huge_paragraph"])) >= 60


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_odd_input_compares_with_a_plain_article(catalogue, name):
    pair = [catalogue["plain"], catalogue[name]]
    if name == "plain":
        pair = [catalogue["plain"], catalogue["crlf"]]
    lines = differences(pair)
    assert lines and all(line.startswith("- ") for line in lines)
    table = analysis.summary.table(pair)
    assert len(table) > 0


# Property test: text drawn from an alphabet of the characters above, joined by line breaks of
# every kind. Its example count follows the Hypothesis profile (HYPOTHESIS_PROFILE=explore
# searches wider).
ODD = st.sampled_from(["the mayor said", " ", "\n", "\n\n", "\r\n", "\u2029", "\u2028", "\"",
                       "\u201c", "\u201d", "'", "\u2019", "\u200b", "e\u0301", "$", "\x1b[0m",
                       "\U0001F1EC\U0001F1E7", "Officials", "clearly", ",", ".", "told",
                       "\u00a0", "Ms Ada Lane", "war", "crisis"])


@examples(60)
@given(st.lists(ODD, min_size=1, max_size=40).map("".join))
def test_lenses_keep_the_contract_on_generated_text(text):
    if not any(c.isalnum() for c in text):
        text += " word"
    article = build_article(text, id="generated", path=None)
    assert article.unaccounted() == []
    for lens, (run, column) in LENSES.items():
        table = run([article])
        assert inside(article, table), lens
        if column:
            assert analysis.evidence.holds(article, table, column=column), lens

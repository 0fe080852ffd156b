"""The loaded-language lens, and its evaluation on a small BASIL-shaped checkout written for the
test (the project ships no BASIL text or annotation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import analysis
from analysis import AnalysisInputError
from analysis.corpora.basil import documents, evaluate_loaded
from analysis.report.cli import main


def article(write_article, text: str) -> analysis.Article:
    return analysis.load_article(write_article(text), id="story")


def narrator(write_article, text: str) -> list[tuple[str, str]]:
    rows = analysis.loaded.markers(article(write_article, text))
    return list(zip(rows["match"], rows["category"], strict=True))


def test_a_loaded_verb_of_saying_in_the_narrators_voice(write_article):
    text = "Budget row\n\nThe senator slammed the budget plan on Tuesday. Later she backtracked.\n"
    assert narrator(write_article, text) == [("slammed", "saying"), ("backtracked", "saying")]


def test_a_loaded_word_inside_a_quotation_is_the_sources_not_the_narrators(write_article):
    text = ("Budget row\n\n"
            "\u201cThey slammed the door on every family in this town,\u201d the mayor said.\n")
    a = article(write_article, text)
    assert analysis.loaded.markers(a).empty
    every = analysis.loaded.markers(a, voices=None)
    assert list(zip(every["match"], every["voice"], strict=True)) == [("slammed", "quoted")]


def test_characterisations_and_intensity_adverbs(write_article):
    text = ("Council vote\n\n"
            "The brash councillor, famously frosty with reporters, called a vote on the "
            "so-called reform.\n")
    assert narrator(write_article, text) == [
        ("brash", "characterisation"), ("famously", "intensity"), ("frosty", "characterisation"),
        ("so-called", "characterisation")]


def test_a_literal_sense_is_guarded(write_article):
    text = "Quarry\n\nA bomb blasted the old wall, and a deal was hammered out by noon.\n"
    assert narrator(write_article, text) == []


def test_scare_quotes_around_a_short_phrase_no_one_is_credited_with(write_article):
    text = ("Library review\n\n"
            "The council met on Monday. Its \u201creview\u201d of the library lasted ten "
            "minutes.\n")
    rows = analysis.loaded.markers(article(write_article, text))
    assert list(rows["category"]) == ["scare_quote"]
    assert list(rows["match"]) == ["\u201creview\u201d"]


def test_titles_named_quotations_and_long_quotations_are_not_scare_quotes(write_article):
    text = ("Sunday shows\n\n"
            "She spoke on \u201cMeet the Voters\u201d on Sunday. The sign used the word "
            "\u201cwelcome\u201d in red. A banner read \u201cwe will keep the library open all "
            "summer\u201d over the door.\n")
    assert analysis.loaded.markers(article(write_article, text)).empty


def test_every_marker_row_is_the_raw_text(write_article):
    text = ("Row\n\nThe mayor lashed out at critics. Then he doubled down on the "
            "\u201cplan\u201d, a power grab.\n")
    a = article(write_article, text)
    rows = analysis.loaded.markers(a)
    assert list(rows["match"]) == ["lashed out", "doubled down", "\u201cplan\u201d",
                                   "power grab"]
    assert analysis.evidence.holds([a], rows)


def test_summary_counts_narrator_markers_per_1000_narrator_words(write_article):
    text = ("Row\n\nThe mayor lashed out at critics. \u201cWe slammed nothing,\u201d an aide "
            "said.\n")
    a = article(write_article, text)
    table = analysis.loaded.summary(a).set_index("category")
    assert list(table.index) == ["saying", "characterisation", "intensity", "action",
                                 "scare_quote"]
    words = int(table.loc["saying", "words"])
    assert table.loc["saying", "count"] == 1 and table.loc["characterisation", "count"] == 0
    assert words == 8  # Row, The mayor lashed out at critics, an aide said minus the quotation
    assert table.loc["saying", "per_1000"] == pytest.approx(1000 / words)


def test_unknown_voices_are_refused(write_article):
    with pytest.raises(AnalysisInputError, match="voices must be among"):
        analysis.loaded.markers(article(write_article, "T\n\nA line.\n"), voices=["author"])


# A BASIL-shaped checkout: one event, one article in 2012 and one in 2017 (held out).
SENTENCES = [["The governor slammed the new tax on Monday.",
              "Critics called the measure unfair to farmers."],
             ["The vote on the so-called reform is due in June."]]
ANNOTATIONS = [
    {"bias": "lex", "quote": "no", "start": 13, "end": 20, "txt": "slammed", "polarity": "neg"},
    {"bias": "lex", "quote": "no", "start": 32, "end": 38, "txt": "unfair", "polarity": "neg"},
    {"bias": "inf", "quote": "no", "start": 0, "end": 12, "txt": "The governor",
     "polarity": "neg"},
]


def write_checkout(root: Path, body=SENTENCES) -> Path:
    for year in (2012, 2017):
        (root / "articles" / str(year)).mkdir(parents=True)
        (root / "annotations" / str(year)).mkdir(parents=True)
        data = {"title": "Tax fight in the capital", "source": "hpo", "triplet-uuid": "ev1",
                "body-paragraphs": body}
        (root / "articles" / str(year) / "ev1_1.json").write_text(json.dumps(data))
        (root / "annotations" / str(year) / "ev1_1_ann.json").write_text(
            json.dumps({"phrase-level-annotations": ANNOTATIONS}))
    return root


def test_basil_spans_are_placed_in_the_rebuilt_text(tmp_path):
    (document,) = documents(write_checkout(tmp_path))
    raw = document.article().raw
    spans, lost = document.spans()
    assert lost == 0
    assert [raw[s.start:s.end] for s in spans] == ["The governor", "slammed", "unfair"]
    assert [(s.bias, s.quote) for s in spans] == [("inf", False), ("lex", False),
                                                  ("lex", False)]
    assert raw.startswith("Tax fight in the capital\n\nThe governor slammed")


def test_basil_paragraphs_given_as_a_string_are_read_too(tmp_path):
    (document,) = documents(write_checkout(tmp_path, body=repr(SENTENCES)))
    assert "so-called reform" in document.article().raw


def test_basil_later_years_are_held_out(tmp_path):
    root = write_checkout(tmp_path)
    with pytest.raises(AnalysisInputError, match="2016-2019 is held out"):
        list(documents(root, years=(2015, 2016)))
    with pytest.raises(AnalysisInputError, match="not a BASIL checkout"):
        list(documents(tmp_path / "articles"))


def test_evaluation_counts_span_recall_and_marker_precision(tmp_path):
    results = evaluate_loaded(write_checkout(tmp_path))
    # two lexical spans: "slammed" is found, "unfair" is not; two markers: "slammed" lies in a
    # marked span, "so-called" does not
    assert (results["spans"], results["spans_found"], results["recall"]) == (2, 1, 0.5)
    assert (results["markers"], results["markers_in_spans"], results["precision"]) == (2, 1, 0.5)
    assert results["by_category"]["saying"]["spans_found"] == 1
    assert results["by_category"]["characterisation"]["precision"] == 0.0
    assert results["by_outlet"]["HuffPost"]["recall"] == 0.5


def test_evaluate_loaded_command(tmp_path, capsys):
    root = write_checkout(tmp_path / "basil")
    out = tmp_path / "loaded.json"
    assert main(["evaluate-loaded", str(root), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "every row: recall 0.5 (1 of 2 spans), precision 0.5 (1 of 2 markers)" in printed
    assert json.loads(out.read_text())["every row"]["spans"] == 2
    assert main(["evaluate-loaded", str(root), "--years", "2017"]) == 2
    assert "held out" in capsys.readouterr().err
    assert main(["evaluate-loaded", str(root), "--years", "last"]) == 2


def test_the_committed_basil_results_read_back_in_words():
    results = analysis.loaded.read_results()
    text = analysis.prose.basil(results)
    every = results["every row"]
    assert f"overlap {every['recall']:.1%} of the marked phrases" in text
    assert every["years"] == [2010, 2015] and every["articles"] == 180


def test_a_file_that_is_not_basil_results_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"overall": {}}))
    with pytest.raises(AnalysisInputError, match="not the results of framing evaluate-loaded"):
        analysis.loaded.read_results(path)

"""The PolNeAR reader and the sources evaluation, on a small checkout written for the test (the
project ships no PolNeAR text or annotation)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import AnalysisInputError
from analysis.corpora.brat import read_ann
from analysis.corpora.polnear import documents
from analysis.paths import PROJECT_ROOT
from analysis.report.cli import main
from analysis.report.prose import polnear
from analysis.sources.scoring import (
    evaluate_polnear,
    evaluate_pronouns,
    evaluation_table,
    is_saying,
    read_pronoun_fixture,
    read_results,
    source_form,
)

STORY = ("Mayor backs new bridge\n\n"
         "The mayor said the bridge would open in May. Residents hope it will ease traffic.\n\n"
         "\u201cIt is long overdue,\u201d a council member told reporters. "
         "Engineers are divided.\n")
ANNOTATION = """T1\tSource 24 33\tThe mayor
T2\tCue 34 38\tsaid
T3\tContent 39 67\tthe bridge would open in May
T4\tAttribution 34 38\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tSource 69 78\tResidents
T6\tCue 79 83\thope
T7\tContent 84 104\tit will ease traffic
T8\tAttribution 79 83\thope
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5
T9\tSource 129 145\ta council member
T10\tCue 146 150\ttold
T11\tContent 108 126;126 127\tIt is long overdue ,
more of the span's text, past a line break
T12\tAttribution 146 150\ttold
E3\tAttribution:T12 Content:T11 Cue:T10 Source:T9
T14\tSource 162 171\tEngineers
T15\tCue 172 183\tare divided
T16\tAttribution 172 183\tare divided
E4\tAttribution:T16 Cue:T15 Source:T14
#1\tAnnotatorNotes T9\ta note the reader passes over
T13\tDiscuss 0 5\tMayor
"""


def checkout(root: Path, split: str = "train") -> Path:
    """A PolNeAR-shaped folder: metadata, one article and its annotation by annotator ab12."""
    (root / "data" / split / "text").mkdir(parents=True)
    (root / "data" / split / "attributions").mkdir(parents=True)
    (root / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\n"
        f"{split}\tdaily-post_2016-01-01_bridge\t1\tzz99|ab12\tdaily-post\n", encoding="utf-8")
    (root / "data" / split / "text" / "daily-post_2016-01-01_bridge.txt").write_text(
        STORY, encoding="utf-8")
    (root / "data" / split / "attributions" / "daily-post_2016-01-01_bridge_ab12.ann"
     ).write_text(ANNOTATION, encoding="utf-8")
    return root


def test_brat_spans_events_and_fragments(tmp_path):
    path = tmp_path / "x.ann"
    path.write_text(ANNOTATION, encoding="utf-8")
    parsed = read_ann(path)
    assert [e.type for e in parsed.events] == ["Attribution"] * 4
    assert parsed.events[3].argument("Content") is None
    told = parsed.events[2]
    assert told.argument("Source").text == "a council member"
    assert told.argument("Content").fragments == ((108, 126), (126, 127))
    assert STORY[108:126] == "It is long overdue"
    assert told.argument("Content").overlaps(126, 140) and not told.argument("Source").overlaps(
        0, 129)
    assert parsed.spans["T13"].label == "Discuss"


@pytest.mark.parametrize(("line", "message"), [
    ("T1\tSource 5\tx", "offsets '5' are not"),
    ("T1\tSource 9 5\tx", "a fragment of '9 5' ends before it starts"),
    ("E1\tAttribution:T7 Source:T1", "an event.s type and arguments must be"),
])
def test_malformed_brat_lines_name_the_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.ann"
    path.write_text("T1\tSource 0 3\tThe\n" + line + "\n", encoding="utf-8")
    with pytest.raises(AnalysisInputError, match=rf"bad\.ann, line 2: {message}"):
        read_ann(path)


def test_documents_read_the_first_listed_annotator_with_a_file(tmp_path):
    [document] = documents(checkout(tmp_path), "train")
    assert (document.outlet, document.ann_path.name) == (
        "daily-post", "daily-post_2016-01-01_bridge_ab12.ann")
    assert [g.cue.text for g in document.gold()] == ["said", "hope", "told", "are divided"]


def test_the_test_split_is_never_read_and_other_folders_are_refused(tmp_path):
    with pytest.raises(AnalysisInputError, match="test split is held out"):
        list(documents(checkout(tmp_path), "test"))
    with pytest.raises(AnalysisInputError, match="not a PolNeAR checkout"):
        list(documents(tmp_path / "nothing", "dev"))


def test_saying_cues_and_source_forms():
    assert is_saying("said in a statement") and is_saying("According to")
    assert not is_saying("hopes") and not is_saying("believes")
    assert [source_form(s) for s in ("they", "Sen. Chuck Schumer", "two officials")] == [
        "pronoun", "name", "description"]


def test_evaluation_counts_found_and_missed_sources(tmp_path):
    results = evaluate_polnear(checkout(tmp_path), split="train")
    overall = results["overall"]
    assert (results["articles"], overall["attributions"], overall["with_source"]) == (1, 4, 4)
    assert (overall["saying"], overall["saying_source_recall"]) == (2, 1.0)
    assert (overall["source_recall"], overall["cue_recall"]) == (0.75, 0.75)
    assert (overall["rows"], overall["precision"]) == (3, 1.0)
    assert results["missed_cues"] == [["are divided", 1]]
    assert results["missed_source_forms"] == [["name", 1]]
    assert results["outlets"]["daily-post"] == overall


def test_evaluate_sources_command_prints_the_table_and_writes_json(tmp_path, capsys):
    out = tmp_path / "results.json"
    assert main(["evaluate-sources", str(checkout(tmp_path / "polnear")), "--split", "train",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "PolNeAR train: 1 articles" in printed and "daily-post" in printed
    assert '"split": "train"' in out.read_text(encoding="utf-8")


NESTED = ("Lee speaks\n\n"
          "Governor Ann Lee spoke on Monday. She said residents hope the bridge opens soon.\n")
NESTED_ANNOTATION = """T1\tSource 46 49\tShe
T2\tCue 50 54\tsaid
T3\tContent 55 94\tresidents hope the bridge opens soon
T4\tAttribution 50 54\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
"""


def nested_checkout(root: Path) -> Path:
    """A checkout whose one article has a pronoun source and an attribution nested inside
    another's content ("residents hope", which PolNeAR would not annotate)."""
    checkout(root)
    text = root / "data" / "train" / "text" / "daily-post_2016-01-01_bridge.txt"
    text.write_text(NESTED, encoding="utf-8")
    ann = root / "data" / "train" / "attributions" / "daily-post_2016-01-01_bridge_ab12.ann"
    ann.write_text(NESTED_ANNOTATION, encoding="utf-8")
    return root


def test_rows_inside_annotated_content_are_counted_but_not_judged(tmp_path):
    assert NESTED[46:49] == "She" and NESTED[55:91] == "residents hope the bridge opens soon"
    overall = evaluate_polnear(nested_checkout(tmp_path), split="train")["overall"]
    assert (overall["rows"], overall["nested_rows"]) == (2, 1)
    assert (overall["precision"], overall["strict_precision"]) == (1.0, 0.5)


def test_pronoun_sources_are_scored_against_a_hand_resolution(tmp_path, capsys):
    fixture = tmp_path / "pronouns.csv"
    fixture.write_text("document,start,end,pronoun,referent,kind,note\n"
                       "daily-post_2016-01-01_bridge,46,49,She,Ann Lee,person,the governor\n",
                       encoding="utf-8")
    root = nested_checkout(tmp_path / "polnear")
    scores = evaluate_pronouns(root, fixture, split="train")
    assert {k: scores[k] for k in ("pronouns", "found", "unresolved", "correct", "accuracy")} == {
        "pronouns": 1, "found": 1, "unresolved": 0, "correct": 1, "accuracy": 1.0}
    out = tmp_path / "results.json"
    assert main(["evaluate-sources", str(root), "--split", "train", "--pronouns", str(fixture),
                 "--out", str(out)]) == 0
    assert "1 of 1 found, 0 unresolved" in capsys.readouterr().out
    assert read_results(out)["pronouns"]["accuracy"] == 1.0


def test_the_committed_dev_results_are_read_and_put_in_words(tmp_path):
    results = read_results()
    assert results["split"] == "dev" and results["articles"] == 84
    table = evaluation_table(results)
    assert table["outlet"].tolist()[-1] == "overall" and len(table) == len(results["outlets"]) + 1
    text = polnear(results)
    overall = results["overall"]
    assert f"{overall['saying_source_recall']:.1%} of the {overall['saying']:,}" in text
    assert f"{results['pronouns']['accuracy']:.1%}" in text
    broken = tmp_path / "broken.json"
    broken.write_text('{"split": "dev"}', encoding="utf-8")
    with pytest.raises(AnalysisInputError, match="not the results of framing evaluate-sources"):
        read_results(broken)
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(AnalysisInputError, match="not a readable results file"):
        read_results(broken)


def test_the_readme_reports_the_committed_dev_figures():
    """The README's table of PolNeAR dev figures is the committed results file's."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    overall, pronouns = read_results()["overall"], read_results()["pronouns"]
    for row in (f"({overall['saying']:,} attributions) | {overall['saying_source_recall']:.3f}",
                f"({overall['with_source']:,}) | {overall['source_recall']:.3f}",
                f"({overall['rows'] - overall['nested_rows']:,} rows outside annotated content) "
                f"| {overall['precision']:.3f}",
                f"every row ({overall['rows']:,}) | {overall['strict_precision']:.3f}",
                f"({pronouns['pronouns']}): accuracy of resolved | {pronouns['accuracy']:.3f}",
                f"| {pronouns['found']} / {pronouns['unresolved_share']:.3f}"):
        assert row in readme, row


def test_the_pronoun_fixtures_are_well_formed_and_share_no_article():
    fixtures = Path(__file__).parent / "fixtures"
    read = {name: read_pronoun_fixture(fixtures / f"polnear_pronouns{name}.csv")
            for name in ("", "_train2", "_dev")}
    assert {name: len(table) for name, table in read.items()} == {
        "": 170, "_train2": 160, "_dev": 113}
    for table in read.values():
        pronouns = set(table["pronoun"].str.strip().str.lower())
        assert pronouns <= {"he", "she", "they", "it", "who", "which"}
        assert (table["end"] - table["start"] == table["pronoun"].str.len()).all()
    documents = {name: set(table["document"]) for name, table in read.items()}
    assert not documents[""] & documents["_train2"]
    assert not (documents[""] | documents["_train2"]) & documents["_dev"]

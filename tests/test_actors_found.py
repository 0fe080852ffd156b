"""Actors found in the pair (analysis.actors.found), event files given by path, and the
`framing compare --actors/--word-choices` options. Every text here is invented for the test."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis_profiles import examples

import analysis
from analysis import AnalysisInputError, LexiconError
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.report.build import compare_parameters
from analysis.report.cli import main
from analysis.report.execute import INJECTED_TAG
from analysis.report.html import shareable_parameters
from analysis.text import build_article

SENATE_A = ("Senator wants answers on flight delays\n\n"
            "WASHINGTON — Senator Jane Holloway on Tuesday asked the Federal Aviation "
            "Administration to explain months of delays. Ms. Holloway said travellers in Ohio "
            "had waited long enough.\n\n"
            "Holloway gave the agency until spring. The Federal Aviation Administration said it "
            "would reply.\n")
SENATE_B = ("A demand for answers\n\n"
            "Jane Holloway wants the aviation regulator to explain itself. \"The waits are "
            "absurd,\" the senator said on a visit to Ohio.\n\n"
            "Airlines in Ohio blamed the weather.\n")


def make(raw: str, id: str) -> analysis.Article:
    return build_article(raw, id=id, path=SEEDS_DIR / f"{id}.txt")


@pytest.fixture
def senate():
    return [make(SENATE_A, "a"), make(SENATE_B, "b")]


def variants(naming, article: str, actor: str) -> dict[str, int]:
    rows = naming[(naming["article"] == article) & (naming["actor"] == actor)]
    return dict(zip(rows["variant"], rows["count"], strict=True))


def test_one_actor_across_the_pair_with_each_articles_naming_forms(senate):
    naming = analysis.actors.naming(senate)
    assert variants(naming, "a", "Jane Holloway") == {
        "Holloway": 1, "Ms. Holloway": 1, "Senator Jane Holloway": 1}
    assert variants(naming, "b", "Jane Holloway") == {"Jane Holloway": 1, "the senator": 1}
    assert list(naming.columns) == analysis.actors.NAMING_COLUMNS


def test_found_actors_are_ranked_by_mentions_across_the_pair_with_their_types(senate):
    found = analysis.actors.found(senate)
    assert list(found.columns) == analysis.actors.FOUND_COLUMNS
    assert list(found[["rank", "actor", "type", "article", "mentions", "total"]].itertuples(
        index=False, name=None)) == [
        (1, "Jane Holloway", "person", "a", 3, 5), (1, "Jane Holloway", "person", "b", 2, 5),
        (2, "Ohio", "place", "a", 1, 3), (2, "Ohio", "place", "b", 2, 3),
        (3, "Federal Aviation Administration", "organisation", "a", 2, 2),
        (3, "Federal Aviation Administration", "organisation", "b", 0, 2),
    ]


def test_every_found_mention_is_the_raw_text_and_counts_agree(senate):
    evidence = analysis.actors.mentions(senate)
    assert list(evidence.columns) == analysis.actors.COLUMNS
    raws = {a.id: a.raw for a in senate}
    for row in evidence.itertuples(index=False):
        assert raws[row.article][row.start:row.end] == row.match
    found = analysis.actors.found(senate)
    assert evidence.groupby(["actor", "article"]).size().to_dict() == {
        (r.actor, r.article): r.mentions for r in found.itertuples() if r.mentions}


@pytest.mark.parametrize("roles", [analysis.DEFAULT_ROLES, None])
def test_a_dateline_is_never_an_actor(senate, roles):
    assert senate[0].dateline == "WASHINGTON"
    evidence = analysis.actors.mentions(senate, roles=roles, top=None)
    assert not evidence["match"].str.contains("WASHINGTON").any()
    assert "Washington" not in set(analysis.actors.found(senate, roles=roles, top=None)["actor"])
    seed_file = analysis.actors.mentions(senate, roles=roles, lexicon="actors.tsv")
    assert "WASHINGTON" not in set(seed_file["match"])


def test_ties_are_sorted_by_name_and_top_cuts_the_list():
    article = make("Zara Quist met Abel Moss in Lisbon. Quist and Moss then flew to Oslo.\n", "t")
    found = analysis.actors.found(article)
    assert found["actor"].tolist() == ["Abel Moss", "Zara Quist", "Lisbon", "Oslo"]
    assert found["rank"].tolist() == [1, 2, 3, 4]
    assert analysis.actors.found(article, top=1)["actor"].tolist() == ["Abel Moss"]


def test_a_surname_in_one_article_is_the_full_name_of_the_other():
    first = make("Donald Trump signed the order on Monday.\n", "first")
    second = make("President Trump defended it. Mr. Trump said critics were wrong. Trump left.\n",
                  "second")
    naming = analysis.actors.naming([first, second])
    assert set(naming["actor"]) == {"Donald Trump"}
    assert variants(naming, "second", "Donald Trump") == {
        "President Trump": 1, "Mr. Trump": 1, "Trump": 1}
    assert variants(naming, "first", "Donald Trump") == {"Donald Trump": 1}


def test_two_people_sharing_a_surname_stay_two():
    article = make("Ann Ridley spoke first. Tom Ridley spoke later. Ridley then left.\n", "r")
    counts = analysis.entities.counts(article).set_index("canonical")["mentions"].to_dict()
    assert counts == {"Ann Ridley": 2, "Tom Ridley": 1}


def test_a_name_only_in_a_title_case_headline_is_no_actor():
    first = make("Mayor Asked To Urge Kessler To Quit\n\nThe council wants Paul Kessler to "
                 "resign. Kessler refused.\n", "h1")
    second = make("Kessler stays\n\nPaul Kessler will not resign, his office said.\n", "h2")
    actors = set(analysis.actors.found([first, second], top=None)["actor"])
    assert actors == {"Paul Kessler"}


def test_kwic_and_choosing_found_actors(senate):
    lines = analysis.actors.kwic(senate, "Ohio")
    assert [(r.article, r.left[-14:], r.match) for r in lines.itertuples()] == [
        ("a", "travellers in ", "Ohio"), ("b", "on a visit to ", "Ohio"),
        ("b", "Airlines in ", "Ohio")]  # the sentence start: "Airlines in " is all
    with pytest.raises(AnalysisInputError, match=r"unknown actor\(s\) \['NATO'\]; the actors "
                                                 r"found, most mentioned first, are"):
        analysis.actors.mentions(senate, actors="NATO")


EVENT_FILE = ("# my own event file\nactor\tpattern\tmode\tnote\n"
              "Holloway\tHolloway\tcase\t\nHolloway\tthe senator\tstem\t\n"
              "Ohio\tOhio\tcase\t\n")


def test_an_event_file_given_by_path(senate, tmp_path):
    path = tmp_path / "senate_event.tsv"
    path.write_text(EVENT_FILE, encoding="utf-8")
    naming = analysis.actors.naming(senate, lexicon=str(path))
    assert variants(naming, "b", "Holloway") == {"Holloway": 1, "the senator": 1}
    assert naming["actor"].drop_duplicates().tolist() == ["Holloway", "Ohio"]  # file order
    with pytest.raises(LexiconError, match="nope.tsv: no such lexicon file"):
        analysis.actors.naming(senate, lexicon=str(tmp_path / "nope.tsv"))
    bad = tmp_path / "bad.tsv"
    bad.write_text("actor\tpattern\tmode\nOhio\tOhio\tloose\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad.tsv, line 2: pattern 'Ohio' has mode 'loose'"):
        analysis.actors.mentions(senate, lexicon=str(bad))


def test_a_relative_path_with_a_folder_is_read_from_the_project_root():
    assert analysis.lexicons.lexicon_path("actors.tsv") == PROJECT_ROOT / "analysis" / \
        "lexicons" / "actors.tsv"
    assert analysis.lexicons.lexicon_path("seeds/x.tsv") == PROJECT_ROOT / "seeds" / "x.tsv"


def test_word_choices_from_a_path_or_none(senate, tmp_path):
    path = tmp_path / "choices.tsv"
    path.write_text("group\tterm\tforms\nthe waits\tdelays\tdelay|delays\n"
                    "the waits\twaits\twait|waits\n", encoding="utf-8")
    table = analysis.words.contrast(senate, lexicon=str(path)).set_index("term")
    assert table.loc["delays", ["a", "b"]].tolist() == [2, 0]  # the headline's too
    assert table.loc["waits", ["a", "b"]].tolist() == [0, 1]
    empty = analysis.words.contrast(senate, lexicon=None)
    assert empty.empty and list(empty.columns) == ["group", "term", "a", "a forms", "b",
                                                   "b forms"]


def senate_files(folder: Path) -> tuple[Path, Path]:
    first, second = folder / "a.txt", folder / "b.txt"
    first.write_text(SENATE_A, encoding="utf-8")
    second.write_text(SENATE_B, encoding="utf-8")
    return first, second


def test_compare_passes_event_files_resolved_from_the_working_folder(tmp_path, monkeypatch):
    first, second = senate_files(tmp_path)
    (tmp_path / "event.tsv").write_text(EVENT_FILE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    none = compare_parameters(first, second)
    assert none["ACTORS"] is None and none["WORD_CHOICES"] is None
    chosen = compare_parameters(first, second, actors="event.tsv",
                                word_choices=PROJECT_ROOT / "analysis/lexicons/word_choices.tsv")
    assert chosen["ACTORS"] == str(tmp_path / "event.tsv")
    assert chosen["WORD_CHOICES"] == "analysis/lexicons/word_choices.tsv"


@pytest.mark.parametrize(("option", "content", "message"), [
    ("--actors", None, "--actors missing.tsv: no such file"),
    ("--actors", "actor\tnote\nOhio\tx\n", "missing column(s) ['pattern']"),
    ("--word-choices", None, "--word-choices missing.tsv: no such file"),
    ("--word-choices", "group\tterm\nwaits\twait\n", "missing column(s) ['forms']"),
])
def test_a_bad_event_file_on_the_command_line_is_one_line_and_nothing_runs(
        tmp_path, monkeypatch, capsys, option, content, message):
    first, second = senate_files(tmp_path)
    name = "missing.tsv" if content is None else "bad.tsv"
    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert main(["compare", str(first), str(second), option, name, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("framing: error: ") and message in err
    assert not out.exists()


def test_html_shows_an_event_file_outside_the_project_by_its_name():
    cell = nbformat.v4.new_code_cell('ACTORS = "/somewhere/else/my_event.tsv"\n'
                                     'WORD_CHOICES = "analysis/lexicons/word_choices.tsv"\n')
    cell.metadata["tags"] = [INJECTED_TAG]
    node = shareable_parameters(nbformat.v4.new_notebook(cells=[cell]))
    assert node.cells[0].source == (
        'ACTORS = "my_event.tsv"  # a file given on the command line\n'
        'WORD_CHOICES = "analysis/lexicons/word_choices.tsv"\n')


def test_naming_forms_keep_the_role_before_a_title_but_not_a_lone_modifier():
    article = make("Senate Majority Leader Rosa Pell met Ivo Dent, a Former Pell aide. Former "
                   "Governor Ivo Dent agreed.\n", "m")
    naming = analysis.actors.naming(article)
    assert variants(naming, "m", "Rosa Pell") == {"Senate Majority Leader Rosa Pell": 1,
                                                  "Pell": 1}
    assert variants(naming, "m", "Ivo Dent") == {"Ivo Dent": 1, "Former Governor Ivo Dent": 1}


def test_word_groups_give_the_top_actors_written_forms_for_dispersion(write_article):
    text = ("Senate vote\n\n"
            "Senator Jane Holloway spoke first. Holloway said the US would wait. The Senate "
            "voted later, and Holloway left. The Senate adjourned.\n")
    article = analysis.load_article(write_article(text), id="a")
    groups = analysis.actors.word_groups(article, top=2)
    assert groups == {"Jane Holloway": ["holloway", "senator jane holloway"], "Senate": ["senate"]}


def _main_types_by_pandas(frame: pd.DataFrame) -> dict[str, str]:
    """The reference: value counts per actor group, ties to the first in ENTITY_TYPES."""
    from analysis.entities.gazetteer import ENTITY_TYPES

    types = {}
    for actor, group in frame.groupby("actor"):
        counted = group["type"][group["type"] != ""].value_counts()
        best = counted.max() if not counted.empty else None
        types[actor] = "other" if counted.empty else min(
            (t for t, n in counted.items() if n == best), key=ENTITY_TYPES.index)
    return types


@examples(200)
@given(st.lists(st.tuples(st.sampled_from(["Ann Lee", "Acme", "Ohio", "Lee"]),
                          st.sampled_from(["", "person", "organisation", "place", "other"])),
                max_size=12))
def test_an_actors_type_is_its_most_frequent_with_ties_in_type_order(rows):
    from analysis.actors.discovery import main_types

    frame = pd.DataFrame(rows, columns=["actor", "type"])
    assert main_types(frame["actor"], frame["type"]) == _main_types_by_pandas(frame)


def test_a_tie_between_types_goes_to_the_type_listed_first():
    from analysis.actors.discovery import main_types

    assert main_types(["Lee", "Lee", "Lee"], ["place", "person", ""]) == {"Lee": "person"}
    assert main_types(["Acme"], [""]) == {"Acme": "other"}


def test_all_mentions_are_found_once_for_a_pair_and_roles_and_each_call_gets_a_copy():
    from analysis.actors.discovery import all_mentions

    first, second = make(SENATE_A, "senate_a"), make(SENATE_B, "senate_b")
    found = all_mentions([first, second])
    assert {"Jane Holloway", "Federal Aviation Administration"} <= set(found["actor"])
    kept = [key for key in first.cache if key[0][0] == "all mentions"]
    assert kept == [(("all mentions", frozenset({"headline", "body"})), (second,))]
    found.loc[found.index[0], "actor"] = "changed by the caller"
    again = all_mentions([first, second])
    assert "changed by the caller" not in set(again["actor"])
    # another pair, order or roles is another entry, computed on its own
    alone = all_mentions([second, first], roles=["body"])
    assert alone["article"].iloc[0] == "senate_b" and set(alone["role"]) == {"body"}
    assert len([key for key in first.cache if key[0][0] == "all mentions"]) == 1
    assert len([key for key in second.cache if key[0][0] == "all mentions"]) == 1

"""The index's summary table comes from notebook 05's kernel, not computed a second time in
``framing compare``'s own process, and is the same bytes either way (issue 16, item 4)."""

from __future__ import annotations

import pytest
from share_checks import pair_files
from test_share_atomic import fine_notebook

import analysis
from analysis.report import build, index
from analysis.report.build import SUMMARY_NOTEBOOK, build_reports, compare_parameters
from analysis.report.execute import execute_evaluating, literal_value
from analysis.report.index import summary_from_data, summary_html
from analysis.report.summary import identity, summary_data, summary_expression

ROLES = ["headline", "body"]


@pytest.fixture(scope="module")
def seeds():
    return analysis.load_articles(["dailymail", "ru_translation"], manifest="seeds/articles.csv",
                                  labels=["DM", "RU"])


def test_the_summary_as_data_renders_the_same_bytes(seeds):
    data = summary_data(seeds, roles=ROLES, expected=identity(seeds, roles=ROLES))
    assert data.startswith('{"columns": ["lens", "measure", "DM", "RU"], "data": [["words", '
                           '"words analysed", ')
    assert summary_from_data(data) == summary_html(seeds, roles=ROLES)
    assert '<td>words analysed</td>' in summary_from_data(data)


def test_other_articles_labels_or_roles_give_no_summary(seeds):
    expected = identity(seeds, roles=ROLES)
    relabelled = analysis.load_articles(["dailymail", "ru_translation"],
                                        manifest="seeds/articles.csv", labels=["DM", "RIA"])
    assert summary_data(relabelled, roles=ROLES, expected=expected) == ""
    assert summary_data(seeds, roles=["body"], expected=expected) == ""
    assert summary_data(seeds[::-1], roles=ROLES, expected=expected) == ""
    assert [summary_from_data(v) for v in ("", None, "{}", "[1]", "not json", 3)] == [None] * 6


def test_the_expression_names_the_articles_it_expects(seeds):
    assert summary_expression(seeds, roles=ROLES) == (
        "__import__('analysis.report.summary', fromlist=['summary_data']).summary_data("
        f"articles, roles=ROLES, expected=[[['dailymail', 'DM', '{seeds[0].sha256}'], "
        f"['ru_translation', 'RU', '{seeds[1].sha256}']], ['headline', 'body']])")


@pytest.mark.parametrize(("result", "value"), [
    ({"status": "ok", "data": {"text/plain": "'a\\nb'"}}, "a\nb"),
    ({"status": "ok", "data": {"text/plain": "('a\\n'\n 'b')"}}, "a\nb"),  # IPython's pretty
    ({"status": "ok", "data": {"text/plain": "[1, 'x']"}}, [1, "x"]),
    ({"status": "ok", "data": {"text/plain": "<object at 0x7f>"}}, None),
    ({"status": "error", "ename": "NameError", "evalue": "articles"}, None),
    (None, None),
])
def test_a_kernel_value_is_read_back_from_its_repr(result, value):
    assert literal_value(result) == value


@pytest.mark.executes_notebooks
def test_an_expression_is_evaluated_in_the_kernel_and_adds_nothing(tmp_path):
    source = fine_notebook(tmp_path, "08_fine.ipynb", check="total = 40 + 2")
    plain, nothing = execute_evaluating(source, tmp_path / "plain.ipynb")
    asked, value = execute_evaluating(source, tmp_path / "asked.ipynb",
                                      expression="[total, [a.label for a in articles]]")
    failed, none = execute_evaluating(source, tmp_path / "failed.ipynb", expression="undefined")
    assert (nothing, value, none) == (None, [42, ["DM", "RU"]], None)
    cells = [build.tidy_executed(p).cells for p in (plain, asked, failed)]
    assert cells[0] == cells[1] == cells[2] and len(cells[0]) == 4


@pytest.mark.executes_notebooks
@pytest.mark.parametrize("kept", [True, False])
def test_the_index_summary_comes_from_the_summary_notebook(tmp_path, monkeypatch, kept):
    """With ``articles`` kept in notebook 05's kernel the summary comes from there and this
    process never computes it; without them, it is computed here; the same bytes."""
    calls = []

    def counted(articles, *, roles):
        calls.append([a.label for a in articles])
        return summary_html(articles, roles=roles)

    monkeypatch.setattr(build, "summary_html", counted)
    monkeypatch.setattr(index, "summary_html", counted)
    notebook = fine_notebook(tmp_path, SUMMARY_NOTEBOOK,
                             check="1 + 1" if kept else "del articles")
    first, second = pair_files("wire")
    parameters = compare_parameters(first, second, labels=("Wire A", "Wire B"))
    build_reports(tmp_path / "out", parameters, notebooks=[notebook], progress=lambda _: None)
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert calls == ([] if kept else [["Wire A", "Wire B"]])
    articles = analysis.load_articles([first, second], labels=["Wire A", "Wire B"])
    expected = summary_html(articles, roles=ROLES)
    assert expected.count("<tr>") > 10 and expected in page


def test_the_table_is_computed_once_for_the_same_articles_and_roles(seeds):
    first = analysis.summary.table(seeds, roles=["headline", "body"])
    key = (("summary table", ("headline", "body")), (seeds[1],))
    assert key in seeds[0].cache
    assert list(first.columns[2:]) == [a.label for a in seeds]
    first.iloc[0, 2] = "changed by the caller"
    again = analysis.summary.table(seeds, roles=("headline", "body"))
    assert again.iloc[0, 2] != "changed by the caller"
    assert again.equals(seeds[0].cache[key])
    assert len([k for k in seeds[0].cache if k[0][0] == "summary table"]) == 1

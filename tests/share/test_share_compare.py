"""`framing compare` and `framing report`: input checks, failures, and what they write."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from share_checks import pair_files

import analysis
from analysis import NotebookError
from analysis.paths import NOTEBOOKS_DIR, SEEDS_DIR
from analysis.report import build
from analysis.report.build import build_reports, compare_parameters
from analysis.report.cli import main
from analysis.report.execute import execute_in_place
from analysis.report.notebooks import notebook_paths

SEED_PARAMETERS = ('ARTICLES = ["dailymail", "ru_translation"]\nLABELS = ["DM", "RU"]\n'
                   'MANIFEST = "seeds/articles.csv"\nROLES = ["headline", "body"]\n'
                   'OUTPUT_DIR = "reports"\n')


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("framing: error: "), err
    assert "Traceback" not in err
    return err.strip()


def test_a_missing_article_is_one_line_and_nothing_runs(tmp_path, capsys):
    first, _ = pair_files("plain")
    out = tmp_path / "out"
    assert main(["compare", str(first), str(tmp_path / "nope.txt"), "--out", str(out)]) == 2
    assert one_line_error(capsys).endswith("nope.txt: no such file")
    assert not out.exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty; there is no article text to analyse"),
    (b"caf\xe9 society\n", "not valid UTF-8 (byte 0xe9 at offset 3)"),
    (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "looks like an HTML page"),
    (b"%PDF-1.7\n", "this is a PDF document"),
])
def test_bad_article_files_give_the_named_article_error(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    first, _ = pair_files("plain")
    assert main(["compare", str(first), str(bad), "--out", str(tmp_path / "out")]) == 2
    assert message in one_line_error(capsys)
    assert not (tmp_path / "out").exists()


def test_unknown_roles_are_refused_before_running(tmp_path, capsys):
    first, second = pair_files("plain")
    assert main(["compare", str(first), str(second), "--roles", "headline,bodies",
                 "--out", str(tmp_path / "out")]) == 2
    assert "unknown role(s) ['bodies']" in one_line_error(capsys)


def test_two_files_with_the_same_name_stem_get_distinct_ids(capsys):
    first, second = pair_files("plain")
    parameters = compare_parameters(first, pair_files("wire")[0])
    assert [a.id for a in analysis.load_articles(parameters["ARTICLES"])] == ["a", "a-2"]
    assert main(["compare", str(first), str(second), "--out", str(NOTEBOOKS_DIR)]) == 2
    assert "must not be the notebooks folder" in one_line_error(capsys)


def failing_notebook(folder: Path) -> Path:
    """A two-cell story notebook whose second code cell divides by zero."""
    parameters = new_code_cell(SEED_PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    return write_story_notebook(folder / "nb" / "09_broken.ipynb", [
        new_markdown_cell("# 9 · Broken"), parameters, new_markdown_cell("Fails:"),
        new_code_cell("ratio = 1 / 0\nratio")])


def write_story_notebook(path: Path, cells: list) -> Path:
    """Write cells as a Python 3 notebook at ``path`` (its folder is created)."""
    node = new_notebook(cells=cells)
    node.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                   "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(node, path)
    return path


@pytest.mark.executes_notebooks
def test_a_failing_notebook_is_named_with_its_cell_and_first_line(tmp_path, capsys, monkeypatch):
    broken = failing_notebook(tmp_path)
    with pytest.raises(NotebookError) as caught:
        build_reports(tmp_path / "out", notebooks=[broken], progress=lambda _: None)
    assert str(caught.value).startswith(
        "09_broken.ipynb: cell [2] `ratio = 1 / 0` failed with ZeroDivisionError: "
        "division by zero (executed copy: ")
    monkeypatch.setattr(build, "notebook_paths", lambda: [broken])
    first, second = pair_files("plain")
    assert main(["compare", str(first), str(second), "--out", str(tmp_path / "cli")]) == 1
    assert "09_broken.ipynb: cell [2] `ratio = 1 / 0` failed" in one_line_error(capsys)


@pytest.mark.executes_notebooks
def test_notebooks_execute_in_place_only_when_they_run_through(tmp_path):
    broken = failing_notebook(tmp_path / "story")
    before = broken.read_bytes()
    with pytest.raises(NotebookError, match=r"cell \[2\] `ratio = 1 / 0`") as caught:
        execute_in_place(broken, work=tmp_path / "executed")
    assert broken.read_bytes() == before
    assert (tmp_path / "executed" / broken.name).is_file()  # the copy the message names
    assert "executed copy: " in str(caught.value)
    fine = write_story_notebook(tmp_path / "story" / "10_fine.ipynb", [
        new_markdown_cell("# Fine"), new_code_cell("1 + 1")])
    execute_in_place(fine, work=tmp_path / "executed")
    cell = nbformat.read(fine, as_version=4).cells[1]
    assert cell.execution_count == 1 and cell.outputs[0]["data"]["text/plain"] == "2"
    assert "tags" not in cell.metadata and "papermill" not in cell.metadata


@pytest.mark.executes_notebooks
def test_report_runs_the_seeds_into_a_folder_with_an_index(tmp_path, capsys):
    assert main(["report", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    names = [p.name for p in notebook_paths()]
    for number, name in enumerate(names, start=1):
        assert f"[{number}/{len(names)}] {name}: running ..." in out
        assert (tmp_path / name).is_file()
    assert re.search(r"wrote .*index\.html: open it in a browser", out)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "A comparison of Daily Mail and Russian report (translated)." in index
    assert "<code>seeds/000_402bb0ddee2a2a46.txt</code>" in index
    for path in notebook_paths():
        assert f'<a href="{path.stem}.html">' in index
    executed = (tmp_path / names[0]).read_text(encoding="utf-8")
    assert '"papermill"' not in executed and "iopub" not in executed
    assert str(SEEDS_DIR) not in (tmp_path / f"{Path(names[0]).stem}.html").read_text("utf-8")


def figure_notebook(folder: Path) -> Path:
    """A story notebook with the output kinds that tend to differ between runs."""
    parameters = new_code_cell(SEED_PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    code = [
        "import analysis\nimport matplotlib.pyplot as plt\nimport pandas as pd\n\n"
        "analysis.display.setup_notebook()",
        "%config InlineBackend.figure_formats = ['png', 'svg']\n"
        "fig, ax = plt.subplots()\nax.bar(['a', 'b'], [1, 2])\nax.set_title('bars')\nplt.show()",
        "pd.DataFrame({'share': [0.25, 0.75]}).style.format(precision=2)",
        "print(list({'alpha', 'beta', 'gamma', 'delta', 'epsilon'}))",
    ]
    cells = [new_markdown_cell("# 8 · Figures"), parameters]
    for source in code:
        cells += [new_markdown_cell("Next:"), new_code_cell(source)]
    return write_story_notebook(folder / "nb" / "08_figures.ipynb", cells)


@pytest.mark.executes_notebooks
def test_figures_styled_tables_and_sets_render_identically_twice(tmp_path):
    source = figure_notebook(tmp_path)
    pages = [build_reports(tmp_path / f"run{n}", notebooks=[source], progress=lambda _: None)
             for n in (1, 2)]
    assert [p.name for p in pages[0]] == ["08_figures.html", "index.html"]
    for first, second in zip(*pages, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name
    page = pages[0][0].read_text(encoding="utf-8")
    assert re.search(r'<img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]{1000,}" '
                     r'alt="Figure: output of cell \[4\]">', page)
    assert re.search(r'<table[^>]*\bid="T_styled1"', page)

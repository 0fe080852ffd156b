"""Rendering for sharing: the sanitiser, the exporter, stable ids, the index (no kernels)."""

from __future__ import annotations

import base64
import re

import nbformat
import pandas as pd
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from share_checks import PAYLOADS, live_markup, network_references, parse

import analysis
from analysis.paths import PROJECT_ROOT, SEEDS_DIR
from analysis.report import index as report_index
from analysis.report.execute import clean_notebook
from analysis.report.html import (
    NO_ALT,
    accessible,
    html_exporter,
    render_html,
    safe_html,
    shareable_parameters,
    warm_renderer,
)
from analysis.report.index import RenderedNotebook, render_index
from analysis.report.notebooks import (
    notebook_defaults,
    notebook_paths,
    notebook_title,
    parameter_path,
)
from analysis.text.reading import build_article

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\nnot really a png").decode()


def test_safe_html_escapes_scripts_and_drops_handlers_and_javascript_links():
    out = safe_html("".join(PAYLOADS))
    assert live_markup(out) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<img src="x">' in out
    assert "<a>click</a>" in out


def test_safe_html_keeps_tables_headings_styles_links_and_embedded_images():
    frame = pd.DataFrame({"quote": ["<b>not bold</b>"], "n": [3]})
    markup = (frame._repr_html_() + '<h2 id="Counts">Counts<a class="anchor-link" '
              'href="#Counts">¶</a></h2><a href="https://example.org/x">source</a>'
              f'<img src="data:image/png;base64,{PNG}">')
    out = safe_html(markup)
    assert out.count("<table") == 1 and out.count("<td>") == 2
    assert "<style scoped>" in out and ".dataframe thead th" in out
    assert '<tr style="text-align: right;">' in out
    assert '<h2 id="Counts">' in out and 'href="#Counts"' in out
    assert '<a href="https://example.org/x">source</a>' in out
    assert f'<img src="data:image/png;base64,{PNG}">' in out
    assert "&lt;b&gt;not bold&lt;/b&gt;" in out


def test_safe_html_refuses_remote_images_and_data_links():
    out = safe_html('<img src="https://tracker.example/p.gif"><a href="data:text/html,x">d</a>')
    assert out == "<img><a>d</a>"


def hostile_notebook() -> nbformat.NotebookNode:
    """A notebook whose outputs carry raw article markup in every mime type nbconvert renders."""
    payload = PAYLOADS[0] + PAYLOADS[1] + PAYLOADS[2]
    outputs = [
        new_output("display_data", {"text/html": payload, "text/plain": "x"}),
        new_output("display_data", {"text/markdown": f"quote: {payload} [a](javascript:alert(2))"}),
        new_output("display_data", {"application/javascript": "alert(3)"}),
        new_output("display_data", {"image/png": PNG}),
        new_output("display_data", {"image/png": PNG},
                   metadata={"image/png": {"alt": '" onmouseover="alert(4)'}}),
        new_output("stream", name="stdout", text=payload),
    ]
    return new_notebook(cells=[new_markdown_cell(f"# Title\n\nProse with {payload}"),
                               new_code_cell("show()", outputs=outputs, execution_count=1)])


def test_exporter_renders_without_scripts_cdns_or_live_markup():
    body, _ = html_exporter().from_notebook_node(hostile_notebook(),
                                                 resources={"metadata": {"name": "x"}})
    assert live_markup(body) == []
    assert network_references(body) == []
    assert "<script" not in body and "mathjax" not in body.lower()
    images = [attrs for tag, attrs in parse(body).tags if tag == "img"]
    assert {"src": f"data:image/png;base64,{PNG}", "alt": "Figure: output of cell [1]"} in images
    assert "JavaScript output not included" in body
    assert PAYLOADS[0] in parse(body).text  # the stdout shows the text as printed


def test_exporter_output_is_the_same_every_time():
    node = hostile_notebook()
    first = html_exporter().from_notebook_node(node)[0]
    assert html_exporter().from_notebook_node(node)[0] == first


def _tree(page: str) -> list[tuple]:
    """A page as BeautifulSoup reads it: each tag with its attributes (in any order), each
    piece of text, in document order."""
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(page, "html.parser")
    return [("tag", node.name, sorted((name, " ".join(value) if isinstance(value, list)
                                       else value) for name, value in node.attrs.items()))
            if isinstance(node, Tag) else (type(node).__name__, str(node))
            for node in soup.descendants]


def test_the_page_is_the_one_nbconverts_rewriting_pass_would_write():
    """nbconvert's exporter parses its page with BeautifulSoup to make cells focusable and give
    images alt text, then writes it out again; ours does the same on the markup: the same
    tags, attributes and text, on hostile outputs and on images without alt text."""
    node = hostile_notebook()
    node.cells.append(new_markdown_cell(f"![](data:image/png;base64,{PNG}) and text"))
    node.cells.append(new_code_cell("x", execution_count=2, outputs=[new_output(
        "display_data", {"text/html": f'<p>a</p><img src="data:image/png;base64,{PNG}" '
                                      f'width="2"><img alt="given" src="x.png">'})]))
    ours, _ = html_exporter().from_notebook_node(node, resources={"metadata": {"name": "x"}})
    theirs, _ = html_exporter(HTMLExporter).from_notebook_node(
        node, resources={"metadata": {"name": "x"}})
    assert ours != theirs and _tree(ours) == _tree(theirs)
    assert ours.count('tabindex="0"') == theirs.count('tabindex="0"') == 11
    assert ours.count(f'alt="{NO_ALT}"') == theirs.count(f'alt="{NO_ALT}"') == 4


def test_accessible_marks_cell_divs_and_images_without_alt_text_only():
    page = ('<div class="jp-Cell-inputWrapper"><div id="o" class="jp-RenderedJavaScript '
            'jp-OutputArea-output " data-mime-type="a"><div class="jp-OutputArea-outputs">'
            '<p class="jp-OutputArea-output">&lt;div class="jp-OutputArea-output"&gt;</p>'
            '<img src="a.png" width="3"><img alt="" src="b.png"/><img src="c.png" />')
    assert accessible(page) == (
        '<div class="jp-Cell-inputWrapper" tabindex="0"><div id="o" class="jp-RenderedJavaScript '
        'jp-OutputArea-output " tabindex="0" data-mime-type="a"><div '
        'class="jp-OutputArea-outputs"><p class="jp-OutputArea-output">&lt;div '
        'class="jp-OutputArea-output"&gt;</p>'
        f'<img src="a.png" width="3" alt="{NO_ALT}"><img alt="" src="b.png"/>'
        f'<img src="c.png" alt="{NO_ALT}" />')


def test_pages_rendered_by_one_warmed_exporter_are_those_a_new_exporter_renders(tmp_path):
    """``render_html`` keeps one exporter per thread and ``warm_renderer`` readies it: a page
    comes out the same whatever was rendered before it."""
    hostile, other = tmp_path / "01_hostile.ipynb", tmp_path / "02_other.ipynb"
    nbformat.write(hostile_notebook(), hostile)
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Other\n\n| a |\n|---|\n| 1 |"),
                                       new_code_cell("2", outputs=[new_output(
                                           "execute_result", {"text/plain": "2"},
                                           execution_count=1)])]), other)
    fresh = html_exporter().from_notebook_node(
        clean_notebook(nbformat.read(hostile, as_version=4)),
        resources={"metadata": {"name": hostile.stem}, "index_link": True})[0]
    pages = []
    for number, source in enumerate([hostile, other, hostile]):
        if number == 1:
            warm_renderer()
        target = render_html(source, tmp_path / f"{number}.html", index_link=True)
        pages.append(target.read_text(encoding="utf-8"))
    assert pages[0] == pages[2] == fresh
    assert "<h1" in pages[1] and "Other" in pages[1] and pages[1] != pages[0]


def styled_output(frame: pd.DataFrame) -> nbformat.NotebookNode:
    return new_output("execute_result", {"text/html": frame.style.to_html()}, execution_count=1)


def test_clean_notebook_strips_timings_and_makes_styler_and_cell_ids_stable():
    frame = pd.DataFrame({"a": [1.5, 2.5]})
    node = new_notebook(cells=[new_code_cell("x", outputs=[styled_output(frame)]),
                               new_code_cell("y", outputs=[styled_output(frame)])])
    node.metadata["papermill"] = {"duration": 1.0}
    node.cells[0].metadata.update(execution={"iopub.status.busy": "2031-01-01"},
                                  papermill={"duration": 0.1}, tags=["injected-parameters"])
    before = [c.outputs[0].data["text/html"] for c in node.cells]
    assert len(set(re.findall(r'<table id="(T_\w+?)"', "".join(before)))) == 2
    clean_notebook(node)
    assert "papermill" not in node.metadata
    assert node.cells[0].metadata == {"tags": ["injected-parameters"]}
    assert node.cells[0].id == "injected-parameters"
    after = [c.outputs[0].data["text/html"] for c in node.cells]
    assert '<table id="T_styled1">' in after[0] and '<table id="T_styled2">' in after[1]
    assert "#T_styled1_row0_col0" in after[0] or "T_styled1_row0_col0" in after[0]
    assert not re.search(r"T_[0-9a-f]{5}\b", "".join(after))


def test_the_html_shows_an_output_folder_outside_the_project_as_the_report_folder():
    cell = new_code_cell('# Parameters\nARTICLES = ["a.txt"]\nOUTPUT_DIR = "/tmp/somewhere"\n')
    cell.metadata["tags"] = ["injected-parameters"]
    inside = new_code_cell('# Parameters\nOUTPUT_DIR = "reports/x"\n')
    inside.metadata["tags"] = ["injected-parameters"]
    node = shareable_parameters(new_notebook(cells=[cell, inside]))
    assert node.cells[0].source == ('# Parameters\nARTICLES = ["a.txt"]\n'
                                    'OUTPUT_DIR = "."  # the folder holding this report\n')
    assert node.cells[1].source == '# Parameters\nOUTPUT_DIR = "reports/x"\n'


def test_parameter_paths_are_relative_to_the_project_root_when_inside_it(tmp_path):
    assert parameter_path(SEEDS_DIR / "articles.csv") == "seeds/articles.csv"
    assert parameter_path(tmp_path / "a.txt") == str(tmp_path / "a.txt")
    assert parameter_path(PROJECT_ROOT / "Makefile") == str(PROJECT_ROOT / "Makefile")


def test_notebook_defaults_read_the_parameters_cell():
    defaults = notebook_defaults(notebook_paths()[0])
    assert defaults["ARTICLES"] == ["dailymail", "ru_translation"]
    assert defaults["ROLES"] == ["headline", "body"]
    assert set(defaults) == {"ARTICLES", "LABELS", "MANIFEST", "ROLES", "MAX_BYTES", "OUTPUT_DIR"}
    assert defaults["MAX_BYTES"] is None


def test_notebook_title_is_the_first_heading():
    node = nbformat.read(notebook_paths()[0], as_version=4)
    assert notebook_title(node, "x") == "1 · Loading and cleaning the articles"
    assert notebook_title(new_notebook(cells=[new_code_cell("1")]), "fallback") == "fallback"


def hostile_articles(tmp_path) -> list[analysis.Article]:
    raw = (f"Headline {PAYLOADS[0]} here\n\nFirst paragraph {PAYLOADS[1]}.\n\n"
           f"Second {PAYLOADS[2]}.\n")
    return [build_article(raw, id="evil", path=tmp_path / "evil.txt", label=PAYLOADS[0]),
            build_article("Calm headline\n\nA calm body.\n\nMore calm.\n", id="calm",
                          path=tmp_path / "calm.txt", label="Calm & Co")]


def test_index_escapes_labels_headlines_and_titles(tmp_path):
    page = RenderedNotebook(f"1 · {PAYLOADS[1]}", tmp_path / "01_x.html", tmp_path / "01_x.ipynb")
    pages = [page]
    index = render_index(pages, hostile_articles(tmp_path), roles=["headline", "body"])
    assert live_markup(index) == []
    assert network_references(index) == []
    text = parse(index).text
    assert f"Headline {PAYLOADS[0]} here" in text
    assert f"1 · {PAYLOADS[1]}" in text
    assert "Calm & Co" in text
    assert '<a href="01_x.html">' in index and '<a href="01_x.ipynb">' in index


def test_index_summary_is_notebook_05s_table_escaped(tmp_path, monkeypatch):
    articles = hostile_articles(tmp_path)
    default = analysis.summary.table(articles)
    assert list(default.columns) == ["lens", "measure", PAYLOADS[0], "Calm & Co"]
    overview = analysis.text.overview(articles)
    assert list(overview["paragraphs"]) == [3, 3]
    assert list(overview["headline"]) == [f"Headline {PAYLOADS[0]} here", "Calm headline"]
    provided = pd.DataFrame({"measure": ["<i>x</i>"], "evil": [1], "calm": [2]})
    monkeypatch.setattr(report_index, "summary_table", lambda arts, roles=None: provided)
    index = render_index([], articles, roles=["headline", "body"])
    assert "&lt;i&gt;x&lt;/i&gt;" in index and "<th>measure</th>" in index



def test_network_check_ignores_base64_image_data_that_spells_a_cdn_by_chance():
    image = '<img src="data:image/png;base64,iVBORw0KGgoAcdnJSxyz==">'
    assert network_references(image) == []
    assert network_references('<p>x</p><style>@import url(http://cdnjs.example/x.css)</style>')


def test_index_shows_url_and_dollar_labels_as_text(tmp_path):
    articles = [build_article("A headline\n\nA body.\n\nMore.\n", id=name, label=label,
                              path=tmp_path / f"{name}.txt")
                for name, label in (("a", "https://example.org/x"), ("b", "US$5 and $6"))]
    index = render_index([], articles, roles=["headline", "body"])
    page = parse(index)
    assert [a for tag, a in page.tags if tag == "a"] == []
    assert "https://example.org/x and US$5 and $6" in page.text

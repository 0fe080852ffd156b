"""The browser smoke test's DOM checks, on hand-written pages (no browser, no server)."""

from __future__ import annotations

import json

import pytest
from smoke import Expected, check_dom, expected, wide_tables

from analysis.report.notebooks import notebook_paths

CELLS = ('<div class="jp-Cell jp-CodeCell jp-Notebook-cell"></div>'
         '<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell"></div>')
WANT = Expected(code_cells=1, markdown_cells=1, tables=1, figures=1)
GOOD = CELLS + '<table></table><img src="data:image/png;base64,AAAA">'


def test_a_complete_page_passes():
    assert check_dom(GOOD, WANT) == []


def test_missing_cells_tables_and_figures_are_reported():
    assert check_dom("<div></div>", WANT) == [
        "0 code cells shown, 1 in the notebook", "0 Markdown cells shown, 1 in the notebook",
        "0 tables shown, 1 in the outputs", "0 embedded figures shown, 1 in the outputs"]


def test_svg_figures_count_as_figures():
    page = CELLS + '<table></table><img src="data:image/svg+xml;base64,PHN2Zy8+">'
    assert check_dom(page, WANT) == []


def test_error_and_stderr_outputs_are_reported_but_css_mentioning_them_is_not():
    css = "<style>.jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr'] {}</style>"
    assert check_dom(css + GOOD, WANT) == []
    stderr = '<div class="jp-RenderedText" data-mime-type="application/vnd.jupyter.stderr"></div>'
    assert check_dom(GOOD + stderr, WANT) == ["1 error or stderr outputs shown"]


def test_expected_counts_come_from_the_notebook(tmp_path):
    first = notebook_paths()[0]
    cells = json.loads(first.read_text(encoding="utf-8"))["cells"]
    want = expected(first)
    assert want.code_cells + want.markdown_cells == len(cells)
    assert want.tables >= 1
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "", "outputs": [
        {"output_type": "display_data", "data": {"image/png": "AAAA", "image/svg+xml": "<svg/>"}},
        {"output_type": "execute_result", "data": {"text/html": ["<table>", "</table>"]}}]}]}))
    assert expected(path) == Expected(code_cells=1, markdown_cells=0, tables=1, figures=1)


def test_a_table_wider_than_its_output_area_is_reported_with_its_cell():
    measured = [[3, 640, 848], [8, 1004, 848], [9, 848, 848]]
    assert wide_tables(measured) == [
        "the table in cell 8 is 1004 px wide, wider than the notebook's 848 px"]
    assert wide_tables([]) == []


def test_a_browser_that_opens_no_devtools_port_is_stopped(tmp_path, monkeypatch):
    import subprocess

    import devtools

    browser = tmp_path / "silent-browser"
    browser.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    browser.chmod(0o755)
    monkeypatch.setattr(devtools, "START_SECONDS", 1)
    started = []
    popen = subprocess.Popen
    monkeypatch.setattr(devtools.subprocess, "Popen",
                        lambda *args, **kwargs: started.append(popen(*args, **kwargs))
                        or started[-1])
    with pytest.raises(devtools.DevToolsError, match="no DevTools port within 1 s"):
        devtools.Chromium(str(browser), tmp_path / "profile", [])
    assert started[0].poll() is not None

"""Notebook tables stay readable (issue 15, item 3): long text cells are shortened, the
annotated view keeps them whole."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis.paths import PROJECT_ROOT
from analysis.report.display import TEXT_WIDTH

LONG = ("The harbour master said on Tuesday that the new ferry would keep its winter timetable "
        "until the end of March, when the evening crossing returns, and that tickets bought "
        "before the change would stay valid.")


@pytest.fixture
def notebook_options():
    analysis.display.setup_notebook()
    yield
    pd.reset_option("display.max_colwidth")


def test_a_long_sentence_cell_is_shortened_in_a_notebook_table(notebook_options):
    table = pd.DataFrame({"article": ["a"], "sentence_text": [LONG]})
    shown = re.search(r"<td>(The harbour.*?)</td>", table._repr_html_()).group(1)
    assert len(LONG) > 2 * TEXT_WIDTH
    assert TEXT_WIDTH - 5 <= len(shown) <= TEXT_WIDTH and shown.endswith("...")
    assert LONG.startswith(shown[:-3])


def test_setup_moves_the_imported_libraries_out_of_the_collectors_reach():
    code = ("import gc, analysis; assert gc.get_freeze_count() == 0; "
            "analysis.display.setup_notebook(); print(gc.get_freeze_count())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert int(done.stdout) > 50_000  # pandas, matplotlib and the package's objects


def test_the_annotated_view_keeps_the_sentence_whole(write_article):
    article = analysis.load_article(write_article(f"Ferry\n\n{LONG}\n"))
    view = analysis.display.annotated(article, layers="sources").data
    assert "the new ferry would keep its winter timetable until the end of March" in view


def test_or_note_shows_the_chosen_columns_in_order_and_keeps_the_table_whole():
    table = pd.DataFrame({"article": ["a", "b"], "start": [0, 4], "sentence_text": ["x", "y"]})
    shown = analysis.display.or_note(table, "none", columns=["sentence_text", "article"])
    assert list(shown.columns) == ["sentence_text", "article"]
    assert shown["sentence_text"].tolist() == ["x", "y"]
    assert list(table.columns) == ["article", "start", "sentence_text"]


def test_or_note_names_a_column_the_table_lacks():
    table = pd.DataFrame({"article": ["a"]})
    with pytest.raises(analysis.AnalysisInputError, match="no column 'cue'"):
        analysis.display.or_note(table, "none", columns=["article", "cue"])


def test_an_empty_table_is_the_note_whatever_the_columns():
    shown = analysis.display.or_note(pd.DataFrame(), "Nothing found.", columns=["article"])
    assert shown.data == "*Nothing found.*"

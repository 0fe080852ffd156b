"""House rules for the committed notebooks (nbval checks their outputs separately)."""

from __future__ import annotations

import json
import re

import pytest

from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from analysis.report import notebook_paths

NOTEBOOKS = notebook_paths()
PARAMETER_NAMES = {"ARTICLES", "LABELS", "MANIFEST", "ROLES", "OUTPUT_DIR"}
CORPUS_PARAMETERS = {"MANIFEST", "GROUP_BY", "GROUPS", "SYNTHETIC_MB", "ROLES", "OUTPUT_DIR"}
PAIR_NOTEBOOKS = [p for p in NOTEBOOKS if not p.name.startswith("06_")]


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


def test_the_story_notebooks_exist():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_load_and_clean.ipynb"]


def parameters_cell(path):
    first = [c for c in cells(path) if c["cell_type"] == "code"][0]
    assert "parameters" in first["metadata"].get("tags", [])
    return source(first), set(re.findall(r"^([A-Z_]+) =", source(first), re.M))


@pytest.mark.parametrize("path", PAIR_NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_a_parameters_cell_defaulting_to_the_seeds(path):
    text, names = parameters_cell(path)
    assert names == PARAMETER_NAMES
    assert '"dailymail", "ru_translation"' in text


def test_corpus_notebook_parameters_default_to_a_synthetic_corpus():
    text, names = parameters_cell(NOTEBOOKS_DIR / "06_corpus_scale.ipynb")
    assert names == CORPUS_PARAMETERS
    assert "MANIFEST = None" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_short_calls_with_prose_before_each(path):
    previous = None
    for cell in cells(path):
        text = source(cell)
        if cell["cell_type"] == "code":
            assert not re.search(r"^\s*(def|class|lambda)\b", text, re.M), text
            assert previous == "markdown", f"no markdown before: {text[:60]}"
            assert len(text.splitlines()) <= 12, text[:60]
        previous = cell["cell_type"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_outputs_are_clean(path):
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    text = path.read_text(encoding="utf-8")
    assert str(PROJECT_ROOT) not in text
    assert not re.search(r"/(root|home|tmp|work)/", text)
    assert not re.search(r"0x[0-9a-f]{8,}", text)
    for cell in code:
        for output in cell["outputs"]:
            assert output["output_type"] != "error"
            assert output.get("name") != "stderr"
            assert "execution" not in cell["metadata"]


def test_notebook_folder_has_nothing_but_the_story():
    assert sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")) == [p.name for p in NOTEBOOKS]

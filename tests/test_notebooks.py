"""House rules for the committed notebooks (nbval checks their outputs separately)."""

from __future__ import annotations

import ast
import inspect
import json
import re

import pytest

import analysis
from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from analysis.report.notebooks import notebook_paths

NOTEBOOKS = notebook_paths()
PARAMETER_NAMES = {"ARTICLES", "LABELS", "MANIFEST", "ROLES", "MAX_BYTES", "OUTPUT_DIR"}
EVENT_FILES = {"02_word_frequencies.ipynb": {"WORD_CHOICES"}, "04_framing.ipynb": {"ACTORS"}}
CORPUS_PARAMETERS = {"MANIFEST", "GROUP_BY", "GROUPS", "SYNTHETIC_MB", "ROLES", "OUTPUT_DIR",
                     "ERRORS"}
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
    assert names == PARAMETER_NAMES | EVENT_FILES.get(path.name, set())
    assert '"dailymail", "ru_translation"' in text


def test_corpus_notebook_parameters_default_to_a_synthetic_corpus():
    text, names = parameters_cell(NOTEBOOKS_DIR / "06_corpus_scale.ipynb")
    assert names == CORPUS_PARAMETERS
    assert "MANIFEST = None" in text and "ERRORS = \"raise\"" in text


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


def analysis_calls(path):
    """``(dotted name, keyword names)`` of every call to a function of the package."""
    for cell in cells(path):
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse(source(cell))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                parts, value = [node.func.attr], node.func.value
                while isinstance(value, ast.Attribute):
                    parts.append(value.attr)
                    value = value.value
                if isinstance(value, ast.Name) and value.id == "analysis":
                    yield ".".join(reversed(parts)), {k.arg for k in node.keywords}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_bind_the_package_and_call_the_lens_namespaces(path):
    imports = [source(c) for c in cells(path) if c["cell_type"] == "code"
               and re.search(r"^\s*(from|import) ", source(c), re.M)]
    assert not any(re.search(r"^\s*from analysis\b", text, re.M) for text in imports)
    calls = list(analysis_calls(path))
    assert calls
    top_level = {name for name, _ in calls if "." not in name}
    assert top_level <= {"load_articles", "load_corpus"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_call_that_reads_roles_is_given_the_notebooks_roles(path):
    missing = []
    for name, keywords in analysis_calls(path):
        function = analysis
        for part in name.split("."):
            function = getattr(function, part)
        if "roles" in inspect.signature(function).parameters and "roles" not in keywords:
            missing.append(name)
    assert missing == []

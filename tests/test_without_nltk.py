"""The story notebooks 01-05 run on the seeds without importing NLTK.

NLTK is the reference the tests compare the project's sentence splitter, word tokeniser,
stemmer and collocation scores with; importing it costs a kernel up to seconds (all of NLTK,
and ``scipy.stats`` when SciPy is installed). A fresh process runs every code cell of the
notebooks, in order, as the kernel would (figures drawn off screen), and reports which module
of ``analysis`` first imported NLTK, if any.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT

STORIES = sorted(NOTEBOOKS_DIR.glob("0[1-5]_*.ipynb"))

RUN = """
import importlib.abc, json, os, sys, traceback
import nbformat

first = []

class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] == "nltk" and not first:
            first.append([f"{f.filename}:{f.lineno}" for f in traceback.extract_stack()
                          if "/analysis/" in f.filename][-1:])
        return None

sys.meta_path.insert(0, Watch())
loaded = {}
for path in sys.argv[1:]:
    namespace = {}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, path, "exec"), namespace)
    loaded[os.path.basename(path)] = "nltk" in sys.modules
print(json.dumps({"loaded": loaded, "first": first}))
"""


def test_notebooks_01_to_05_never_import_nltk():
    assert [p.name[:2] for p in STORIES] == ["01", "02", "03", "04", "05"]
    done = subprocess.run([sys.executable, "-c", RUN, *map(str, STORIES)], cwd=NOTEBOOKS_DIR,
                          capture_output=True, text=True, check=True,
                          env={**_environment(), "MPLBACKEND": "Agg"})
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["loaded"] == {p.name: False for p in STORIES}, result["first"]
    assert result["first"] == []


def _environment() -> dict[str, str]:
    """This environment with the project first on the import path."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{PROJECT_ROOT}{os.pathsep}{path}" if path
            else str(PROJECT_ROOT)}

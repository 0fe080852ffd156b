"""The story notebooks: where they are, the parameters each declares, and their titles."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import AnalysisInputError
from ..paths import NOTEBOOKS_DIR, PROJECT_ROOT, display_path

if TYPE_CHECKING:  # nbformat is imported when a notebook is read (it takes a while to import)
    import nbformat

PARAMETER_NAMES = ("ARTICLES", "LABELS", "MANIFEST", "ROLES", "ACTORS", "WORD_CHOICES",
                   "MAX_BYTES", "OUTPUT_DIR")


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The story notebooks, in reading order (their names start with a number)."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def find_notebooks(names: list[str], folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The story notebooks ``names`` point to: a path to a notebook file, or a story notebook
    named by its number ("03"), its stem ("03_named_sources") or its file name; all of them
    when ``names`` is empty. A name that points to none is an error naming the choices."""
    stories = notebook_paths(folder)
    chosen = []
    for name in names:
        path = Path(name)
        found = [path] if path.suffix == ".ipynb" and path.is_file() else [
            p for p in stories if name in (p.name, p.stem, p.stem.split("_", 1)[0])]
        if len(found) != 1:
            raise AnalysisInputError(f"{name}: no such notebook; give a notebook file or one of "
                                     + ", ".join(p.stem for p in stories))
        chosen += found
    return chosen or stories


def pair_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks that compare two articles (their parameters name ARTICLES)."""
    return [p for p in notebook_paths(folder) if "ARTICLES" in notebook_defaults(p)]


def notebook_defaults(notebook: Path) -> dict[str, Any]:
    """The literal values assigned in a notebook's cell tagged ``parameters``."""
    import nbformat

    node = nbformat.read(notebook, as_version=4)
    cell = next((c for c in node.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is None:
        raise AnalysisInputError(f"{display_path(notebook)}: no cell tagged 'parameters'")
    values = {}
    for statement in ast.parse(cell.source).body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(
                statement.targets[0], ast.Name):
            values[statement.targets[0].id] = ast.literal_eval(statement.value)
    return values


def parameter_path(path: str | Path) -> str:
    """A path as notebooks receive it: relative to the project root when inside it."""
    resolved = Path(path).expanduser().resolve()
    try:
        relative = resolved.relative_to(PROJECT_ROOT)
    except ValueError:
        return str(resolved)
    # a bare name without a suffix would be read as a manifest id, so keep those absolute
    return relative.as_posix() if relative.suffix or len(relative.parts) > 1 else str(resolved)


def notebook_title(node: nbformat.NotebookNode, default: str) -> str:
    """The first Markdown heading of a notebook (plain text), or ``default``."""
    for cell in node.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s+(.+?)\s*#*\s*$", cell.source, re.M)
            if match:
                return re.sub(r"[*_`]", "", match.group(1))
    return default

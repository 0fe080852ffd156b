"""Execute the notebooks with papermill and render each one as self-contained HTML."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import HTMLExporter

from .errors import AnalysisInputError
from .paths import NOTEBOOKS_DIR, REPORTS_DIR, display_path


class NotebookFailedError(AnalysisInputError):
    """A notebook raised an error while it was being executed."""


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The story notebooks, in reading order (their names start with a number)."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def execute(source: Path, target: Path, parameters: Mapping[str, Any] | None = None) -> Path:
    """Run one notebook top to bottom in a fresh kernel, writing the executed copy."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            str(source), str(target), parameters=dict(parameters or {}), kernel_name="python3",
            cwd=str(source.parent), progress_bar=False, log_output=False,
            request_save_on_cell_execute=False,
        )
    except PapermillExecutionError as exc:
        raise NotebookFailedError(
            f"{source.name}: cell {exc.exec_count} failed with {exc.ename}: {exc.evalue}"
        ) from None
    return target


def render_html(notebook: Path, target: Path) -> Path:
    """Render an executed notebook to HTML with its figures embedded."""
    node = nbformat.read(notebook, as_version=4)
    node.metadata.pop("papermill", None)
    for cell in node.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(node, resources={"metadata": {"name": notebook.stem}})
    target.write_text(body, encoding="utf-8")
    return target


def build_reports(out_dir: Path = REPORTS_DIR, parameters: Mapping[str, Any] | None = None,
                  notebooks: Sequence[Path] | None = None,
                  progress: Callable[[str], None] = print) -> list[Path]:
    """Execute every notebook into ``out_dir`` and render each one to HTML there."""
    out_dir = Path(out_dir)
    written = []
    for source in notebooks or notebook_paths():
        progress(f"running {source.name} ...")
        executed = execute(source, out_dir / source.name, parameters)
        html = render_html(executed, out_dir / f"{source.stem}.html")
        progress(f"  wrote {display_path(html)}")
        written.append(html)
    return written


def parameters_json(parameters: Mapping[str, Any]) -> str:
    """Parameters as stable JSON, for logs."""
    return json.dumps(dict(parameters), sort_keys=True)

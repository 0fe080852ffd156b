"""Execute notebooks: the one executor behind ``make notebooks``, ``framing report`` and
``framing compare``.

Every notebook runs top to bottom in a fresh kernel through papermill, with this checkout's
package first on ``PYTHONPATH``, a fixed hash seed and ``SOURCE_DATE_EPOCH``. Executed copies are
cleaned of timings, papermill metadata and random ids, so running twice writes the same bytes.
A failing notebook raises :class:`~analysis.errors.NotebookError` naming the notebook, the cell
and its first line.

:func:`execute_evaluating` can also evaluate one expression in a notebook's kernel after its
last cell (``framing compare`` takes the index's summary table from notebook 05's kernel, which
has just computed every lens on the same articles). The expression is sent as an ``execute``
request with no code and one ``user_expressions`` entry, so nothing is added to the notebook,
its outputs or the kernel's history.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat

from ..errors import NotebookError
from ..paths import REPORTS_DIR, display_path
from .kernels import kernel_environment, manager_class

INJECTED_TAG = "injected-parameters"
EXECUTED_DIR = REPORTS_DIR / "executed"  # where `make notebooks` runs them before copying back
# the kernel's own log only says "running over TCP" and "KeyboardInterrupt caught" at shutdown;
# errors in cells reach the executed notebook, not this log
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
_STYLER_TABLE = re.compile(r'<table id="T_([0-9a-zA-Z]+)"')


def failed_cell(source: Path, cell_source: str, exec_count: int | None) -> str:
    """Name a failed cell as the reader of ``source`` sees it: ``cell [n]`` among code cells."""
    node = nbformat.read(source, as_version=4)
    code = [c.source for c in node.cells if c.cell_type == "code"]
    if cell_source in code:
        return f"cell [{code.index(cell_source) + 1}]"
    if cell_source.lstrip().startswith("# Parameters"):
        return "the injected parameters cell"
    return f"cell [{exec_count}]"


KERNEL_START_ATTEMPTS = 2
# papermill's engine that also evaluates one expression in the kernel after the last cell
ENGINE = "framing-evaluate"


def register_engine() -> str:
    """Register the engine with papermill (once per process); return its name."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.exceptions import PapermillException
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    try:
        papermill_engines.get_engine(ENGINE)
        return ENGINE
    except PapermillException:
        pass

    class EvaluatingClient(PapermillNotebookClient):
        """Papermill's client, then one expression evaluated when every cell ran."""

        def __init__(self, nb_man, *, expression: str, evaluated: dict[str, Any], **options):
            super().__init__(nb_man, **options)
            self.expression, self.evaluated = expression, evaluated

        def papermill_execute_cells(self):
            super().papermill_execute_cells()
            if any(output.get("output_type") == "error" for cell in self.nb.cells
                   for output in cell.get("outputs", [])):
                return
            reply = self.wait_for_reply(self.kc.execute(
                "", silent=True, store_history=False,
                user_expressions={"value": self.expression}))
            self.evaluated["value"] = literal_value(
                (reply or {}).get("content", {}).get("user_expressions", {}).get("value"))

    class EvaluatingEngine(NBClientEngine):
        """Papermill's nbclient engine with :class:`EvaluatingClient` (the same options)."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, *, expression: str,
                                     evaluated: dict[str, Any], **kwargs):
            kwargs = remove_args(["input_path"], **kwargs)
            safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
            final_kwargs = merge_kwargs(
                safe_kwargs,
                timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
                startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
            return EvaluatingClient(nb_man, expression=expression, evaluated=evaluated,
                                    **final_kwargs).execute()

    papermill_engines.register(ENGINE, EvaluatingEngine)
    return ENGINE


def literal_value(result: dict[str, Any] | None) -> Any:
    """The value of a ``user_expressions`` result: its ``text/plain`` repr read as a Python
    literal; None when the expression failed or the repr is not a literal."""
    if not result or result.get("status") != "ok":
        return None
    try:
        return ast.literal_eval(result.get("data", {}).get("text/plain", ""))
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None




def first_line(text: str) -> str:
    """The first non-blank line of ``text``, stripped."""
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


def execute(source: Path, target: Path, parameters: Mapping[str, Any] | None = None, *,
            cwd: Path | None = None) -> Path:
    """Run one notebook top to bottom in a fresh kernel, writing the executed copy. The kernel
    runs in ``cwd`` (default: the notebook's own folder)."""
    return execute_evaluating(source, target, parameters, cwd=cwd)[0]


def execute_evaluating(source: Path, target: Path, parameters: Mapping[str, Any] | None = None,
                       *, cwd: Path | None = None, expression: str | None = None,
                       factory_socket: str | None = None) -> tuple[Path, Any]:
    """:func:`execute`, then, when every cell ran, evaluate ``expression`` in the notebook's
    kernel before it stops (nothing is added to the notebook); return the executed copy and
    the expression's value, read back from its ``repr`` (None without an expression, or when
    it fails or its value is not a Python literal). ``factory_socket`` is the socket of a
    running :func:`~analysis.report.kernels.kernel_factory`: the fresh kernel is then forked
    from it (None: started as a new process)."""
    import papermill as pm
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    target.parent.mkdir(parents=True, exist_ok=True)
    evaluated: dict[str, Any] = {}
    extra = ({"engine_name": register_engine(), "expression": expression,
              "evaluated": evaluated} if expression else {})
    if factory_socket is not None:
        extra["kernel_manager_class"] = manager_class(factory_socket)
    try:
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            try:
                with kernel_environment():
                    pm.execute_notebook(
                        str(source), str(target), parameters=dict(parameters or {}),
                        kernel_name="python3", cwd=str(cwd or source.parent),
                        progress_bar=False, log_output=False,
                        request_save_on_cell_execute=False, extra_arguments=KERNEL_ARGUMENTS,
                        **extra,
                    )
                break
            except (PapermillExecutionError, DeadKernelError):
                raise
            except (RuntimeError, TimeoutError) as exc:
                # a kernel that does not start (two kernels starting at once can be given the
                # same port by jupyter_client) is started again, once
                if attempt == KERNEL_START_ATTEMPTS:
                    raise NotebookError(f"{source.name}: the kernel did not start "
                                        f"({first_line(exc) or type(exc).__name__})") from None
    except PapermillExecutionError as exc:
        where = failed_cell(source, exc.source, exc.exec_count)
        error = f"{exc.ename}: {first_line(exc.evalue)}" if first_line(exc.evalue) else exc.ename
        raise NotebookError(
            f"{source.name}: {where} `{first_line(exc.source)}` failed with {error} "
            f"(executed copy: {display_path(target)})") from None
    except DeadKernelError as exc:
        raise NotebookError(f"{source.name}: the kernel died: {first_line(exc)}") from None
    return target, evaluated.get("value")


def stable_styler_ids(node: nbformat.NotebookNode) -> None:
    """Replace the random ids of pandas Styler tables by ``T_styled<n>``, numbered in order."""
    count = 0
    for cell in node.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html")
            if not isinstance(text, str):
                continue
            for uuid in dict.fromkeys(_STYLER_TABLE.findall(text)):
                count += 1
                text = re.sub(rf"\bT_{re.escape(uuid)}(?![0-9a-zA-Z])", f"T_styled{count}", text)
            output["data"]["text/html"] = text


def clean_notebook(node: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip timing and papermill metadata and make every id stable, in place."""
    node.metadata.pop("papermill", None)
    for cell in node.cells:
        for key in ("papermill", "execution", "ExecuteTime"):
            cell.metadata.pop(key, None)
        if cell.metadata.get("tags") == []:  # papermill adds an empty list to every cell
            del cell.metadata["tags"]
        if INJECTED_TAG in cell.metadata.get("tags", []) and "id" in cell:
            cell.id = INJECTED_TAG
    stable_styler_ids(node)
    return node


def tidy_executed(notebook: Path) -> nbformat.NotebookNode:
    """Rewrite an executed notebook without timings or random ids; return it."""
    node = clean_notebook(nbformat.read(notebook, as_version=4))
    nbformat.write(node, notebook)
    return node


def execute_in_place(notebook: Path, work: Path = EXECUTED_DIR) -> Path:
    """Re-execute a committed notebook in place with its own parameters (what
    ``make notebooks`` does for each story notebook). It runs into ``work`` first, so a
    notebook that fails stays unchanged and its executed copy stays there to be read."""
    executed = execute(notebook, Path(work) / notebook.name)
    tidy_executed(executed)
    shutil.copyfile(executed, notebook)
    return notebook

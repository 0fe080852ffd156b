"""A papermill engine that evaluates one expression in a notebook's kernel after its last cell.

``framing compare`` takes the index's summary table from notebook 05's kernel, which has just
computed every lens on the same articles, instead of computing it all again in its own process
while the kernels run (:func:`analysis.report.execute.execute_evaluating`). The expression is
sent as an ``execute`` request with no code and one ``user_expressions`` entry, so nothing is
added to the notebook or its outputs, and the kernel's history is unchanged.
"""

from __future__ import annotations

import ast
from typing import Any

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

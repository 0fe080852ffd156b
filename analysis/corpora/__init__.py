"""Public annotated corpora, read from a local checkout (never shipped), and the results files
their evaluations write."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..errors import AnalysisInputError
from ..paths import display_path, project_path


def read_results_file(path: str | Path, keys: Iterable[str], command: str) -> dict:
    """The JSON results an evaluation command wrote (``framing <command> --out``), checked to
    hold ``keys``; a clear ``AnalysisInputError`` naming the file otherwise."""
    target = project_path(Path(path))
    try:
        results = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise AnalysisInputError(f"{display_path(target)}: not a readable results file "
                                 f"({type(exc).__name__})") from None
    if not isinstance(results, dict) or not set(keys) <= set(results):
        raise AnalysisInputError(f"{display_path(target)}: not the results of "
                                 f"framing {command}")
    return results

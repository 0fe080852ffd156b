"""Fixtures for the rerun-and-share tests: the test article pairs and cached compare runs.

Tests marked ``executes_notebooks`` run the notebooks with papermill (a few seconds per notebook
and pair). They run in ``make test``; deselect them with ``-m "not executes_notebooks"``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from share_checks import pair_arguments

from analysis.report.cli import main


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker of the tests that execute notebooks."""
    config.addinivalue_line(
        "markers", "executes_notebooks: runs the story notebooks with papermill (slower)")


@pytest.fixture(scope="session")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Run ``framing compare`` on a pair once per session; return its output folder."""
    done: dict[str, Path] = {}

    def run(name: str) -> Path:
        if name not in done:
            out = tmp_path_factory.mktemp(f"compare-{name}")
            assert main(pair_arguments(name, out)) == 0
            done[name] = out
        return done[name]

    return run

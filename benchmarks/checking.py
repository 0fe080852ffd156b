"""What the ``check_*.py`` scripts share: the machine line they print first, reading a folder
of articles, and timing two implementations of one step side by side."""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from analysis.errors import ArticleError
from analysis.text.reading import load_article


def machine() -> str:
    """The line a check prints first: the machine, its cores and the Python it runs."""
    return (f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, {platform.system()}")


def folder_articles(folder: str | Path) -> list:
    """The readable ``*.txt`` articles of a folder, in file-name order."""
    found = []
    for path in sorted(Path(folder).glob("*.txt")):
        try:
            found.append(load_article(path))
        except ArticleError:
            continue
    return found


def side_by_side(steps: Sequence[tuple[str, Callable]], items: list, repeat: int
                 ) -> dict[str, float]:
    """The fastest of ``repeat`` passes over ``items`` of each named step, in seconds; the
    steps' passes alternate so both meet the same load on a shared machine."""
    best = dict.fromkeys((name for name, _ in steps), float("inf"))
    for _ in range(repeat):
        for name, step in steps:
            start = time.perf_counter()
            for item in items:
                step(item)
            best[name] = min(best[name], time.perf_counter() - start)
    return best

"""Shared fixtures: the seed articles and a factory for article files written in tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import hypothesis_profiles  # noqa: F401 - registers and loads the Hypothesis profile
import matplotlib
import pytest

import analysis
from analysis.paths import SEEDS_DIR

matplotlib.use("Agg")
# Property tests draw the same examples on every run, so CI results are repeatable; widen the
# search locally with HYPOTHESIS_PROFILE=explore (tests/hypothesis_profiles.py: each test's
# example count follows the profile).
SEED_IDS = ("dailymail", "ru_translation")


@pytest.fixture(scope="session")
def seeds() -> list[analysis.Article]:
    """Both seed articles, loaded from the seed manifest."""
    return list(analysis.load_corpus())


@pytest.fixture(scope="session")
def dm(seeds) -> analysis.Article:
    """The Daily Mail seed."""
    return seeds[0]


@pytest.fixture(scope="session")
def ru(seeds) -> analysis.Article:
    """The translated Russian seed."""
    return seeds[1]


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[..., Path]:
    """Write text or bytes to a file in a temporary folder and return its path."""

    def write(content: str | bytes, name: str = "article.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return write


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the seeds folder, for manifest tests."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, target)
    return target

"""Every path the project uses, derived from one project-root constant."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"
SEED_MANIFEST = SEEDS_DIR / "articles.csv"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
RESULTS_DIR = NOTEBOOKS_DIR / "results"  # measured accuracy the notebooks show (committed)
POLNEAR_RESULTS = RESULTS_DIR / "polnear_dev.json"
REPORTS_DIR = PROJECT_ROOT / "reports"
LEXICONS_DIR = Path(__file__).resolve().parent / "lexicons"


def project_path(path: str | Path) -> Path:
    """Resolve a relative path against the project root; leave absolute paths alone.

    A relative path that names something in the current folder stays relative to it: the
    notebooks of a report folder (run there) read the copies of their inputs in ``inputs/``,
    while the committed notebooks (run in ``notebooks/``) name files from the project root.
    """
    path = Path(path).expanduser()
    if path.is_absolute():
        return path
    return path if path.parts and path.exists() else PROJECT_ROOT / path


def display_path(path: str | Path) -> str:
    """A path for messages and tables: relative to the project root when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(PROJECT_ROOT).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project; a symlink loop
        return path.as_posix()

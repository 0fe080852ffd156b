"""Every path the project uses, derived from one project-root constant."""

from __future__ import annotations

import os
import re
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


_PLAIN_NAME = re.compile(r"(?:[^/\0]+/)*[^/\0]+")


def plain_path(folder: str, name: str, folders: set[str] | None = None) -> str | None:
    """``str((Path(folder) / name).resolve())`` for a resolved ``folder``, found with strings
    alone, for the usual name: relative, POSIX, no empty, ``.`` or ``..`` part and no
    symbolic link along it (it is then inside the folder); None for any other name.
    ``folders``, when given, holds subfolders already found to be no link (a caller resolving
    many names of one folder passes the same set: each subfolder is then looked at once)."""
    if os.sep != "/" or not _PLAIN_NAME.fullmatch(name):
        return None
    parts = name.split("/")
    target = folder
    for number, part in enumerate(parts, 1):
        if part in (".", ".."):
            return None
        target = f"{target}/{part}" if target != "/" else f"/{part}"
        if folders is not None and number < len(parts) and target in folders:
            continue
        if os.path.islink(target):
            return None
        if folders is not None and number < len(parts):
            folders.add(target)
    return target


def resolved(folder: Path, name: str) -> Path:
    """``(folder / name).resolve()`` for a resolved ``folder``: a plain name
    (:func:`plain_path`) resolves to itself, so only other names pay for the walk up the
    whole tree."""
    plain = plain_path(str(folder), name)
    return Path(plain) if plain is not None else (folder / name).resolve()

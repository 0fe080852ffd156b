"""Report folders written whole or not at all.

A report is built in a fresh folder next to its target (same parent, so moving it into place
is a rename) and replaces the target only when every notebook ran. The project recognises a
folder it wrote by the marker file :data:`MARKER`, which lists every file of the report; a
target holding anything else is refused unless ``force`` is given. Folders the project writes
beside a report are kept when it is replaced: other reports (a folder with its own marker,
such as ``reports/comparison`` inside ``reports/``) and, in ``reports/``, the working folders of
``make notebooks`` and ``make browser``.
"""

from __future__ import annotations

import json
import secrets
import shutil
from collections.abc import Iterable
from pathlib import Path

from ..errors import AnalysisInputError
from ..paths import NOTEBOOKS_DIR, PROJECT_ROOT, REPORTS_DIR, display_path

MARKER = ".framing-report.json"  # in every report folder: the files the project wrote there
COMPANIONS = ("executed", "screenshots")  # `make notebooks` and `make browser` in reports/
PARTIAL = "partial"  # a build in progress, or one that failed: TARGET.partial-XXXXXXXX
_FORMAT = 1


def read_marker(folder: Path) -> list[str] | None:
    """The files a report folder's marker lists, or None when there is no readable marker."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else None


def write_marker(folder: Path, *, complete: bool) -> None:
    """List every file under ``folder`` (sorted, relative) in its marker; no dates, so two
    runs write the same bytes."""
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if p.is_file() and p.name != MARKER)
    text = json.dumps({"written_by": "framing", "format": _FORMAT, "complete": complete,
                       "files": files}, indent=1)
    (folder / MARKER).write_text(text + "\n", encoding="utf-8")


def check_target(target: Path) -> None:
    """Refuse a target the project must never replace: a file, the project or a folder
    holding it, the notebooks, the home folder, or the current folder (or one holding it)."""
    shown = display_path(target)
    if target.exists() and not target.is_dir():
        raise AnalysisInputError(f"{shown}: exists and is not a folder")
    guarded = [PROJECT_ROOT, NOTEBOOKS_DIR, Path.home().resolve(), Path.cwd().resolve()]
    if any(g == target or g.is_relative_to(target) for g in guarded):
        raise AnalysisInputError(f"{shown}: cannot be a report folder (it is or holds the "
                                 "project, the notebooks, the home folder or the current "
                                 "folder); choose a new folder with --out")


def owned_entries(target: Path, reserved: Iterable[str], legacy_names: Iterable[str] = ()
                  ) -> tuple[list[str], list[str]]:
    """What the target holds, as ``(kept, foreign)`` names of its top-level entries.

    Kept: other report folders (with a marker, or holding only ``legacy_names``) and, in
    ``reports/``, the companion folders, unless the new report writes the same name
    (``reserved``). Foreign: anything neither listed in the target's marker nor kept. A
    target without a marker (written before markers existed) owns ``legacy_names``: the
    index and the notebooks' pages.
    """
    if not target.is_dir():
        return [], []
    listed, legacy_names = read_marker(target), set(legacy_names)
    owned = {MARKER, *(f.split("/")[0] for f in listed)} if listed is not None else legacy_names
    reserved = set(reserved)
    kept, foreign = [], []
    for entry in sorted(target.iterdir(), key=lambda p: p.name):
        if entry.name in owned:
            continue
        companion = target == REPORTS_DIR and entry.name in COMPANIONS
        report = entry.is_dir() and not entry.is_symlink() and _is_report(entry, legacy_names)
        if (companion or report) and entry.name not in reserved:
            kept.append(entry.name)
        else:
            foreign.append(entry.name)
    return kept, foreign


def _is_report(folder: Path, legacy_names: set[str]) -> bool:
    """Whether a folder is a report: it has a marker, or (written before markers) holds
    nothing but the index and notebook pages."""
    if read_marker(folder) is not None:
        return True
    names = {p.name for p in folder.iterdir()}
    return bool(names) and names <= legacy_names


def refuse_foreign(target: Path, foreign: list[str]) -> None:
    """The one-line refusal of a target that holds files the project did not write."""
    shown = ", ".join(repr(name) for name in foreign[:2]) + (
        f" and {len(foreign) - 2} more" if len(foreign) > 2 else "")
    raise AnalysisInputError(
        f"{display_path(target)}: holds files this project did not write ({shown}); choose "
        "another --out folder, or pass --force to replace the folder's contents")


def new_partial(target: Path) -> Path:
    """A fresh, empty folder next to ``target`` to build the report in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    while True:
        partial = target.with_name(f"{target.name}.{PARTIAL}-{secrets.token_hex(4)}")
        try:
            partial.mkdir()
        except FileExistsError:
            continue
        write_marker(partial, complete=False)
        return partial


def move_into_place(partial: Path, target: Path, kept: Iterable[str] = ()) -> None:
    """Replace ``target`` by ``partial`` (two renames in one folder), then move the ``kept``
    entries of the old target into the new one and delete the rest of the old target."""
    if not target.exists():
        partial.rename(target)
        return
    old = target.with_name(f"{target.name}.old-{secrets.token_hex(4)}")
    target.rename(old)
    try:
        partial.rename(target)
    except OSError:
        old.rename(target)
        raise
    for name in kept:
        (old / name).rename(target / name)
    shutil.rmtree(old)

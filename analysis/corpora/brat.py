"""Read brat standoff annotation files (``.ann``): text-bound spans and the events linking them.

brat writes one annotation a line, tab-separated. Text-bound annotations ``T`` name a label and
one or more character fragments of the text file (``T3\\tContent 120 211;215 230\\ttext``:
fragments joined by ``;``); events ``E`` link a trigger span to argument spans
(``E1\\tAttribution:T4 Content:T3 Cue:T2 Source:T1``). Notes (``#``), relations (``R``) and
attributes (``A``, ``M``) are read past, and so is a line that starts with no id: it continues
the text of a span that crossed a line break. Offsets count characters of the decoded text, so
``text[start:end]`` is a fragment exactly.

Reference: the brat standoff format, https://brat.nlplab.org/standoff.html
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import AnalysisInputError
from ..paths import display_path

_FRAGMENTS = re.compile(r"^\d+ \d+(?:;\d+ \d+)*$")
_ID = re.compile(r"^[TERAMN#*]\d*\t")


@dataclass(frozen=True)
class Span:
    """A text-bound annotation: its id, label and character fragments ``(start, end)``."""

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        """Where the first fragment starts."""
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        """Where the last fragment ends."""
        return self.fragments[-1][1]

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares a character with one of the fragments."""
        return any(a < end and start < b for a, b in self.fragments)


@dataclass(frozen=True)
class Event:
    """An event: its id, type, trigger span and arguments (role name to span)."""

    id: str
    type: str
    trigger: Span
    arguments: tuple[tuple[str, Span], ...]

    def argument(self, role: str) -> Span | None:
        """The span filling ``role`` (the first, if several), or None."""
        return next((span for name, span in self.arguments if name == role), None)


@dataclass(frozen=True)
class Annotation:
    """One ``.ann`` file: its spans by id and its events, in file order."""

    path: Path
    spans: dict[str, Span]
    events: tuple[Event, ...]


def _fail(path: Path, number: int, what: str) -> AnalysisInputError:
    return AnalysisInputError(f"{display_path(path)}, line {number}: {what}")


def _span(path: Path, number: int, fields: list[str]) -> Span:
    if len(fields) < 2 or " " not in fields[1]:
        raise _fail(path, number, "a text-bound annotation needs an id, a label with offsets, "
                                  "and its text")
    label, offsets = fields[1].split(" ", 1)
    if not _FRAGMENTS.match(offsets):
        raise _fail(path, number, f"offsets {offsets!r} are not 'start end[;start end ...]'")
    fragments = tuple((int(a), int(b)) for a, b in
                      (piece.split(" ") for piece in offsets.split(";")))
    if any(b < a for a, b in fragments):
        raise _fail(path, number, f"a fragment of {offsets!r} ends before it starts")
    return Span(fields[0], label, fragments, fields[2] if len(fields) > 2 else "")


def read_ann(path: str | Path) -> Annotation:
    """Read one brat ``.ann`` file; a malformed line is an error naming the file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise AnalysisInputError(f"{display_path(path)}: cannot be read as UTF-8 text "
                                 f"({type(exc).__name__})") from None
    spans: dict[str, Span] = {}
    pending: list[tuple[int, list[str]]] = []
    for number, line in enumerate(lines, start=1):
        if not _ID.match(line):
            continue  # the text of the span above, past a line break
        fields = line.split("\t")
        if fields[0].startswith("T"):
            spans[fields[0]] = _span(path, number, fields)
        elif fields[0].startswith("E"):
            pending.append((number, fields))
    events = []
    for number, fields in pending:
        parts = fields[1].split() if len(fields) > 1 else []
        pairs = [p.split(":", 1) for p in parts]
        if not pairs or any(len(p) != 2 or p[1] not in spans for p in pairs):
            raise _fail(path, number, "an event's type and arguments must be 'Role:T<n>' "
                                      "naming text-bound annotations of the file")
        (kind, trigger), arguments = pairs[0], pairs[1:]
        events.append(Event(fields[0], kind, spans[trigger],
                            tuple((re.sub(r"\d+$", "", role), spans[ref])
                                  for role, ref in arguments)))
    return Annotation(path, spans, tuple(events))

"""Arithmetic on ``(start, end)`` character spans: trimming, merging and cutting holes.

Every lens works with spans of raw or normalised text; these are the only definitions of
"trim a span", "merge overlapping spans" and "the parts of a span no other span covers".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

Label = TypeVar("Label")


def strip_span(text: str, start: int, end: int, chars: str | None = None) -> tuple[int, int]:
    """``[start, end)`` shrunk past whitespace (or past any of ``chars``) at both ends."""
    def strip(c: str) -> bool:
        return c.isspace() if chars is None else c in chars

    while start < end and strip(text[start]):
        start += 1
    while end > start and strip(text[end - 1]):
        end -= 1
    return start, end


def merge_spans(spans: Iterable[tuple[int, int, set[str]]]) -> list[tuple[int, int, set[str]]]:
    """Overlapping or touching labelled spans merged into one, their label sets joined;
    sorted by start."""
    merged: list[tuple[int, int, set[str]]] = []
    for start, end, names in sorted(spans, key=lambda s: (s[0], s[1])):
        if merged and start <= merged[-1][1]:
            s, e, n = merged[-1]
            merged[-1] = (s, max(e, end), n | names)
        else:
            merged.append((start, end, set(names)))
    return merged


def cut_spans(spans: Iterable[tuple[int, int, Label]],
              holes: Sequence[tuple[int, int]]) -> list[tuple[int, int, Label]]:
    """The parts of each labelled span that lie outside every hole (holes sorted by start);
    each part keeps its span's label."""
    pieces = []
    for start, end, label in spans:
        position = start
        for hole_start, hole_end in holes:
            if hole_end <= position or hole_start >= end:
                continue
            if hole_start > position:
                pieces.append((position, hole_start, label))
            position = max(position, hole_end)
        if position < end:
            pieces.append((position, end, label))
    return pieces

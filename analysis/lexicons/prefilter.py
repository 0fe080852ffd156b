"""The literal text a regular expression needs, to skip a search that cannot match.

A pattern such as ``(?:[A-Z]\\w*)+ ?/ ?(?:AFP|Reuters)`` can only match a text that contains
"/". Python's ``re`` does not look for such a required piece before scanning: it tries the
pattern at every position. :func:`needed` reads the parsed pattern and returns the literal runs
that every match contains; :func:`may_match` checks them with ``str.__contains__`` (a fast
scan), so that a search that cannot succeed is not run. The answer is only ever "cannot match"
or "may match": a pattern that is case-insensitive, or whose parse this Python does not
expose, needs nothing and is always searched.
"""

from __future__ import annotations

import re
from functools import cache

try:  # Python 3.11+
    from re import _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]

_REPEATS = tuple(getattr(_parser, name) for name in ("MAX_REPEAT", "MIN_REPEAT",
                                                     "POSSESSIVE_REPEAT")
                 if hasattr(_parser, name))
_IGNORECASE = re.IGNORECASE.value


@cache
def needed(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The literal runs every match of ``pattern`` contains (none if it is case-insensitive or
    cannot be read)."""
    if pattern.flags & _IGNORECASE:
        return ()
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE.value)
    except Exception:  # noqa: BLE001 - a private parser: when in doubt, filter nothing
        return ()
    try:
        return tuple(sorted(_runs(list(parsed)), key=lambda run: (-len(run), run)))
    except (TypeError, ValueError, AttributeError):
        return ()


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False when ``text`` lacks a literal run that every match of ``pattern`` contains
    (the pattern cannot match it); True otherwise."""
    return all(run in text for run in needed(pattern))


def _runs(items: list) -> set[str]:
    """Literal runs required by a parsed sequence: consecutive literals, and what any
    repetition of at least one, group or every branch of an alternation requires."""
    found: set[str] = set()
    run: list[str] = []
    for op, av in items:
        if op is _parser.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.add("".join(run))
            run = []
        if op is _parser.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if not add_flags & _IGNORECASE:
                found |= _runs(list(inner))
        elif op in _REPEATS:
            low, _high, inner = av
            if low >= 1:
                found |= _runs(list(inner))
        elif op is _parser.BRANCH:
            branches = [_runs(list(branch)) for branch in av[1]]
            found |= set.intersection(*branches) if branches else set()
        elif getattr(_parser, "ATOMIC_GROUP", None) is not None and op is _parser.ATOMIC_GROUP:
            found |= _runs(list(av))
    if run:
        found.add("".join(run))
    return found

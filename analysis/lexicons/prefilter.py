"""The literal text a regular expression needs, to skip a search that cannot match.

A pattern such as ``(?:[A-Z]\\w*)+ ?/ ?(?:AFP|Reuters)`` can only match a text that contains
"/" and one of "AFP" or "Reuters". Python's ``re`` does not look for such required pieces
before scanning: it tries the pattern at every position. :func:`needed` reads the parsed
pattern and returns what every match contains, as clauses: each clause a tuple of literal
runs, one of which every match contains. :func:`may_match` checks them with
``str.__contains__`` (a fast scan), so that a search that cannot succeed is not run.

The answer is only ever "cannot match" or "may match". A case-insensitive pattern is checked
on the lower-cased text with its ASCII runs only, and only when the text has none of the four
characters beyond ASCII that match ASCII letters case-insensitively (there lower-casing is
all that case-insensitive matching does); a pattern whose parse this Python does not expose
needs nothing and is always searched. :func:`may_any` checks a list of patterns at once, and
:func:`widest` gives the longest text a pattern can match whole.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from functools import cache, wraps
from typing import Any, TypeVar

# the standard library's own pattern parser (``re._parser`` since Python 3.11, ``sre_parse``
# before): not a public API, so anything it does not give as expected filters nothing
try:
    _parser = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python 3.10
    _parser = importlib.import_module("sre_parse")

_REPEATS = tuple(getattr(_parser, name) for name in ("MAX_REPEAT", "MIN_REPEAT",
                                                     "POSSESSIVE_REPEAT")
                 if hasattr(_parser, name))
_ATOMIC = getattr(_parser, "ATOMIC_GROUP", None)
_IGNORECASE = int(re.IGNORECASE)

Clause = tuple[str, ...]  # every match contains at least one of these runs
T = TypeVar("T")
IDENTITY_LIMIT = 10_000  # objects an identity cache keeps before it is emptied


def by_identity(func: Callable[[Any], T]) -> Callable[[Any], T]:
    """``func`` of one argument, cached by the argument's identity (kept alive with its value,
    so that its id is not reused; emptied at ``IDENTITY_LIMIT`` objects). A compiled pattern
    hashes its whole compiled code each time it is hashed, so a cache keyed on patterns (or
    on tuples of them) cost more, per paragraph, than the scans these answers save."""
    store: dict[int, tuple[Any, T]] = {}

    @wraps(func)
    def cached(item: Any) -> T:
        hit = store.get(id(item))
        if hit is not None and hit[0] is item:
            return hit[1]
        if len(store) >= IDENTITY_LIMIT:
            store.clear()
        value = func(item)
        store[id(item)] = (item, value)
        return value

    return cached


@by_identity
def needed(pattern: re.Pattern[str]) -> tuple[Clause, ...]:
    """The clauses every match of ``pattern`` satisfies (none when it cannot be read); for a
    case-insensitive pattern, in lower case and ASCII only."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE.value)
        clauses = _clauses(list(parsed))
    except Exception:  # noqa: BLE001 - a private parser: when in doubt, filter nothing
        return ()
    if pattern.flags & _IGNORECASE:
        clauses = [tuple(run.lower() for run in clause) for clause in clauses
                   if all(run.isascii() for run in clause)]
    return tuple(sorted(set(clauses), key=lambda c: (len(c), -len(min(c, key=len)), c)))


def may_match(pattern: re.Pattern[str], text: str, lowered: str | None = None) -> bool:
    """False when ``text`` lacks what every match of ``pattern`` contains (the pattern cannot
    match it); True otherwise. ``lowered``, when given, is ``text.lower()`` (for a caller that
    tries several patterns on one text)."""
    clauses = needed(pattern)
    if clauses and pattern.flags & _IGNORECASE:
        if not folds_as_lower(text):
            return True
        text = text.lower() if lowered is None else lowered
    for clause in clauses:
        for run in clause:
            if run in text:
                break
        else:
            return False
    return True


def folds_as_lower(text: str) -> bool:
    """Whether a case-insensitive match of ASCII letters in ``text`` is found in
    ``text.lower()`` as they are in lower case: true unless ``text`` has one of the four
    characters beyond ASCII that such a match accepts ("\u0130", "\u0131", "\u017f" as "s",
    "\u212a" as "k")."""
    return text.isascii() or not any(map(text.__contains__, FOLDED_TO_ASCII))


FOLDED_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


@cache
def widest(pattern: re.Pattern[str]) -> int | None:
    """The most characters a match of ``pattern`` spans (None: no limit, or unknown): a longer
    text cannot ``fullmatch`` it."""
    try:
        _low, high = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE.value).getwidth()
    except Exception:  # noqa: BLE001 - a private parser: when in doubt, no limit
        return None
    return high if high < _parser.MAXREPEAT - 1 else None


@by_identity
def pooled(patterns: tuple[re.Pattern[str], ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """For :func:`may_any`: one clause that each of ``patterns`` needs (the one whose shortest
    run is longest, then with fewest runs), pooled: the runs to look for in the text as it is,
    and those to look for in lower case (of case-insensitive patterns); a run that holds
    another is left out (where it is, so is the other). None when a pattern needs nothing."""
    exact: set[str] = set()
    folded: set[str] = set()
    for pattern in patterns:
        clauses = needed(pattern)
        if not clauses:
            return None
        best = max(clauses, key=lambda c: (min(map(len, c)), -len(c), c))
        (folded if pattern.flags & _IGNORECASE else exact).update(best)
    return _shortest(exact), _shortest(folded)


def _shortest(runs: set[str]) -> tuple[str, ...]:
    return tuple(sorted(r for r in runs if not any(o != r and o in r for o in runs)))


def may_any(patterns: tuple[re.Pattern[str], ...], text: str, lowered: str | None = None
            ) -> bool:
    """False when no pattern of ``patterns`` can match ``text``, found with one scan for
    each pooled run (:func:`pooled`) instead of one :func:`may_match` per pattern; True
    otherwise (then try each pattern with :func:`may_match`)."""
    runs = pooled(patterns)
    if runs is None:
        return True
    exact, folded = runs
    if any(map(text.__contains__, exact)):
        return True
    if not folded:
        return False
    if not folds_as_lower(text):
        return True
    lowered = text.lower() if lowered is None else lowered
    return any(map(lowered.__contains__, folded))


def _clauses(items: list) -> list[Clause]:
    """What a parsed sequence requires: its runs of consecutive literals, what a group or a
    repetition of at least one requires, and for an alternation one run of each branch."""
    found: list[Clause] = []
    run: list[str] = []
    for op, av in items:
        if op is _parser.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(("".join(run),))
            run = []
        if op is _parser.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if not add_flags & _IGNORECASE:  # a (?i:...) group's letters may be any case
                found += _clauses(list(inner))
        elif op in _REPEATS:
            low, _high, inner = av
            if low >= 1:
                found += _clauses(list(inner))
        elif op is _parser.BRANCH:
            found += _either(av[1])
        elif _ATOMIC is not None and op is _ATOMIC:
            found += _clauses(list(av))
    if run:
        found.append(("".join(run),))
    return found


def _either(branches: list) -> list[Clause]:
    """One clause for an alternation: the longest required run of each branch (nothing when
    some branch requires no run)."""
    picked = []
    for branch in branches:
        singles = [c[0] for c in _clauses(list(branch)) if len(c) == 1]
        if not singles:
            return []
        picked.append(max(singles, key=lambda r: (len(r), r)))
    return [tuple(sorted(set(picked)))]

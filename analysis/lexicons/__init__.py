"""Lexicons and word lists: data files in this folder, and the loader that reads them.

Every file starts with a header of ``#`` lines saying where its contents came from. Word lists
(``.txt``) have one entry a line; tables (``.tsv``) are tab-separated with a column-name line.
``grammar.tsv`` holds the closed-class word lists the rules use (determiners, auxiliaries,
months, name connectors ...), one named list a row.

A malformed file raises :class:`~analysis.errors.LexiconError` naming the file and the line.
The matcher that applies word and phrase lexicons to article tokens is :mod:`.match`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from ..errors import LexiconError
from ..paths import LEXICONS_DIR, display_path, project_path

GRAMMAR = "grammar.tsv"


def lexicon_path(name: str | Path) -> Path:
    """A data file's path: a file name without a folder is in ``analysis/lexicons/``; a
    researcher's own file in the same format is given by an absolute path or by a relative
    path with a folder, read from the project root ("tests/fixtures/my_event.tsv")."""
    path = Path(name).expanduser()
    if path.is_absolute():
        return path
    return project_path(path) if len(path.parts) > 1 else LEXICONS_DIR / path


def _content_lines(name: str) -> list[tuple[int, str]]:
    """``(line number, line)`` of the non-comment, non-blank lines of a data file."""
    path = lexicon_path(name)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise LexiconError(f"{display_path(path)}: no such lexicon file") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{display_path(path)}: not UTF-8 text (byte offset "
                           f"{exc.start})") from None
    return [(number, line) for number, line in enumerate(lines, start=1)
            if line.strip() and not line.startswith("#")]


@cache
def word_list(name: str) -> tuple[str, ...]:
    """The entries of a one-entry-a-line data file, in file order."""
    return tuple(line.strip() for _, line in _content_lines(name))


@cache
def _parsed(name: str) -> tuple[tuple[str, ...], tuple[tuple[int, Mapping[str, str]], ...]]:
    """The column names of a tab-separated data file, and each data row with its file line."""
    lines = _content_lines(name)
    if not lines:
        raise LexiconError(f"{display_path(lexicon_path(name))}: no column-name line")
    columns = tuple(c.strip() for c in lines[0][1].split("\t"))
    rows = []
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) > len(columns):
            raise LexiconError(f"{display_path(lexicon_path(name))}, line {number}: "
                               f"{len(cells)} tab-separated cells but the header names "
                               f"{len(columns)} columns")
        cells += [""] * (len(columns) - len(cells))
        rows.append((number, MappingProxyType(dict(zip(columns, (c.strip() for c in cells),
                                                       strict=True)))))
    return columns, tuple(rows)


@cache
def table(name: str, columns: tuple[str, ...] = ()) -> tuple[Mapping[str, str], ...]:
    """The rows of a tab-separated data file as read-only mappings keyed by its column-name
    line. A row with more cells than there are columns, or a header without the ``columns``
    the caller needs, raises ``LexiconError`` naming the file (and the line)."""
    header_names, rows = _parsed(name)
    missing = [c for c in columns if c not in header_names]
    if missing:
        raise LexiconError(f"{display_path(lexicon_path(name))}: missing column(s) {missing}; "
                           f"the header names {list(header_names)}")
    return tuple(row for _, row in rows)


def where(name: str, index: int) -> str:
    """Where the ``index``-th data row (from 0) of a tab-separated file stands, for messages:
    ``analysis/lexicons/stance.tsv, line 48``."""
    return f"{_shown(name)}, line {_parsed(name)[1][index][0]}"


@cache
def _shown(name: str) -> str:
    """A data file's path as messages show it (resolved once per file, not once per row)."""
    return display_path(lexicon_path(name))


def header(name: str) -> str:
    """The ``#`` header of a data file, without the ``#`` marks."""
    lines = lexicon_path(name).read_text(encoding="utf-8").splitlines()
    return "\n".join(line.lstrip("# ").rstrip() for line in lines if line.startswith("#"))


@cache
def grammar_words(name: str) -> tuple[str, ...]:
    """The entries of one named list in ``grammar.tsv``, in file order."""
    lists = {row["list"]: row["words"] for row in table(GRAMMAR, ("list", "words"))}
    if name not in lists:
        raise LexiconError(f"{display_path(lexicon_path(GRAMMAR))}: no list named {name!r}")
    return tuple(w.strip() for w in lists[name].split("|") if w.strip())


def regex(name: str, index: int, pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a regular expression read from data row ``index`` (from 0) of file ``name``; a
    pattern that does not compile raises ``LexiconError`` naming the file and line."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise LexiconError(f"{where(name, index)}: {pattern!r} is not a valid regular "
                           f"expression ({exc})") from None


def alternation(words, *, longest_first: bool = False) -> str:
    """A regular-expression alternation of literal words (spaces kept as spaces), in the
    order given or longest first.

    Longest first, the words are written as a trie ("un(?:named|identified)"): at each
    position it tries the same words in the same order as the flat alternation sorted by
    length (the longest that matches first, then shorter ones on backtracking), but the
    pattern is shorter, so it compiles and matches faster. Where two branches of the trie
    differ only in case (and so could both match under ``(?i:)``), the flat form is used."""
    if not longest_first:
        return "|".join(_literal(w) for w in words)
    unique = set(words)  # words may be an iterator: read it once
    trie = _trie(unique)
    if trie is None:
        return "|".join(_literal(w) for w in sorted(unique, key=lambda w: (-len(w), w)))
    return _trie_pattern(trie)


def _literal(text: str) -> str:
    return re.escape(text).replace(r"\ ", " ")


_END = ""  # key of a trie node's "a word ends here" mark


def _trie(words: set[str]) -> dict | None:
    """A character trie of ``words``; None when two sibling characters are equal ignoring
    case."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        chars = [c for c in node if c != _END]
        if len({c.lower() for c in chars}) < len(chars) or len(
                {c.upper() for c in chars}) < len(chars):
            return None
        stack.extend(node[c] for c in chars)
    return root


def _trie_pattern(node: dict) -> str:
    """The pattern of a trie node's branches: the branches' alternation, optional (tried
    before ending, so longer words come first) when a word also ends here."""
    branches = [_literal(c) + _trie_pattern(node[c]) for c in sorted(node) if c != _END]
    if not branches:
        return ""
    if _END in node:
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

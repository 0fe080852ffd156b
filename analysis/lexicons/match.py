"""Match lexicons of words and phrases against article tokens, with exact raw offsets.

A lexicon is a table with a ``pattern`` column, a ``mode`` column and the label columns of
the lens that uses it (stance: category, subcategory; frames: frame, item; actors: actor). It
is normally a tab-separated data file in ``analysis/lexicons/`` read with
:func:`analysis.lexicons.table`; a notebook may pass a DataFrame with the same columns. A
malformed lexicon raises :class:`~analysis.errors.LexiconError` naming the file and row.

Matching rules:

- A pattern is cut into tokens exactly as article text is (NLTK's word tokenizer), so
  "so-called", "U.S." and "Taliban-linked" are one token each and "Moscow's" is two.
- ``mode`` says how each pattern token is compared with a text token:
  ``stem`` (the default when empty): Snowball stems in any case, so "claim" matches claim,
  claims, claimed and claiming; ``exact``: the same word form in any case, so "reportedly"
  does not match "reported"; ``case``: the same form in the same case, so "US" does not
  match the pronoun "us" and "Times" does not match "times".
- A final full stop is ignored on both sides, so "U.S." also matches the "U.S" that the
  tokenizer leaves at the end of a sentence.
- A multi-word pattern matches consecutive tokens inside one sentence; punctuation between
  the words breaks the match.
- A gap token ``...`` (three full stops, or "…") in a pattern stands for none to
  :data:`MAX_GAP` (4) words (word, number or clitic tokens, no punctuation) of the same
  sentence, so "called for ... to resign" matches "called for the minister to resign" and
  "called for Smith's aides to resign". A gap cannot begin or end a pattern or follow another
  gap. The shortest filling wins (the gap takes as few words as it can). The evidence row
  spans the whole construction: ``start`` is the first word's, ``end`` the last word's, and
  ``raw[start:end]`` includes the words in the gap.
- When matches overlap, the one with more tokens wins ("Russian military intelligence" beats
  "Russian"; a gap pattern counts every token it spans); ties go to the more literal mode
  (case, then exact, then stem), then to the row listed first. A lens may resolve overlaps
  separately in groups (frames: per frame).
- A row whose first label is ``ignore`` is a guard: it is never reported, and in every group
  it removes the matches that lie inside it, so "claimed responsibility" keeps "claimed" from
  counting as a distancing word. Matches that only partly overlap a guard are not affected.

Limits: a pattern cannot start with "#" in a data file (the line would read as a comment;
pass a DataFrame for hashtags); words inside a hyphenated compound are not matched separately
("U.S.-Taliban" is neither "U.S." nor "Taliban" unless a pattern names the compound); stems
conflate some words (Snowball gives "deadly" and "dead" the same stem, hence the ``exact``
mode); no part-of-speech or sense disambiguation is attempted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from ..errors import LexiconError
from ..paths import display_path
from ..text.article import Article, article_list
from ..text.normalisation import normalise
from ..text.roles import DEFAULT_ROLES
from ..text.tables import token_records
from ..text.tokenise import stem, token_spans
from . import lexicon_path, table, where

MODES = ("case", "exact", "stem")  # most literal first: the tie-break order for overlaps
IGNORE = "ignore"
GAP = "..."  # a pattern token standing for up to MAX_GAP words (its key: text keys never equal it)
GAP_TOKENS = ("...", "\u2026")
MAX_GAP = 4
GAP_KINDS = ("word", "number", "clitic")
EVIDENCE_COLUMNS = ["article", "paragraph", "role", "sentence", "start", "end", "match"]


@dataclass(frozen=True)
class Entry:
    """One compiled lexicon row: its pattern, match mode, token keys and labels."""

    row: int
    pattern: str
    mode: str
    keys: tuple[str, ...]
    labels: tuple[tuple[str, str], ...]
    group: str
    where: str = ""

    @property
    def guard(self) -> bool:
        """True for an ``ignore`` row, which blocks shorter matches and is never reported."""
        return self.labels[0][1] == IGNORE


Lexicon = tuple[Entry, ...]


def token_key(form: str, kind: str, mode: str) -> str:
    """The key a token is compared by in ``mode``: its form, lower-cased form or stem."""
    if len(form) > 1 and form.endswith("."):
        form = form[:-1]
    if mode == "case":
        return form
    lower = form.lower()
    return stem(lower) if mode == "stem" and kind == "word" else lower


def pattern_keys(pattern: str, mode: str) -> tuple[str, ...]:
    """The token keys of a lexicon pattern, tokenised like article text; a gap token is
    :data:`GAP`."""
    text = normalise(pattern).text.strip()
    spans = token_spans(text)
    return tuple(GAP if text[a:b] in GAP_TOKENS else token_key(text[a:b], kind, mode)
                 for a, b, kind in spans)


def _rows(source: str | Path | pd.DataFrame) -> tuple[str, list[tuple[str, dict[str, str]]]]:
    """What the lexicon is called in messages, and its rows, each with where it stands."""
    if isinstance(source, pd.DataFrame):
        if source.empty:
            raise LexiconError("the lexicon table has no rows")
        rows = source.fillna("").astype(str).to_dict("records")
        return "the lexicon table", [(f"the lexicon table, row {i}", row)
                                     for i, row in enumerate(rows, start=1)]
    if not isinstance(source, str | Path):
        raise LexiconError(f"a lexicon is a file name or a DataFrame, not "
                           f"{type(source).__name__}")
    name = str(source)
    if not lexicon_path(name).is_file():
        raise LexiconError(f"{display_path(lexicon_path(name))}: no such lexicon file (give a "
                           "file name in analysis/lexicons/ or a path to your own file)")
    return (display_path(lexicon_path(name)),
            [(where(name, i), dict(row)) for i, row in enumerate(table(name))])


def compile_lexicon(source: str | Path | pd.DataFrame, label_columns: Sequence[str],
                    group: str | None = None) -> Lexicon:
    """Check and compile a lexicon; ``label_columns`` are its label columns, ``group`` the one
    whose values resolve overlaps separately (None: the whole lexicon is one group). A
    malformed lexicon raises ``LexiconError`` naming the file and line (or the table row)."""
    if isinstance(source, str | Path):
        return _compile_file(str(source), tuple(label_columns), group)
    return _compile(*_rows(source), tuple(label_columns), group)


@cache
def _compile_file(name: str, label_columns: tuple[str, ...], group: str | None) -> Lexicon:
    return _compile(*_rows(name), label_columns, group)


def _compile(whole: str, rows: list[tuple[str, dict[str, str]]],
             label_columns: tuple[str, ...], group: str | None) -> Lexicon:
    needed = ["pattern", *label_columns]
    columns = set(rows[0][1]) if rows else set(needed)
    missing = [c for c in needed if c not in columns]
    if missing:
        raise LexiconError(f"{whole}: missing column(s) {missing}; a lexicon needs "
                           f"{needed} and may have 'mode' ({'/'.join(MODES)})")
    entries: list[Entry] = []
    seen: dict[tuple, str] = {}
    for number, (at, row) in enumerate(rows, start=1):
        pattern = row["pattern"].strip()
        mode = (row.get("mode") or "stem").strip() or "stem"
        if not pattern:
            raise LexiconError(f"{at}: empty pattern")
        if mode not in MODES:
            raise LexiconError(f"{at}: pattern {pattern!r} has mode {mode!r}; use one of "
                               f"{list(MODES)}")
        values = tuple((c, row[c].strip()) for c in label_columns)
        empty = [c for c, v in values if not v]
        if empty and values[0][1] != IGNORE:
            raise LexiconError(f"{at}: pattern {pattern!r} has no {empty[0]}")
        keys = pattern_keys(pattern, mode)
        if not keys:
            raise LexiconError(f"{at}: pattern {pattern!r} has no tokens")
        if GAP in (keys[0], keys[-1]) or any(
                a == b == GAP for a, b in zip(keys, keys[1:], strict=False)):
            raise LexiconError(f"{at}: pattern {pattern!r} has a gap '...' at an end or after "
                               "another gap; a gap stands between words")
        entry_group = dict(values).get(group, "") if group else ""
        signature = (entry_group, mode, keys)
        if signature in seen:
            raise LexiconError(f"{at}: patterns {seen[signature]!r} and {pattern!r} match the "
                               f"same words in {mode!r} mode; keep one")
        seen[signature] = pattern
        entries.append(Entry(number, pattern, mode, keys, values, entry_group, at))
    if not entries:
        raise LexiconError(f"{whole}: the lexicon has no rows")
    return tuple(entries)


def _index(lexicon: Lexicon) -> dict[tuple[str, str], list[Entry]]:
    index: dict[tuple[str, str], list[Entry]] = {}
    for entry in lexicon:
        index.setdefault((entry.mode, entry.keys[0]), []).append(entry)
    return index


def _stop(keys: list[dict[str, str]], at: int, pattern: tuple[str, ...], mode: str) -> int | None:
    """Where ``pattern`` ends if it matches from token ``at`` (a gap as short as it can be),
    or None."""
    if not pattern:
        return at
    if pattern[0] == GAP:
        for skip in range(MAX_GAP + 1):
            if skip and (at + skip > len(keys) or keys[at + skip - 1]["kind"] not in GAP_KINDS):
                return None
            stop = _stop(keys, at + skip, pattern[1:], mode)
            if stop is not None:
                return stop
        return None
    if at < len(keys) and keys[at][mode] == pattern[0]:
        return _stop(keys, at + 1, pattern[1:], mode)
    return None


def _candidates(keys: list[dict[str, str]], index: dict) -> list[tuple[int, int, Entry]]:
    found = []
    for i, token in enumerate(keys):
        for mode in MODES:
            for entry in index.get((mode, token[mode]), ()):
                stop = _stop(keys, i, entry.keys, mode)
                if stop is not None:
                    found.append((i, stop, entry))
    return found


def resolve(candidates: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """Non-overlapping matches per group: longest first, then most literal, then file order.

    A match that lies inside a guard's match is dropped first, in every group.
    """
    rank = {mode: n for n, mode in enumerate(MODES)}
    guards = [(a, b) for a, b, e in candidates if e.guard]
    chosen = []
    for group in sorted({e.group for _, _, e in candidates if not e.guard}):
        pool = [c for c in candidates if not c[2].guard and c[2].group == group
                and not any(a <= c[0] and c[1] <= b for a, b in guards)]
        pool.sort(key=lambda c: (c[0] - c[1], rank[c[2].mode], c[2].row, c[0]))
        taken: set[int] = set()
        for start, stop, entry in pool:
            span = set(range(start, stop))
            if not span & taken:
                taken |= span
                chosen.append((start, stop, entry))
    return sorted(chosen, key=lambda c: (c[0], c[1], c[2].row))


def match_lexicon(articles: Article | Sequence[Article], lexicon: Lexicon, *,
                  roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """Evidence rows for every lexicon match in the chosen roles.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``, the
    words as published), then the lexicon's label columns, then pattern. Rows follow the
    articles' order, then ``start``.
    """
    chosen = article_list(articles)
    label_columns = [c for c, _ in lexicon[0].labels] if lexicon else []
    columns = [*EVIDENCE_COLUMNS, *label_columns, "pattern"]
    index = _index(lexicon)
    rows = []
    for article in chosen:
        by_sentence: dict[int, list[dict]] = {}
        for token in token_records(article, roles=roles):
            by_sentence.setdefault(token["sentence"], []).append(token)
        for number in sorted(by_sentence):
            items = by_sentence[number]
            keys = [{"kind": t["kind"], **{m: token_key(t["text"], t["kind"], m) for m in MODES}}
                    for t in items]
            for i, stop, entry in resolve(_candidates(keys, index)):
                first, last = items[i], items[stop - 1]
                rows.append({
                    "article": article.id, "paragraph": first["paragraph"],
                    "role": first["role"], "sentence": first["sentence"],
                    "start": first["start"], "end": last["end"],
                    "match": article.raw[first["start"]:last["end"]],
                    **dict(entry.labels), "pattern": entry.pattern,
                })
    return pd.DataFrame(rows, columns=columns)


def labels(lexicon: Lexicon, column: str) -> list[str]:
    """The values of one label column, in lexicon order, guards left out."""
    return list(dict.fromkeys(dict(e.labels)[column] for e in lexicon if not e.guard))

"""The sources lens's vocabulary: source kinds, cue classes and frames, and the lexicon files
it reads (cues, source nouns, anonymous sources, coreference, adverbials), compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import LexiconError
from ..lexicons import regex, table, where, word_list

KINDS = ("media", "government", "person", "anonymous", "document", "social", "other")
CUE_CLASSES = ("neutral", "distancing", "directive", "belief", "non_response")
QUOTE_KINDS = ("direct", "partial", "none")
FRAMES = ("verb", "according", "relay", "attributed", "noun", "evaluative")
CUE_FILE = "attribution_cues.tsv"


@dataclass(frozen=True)
class CueSpec:
    """How one cue form is read: its class, its frame, whether it needs a speech complement,
    and the prepositions that introduce a passive agent."""

    cue_class: str
    frame: str
    check: bool
    passive: tuple[str, ...]


def split_forms(cell: str) -> list[str]:
    """The comma-separated entries of a lexicon cell."""
    return [f.strip() for f in cell.split(",") if f.strip()]


@cache
def cue_specs() -> dict[str, tuple[CueSpec, ...]]:
    """Every cue form in ``lexicons/attribution_cues.tsv`` with the ways it can be read."""
    specs: dict[str, list[CueSpec]] = {}
    for index, row in enumerate(table(CUE_FILE, ("forms", "cue_class", "frame"))):
        if row["cue_class"] not in CUE_CLASSES or row["frame"] not in FRAMES:
            raise LexiconError(
                f"{where(CUE_FILE, index)} ({row['forms'][:40]!r}): cue_class "
                f"{row['cue_class']!r} and frame {row['frame']!r}; cue_class must be one of "
                f"{list(CUE_CLASSES)} and frame one of {list(FRAMES)}")
        spec = CueSpec(row["cue_class"], row["frame"], row.get("check") == "speech",
                       tuple(split_forms(row.get("passive", ""))))
        for form in split_forms(row["forms"]):
            specs.setdefault(form, []).append(spec)
    return {form: tuple(found) for form, found in specs.items()}


@cache
def cue_regex() -> re.Pattern[str]:
    """One pattern for every cue form, longest first; a capital first letter is allowed."""
    forms = sorted(cue_specs(), key=len, reverse=True)
    parts = [re.escape(f).replace(r"\ ", " ") for f in forms]
    parts = [f"[{p[0]}{p[0].upper()}]{p[1:]}" if p[0].isalpha() else p for p in parts]
    return re.compile(rf"(?<![\w'-])(?:{'|'.join(parts)})(?![\w-])")


@cache
def source_nouns() -> dict[str, frozenset[str]]:
    """``lexicons/source_nouns.tsv`` grouped by category."""
    nouns: dict[str, set[str]] = {}
    for row in table("source_nouns.tsv", ("noun", "category")):
        nouns.setdefault(row["category"], set()).add(row["noun"])
    return {category: frozenset(words) for category, words in nouns.items()}


@cache
def speech_nouns() -> frozenset[str]:
    """Cue forms read in the ``noun`` frame (statement, report, denial ...)."""
    return frozenset(form for form, specs in cue_specs().items()
                     if any(s.frame == "noun" for s in specs))


@dataclass(frozen=True)
class AnonymousRules:
    """The anonymous-source heads (pattern, canonical) and the modifier alternation."""

    heads: tuple[tuple[re.Pattern[str], str], ...]
    modifiers: str


@cache
def anonymous_rules() -> AnonymousRules:
    """``lexicons/anonymous_sources.tsv`` compiled."""
    heads, modifiers = [], []
    name = "anonymous_sources.tsv"
    for index, row in enumerate(table(name, ("part", "pattern", "canonical"))):
        if row["part"] == "head":
            heads.append((regex(name, index, row["pattern"], re.I), row["canonical"]))
        elif row["part"] == "modifier":
            regex(name, index, row["pattern"])
            modifiers.append(row["pattern"])
    return AnonymousRules(tuple(heads), "|".join(f"(?:{m})" for m in modifiers))


@cache
def coreference() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """``lexicons/source_coreference.tsv`` compiled: pattern and antecedent classes."""
    name = "source_coreference.tsv"
    return tuple((regex(name, index, row["pattern"], re.I),
                  frozenset(c.strip() for c in row["classes"].split(",") if c.strip()))
                 for index, row in enumerate(table(name, ("pattern", "classes"))))


@cache
def adverbials() -> tuple[str, ...]:
    """``lexicons/attribution_adverbials.txt``, longest first."""
    return tuple(sorted(word_list("attribution_adverbials.txt"), key=len, reverse=True))

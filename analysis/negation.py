"""Negation of stance markers within their clause: "not unfounded", "never confirmed".

Rule (a rule of thumb, not a parse). A stance marker is *negated* when a negator
(``grammar.tsv`` list ``stance_negators``: not, n't, no, never, without, neither, nor, none,
nothing, nobody, hardly, scarcely) stands before it in the same sentence with at most
:data:`WINDOW` tokens between them, and

- every token between them is a *bridge*: an adverb in -ly or a word of list
  ``stance_negation_bridges`` (articles, auxiliaries, forms of be and have, degree words:
  "not a success", "has not yet been independently confirmed"). Any other token ends the
  negator's scope: punctuation and conjunctions end the clause ("he did not say that it was
  fake" leaves "fake" alone), and a content word or preposition takes the negation itself
  ("not aware of such allegations" negates "aware", not "allegations");
- the negator is not the first word of a non-negating phrase (list ``stance_non_negators``:
  "not only", "nothing but", "no less");
- the negator is not part of another stance marker ("no evidence", "no doubt" are markers
  of their own), and no other marker stands between it: a negator negates the nearest marker
  after it only ("not a serious scandal" negates "serious", not "scandal").

A negator after the marker ("clearly not", "may not") does not negate it: the marker then
grades or hedges the negative statement. What a negated marker becomes is read from
``lexicons/stance_negation.tsv`` per category and subcategory, or per lexicon pattern where one
is named (Polanyi & Zaenen 2006, contextual valence shifters): a hedge stays a hedge, negated
certainty becomes a hedge ("not really") except the insisting "actually", "in fact" and
"indeed", a negated verb of confirmation or proof becomes discrediting ("not confirmed" is
"unconfirmed"), the other factive words keep their presupposition under negation ("did not
reveal that", Kiparsky & Kiparsky 1970) and stay factive, a negated positive word turns
negative ("not legitimate"), and a negated negative word ("we are not terrorists": a denial,
not praise; Horn 1989), a negated intensifier and a negated distancing word of reporting,
discrediting or anonymity are ``cancelled``: listed as evidence, never counted.

Limits: no syntax, so scope is guessed from distance and clause bounds; lexical negation
("failed to confirm", "lack of evidence"), questions and irony are not seen.

References: Polanyi, L. & Zaenen, A. (2006) Contextual valence shifters. In Computing
Attitude and Affect in Text, Springer. Kiparsky, P. & Kiparsky, C. (1970) Fact. In Progress in
Linguistics, Mouton. Horn, L. R. (1989) A Natural History of Negation, University of Chicago
Press. Quirk, R. et al. (1985) A Comprehensive Grammar of
the English Language, Longman, 10.54-10.64.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

import pandas as pd

from .errors import LexiconError
from .lexicons import grammar_words, table, where
from .text.article import Article, article_list
from .text.roles import DEFAULT_ROLES
from .text.tables import tokens

RULES = "stance_negation.tsv"
WINDOW = 3  # bridge tokens allowed between negator and marker ("has not yet been confirmed")
CANCELLED = "cancelled"
COLUMNS = ["negated", "negator", "negator_start", "negator_end",
           "resolved_category", "resolved_subcategory"]

__all__ = ["negations", "resolution", "resolve", "WINDOW", "CANCELLED", "COLUMNS", "RULES"]


@cache
def resolution() -> dict[tuple[str, str, str], tuple[str, str]]:
    """``(category, subcategory, pattern) -> (category, subcategory)`` a negated marker becomes,
    from ``lexicons/stance_negation.tsv``; pattern "" is the rule for the whole subcategory."""
    rules = {}
    needed = ("category", "subcategory", "pattern", "negated_category", "negated_subcategory")
    for i, row in enumerate(table(RULES, needed)):
        key = (row["category"], row["subcategory"], row["pattern"])
        if not all(key[:2]) or not row["negated_category"]:
            raise LexiconError(f"{where(RULES, i)}: category, subcategory and "
                               "negated_category are needed")
        if key in rules:
            raise LexiconError(f"{where(RULES, i)}: {'/'.join(k for k in key if k)} is "
                               "listed twice")
        rules[key] = (row["negated_category"], row["negated_subcategory"])
    return rules


def resolve(category: str, subcategory: str, pattern: str) -> tuple[str, str]:
    """What a negated marker of this lexicon row counts as (``cancelled``: nothing). A
    category the rules do not name (a researcher's own lexicon) is kept as it is."""
    rules = resolution()
    return rules.get((category, subcategory, pattern),
                     rules.get((category, subcategory, ""), (category, subcategory)))


@cache
def _words() -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]], frozenset[str]]:
    negators = frozenset(w.lower() for w in grammar_words("stance_negators"))
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in grammar_words("stance_non_negators"):
        first, *rest = phrase.lower().split()
        phrases.setdefault(first, []).append(tuple(rest))
    bridges = frozenset(w.lower() for w in grammar_words("stance_negation_bridges"))
    return negators, {k: tuple(v) for k, v in phrases.items()}, bridges


def _bridge(word: str, bridges: frozenset[str]) -> bool:
    return word in bridges or (len(word) > 4 and word.endswith("ly") and word.isalpha())


def _negator(words: list[str], covered: list[bool], i: int) -> int | None:
    """The index of the token negating the marker that starts at token ``i``, or None."""
    negators, phrases, bridges = _words()
    for j in range(i - 1, max(-1, i - WINDOW - 2), -1):
        word = words[j]
        if word in negators and not covered[j]:
            if any(tuple(words[j + 1:j + 1 + len(rest)]) == rest
                   for rest in phrases.get(word, ())):
                return None
            return j
        if covered[j] or not _bridge(word, bridges):
            return None
    return None


def negations(articles: Article | Sequence[Article], rows: pd.DataFrame, *,
              roles: Iterable[str] | None = DEFAULT_ROLES) -> pd.DataFrame:
    """For each stance evidence row (article, sentence, start, end, category, subcategory,
    pattern),
    its negator and the category it resolves to, aligned to ``rows``.

    Columns: negated (bool), negator (the negating word as published, "" when none),
    negator_start, negator_end (its raw offsets, -1 when none), resolved_category,
    resolved_subcategory (the category counted: the lexicon's when not negated, that of
    ``stance_negation.tsv`` when negated, ``cancelled`` when the negation takes it back).
    """
    found: dict[int, tuple[str, int, int]] = {}
    for article in article_list(articles):
        own = rows[rows["article"] == article.id]
        if own.empty:
            continue
        toks = tokens(article, roles=roles)
        for sentence, group in own.groupby("sentence", sort=False):
            items = toks[toks["sentence"] == sentence]
            starts = items["start"].tolist()
            ends = items["end"].tolist()
            words = [t.lower() for t in items["text"]]
            covered = [False] * len(words)
            first = {}
            for index, start, end in zip(group.index, group["start"], group["end"], strict=True):
                inside = [k for k, (a, b) in enumerate(zip(starts, ends, strict=True))
                          if start <= a and b <= end]
                for k in inside:
                    covered[k] = True
                if inside:
                    first[index] = inside[0]
            for index, i in first.items():
                j = _negator(words, covered, i)
                if j is not None:
                    a, b = int(starts[j]), int(ends[j])
                    found[index] = (article.raw[a:b], a, b)
    out = []
    for index, category, subcategory, pattern in zip(
            rows.index, rows["category"], rows["subcategory"], rows["pattern"], strict=True):
        word, a, b = found.get(index, ("", -1, -1))
        resolved = resolve(category, subcategory, pattern) if word else (category, subcategory)
        out.append({"negated": bool(word), "negator": word, "negator_start": a,
                    "negator_end": b, "resolved_category": resolved[0],
                    "resolved_subcategory": resolved[1]})
    return pd.DataFrame(out, columns=COLUMNS, index=rows.index)

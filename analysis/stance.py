"""The stance lens: epistemic stance markers, the words with which a writer distances itself
from a claim, vouches for it, or evaluates what it reports.

Method. ``lexicons/stance.tsv`` (Hyland 2005; Biber & Finegan 1989) is matched against the
tokens of the chosen paragraph roles (see :mod:`analysis.lexicons.match`: Snowball stems by
default, exact forms where stems mislead, multi-word patterns inside one sentence, longest
match wins): distancing (hedge, reporting, discrediting, anonymity), boosting (certainty,
factive, intensifier) and evaluative words (negative, positive). Rates are per 1,000 words
(:func:`analysis.words.word_total`).

Referential and technical phrases are guard rows of the lexicon: "terrorist attack", "war on
terror", "confirmation hearing", "likely voters", "as soon as possible" name things and do not
count (the list and its PolNeAR train counts are in the header of ``stance.tsv``).

Negation (a rule of thumb, not a parse). A stance marker is *negated* when a negator
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

Every marker keeps its row: ``category`` and ``subcategory`` are the lexicon's,
``resolved_category`` and ``resolved_subcategory`` what is counted (``cancelled``: counted
nowhere). Negated forms that are markers of their own ("not clear", "no evidence") are
matched whole and are not negated again.

Limits. Lexicon matching sees words, not meaning: it cannot tell who holds a stance (a
distancing word inside a quotation is the source's, not the narrator's: :mod:`analysis.voice`
splits them) nor word sense outside the guarded phrases; negation scope is guessed from the
words between, without syntax, and lexical negation ("failed to confirm", "lack of
evidence"), questions and irony are not seen. Rates per 1,000 words are unstable for short
texts: read the counts and the evidence rows with them.

References: Polanyi, L. & Zaenen, A. (2006) Contextual valence shifters. In Computing
Attitude and Affect in Text, Springer. Kiparsky, P. & Kiparsky, C. (1970) Fact. In Progress in
Linguistics, Mouton. Horn, L. R. (1989) A Natural History of Negation, University of Chicago
Press. Quirk, R. et al. (1985) A Comprehensive Grammar of the English Language, Longman.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from itertools import pairwise

import pandas as pd

from .errors import AnalysisInputError, LexiconError
from .evidence import rate_table
from .lexicons import grammar_words, table, where
from .lexicons.match import EVIDENCE_COLUMNS, compile_lexicon, match_lexicon
from .text.article import Article, article_list
from .text.roles import DEFAULT_ROLES
from .text.tables import tokens
from .words.counting import word_totals

LEXICON = "stance.tsv"
NEGATION_RULES = "stance_negation.tsv"
WINDOW = 3  # bridge tokens allowed between negator and marker ("has not yet been confirmed")
CANCELLED = "cancelled"
NEGATION_COLUMNS = ["negated", "negator", "negator_start", "negator_end",
                    "resolved_category", "resolved_subcategory"]
COLUMNS = [*EVIDENCE_COLUMNS, "category", "subcategory", "pattern", *NEGATION_COLUMNS]
SUMMARY_COLUMNS = ["article", "category", "count", "words", "per_1000"]

__all__ = ["markers", "summary", "counted", "negations", "negation_rules", "resolve_negated",
           "LEXICON", "COLUMNS", "SUMMARY_COLUMNS", "NEGATION_RULES", "CANCELLED"]


def markers(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            lexicon: str | pd.DataFrame = LEXICON) -> pd.DataFrame:
    """One row per stance marker: distancing, boosting and evaluative words.

    Columns: article, paragraph, role, sentence, start, end, match (``raw[start:end]``),
    category (distancing, boosting, evaluative), subcategory (hedge, reporting, discrediting,
    anonymity; certainty, factive, intensifier; negative, positive: the polarity of an
    evaluative word), pattern (the lexicon row that matched), then negated, negator,
    negator_start, negator_end (``raw[negator_start:negator_end] == negator``; "" and -1 when
    not negated), resolved_category and resolved_subcategory (what the marker counts as in
    its clause; ``cancelled`` when a negation takes it back): see
    :func:`negations`.
    """
    chosen = article_list(articles)
    compiled = compile_lexicon(lexicon, ["category", "subcategory"])
    found = match_lexicon(chosen, compiled, roles=roles)
    resolved = negations(chosen, found, roles=roles)
    table = pd.concat([found, resolved], axis=1)[COLUMNS]
    # an empty table keeps a boolean column, so ``table[table["negated"]]`` selects rows
    return table.astype({"negated": bool})


def summary(articles: Article | Sequence[Article], *,
            roles: Iterable[str] | None = DEFAULT_ROLES,
            lexicon: str | pd.DataFrame = LEXICON, by: str = "category",
            evidence: pd.DataFrame | None = None,
            words: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Stance markers per article and category (or subcategory), per 1,000 words.

    Columns: article, category (and subcategory when ``by="subcategory"``), count, words (word
    and number tokens in ``roles``), per_1000. Markers are counted under their resolved
    category (a negated "confirmed" counts as distancing); cancelled markers are not counted.
    Every category of the lexicon gets a row, zero if absent. Pass ``evidence`` (e.g. stance
    rows filtered to narrator text) and ``words`` (word counts of that text per article) to
    summarise a subset; evidence without the resolved columns is counted as the lexicon files
    it.
    """
    if by not in ("category", "subcategory"):
        raise AnalysisInputError(f"by must be 'category' or 'subcategory', not {by!r}")
    chosen = article_list(articles)
    compiled = compile_lexicon(lexicon, ["category", "subcategory"])
    keys = ["category"] if by == "category" else ["category", "subcategory"]
    levels = dict.fromkeys(tuple(dict(e.labels)[k] for k in keys)
                           for e in compiled if not e.guard)
    if evidence is None:
        evidence = markers(chosen, roles=roles, lexicon=lexicon)
    counts = words if words is not None else word_totals(chosen, roles=roles)
    return rate_table(counted(evidence), keys, levels, counts, [a.id for a in chosen])


def counted(evidence: pd.DataFrame) -> pd.DataFrame:
    """The stance rows that count, with ``category`` and ``subcategory`` set to the resolved
    ones: cancelled markers left out. Rows without resolved columns are returned as they are."""
    if "resolved_category" not in evidence.columns:
        return evidence
    kept = evidence[evidence["resolved_category"] != CANCELLED]
    return kept.assign(category=kept["resolved_category"],
                       subcategory=kept.get("resolved_subcategory", kept.get("subcategory")))


# --- negation -------------------------------------------------------------------------------------

@cache
def negation_rules() -> dict[tuple[str, str, str], tuple[str, str]]:
    """``(category, subcategory, pattern) -> (category, subcategory)`` a negated marker becomes,
    from ``lexicons/stance_negation.tsv``; pattern "" is the rule for the whole subcategory."""
    rules = {}
    needed = ("category", "subcategory", "pattern", "negated_category", "negated_subcategory")
    for i, row in enumerate(table(NEGATION_RULES, needed)):
        key = (row["category"], row["subcategory"], row["pattern"])
        if not all(key[:2]) or not row["negated_category"]:
            raise LexiconError(f"{where(NEGATION_RULES, i)}: category, subcategory and "
                               "negated_category are needed")
        if key in rules:
            raise LexiconError(f"{where(NEGATION_RULES, i)}: {'/'.join(k for k in key if k)} is "
                               "listed twice")
        rules[key] = (row["negated_category"], row["negated_subcategory"])
    return rules


def resolve_negated(category: str, subcategory: str, pattern: str) -> tuple[str, str]:
    """What a negated marker of this lexicon row counts as (``cancelled``: nothing). A
    category the rules do not name (a researcher's own lexicon) is kept as it is."""
    rules = negation_rules()
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


def _tokens_within(starts: list[int], ends: list[int], start: int, end: int,
                   ordered: bool) -> list[int]:
    """The indices of the tokens lying within ``[start, end)``, in order; when ``starts`` are
    ``ordered``, only the tokens from ``start`` on are read (a marker's tokens, not the whole
    sentence's)."""
    if not ordered:
        return [k for k, (a, b) in enumerate(zip(starts, ends, strict=True))
                if start <= a and b <= end]
    inside = []
    for k in range(bisect_left(starts, start), len(starts)):
        if starts[k] > end:
            break
        if ends[k] <= end:
            inside.append(k)
    return inside


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
        all_starts, all_ends = toks["start"].tolist(), toks["end"].tolist()
        all_texts = toks["text"].tolist()
        rows_of: dict[int, list[int]] = {}  # each sentence's tokens, in table order
        for number, sentence in enumerate(toks["sentence"].tolist()):
            rows_of.setdefault(sentence, []).append(number)
        for sentence, group in own.groupby("sentence", sort=False):
            items = rows_of.get(sentence, [])
            starts = [all_starts[k] for k in items]
            ends = [all_ends[k] for k in items]
            words = [all_texts[k].lower() for k in items]
            covered = [False] * len(words)
            first = {}
            ordered = all(a <= b for a, b in pairwise(starts))
            for index, start, end in zip(group.index, group["start"], group["end"], strict=True):
                inside = _tokens_within(starts, ends, start, end, ordered)
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
        resolved = (resolve_negated(category, subcategory, pattern) if word
                    else (category, subcategory))
        out.append({"negated": bool(word), "negator": word, "negator_start": a,
                    "negator_end": b, "resolved_category": resolved[0],
                    "resolved_subcategory": resolved[1]})
    return pd.DataFrame(out, columns=NEGATION_COLUMNS, index=rows.index)

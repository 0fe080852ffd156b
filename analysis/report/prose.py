"""Sentences generated from computed results, so a notebook's prose stays true on any input.

Each function takes results the lenses computed (it computes nothing itself) and returns
Markdown. Article labels and any article text are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..stance import counted
from ..text.article import Article
from ..text.audit import paragraphs_per_role
from ..words.significance import SIGNIFICANCE_Q, key_terms
from .display import escape

SIGNIFICANCE_P = 0.05  # the uncorrected threshold, reported beside the corrected count

ROLE_NOUNS = {
    "headline": ("headline", "headlines"),
    "body": ("body paragraph", "body paragraphs"),
    "caption": ("caption paragraph", "caption paragraphs"),
    "embed": ("embedded-post paragraph", "embedded-post paragraphs"),
    "footnote": ("footnote", "footnotes"),
    "note": ("editor's note", "editor's notes"),
    "dateline": ("dateline", "datelines"),
    "boilerplate": ("boilerplate line", "boilerplate lines"),
}


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """``n`` followed by the right form of a noun."""
    return f"{n} {singular if n == 1 else (plural_form or singular + 's')}"


def _label(article: Article) -> str:
    return f"**{escape(article.label)}**"


def _quoted(terms: Sequence[str]) -> str:
    return ", ".join(f"*{escape(t)}*" for t in terms) if terms else "none"


def cleaning(article: Article) -> str:
    """What cleaning found in one article, from its audit."""
    parts = [plural(n, *ROLE_NOUNS[role]) for role, n in paragraphs_per_role(article).items()]
    repeats = sum(1 for p in article.paragraphs if p.duplicate_of is not None)
    posts = len({p.post for p in article.paragraphs if p.post is not None})
    extra = []
    if repeats:
        extra.append(plural(repeats, "repeat") + " set aside")
    if posts:
        extra.append(plural(posts, "embedded post"))
    if article.dateline:
        extra.append(f"dateline {escape(article.dateline)}")
    tail = f" ({'; '.join(extra)})" if extra else ""
    block = (" It is one block with no paragraph breaks, so its lede and positions are "
             "measured in sentences.") if article.one_block else ""
    return (f"{_label(article)}: {plural(len(article.paragraphs), 'paragraph')}: "
            f"{', '.join(parts)}{tail}.{block}")


def profile(table: pd.DataFrame, articles: Sequence[Article]) -> str:
    """Length, sentence length and vocabulary variety of each article, from
    :func:`analysis.words.profile`."""
    lines = []
    for article in articles:
        row = table[table["article"] == article.id].iloc[0]
        lines.append(
            f"- {_label(article)}: {row['tokens']:,} words in {row['sentences']} sentences "
            f"({row['mean_sentence_length']:.1f} words a sentence); {row['types']:,} distinct "
            f"words; MATTR {row['mattr']:.3f}.")
    return "\n".join(lines)


def keyness(table: pd.DataFrame, articles: Sequence[Article], n: int = 6) -> str:
    """Which content terms each article over-uses significantly (q < 0.05 after the
    Benjamini-Hochberg correction for testing every term), which style terms differ, and how
    many terms could be tested."""
    side_a, side_b = key_terms(table, n, significant_only=True, content_only=True)
    style_a, style_b = key_terms(table[table["style"].astype(bool)], n, significant_only=True)
    raw = int((table["p_value"] < SIGNIFICANCE_P).sum())
    significant = int((table["q_value"] < SIGNIFICANCE_Q).sum())
    lines = [
        f"- Significantly more frequent in {_label(articles[0])} (q < 0.05): {_quoted(side_a)}.",
        f"- Significantly more frequent in {_label(articles[1])} (q < 0.05): {_quoted(side_b)}.",
    ]
    if style_a or style_b:
        lines.append(f"- Style rather than content (reporting verbs, titles, days, months): "
                     f"{_label(articles[0])} {_quoted(style_a)}; {_label(articles[1])} "
                     f"{_quoted(style_b)}.")
    lines.append(
        f"- {significant} of the {len(table)} terms tested "
        f"{'reaches' if significant == 1 else 'reach'} q < 0.05 once the test of every term is "
        f"accounted for ({raw} would reach p < 0.05 alone); the rest differ by amounts that two "
        "short texts cannot tell apart from chance.")
    return "\n".join(lines)


def only_in(contrast: pd.DataFrame, articles: Sequence[Article]) -> str:
    """Word choices used by one article and never by the other, from
    :func:`analysis.words.contrast`."""
    if contrast.empty:
        return "No word-choice groups were given, so no word choices are compared."
    first, second = articles[0].id, articles[1].id
    only_first = contrast[(contrast[first] > 0) & (contrast[second] == 0)]["term"].tolist()
    only_second = contrast[(contrast[second] > 0) & (contrast[first] == 0)]["term"].tolist()
    return "\n".join([
        f"- Only {_label(articles[0])} says: {_quoted(only_first)}.",
        f"- Only {_label(articles[1])} says: {_quoted(only_second)}.",
    ])


def _share(value: float) -> str:
    return "n/a" if pd.isna(value) else f"{value:.0%}"


FEW_ATTRIBUTIONS = 3  # a most-cited source with fewer attributions than this is called few
TIED_NAMES = 4  # tied sources named in full, at most


def most_cited(own: pd.DataFrame, *, markdown: bool = True) -> str:
    """The most cited source of one article's roster rows, honestly: a tie is a tie ("3
    sources tied at 2: A, B and C"), rows resting on pronoun resolution are counted, and a
    count under three is called few."""
    if own.empty:
        return "none"
    top = int(own["attributions"].max())
    leaders = own[own["attributions"] == top].sort_values("canonical")
    names = [escape(n) if markdown else n for n in leaders["canonical"]]
    few = " (few)" if top < FEW_ATTRIBUTIONS else ""
    if len(names) > 1:
        shown = names[:TIED_NAMES]
        rest = len(names) - len(shown)
        listed = ", ".join(shown[:-1]) + (" and " + shown[-1] if not rest else
                                          ", " + shown[-1] + f" and {rest} more")
        return f"{len(names)} sources tied at {top}{few}: {listed}"
    pronouns = int(leaders.iloc[0]["pronoun_rows"])
    via = f", {pronouns} of them resolved from a pronoun" if pronouns else ""
    return f"{names[0]} ({plural(top, 'attribution')}{via}){few}"


def sources(roster: pd.DataFrame, anonymous: pd.DataFrame,
            articles: Sequence[Article]) -> str:
    """Who is cited most, how many sources, and how much is anonymous, per article."""
    lines = []
    for article in articles:
        own = roster[roster["article"] == article.id]
        share = anonymous.set_index("article").loc[article.id, "share_anonymous"]
        if own.empty:
            lines.append(f"- {_label(article)}: no attributions found.")
            continue
        lines.append(
            f"- {_label(article)}: {plural(int(own['attributions'].sum()), 'attribution')} to "
            f"{plural(len(own), 'source')}. Most cited: {most_cited(own)}. Anonymous: "
            f"{_share(share)} of attributions. Words of direct quotation: "
            f"{int(own['quoted_words'].sum())}.")
    return "\n".join(lines)


def shared_sources(shared: pd.DataFrame, articles: Sequence[Article]) -> str:
    """Which sources both articles cite, and how each cites them."""
    both = shared[shared["in_articles"] >= 2]
    if both.empty:
        return "No source is cited by both articles."
    lines = []
    for name, rows in both.groupby("canonical", sort=False):
        parts = []
        for article in articles:
            row = rows[rows["article"] == article.id]
            if len(row):
                parts.append(f"{_label(article)} "
                             f"{plural(int(row.iloc[0]['attributions']), 'time')} "
                             f"({escape(row.iloc[0]['cues'])})")
        lines.append(f"- **{escape(name)}** is cited by both: " + "; ".join(parts) + ".")
    return "\n".join(lines)


def polnear(results: dict) -> str:
    """The PolNeAR figures of ``framing evaluate-sources`` in words."""
    overall = results["overall"]
    text = (f"On PolNeAR's {escape(str(results['split']))} split ({results['articles']} "
            f"hand-annotated articles from {len(results['outlets'])} outlets), the rules find "
            f"the source of {overall['saying_source_recall']:.1%} of the {overall['saying']:,} "
            f"attributions whose cue is a verb of saying, and of "
            f"{overall['source_recall']:.1%} of all {overall['with_source']:,} attributions "
            f"with a source (PolNeAR also counts "
            f"beliefs, intentions and stances). Of the {overall['rows']:,} rows the rules make, "
            f"{overall['precision']:.1%} have an annotated source or cue; rows inside another "
            f"attribution's words, which PolNeAR leaves unannotated "
            f"({overall['nested_rows']:,}), are left out of that share, and counting them "
            f"it is {overall['strict_precision']:.1%}.")
    pronouns = results.get("pronouns")
    if pronouns:
        resolved = pronouns["found"] - pronouns["unresolved"]
        text += (f" Of {plural(pronouns['pronouns'], 'pronoun source')} resolved by hand, "
                 f"{pronouns['found']} are found; {pronouns['unresolved']} of those stay "
                 f"unresolved ({pronouns['unresolved_share']:.1%}), and "
                 f"{pronouns['accuracy']:.1%} of the other {resolved} name the right referent.")
    return text


def basil(results: dict) -> str:
    """The BASIL figures of ``framing evaluate-loaded`` in words."""
    every, general = results["every row"], results["general rows only"]
    years = f"{every['years'][0]}-{every['years'][1]}"
    return (f"On BASIL's {years} articles ({every['articles']} articles, "
            f"{every['spans']:,} phrases marked by hand as loaded wording outside quotations), "
            f"the narrator's loaded-language markers overlap {every['recall']:.1%} of the marked "
            f"phrases, and {every['precision']:.1%} of the {every['markers']:,} markers lie in "
            f"one. Those figures include lexicon rows learned from these very articles; the "
            f"general rows alone find {general['recall']:.1%} of the phrases at a precision of "
            f"{general['precision']:.1%}, and fewer on articles not read while writing them "
            "(see the README).")


def evaluation(scores: dict, label: str) -> str:
    """Precision and recall of the attribution rules against a hand annotation."""
    return (f"{escape(label)}: precision {scores['precision']:.2f}, recall "
            f"{scores['recall']:.2f} on (sentence, source) pairs ({len(scores['tp'])} found, "
            f"{len(scores['fp'])} false, {len(scores['fn'])} missed).")


def voice(words: pd.DataFrame, markers: pd.DataFrame,
          articles: Sequence[Article]) -> str:
    """How much of each article the narrator speaks, and whose voice holds its stance markers."""
    lines = []
    markers = counted(markers)  # markers a negation cancels do not count
    for article in articles:
        share = words.set_index(["article", "voice"])["share"]
        own = markers[markers["article"] == article.id]
        counts = own["voice"].value_counts()
        spoken = (f"- {_label(article)}: the narrator speaks "
                  f"{_share(share[(article.id, 'narrator')])} of the words, reported speech "
                  f"{_share(share[(article.id, 'reported')])}, quotation "
                  f"{_share(share[(article.id, 'quoted')])}.")
        if own.empty:
            lines.append(f"{spoken} It has no stance markers.")
            continue
        lines.append(
            f"{spoken} Of its {plural(len(own), 'stance marker')}, "
            f"{int(counts.get('narrator', 0))} {_are(counts.get('narrator', 0))} the narrator's "
            f"own, {int(counts.get('reported', 0))} {_are(counts.get('reported', 0))} in "
            f"reported speech and {int(counts.get('quoted', 0))} in quotations.")
    return "\n".join(lines)


def _are(n: int) -> str:
    """"is" or "are" for a count."""
    return "is" if n == 1 else "are"


def top_category(table: pd.DataFrame, column: str, articles: Sequence[Article],
                 what: str) -> str:
    """For each article, the category of ``column`` with the highest rate per 1,000 words."""
    lines = []
    for article in articles:
        own = table[table["article"] == article.id].sort_values(["per_1000", column],
                                                                ascending=[False, True])
        if own.empty or own.iloc[0]["per_1000"] == 0:
            lines.append(f"- {_label(article)}: no {what} found.")
            continue
        top = own.iloc[0]
        lines.append(f"- {_label(article)}: most {what} are *{escape(str(top[column]))}* "
                     f"({top['per_1000']:.1f} per 1,000 words).")
    return "\n".join(lines)


def naming(table: pd.DataFrame, articles: Sequence[Article]) -> str:
    """Each actor's most frequent name in each article, from :func:`analysis.actors.naming`."""
    lines = []
    for actor, rows in table.groupby("actor", sort=False):
        parts = []
        for article in articles:
            own = rows[rows["article"] == article.id].sort_values(["count", "variant"],
                                                                  ascending=[False, True])
            parts.append(f"{_label(article)}: " + (
                f"*{escape(own.iloc[0]['variant'])}* ({int(own.iloc[0]['count'])} of "
                f"{int(own['count'].sum())})" if len(own) else "never named"))
        lines.append(f"- {escape(str(actor))}: " + "; ".join(parts) + ".")
    return "\n".join(lines) or "No actor was found in either article, so none is named."

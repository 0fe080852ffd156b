"""Figures, one function each, in one house style.

Every figure function follows the matplotlib idiom: ``plots.x(table, *, labels=None, ...,
ax=None)`` draws on ``ax`` (a new figure when None) and returns the Axes. The house style is
applied with a style context while the figure is drawn (:func:`style`), never by changing
global ``rcParams``. Labels and article text are plain text: a ``$`` is a dollar sign, never
mathtext or TeX, whatever the user's ``rcParams`` say (:func:`_plain_text`). The data each
figure draws comes from a ``*_data`` function (or, for bar charts, :func:`wide_table`), which
the tests check, since nbval does not compare images. Notebooks end plot cells with
``plt.show()``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, LogFormatter

from ..errors import AnalysisInputError
from ..words.significance import SIGNIFICANCE_Q

HOUSE_STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titley": 1.0,  # where matplotlib would put it (no ticks on top), without searching
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
}
ARTICLE_COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad")
PAIR = ("A", "B")  # how a keyness table's two sides are named when no labels are given
MUTED = "#9aa5b1"


@contextlib.contextmanager
def style() -> Iterator[None]:
    """The house style, for the figures drawn inside the ``with`` block."""
    with mpl.rc_context(HOUSE_STYLE):
        yield


def colour(i: int) -> str:
    """The house colour of the i-th article."""
    return ARTICLE_COLOURS[i % len(ARTICLE_COLOURS)]


def _axes(ax: Axes | None, width: float = 8.0, height: float = 4.5) -> Axes:
    """``ax``, or the Axes of a new figure of the given size, in the house style: the grid and
    the spines are set on the Axes itself, so a caller's Axes and ticks drawn later keep them."""
    if ax is None:
        _, ax = plt.subplots(figsize=(width, height))
    ax.grid(True, alpha=HOUSE_STYLE["grid.alpha"])
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _plain_text(ax: Axes) -> None:
    """Draw every text of ``ax`` as written: no mathtext, no TeX.

    Titles, axis labels, legend entries, annotations and tick labels set from labels or terms
    (ticks at fixed places, ``set_yticks(positions, labels)``) become plain text. Tick labels
    that matplotlib formats from numbers (a log axis's, see :class:`PlainLogFormatter`) and the
    offset text keep their formatting. Every figure function calls this before its figure is
    laid out or drawn.
    """
    numeric: set[int] = set()
    for axis in (ax.xaxis, ax.yaxis):
        numeric.add(id(axis.offsetText))
        for ticks, locator in ((axis.get_major_ticks(), axis.get_major_locator()),
                               (axis.get_minor_ticks(), axis.get_minor_locator())):
            if not isinstance(locator, FixedLocator):
                numeric.update(id(label) for tick in ticks for label in (tick.label1, tick.label2))
    for text in ax.findobj(Text):
        if id(text) not in numeric:
            text.set_parse_math(False)
            text.set_usetex(False)


def _finish(ax: Axes, created: bool) -> Axes:
    """Make the texts plain, and lay out the figure when this module created it (a caller's
    figure is left alone)."""
    _plain_text(ax)
    if created:
        ax.figure.tight_layout()
    return ax


class PlainLogFormatter(LogFormatter):
    """Log-axis tick labels as plain numbers ("0.5", "10", "200"), not powers of ten in
    mathtext: easier to read as rates, and no mathtext parser is built (a third of a second
    in a fresh process). Which ticks get a label is :class:`~matplotlib.ticker.LogFormatter`'s
    choice: the decades, and minor ticks too when the axis spans little more than a decade."""

    def _num_to_string(self, x: float, vmin: float, vmax: float) -> str:
        return f"{x:g}"


def _labels(data: pd.DataFrame, labels: Sequence[str] | None, column: str = "article"
            ) -> tuple[list[str], list[str]]:
    """The articles of ``data`` in order of appearance, and their display labels."""
    articles = list(dict.fromkeys(data[column]))
    return articles, list(labels) if labels else articles


def top_terms_data(table: pd.DataFrame, *, n: int = 15) -> pd.DataFrame:
    """The rows :func:`top_terms` draws: each article's ``n`` most frequent terms."""
    return table.groupby("article", sort=False).head(n).reset_index(drop=True)


def top_terms(table: pd.DataFrame, *, labels: Sequence[str] | None = None, n: int = 15,
              ax: Axes | Sequence[Axes] | None = None) -> list[Axes]:
    """Horizontal bars of each article's ``n`` most frequent terms, one panel per article.

    ``table`` is a :func:`analysis.words.term_table`. The one figure here with a panel per
    article: ``ax`` gives one Axes per article (or one Axes for one article), and the list of
    Axes is returned.
    """
    data = top_terms_data(table, n=n)
    articles, names = _labels(data, labels)
    with style():
        if ax is None:
            fig, grid = plt.subplots(1, len(articles), figsize=(9.0, max(3.0, 0.28 * n + 1.2)),
                                     squeeze=False)
            axes = list(grid[0])
            fig.suptitle(f"Most frequent terms (top {n}, stopwords removed)", x=0.01,
                         ha="left", fontweight="bold")
        else:
            axes = [ax] if isinstance(ax, Axes) else list(ax)
            if len(axes) != len(articles):
                raise AnalysisInputError(f"top_terms draws one panel per article: got "
                                         f"{len(axes)} Axes for {len(articles)} articles")
        top = data["per10k"].max() if len(data) else 1.0
        for i, (article, panel) in enumerate(zip(articles, axes, strict=True)):
            _axes(panel)
            rows = data[data["article"] == article].iloc[::-1]
            positions = np.arange(len(rows))
            panel.barh(positions, rows["per10k"], color=colour(i))
            panel.set_yticks(positions, rows["term"])
            panel.set_title(names[i])
            panel.set_xlabel("per 10,000 words")
            panel.set_xlim(0, top * 1.1)
            panel.grid(axis="y", visible=False)
            _plain_text(panel)
        if ax is None:
            axes[0].figure.tight_layout()
    return axes


def keyness_data(table: pd.DataFrame, *, n: int = 12, min_count: int = 3) -> pd.DataFrame:
    """The rows :func:`keyness` draws: the ``n`` most key terms of each side with at least
    ``min_count`` uses, ordered by G2, with a ``significant`` column (q < 0.05 after the
    Benjamini-Hochberg correction)."""
    eligible = table[(table["count_a"] + table["count_b"]) >= min_count]
    side_a = eligible[eligible["g2"] > 0].nlargest(n, "g2")
    side_b = eligible[eligible["g2"] < 0].nsmallest(n, "g2")
    data = pd.concat([side_a, side_b.iloc[::-1]], ignore_index=True)
    data["significant"] = data["q_value"] < SIGNIFICANCE_Q
    return data


def keyness(table: pd.DataFrame, *, labels: Sequence[str] | None = None, n: int = 12,
            min_count: int = 3, ax: Axes | None = None) -> Axes:
    """Diverging bars of log ratio for the most key terms of each side, ordered by G2.

    ``table`` is a keyness table (A = first label, B = second; "A" and "B" when no labels are
    given). Bars of significant terms are solid and starred; others are pale.
    """
    labels = list(labels) if labels else list(PAIR)
    data = keyness_data(table, n=n, min_count=min_count)
    created = ax is None
    with style():
        ax = _axes(ax, 8.0, max(3.0, 0.3 * len(data) + 1.5))
        y = np.arange(len(data))[::-1]
        colours = [colour(0) if g > 0 else colour(1) for g in data["g2"]]
        alphas = [1.0 if s else 0.35 for s in data["significant"]]
        for yi, value, c, a in zip(y, data["log_ratio"], colours, alphas, strict=True):
            ax.barh(yi, value, color=c, alpha=a)
        ax.set_yticks(y, [f"{t}{' *' if s else ''}" for t, s in
                          zip(data["term"], data["significant"], strict=True)])
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(f"log2 ratio of relative frequencies  (← more in {labels[1]} · "
                      f"more in {labels[0]} →)")
        ax.set_title(f"Key terms, ordered by log-likelihood G2 (* q < 0.05; at least "
                     f"{min_count} uses)")
        ax.grid(axis="y", visible=False)
        return _finish(ax, created)


def _floor(table: pd.DataFrame, floor: float | None) -> float:
    """Where absent terms sit: ``floor``, or half the smallest non-zero rate."""
    positive = pd.concat([table["per10k_a"], table["per10k_b"]])
    positive = positive[positive > 0]
    return floor or (positive.min() / 2 if len(positive) else 1.0)


def rate_scatter_data(table: pd.DataFrame, *, floor: float | None = None) -> pd.DataFrame:
    """The points :func:`rate_scatter` draws: term, x (rate in A), y (rate in B), log_odds_z.
    A term absent from one side sits on the floor (half the smallest non-zero rate)."""
    data = table[["term", "per10k_a", "per10k_b", "log_odds_z"]].copy()
    floor = _floor(table, floor)
    data["x"] = data["per10k_a"].where(data["per10k_a"] > 0, floor)
    data["y"] = data["per10k_b"].where(data["per10k_b"] > 0, floor)
    return data.drop(columns=["per10k_a", "per10k_b"]).reset_index(drop=True)


def rate_scatter(table: pd.DataFrame, *, labels: Sequence[str] | None = None,
                 n_labels: int = 14, floor: float | None = None, ax: Axes | None = None) -> Axes:
    """Rate in A against rate in B on log axes, labelling the most distinctive terms.

    Labels go to the ``n_labels`` terms with the largest absolute ``log_odds_z``; each label
    takes the first of several candidate positions that overlaps no earlier label and stays
    inside the Axes, or is dropped. The labels placed are the Axes' ``texts``.
    """
    labels = list(labels) if labels else list(PAIR)
    data = rate_scatter_data(table, floor=floor)
    low = _floor(table, floor)
    created = ax is None
    with style():
        ax = _axes(ax, 7.5, 7.0)
        ax.set_xscale("log")
        ax.set_yscale("log")
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_formatter(PlainLogFormatter(labelOnlyBase=False))
            axis.set_minor_formatter(PlainLogFormatter(labelOnlyBase=False))
        side = np.sign(data["log_odds_z"])
        point_colours = [colour(0) if s > 0 else colour(1) if s < 0 else MUTED for s in side]
        ax.scatter(data["x"], data["y"], s=14, c=point_colours, alpha=0.6, linewidths=0)
        top = max(data["x"].max(), data["y"].max()) * 1.6
        ax.plot([low / 1.3, top], [low / 1.3, top], color=MUTED, linewidth=0.8)
        ax.set_xlim(low / 1.3, top)
        ax.set_ylim(low / 1.3, top)
        ax.set_xlabel(f"{labels[0]}: uses per 10,000 words (absent: on the floor line)")
        ax.set_ylabel(f"{labels[1]}: uses per 10,000 words")
        ax.set_title("Term rates in the two articles")
        _finish(ax, created)
        _place_labels(ax, data, n_labels)
        _plain_text(ax)
    return ax


def _place_labels(ax: Axes, data: pd.DataFrame, n_labels: int) -> None:
    """Annotate the strongest terms where their labels overlap nothing placed before.

    A figure this module laid out (its limits set, ``tight_layout`` done) keeps its layout when
    drawn: the frame's and each label's extent come from the renderer without drawing it first
    (the same placements, tested; a draw is a third of the time ``rate_scatter`` takes). A
    caller's figure whose layout engine moves the Axes when drawn (constrained or tight
    layout) is drawn first, so that the labels are placed in the final frame."""
    engine = ax.figure.get_layout_engine()
    if engine is not None and not isinstance(engine, PlaceHolderLayoutEngine):
        ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    order = data.assign(strength=data["log_odds_z"].abs()).sort_values(
        ["strength", "term"], ascending=[False, True]).head(n_labels)
    placed = []
    for _, row in order.iterrows():
        for dx, dy, ha, va in ((5, 5, "left", "bottom"), (-5, 5, "right", "bottom"),
                               (5, -5, "left", "top"), (-5, -5, "right", "top"),
                               (8, 0, "left", "center"), (-8, 0, "right", "center")):
            text = ax.annotate(row["term"], (row["x"], row["y"]), xytext=(dx, dy),
                               textcoords="offset points", ha=ha, va=va, fontsize=8,
                               parse_math=False, usetex=False)
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                break
            text.remove()


def _dispersion_rows(data: pd.DataFrame) -> dict[tuple[str, str], int]:
    """The height of each (term, article) row: the first term's first article at the top."""
    articles = list(dict.fromkeys(data["article"]))
    rows = [(t, a) for t in dict.fromkeys(data["term"]) for a in articles]
    return {key: len(rows) - i for i, key in enumerate(rows)}


def dispersion_data(data: pd.DataFrame) -> pd.DataFrame:
    """A :func:`analysis.words.dispersion` table with the row (``y``) of each tick: one row
    per term and article, the first term at the top."""
    height = _dispersion_rows(data)
    return data.assign(y=[height[(t, a)] for t, a in
                          zip(data["term"], data["article"], strict=True)])


def dispersion(data: pd.DataFrame, *, labels: Sequence[str] | None = None,
               ax: Axes | None = None) -> Axes:
    """Where each chosen term occurs along each article (0 = start, 1 = end)."""
    placed = dispersion_data(data)
    articles, names = _labels(placed, labels)
    rows = [(t, a, y) for (t, a), y in _dispersion_rows(data).items()]
    created = ax is None
    with style():
        ax = _axes(ax, 8.0, max(2.5, 0.35 * len(rows) + 1.2))
        for i, article in enumerate(articles):
            hits = placed[placed["article"] == article]
            ax.scatter(hits["position"], hits["y"], marker="|", s=220, color=colour(i),
                       label=names[i])
        ax.set_yticks([y for _, _, y in rows],
                      [f"{t} ({names[articles.index(a)]})" for t, a, _ in rows])
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(0.3, len(rows) + 0.7)
        ax.set_xlabel("position in the article (share of words before the hit)")
        ax.set_title("Where the terms occur")
        ax.grid(axis="y", visible=False)
        return _finish(ax, created)


def wide_table(table: pd.DataFrame, category: str, value: str) -> pd.DataFrame:
    """``value`` by article (rows, in order of appearance) and ``category`` (columns, in order
    of appearance), zero where absent: the data of every bar chart here."""
    articles = list(dict.fromkeys(table["article"]))
    categories = list(dict.fromkeys(table[category]))
    wide = (table.pivot_table(index="article", columns=category, values=value, aggfunc="sum",
                              fill_value=0, sort=False)
            .reindex(index=articles, columns=categories, fill_value=0))
    wide.columns.name = None
    return wide.reset_index()


def _bars(table: pd.DataFrame, category: str, value: str, labels: Sequence[str] | None,
          title: str, axis_label: str, ax: Axes | None, stacked: bool = False) -> Axes:
    """Bars of ``value`` by ``category`` for each article: grouped, or stacked per article."""
    wide = wide_table(table, category, value).set_index("article")
    articles, names = list(wide.index), list(labels) if labels else list(wide.index)
    categories = list(wide.columns)
    created = ax is None
    with style():
        height = 4.0 if stacked else max(3.5, 0.45 * len(categories) * 2 + 1)
        ax = _axes(ax, 8.0, height)
        if stacked:
            left = np.zeros(len(articles))
            positions = np.arange(len(articles))  # the first article at the top
            palette = plt.get_cmap("tab10")
            for i, name in enumerate(categories):
                values = wide[name].to_numpy(dtype=float)
                ax.barh(positions, values[::-1], left=left[::-1], color=palette(i % 10),
                        label=name)
                left += values
            ax.set_yticks(positions, names[::-1])
            ax.legend(ncols=min(4, len(categories)), loc="upper center",
                      bbox_to_anchor=(0.5, -0.18))
        else:
            bar = 0.8 / len(articles)
            y = np.arange(len(categories))[::-1]
            for i, article in enumerate(articles):
                ax.barh(y + (len(articles) - 1 - i) * bar - 0.4 + bar / 2,
                        wide.loc[article].to_numpy(dtype=float), height=bar, color=colour(i),
                        label=names[i])
            ax.set_yticks(y, categories)
            ax.legend(loc="best")
        ax.set_xlabel(axis_label)
        ax.set_title(title)
        ax.grid(axis="y", visible=False)
        return _finish(ax, created)


def source_kinds(kinds: pd.DataFrame, *, labels: Sequence[str] | None = None,
                 ax: Axes | None = None) -> Axes:
    """Stacked bars: each article's attributions by kind of source
    (:func:`analysis.sources.kind_counts`)."""
    return _bars(kinds, "kind", "attributions", labels, "Who is cited: attributions by kind "
                 "of source", "attributions", ax, stacked=True)


def named_anonymous(named: pd.DataFrame, *, labels: Sequence[str] | None = None,
                    ax: Axes | None = None) -> Axes:
    """Stacked bars: named, anonymous and unresolved attributions per article
    (:func:`analysis.sources.named_counts`)."""
    return _bars(named, "status", "attributions", labels, "How openly: named and anonymous "
                 "attributions", "attributions", ax, stacked=True)


def cue_classes(cues: pd.DataFrame, *, labels: Sequence[str] | None = None,
                ax: Axes | None = None) -> Axes:
    """Grouped bars: reporting-cue classes per article
    (:func:`analysis.sources.cue_class_counts`)."""
    return _bars(cues, "cue_class", "attributions", labels, "How sources are cited: classes "
                 "of reporting cue", "attributions", ax)


def stance(summary: pd.DataFrame, *, labels: Sequence[str] | None = None,
           ax: Axes | None = None) -> Axes:
    """Grouped bars: stance markers per 1,000 words by category
    (:func:`analysis.stance.summary`)."""
    return _bars(summary, "category", "per_1000", labels, "Stance markers per 1,000 words",
                 "markers per 1,000 words", ax)


def frames(scores: pd.DataFrame, *, labels: Sequence[str] | None = None,
           ax: Axes | None = None) -> Axes:
    """Grouped bars: news-frame indicator hits per 1,000 words (:func:`analysis.frames.scores`)."""
    return _bars(scores, "frame_name", "per_1000", labels, "News frames: indicator hits per "
                 "1,000 words", "hits per 1,000 words", ax)


def voice_shares(words: pd.DataFrame, *, labels: Sequence[str] | None = None,
                 ax: Axes | None = None) -> Axes:
    """Stacked bars: the share of each article's words in the narrator's, reported and quoted
    voice (:func:`analysis.voice.words`)."""
    return _bars(words, "voice", "share", labels, "Whose words: narrator, reported speech, "
                 "quotation", "share of words", ax, stacked=True)


def stance_by_voice_data(table: pd.DataFrame) -> pd.DataFrame:
    """Stance markers per article and voice, over all categories (from
    :func:`analysis.voice.stance`): the data of :func:`stance_by_voice`."""
    return table.groupby(["article", "voice"], sort=False, as_index=False)["count"].sum()


def stance_by_voice(table: pd.DataFrame, *, labels: Sequence[str] | None = None,
                    ax: Axes | None = None) -> Axes:
    """Grouped bars: stance markers by voice, counted over all categories."""
    return _bars(stance_by_voice_data(table), "voice", "count", labels,
                 "Stance markers by voice: the outlet's own, paraphrase, or quotation",
                 "stance markers", ax)


def tone_profile_data(scores: pd.DataFrame) -> pd.DataFrame:
    """Sentence tone rows (:func:`analysis.tone.score`) with ``x``, the position of each
    sentence in its article (first = 0, last = 1)."""
    frames = []
    for article in dict.fromkeys(scores["article"]):
        rows = scores[scores["article"] == article].reset_index(drop=True)
        frames.append(rows.assign(x=rows.index / max(len(rows) - 1, 1)))
    return pd.concat(frames, ignore_index=True) if frames else scores.assign(x=[])


def tone_profile(scores: pd.DataFrame, *, labels: Sequence[str] | None = None,
                 ax: Axes | None = None) -> Axes:
    """VADER compound score of each sentence along each article, with a line at zero."""
    data = tone_profile_data(scores)
    articles, names = _labels(data, labels)
    created = ax is None
    with style():
        ax = _axes(ax, 8.0, 3.8)
        for i, article in enumerate(articles):
            rows = data[data["article"] == article]
            ax.plot(rows["x"], rows["compound"], marker="o", markersize=3, color=colour(i),
                    label=names[i], linewidth=1)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("position in the article (first sentence = 0, last = 1)")
        ax.set_ylabel("VADER compound")
        ax.set_title("Tone sentence by sentence")
        ax.legend()
        return _finish(ax, created)

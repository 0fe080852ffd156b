"""One function per figure, all in one house style. Each draws on a new figure and returns the
DataFrame it plots, so tests can check the data behind every figure (nbval does not compare
images). Notebooks end plot cells with ``plt.show()``.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .frequencies import SIGNIFICANCE_G2

HOUSE_STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "svg.hashsalt": "news-framing",
}
ARTICLE_COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad")
MUTED = "#9aa5b1"


def apply_style() -> None:
    """Apply the house plotting style to matplotlib."""
    mpl.rcParams.update(HOUSE_STYLE)


def colour(i: int) -> str:
    """The house colour of the i-th article."""
    return ARTICLE_COLOURS[i % len(ARTICLE_COLOURS)]


def _figure(width: float = 8.0, height: float = 4.5, ncols: int = 1, sharey: bool = False):
    apply_style()
    return plt.subplots(1, ncols, figsize=(width, height), sharey=sharey, squeeze=False)


def plot_top_terms(table: pd.DataFrame, labels: Sequence[str] | None = None,
                   n: int = 15) -> pd.DataFrame:
    """Horizontal bars of each article's ``n`` most frequent terms, side by side.

    ``table`` is a ``term_table``. Returns the rows plotted: article, term, count, per10k, rank.
    """
    articles = list(dict.fromkeys(table["article"]))
    labels = list(labels) if labels else articles
    data = table.groupby("article", sort=False).head(n).reset_index(drop=True)
    fig, axes = _figure(9.0, max(3.0, 0.28 * n + 1.2), ncols=len(articles))
    top = data["per10k"].max() if len(data) else 1.0
    for i, (article, ax) in enumerate(zip(articles, axes[0], strict=True)):
        rows = data[data["article"] == article].iloc[::-1]
        ax.barh(rows["term"], rows["per10k"], color=colour(i))
        ax.set_title(labels[i])
        ax.set_xlabel("per 10,000 words")
        ax.set_xlim(0, top * 1.1)
        ax.grid(axis="y", visible=False)
    fig.suptitle(f"Most frequent terms (top {n}, stopwords removed)", x=0.01, ha="left",
                 fontweight="bold")
    fig.tight_layout()
    return data


def plot_keyness(table: pd.DataFrame, labels: Sequence[str], n: int = 12,
                 min_count: int = 3) -> pd.DataFrame:
    """Diverging bars of log ratio for the most key terms of each side, ordered by G2.

    ``table`` is a ``keyness`` table (A = first label, B = second). Terms need
    ``count_a + count_b >= min_count``. Bars of significant terms (G2 >= 3.84, p < 0.05) are
    solid; others are pale. Returns the rows plotted, with a ``significant`` column.
    """
    eligible = table[(table["count_a"] + table["count_b"]) >= min_count]
    side_a = eligible[eligible["g2"] > 0].nlargest(n, "g2")
    side_b = eligible[eligible["g2"] < 0].nsmallest(n, "g2")
    data = pd.concat([side_a, side_b.iloc[::-1]], ignore_index=True)
    data["significant"] = data["g2"].abs() >= SIGNIFICANCE_G2
    fig, axes = _figure(8.0, max(3.0, 0.3 * len(data) + 1.5))
    ax = axes[0][0]
    y = np.arange(len(data))[::-1]
    colours = [colour(0) if g > 0 else colour(1) for g in data["g2"]]
    alphas = [1.0 if s else 0.35 for s in data["significant"]]
    for yi, value, c, a in zip(y, data["log_ratio"], colours, alphas, strict=True):
        ax.barh(yi, value, color=c, alpha=a)
    ax.set_yticks(y, [f"{t}{' *' if s else ''}" for t, s in zip(data["term"],
                                                                 data["significant"],
                                                                 strict=True)])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(f"log2 ratio of relative frequencies  (← more in {labels[1]} · "
                  f"more in {labels[0]} →)")
    ax.set_title(f"Key terms, ordered by log-likelihood G2 (* p < 0.05; at least {min_count} "
                 "uses)")
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return data


def _overlaps(box, boxes) -> bool:
    return any(box.overlaps(other) for other in boxes)


def plot_rate_scatter(table: pd.DataFrame, labels: Sequence[str], n_labels: int = 14,
                      floor: float | None = None) -> pd.DataFrame:
    """Rate in A against rate in B on log axes, labelling the most distinctive terms.

    Terms absent from one article sit on a floor line (half the smallest non-zero rate).
    Labels go to the ``n_labels`` terms with the largest absolute ``log_odds_z``; each label
    takes the first of several candidate positions that overlaps no earlier label, or is
    dropped. Returns one row per term: term, x, y, log_odds_z, labelled, and the label's
    box in pixels (box_x0, box_y0, box_x1, box_y1; empty when unlabelled).
    """
    data = table[["term", "per10k_a", "per10k_b", "log_odds_z"]].copy()
    positive = pd.concat([data["per10k_a"], data["per10k_b"]])
    positive = positive[positive > 0]
    floor = floor or (positive.min() / 2 if len(positive) else 1.0)
    data["x"] = data["per10k_a"].where(data["per10k_a"] > 0, floor)
    data["y"] = data["per10k_b"].where(data["per10k_b"] > 0, floor)
    fig, axes = _figure(7.5, 7.0)
    ax = axes[0][0]
    ax.set_xscale("log")
    ax.set_yscale("log")
    side = np.sign(data["log_odds_z"])
    point_colours = [colour(0) if s > 0 else colour(1) if s < 0 else MUTED for s in side]
    ax.scatter(data["x"], data["y"], s=14, c=point_colours, alpha=0.6, linewidths=0)
    top = max(data["x"].max(), data["y"].max()) * 1.6
    ax.plot([floor / 1.3, top], [floor / 1.3, top], color=MUTED, linewidth=0.8)
    ax.set_xlim(floor / 1.3, top)
    ax.set_ylim(floor / 1.3, top)
    ax.set_xlabel(f"{labels[0]}: uses per 10,000 words (absent: on the floor line)")
    ax.set_ylabel(f"{labels[1]}: uses per 10,000 words")
    ax.set_title("Term rates in the two articles")
    fig.tight_layout()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    order = data.assign(strength=data["log_odds_z"].abs()).sort_values(
        ["strength", "term"], ascending=[False, True]).head(n_labels)
    placed = []
    boxes: dict[str, tuple[float, float, float, float]] = {}
    point_boxes = []
    for _, row in data.iterrows():
        px, py = ax.transData.transform((row["x"], row["y"]))
        point_boxes.append(mpl.transforms.Bbox.from_extents(px - 2, py - 2, px + 2, py + 2))
    for _, row in order.iterrows():
        for dx, dy, ha, va in ((5, 5, "left", "bottom"), (-5, 5, "right", "bottom"),
                               (5, -5, "left", "top"), (-5, -5, "right", "top"),
                               (8, 0, "left", "center"), (-8, 0, "right", "center")):
            text = ax.annotate(row["term"], (row["x"], row["y"]), xytext=(dx, dy),
                               textcoords="offset points", ha=ha, va=va, fontsize=8)
            box = text.get_window_extent(renderer).expanded(1.05, 1.1)
            inside = ax.get_window_extent(renderer).contains(box.x0, box.y0) and \
                ax.get_window_extent(renderer).contains(box.x1, box.y1)
            if inside and not _overlaps(box, placed):
                placed.append(box)
                boxes[row["term"]] = (box.x0, box.y0, box.x1, box.y1)
                break
            text.remove()
    data["labelled"] = data["term"].isin(boxes)
    for i, name in enumerate(("box_x0", "box_y0", "box_x1", "box_y1")):
        data[name] = [boxes[t][i] if t in boxes else np.nan for t in data["term"]]
    return data.drop(columns=["per10k_a", "per10k_b"]).reset_index(drop=True)


def plot_dispersion(data: pd.DataFrame, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Where each chosen term occurs along each article (0 = start, 1 = end).

    ``data`` is a ``dispersion`` table. One row of ticks per term and article. Returns
    ``data`` with the y position used for each tick.
    """
    articles = list(dict.fromkeys(data["article"]))
    labels = list(labels) if labels else articles
    terms = list(dict.fromkeys(data["term"]))
    rows = [(t, a) for t in terms for a in articles]
    height = {key: len(rows) - i for i, key in enumerate(rows)}
    data = data.assign(y=[height[(t, a)] for t, a in zip(data["term"], data["article"],
                                                          strict=True)])
    fig, axes = _figure(8.0, max(2.5, 0.35 * len(rows) + 1.2))
    ax = axes[0][0]
    for i, article in enumerate(articles):
        hits = data[data["article"] == article]
        ax.scatter(hits["position"], hits["y"], marker="|", s=220, color=colour(i),
                   label=labels[i])
    ax.set_yticks([height[k] for k in rows], [f"{t} ({labels[articles.index(a)]})"
                                              for t, a in rows])
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(0.3, len(rows) + 0.7)
    ax.set_xlabel("position in the article (share of words before the hit)")
    ax.set_title("Where the terms occur")
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return data


def close_all() -> None:
    """Close every open figure (tests call this to free memory)."""
    plt.close("all")


def current_figure() -> Figure:
    """The figure the last plot function drew."""
    return plt.gcf()


def _bars(table: pd.DataFrame, category: str, value: str, labels: Sequence[str] | None,
          title: str, axis_label: str, stacked: bool = False) -> pd.DataFrame:
    """Bars of ``value`` by ``category`` for each article: grouped, or stacked per article."""
    articles = list(dict.fromkeys(table["article"]))
    labels = list(labels) if labels else articles
    categories = list(dict.fromkeys(table[category]))
    wide = (table.pivot_table(index="article", columns=category, values=value, aggfunc="sum",
                              fill_value=0, sort=False)
            .reindex(index=articles, columns=categories, fill_value=0))
    fig, axes = _figure(8.0, 4.0 if stacked else max(3.5, 0.45 * len(categories) * 2 + 1))
    ax = axes[0][0]
    if stacked:
        left = np.zeros(len(articles))
        palette = plt.get_cmap("tab10")
        for i, name in enumerate(categories):
            values = wide[name].to_numpy(dtype=float)
            ax.barh(labels[::-1], values[::-1], left=left[::-1], color=palette(i % 10),
                    label=name)
            left += values
        ax.legend(ncols=min(4, len(categories)), loc="upper center",
                  bbox_to_anchor=(0.5, -0.18))
    else:
        height = 0.8 / len(articles)
        y = np.arange(len(categories))[::-1]
        for i, article in enumerate(articles):
            ax.barh(y + (len(articles) - 1 - i) * height - 0.4 + height / 2,
                    wide.loc[article].to_numpy(dtype=float), height=height, color=colour(i),
                    label=labels[i])
        ax.set_yticks(y, categories)
        ax.legend(loc="best")
    ax.set_xlabel(axis_label)
    ax.set_title(title)
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return wide.reset_index()


def plot_source_kinds(kinds: pd.DataFrame, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Stacked bars: each article's attributions by kind of source (``kind_counts``).
    Returns the plotted table: one row per article, one column per kind."""
    return _bars(kinds, "kind", "attributions", labels, "Who is cited: attributions by kind "
                 "of source", "attributions", stacked=True)


def plot_named_anonymous(named: pd.DataFrame, labels: Sequence[str] | None = None
                         ) -> pd.DataFrame:
    """Stacked bars: named, anonymous and unresolved attributions per article
    (``named_counts``). Returns the plotted table."""
    return _bars(named, "status", "attributions", labels, "How openly: named and anonymous "
                 "attributions", "attributions", stacked=True)


def plot_cue_classes(cues: pd.DataFrame, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Grouped bars: reporting-cue classes per article (``cue_class_counts``). Returns the
    plotted table."""
    return _bars(cues, "cue_class", "attributions", labels, "How sources are cited: classes "
                 "of reporting cue", "attributions")


def plot_stance(summary: pd.DataFrame, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Grouped bars: stance markers per 1,000 words by category (``stance_summary``)."""
    return _bars(summary, "category", "per_1000", labels, "Stance markers per 1,000 words",
                 "markers per 1,000 words")


def plot_frames(scores: pd.DataFrame, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Grouped bars: news-frame indicator hits per 1,000 words (``frame_scores``)."""
    return _bars(scores, "frame_name", "per_1000", labels, "News frames: indicator hits per "
                 "1,000 words", "hits per 1,000 words")


def plot_voice_shares(words: pd.DataFrame, labels: Sequence[str] | None = None) -> pd.DataFrame:
    """Stacked bars: the share of each article's words in the narrator's, reported and quoted
    voice (``voice_words``)."""
    return _bars(words, "voice", "share", labels, "Whose words: narrator, reported speech, "
                 "quotation", "share of words", stacked=True)


def plot_stance_by_voice(table: pd.DataFrame, labels: Sequence[str] | None = None
                         ) -> pd.DataFrame:
    """Grouped bars: stance markers by voice, counted over all categories (``stance_by_voice``).
    Returns the plotted table (articles by voice, marker counts)."""
    counts = table.groupby(["article", "voice"], sort=False, as_index=False)["count"].sum()
    return _bars(counts, "voice", "count", labels,
                 "Stance markers by voice: the outlet's own, paraphrase, or quotation",
                 "stance markers")


def plot_tone_profile(scores: pd.DataFrame, labels: Sequence[str] | None = None
                      ) -> pd.DataFrame:
    """VADER compound score of each sentence along each article (``tone`` by sentence), with
    a line at zero. Returns the plotted rows with their x position (0 = first sentence)."""
    articles = list(dict.fromkeys(scores["article"]))
    labels = list(labels) if labels else articles
    frames = []
    fig, axes = _figure(8.0, 3.8)
    ax = axes[0][0]
    for i, article in enumerate(articles):
        rows = scores[scores["article"] == article].reset_index(drop=True)
        rows = rows.assign(x=rows.index / max(len(rows) - 1, 1))
        ax.plot(rows["x"], rows["compound"], marker="o", markersize=3, color=colour(i),
                label=labels[i], linewidth=1)
        frames.append(rows)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("position in the article (first sentence = 0, last = 1)")
    ax.set_ylabel("VADER compound")
    ax.set_title("Tone sentence by sentence")
    ax.legend()
    fig.tight_layout()
    return pd.concat(frames, ignore_index=True)

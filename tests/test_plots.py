"""The data behind every figure (nbval cannot compare images), and the Axes drawn from it."""

from __future__ import annotations

import itertools

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

import analysis
from analysis import plots, words

matplotlib.use("Agg")
LABELS = ["Daily Mail", "Russian report"]


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def tick_labels(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def legend_labels(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def bar_lengths(ax: Axes, wide: pd.DataFrame, stacked: bool = False) -> np.ndarray:
    """The drawn bar lengths, arranged like ``wide`` (articles by categories). Grouped bars are
    drawn article by article; stacked bars category by category, the last article first."""
    lengths = np.array([p.get_width() for p in ax.patches])
    n_articles, n_categories = len(wide), len(wide.columns) - 1
    if stacked:
        return lengths.reshape(n_categories, n_articles)[:, ::-1].T
    return lengths.reshape(n_articles, n_categories)


def assert_bars_show(ax: Axes, wide: pd.DataFrame, stacked: bool = False) -> None:
    """One bar per article and category, as long as its value, labelled as the figure says."""
    values = wide.drop(columns="article").to_numpy(dtype=float)
    categories = list(wide.columns[1:])
    assert len(ax.figure.axes) == 1
    assert len(ax.patches) == values.size
    assert bar_lengths(ax, wide, stacked) == pytest.approx(values)
    if stacked:
        assert tick_labels(ax) == LABELS[::-1] and legend_labels(ax) == categories
    else:
        assert tick_labels(ax) == categories and legend_labels(ax) == LABELS


def test_top_terms_plot_data(seeds):
    table = words.term_table(seeds, unit="stem")
    data = plots.top_terms_data(table, n=10)
    assert data.groupby("article").size().to_dict() == {"dailymail": 10, "ru_translation": 10}
    first = data[data["article"] == "dailymail"].iloc[0]
    assert (first["term"], first["count"]) == ("u.s.", 13)
    axes = plots.top_terms(table, labels=LABELS, n=10)
    assert len(axes) == 2 and len(axes[0].figure.axes) == 2
    for ax, label, (_, rows) in zip(axes, LABELS, data.groupby("article", sort=False),
                                    strict=True):
        assert ax.get_title(loc="left") == label  # the house style titles on the left
        assert len(ax.patches) == 10
        assert tick_labels(ax) == rows["term"].tolist()[::-1]  # most frequent at the top
        assert [p.get_width() for p in ax.patches] == pytest.approx(rows["per10k"][::-1])


def test_keyness_plot_data(seeds):
    table = words.keyness_between(seeds)
    data = plots.keyness_data(table, n=5, min_count=3)
    assert len(data) == 10
    assert (data["count_a"] + data["count_b"] >= 3).all()
    assert list(data["g2"]) == sorted(data["g2"], reverse=True)
    assert data["significant"].tolist() == (data["q_value"] < 0.05).tolist()
    assert data.loc[data["significant"], "term"].tolist() == ["trump"]
    assert data.iloc[0]["term"] == "trump" and data.iloc[-1]["term"] == "states"
    ax = plots.keyness(table, labels=LABELS, n=5, min_count=3)
    assert len(ax.figure.axes) == 1 and len(ax.patches) == 10
    assert tick_labels(ax) == [f"{t}{' *' if s else ''}" for t, s in
                               zip(data["term"], data["significant"], strict=True)]
    assert [p.get_width() for p in ax.patches] == pytest.approx(data["log_ratio"])
    assert [p.get_alpha() == 1.0 for p in ax.patches] == data["significant"].tolist()


def test_rate_scatter_labels_do_not_overlap(seeds):
    table = words.keyness_between(seeds, min_count=1)
    data = plots.rate_scatter_data(table)
    assert (data["x"] > 0).all() and (data["y"] > 0).all()
    ax = plots.rate_scatter(table, labels=LABELS, n_labels=14)
    assert ax.collections[0].get_offsets().tolist() == data[["x", "y"]].to_numpy().tolist()
    labels = ax.texts
    assert len(labels) >= 10
    points = dict(zip(data["term"], zip(data["x"], data["y"], strict=True), strict=True))
    assert all(tuple(text.xy) == points[text.get_text()] for text in labels)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in labels]
    for a, b in itertools.combinations(boxes, 2):
        assert a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0
    strongest = data.loc[data["log_odds_z"].abs().idxmax(), "term"]
    assert strongest in {text.get_text() for text in labels}


def test_rate_scatter_places_its_labels_as_it_would_on_a_drawn_figure(seeds):
    # the labels are placed without drawing the figure first: the same places as after a draw
    table = words.keyness_between(seeds, min_count=1)
    data = plots.rate_scatter_data(table)
    placed = []
    for draw_first in (False, True):
        ax = plots.rate_scatter(table, labels=LABELS, n_labels=0)
        assert len(ax.texts) == 0
        if draw_first:
            ax.figure.canvas.draw()
        plots._place_labels(ax, data, 14)
        placed.append([(t.get_text(), t.get_position(), t.get_ha(), t.get_va())
                       for t in ax.texts])
    assert len(placed[0]) >= 10 and placed[0] == placed[1]


def test_rate_scatter_on_a_callers_constrained_figure_places_labels_in_its_final_frame(seeds):
    # constrained layout moves the Axes when the figure is drawn: the labels are placed after
    table = words.keyness_between(seeds, min_count=1)
    data = plots.rate_scatter_data(table)
    placed = []
    names = ["An outlet with a long name", "Another outlet with a long name"]
    for labels_first in (True, False):
        ax = plt.figure(layout="constrained", figsize=(4, 3)).add_subplot()
        plots.rate_scatter(table, labels=names, n_labels=14 if labels_first else 0, ax=ax)
        if not labels_first:
            ax.figure.canvas.draw()
            plots._place_labels(ax, data, 14)
        placed.append([(t.get_text(), t.get_position(), t.get_ha(), t.get_va())
                       for t in ax.texts])
    assert len(placed[0]) >= 9 and placed[0] == placed[1]


def test_rate_scatter_ticks_are_plain_numbers(seeds):
    ax = plots.rate_scatter(words.keyness_between(seeds, min_count=1), labels=LABELS)
    ax.figure.canvas.draw()
    for axis in (ax.xaxis, ax.yaxis):
        low, high = sorted(axis.get_view_interval())
        shown = {float(tick.get_loc()): tick.label1.get_text() for tick in axis.get_major_ticks()
                 if low <= tick.get_loc() <= high}
        assert shown == {10.0: "10", 100.0: "100"}  # the seeds' rates run from 5 to 344
    plt.close(ax.figure)


def test_plain_log_ticks_on_a_narrow_range():
    # less than a decade: matplotlib labels minor ticks too, and they stay plain numbers
    _, ax = plt.subplots()
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(plots.PlainLogFormatter(labelOnlyBase=False))
    ax.xaxis.set_minor_formatter(plots.PlainLogFormatter(labelOnlyBase=False))
    ax.set_xlim(0.2, 0.9)
    ax.figure.canvas.draw()
    texts = [t.get_text() for t in ax.get_xticklabels(minor=True) if t.get_text()]
    assert texts == ["0.2", "0.3", "0.4", "0.6"]
    plt.close(ax.figure)


def test_dispersion_plot_data(seeds):
    hits = words.dispersion(seeds, {"money": ["bounties", "rewards"], "Taliban": "taliban"})
    data = plots.dispersion_data(hits)
    assert len(data) == len(hits)
    assert data.groupby(["term", "article"])["y"].nunique().eq(1).all()
    assert data["y"].nunique() == 4
    ax = plots.dispersion(hits, labels=LABELS)
    assert len(ax.figure.axes) == 1 and len(ax.collections) == 2  # one row of ticks per article
    for drawn, (_, rows) in zip(ax.collections, data.groupby("article", sort=False),
                                strict=True):
        assert drawn.get_offsets().tolist() == rows[["position", "y"]].to_numpy().tolist()
    names = dict(zip(dict.fromkeys(data["article"]), LABELS, strict=True))
    rows = data[["term", "article", "y"]].drop_duplicates()
    assert dict(zip(tick_labels(ax), ax.get_yticks(), strict=True)) == {
        f"{r.term} ({names[r.article]})": r.y for r in rows.itertuples()}


def test_titles_sit_where_matplotlibs_own_search_puts_them(seeds, monkeypatch):
    """The house style fixes ``axes.titley`` (matplotlib then skips its search for a place
    above any top ticks): with no ticks on top, the figure is drawn pixel for pixel as with
    the search."""
    key = words.keyness_between(seeds)
    fixed = plots.keyness(key, labels=LABELS)
    monkeypatch.setitem(plots.HOUSE_STYLE, "axes.titley", None)
    searched = plots.keyness(key, labels=LABELS)
    for figure in (fixed.figure, searched.figure):
        figure.canvas.draw()
    assert searched._autotitlepos and not fixed._autotitlepos
    assert fixed._left_title.get_position() == searched._left_title.get_position() == (0.0, 1.0)
    assert np.array_equal(np.asarray(fixed.figure.canvas.buffer_rgba()),
                          np.asarray(searched.figure.canvas.buffer_rgba()))
    plt.close("all")


def test_source_figures_plot_every_category(seeds):
    counts = analysis.sources.kind_counts(seeds)
    kinds = plots.wide_table(counts, "kind", "attributions")
    assert list(kinds["article"]) == ["dailymail", "ru_translation"]
    assert kinds.drop(columns="article").sum(axis=1).tolist() == [
        len(analysis.sources.attributions(a)) for a in seeds]
    assert_bars_show(plots.source_kinds(counts, labels=LABELS), kinds, stacked=True)
    counts = analysis.sources.named_counts(seeds)
    named = plots.wide_table(counts, "status", "attributions")
    assert named.set_index("article").loc["dailymail", "anonymous"] == (
        analysis.sources.anonymity(seeds).set_index("article").loc["dailymail", "anonymous"])
    assert_bars_show(plots.named_anonymous(counts, labels=LABELS), named, stacked=True)
    counts = analysis.sources.cue_class_counts(seeds)
    cues = plots.wide_table(counts, "cue_class", "attributions")
    assert cues.set_index("article").loc["dailymail", "non_response"] >= 3  # CIA, NSA, Pentagon
    assert cues.set_index("article").loc["ru_translation", "directive"] >= 1
    assert_bars_show(plots.cue_classes(counts, labels=LABELS), cues)


def test_framing_figures_plot_the_summaries(seeds):
    summary = analysis.stance.summary(seeds)
    stance = plots.wide_table(summary, "category", "per_1000")
    by_article = stance.set_index("article")
    assert by_article.loc["ru_translation", "distancing"] > by_article.loc["dailymail",
                                                                           "distancing"]
    assert_bars_show(plots.stance(summary, labels=LABELS), stance)
    scores = analysis.frames.scores(seeds)
    frames = plots.wide_table(scores, "frame_name", "per_1000")
    assert len(frames.columns) == 6 and len(frames) == 2
    assert_bars_show(plots.frames(scores, labels=LABELS), frames)
    voice_words = analysis.voice.words(seeds)
    shares = plots.wide_table(voice_words, "voice", "share")
    assert shares.set_index("article").sum(axis=1).round(6).tolist() == [1.0, 1.0]
    assert_bars_show(plots.voice_shares(voice_words, labels=LABELS), shares, stacked=True)
    table = analysis.voice.stance(seeds)
    by_voice = plots.wide_table(plots.stance_by_voice_data(table), "voice", "count")
    assert by_voice.drop(columns="article").sum(axis=1).tolist() == [
        int(analysis.voice.stance([a])["count"].sum()) for a in seeds]
    assert_bars_show(plots.stance_by_voice(table, labels=LABELS), by_voice)


def test_tone_profile_runs_from_first_to_last_sentence(seeds):
    scores = analysis.tone.score(seeds)
    tone = plots.tone_profile_data(scores)
    assert tone.groupby("article")["x"].agg(["min", "max"]).to_numpy().tolist() == [
        [0.0, 1.0], [0.0, 1.0]]
    ax = plots.tone_profile(scores, labels=LABELS)
    assert len(ax.figure.axes) == 1 and legend_labels(ax) == LABELS
    profiles = ax.lines[:2]  # then the line at zero
    for line, (_, rows) in zip(profiles, tone.groupby("article", sort=False), strict=True):
        assert list(line.get_xdata()) == pytest.approx(rows["x"])
        assert list(line.get_ydata()) == pytest.approx(rows["compound"])


def test_figures_draw_on_a_given_axes_in_the_house_style_and_leave_rcparams_alone(seeds):
    before = dict(matplotlib.rcParams)
    fig, (left, right) = plt.subplots(1, 2)
    drawn = plots.stance(analysis.stance.summary(seeds), labels=LABELS, ax=left)
    assert drawn is left and len(fig.axes) == 2 and len(left.patches) > 0
    assert not left.spines["top"].get_visible() and not left.spines["right"].get_visible()
    assert right.spines["top"].get_visible()  # the other panel is the caller's, untouched
    assert left.get_title(loc="left").startswith("Stance markers")
    key = words.keyness_between(seeds)
    unlabelled = plots.keyness(key, n=3, min_count=3, ax=right)
    assert "more in B" in unlabelled.get_xlabel() and "more in A" in unlabelled.get_xlabel()
    assert dict(matplotlib.rcParams) == before


def test_top_terms_takes_one_axes_per_article(seeds):
    table = words.term_table(seeds[:1], unit="stem")
    fig, ax = plt.subplots()
    assert plots.top_terms(table, n=5, ax=ax) == [ax] and len(ax.patches) == 5
    both = words.term_table(seeds, unit="stem")
    with pytest.raises(analysis.AnalysisInputError, match="got 1 Axes for 2 articles"):
        plots.top_terms(both, n=5, ax=ax)


HOSTILE = ["Cost $x^$", "US$5 and $6"]  # a stray "$" crashed mathtext; two were drawn as maths


def mathtext(fig: plt.Figure) -> list[str]:
    """The texts of ``fig`` that matplotlib would draw as maths (or TeX); log axes' ticks
    included (:class:`analysis.plots.PlainLogFormatter` writes them as plain numbers)."""
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text)
            if t._preprocess_math(t.get_text())[1]]


def test_labels_and_terms_with_dollars_are_drawn_as_written(seeds):
    key = words.keyness_between(seeds, min_count=1)
    key.loc[key["g2"].idxmax(), "term"] = "$x^$"
    terms = words.term_table(seeds, unit="stem")
    terms.loc[terms.index[0], "term"] = "US$5 and $6"
    spread = words.dispersion(seeds, {"money": ["bounties", "rewards"]})
    drawn = [plots.keyness(key, labels=HOSTILE, n=5, min_count=1),
             plots.rate_scatter(key, labels=HOSTILE, n_labels=40),
             plots.dispersion(spread, labels=HOSTILE),
             plots.source_kinds(analysis.sources.kind_counts(seeds), labels=HOSTILE),
             plots.stance(analysis.stance.summary(seeds), labels=HOSTILE),
             plots.tone_profile(analysis.tone.score(seeds), labels=HOSTILE),
             plots.top_terms(terms, labels=HOSTILE, n=5)[0]]
    for ax in drawn:
        ax.figure.canvas.draw()  # "Cost $x^$" as mathtext raises ValueError here
        assert mathtext(ax.figure) == [], ax.get_title(loc="left")
    keyness, scatter, spread_ax, kinds, stance, tone, top = drawn
    assert "more in US$5 and $6" in keyness.get_xlabel()
    assert "$x^$" in tick_labels(keyness) or "$x^$ *" in tick_labels(keyness)
    assert "$x^$" in {t.get_text() for t in scatter.texts}
    assert scatter.get_ylabel().startswith("US$5 and $6:")
    assert "money (Cost $x^$)" in tick_labels(spread_ax)
    assert tick_labels(kinds) == HOSTILE[::-1] and legend_labels(stance) == HOSTILE
    assert legend_labels(tone) == HOSTILE
    assert top.get_title(loc="left") == HOSTILE[0] and tick_labels(top)[-1] == "US$5 and $6"


def test_log_axes_keep_their_number_ticks_and_a_callers_axes_gets_plain_labels(seeds):
    key = words.keyness_between(seeds, min_count=1)
    scatter = plots.rate_scatter(key, labels=HOSTILE)
    scatter.figure.canvas.draw()
    assert "10" in [t.get_text() for t in scatter.get_xticklabels()]
    assert all(t.get_parse_math() for t in scatter.get_xticklabels())  # numbers, left alone
    with matplotlib.rc_context({"text.parse_math": True}):
        fig, ax = plt.subplots()  # made outside the house style, with mathtext on
    plots.cue_classes(analysis.sources.cue_class_counts(seeds), labels=HOSTILE, ax=ax)
    fig.canvas.draw()
    assert legend_labels(ax) == HOSTILE and mathtext(fig) == []

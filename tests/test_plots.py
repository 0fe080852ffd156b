"""The data behind every figure (nbval cannot compare images)."""

from __future__ import annotations

import itertools

import matplotlib
import pytest

from analysis import frequencies as f
from analysis import plots

matplotlib.use("Agg")
LABELS = ["Daily Mail", "Russian report"]


@pytest.fixture(autouse=True)
def _close():
    yield
    plots.close_all()


def test_top_terms_plot_data(seeds):
    table = f.term_table(seeds, unit="stem")
    data = plots.plot_top_terms(table, LABELS, n=10)
    assert data.groupby("article").size().to_dict() == {"dailymail": 10, "ru_translation": 10}
    first = data[data["article"] == "dailymail"].iloc[0]
    assert (first["term"], first["count"]) == ("u.s.", 13)
    assert len(plots.current_figure().axes) == 2


def test_keyness_plot_data(seeds):
    table = f.keyness_between(seeds)
    data = plots.plot_keyness(table, LABELS, n=5, min_count=3)
    assert len(data) == 10
    assert (data["count_a"] + data["count_b"] >= 3).all()
    assert list(data["g2"]) == sorted(data["g2"], reverse=True)
    assert data["significant"].tolist() == (data["g2"].abs() >= 3.84).tolist()
    assert data.iloc[0]["term"] == "trump" and data.iloc[-1]["term"] == "states"


def test_rate_scatter_labels_do_not_overlap(seeds):
    table = f.keyness_between(seeds, min_count=1)
    data = plots.plot_rate_scatter(table, LABELS, n_labels=14)
    labelled = data[data["labelled"]]
    assert len(labelled) >= 10
    boxes = labelled[["box_x0", "box_y0", "box_x1", "box_y1"]].to_numpy()
    for (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) in itertools.combinations(boxes, 2):
        assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0
    strongest = data.loc[data["log_odds_z"].abs().idxmax(), "term"]
    assert strongest in set(labelled["term"])
    assert (data["x"] > 0).all() and (data["y"] > 0).all()


def test_dispersion_plot_data(seeds):
    hits = f.dispersion(seeds, {"money": ["bounties", "rewards"], "Taliban": "taliban"})
    data = plots.plot_dispersion(hits, LABELS)
    assert len(data) == len(hits)
    assert data.groupby(["term", "article"])["y"].nunique().eq(1).all()
    assert data["y"].nunique() == 4


def test_source_figures_plot_every_category(seeds):
    import analysis

    kinds = plots.plot_source_kinds(analysis.kind_counts(seeds), LABELS)
    assert list(kinds["article"]) == ["dailymail", "ru_translation"]
    assert kinds.drop(columns="article").sum(axis=1).tolist() == [
        len(analysis.attributions(a)) for a in seeds]
    named = plots.plot_named_anonymous(analysis.named_counts(seeds), LABELS).set_index("article")
    assert named.loc["dailymail", "anonymous"] == analysis.anonymity(seeds).set_index(
        "article").loc["dailymail", "anonymous"]
    cues = plots.plot_cue_classes(analysis.cue_class_counts(seeds), LABELS).set_index("article")
    assert cues.loc["dailymail", "non_response"] >= 3  # CIA, NSA, Pentagon declined comment
    assert cues.loc["ru_translation", "directive"] >= 1


def test_framing_figures_plot_the_summaries(seeds):
    import analysis

    stance = plots.plot_stance(analysis.stance_summary(seeds), LABELS).set_index("article")
    assert stance.loc["ru_translation", "distancing"] > stance.loc["dailymail", "distancing"]
    frames = plots.plot_frames(analysis.frame_scores(seeds), LABELS)
    assert len(frames.columns) == 6 and len(frames) == 2
    shares = plots.plot_voice_shares(analysis.voice_words(seeds), LABELS).set_index("article")
    assert shares.sum(axis=1).round(6).tolist() == [1.0, 1.0]
    by_voice = plots.plot_stance_by_voice(analysis.stance_by_voice(seeds), LABELS)
    assert by_voice.drop(columns="article").sum(axis=1).tolist() == [
        int(analysis.stance_by_voice([a])["count"].sum()) for a in seeds]
    tone = plots.plot_tone_profile(analysis.tone(seeds), LABELS)
    assert tone.groupby("article")["x"].agg(["min", "max"]).to_numpy().tolist() == [
        [0.0, 1.0], [0.0, 1.0]]

"""One function per figure, all in one house style. Each returns the data it plots."""

from __future__ import annotations

import matplotlib as mpl

HOUSE_STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "svg.hashsalt": "news-framing",
}
ARTICLE_COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad")


def apply_style() -> None:
    """Apply the house plotting style to matplotlib."""
    mpl.rcParams.update(HOUSE_STYLE)

"""Compare how two news articles frame the same event.

The package follows the data's path: text in (:mod:`analysis.text`), the lenses, and report
out (:mod:`analysis.report`). ``import analysis`` gives a small API:

- loading: :func:`load_article`, :func:`load_articles`, :func:`load_corpus`, :class:`Article`,
  :class:`Paragraph`, :class:`Corpus`, and the paragraph roles :data:`ROLES` and
  :data:`DEFAULT_ROLES`;
- the errors, all under :class:`AnalysisError`;
- the lens namespaces, called as ``analysis.sources.roster(...)``:
  :mod:`~analysis.text` (sentences, tokens, the cleaning audit), :mod:`~analysis.words`,
  :mod:`~analysis.sources`, :mod:`~analysis.entities`, :mod:`~analysis.stance`,
  :mod:`~analysis.loaded` (loaded language in the narrator's voice),
  :mod:`~analysis.frames`, :mod:`~analysis.actors`, :mod:`~analysis.tone`,
  :mod:`~analysis.voice` and :mod:`~analysis.evidence` (helpers for any lens's rows);
- the report namespaces, loaded on first use so that ``import analysis`` stays light:
  ``analysis.prose`` (generated sentences), ``analysis.summary`` (the one-page comparison),
  ``analysis.plots`` (figures), ``analysis.display`` (notebook display), ``analysis.scale``
  (Dask and the synthetic corpus).

Every lens takes ``roles`` as a keyword (the paragraph roles to analyse, headline and body by
default) and returns DataFrames of evidence rows whose ``raw[start:end]`` is the matched text.
"""

from importlib import import_module

from . import actors, entities, evidence, frames, loaded, sources, stance, text, tone, voice, words
from .errors import (
    AnalysisError,
    AnalysisInputError,
    ArticleError,
    LexiconError,
    ManifestError,
    NotebookError,
)
from .text import (
    DEFAULT_ROLES,
    ROLES,
    Article,
    Corpus,
    Paragraph,
    load_article,
    load_articles,
    load_corpus,
)

_LAZY = {
    "prose": "analysis.report.prose",
    "summary": "analysis.report.summary",
    "plots": "analysis.report.plots",
    "display": "analysis.report.display",
    "report": "analysis.report",
    "scale": "analysis.scale",
}

__all__ = [
    # loading and roles
    "load_article", "load_articles", "load_corpus", "Article", "Paragraph", "Corpus",
    "ROLES", "DEFAULT_ROLES",
    # errors
    "AnalysisError", "ArticleError", "ManifestError", "LexiconError", "AnalysisInputError",
    "NotebookError",
    # lenses
    "text", "words", "sources", "entities", "stance", "loaded", "frames", "actors", "tone",
    "voice", "evidence",
    # report out (loaded on first use)
    "prose", "summary", "plots", "display", "report", "scale",
]


def __getattr__(name: str):
    """Load a report namespace on first use (they import pyplot, IPython, nbconvert, Dask)."""
    if name in _LAZY:
        module = import_module(_LAZY[name])
        globals()[name] = module
        return module
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

"""Compare how two news articles frame the same event: loading, cleaning and analysis lenses.

The public API is re-exported here so notebooks can write ``analysis.role_summary(articles)``.
"""

from .audit import (
    cleaning_sentence,
    embedded_posts,
    normalisation_edits,
    normalisation_summary,
    overview,
    role_counts,
    role_summary,
    set_aside,
)
from .clean import DEFAULT_ROLES, ROLES
from .corpus import (
    Article,
    Paragraph,
    load_article,
    load_articles,
    load_corpus,
    read_manifest,
    uses_seed_articles,
)
from .display import escape, markdown, setup_notebook
from .errors import (
    AnalysisInputError,
    ArticleEncodingError,
    ArticleError,
    ArticleNotFoundError,
    ArticleTooLargeError,
    BinaryFileError,
    EmptyArticleError,
    HtmlInputError,
    ManifestError,
)
from .named_entities import SOURCE_ROLES, entities, entity_counts
from .paths import PROJECT_ROOT
from .sources import (
    anonymity,
    attributions,
    cue_class_counts,
    evaluate,
    kind_counts,
    named_counts,
    read_gold,
    shared_sources,
    source_roster,
)
from .tokens import sentences, tokens

__all__ = [
    "DEFAULT_ROLES", "ROLES", "PROJECT_ROOT",
    "Article", "Paragraph", "load_article", "load_articles", "load_corpus", "read_manifest",
    "uses_seed_articles",
    "cleaning_sentence", "embedded_posts", "normalisation_edits", "normalisation_summary",
    "overview",
    "role_counts", "role_summary", "set_aside",
    "sentences", "tokens",
    "SOURCE_ROLES", "attributions", "entities", "entity_counts", "source_roster", "anonymity",
    "shared_sources", "kind_counts", "named_counts", "cue_class_counts", "evaluate", "read_gold",
    "escape", "markdown", "setup_notebook",
    "AnalysisInputError", "ArticleEncodingError", "ArticleError", "ArticleNotFoundError",
    "ArticleTooLargeError", "BinaryFileError", "EmptyArticleError", "HtmlInputError",
    "ManifestError",
]

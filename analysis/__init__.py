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
from .evidence import (
    first_appearance,
    in_spans,
    kwic,
    position_profile,
    rate_table,
    subtract_spans,
)
from .framing import (
    actor_kwic,
    actor_mentions,
    actor_naming,
    frame_evidence,
    frame_items,
    frame_scores,
    stance_markers,
    stance_summary,
    tone,
    tone_of_spans,
    tone_summary,
)
from .lexicon import word_counts
from .paths import PROJECT_ROOT
from .tokens import sentences, tokens

__all__ = [
    "DEFAULT_ROLES", "ROLES", "PROJECT_ROOT",
    "Article", "Paragraph", "load_article", "load_articles", "load_corpus", "read_manifest",
    "uses_seed_articles",
    "cleaning_sentence", "embedded_posts", "normalisation_edits", "normalisation_summary",
    "overview",
    "role_counts", "role_summary", "set_aside",
    "sentences", "tokens", "word_counts",
    "stance_markers", "stance_summary", "frame_evidence", "frame_items", "frame_scores",
    "actor_mentions", "actor_naming", "actor_kwic", "tone", "tone_of_spans", "tone_summary",
    "position_profile", "first_appearance", "kwic", "in_spans", "subtract_spans", "rate_table",
    "escape", "markdown", "setup_notebook",
    "AnalysisInputError", "ArticleEncodingError", "ArticleError", "ArticleNotFoundError",
    "ArticleTooLargeError", "BinaryFileError", "EmptyArticleError", "HtmlInputError",
    "ManifestError",
]

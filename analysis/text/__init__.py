"""Text in: read article files faithfully, split them into paragraphs with roles, normalise
them with exact offsets, and cut sentences and tokens.

- :mod:`.reading` reads one file (bytes, decoding, refusals) into an :class:`Article`;
  :mod:`.manifest` loads articles by manifest id or path, or streams a :class:`Corpus`;
  :mod:`.pool` reads a corpus's rows in worker processes, one per core.
- :mod:`.article` holds the typed objects: :class:`Article`, :class:`Paragraph`,
  :class:`Sentence`.
- :mod:`.roles` splits paragraphs and gives each a role with its reason; :mod:`.audit` tabulates
  what cleaning did; :mod:`.normalisation` makes the matching text with a map back to ``raw``.
- :mod:`.tokenise` defines sentences, tokens and words on a string; :mod:`.tables` gives one row
  per sentence or token; :mod:`.quotation` pairs quotation marks; :mod:`.spans` trims, merges
  and cuts character spans.
"""

from .article import Article, Paragraph, Sentence
from .audit import (
    embedded_posts,
    normalisation_edits,
    normalisation_summary,
    overview,
    paragraphs_per_role,
    role_summary,
    set_aside,
)
from .manifest import (
    ArticleGroup,
    Corpus,
    load_articles,
    load_corpus,
    read_manifest,
    uses_seed_articles,
)
from .normalisation import normalise
from .reading import build_article, load_article
from .roles import DEFAULT_ROLES, ROLES
from .tables import sentences, tokens
from .tokenise import word_count

__all__ = [
    "Article", "Paragraph", "Sentence", "load_article", "build_article", "load_articles",
    "load_corpus", "read_manifest", "Corpus", "ArticleGroup", "ROLES", "DEFAULT_ROLES",
    "uses_seed_articles", "sentences", "tokens", "word_count", "normalise", "overview",
    "role_summary", "paragraphs_per_role", "set_aside", "normalisation_edits",
    "normalisation_summary", "embedded_posts",
]

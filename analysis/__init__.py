"""Compare how two news articles frame the same event: loading, cleaning and analysis lenses.

The public API is re-exported here so notebooks can write ``analysis.role_summary(articles)``.
"""

from .audit import (
    embedded_posts,
    evidence_holds,
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
    ArticleGroup,
    Corpus,
    Paragraph,
    load_article,
    load_articles,
    load_corpus,
    read_manifest,
    uses_seed_articles,
)
from .display import escape, markdown, seed_note, setup_notebook
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
    attach_sentences,
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
from .frequencies import (
    collocations,
    concordance,
    concordances,
    corpus_summary,
    count_terms,
    dispersion,
    key_terms,
    keyness,
    keyness_between,
    keyness_from_counts,
    lexical_profile,
    occurrences,
    same_counts,
    term_contrast,
    term_table,
    top_terms,
    word_choices,
)
from .lexicon import word_counts
from .named_entities import SOURCE_ROLES, entities, entity_counts
from .narrative import (
    cleaning_sentence,
    evaluation_sentence,
    keyness_sentences,
    naming_sentences,
    only_in_sentences,
    profile_sentences,
    shared_sources_sentence,
    sources_sentences,
    top_category_sentences,
    voice_sentences,
)
from .paths import PROJECT_ROOT
from .plots import (
    plot_cue_classes,
    plot_dispersion,
    plot_frames,
    plot_keyness,
    plot_named_anonymous,
    plot_rate_scatter,
    plot_source_kinds,
    plot_stance,
    plot_stance_by_voice,
    plot_tone_profile,
    plot_top_terms,
    plot_voice_shares,
)
from .scale import group_counts_on_dask, start_local_cluster
from .sources import (
    anonymity,
    attributions,
    cue_class_counts,
    evaluate,
    kind_counts,
    named_counts,
    read_gold,
    shared_sources,
    source_roles,
    source_roster,
    spoken_about,
)
from .summary import main_differences, summary_table
from .synthetic import generate_corpus, temporary_corpus
from .tokens import sentences, tokens
from .voice import (
    VOICES,
    marker_voices,
    stance_by_voice,
    stance_markers_by_voice,
    tone_by_voice,
    voice_segments,
    voice_spans,
    voice_words,
)

__all__ = [
    "DEFAULT_ROLES", "ROLES", "PROJECT_ROOT",
    # loading and cleaning
    "Article", "Paragraph", "load_article", "load_articles", "load_corpus", "read_manifest",
    "uses_seed_articles", "embedded_posts", "evidence_holds", "normalisation_edits",
    "normalisation_summary", "overview", "role_counts", "role_summary", "set_aside", "sentences",
    "tokens",
    # word frequencies
    "collocations", "concordance", "concordances", "dispersion", "key_terms", "keyness",
    "keyness_between", "lexical_profile", "occurrences", "term_contrast", "term_table",
    "top_terms", "word_choices",
    # corpus mode
    "ArticleGroup", "Corpus", "corpus_summary", "count_terms", "generate_corpus",
    "group_counts_on_dask", "keyness_from_counts", "same_counts", "start_local_cluster",
    "temporary_corpus",
    # figures
    "plot_cue_classes", "plot_dispersion", "plot_frames", "plot_keyness",
    "plot_named_anonymous", "plot_rate_scatter", "plot_source_kinds", "plot_stance",
    "plot_stance_by_voice", "plot_tone_profile", "plot_top_terms", "plot_voice_shares",
    # voice
    "VOICES", "marker_voices", "stance_by_voice", "stance_markers_by_voice", "tone_by_voice",
    "voice_segments",
    "voice_spans", "voice_words",
    # prose and display
    "cleaning_sentence", "keyness_sentences", "only_in_sentences", "profile_sentences",
    "evaluation_sentence", "naming_sentences", "shared_sources_sentence", "sources_sentences",
    "top_category_sentences", "voice_sentences", "main_differences", "summary_table",
    "escape", "markdown", "seed_note", "setup_notebook",
    # framing
    "stance_markers", "stance_summary", "frame_evidence", "frame_items", "frame_scores",
    "actor_mentions", "actor_naming", "actor_kwic", "tone", "tone_of_spans", "tone_summary",
    # evidence helpers
    "position_profile", "first_appearance", "kwic", "in_spans", "subtract_spans", "rate_table",
    "word_counts",
    # sources
    "SOURCE_ROLES", "attributions", "entities", "entity_counts", "source_roster", "anonymity",
    "shared_sources", "kind_counts", "named_counts", "cue_class_counts", "evaluate", "read_gold",
    "source_roles", "spoken_about", "attach_sentences",
    # errors
    "AnalysisInputError", "ArticleEncodingError", "ArticleError", "ArticleNotFoundError",
    "ArticleTooLargeError", "BinaryFileError", "EmptyArticleError", "HtmlInputError",
    "ManifestError",
]

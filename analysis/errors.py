"""Named exceptions for bad input: each message names the file and what is wrong with it."""

from __future__ import annotations


class ArticleError(Exception):
    """An article file cannot be read as a news article."""


class ArticleNotFoundError(ArticleError):
    """The path does not exist or is not a regular file."""


class ArticleTooLargeError(ArticleError):
    """The file is larger than one article could plausibly be."""


class BinaryFileError(ArticleError):
    """The file holds binary data (a PDF, an image, a word-processor file ...), not text."""


class ArticleEncodingError(ArticleError):
    """The bytes cannot be decoded with the expected text encoding."""


class EmptyArticleError(ArticleError):
    """The file has no words in it."""


class HtmlInputError(ArticleError):
    """The file is an HTML page rather than the article's plain text."""


class ManifestError(ArticleError):
    """The manifest CSV listing the articles is malformed."""


class AnalysisInputError(ArticleError):
    """An analysis function was called with arguments it cannot use."""

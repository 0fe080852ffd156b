"""Named exceptions. Each message is one line that names the file (or argument) and what is wrong.

``AnalysisError`` is the root; its families are siblings, so a failed notebook is not "an
article error":

- ``ArticleError``: an article file cannot be read as a news article (with one subclass per
  reason: not found, too large, binary, encoding, empty, HTML);
- ``ManifestError``: a manifest CSV listing articles is malformed;
- ``LexiconError``: a lexicon or word-list data file (or a lexicon table passed in) is malformed;
- ``AnalysisInputError``: a function was called with arguments it cannot use;
- ``NotebookError``: a notebook failed while it was being executed for a report.
"""

from __future__ import annotations


class AnalysisError(Exception):
    """The root of every error this package raises on purpose."""

    exit_code = 2  # what the ``framing`` command returns for it


class ArticleError(AnalysisError):
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


class NothingToAnalyseError(ArticleError):
    """The analysed paragraph roles leave the article without any words."""


class HtmlInputError(ArticleError):
    """The file is an HTML page rather than the article's plain text."""


class ManifestError(AnalysisError):
    """The manifest CSV listing the articles is malformed."""


class LexiconError(AnalysisError):
    """A lexicon or word-list data file, or a lexicon table, is malformed."""


class AnalysisInputError(AnalysisError):
    """An analysis function was called with arguments it cannot use."""


class NotebookError(AnalysisError):
    """A notebook raised an error while it was being executed."""

    exit_code = 1

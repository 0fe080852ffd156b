"""Manifests and corpora: the articles a CSV lists, loaded by id or streamed one at a time.

A manifest needs ``id`` and ``file`` columns (files relative to the manifest's folder, never
outside it); ``outlet``, ``language``, ``published``, ``notes``, ``label`` and ``encoding`` are
read when present, and any other column can name groups (``Corpus(group_by=...)``).
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..errors import AnalysisInputError, ArticleError, ManifestError, NothingToAnalyseError
from ..paths import SEED_MANIFEST, display_path, plain_path, project_path, resolved
from .article import Article, check_roles, checked_items
from .pool import WorkerPool, check_workers, chunk_results
from .reading import MAX_ARTICLE_BYTES, load_article
from .roles import DEFAULT_ROLES
from .tokenise import word_count

MANIFEST_COLUMNS = ("id", "file", "outlet", "language", "published", "notes")
REQUIRED_MANIFEST_COLUMNS = ("id", "file")
ERROR_MODES = ("raise", "skip")
SKIPPED_COLUMNS = ["id", "file", "reason"]


class SkippedArticle(NamedTuple):
    """A manifest row whose article could not be read, skipped with ``errors="skip"``."""

    id: str
    file: str  # as the manifest gives it
    reason: str  # the one-line error message


class SkippedArticleWarning(UserWarning):
    """Warned once per row a corpus skips because its article cannot be read."""


def check_errors_mode(errors: str) -> None:
    """Refuse an ``errors=`` value other than "raise" or "skip"."""
    if errors not in ERROR_MODES:
        raise AnalysisInputError(f"errors must be one of {list(ERROR_MODES)}, not {errors!r}")


def warn_skipped(manifest: Path, skipped: SkippedArticle, stacklevel: int = 2) -> None:
    """The one warning for a row a corpus skips."""
    warnings.warn(f"{display_path(manifest)}: skipped article {skipped.id!r}: {skipped.reason}",
                  SkippedArticleWarning, stacklevel=stacklevel + 1)


def looks_like_path(item: str | Path) -> bool:
    """Whether an ``ARTICLES`` item has a suffix or a folder, so that, unless the manifest
    has it as an id, it names a file rather than a manifest id."""
    path = Path(item)
    return bool(path.suffix) or len(path.parts) > 1


def manifest_header(path: Path, required: Sequence[str] = REQUIRED_MANIFEST_COLUMNS
                     ) -> list[str]:
    """Check that a manifest exists, is UTF-8 CSV, and has the required columns."""
    shown = display_path(path)
    if not path.is_file():
        raise ManifestError(f"{shown}: manifest not found")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except UnicodeDecodeError:
        raise ManifestError(f"{shown}: manifest is not UTF-8 text") from None
    except csv.Error as exc:  # a NUL byte, a cell over the csv module's size limit
        raise ManifestError(f"{shown}: not a readable CSV manifest ({exc})") from None
    except OSError as exc:
        raise ManifestError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    columns = [c.strip() for c in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise ManifestError(f"{shown}: missing column(s) {missing}; the header must include "
                            f"{list(required)} (found {columns})")
    return columns


def iter_manifest(manifest: str | Path = SEED_MANIFEST,
                  required: Sequence[str] = REQUIRED_MANIFEST_COLUMNS) -> Iterator[dict[str, str]]:
    """Validated manifest rows, read lazily; file paths resolved against the manifest folder.

    Problems in a row (empty id or file, a duplicate id, a path outside the folder) raise
    ``ManifestError`` naming the line when that row is reached.
    """
    path = project_path(manifest)
    shown = display_path(path)
    manifest_header(path, required)
    folder = path.parent.resolve()
    folder_name = str(folder)
    seen: dict[str, int] = {}
    folders: set[str] = set()  # subfolders found to be no link, looked at once per reading
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line_no, row in _rows(csv.DictReader(handle), shown):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
            if any("\0" in v for v in row.values()):
                raise ManifestError(f"{shown}, line {line_no}: contains a NUL byte (is it a "
                                    "text file?)")
            if not row.get("id") or not row.get("file"):
                raise ManifestError(f"{shown}, line {line_no}: 'id' and 'file' must not be empty")
            if row["id"] in seen:
                raise ManifestError(f"{shown}, line {line_no}: duplicate id {row['id']!r} "
                                    f"(first used on line {seen[row['id']]})")
            seen[row["id"]] = line_no
            target = plain_path(folder_name, row["file"], folders)
            if target is None:
                found = resolved(folder, row["file"])
                if Path(row["file"]).is_absolute() or not found.is_relative_to(folder):
                    raise ManifestError(f"{shown}, line {line_no}: file {row['file']!r} is "
                                        "outside the manifest's folder; keep articles beside "
                                        "their manifest")
                target = str(found)
            yield {**{c: "" for c in MANIFEST_COLUMNS}, **row, "path": target}


def _rows(reader: csv.DictReader, shown: str) -> Iterator[tuple[int, dict]]:
    """``(line number, row)`` of a manifest; a row the csv module cannot read (a NUL byte, a
    cell over its size limit, bytes that are not UTF-8) is a ``ManifestError`` naming it."""
    line_no = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ManifestError(f"{shown}, line {line_no + 1}: not readable as CSV "
                                f"({exc.__class__.__name__}: {str(exc)[:80]})") from None
        line_no += 1
        yield line_no, row


def read_manifest(manifest: str | Path = SEED_MANIFEST) -> list[dict[str, str]]:
    """All validated rows of a manifest CSV (see ``iter_manifest``); at least one is required."""
    rows = list(iter_manifest(manifest))
    if not rows:
        raise ManifestError(f"{display_path(project_path(manifest))}: the manifest lists no "
                            "articles")
    return rows


def article_from_row(row: dict[str, str], label: str = "", *,
                     max_bytes: int | None = None) -> Article:
    """Load the article a manifest row describes (``max_bytes`` None: the default limit)."""
    meta = {k: v for k, v in row.items() if k != "path"}
    return load_article(row["path"], id=row["id"], encoding=row.get("encoding") or None,
                        label=label or row.get("label") or row["id"], meta=meta,
                        max_bytes=max_bytes or MAX_ARTICLE_BYTES)


class Corpus(Sequence):
    """The articles a manifest lists, streamed: each is read and cleaned when it is reached.

    Iterating loads one article at a time, so memory does not grow with the number of
    articles. ``len()`` counts manifest rows; indexing loads that one article afresh. With
    ``group_by`` naming a manifest column (``outlet``, ``side`` ...), ``groups()`` lists its
    values and ``group(value)`` streams the articles that have it.

    ``errors="raise"`` (the default) stops at the first row whose article cannot be read (a
    missing, binary, wrongly encoded, empty or too large file: an ``ArticleError``);
    ``errors="skip"`` passes over such rows, warns once per row (``SkippedArticleWarning``) and
    lists them in ``skipped`` and ``skipped_table()``. Only rows reached so far are listed;
    ``check()`` reads every row once to list them all. A malformed manifest (a missing column,
    an empty or duplicate id, a path outside its folder) still raises ``ManifestError``, and
    indexing a row that cannot be read raises in either mode.

    ``workers`` is the number of processes that :meth:`map` (and so the counting functions of
    :mod:`analysis.words` given a group) reads articles in: None (the default) is one per core
    this process may run on, 1 reads them all in this process. The results and the skipped
    rows are the same either way. The worker processes start when a group first needs them
    and serve the corpus's later groups too (their caches stay warm); they stop when the
    corpus is garbage-collected or closed (:meth:`close`), or when another corpus starts its
    own.
    """

    def __init__(self, manifest: str | Path = SEED_MANIFEST, *, group_by: str | None = None,
                 progress: bool = False, errors: str = "raise", workers: int | None = None):
        check_errors_mode(errors)
        self.workers = check_workers(workers)
        self._pool = WorkerPool(self.workers)  # started by the first group that needs it
        self.manifest = project_path(manifest)
        self.group_by = group_by
        self.progress = progress
        self.errors = errors
        required = [*REQUIRED_MANIFEST_COLUMNS, *([group_by] if group_by else [])]
        manifest_header(self.manifest, required)
        self._required = required
        self._length: int | None = None
        self._groups: list[str] | None = None
        self._skipped: dict[str, SkippedArticle] = {}
        if next(self.rows(), None) is None:
            raise ManifestError(f"{display_path(self.manifest)}: the manifest lists no articles")

    def rows(self) -> Iterator[dict[str, str]]:
        """The validated manifest rows, lazily."""
        return iter_manifest(self.manifest, self._required)

    def articles(self, rows: Iterable[dict[str, str]]) -> Iterator[Article]:
        """The articles of ``rows`` (rows of this corpus), one at a time; with
        ``errors="skip"``, rows whose article cannot be read are skipped and recorded."""
        for row in rows:
            try:
                article = article_from_row(row)
            except ArticleError as exc:
                if self.errors == "raise":
                    raise
                self._skip(row, exc)
                continue
            yield article

    def map(self, func: Callable[[Article], object], rows: Iterable[dict[str, str]] | None = None,
            *, merge: Callable[[list], object] | None = None) -> Iterator:
        """``func(article)`` for each readable article of ``rows`` (rows of this corpus; all of
        them by default), in manifest order, the rows that cannot be read following ``errors``.

        With more than one worker, articles are read and ``func`` runs in worker processes,
        a chunk of rows at a time (:mod:`analysis.text.pool`): ``func`` and ``merge`` must then
        be picklable (module-level functions or ``functools.partial`` of them). With ``merge``,
        a function that combines a list of results into one (summing tallies), each chunk's
        results are merged in its worker and one result per chunk is yielded, so that only
        sums cross between processes; with one worker, one result per article is yielded as
        before. Either way, merging everything yielded gives the same total.
        """
        rows = self._progress_rows() if rows is None else rows
        if self.workers == 1:
            for article in self.articles(rows):
                yield func(article)
            return
        for done, failed in chunk_results(rows, func, merge=merge, load=article_from_row,
                                          stop_at_error=self.errors == "raise",
                                          workers=self.workers, pool=self._pool):
            for row, exc in failed:
                if self.errors == "raise":
                    raise exc
                self._skip(row, exc)
            if merge is None:
                yield from done
            elif done is not None:
                yield done

    def close(self) -> None:
        """Stop the corpus's worker processes now (the next group that needs them starts
        new ones); without it they stop when the corpus is garbage-collected."""
        self._pool.shutdown()

    def _skip(self, row: dict[str, str], exc: ArticleError) -> None:
        if row["id"] in self._skipped:
            return
        self._skipped[row["id"]] = SkippedArticle(row["id"], row["file"], str(exc))
        warn_skipped(self.manifest, self._skipped[row["id"]], stacklevel=3)

    @property
    def skipped(self) -> list[SkippedArticle]:
        """The rows skipped so far (``errors="skip"``), in manifest order."""
        order = {row["id"]: i for i, row in enumerate(self.rows()) if row["id"] in self._skipped}
        return sorted(self._skipped.values(), key=lambda s: order[s.id])

    def skipped_table(self) -> pd.DataFrame:
        """The rows skipped so far as a table: id, file, reason (for a notebook to show)."""
        return pd.DataFrame(self.skipped, columns=SKIPPED_COLUMNS)

    def check(self) -> pd.DataFrame:
        """Read every article once and return ``skipped_table()``: every row that cannot be
        read, before any analysis (with ``errors="raise"``, the first one raises)."""
        for _ in self.map(_nothing, self.rows(), merge=_nothing):
            pass
        return self.skipped_table()

    def __iter__(self) -> Iterator[Article]:
        return self.articles(self._progress_rows())

    def _progress_rows(self) -> Iterator[dict[str, str]]:
        return _with_progress(self.rows(), self.progress, display_path(self.manifest),
                              lambda: len(self))

    def __len__(self) -> int:
        if self._length is None:
            self._length = sum(1 for _ in self.rows())
        return self._length

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        for i, row in enumerate(self.rows()):
            if i == index:
                return article_from_row(row)
        raise IndexError(f"{display_path(self.manifest)} lists {len(self)} articles")

    def groups(self) -> list[str]:
        """Values of the ``group_by`` column, in order of first appearance (read once)."""
        if not self.group_by:
            raise AnalysisInputError("this corpus has no group_by column")
        if self._groups is None:
            self._groups = list(dict.fromkeys(row[self.group_by] for row in self.rows()))
        return list(self._groups)

    def group(self, value: str) -> ArticleGroup:
        """The articles whose ``group_by`` column equals ``value``, as a named group."""
        if not self.group_by:
            raise AnalysisInputError("this corpus has no group_by column")
        if value not in self.groups():
            raise AnalysisInputError(f"no articles with {self.group_by} = {value!r}; values "
                                     f"are {self.groups()}")
        return ArticleGroup(value, self, self.group_by)


@dataclass(frozen=True)
class ArticleGroup:
    """A named group of a corpus's articles (those whose ``column`` equals ``id``), streamed.

    The lenses that accept groups treat it like one article called ``id``. Rows that cannot
    be read follow the corpus's ``errors`` mode.
    """

    id: str
    corpus: Corpus
    column: str

    @property
    def label(self) -> str:
        """The display name: the group value."""
        return self.id

    def rows(self) -> Iterator[dict[str, str]]:
        """The manifest rows of this group's articles, lazily."""
        return (row for row in self.corpus.rows() if row[self.column] == self.id)

    def __iter__(self) -> Iterator[Article]:
        return self.corpus.articles(self._progress_rows())

    def map(self, func: Callable[[Article], object], *,
            merge: Callable[[list], object] | None = None) -> Iterator:
        """``func`` of each of the group's articles, as :meth:`Corpus.map`."""
        return self.corpus.map(func, self._progress_rows(), merge=merge)

    def _progress_rows(self) -> Iterator[dict[str, str]]:
        return _with_progress(self.rows(), self.corpus.progress, self.id,
                              lambda: sum(1 for _ in self.rows()))


def _nothing(_) -> None:
    """What :meth:`Corpus.check` does with an article once it could be read."""


def _with_progress(rows: Iterator[dict[str, str]], show: bool, name: str, total) -> Iterator:
    """Wrap rows in a tqdm progress bar (notebook or terminal) when asked."""
    if not show:
        return rows
    from tqdm.auto import tqdm

    return tqdm(rows, total=total(), desc=name, unit="article")


def load_corpus(manifest: str | Path = SEED_MANIFEST, *, group_by: str | None = None,
                progress: bool = False, errors: str = "raise",
                workers: int | None = None) -> Corpus:
    """The articles a manifest lists, streamed one at a time (see ``Corpus``); ``progress``
    shows a progress bar while iterating; ``errors="skip"`` skips and reports the rows whose
    article cannot be read instead of stopping at the first; ``workers`` is how many
    processes count a group's terms (None: one per core; 1: this process only)."""
    return Corpus(manifest, group_by=group_by, progress=progress, errors=errors,
                  workers=workers)


def check_analysable(article: Article, *, roles: Iterable[str] | None = DEFAULT_ROLES) -> None:
    """Raise ``NothingToAnalyseError`` when ``roles`` leave ``article`` without words, saying
    where its words went and how to keep them."""
    chosen = check_roles(roles)
    if any(word_count(p.text) for p in article.select(roles=chosen)):
        return
    by_role: dict[str, int] = {}
    for p in article.paragraphs:
        by_role[p.role] = by_role.get(p.role, 0) + word_count(p.text)
    total = sum(by_role.values())
    where = ", ".join(f"{n:,} in {role} paragraphs" for role, n in sorted(
        by_role.items(), key=lambda item: (-item[1], item[0])) if n)
    wanted = ",".join(sorted(set(chosen) | {max(by_role, key=lambda r: (by_role[r], r))}))
    raise NothingToAnalyseError(
        f"{display_path(article.path) if article.path else article.id}: no words in the analysed "
        f"roles ({', '.join(sorted(chosen))}); of its {total:,} words, {where}; pass --roles "
        f"{wanted} (roles={wanted.split(',')}) or check the audit (framing audit)")


def load_articles(items: Sequence[str | Path], *, manifest: str | Path = SEED_MANIFEST,
                  labels: Sequence[str] | None = None,
                  roles: Iterable[str] | None = DEFAULT_ROLES,
                  max_bytes: int | None = None) -> list[Article]:
    """Load articles named by manifest id or by file path, with optional display labels.

    An item that is an id in ``manifest`` is that row's article, even when it looks like a
    path ("reuters/2016-01.txt" as an id works here as in corpus mode); any other item with a
    suffix or a folder is a file path; anything else must be a manifest id. An article that
    the analysed ``roles`` leave without words raises ``NothingToAnalyseError`` (pass
    ``roles=None`` to skip the check). Files over ``max_bytes`` (None: the default limit of
    ``load_article``) raise ``ArticleTooLargeError``.
    """
    if labels is not None and len(labels) != len(items):
        raise AnalysisInputError(f"{len(items)} articles but {len(labels)} labels")
    rows = None
    articles: list[Article] = []
    for i, item in enumerate(items):
        label = labels[i] if labels else ""
        candidate = Path(item)
        a_path = looks_like_path(item)
        if rows is None and a_path:
            rows = _rows_by_id(manifest, required=False)
        if a_path and str(item) not in (rows or {}) and (
                rows is not None or project_path(candidate).exists()):
            used = {a.id for a in articles}
            article_id, n = candidate.stem, 2
            while article_id in used:  # two files with the same name in different folders
                article_id, n = f"{candidate.stem}-{n}", n + 1
            articles.append(load_article(project_path(candidate), id=article_id, label=label,
                                         max_bytes=max_bytes or MAX_ARTICLE_BYTES))
            continue
        rows = rows or _rows_by_id(manifest, required=True)
        if str(item) not in rows:
            raise ManifestError(f"{display_path(project_path(manifest))}: no article with id "
                                f"{str(item)!r}; ids are {sorted(rows)}")
        articles.append(article_from_row(rows[str(item)], label, max_bytes=max_bytes))
    if roles is not None:
        for article in articles:
            check_analysable(article, roles=roles)
    return articles


def _rows_by_id(manifest: str | Path, *, required: bool) -> dict[str, dict[str, str]] | None:
    """The manifest's rows by id. When the rows are only consulted (``required`` false: is
    this path an id?), a manifest that cannot be read gives None: an existing file is then
    read as a path, anything else raises the manifest's error."""
    try:
        return {r["id"]: r for r in read_manifest(manifest)}
    except ManifestError:
        if required:
            raise
        return None


def seed_hashes(manifest: str | Path = SEED_MANIFEST) -> list[str]:
    """SHA-256 of each seed article's raw text, in manifest order."""
    return [article_from_row(row).sha256 for row in read_manifest(manifest)]


def uses_seed_articles(articles: Sequence[Article]) -> bool:
    """True when ``articles`` are exactly the seed articles, in manifest order, under their
    manifest ids (the seed checks look rows up by id: the seeds given by path compare as any
    other pair).

    Notebooks check this before asserting facts that only hold for the seeds.
    """
    rows = read_manifest(SEED_MANIFEST)
    return ([a.sha256 for a in articles] == seed_hashes()
            and [a.id for a in articles] == [article_from_row(r).id for r in rows])


def analysis_units(items) -> list[tuple[str, Iterable[Article]]]:
    """Articles or groups of articles (``Corpus.group``) as ``(name, articles)`` pairs, for
    lenses that compare either; names must be distinct."""
    chosen = checked_items(items, (Article, ArticleGroup), "Articles or article groups")
    return [(item.id, [item] if isinstance(item, Article) else item) for item in chosen]

"""Articles and paragraphs: read article files faithfully and load a manifest of them.

``Article.raw`` is the exact decoded text of the file. Every paragraph carries offsets into
``raw`` and a normalised ``text`` for matching, with a map back to raw offsets.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .clean import DEFAULT_ROLES, ROLES, assign_roles, split_paragraphs
from .errors import (
    AnalysisInputError,
    ArticleEncodingError,
    ArticleNotFoundError,
    ArticleTooLargeError,
    BinaryFileError,
    EmptyArticleError,
    HtmlInputError,
    ManifestError,
)
from .normalise import Normalised, normalise
from .paths import SEED_MANIFEST, display_path, project_path

MAX_ARTICLE_BYTES = 10_000_000
MANIFEST_COLUMNS = ("id", "file", "outlet", "language", "published", "notes")
REQUIRED_MANIFEST_COLUMNS = ("id", "file")
AUDIT_COLUMNS = ["paragraph", "role", "status", "reason", "first_words", "start", "end"]

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx or .odt file is one)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc)",
    b"{\\rtf": "an RTF document",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|meta|\?xml)\b", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article: raw offsets, normalised text, role and the reason."""

    index: int
    start: int
    end: int
    text: str
    role: str
    kept: bool
    reason: str
    duplicate_of: int | None = None
    post: int | None = None
    normalised: Normalised | None = field(default=None, repr=False, compare=False)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in ``Article.raw`` of the span ``[start, end)`` of ``self.text``."""
        if self.normalised is None:
            raise AnalysisInputError(f"paragraph {self.index} has no offset map; build "
                                     "articles with load_article or build_article")
        return self.normalised.raw_span(start, end)


@dataclass(frozen=True)
class Article:
    """A news article: its exact raw text and its audited paragraphs."""

    id: str
    path: Path
    raw: str
    paragraphs: tuple[Paragraph, ...]
    label: str = ""
    meta: dict[str, str] = field(default_factory=dict, compare=False)
    encoding: str = "utf-8"
    cache: dict = field(default_factory=dict, compare=False, repr=False)

    def cached(self, key, compute):
        """The value cached under ``key`` for this article, computed once by ``compute()``."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    @property
    def headline(self) -> str | None:
        """The headline paragraph's text, or None when the article has none."""
        return next((p.text for p in self.paragraphs if p.role == "headline" and p.kept), None)

    @property
    def sha256(self) -> str:
        """SHA-256 of the raw text encoded as UTF-8."""
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    def select(self, roles: Iterable[str] | None = DEFAULT_ROLES) -> list[Paragraph]:
        """Kept paragraphs whose role is in ``roles`` (all roles when None), in order."""
        wanted = check_roles(roles)
        return [p for p in self.paragraphs if p.kept and p.role in wanted]

    def audit(self) -> pd.DataFrame:
        """One row per raw paragraph: role, kept or set aside, the reason, and first words."""
        rows = [{
            "paragraph": p.index,
            "role": p.role,
            "status": "kept" if p.kept else "set aside",
            "reason": p.reason,
            "first_words": first_words(p.text),
            "start": p.start,
            "end": p.end,
        } for p in self.paragraphs]
        return pd.DataFrame(rows, columns=AUDIT_COLUMNS)

    def unaccounted(self) -> list[tuple[int, int]]:
        """Raw spans holding non-whitespace text that no paragraph covers (should be empty)."""
        gaps, position = [], 0
        for p in [*self.paragraphs, None]:
            stop = p.start if p else len(self.raw)
            if self.raw[position:stop].strip():
                gaps.append((position, stop))
            position = p.end if p else stop
        return gaps


def _checked(items, kinds: tuple[type, ...], what: str) -> list:
    """``items`` (one item or a sequence) as a non-empty list of ``kinds`` with distinct ids."""
    if isinstance(items, kinds):
        items = [items]
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise AnalysisInputError(f"expected {what}, got {type(items).__name__}")
    chosen = list(items)
    if not chosen:
        raise AnalysisInputError("no articles given; pass an Article or a list of them")
    for item in chosen:
        if not isinstance(item, kinds):
            raise AnalysisInputError(f"expected {what}, got {type(item).__name__}; load "
                                     "articles with analysis.load_articles(...)")
    ids = [item.id for item in chosen]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise AnalysisInputError(f"article id(s) {repeated} given more than once")
    return chosen


def article_list(articles: Article | Sequence[Article]) -> list[Article]:
    """One article or a sequence of them as a list; a clear error for anything else, for an
    empty list and for repeated ids."""
    return _checked(articles, (Article,), "Articles")


def analysis_units(items) -> list[tuple[str, Iterable[Article]]]:
    """Articles or groups of articles (``Corpus.group``) as ``(name, articles)`` pairs, for
    lenses that compare either; names must be distinct."""
    chosen = _checked(items, (Article, ArticleGroup), "Articles or article groups")
    return [(item.id, [item] if isinstance(item, Article) else item) for item in chosen]


def check_roles(roles: Iterable[str] | None) -> frozenset[str]:
    """Validate a roles argument; None means every role."""
    if roles is None:
        return frozenset(ROLES)
    if isinstance(roles, str):
        roles = [roles]
    try:
        chosen = frozenset(roles)
    except TypeError:
        raise AnalysisInputError(f"roles must be a list of role names such as {list(ROLES)}, "
                                 f"not {roles!r}") from None
    unknown = sorted(chosen - set(ROLES))
    if unknown:
        raise AnalysisInputError(f"unknown role(s) {unknown}; choose from {list(ROLES)}")
    return chosen


def first_words(text: str, n: int = 8) -> str:
    """The first ``n`` words of ``text``, with an ellipsis when there are more."""
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _check_path(path: Path, max_bytes: int) -> None:
    shown = display_path(path)
    if not path.exists():
        raise ArticleNotFoundError(f"{shown}: no such file")
    if path.is_dir():
        raise ArticleNotFoundError(f"{shown}: is a directory; give the path of one article file")
    if not path.is_file():
        raise ArticleNotFoundError(f"{shown}: is not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise ArticleTooLargeError(
            f"{shown}: {size:,} bytes is more than the {max_bytes:,}-byte limit for one article; "
            "split it into one file per article, or pass max_bytes= to raise the limit")


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode article bytes: BOMs are honoured, otherwise strict UTF-8 unless told otherwise."""
    if encoding is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                encoding = name
                break
    if encoding is None:
        for magic, what in _MAGIC.items():
            if data.startswith(magic):
                raise BinaryFileError(f"{source}: this is {what}, not plain text; "
                                      "save the article as a .txt file")
        if b"\x00" in data:
            raise BinaryFileError(f"{source}: contains NUL bytes, so it is binary data or UTF-16 "
                                  "without a byte-order mark; save it as UTF-8 text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start:exc.start + 1].hex()
        hint = ("it may be Windows-1252 or Latin-1 text; re-save it as UTF-8, or load it with "
                "encoding='cp1252'") if encoding is None else f"check that it really is {encoding}"
        raise ArticleEncodingError(f"{source}: not valid {encoding or 'UTF-8'} "
                                   f"(byte 0x{byte} at offset {exc.start}); {hint}") from None
    except LookupError:
        raise ArticleEncodingError(f"{source}: unknown encoding {encoding!r}") from None
    if encoding in ("utf-16", "utf-32") and text.startswith("\ufeff"):
        text = text[1:]
    return text, encoding or "utf-8"


def check_text(text: str, source: str) -> None:
    """Raise a named error when decoded text is empty, binary-like or an HTML page."""
    if not any(c.isalnum() for c in text):
        what = "is empty" if not text.strip() else "has no letters or digits"
        raise EmptyArticleError(f"{source}: {what}; there is no article text to analyse")
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 100):
        raise BinaryFileError(f"{source}: {controls} control characters, so this is binary "
                              "data rather than article text")
    tag_chars = sum(len(m.group()) for m in _TAG.finditer(text))
    if _HTML_START.match(text) or tag_chars > 0.2 * len(text.strip()):
        raise HtmlInputError(f"{source}: looks like an HTML page, not plain text; copy the "
                             "article text (for example from the browser's reader view) into a "
                             ".txt file")


def build_article(raw: str, *, id: str, path: Path, label: str = "",
                  meta: dict[str, str] | None = None, encoding: str = "utf-8") -> Article:
    """Split, normalise and audit already-decoded text into an Article."""
    spans = split_paragraphs(raw)
    normalised = [normalise(raw[a:b], a) for a, b in spans]
    decisions = assign_roles([n.text for n in normalised], [raw[a:b] for a, b in spans])
    paragraphs = tuple(
        Paragraph(index=i, start=a, end=b, text=n.text, role=d.role, kept=d.kept,
                  reason=d.reason, duplicate_of=d.duplicate_of, post=d.post, normalised=n)
        for i, ((a, b), n, d) in enumerate(zip(spans, normalised, decisions, strict=True))
    )
    return Article(id=id, path=path, raw=raw, paragraphs=paragraphs, label=label or id,
                   meta=dict(meta or {}), encoding=encoding)


def load_article(path: str | Path, *, id: str | None = None, label: str = "",
                 encoding: str | None = None, max_bytes: int = MAX_ARTICLE_BYTES,
                 meta: dict[str, str] | None = None) -> Article:
    """Read one article file; raise an ``ArticleError`` subclass naming the file if it is bad.

    Decoding: a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured (and left out of ``raw``);
    otherwise the bytes must be UTF-8 unless ``encoding`` is given. CRLF line endings are kept
    in ``raw`` as they are. Files over ``max_bytes`` are refused before reading.
    """
    path = Path(path)
    _check_path(path, max_bytes)
    shown = display_path(path)
    raw, used = decode_bytes(path.read_bytes(), shown, encoding)
    check_text(raw, shown)
    return build_article(raw, id=id or path.stem, path=path, label=label, meta=meta,
                         encoding=used)


def _manifest_header(path: Path, required: Sequence[str] = REQUIRED_MANIFEST_COLUMNS
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
    _manifest_header(path, required)
    folder = path.parent.resolve()
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle), start=2):
            row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
            if not row.get("id") or not row.get("file"):
                raise ManifestError(f"{shown}, line {line_no}: 'id' and 'file' must not be empty")
            if row["id"] in seen:
                raise ManifestError(f"{shown}, line {line_no}: duplicate id {row['id']!r} "
                                    f"(first used on line {seen[row['id']]})")
            seen[row["id"]] = line_no
            target = (folder / row["file"]).resolve()
            if Path(row["file"]).is_absolute() or not target.is_relative_to(folder):
                raise ManifestError(f"{shown}, line {line_no}: file {row['file']!r} is outside "
                                    "the manifest's folder; keep articles beside their manifest")
            yield {**{c: "" for c in MANIFEST_COLUMNS}, **row, "path": str(target)}


def read_manifest(manifest: str | Path = SEED_MANIFEST) -> list[dict[str, str]]:
    """All validated rows of a manifest CSV (see ``iter_manifest``); at least one is required."""
    rows = list(iter_manifest(manifest))
    if not rows:
        raise ManifestError(f"{display_path(project_path(manifest))}: the manifest lists no "
                            "articles")
    return rows


def article_from_row(row: dict[str, str], label: str = "") -> Article:
    """Load the article a manifest row describes."""
    meta = {k: v for k, v in row.items() if k != "path"}
    return load_article(row["path"], id=row["id"], encoding=row.get("encoding") or None,
                        label=label or row.get("label") or row["id"], meta=meta)


class Corpus(Sequence):
    """The articles a manifest lists, streamed: each is read and cleaned when it is reached.

    Iterating loads one article at a time, so memory does not grow with the number of
    articles. ``len()`` counts manifest rows; indexing loads that one article afresh. With
    ``group_by`` naming a manifest column (``outlet``, ``side`` ...), ``groups()`` lists its
    values and ``group(value)`` streams the articles that have it.
    """

    def __init__(self, manifest: str | Path = SEED_MANIFEST, *, group_by: str | None = None,
                 progress: bool = False):
        self.manifest = project_path(manifest)
        self.group_by = group_by
        self.progress = progress
        required = [*REQUIRED_MANIFEST_COLUMNS, *([group_by] if group_by else [])]
        _manifest_header(self.manifest, required)
        self._required = required
        self._length: int | None = None
        if next(self.rows(), None) is None:
            raise ManifestError(f"{display_path(self.manifest)}: the manifest lists no articles")

    def rows(self) -> Iterator[dict[str, str]]:
        """The validated manifest rows, lazily."""
        return iter_manifest(self.manifest, self._required)

    def __iter__(self) -> Iterator[Article]:
        rows = _with_progress(self.rows(), self.progress, display_path(self.manifest),
                              lambda: len(self))
        for row in rows:
            yield article_from_row(row)

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
        """Values of the ``group_by`` column, in order of first appearance."""
        if not self.group_by:
            raise AnalysisInputError("this corpus has no group_by column")
        return list(dict.fromkeys(row[self.group_by] for row in self.rows()))

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

    The lenses that accept groups treat it like one article called ``id``.
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
        rows = _with_progress(self.rows(), self.corpus.progress, self.id,
                              lambda: sum(1 for _ in self.rows()))
        for row in rows:
            yield article_from_row(row)


def _with_progress(rows: Iterator[dict[str, str]], show: bool, name: str, total) -> Iterator:
    """Wrap rows in a tqdm progress bar (notebook or terminal) when asked."""
    if not show:
        return rows
    from tqdm.auto import tqdm

    return tqdm(rows, total=total(), desc=name, unit="article")


def load_corpus(manifest: str | Path = SEED_MANIFEST, *, group_by: str | None = None,
                progress: bool = False) -> Corpus:
    """The articles a manifest lists, streamed one at a time (see ``Corpus``); ``progress``
    shows a progress bar while iterating."""
    return Corpus(manifest, group_by=group_by, progress=progress)


def load_articles(items: Sequence[str | Path], *, manifest: str | Path = SEED_MANIFEST,
                  labels: Sequence[str] | None = None) -> list[Article]:
    """Load articles named by manifest id or by file path, with optional display labels."""
    if labels is not None and len(labels) != len(items):
        raise AnalysisInputError(f"{len(items)} articles but {len(labels)} labels")
    rows = None
    articles: list[Article] = []
    for i, item in enumerate(items):
        label = labels[i] if labels else ""
        candidate = Path(item)
        if candidate.suffix or len(candidate.parts) > 1:
            used = {a.id for a in articles}
            article_id, n = candidate.stem, 2
            while article_id in used:  # two files with the same name in different folders
                article_id, n = f"{candidate.stem}-{n}", n + 1
            articles.append(load_article(project_path(candidate), id=article_id, label=label))
            continue
        rows = rows if rows is not None else {r["id"]: r for r in read_manifest(manifest)}
        if str(item) not in rows:
            raise ManifestError(f"{display_path(project_path(manifest))}: no article with id "
                                f"{str(item)!r}; ids are {sorted(rows)}")
        articles.append(article_from_row(rows[str(item)], label))
    return articles


def seed_hashes(manifest: str | Path = SEED_MANIFEST) -> list[str]:
    """SHA-256 of each seed article's raw text, in manifest order."""
    return [article_from_row(row).sha256 for row in read_manifest(manifest)]


def uses_seed_articles(articles: Sequence[Article]) -> bool:
    """True when ``articles`` are exactly the seed articles, in manifest order.

    Notebooks check this before asserting facts that only hold for the seeds.
    """
    return [a.sha256 for a in articles] == seed_hashes()

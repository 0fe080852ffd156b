"""Read article files faithfully: bytes, decoding, refusal of what is not an article, and the
paragraphs, roles and normalisation that make an ``Article``.

A file is read as bytes and decoded as UTF-8 unless a byte-order mark or the caller says
otherwise; nothing is guessed. The decoded text is ``Article.raw`` and is never changed.
"""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

from ..errors import (
    ArticleEncodingError,
    ArticleNotFoundError,
    ArticleTooLargeError,
    BinaryFileError,
    EmptyArticleError,
    HtmlInputError,
)
from ..paths import display_path
from .article import Article, Paragraph
from .normalisation import normalise
from .roles import assign_roles, split_paragraphs
from .segments import cut_segments

MAX_ARTICLE_BYTES = 10_000_000

_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (a .docx or .odt file is one)",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc)",
    b"{\\rtf": "an RTF document",
}
# (mark, the encoding an Article reports, the codec for the bytes after the mark)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
_FAMILY = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-16-le": "utf-16",
           "utf-16-be": "utf-16", "utf-32": "utf-32", "utf-32-le": "utf-32",
           "utf-32-be": "utf-32"}
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|meta|\?xml)\b", re.I)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _check_path(path: Path, max_bytes: int) -> None:
    try:
        info = path.stat()
    except (OSError, RuntimeError) as exc:  # missing, a symlink loop, no permission to look
        reason = "no such file" if isinstance(exc, FileNotFoundError) else (
            f"cannot be read ({getattr(exc, 'strerror', None) or exc})")
        raise ArticleNotFoundError(f"{display_path(path)}: {reason}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleNotFoundError(f"{display_path(path)}: is a directory; give the path of one "
                                   "article file")
    if not stat.S_ISREG(info.st_mode):
        raise ArticleNotFoundError(f"{display_path(path)}: is not a regular file")
    if info.st_size > max_bytes:
        raise ArticleTooLargeError(
            f"{display_path(path)}: {info.st_size:,} bytes is more than the {max_bytes:,}-byte "
            "limit for one article; split it into one file per article, or raise the limit "
            "(max_bytes= in Python, --max-bytes on the command line)")


class _Shown:
    """A path as messages show it (:func:`display_path`), worked out only when a message is
    written: most articles need none."""

    __slots__ = ("path",)

    def __init__(self, path: Path):
        self.path = path

    def __str__(self) -> str:
        return display_path(self.path)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _byte_order_mark(data: bytes, encoding: str | None) -> tuple[int, str, str] | None:
    """``(length, reported encoding, codec for the rest)`` of the byte-order mark opening
    ``data``, when there is one and it fits ``encoding`` (any mark when no encoding is given;
    a UTF-8 mark for ``utf-8``, a UTF-16 mark of either order for ``utf-16`` ...)."""
    family = None if encoding is None else _FAMILY.get(codecs.lookup(encoding).name)
    for bom, reported, codec in _BOMS:
        if data.startswith(bom) and (encoding is None or _FAMILY[reported] == family):
            return len(bom), reported, codec
    return None


def decode_bytes(data: bytes, source: str | _Shown, encoding: str | None = None) -> tuple[str, str]:
    """Decode article bytes: ``(text, encoding used)``.

    A byte-order mark is honoured and left out of the text, whether the encoding is detected
    from it or given (``utf-8`` on a file with a UTF-8 mark reads as ``utf-8-sig``, as the
    default does); otherwise strict UTF-8 unless told otherwise. An error names the offending
    byte and its offset in the file, the mark included.
    """
    try:
        mark = _byte_order_mark(data, encoding)
    except LookupError:
        raise ArticleEncodingError(f"{source}: unknown encoding {encoding!r}") from None
    skip, used, codec = mark if mark else (0, encoding or "utf-8", encoding or "utf-8")
    if encoding is None and not mark:
        for magic, what in _MAGIC.items():
            if data.startswith(magic):
                raise BinaryFileError(f"{source}: this is {what}, not plain text; "
                                      "save the article as a .txt file")
        if b"\x00" in data:
            raise BinaryFileError(f"{source}: contains NUL bytes, so it is binary data or UTF-16 "
                                  "without a byte-order mark; save it as UTF-8 text")
    try:
        text = data[skip:].decode(codec)
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        name = (_FAMILY.get(used, used)).upper() if used.startswith("utf") else used
        after = f" after its {name} byte-order mark" if skip else ""
        hint = ("it may be Windows-1252 or Latin-1 text; re-save it as UTF-8, or load it with "
                "encoding='cp1252'") if encoding is None and name == "UTF-8" else (
            f"check that it really is {name}")
        raise ArticleEncodingError(f"{source}: not valid {name}{after} (byte "
                                   f"0x{data[offset:offset + 1].hex()} at offset {offset}); "
                                   f"{hint}") from None
    return text, used


def check_text(text: str, source: str | _Shown) -> None:
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
    segments = cut_segments(raw, split_paragraphs(raw))
    spans = [(s.start, s.end) for s in segments]
    normalised = [normalise(raw[a:b], a) for a, b in spans]
    decisions = assign_roles([n.text for n in normalised], [raw[a:b] for a, b in spans],
                             cuts=[(s.cut, s.reason) for s in segments])
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

    Decoding: a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured and left out of ``raw``,
    whether the encoding is detected or given (``Article.encoding`` is then ``utf-8-sig``,
    ``utf-16`` or ``utf-32``, saying a mark was dropped: offsets count characters after it);
    otherwise the bytes must be UTF-8 unless ``encoding`` is given. CRLF line endings are kept
    in ``raw`` as they are. Files over ``max_bytes`` are refused before reading.
    """
    path = Path(path)
    _check_path(path, max_bytes)
    shown = _Shown(path)
    raw, used = decode_bytes(path.read_bytes(), shown, encoding)
    check_text(raw, shown)
    return build_article(raw, id=id or path.stem, path=path, label=label, meta=meta,
                         encoding=used)



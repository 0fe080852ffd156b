"""Render executed notebooks as self-contained, safe HTML for sending to people.

- no network: figures are embedded (with alt text), and the CDN scripts nbconvert adds
  (require.js, MathJax, mermaid) are left out, so nothing is fetched and "$" stays a dollar;
- article text never becomes live markup: every HTML or Markdown output, and every Markdown
  cell, passes through an allow-list sanitiser (:func:`safe_html`) after the notebooks' own
  escaping; nothing in a page loads from outside it (only ``data:`` images and styles);
- deterministic: the same executed notebook always renders to the same bytes.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bleach
import nbformat
import pandas as pd
from bleach import html5lib_shim
from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer
from jinja2 import FileSystemLoader
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

from .execute import INJECTED_TAG, clean_notebook

TEMPLATES = Path(__file__).resolve().parent / "templates"
SHARE_TEMPLATE_NAME = "framing_share.html.j2"
NOTEBOOK_LINK = re.compile(r'href="(\d\d_\w+)\.ipynb')  # links between notebooks → pages
HERE = "."  # how the HTML shows an OUTPUT_DIR outside the project: the report's own folder

SAFE_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
})
SAFE_ATTRIBUTES = {
    "*": frozenset({"class", "id", "title", "style", "lang", "dir"}),
    "a": frozenset({"href", "name"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "table": frozenset({"border"}),
    "td": frozenset({"colspan", "rowspan", "align", "valign"}),
    "th": frozenset({"colspan", "rowspan", "align", "valign", "halign", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start"}),
    "style": frozenset({"type", "scoped"}),
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,", re.I)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these (java\tscript:)
# CSS as a browser reads it: comments gone, escapes decoded ("u\72 l(", "u\rl(" are "url(")
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(.))", re.S)
# what makes CSS fetch: url() and functions taking a bare string, @import, old IE hooks
# (spaces are dropped before the search); -webkit-image-set( contains image-set(
_CSS_FETCH = re.compile(r"(?:url|image-set|image|src|cross-fade)\(['\"]?(?!['\"]|data:)|"
                        r"@import|expression\(|behavior:|-moz-binding", re.I)


def _url(value: str) -> str:
    """An attribute's URL as a browser reads it: entities decoded (with or without ``;``),
    spaces and control characters dropped, backslashes as slashes."""
    return _IGNORED_IN_URLS.sub("", html.unescape(value)).replace("\\", "/")


def _local(url: str) -> bool:
    """A path in the report's own folder: no scheme, no host (``//host``), no absolute path."""
    return not _SCHEME.match(url) and not url.startswith("/")


def _css_character(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else None
    return match.group(2) if code is None else chr(code) if 0 < code <= 0x10FFFF else "\ufffd"


def css_loads_from_outside(css: str) -> bool:
    """Whether CSS (a ``<style>`` block or a ``style=`` value) could fetch anything: a
    ``url()`` or ``image-set()`` to anything but ``data:``, an ``@import``, or an old IE hook,
    also when written with comments or escapes."""
    decoded = _CSS_ESCAPE.sub(_css_character, _CSS_COMMENT.sub("", css))
    return bool(_CSS_FETCH.search(_IGNORED_IN_URLS.sub("", decoded)))


class _LocalCSS(CSSSanitizer):
    """bleach's allow-list of properties, and no property that fetches (``cursor: url()``)."""

    def sanitize_css(self, style: str) -> str:
        clean = super().sanitize_css(style)
        return "" if css_loads_from_outside(clean) else clean


class _LocalStyleBlocks(html5lib_shim.Filter):
    """Empty every ``<style>`` block whose CSS could fetch anything (bleach checks only
    ``style=`` attributes)."""

    def __iter__(self) -> Iterator[dict]:
        block: list[str] | None = None
        for token in super().__iter__():
            if block is not None and token["type"] in ("Characters", "SpaceCharacters"):
                block.append(token["data"])
                continue
            if block is not None:
                css = "".join(block)
                if css and not css_loads_from_outside(css):
                    yield {"type": "Characters", "data": css}
                block = None
            if token["type"] == "StartTag" and token["name"] == "style":
                block = []
            yield token


# besides bleach's list, what the annotated view (:mod:`.annotate`) needs to draw a line under
# each highlight, nested lines apart, and columns that wrap: none of them can name a URL
VIEW_CSS_PROPERTIES = frozenset({"border-bottom", "padding-bottom", "padding-right",
                                 "overflow-wrap"})
_CSS = _LocalCSS(allowed_css_properties=ALLOWED_CSS_PROPERTIES | VIEW_CSS_PROPERTIES)


def shareable_parameters(node: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Show an OUTPUT_DIR outside the project as the report's own folder, and event files
    outside it (ACTORS, WORD_CHOICES) by their file name, in place.

    The executed ``.ipynb`` keeps the real path; only the HTML shows ``"."`` and the file
    name, so a report does not reveal (or depend on) where it was written or read from.
    """
    for cell in node.cells:
        if INJECTED_TAG not in cell.metadata.get("tags", []):
            continue
        lines = []
        for line in cell.source.splitlines():
            match = re.fullmatch(r"(OUTPUT_DIR|ACTORS|WORD_CHOICES) = (['\"])(.*)\2", line)
            if match and Path(match.group(3)).is_absolute():
                name = match.group(1)
                line = (f'OUTPUT_DIR = "{HERE}"  # the folder holding this report'
                        if name == "OUTPUT_DIR" else
                        f'{name} = "{Path(match.group(3)).name}"  # a file given on the '
                        "command line")
            lines.append(line)
        cell.source = "\n".join(lines) + "\n"
    return node


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in SAFE_ATTRIBUTES["*"] or name in SAFE_ATTRIBUTES.get(tag, ()):
        url = _url(value)
        if tag == "a" and name == "href":
            scheme = _SCHEME.match(url)
            return (_local(url) or url.startswith("#")
                    or bool(scheme and scheme.group(1).lower() in _LINK_SCHEMES))
        if tag == "img" and name == "src":
            return _local(url) or bool(_IMAGE_DATA.match(url))
        return True
    return False


def safe_html(fragment: Any) -> str:
    """Sanitise an HTML fragment: allow-listed tags and attributes; anything else is escaped.

    Scripts, event handlers (``onerror=``), ``javascript:`` links and anything that would load
    from outside the page cannot survive: an image is a ``data:`` image or a file beside the
    page (never ``//host``, however its URL is encoded), and CSS in ``<style>`` blocks and
    ``style=`` attributes keeps no ``url()`` but to ``data:`` and no ``@import``. Tables,
    headings, links to follow (http, https, mailto), embedded figures and styles survive.
    """
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return _cleaner().clean(text)


_THREAD = threading.local()


def _cleaner() -> bleach.Cleaner:
    """This thread's sanitiser (building one takes longer than cleaning most fragments, and
    a ``Cleaner`` must not be shared between threads)."""
    cleaner = getattr(_THREAD, "cleaner", None)
    if cleaner is None:
        cleaner = _THREAD.cleaner = bleach.Cleaner(
            tags=SAFE_TAGS, attributes=_allowed_attribute, protocols=[*_LINK_SCHEMES, "data"],
            css_sanitizer=_CSS, strip=False, strip_comments=True, filters=[_LocalStyleBlocks])
    return cleaner


# what nbconvert's HTML exporter adds to a page by re-parsing it with BeautifulSoup: every cell's
# input and output focusable, and alt text on an image that has none (a page's markup is the
# template's or the sanitiser's: every attribute value in double quotes, no raw "<" in text)
_FOCUSABLE = re.compile(r'<div (?:id="[^"]*" )?class="(?:[^"]* )?'
                        r'(?:jp-Cell-inputWrapper|jp-OutputArea-output)(?: [^"]*)?"')
_IMAGE = re.compile(r'<img((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)(\s*/?>)')
_HAS_ALT = re.compile(r'\salt="')
NO_ALT = "No description has been provided for this image"  # nbconvert's words


def accessible(page: str) -> str:
    """``page`` with ``tabindex="0"`` on every cell input and output ``div`` and nbconvert's
    alt text on every image without one: what nbconvert's exporter adds by parsing and
    writing out the whole page again (a third of a page's time), done on the markup itself."""
    page = _FOCUSABLE.sub(r'\g<0> tabindex="0"', page)
    return _IMAGE.sub(lambda m: m.group(0) if _HAS_ALT.search(m.group(1)) else
                      f'<img{m.group(1)} alt="{NO_ALT}"{m.group(2)}', page)


class ShareExporter(HTMLExporter):
    """nbconvert's HTML exporter without its BeautifulSoup pass: the page the template writes,
    made :func:`accessible` as that pass would."""

    def from_notebook_node(self, nb: nbformat.NotebookNode, resources: dict | None = None,
                           **kw: Any) -> tuple[str, dict]:
        # nbconvert's HTMLExporter.from_notebook_node (7.x), up to its BeautifulSoup pass
        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return accessible(page), resources


def html_exporter(kind: type[HTMLExporter] = ShareExporter) -> HTMLExporter:
    """nbconvert's lab template without CDN scripts, sanitising every HTML/Markdown output.
    The notebook is validated once, after nbconvert's preprocessors, not after each one.
    (``kind=HTMLExporter``: nbconvert's own exporter, BeautifulSoup pass included.)"""
    return kind(
        template_name="lab", template_file=SHARE_TEMPLATE_NAME,
        extra_loaders=[FileSystemLoader(str(TEMPLATES))],
        sanitize_html=True, filters={"clean_html": safe_html}, optimistic_validation=True,
    )


def _exporter() -> HTMLExporter:
    """This thread's exporter (it compiles its templates on first use, a quarter of a second:
    one exporter renders every page a process writes)."""
    exporter = getattr(_THREAD, "exporter", None)
    if exporter is None:
        exporter = _THREAD.exporter = html_exporter()
    return exporter


def warm_renderer() -> None:
    """Build this thread's exporter and sanitiser and render a small page in memory, so that
    the templates are compiled, and the highlighter and parsers imported, before the first
    page (a process that forks workers calls it first: they inherit all of it)."""
    text = "\n".join(["<p><b>x</b></p>", "<table><tr><td>1</td></tr></table>"])
    code = nbformat.v4.new_code_cell("print(1)\n1", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output("display_data", data={"text/html": text,
                                                     "text/markdown": "*x*"}),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=",
                                                     "text/plain": "<Figure>"}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
    ])
    node = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# x\n\n[a](b)"),
                                           code])
    node.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    _exporter().from_notebook_node(node, resources={"metadata": {"name": "warm"},
                                                    "index_link": True})


def render_html(notebook: Path, target: Path, *, index_link: bool = False) -> Path:
    """Render an executed notebook to deterministic, sanitised HTML with figures embedded."""
    node = shareable_parameters(clean_notebook(nbformat.read(notebook, as_version=4)))
    resources = {"metadata": {"name": notebook.stem}, "index_link": index_link}
    body, _ = _exporter().from_notebook_node(node, resources=resources)
    target.write_text(NOTEBOOK_LINK.sub(r'href="\1.html', body), encoding="utf-8")
    return target


def table_html(table: Any) -> str:
    """A DataFrame (or the data of a Styler) as escaped, sanitised HTML."""
    frame = getattr(table, "data", table) if not isinstance(table, pd.DataFrame) else table
    markup = frame.to_html(index=False, escape=True, border=0, classes="summary", na_rep="")
    return safe_html(markup)

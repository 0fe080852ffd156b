"""Execute the notebooks with papermill and render each one as self-contained, safe HTML.

A report folder holds, for every story notebook, the executed copy (``NN_name.ipynb``) and its
HTML rendering (``NN_name.html``), plus ``index.html`` linking them with a summary table. The HTML
is meant to be sent to people:

- it needs no network: figures are embedded (with alt text), and the CDN scripts nbconvert adds
  (require.js, MathJax, mermaid) are left out, so nothing is fetched and "$" stays a dollar;
- article text never becomes live markup: every HTML or Markdown output, and every Markdown
  cell, passes through an allow-list sanitiser (``safe_html``) after the notebooks' own escaping;
- running twice gives byte-identical files: execution timings and papermill metadata are
  stripped, random ids (papermill's injected cell, pandas Styler tables) are replaced by stable
  ones, and kernels run with a fixed hash seed and ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import ast
import contextlib
import html
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bleach
import nbformat
import pandas as pd
from bleach.css_sanitizer import ALLOWED_CSS_PROPERTIES, CSSSanitizer
from jinja2 import DictLoader
from nbconvert import HTMLExporter

from .clean import DEFAULT_ROLES
from .corpus import Article, check_roles, load_articles
from .errors import AnalysisInputError
from .paths import NOTEBOOKS_DIR, PROJECT_ROOT, REPORTS_DIR, display_path
from .tokens import WORD_KINDS, sentences, tokens

INDEX_NAME = "index.html"
INJECTED_TAG = "injected-parameters"
NOTEBOOK_LINK = re.compile(r'href="(\d\d_\w+)\.ipynb')  # links between notebooks → pages
PARAMETER_NAMES = ("ARTICLES", "LABELS", "MANIFEST", "ROLES", "OUTPUT_DIR")
KERNEL_ENV = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "0"}
# the kernel's own log only says "running over TCP" and "KeyboardInterrupt caught" at shutdown;
# errors in cells reach the executed notebook, not this log
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
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
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp|svg\+xml);base64,", re.I)
_STYLER_TABLE = re.compile(r'<table id="T_([0-9a-zA-Z]+)"')
_CSS = CSSSanitizer(allowed_css_properties=ALLOWED_CSS_PROPERTIES)

SHARE_TEMPLATE_NAME = "framing_share.html.j2"
SHARE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block extra_css -%}
<style type="text/css">
.framing-nav { padding: 8px 20px; font-family: var(--jp-ui-font-family); font-size: 13px; }
</style>
{%- endblock extra_css -%}
{%- block body_header -%}
{{ super() }}
{%- if resources.index_link %}
<nav class="framing-nav"><a href="index.html">&larr; All notebooks of this report</a></nav>
{%- endif %}
{%- endblock body_header -%}
{%- block data_javascript scoped -%}
<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">
<pre>[JavaScript output not included in shared reports]</pre>
</div>
{%- endblock data_javascript -%}
{%- block data_widget_view scoped -%}{%- endblock data_widget_view -%}
{%- macro figure(output, cell, mime, data) -%}
{%- set alt = (output | get_metadata('alt', mime))
              or ('Figure: output of cell [%s]' | format(cell.execution_count)) -%}
{%- set width = output | get_metadata('width', mime) -%}
{%- set height = output | get_metadata('height', mime) -%}
{%- set background = output | get_metadata('needs_background', mime) -%}
<img src="data:{{ mime }};base64,{{ data | escape_html }}" alt="{{ alt | escape_html }}"
{%- if width is not none %} width="{{ width | escape_html }}"{% endif -%}
{%- if height is not none %} height="{{ height | escape_html }}"{% endif -%}
{%- if background in ('light', 'dark') %} class="jp-needs-{{ background }}-background"{% endif -%}
>
{%- endmacro -%}
{%- block data_png scoped -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
{{ figure(output, cell, 'image/png', output.data['image/png']) }}
</div>
{%- endblock data_png -%}
{%- block data_jpg scoped -%}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
{{ figure(output, cell, 'image/jpeg', output.data['image/jpeg']) }}
</div>
{%- endblock data_jpg -%}
{%- block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output {{ extra_class }}" data-mime-type="image/svg+xml">
{{ figure(output, cell, 'image/svg+xml', output.data['image/svg+xml'] | text_base64) }}
</div>
{%- endblock data_svg -%}
"""


class NotebookFailedError(AnalysisInputError):
    """A notebook raised an error while it was being executed."""

    exit_code = 1


@dataclass(frozen=True)
class RenderedNotebook:
    """One notebook of a report: its title and the files written for it."""

    title: str
    html: Path
    notebook: Path


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The story notebooks, in reading order (their names start with a number)."""
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))


def pair_notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The numbered notebooks that compare two articles (their parameters name ARTICLES)."""
    return [p for p in notebook_paths(folder) if "ARTICLES" in notebook_defaults(p)]


def notebook_defaults(notebook: Path) -> dict[str, Any]:
    """The literal values assigned in a notebook's cell tagged ``parameters``."""
    node = nbformat.read(notebook, as_version=4)
    cell = next((c for c in node.cells if "parameters" in c.metadata.get("tags", [])), None)
    if cell is None:
        raise AnalysisInputError(f"{display_path(notebook)}: no cell tagged 'parameters'")
    values = {}
    for statement in ast.parse(cell.source).body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(
                statement.targets[0], ast.Name):
            values[statement.targets[0].id] = ast.literal_eval(statement.value)
    return values


def parameter_path(path: str | Path) -> str:
    """A path as notebooks receive it: relative to the project root when inside it."""
    resolved = Path(path).expanduser().resolve()
    try:
        relative = resolved.relative_to(PROJECT_ROOT)
    except ValueError:
        return str(resolved)
    # a bare name without a suffix would be read as a manifest id, so keep those absolute
    return relative.as_posix() if relative.suffix or len(relative.parts) > 1 else str(resolved)


@contextlib.contextmanager
def kernel_environment() -> Iterator[None]:
    """Environment inherited by kernels: this checkout's package first, fixed seeds and dates."""
    names = (*KERNEL_ENV, "PYTHONPATH")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(KERNEL_ENV)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(PROJECT_ROOT), *([saved["PYTHONPATH"]] if saved["PYTHONPATH"] else [])])
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def failed_cell(source: Path, cell_source: str, exec_count: int | None) -> str:
    """Name a failed cell as the reader of ``source`` sees it: ``cell [n]`` among code cells."""
    node = nbformat.read(source, as_version=4)
    code = [c.source for c in node.cells if c.cell_type == "code"]
    if cell_source in code:
        return f"cell [{code.index(cell_source) + 1}]"
    if cell_source.lstrip().startswith("# Parameters"):
        return "the injected parameters cell"
    return f"cell [{exec_count}]"


def first_line(text: str) -> str:
    """The first non-blank line of ``text``, stripped."""
    return next((line.strip() for line in str(text).splitlines() if line.strip()), "")


def execute(source: Path, target: Path, parameters: Mapping[str, Any] | None = None) -> Path:
    """Run one notebook top to bottom in a fresh kernel, writing the executed copy."""
    import papermill as pm
    from nbclient.exceptions import DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with kernel_environment():
            pm.execute_notebook(
                str(source), str(target), parameters=dict(parameters or {}),
                kernel_name="python3", cwd=str(source.parent), progress_bar=False,
                log_output=False, request_save_on_cell_execute=False,
                extra_arguments=KERNEL_ARGUMENTS,
            )
    except PapermillExecutionError as exc:
        where = failed_cell(source, exc.source, exc.exec_count)
        error = f"{exc.ename}: {first_line(exc.evalue)}" if first_line(exc.evalue) else exc.ename
        raise NotebookFailedError(
            f"{source.name}: {where} `{first_line(exc.source)}` failed with {error} "
            f"(executed copy: {display_path(target)})") from None
    except DeadKernelError as exc:
        raise NotebookFailedError(f"{source.name}: the kernel died: {first_line(exc)}") from None
    return target


def stable_styler_ids(node: nbformat.NotebookNode) -> None:
    """Replace the random ids of pandas Styler tables by ``T_styled<n>``, numbered in order."""
    count = 0
    for cell in node.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html")
            if not isinstance(text, str):
                continue
            for uuid in dict.fromkeys(_STYLER_TABLE.findall(text)):
                count += 1
                text = re.sub(rf"\bT_{re.escape(uuid)}(?![0-9a-zA-Z])", f"T_styled{count}", text)
            output["data"]["text/html"] = text


def clean_notebook(node: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip timing and papermill metadata and make every id stable, in place."""
    node.metadata.pop("papermill", None)
    for cell in node.cells:
        for key in ("papermill", "execution", "ExecuteTime"):
            cell.metadata.pop(key, None)
        if INJECTED_TAG in cell.metadata.get("tags", []) and "id" in cell:
            cell.id = INJECTED_TAG
    stable_styler_ids(node)
    return node


def shareable_parameters(node: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Show an OUTPUT_DIR outside the project as the report's own folder, in place.

    The executed ``.ipynb`` keeps the real path; only the HTML shows ``"."``, so a report
    does not reveal (or depend on) where it was written.
    """
    for cell in node.cells:
        if INJECTED_TAG not in cell.metadata.get("tags", []):
            continue
        lines = []
        for line in cell.source.splitlines():
            match = re.fullmatch(r"OUTPUT_DIR = (['\"])(.*)\1", line)
            if match and Path(match.group(2)).is_absolute():
                line = f'OUTPUT_DIR = "{HERE}"  # the folder holding this report'
            lines.append(line)
        cell.source = "\n".join(lines) + "\n"
    return node


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in SAFE_ATTRIBUTES["*"] or name in SAFE_ATTRIBUTES.get(tag, ()):
        scheme = _SCHEME.match(value)
        if tag == "a" and name == "href":
            return not scheme or scheme.group(1).lower() in _LINK_SCHEMES
        if tag == "img" and name == "src":
            return not scheme or bool(_IMAGE_DATA.match(value))
        return True
    return False


def safe_html(fragment: Any) -> str:
    """Sanitise an HTML fragment: allow-listed tags and attributes; anything else is escaped.

    Scripts, event handlers (``onerror=``), ``javascript:`` links and remote images cannot
    survive; tables, headings, links, embedded ``data:image`` figures and styles do.
    """
    text = fragment.decode() if isinstance(fragment, bytes) else str(fragment)
    return bleach.clean(text, tags=SAFE_TAGS, attributes=_allowed_attribute,
                        protocols=[*_LINK_SCHEMES, "data"], css_sanitizer=_CSS,
                        strip=False, strip_comments=True)


def html_exporter() -> HTMLExporter:
    """nbconvert's lab template without CDN scripts, sanitising every HTML/Markdown output."""
    return HTMLExporter(
        template_name="lab", template_file=SHARE_TEMPLATE_NAME,
        extra_loaders=[DictLoader({SHARE_TEMPLATE_NAME: SHARE_TEMPLATE})],
        sanitize_html=True, filters={"clean_html": safe_html},
    )


def notebook_title(node: nbformat.NotebookNode, default: str) -> str:
    """The first Markdown heading of a notebook (plain text), or ``default``."""
    for cell in node.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#+\s+(.+?)\s*#*\s*$", cell.source, re.M)
            if match:
                return re.sub(r"[*_`]", "", match.group(1))
    return default


def render_html(notebook: Path, target: Path, *, index_link: bool = False) -> Path:
    """Render an executed notebook to deterministic, sanitised HTML with figures embedded."""
    node = shareable_parameters(clean_notebook(nbformat.read(notebook, as_version=4)))
    resources = {"metadata": {"name": notebook.stem}, "index_link": index_link}
    body, _ = html_exporter().from_notebook_node(node, resources=resources)
    target.write_text(NOTEBOOK_LINK.sub(r'href="\1.html', body), encoding="utf-8")
    return target


def tidy_executed(notebook: Path) -> nbformat.NotebookNode:
    """Rewrite an executed notebook without timings or random ids; return it."""
    node = clean_notebook(nbformat.read(notebook, as_version=4))
    nbformat.write(node, notebook)
    return node


def article_overview(articles: Sequence[Article],
                     roles: Sequence[str] = DEFAULT_ROLES) -> pd.DataFrame:
    """One row per article: source, size, what cleaning set aside, and what is analysed."""
    wanted = check_roles(roles)
    rows = []
    for article in articles:
        sents = sentences(article, roles=wanted)
        toks = tokens(article, roles=wanted)
        rows.append({
            "article": article.label, "file": article.path.name,
            "characters": len(article.raw), "paragraphs": len(article.paragraphs),
            "set aside": sum(not p.kept for p in article.paragraphs),
            "analysed paragraphs": len(article.select(wanted)),
            "sentences": len(sents), "words": int(toks["kind"].isin(WORD_KINDS).sum()),
            "headline": article.headline or "(none found)",
        })
    return pd.DataFrame(rows)


def summary_table(articles: Sequence[Article],
                  roles: Sequence[str] = DEFAULT_ROLES) -> pd.DataFrame:
    """The index page's summary: notebook 05's table (``analysis.summary_table``)."""
    import analysis

    return analysis.summary_table(articles, roles)


def table_html(table: Any) -> str:
    """A DataFrame (or the data of a Styler) as escaped, sanitised HTML."""
    frame = getattr(table, "data", table) if not isinstance(table, pd.DataFrame) else table
    markup = frame.to_html(index=False, escape=True, border=0, classes="summary", na_rep="")
    return safe_html(markup)


INDEX_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto;
       max-width: 70rem; padding: 0 1rem; color: #222; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left;
         vertical-align: top; }
th { background: #f4f4f4; }
code { background: #f4f4f4; padding: 0 0.2rem; }
.files { color: #666; font-size: 0.9rem; }
"""


def render_index(pages: Sequence[RenderedNotebook], articles: Sequence[Article],
                 roles: Sequence[str]) -> str:
    """The report's front page: the articles, the summary table and links to every notebook."""
    esc = html.escape
    labels = " and ".join(esc(a.label) for a in articles)
    article_rows = "\n".join(
        f"<tr><td>{esc(a.label)}</td><td>{esc(a.headline or '(none found)')}</td>"
        f"<td><code>{esc(display_path(a.path))}</code></td>"
        f"<td><code>{a.sha256[:12]}</code></td></tr>" for a in articles)
    links = "\n".join(
        f'<li><a href="{esc(p.html.name)}">{esc(p.title)}</a> '
        f'<span class="files">(<a href="{esc(p.notebook.name)}">notebook</a>)</span></li>'
        for p in pages)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Framing comparison: {labels}</title>
<style>{INDEX_CSS}</style>
</head>
<body>
<main>
<h1>How two articles frame the same event</h1>
<p>A comparison of {labels}. Paragraph roles analysed: {esc(", ".join(roles))}.</p>
<h2>Articles</h2>
<table>
<thead><tr><th>label</th><th>headline</th><th>file</th><th>SHA-256 (first 12)</th></tr>
</thead>
<tbody>
{article_rows}
</tbody>
</table>
<h2>Summary</h2>
{table_html(summary_table(articles, roles))}
<h2>Notebooks</h2>
<ol>
{links}
</ol>
<p class="files">Each page is a notebook executed for this report. The <code>.ipynb</code>
files open in JupyterLab; the pages open in any browser, without a network connection.</p>
</main>
</body>
</html>
"""


def build_reports(out_dir: Path = REPORTS_DIR, parameters: Mapping[str, Any] | None = None,
                  notebooks: Sequence[Path] | None = None,
                  progress: Callable[[str], None] = print) -> list[Path]:
    """Execute every notebook into ``out_dir``, render each to HTML, and write ``index.html``.

    ``parameters`` override the notebooks' defaults; ``OUTPUT_DIR`` is always ``out_dir``.
    Each notebook receives only the parameters its ``parameters`` cell declares; when
    ``parameters`` name ``ARTICLES`` (a comparison of two articles), notebooks that declare no
    ``ARTICLES`` (the corpus notebook) are skipped. Returns the HTML files written, index last.
    """
    out_dir = Path(out_dir).resolve()
    sources = list(notebooks or notebook_paths())
    if not sources:
        raise AnalysisInputError(f"{display_path(NOTEBOOKS_DIR)}: no numbered notebooks to run")
    if out_dir in {s.parent.resolve() for s in sources}:
        raise AnalysisInputError(f"{display_path(out_dir)}: the output folder must not be the "
                                 "notebooks folder (the executed copies would overwrite them)")
    if out_dir.exists() and not out_dir.is_dir():
        raise AnalysisInputError(f"{display_path(out_dir)}: exists and is not a folder")
    effective = {**notebook_defaults(sources[0]), **dict(parameters or {}),
                 "OUTPUT_DIR": parameter_path(out_dir)}
    articles = load_articles(effective["ARTICLES"], manifest=effective["MANIFEST"],
                             labels=effective["LABELS"])
    # only what the caller chose (and the output folder) is injected; defaults stay each
    # notebook's own, since notebooks may give a parameter such as MANIFEST its own meaning
    injected = {k: v for k, v in {**dict(parameters or {}), "OUTPUT_DIR": effective["OUTPUT_DIR"]}
                .items() if k in PARAMETER_NAMES}
    pages, written = [], []
    for number, source in enumerate(sources, start=1):
        declared = notebook_defaults(source)
        if parameters and "ARTICLES" in parameters and "ARTICLES" not in declared:
            # pair_notebooks() lists the ones that run
            progress(f"[{number}/{len(sources)}] {source.name}: skipped (it does not compare "
                     "two articles)")
            continue
        progress(f"[{number}/{len(sources)}] {source.name}: running ...")
        started = time.perf_counter()
        own = {k: v for k, v in injected.items() if k in declared}
        executed = execute(source, out_dir / source.name, own)
        node = tidy_executed(executed)
        page = render_html(executed, out_dir / f"{source.stem}.html", index_link=True)
        progress(f"[{number}/{len(sources)}] {source.name}: wrote {display_path(page)} "
                 f"({time.perf_counter() - started:.1f} s)")
        pages.append(RenderedNotebook(notebook_title(node, source.stem), page, executed))
        written.append(page)
    index = out_dir / INDEX_NAME
    index.write_text(render_index(pages, articles, effective["ROLES"]), encoding="utf-8")
    progress(f"wrote {display_path(index)}: open it in a browser")
    return [*written, index]


def compare_parameters(first: str | Path, second: str | Path, *,
                       labels: Sequence[str | None] = (None, None),
                       roles: Sequence[str] | None = None) -> dict[str, Any]:
    """Notebook parameters for comparing two article files; checks the files first.

    Raises an ``ArticleError`` subclass naming the file when one cannot be read, and
    ``AnalysisInputError`` for unknown roles. Two files with the same name get distinct ids
    (``a`` and ``a-2``).
    """
    paths = [parameter_path(p) for p in (first, second)]
    chosen = list(roles) if roles else list(DEFAULT_ROLES)
    check_roles(chosen)
    articles = load_articles(paths)
    names = [label or article.id for label, article in zip(labels, articles, strict=True)]
    return {"ARTICLES": paths, "LABELS": names, "ROLES": chosen}


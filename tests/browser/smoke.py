"""Browser smoke test: every story notebook opens and displays in JupyterLab in real Chromium.

Run it with the project's Python after ``make test`` (``make browser`` does; so does ``.ci/run``):

    .venv/bin/python tests/browser/smoke.py

It starts JupyterLab on 127.0.0.1 (a free port, no token, the repository as root), opens
``/lab/tree/notebooks/NAME.ipynb`` for each numbered notebook in headless Chromium, checks the
rendered DOM (every cell present, tables, embedded figures, no error or stderr output), saves a
screenshot to ``reports/screenshots/NAME.png``, checks in the browser's layout that no table is
wider than the notebook (a 1280-pixel window, Lab's default layout) and stops the server by its
PID, also on failure.
Chromium is installed with apt-get when missing (needs root, as on the CI machine). The
notebooks are checked byte for byte afterwards: Lab must not have saved anything.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from devtools import Chromium, DevToolsError  # noqa: E402

from analysis.paths import NOTEBOOKS_DIR, REPORTS_DIR, display_path  # noqa: E402
from analysis.report.notebooks import notebook_paths  # noqa: E402

SCREENSHOTS_DIR = REPORTS_DIR / "screenshots"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--virtual-time-budget=20000", "--window-size=1280,2000",
]
LAB_SETTINGS = {  # written to a throwaway user-settings folder, never the user's own
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},  # every cell in the DOM
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                   "checkForUpdates": False},
}
ERROR_MIME = "application/vnd.jupyter.stderr"
IMAGE_MIMES = ("image/png", "image/svg+xml", "image/jpeg")
SERVER_START_SECONDS = 60
VIEW_NOTEBOOK = "05_summary.ipynb"  # its first annotated view is screenshot on its own
BROWSER_SECONDS = 120
RENDER_SECONDS = 60  # for a notebook to render in the width check
# Every table in an output, as [cell number, table width, output area width] in CSS pixels
TABLE_WIDTHS_JS = r"""JSON.stringify(Array.from(
  document.querySelectorAll('.jp-Notebook .jp-Cell .jp-OutputArea-output table')).map(t => {
    const cells = Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell'));
    return [cells.indexOf(t.closest('.jp-Cell')), Math.ceil(t.getBoundingClientRect().width),
            t.closest('.jp-OutputArea-output').clientWidth];
}))"""
RENDERED_JS = ("document.querySelectorAll('.jp-Notebook .jp-Cell').length === {cells} && "
               "document.querySelectorAll('.jp-OutputArea-output table').length >= {tables}")


class SmokeError(Exception):
    """The browser smoke test failed; the message says where and why."""


@dataclass
class Dom(HTMLParser):
    """Counts of what a rendered JupyterLab page holds."""

    classes: Counter = field(default_factory=Counter)
    mime_types: Counter = field(default_factory=Counter)
    images: list[str] = field(default_factory=list)
    tables: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.classes.update(values.get("class", "").split())
        if "data-mime-type" in values:
            self.mime_types[values["data-mime-type"]] += 1
        if tag == "img":
            self.images.append(values.get("src", ""))
        if tag == "table":
            self.tables += 1


@dataclass
class Highlights(HTMLParser):
    """The annotated view's highlights (class ``fv``) in a page, and how many kept their style."""

    total: int = 0
    styled: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "fv" in values.get("class", "").split():
            self.total += 1
            self.styled += "border" in values.get("style", "")


def highlights(html: str) -> Highlights:
    """Count the view's highlights in ``html``."""
    found = Highlights()
    found.feed(html)
    return found


def view_notebook(source: Path, target: Path) -> int:
    """Write to ``target`` a notebook holding only the first annotated side-by-side view of
    ``source`` (its committed output, not re-run); return the highlights in that output."""
    node = json.loads(source.read_text(encoding="utf-8"))
    cell = next(c for c in node["cells"] if c["cell_type"] == "code"
                and "analysis.display.annotated(" in "".join(c["source"]))
    node["cells"] = [cell]
    target.write_text(json.dumps(node), encoding="utf-8")
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in cell["outputs"])
    return highlights(html).total


@dataclass(frozen=True)
class Expected:
    """What a notebook should show: its cells, tables and figures, from the .ipynb file."""

    code_cells: int
    markdown_cells: int
    tables: int
    figures: int


def expected(path: Path) -> Expected:
    """Count the cells, HTML tables and figures (PNG, SVG, JPEG) a committed notebook holds."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]
    html = ["".join(o.get("data", {}).get("text/html", "")) for o in outputs]
    return Expected(
        code_cells=sum(c["cell_type"] == "code" for c in cells),
        markdown_cells=sum(c["cell_type"] == "markdown" for c in cells),
        tables=sum(h.count("<table") for h in html),
        figures=sum(any(k in IMAGE_MIMES for k in o.get("data", {})) for o in outputs),
    )


def check_dom(dom_text: str, want: Expected) -> list[str]:
    """Problems with a rendered notebook page (an empty list when it looks right)."""
    dom = Dom()
    dom.feed(dom_text)
    problems = []
    if dom.classes["jp-CodeCell"] != want.code_cells:
        problems.append(f"{dom.classes['jp-CodeCell']} code cells shown, {want.code_cells} "
                        "in the notebook")
    if dom.classes["jp-MarkdownCell"] != want.markdown_cells:
        problems.append(f"{dom.classes['jp-MarkdownCell']} Markdown cells shown, "
                        f"{want.markdown_cells} in the notebook")
    if dom.tables < want.tables:
        problems.append(f"{dom.tables} tables shown, {want.tables} in the outputs")
    figures = sum(src.startswith(tuple(f"data:{m}" for m in IMAGE_MIMES)) for src in dom.images)
    if figures < want.figures:
        problems.append(f"{figures} embedded figures shown, {want.figures} in the outputs")
    errors = dom.mime_types[ERROR_MIME] + dom.classes["jp-OutputArea-error"]
    if errors:
        problems.append(f"{errors} error or stderr outputs shown")
    return problems


def find_browser() -> str:
    """The Chromium executable, installed from Debian's packages when it is missing."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SmokeError("Chromium is not installed; install it (Debian: apt-get install "
                         "chromium) or run this as root on Debian so it can install it")
    print("installing chromium with apt-get ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
                   check=True, env=env)
    found = shutil.which("chromium")
    if not found:
        raise SmokeError("apt-get installed chromium but no 'chromium' command was found")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_settings(folder: Path) -> None:
    """Lab user settings for the test: no windowing, no autosave, no news."""
    for plugin, values in LAB_SETTINGS.items():
        path = folder / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def start_lab(port: int, scratch: Path) -> subprocess.Popen:
    """Start JupyterLab on 127.0.0.1:``port`` serving the repository root, without a token."""
    write_settings(scratch / "settings")
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--port-retries=0", "--IdentityProvider.token=", f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.user_settings_dir={scratch / 'settings'}",
        f"--LabApp.workspaces_dir={scratch / 'workspaces'}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(scratch / "runtime"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    log = (scratch / "lab.log").open("wb")
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                            start_new_session=True)


def wait_for_lab(server: subprocess.Popen, port: int, log: Path) -> None:
    """Wait until the server answers, or raise with the end of its log."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SmokeError(f"JupyterLab exited with code {server.returncode}:\n"
                             f"{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise SmokeError(f"JupyterLab did not answer within {SERVER_START_SECONDS} s:\n"
                     f"{log.read_text(errors='replace')[-2000:]}")


def stop_lab(server: subprocess.Popen) -> None:
    """Stop the server by its PID (it shuts its kernels down); kill its group if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=15)
    try:  # kernels the server started live in its process group
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def open_in_browser(browser: str, url: str, screenshot: Path, profile: Path) -> str:
    """Load ``url`` in headless Chromium, save a screenshot, and return the rendered DOM."""
    result = subprocess.run(
        [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
         f"--screenshot={screenshot}", url],
        capture_output=True, text=True, timeout=BROWSER_SECONDS,
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise SmokeError(f"Chromium failed on {url} (exit {result.returncode}):\n"
                         f"{result.stderr[-2000:]}")
    return result.stdout


def run(notebooks: list[Path]) -> list[str]:
    """Open every notebook in JupyterLab in Chromium; return the failures, one line each."""
    browser = find_browser()
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    before = {p: p.read_bytes() for p in notebooks}
    failures = []
    with tempfile.TemporaryDirectory(prefix="framing-smoke-") as tmp:
        scratch = Path(tmp)
        port = free_port()
        server = start_lab(port, scratch)
        print(f"JupyterLab started, PID {server.pid}, http://127.0.0.1:{port}/lab", flush=True)
        try:
            wait_for_lab(server, port, scratch / "lab.log")
            for path in notebooks:
                started = time.monotonic()
                # a workspace of its own, reset, so notebooks opened earlier are not restored
                url = (f"http://127.0.0.1:{port}/lab/workspaces/smoke-{path.stem}/tree/"
                       f"{path.relative_to(ROOT).as_posix()}?reset")
                shot = SCREENSHOTS_DIR / f"{path.stem}.png"
                dom = open_in_browser(browser, url, shot, scratch / f"profile-{path.stem}")
                problems = check_dom(dom, expected(path))
                failures += [f"{path.name}: {problem}" for problem in problems]
                print(f"{path.name}: {'FAILED' if problems else 'ok'} "
                      f"({time.monotonic() - started:.1f} s, {display_path(shot)})", flush=True)
            failures += side_by_side(browser, port, scratch)
            failures += table_widths(browser, port, scratch, notebooks)
        finally:
            stop_lab(server)
            print(f"JupyterLab stopped (PID {server.pid})", flush=True)
    failures += [f"{p.name}: changed on disk while open in JupyterLab"
                 for p, data in before.items() if p.read_bytes() != data]
    return failures


def side_by_side(browser: str, port: int, scratch: Path) -> list[str]:
    """Open the side-by-side annotated view of notebook 05 in JupyterLab, screenshot it, and
    check that every highlight is shown with its style (JupyterLab's sanitiser keeps them)."""
    started = time.monotonic()
    source = NOTEBOOKS_DIR / VIEW_NOTEBOOK
    page = SCREENSHOTS_DIR / "side_by_side.ipynb"
    want = view_notebook(source, page)
    try:
        url = (f"http://127.0.0.1:{port}/lab/workspaces/smoke-side-by-side/tree/"
               f"{page.relative_to(ROOT).as_posix()}?reset")
        shot = SCREENSHOTS_DIR / "side_by_side.png"
        shown = highlights(open_in_browser(browser, url, shot, scratch / "profile-view"))
    finally:
        page.unlink()
    problems = [] if want and shown.total == shown.styled == want else [
        f"{shown.total} highlights shown ({shown.styled} with their style), {want} in the view"]
    print(f"{VIEW_NOTEBOOK} side-by-side view: {'FAILED' if problems else 'ok'} "
          f"({want} highlights, {time.monotonic() - started:.1f} s, {display_path(shot)})",
          flush=True)
    return [f"{VIEW_NOTEBOOK} side-by-side view: {p}" for p in problems]


def wide_tables(measured: list[list[int]]) -> list[str]:
    """Problems with the measured tables of a page: each table wider than its output area."""
    return [f"the table in cell {cell} is {width} px wide, wider than the notebook's "
            f"{area} px" for cell, width, area in measured if width > area]


def table_widths(browser: str, port: int, scratch: Path, notebooks: list[Path]) -> list[str]:
    """Open each notebook in JupyterLab in Chromium driven through DevTools, wait until every
    cell and table is rendered, and measure every output table against its output area."""
    flags = [f for f in CHROMIUM_FLAGS if not f.startswith("--virtual-time-budget")]
    failures = []
    try:
        with Chromium(browser, scratch / "profile-widths", flags) as chromium:
            for path in notebooks:
                want = expected(path)
                tab = chromium.open(f"http://127.0.0.1:{port}/lab/workspaces/widths-{path.stem}/"
                                    f"tree/{path.relative_to(ROOT).as_posix()}?reset")
                try:
                    ready = tab.wait_for(RENDERED_JS.format(
                        cells=want.code_cells + want.markdown_cells, tables=want.tables),
                        RENDER_SECONDS)
                    time.sleep(1)  # let the last outputs lay out
                    measured = json.loads(tab.evaluate(TABLE_WIDTHS_JS))
                finally:
                    tab.close()
                problems = wide_tables(measured) if ready else [
                    f"not rendered within {RENDER_SECONDS} s"]
                failures += [f"{path.name}: {problem}" for problem in problems]
                print(f"{path.name} table widths: {'FAILED' if problems else 'ok'} "
                      f"({len(measured)} tables, widest "
                      f"{max((w for _, w, _ in measured), default=0)} px)", flush=True)
    except (DevToolsError, OSError, ValueError) as exc:
        failures.append(f"table widths: {exc}")
    return failures


def main() -> int:
    """Run the smoke test over every numbered notebook; exit 1 with the failures listed."""
    started = time.monotonic()
    notebooks = notebook_paths(NOTEBOOKS_DIR)
    try:
        failures = run(notebooks)
    except (SmokeError, subprocess.SubprocessError, OSError) as exc:
        print(f"browser smoke test: error: {exc}", file=sys.stderr)
        return 1
    for failure in failures:
        print(f"browser smoke test: {failure}", file=sys.stderr)
    verdict = "FAILED" if failures else "passed"
    print(f"browser smoke test {verdict}: {len(notebooks)} notebook(s) in "
          f"{time.monotonic() - started:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

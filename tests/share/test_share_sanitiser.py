"""The report sanitiser allows nothing external: a list of known bypasses, and the project's own
pages, which must come through intact (no kernels, no network)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from analysis.report.html import css_loads_from_outside, render_html, safe_html
from analysis.report.notebooks import notebook_paths

HOST = "host.example"  # every payload below points at this host
BYPASSES = (
    # protocol-relative, and what browsers read as protocol-relative
    f'<img src="//{HOST}/x.png">', f'<img src=" //{HOST}/x.png">', f'<img src="\\\\{HOST}/x">',
    f'<img src="/\\{HOST}/x">', f'<img src="&#47;&#47;{HOST}/x">', f"<img src=//{HOST}/x>",
    f'<a href="//{HOST}/x">x</a>',
    # entity-encoded schemes: decimal, hex, upper-case X, no ";", zero-padded, named
    f'<img src="&#104;ttps://{HOST}/x">', f'<img src="&#x68;ttps://{HOST}/x">',
    f'<img src="&#X68;ttps://{HOST}/x">', f'<img src="&#104ttps://{HOST}/x">',
    f'<img src="&#x68ttps://{HOST}/x">', f'<img src="&#0000104;ttps://{HOST}/x">',
    f'<img src="https&colon;//{HOST}/x">', f'<img src="HtTpS://{HOST}/x">',
    # spaces and control characters inside or before the scheme
    f'<img src="ht\ttps://{HOST}/x">', f'<img src="ht&#10;tps://{HOST}/x">',
    f'<img src="\x01https://{HOST}/x">', f'<img src="&#13;https://{HOST}/x">',
    '<a href="java\tscript:alert(1)">x</a>', '<a href="java&#9;script:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>', '<a href="&#106avascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>', '<a href=" \x01javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    # CSS in <style> blocks: url(), @import, escapes, comments, string-taking functions
    f"<style>@import url(https://{HOST}/x.css);</style>",
    f"<style>@import 'https://{HOST}/x.css';</style>", "<style>@\\69mport 'x.css';</style>",
    f"<style>p {{background: url(https://{HOST}/y.png)}}</style>",
    f"<style>p {{background: u\\rl(https://{HOST}/y)}}</style>",
    f"<style>p {{background: \\75 rl(https://{HOST}/y)}}</style>",
    f"<style>p {{background: u/**/rl(//{HOST}/y)}}</style>",
    f"<style>p {{background: URL( '//{HOST}/y' )}}</style>",
    f'<style>p {{background: image-set("https://{HOST}/y" 1x)}}</style>',
    f"<style>p {{background: -webkit-image-set(url(//{HOST}/y) 1x)}}</style>",
    f"<style>@font-face {{font-family: x; src: url(https://{HOST}/f.woff)}}</style>",
    "<style>p {behavior: url(x.htc)} q {-moz-binding: url(x.xml#x)}</style>",
    # CSS in style= attributes (bleach keeps "cursor", which takes a url())
    f'<p style="cursor: url(https://{HOST}/c.cur), auto">x</p>',
    f'<p style="cursor: u\\72 l(//{HOST}/c), auto; color: red">x</p>',
    f'<p style="background: url(https://{HOST}/y)">x</p>', '<p style="width: expression(1)">x</p>',
    # elements and attributes that load or send
    f'<img srcset="https://{HOST}/x 1x">',
    f'<img src="data:image/png;base64,AA" lowsrc="//{HOST}">',
    f'<link rel="stylesheet" href="https://{HOST}/x.css">', f'<object data="https://{HOST}/x">',
    f'<embed src="https://{HOST}/x">', f'<iframe src="https://{HOST}/"></iframe>',
    f'<form action="https://{HOST}/"><button formaction="https://{HOST}/">b</button></form>',
    f'<base href="https://{HOST}/">', f'<meta http-equiv="refresh" content="0;url=https://{HOST}/">',
    f'<svg><use href="https://{HOST}/s.svg#a"/></svg>',
    f'<svg><use xlink:href="https://{HOST}/s.svg#a"/></svg>',
    f'<svg><image href="https://{HOST}/i.png"/></svg>',
    f'<a href="https://example.org/" ping="https://{HOST}/p">x</a>',
    f'<video poster="https://{HOST}/p.png"></video>', f'<audio src="https://{HOST}/a.mp3">',
    f'<table background="https://{HOST}/b.png"><tr><td background="//{HOST}/c">x</td></tr></table>',
    f'<input type="image" src="https://{HOST}/i.png">', f'<picture><source srcset="//{HOST}/x">',
    f'<div style="background-image: url(https://{HOST}/d.png)">x</div>',
)
ACTIVE_TAGS = {"script", "iframe", "object", "embed", "base", "form", "link", "meta", "svg",
               "use", "image", "video", "audio", "source", "input", "button", "frame", "picture"}
SENDING_ATTRIBUTES = {"srcset", "lowsrc", "ping", "formaction", "poster", "background",
                      "action", "data", "xlink:href", "http-equiv"}
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")


class Reach(HTMLParser):
    """What a parsed page would fetch or run; entities in attributes decoded, as a browser does."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style = tag == "style"
        if tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            url = re.sub(r"[\x00-\x20\x7f]", "", value or "").replace("\\", "/").lower()
            if name.startswith("on") or name in SENDING_ATTRIBUTES:
                self.problems.append(f"{name}= on <{tag}>")
            if name in ("src", "href") and (url.startswith(("//", "javascript:", "vbscript:"))
                                            or (name == "src" and ":" in url.split("/")[0]
                                                and not url.startswith("data:image/"))
                                            or url.startswith("data:text")):
                self.problems.append(f"{name}={value!r} on <{tag}>")
            if name == "style":
                self.css(value or "")
            if HOST in url:
                self.problems.append(f"{name}={value!r} on <{tag}> names {HOST}")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.css(data)

    def css(self, text: str) -> None:
        """CSS read as a browser reads it: no comments, escapes decoded."""
        plain = CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2],
                               re.sub(r"/\*.*?\*/", "", text, flags=re.S)).lower()
        for marker in ("url(", "@import", "image-set(", "expression(", "behavior", "binding",
                       HOST):
            if marker in plain.replace(" ", "") and "url(data:" not in plain.replace(" ", ""):
                self.problems.append(f"CSS {marker!r} in {text!r}")


def reaches_out(markup: str) -> list[str]:
    page = Reach()
    page.feed(markup)
    page.close()
    return page.problems


def test_the_checker_sees_every_bypass_in_the_raw_payloads():
    assert all(reaches_out(payload) for payload in BYPASSES)


@pytest.mark.parametrize("payload", BYPASSES)
def test_no_known_bypass_survives_the_sanitiser(payload):
    assert reaches_out(safe_html(payload)) == []


def test_no_bypass_survives_in_one_page_either():
    assert reaches_out(safe_html("\n".join(BYPASSES))) == []


def test_what_is_allowed_stays():
    kept = ('<a href="#x">a</a><a href="https://example.org/">b</a><a href="mailto:a@b.org">c'
            '</a><a href="02_word_frequencies.html#Keyness:-A">d</a><img src="figure.png">'
            '<style>p {background: url(data:image/png;base64,AAAA)}</style>'
            '<p style="color: red;">e</p>')
    assert safe_html(kept) == kept


def test_css_check_reads_escapes_and_comments_but_not_quoted_data():
    assert css_loads_from_outside("p {x: u\\72 l(a)}")
    assert css_loads_from_outside("p {x: u/**/rl(a)}")
    assert css_loads_from_outside("@IMPORT 'a.css';")
    assert not css_loads_from_outside("p {x: url( 'data:image/png;base64,AA' )}")
    assert not css_loads_from_outside(".dataframe tbody tr th:only-of-type {vertical-align: "
                                      "middle;} /* a comment */")


def html_outputs() -> list[str]:
    """Every HTML output of the executed story notebooks (tables, Styler tables, their CSS)."""
    found = []
    for path in notebook_paths():
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html")
                if html:
                    found.append("".join(html))
    return found


def test_the_projects_own_outputs_come_through_whole():
    outputs = html_outputs()
    assert len(outputs) >= 40
    for html in outputs:
        clean = safe_html(html)
        for marker in ("<style", "<table", "<tr", "<td", "<th"):
            assert clean.count(marker) == html.count(marker), marker
        styles = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
        assert re.findall(r"<style[^>]*>(.*?)</style>", clean, re.S) == styles


def test_a_rendered_page_keeps_every_figure_as_a_data_image(tmp_path):
    notebook = notebook_paths()[4]  # 05_summary: four figures, the summary table
    figures = sum("image/png" in output.get("data", {})
                  for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                  for output in cell.get("outputs", []))
    page = render_html(notebook, tmp_path / "05.html").read_text(encoding="utf-8")
    assert figures == 4
    images = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]*)"', page)
    assert len(images) == figures and all(images)
    assert reaches_out(page[page.index("<body"):]) == []  # the head is the template's

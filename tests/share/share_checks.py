"""Helpers for checking rendered HTML: live markup, network references and visible text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from analysis.paths import PROJECT_ROOT

PAIRS_DIR = PROJECT_ROOT / "tests" / "fixtures" / "pairs"
PAIRS = sorted(p.name for p in PAIRS_DIR.iterdir() if p.is_dir())
HOSTILE_LABEL = 'Millbrook <b>Post</b> & "Co" Cost $x^$ https://example.org/x'
HOSTILE_LABEL_B = "US$5 and $6, www.example.org"  # a "$" pair: maths, if anything parsed it


def pair_files(name: str) -> tuple[Path, Path]:
    """The two article files of a test pair."""
    return PAIRS_DIR / name / "a.txt", PAIRS_DIR / name / "b.txt"


def pair_arguments(name: str, out: Path) -> list[str]:
    """``framing compare`` arguments for a test pair (the hostile pair gets hostile labels:
    markup, a URL, a stray "$" that mathtext cannot parse, a pair of "$")."""
    first, second = pair_files(name)
    hostile = name == "hostile_markup"
    return ["compare", str(first), str(second),
            "--label-a", HOSTILE_LABEL if hostile else f"{name} A",
            "--label-b", HOSTILE_LABEL_B if hostile else f"{name} B", "--out", str(out)]


PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href")


@dataclass
class Page(HTMLParser):
    """A parsed HTML page: its tags with attributes and its visible text."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        """All text nodes joined, entities decoded: what a reader sees (plus CSS)."""
        return "".join(self.texts)


def parse(markup: str) -> Page:
    """Parse an HTML document or fragment."""
    page = Page()
    page.feed(markup)
    page.close()
    return page


def live_markup(markup: str) -> list[str]:
    """Everything in ``markup`` that could run code: scripts, on* handlers, javascript: URLs."""
    problems = []
    for tag, attrs in parse(markup).tags:
        if tag in ("script", "iframe", "object", "embed", "base", "form"):
            problems.append(f"<{tag}> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"{name}= on <{tag}>")
            squashed = "".join(value.split()).lower()
            if name in URL_ATTRIBUTES and squashed.startswith(("javascript:", "vbscript:")):
                problems.append(f'{name}="{value}" on <{tag}>')
    return problems


def network_references(markup: str) -> list[str]:
    """Resources the page would fetch from the network to display (links to follow are fine)."""
    found = []
    for tag, attrs in parse(markup).tags:
        if tag == "script" and attrs.get("src"):
            found.append(f"script {attrs['src']}")
        if tag == "link" and attrs.get("href"):
            found.append(f"link {attrs['href']}")
        if tag in ("img", "iframe", "source", "video", "audio") and attrs.get("src", "").startswith(
                ("http:", "https:", "//")):
            found.append(f"{tag} {attrs['src']}")
    # an embedded image's base64 data may spell "cdnjs" by chance: it fetches nothing
    lowered = re.sub(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]+", "data:", markup).lower()
    for marker in ("@import url(http", "url(https://", "url(http://", "cdnjs", "cdn.jsdelivr",
                   "unpkg.com"):
        if marker in lowered:
            found.append(marker)
    return found

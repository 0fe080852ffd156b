"""Escaping helpers the notebooks use for Markdown output, checked as nbconvert renders them.

nbconvert turns ``text/markdown`` outputs into HTML with mistune, which passes link targets
through unchanged. The report sanitiser (``analysis.report.html.safe_html``) removes what
survives, but the notebooks' own outputs should already be safe: ``analysis.display.escape``
turns every Markdown special into an entity.
"""

from __future__ import annotations

from nbconvert.filters.markdown import markdown2html
from share_checks import PAYLOADS, live_markup, parse

import analysis
from analysis.report.html import safe_html
from analysis.text.reading import build_article

LINK = "[link](javascript:alert(2))"


def test_escape_keeps_html_payloads_as_text_in_markdown():
    html = markdown2html(analysis.display.escape(" ".join(PAYLOADS)))
    assert live_markup(html) == []
    assert " ".join(PAYLOADS) in parse(html).text


def test_the_report_sanitiser_removes_what_markdown_links_let_through():
    html = safe_html(markdown2html(analysis.display.escape(f"a {LINK} b")))
    assert live_markup(html) == []


def test_escape_keeps_markdown_link_syntax_as_text():
    html = markdown2html(analysis.display.escape(f"a {LINK} b"))
    assert live_markup(html) == []
    assert f"a {LINK} b" in parse(html).text


def test_cleaning_sentence_keeps_a_label_with_markdown_syntax_as_text(tmp_path):
    label = f"{LINK} *Bold*"
    article = build_article("Headline here\n\nA body.\n\nMore body.\n", id="x",
                            path=tmp_path / "x.txt", label=label)
    html = markdown2html(analysis.prose.cleaning(article))
    assert live_markup(html) == []
    assert label in parse(html).text

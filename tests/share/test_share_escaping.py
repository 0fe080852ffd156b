"""Escaping helpers the notebooks use for Markdown output, checked as nbconvert renders them.

nbconvert turns ``text/markdown`` outputs into HTML with mistune, which passes link targets
through unchanged. The report sanitiser (``analysis.report.html.safe_html``) removes what
survives, but the notebooks' own outputs should already be safe: ``analysis.display.escape``
turns every Markdown special into an entity.
"""

from __future__ import annotations

import re

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


URL_LABELS = ("https://example.org/x", "www.example.org", "HTTP://EXAMPLE.ORG",
              "mailto:someone@example.org", "someone@example.org", "example.org/path",
              "ftp://example.org", "//example.org/x", "<https://example.org/y>")


def test_escape_never_lets_a_url_or_address_become_a_link():
    for label in URL_LABELS:
        escaped = analysis.display.escape(label)
        html = safe_html(markdown2html(f"**{escaped}**"))
        assert "<a" not in html, (label, html)
        assert parse(html).text.strip() == label
        # no renderer's autolink rule can match: no scheme, "www.", "@" or host dot survives
        assert not re.search(r"[:@/]|www\.|\.\w", escaped), escaped


def test_escape_keeps_dollars_out_of_mathjax_and_sentence_dots_as_they_are():
    escaped = analysis.display.escape("US$5 and $6. Cost $x^$ in the U.S. today.")
    html = markdown2html(escaped)
    assert parse(html).text.strip() == "US$5 and $6. Cost $x^$ in the U.S. today."
    # MathJax (JupyterLab) looks for "$...$" within one run of text: each "$" is its own span
    assert "$" not in re.sub(r"<span>\$</span>", "", html)
    assert escaped.endswith("U&#46;S. today.")


def test_prose_keeps_a_url_label_as_text(tmp_path):
    article = build_article("Headline here\n\nA body.\n\nMore body.\n", id="x",
                            path=tmp_path / "x.txt", label="https://example.org/x $5")
    html = safe_html(markdown2html(analysis.prose.cleaning(article)))
    assert "<a" not in html and "https://example.org/x $5" in parse(html).text


def test_cleaning_sentence_escapes_the_dateline(tmp_path):
    article = build_article("Headline here\n\nLONDON, June 3 (Reuters) - A body sentence.\n\n"
                            "More body.\n", id="x", path=tmp_path / "x.txt", label="x")
    assert article.dateline == "LONDON, June 3 (Reuters)"
    assert "(dateline LONDON, June 3 &#40;Reuters&#41;)" in analysis.prose.cleaning(article)

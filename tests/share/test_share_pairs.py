"""The test article pairs: each loads and audits cleanly and runs through every notebook.

The reports they produce are deterministic, need no network, and never turn article text into
live markup. The web-page and wire pairs also pin how cleaning treats site furniture (menus,
cookie banners, "Most read" lists, credit lines) and wire datelines.
"""

from __future__ import annotations

import nbformat
import pytest
from nbconvert.filters.markdown import markdown2html
from share_checks import (
    HOSTILE_LABEL,
    HOSTILE_LABEL_B,
    PAIRS,
    PAYLOADS,
    live_markup,
    network_references,
    pair_arguments,
    pair_files,
    parse,
)

import analysis
from analysis.report.cli import main
from analysis.report.folder import MARKER
from analysis.report.notebooks import pair_notebooks

NOTEBOOKS = pair_notebooks()
EXPECTED_PAIRS = {"plain", "british_quotes", "wire", "webpage", "hostile_markup", "scraped",
                  "identical", "bare"}


def load(name: str) -> list[analysis.Article]:
    """Both articles of a pair."""
    return [analysis.load_article(path) for path in pair_files(name)]


def roles_by_text(article: analysis.Article) -> dict[str, tuple[str, bool]]:
    """Each paragraph's normalised text mapped to its role and whether analysis keeps it."""
    return {p.text: (p.role, p.kept) for p in article.paragraphs}


def test_every_expected_pair_is_there():
    assert EXPECTED_PAIRS <= set(PAIRS)


EDGE_PAIRS = {"identical", "bare"}  # too short on purpose: pairs with nothing to tell apart


@pytest.mark.parametrize("name", sorted(set(PAIRS) - EDGE_PAIRS))
def test_pair_articles_are_plausible_length_and_fully_accounted_for(name):
    for article in load(name):
        assert 300 <= len(article.raw.split()) <= 700, article.path
        assert article.unaccounted() == []
        audit = article.audit()
        assert list(audit["paragraph"]) == list(range(len(article.paragraphs)))
        if not article.one_block:  # a one-block text is a few segments, not paragraphs
            assert (audit["role"] == "body").sum() >= 7


@pytest.mark.parametrize("name", ["plain", "british_quotes", "hostile_markup"])
def test_pairs_without_furniture_are_a_headline_and_body_paragraphs(name):
    for article in load(name):
        counts = analysis.text.paragraphs_per_role(article)
        assert counts == {"headline": 1, "body": len(article.paragraphs) - 1}
        assert all(p.kept for p in article.paragraphs)


def test_british_quotes_keep_the_nested_quotation_inside_one_paragraph():
    first, _ = load("british_quotes")
    quote = next(p for p in first.paragraphs if "a town without its pier" in p.text)
    assert quote.role == "body"
    raw = first.raw[quote.start:quote.end]
    assert raw.count("'") == 4 and raw.count('"') == 2
    assert raw.endswith("'")


WEB_FURNITURE = {
    "a": ["Skip to main content", "Home | News | Sport | Business | Culture | Weather | Travel",
          "By Marguerite Osei-Flanagan", "Published 14 March 2031", "Share this article",
          "Advertisement", "Most read", "Related: Eastbrook Metro unveils plans for new trams",
          "Follow us on social media", "© 2031 Eastbrook Evening Herald. All rights reserved."],
    "b": ["Menu", "Search", "Sign in", "News • Local • Politics • Business • Opinion • Sport",
          "By Declan Haverford-Iyer, Transport Correspondent", "Updated: 15 March 2031, 07:45",
          "Share", "Advertisement", "Sponsored content",
          "Read more: How the Eastbrook tram network was built", "Comments 48", "Most read"],
}
WEB_STORY_STARTS = {
    "a": ["A fire at the Eastbrook", "The blaze broke out", "Eastbrook Metro Transport said six",
          '"This is a serious blow', "The cause of the fire", "Commuters at Eastbrook Parkway",
          "The Eastbrook line carries", "Passengers with season tickets"],
    "b": ["Trade union officials", "The Tramworkers' Federation", '"Our members flagged',
          "Eastbrook Metro Transport said it took", "The fire broke out",
          "Opposition councillors", "Passengers on the replacement bus"],
}
WEB_COOKIES = {
    "a": ["We use cookies to give you the best experience on our website. By continuing to "
          "browse, you agree to our use of cookies.", "Accept all cookies", "Manage preferences"],
    "b": ["This site uses cookies. Some are essential to make our site work; others help us "
          "improve the user experience. By using the site, you consent to the placement of "
          "these cookies.", "Accept"],
}


@pytest.mark.parametrize(("side", "index"), [("a", 0), ("b", 1)])
def test_web_page_menus_bylines_share_buttons_and_adverts_are_boilerplate(side, index):
    roles = roles_by_text(load("webpage")[index])
    for line in WEB_FURNITURE[side]:
        assert roles[line] == ("boilerplate", False), line


@pytest.mark.parametrize(("side", "index"), [("a", 0), ("b", 1)])
def test_web_page_story_paragraphs_are_kept_as_body(side, index):
    article = load("webpage")[index]
    story = [p for p in article.paragraphs if p.text.startswith(tuple(WEB_STORY_STARTS[side]))]
    assert len(story) == len(WEB_STORY_STARTS[side])
    assert all(p.role == "body" and p.kept for p in story)
    kept_body = [p.text for p in article.select(roles=["body"])]
    assert [p.text for p in story] == [t for t in kept_body if t in {p.text for p in story}]


@pytest.mark.parametrize(("side", "index"), [("a", 0), ("b", 1)])
def test_web_page_cookie_banner_lines_are_boilerplate(side, index):
    roles = roles_by_text(load("webpage")[index])
    assert [roles[line] for line in WEB_COOKIES[side]] == [("boilerplate", False)] * len(
        WEB_COOKIES[side])


def test_web_page_headline_after_the_menus_is_the_headline():
    first, second = load("webpage")
    assert first.headline == "Tram depot fire halts Eastbrook line for a week"
    assert second.headline == "Questions raised over safety checks after tram depot blaze"


def test_web_page_most_read_lists_are_set_aside():
    for article in load("webpage"):
        after = article.paragraphs[[p.text for p in article.paragraphs].index("Most read") + 1]
        assert (after.role, after.kept) == ("boilerplate", False), after.text


def test_wire_stories_are_headline_and_body_with_the_copyright_set_aside():
    reuters, ap = load("wire")
    assert reuters.headline.startswith("Senate panel delays vote")
    assert ap.headline.startswith("Vote on storm-proofing")
    assert roles_by_text(ap)["Copyright © The Associated Press. All rights reserved."] == (
        "boilerplate", False)
    said = [s for s in analysis.text.sentences(reuters)["text"] if " said" in s or "said " in s]
    assert len(said) >= 8


def test_wire_datelines_are_cut_from_the_lead_paragraph_which_stays_body():
    for article in load("wire"):
        dateline, lead = article.paragraphs[1:3]
        assert dateline.role == "dateline" and dateline.text.startswith(article.dateline)
        assert article.dateline.startswith("WASHINGTON (")
        assert lead.role == "body" and lead.text[0].isupper()


def test_scraped_pair_keeps_the_story_of_a_one_block_text_with_a_credit_inside():
    one_block, paragraphs = load("scraped")
    assert one_block.one_block and not paragraphs.one_block
    assert [p.role for p in one_block.paragraphs] == ["dateline", "body", "caption", "body"]
    assert one_block.paragraphs[2].text == "Marisol Vega/AFP/Getty Images"
    body_words = sum(len(p.text.split()) for p in one_block.select())
    assert body_words == len(one_block.raw.split()) - 2 - 3  # all but dateline and credit
    roles = roles_by_text(paragraphs)
    assert roles["Handout/Reuters."] == ("caption", True)
    assert roles["After the vote, Sands tweeted:"] == ("body", True)
    assert [p.role for p in paragraphs.paragraphs if p.role in ("note", "embed", "dateline")] \
        == ["note", "dateline", "embed", "note"]


def executed_notebooks(out) -> list[nbformat.NotebookNode]:
    """The executed copies in a report folder, in notebook order."""
    return [nbformat.read(out / path.name, as_version=4) for path in NOTEBOOKS]


@pytest.mark.executes_notebooks
@pytest.mark.parametrize("name", PAIRS)
def test_every_pair_runs_through_every_notebook(compared, name):
    out = compared(name)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert live_markup(index) == [] and network_references(index) == []
    for path, node in zip(NOTEBOOKS, executed_notebooks(out), strict=True):
        assert f'<a href="{path.stem}.html">' in index
        outputs = [o for c in node.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
        page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
        assert live_markup(page) == [], path.name
        assert network_references(page) == [], path.name
        assert "<script" not in page


@pytest.mark.executes_notebooks
def test_reports_are_byte_identical_when_run_twice(compared, tmp_path):
    first = compared("plain")
    assert main(pair_arguments("plain", tmp_path)) == 0
    pages = sorted(p.name for p in first.glob("*.html"))
    assert pages == sorted(p.name for p in tmp_path.glob("*.html"))
    assert len(pages) == len(NOTEBOOKS) + 1
    for name in pages:
        assert (first / name).read_bytes() == (tmp_path / name).read_bytes(), name
    for path in NOTEBOOKS:  # the executed copies name no folder: they are the same bytes
        assert (first / path.name).read_bytes() == (tmp_path / path.name).read_bytes()
    assert (first / MARKER).read_bytes() == (tmp_path / MARKER).read_bytes()


@pytest.mark.executes_notebooks
def test_hostile_article_text_shows_as_text_and_never_as_markup(compared):
    out = compared("hostile_markup")
    labels = [HOSTILE_LABEL, HOSTILE_LABEL_B]
    shown = {"index.html": [PAYLOADS[0], *labels],  # the headline and the labels
             f"{NOTEBOOKS[0].stem}.html": [*PAYLOADS, *labels]}  # prints the raw text
    for name, payloads in shown.items():
        markup = (out / name).read_text(encoding="utf-8")
        assert live_markup(markup) == [], name
        text = parse(markup).text
        for payload in payloads:
            assert payload in text, (name, payload)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    for page in sorted(out.glob("*.html")):  # the labels' URLs are text in every page
        links = [a.get("href", "") for tag, a in parse(page.read_text(encoding="utf-8")).tags
                 if tag == "a"]
        assert not [href for href in links if "example.org" in href], page.name
    first_page = parse((out / f"{NOTEBOOKS[0].stem}.html").read_text(encoding="utf-8")).text
    assert "about $5,000, and that a full review" in first_page
    assert "[link](javascript:alert(2))" in first_page


@pytest.mark.executes_notebooks
def test_notebook_outputs_escape_article_text_before_any_sanitising(compared):
    """The notebooks' own outputs (not just the sanitised HTML) must never carry live markup."""
    problems = []
    for path, node in zip(NOTEBOOKS, executed_notebooks(compared("hostile_markup")), strict=True):
        for cell in node.cells:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                rendered = [data.get("text/html", ""), markdown2html(data.get("text/markdown", ""))]
                for problem in live_markup("".join(rendered)):
                    problems.append(f"{path.name} cell [{cell.execution_count}]: {problem}")
    assert problems == []


@pytest.mark.parametrize("name", sorted(EDGE_PAIRS))
def test_pairs_with_nothing_to_tell_apart_say_so(compared, name):
    out = compared(name)
    summary = next(node for path, node in zip(NOTEBOOKS, executed_notebooks(out), strict=True)
                   if path.name.startswith("05_"))
    text = "\n".join("".join(o.get("data", {}).get("text/markdown", ""))
                     for c in summary.cells if c.cell_type == "code" for o in c.outputs)
    assert "no content term is significantly more frequent in either article" in text
    assert "Sources: neither article attributes anything to a source." in text
    assert "uses more" not in text and "speaks more" not in text


@pytest.mark.executes_notebooks
@pytest.mark.parametrize("name", sorted(EDGE_PAIRS))
def test_an_empty_table_shows_a_note_instead(compared, name):
    """Item 2 of issue 14: an evidence table with no rows is one line saying what was not found."""
    empty = [f"{path.name} cell [{cell.execution_count}]"
             for path, node in zip(NOTEBOOKS, executed_notebooks(compared(name)), strict=True)
             for cell in node.cells if cell.cell_type == "code" for output in cell.outputs
             if output.get("data", {}).get("text/plain", "").startswith("Empty DataFrame")]
    assert empty == []

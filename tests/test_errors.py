"""Bad input: each case gets a named exception naming the file, or a documented acceptance."""

from __future__ import annotations

import codecs
import re

import pytest

import analysis
import analysis.lexicons
from analysis import (
    AnalysisError,
    AnalysisInputError,
    ArticleError,
    LexiconError,
    ManifestError,
    NotebookError,
)
from analysis.errors import (
    ArticleEncodingError,
    ArticleNotFoundError,
    ArticleTooLargeError,
    BinaryFileError,
    EmptyArticleError,
    HtmlInputError,
)

GOOD = "Storm hits coast\n\nThe storm hit the coast on Monday, officials said.\n\nIt was big.\n"


@pytest.mark.parametrize("content", ["", "   \n\n\t  \r\n", "\u200b\u200b"])
def test_empty_or_whitespace_only_file(write_article, content):
    path = write_article(content, "empty.txt")
    with pytest.raises(EmptyArticleError, match=r"empty\.txt: (is empty|has no letters)"):
        analysis.load_article(path)


def test_punctuation_only_file_has_no_words(write_article):
    with pytest.raises(EmptyArticleError, match="has no letters or digits"):
        analysis.load_article(write_article("... --- !!!", "dots.txt"))


@pytest.mark.parametrize(("content", "what"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
    (b"hello\x00world\x00\x01\x02", "NUL bytes"),
])
def test_binary_file(write_article, content, what):
    with pytest.raises(BinaryFileError, match=f"data.bin: .*{what}"):
        analysis.load_article(write_article(content, "data.bin"))


def test_control_characters_mean_binary(write_article):
    with pytest.raises(BinaryFileError, match="control characters"):
        analysis.load_article(write_article("abc\x01\x02\x03\x04\x05\x06" * 20, "ctl.txt"))


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_cp1252_or_latin1_bytes_are_refused_with_a_hint(write_article, encoding):
    text = "Caf\u00e9 owner said it was \u00abfine\u00bb.\n\nMore text."
    path = write_article(text.encode(encoding), "legacy.txt")
    with pytest.raises(ArticleEncodingError, match=r"legacy\.txt: not valid UTF-8 \(byte 0x"):
        analysis.load_article(path)
    article = analysis.load_article(path, encoding=encoding)
    assert article.raw == text and article.encoding == encoding


def test_unknown_encoding_name(write_article):
    with pytest.raises(ArticleEncodingError, match="unknown encoding 'klingon'"):
        analysis.load_article(write_article(GOOD), encoding="klingon")


@pytest.mark.parametrize(("bom", "codec"), [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
])
def test_byte_order_marks_are_honoured_and_left_out_of_raw(write_article, bom, codec):
    article = analysis.load_article(write_article(bom + GOOD.encode(codec)))
    assert article.raw == GOOD
    assert article.headline == "Storm hits coast"


def test_crlf_line_endings_are_kept_in_raw_and_split_correctly(write_article):
    crlf = GOOD.replace("\n", "\r\n")
    article = analysis.load_article(write_article(crlf.encode("utf-8")))
    assert article.raw == crlf
    assert [p.role for p in article.paragraphs] == ["headline", "body", "body"]
    assert all(article.raw[p.start:p.end] == p.text for p in article.paragraphs)


def test_html_page_is_refused(write_article):
    page = "<!DOCTYPE html><html><head><title>x</title></head><body><p>Story</p></body></html>"
    with pytest.raises(HtmlInputError, match=r"page\.html: looks like an HTML page"):
        analysis.load_article(write_article(page, "page.html"))


def test_html_fragment_soup_is_refused(write_article):
    soup = "<div><p>Story text</p><p>More</p><span>x</span></div>" * 5
    with pytest.raises(HtmlInputError):
        analysis.load_article(write_article(soup, "soup.txt"))


def test_text_that_mentions_a_tag_is_accepted(write_article):
    text = GOOD + "\nThe page ran <script>alert(1)</script> in a comment, the report said.\n"
    article = analysis.load_article(write_article(text))
    assert "<script>alert(1)</script>" in article.paragraphs[-1].text


def test_one_huge_paragraph_is_read_as_one_body_paragraph(write_article):
    text = "The storm hit the coast and officials said it was big. " * 20_000
    article = analysis.load_article(write_article(text))
    assert [p.role for p in article.paragraphs] == ["body"]
    assert article.unaccounted() == []


def test_fifty_megabyte_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ArticleTooLargeError, match=r"huge\.txt: 52,428,800 bytes is more than"):
        analysis.load_article(path)


def test_size_limit_can_be_raised(write_article):
    path = write_article(GOOD)
    with pytest.raises(ArticleTooLargeError):
        analysis.load_article(path, max_bytes=10)
    assert analysis.load_article(path, max_bytes=10_000).headline == "Storm hits coast"


def test_missing_path(tmp_path):
    with pytest.raises(ArticleNotFoundError, match=r"nowhere\.txt: no such file"):
        analysis.load_article(tmp_path / "nowhere.txt")


def test_directory_path(tmp_path):
    with pytest.raises(ArticleNotFoundError, match="is a directory"):
        analysis.load_article(tmp_path)


def test_unbalanced_quotes_load_and_tokenise(write_article):
    text = "Title line\n\n\u201cWe demand action, the embassy said.\n\nHe said \u2018no.\n"
    article = analysis.load_article(write_article(text))
    tokens = analysis.text.tokens(article)
    assert "embassy" in set(tokens["lower"])
    assert all(article.raw[r.start:r.end] for r in tokens.itertuples())


def test_zero_width_characters_are_dropped_from_text_not_from_raw(write_article):
    text = "Title line\n\nA bomb\u200bshell re\u200dport came out.\n"
    article = analysis.load_article(write_article(text))
    assert article.raw == text
    assert article.paragraphs[1].text == "A bombshell report came out."
    words = analysis.text.tokens(article)
    hit = words[words["lower"] == "bombshell"].iloc[0]
    assert article.raw[hit.start:hit.end] == "bomb\u200bshell"


def test_emoji_and_flag_sequences_are_symbols_with_exact_offsets(write_article):
    text = "Title line\n\nRussia in USA \U0001f1f7\U0001f1fa said \U0001f468\u200d\U0001f469 ok.\n"
    article = analysis.load_article(write_article(text))
    tokens = analysis.text.tokens(article)
    symbols = tokens[tokens["kind"] == "symbol"]
    assert len(symbols) >= 2
    assert "\U0001f1f7\U0001f1fa" in [article.raw[r.start:r.end] for r in symbols.itertuples()]
    assert set(tokens[tokens["kind"] == "word"]["lower"]) == {"title", "line", "russia", "in",
                                                              "usa", "said", "ok"}


def test_errors_share_a_base_class():
    for error in (ArticleEncodingError, ArticleNotFoundError, ArticleTooLargeError,
                  BinaryFileError, EmptyArticleError, HtmlInputError):
        assert issubclass(error, ArticleError)
        assert issubclass(error, AnalysisError)
    assert issubclass(ArticleError, AnalysisError)
    for error in (ManifestError, LexiconError, AnalysisInputError, NotebookError):
        assert issubclass(error, AnalysisError)
        assert not issubclass(error, ArticleError)


# --- lexicon data files ----------------------------------------------------------------------

def test_malformed_lexicon_file_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "my_stance.tsv"
    path.write_text("# a researcher's own lexicon\npattern\tmode\tcategory\n"
                    "claim\tstem\tdistancing\nalleged\texact\tdistancing\textra\n",
                    encoding="utf-8")
    with pytest.raises(LexiconError, match=re.escape(f"{path.as_posix()}, line 4: 4 ")):
        analysis.lexicons.table(str(path))


# --- manifests -------------------------------------------------------------------------------

def write_manifest(folder, text):
    path = folder / "articles.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_manifest_with_duplicate_ids(seed_copy):
    path = write_manifest(seed_copy, "id,file\na,000_402bb0ddee2a2a46.txt\n"
                                     "a,003_01a4db6abad63367.txt\n")
    with pytest.raises(ManifestError, match=r"articles\.csv, line 3: duplicate id 'a'"):
        list(analysis.load_corpus(path))


def test_manifest_with_missing_columns(seed_copy):
    path = write_manifest(seed_copy, "name,path\na,000_402bb0ddee2a2a46.txt\n")
    with pytest.raises(ManifestError, match=r"missing column\(s\) \['id', 'file'\]"):
        list(analysis.load_corpus(path))


@pytest.mark.parametrize("outside", ["../secret.txt", "/etc/passwd", "sub/../../x.txt"])
def test_manifest_paths_outside_its_folder(seed_copy, outside):
    path = write_manifest(seed_copy, f"id,file\na,{outside}\n")
    with pytest.raises(ManifestError, match="outside the manifest's folder"):
        list(analysis.load_corpus(path))


def test_a_file_name_that_links_outside_the_folder_is_refused(seed_copy, tmp_path):
    # a plain name that is a symbolic link to a file elsewhere is outside the folder too
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("Somewhere else entirely.", encoding="utf-8")
    (seed_copy / "link.txt").symlink_to(elsewhere)
    path = write_manifest(seed_copy, "id,file\na,link.txt\n")
    with pytest.raises(ManifestError, match=r"line 2: file 'link.txt' is outside"):
        list(analysis.load_corpus(path))


def test_a_subfolder_that_links_outside_the_folder_is_refused(seed_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "story.txt").write_text("Somewhere else entirely.", encoding="utf-8")
    (seed_copy / "more").symlink_to(elsewhere)
    path = write_manifest(seed_copy, "id,file\na,more/story.txt\n")
    with pytest.raises(ManifestError, match=r"line 2: file 'more/story.txt' is outside"):
        list(analysis.load_corpus(path))


def test_a_file_in_a_subfolder_resolves_beside_its_manifest(seed_copy):
    (seed_copy / "more").mkdir()
    (seed_copy / "more" / "story.txt").write_text("The council met on Monday.", encoding="utf-8")
    path = write_manifest(seed_copy, "id,file,side\na,more/./story.txt,A\n")
    rows = analysis.text.read_manifest(path)
    assert rows[0]["path"] == str((seed_copy / "more" / "story.txt").resolve())


def test_manifest_missing_and_empty(seed_copy):
    with pytest.raises(ManifestError, match="manifest not found"):
        list(analysis.load_corpus(seed_copy / "nope.csv"))
    with pytest.raises(ManifestError, match="lists no articles"):
        analysis.load_corpus(write_manifest(seed_copy, "id,file\n"))
    with pytest.raises(ManifestError, match="lists no articles"):
        analysis.text.read_manifest(write_manifest(seed_copy, "id,file\n"))


def test_manifest_row_pointing_at_a_missing_file(seed_copy):
    path = write_manifest(seed_copy, "id,file\na,gone.txt\n")
    with pytest.raises(ArticleNotFoundError, match=r"gone\.txt: no such file"):
        list(analysis.load_corpus(path))


def test_unknown_manifest_id_lists_the_known_ones():
    with pytest.raises(ManifestError, match=r"no article with id 'nope'; ids are \['dailymail'"):
        analysis.load_articles(["nope"])


def test_unknown_role_is_a_clear_error(dm):
    with pytest.raises(AnalysisInputError, match=r"unknown role\(s\) \['bodies'\]"):
        dm.select(roles=["bodies"])


@pytest.mark.parametrize(("name", "plain"), [
    ("story.txt", True), ("more/story.txt", True), ("more/deeper/x y.txt", True),
    ("more/./story.txt", False), ("more//story.txt", False), ("more/", False),
    ("../story.txt", False), ("/etc/passwd", False), ("link.txt", False),
    ("linked/story.txt", False), (".", False),
])
def test_plain_names_resolve_by_strings_as_by_pathlib(tmp_path, name, plain):
    from analysis.paths import plain_path, resolved

    folder = (tmp_path / "corpus").resolve()
    (folder / "more" / "deeper").mkdir(parents=True)
    (folder / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    (folder / "linked").symlink_to(folder / "more")
    found = plain_path(str(folder), name)
    assert (found is not None) == plain
    checked: set[str] = set()  # as a manifest's reading shares it between its rows
    for other in ("more/story.txt", name, "linked/x.txt", name):
        plain_path(str(folder), other, checked)
        assert plain_path(str(folder), name, checked) == found
    assert checked == {f"{folder}/more", f"{folder}/more/deeper"} & {
        f"{folder}/more", *([f"{folder}/more/deeper"] if name.startswith("more/deeper/") else [])}
    if plain:
        assert found == str(resolved(folder, name)) == f"{folder}/{name}"

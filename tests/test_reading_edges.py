"""Reading edge cases (issue 14): encoding errors after a byte-order mark name the real byte
and offset; a mark is dropped the same way whether the encoding is detected or given; U+2029
separates paragraphs and U+2028 lines; a CRLF is one line break."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import analysis
from analysis.errors import ArticleEncodingError, ArticleTooLargeError
from analysis.text.reading import decode_bytes

STORY = "Ferry late\n\nThe ferry left at noon, the harbour master said.\n"


@pytest.mark.parametrize("encoding", [None, "utf-8", "utf-8-sig"])
def test_encoding_error_after_a_utf8_mark_names_the_byte_and_its_file_offset(
        write_article, encoding):
    data = codecs.BOM_UTF8 + b"Caf" + b"\xe9 opens\n\nIt opened today.\n"
    path = write_article(data, "cafe.txt")
    assert data[6:7] == b"\xe9"
    with pytest.raises(ArticleEncodingError) as caught:
        analysis.load_article(path, encoding=encoding)
    assert ("cafe.txt: not valid UTF-8 after its UTF-8 byte-order mark (byte 0xe9 at "
            "offset 6); ") in str(caught.value)


def test_encoding_error_after_a_utf16_mark_counts_the_mark(write_article):
    data = codecs.BOM_UTF16_LE + "Ferry".encode("utf-16-le") + b"\x00\xd8" + "x".encode(
        "utf-16-le")
    with pytest.raises(ArticleEncodingError, match=r"not valid UTF-16 after its UTF-16 "
                       r"byte-order mark \(byte 0x00 at offset 12\)"):
        analysis.load_article(write_article(data))


def test_encoding_error_without_a_mark_is_unchanged(write_article):
    with pytest.raises(ArticleEncodingError, match=r"not valid UTF-8 \(byte 0xe9 at offset "
                       r"3\); it may be Windows-1252"):
        analysis.load_article(write_article(b"Caf\xe9 opens\n"))


@pytest.mark.parametrize(("bom", "codec", "given", "reported"), [
    (codecs.BOM_UTF8, "utf-8", "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF8, "utf-8", "UTF8", "utf-8-sig"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16", "utf-16"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le", "utf-16"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32", "utf-32"),
])
def test_a_mark_is_dropped_alike_whether_the_encoding_is_detected_or_given(
        write_article, bom, codec, given, reported):
    path = write_article(bom + STORY.encode(codec))
    detected, told = analysis.load_article(path), analysis.load_article(path, encoding=given)
    assert detected.raw == told.raw == STORY
    assert detected.encoding == told.encoding == reported
    assert told.headline == "Ferry late" and told.unaccounted() == []
    assert [told.raw[p.start:p.end] for p in told.paragraphs] == [
        "Ferry late", "The ferry left at noon, the harbour master said."]


def test_a_mark_of_another_encoding_is_text_when_the_encoding_is_given():
    text, used = decode_bytes(codecs.BOM_UTF8 + b"Ferry", "f.txt", "cp1252")
    assert (text, used) == ("\u00ef\u00bb\u00bfFerry", "cp1252")


def test_the_size_error_names_both_ways_to_raise_the_limit(write_article):
    with pytest.raises(ArticleTooLargeError, match=r"raise the limit \(max_bytes= in Python, "
                       r"--max-bytes on the command line\)"):
        analysis.load_article(write_article(STORY), max_bytes=10)


def test_paragraph_separator_separates_paragraphs_losslessly():
    raw = ("Ferry late\u2029The ferry left at noon,\nthe harbour master said.\u2029\u2029"
           "It will sail\u2028again tomorrow.")
    article = analysis.text.build_article(raw, id="ps", path=Path("t.txt"))
    assert [raw[p.start:p.end] for p in article.paragraphs] == [
        "Ferry late", "The ferry left at noon,\nthe harbour master said.",
        "It will sail\u2028again tomorrow."]
    assert [p.role for p in article.paragraphs] == ["headline", "body", "body"]
    assert article.paragraphs[2].text == "It will sail again tomorrow."
    assert article.raw == raw and article.unaccounted() == [] and not article.one_block
    edits = analysis.text.normalisation_edits([article], kinds=["space"])
    assert ("\u2028", 2) in set(zip(edits["raw"], edits["paragraph"], strict=True))


def test_line_separator_is_a_line_break():
    raw = "Ferry late\u2028The ferry left at noon, the harbour master said.\u2028It sails."
    article = analysis.text.build_article(raw, id="ls", path=Path("t.txt"))
    assert [raw[p.start:p.end] for p in article.paragraphs] == [
        "Ferry late", "The ferry left at noon, the harbour master said.", "It sails."]
    assert not article.one_block


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_line_break_inside_a_paragraph_is_one_break_in_every_convention(newline):
    raw = "Ferry late\n\nThe ferry left at noon,\nthe harbour master said.\n".replace(
        "\n", newline)
    article = analysis.text.build_article(raw, id="nl", path=Path("t.txt"))
    assert [p.text for p in article.paragraphs] == [
        "Ferry late", "The ferry left at noon, the harbour master said."]

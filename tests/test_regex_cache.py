"""Large patterns are compiled once per machine: the cached program gives the same pattern
objects and the same matches as ``re.compile``, and a bad cache file is never used."""

from __future__ import annotations

import re
from itertools import count

import pytest

import analysis
from analysis import regex_cache
from analysis.regex_cache import compile_patterns
from analysis.sources import grammar as grammar_module

SOURCES = {
    "said": (r"(?P<who>[A-Z]\w+(?: [A-Z]\w+)*) (?:said|told)(?P<rest>.*?)\.", 0),
    "quote": (r"[\"\u201c](?P<q>[^\"\u201d]{1,200})[\"\u201d]", re.S),
    "anon": (r"\b(?:officials?|sources?) (?:familiar with|close to)\b", re.I),
    "atomic": (r"(?=(?P<n0>[A-Z]\w*(?: [A-Z]\w*)*))(?P=n0) said", 0),
}
TEXT = ("Maria Okafor said the ferry would leave. \u201cWe are not worried,\u201d she told "
        "reporters. OFFICIALS FAMILIAR WITH the plan said nothing.\n\"Two\nlines\" said Lee.")


def same_as_re(compiled):
    for key, (pattern, flags) in SOURCES.items():
        expected = re.compile(pattern, flags)
        got = compiled[key]
        assert (got.pattern, got.flags, got.groups, got.groupindex) == (
            expected.pattern, expected.flags, expected.groups, expected.groupindex)
        assert [m.span() + m.groups() for m in got.finditer(TEXT)] == [
            m.span() + m.groups() for m in expected.finditer(TEXT)]


def test_the_second_process_loads_the_program_instead_of_compiling(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    same_as_re(compile_patterns("test", SOURCES))
    files = list(tmp_path.glob("test-*.bin"))
    assert len(files) == 1 and files[0].stat().st_size > 200

    def refuse(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex_cache, "_program", refuse)
    warm = compile_patterns("test", SOURCES)
    same_as_re(warm)
    assert [m["who"] for m in warm["said"].finditer(TEXT)] == ["Maria Okafor"]
    assert [m["q"] for m in warm["quote"].finditer(TEXT)] == ["We are not worried,", "Two\nlines"]
    assert warm["anon"].search(TEXT).group() == "OFFICIALS FAMILIAR WITH"


@pytest.mark.parametrize("damage", ["flip", "truncate", "header", "empty"])
def test_a_damaged_file_is_compiled_again_and_rewritten(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    compile_patterns("test", SOURCES)
    (path,) = tmp_path.glob("test-*.bin")
    good = path.read_bytes()
    bad = {"flip": good[:-5] + bytes([good[-5] ^ 1]) + good[-4:], "truncate": good[:-4],
           "header": b"{not json" + good[good.index(b"\n"):], "empty": b""}[damage]
    path.write_bytes(bad)
    same_as_re(compile_patterns("test", SOURCES))
    assert path.read_bytes() == good


def test_a_changed_pattern_gets_a_new_file_and_the_old_one_goes(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path))
    compile_patterns("test", SOURCES)
    (first,) = tmp_path.glob("test-*.bin")
    changed = {**SOURCES, "anon": (SOURCES["anon"][0], 0)}
    assert not compile_patterns("test", changed)["anon"].search(TEXT)
    (second,) = tmp_path.glob("test-*.bin")
    assert second != first and list(tmp_path.iterdir()) == [second]


def test_an_empty_cache_folder_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    same_as_re(compile_patterns("test", SOURCES))
    assert regex_cache.cache_folder() is None and list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_still_compiles(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(blocker / "cache"))
    same_as_re(compile_patterns("test", SOURCES))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_the_default_folder_is_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("FRAMING_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert regex_cache.cache_folder() == tmp_path / "news-framing"


def attributions(monkeypatch, folder: str):
    """The seeds' attributions with a source grammar built afresh (cache folder ``folder``)."""
    monkeypatch.setenv("FRAMING_CACHE_DIR", folder)
    monkeypatch.setattr(grammar_module, "_GROUP", count())  # the same group names each time
    grammar_module.grammar.cache_clear()
    articles = analysis.load_articles(["dailymail", "ru_translation"],
                                      manifest="seeds/articles.csv")
    return analysis.sources.attributions(articles, roles=None)


def test_the_source_grammar_from_the_cache_finds_the_same_attributions(tmp_path, monkeypatch):
    try:
        plain = attributions(monkeypatch, "")
        cold = attributions(monkeypatch, str(tmp_path))
        assert len(list(tmp_path.glob("sources-grammar-*.bin"))) == 1
        monkeypatch.setattr(regex_cache, "_program", None)  # loading must not compile
        warm = attributions(monkeypatch, str(tmp_path))
    finally:
        grammar_module.grammar.cache_clear()
    assert len(plain) > 40
    assert cold.equals(plain) and warm.equals(plain)

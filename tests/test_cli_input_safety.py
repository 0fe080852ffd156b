"""What the command line prints of an article is shown, never obeyed; options that name nothing
are errors (issue 14)."""

from __future__ import annotations

import pytest

from analysis.report import cli
from analysis.report.cli import format_audit, main, terminal_safe

BODY = ("The ferry to the island left the harbour at seven on Monday and returned at noon, "
        "carrying forty passengers and the mail, as it has done every weekday since the "
        "spring. The harbour master said the timetable would not change this year.\n")


def test_terminal_safe_shows_controls_as_escapes():
    assert terminal_safe("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07"
    assert terminal_safe("\u202eevil\u2066x\u2069") == "\\u202eevil\\u2066x\\u2069"
    assert terminal_safe("tab\there\rcr\x9bcsi\x7f") == "tab\\x09here\\x0dcr\\x9bcsi\\x7f"
    assert terminal_safe("Café — “quoted” 🚢") == "Café — “quoted” 🚢"
    assert terminal_safe(42) == "42"


def test_audit_prints_no_escape_codes_from_the_article(write_article, capsys):
    raw = ("Ferry \x1b[2Jnews\u202e today\n\n"
           "\x1b]0;owned\x07" + BODY + "\n"
           "Read more: \u2066www.example.com\u2069\n")
    assert main(["audit", str(write_article(raw, "ferry\x1b[1m.txt"))]) == 0
    out = capsys.readouterr().out
    assert not any(c in out for c in "\x1b\x07\u202e\u2066\u2069")
    assert "headline: Ferry \\x1b[2Jnews\\u202e today" in out
    assert "\\x1b]0;owned\\x07The ferry" in out
    assert "ferry\\x1b[1m.txt: " in out
    assert "\\u2066www.example.com\\u2069" in out


def test_format_audit_keeps_columns_aligned_with_escapes():
    import pandas as pd

    table = pd.DataFrame([
        {"paragraph": 0, "role": "headline", "status": "kept", "first_words": "A\x1bB",
         "reason": "first line\rover"},
        {"paragraph": 1, "role": "body", "status": "kept", "first_words": "plain",
         "reason": "running text"}])
    lines = format_audit(table).splitlines()
    assert lines[1] == "0          headline  kept    A\\x1bB       first line\\x0dover"
    assert lines[2].index("running text") == lines[1].index("first line")


@pytest.mark.parametrize("option", [",", "", " , ,"])
def test_roles_that_name_no_role_are_an_error(option, write_article, monkeypatch, capsys):
    def never(*args, **kwargs):  # the pair must be refused before anything is built
        raise AssertionError("compare went ahead")

    monkeypatch.setattr("analysis.report.build.build_reports", never)
    first, second = write_article(BODY, "a.txt"), write_article(BODY, "b.txt")
    code = main(["compare", str(first), str(second), "--roles", option])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == (f"framing: error: --roles {option!r} names no role; give "
                           "comma-separated roles such as headline,body, or leave the option "
                           "out for the default")


def test_roles_option_is_parsed_into_names():
    assert cli._roles_option(None) is None
    assert cli._roles_option(" headline, body ,") == ["headline", "body"]


def test_an_error_naming_a_file_prints_no_escape_codes(tmp_path, capsys):
    missing = tmp_path / "gone\x1b[2J\u202e.txt"
    assert main(["audit", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and err.count("\n") == 1
    assert not any(c in err for c in "\x1b\u202e")
    assert "gone\\x1b[2J\\u202e.txt" in err

"""The `framing` command line."""

from __future__ import annotations

import re

from analysis.paths import SEEDS_DIR
from analysis.report.cli import main


def test_audit_prints_every_paragraph_with_its_role(capsys):
    assert main(["audit", str(SEEDS_DIR / "000_402bb0ddee2a2a46.txt")]) == 0
    out = capsys.readouterr().out
    assert "30 paragraphs" in out
    assert "headline: Russia paid the Taliban BOUNTIES" in out
    assert len(re.findall(r"^\d+\s+caption\s", out, re.M)) == 11
    assert len(re.findall(r"^\d+\s+\w+\s+set aside\s", out, re.M)) == 6
    assert "every character is accounted for" in out


def test_audit_of_a_bad_file_is_one_clear_line(tmp_path, capsys):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"caf\xe9 society\n")
    assert main(["audit", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: ") and "broken.txt: not valid UTF-8" in err
    assert "Traceback" not in err
    assert main(["audit", str(path), "--encoding", "cp1252"]) == 0

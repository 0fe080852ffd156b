"""The `framing` command line."""

from __future__ import annotations

import re

import pytest

from analysis import ManifestError, load_articles
from analysis.paths import SEEDS_DIR
from analysis.report import cli
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


def test_an_os_error_on_input_is_one_line_and_exit_code_2(write_article, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "locked.txt")

    monkeypatch.setattr(cli, "load_article", refuse)
    assert cli.main(["audit", str(write_article("T\n\nA line.\n"))]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "framing: error: locked.txt: Permission denied"


def test_an_unexpected_error_is_one_line_and_exit_code_3(write_article, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("something the package did not expect")

    monkeypatch.setattr(cli, "load_article", broken)
    assert cli.main(["audit", str(write_article("T\n\nA line.\n"))]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: internal error: RuntimeError: something the package")
    assert "please report it" in err and "\n" not in err


def test_audit_takes_a_size_limit(write_article, capsys):
    path = write_article("Ferry\n\nThe ferry leaves at seven and returns at noon.\n")
    assert main(["audit", str(path), "--max-bytes", "10"]) == 2
    assert "is more than the 10-byte limit" in capsys.readouterr().err


def test_a_manifest_with_a_nul_byte_or_a_huge_cell_is_a_manifest_error(tmp_path):
    (tmp_path / "nul.csv").write_bytes(b"id,file\nx,a\x00.txt\n")
    with pytest.raises(ManifestError, match="line 2: contains a NUL byte"):
        load_articles(["x"], manifest=tmp_path / "nul.csv")
    (tmp_path / "big.csv").write_text("id,file\nx," + "a" * 140_000 + "\n")
    with pytest.raises(ManifestError, match="line 2: not readable as CSV"):
        load_articles(["x"], manifest=tmp_path / "big.csv")


def test_a_symlink_loop_is_bad_input_not_a_crash(tmp_path, capsys):
    (tmp_path / "one.txt").symlink_to(tmp_path / "two.txt")
    (tmp_path / "two.txt").symlink_to(tmp_path / "one.txt")
    assert main(["audit", str(tmp_path / "one.txt")]) == 2
    assert "one.txt: cannot be read" in capsys.readouterr().err


def test_notebooks_are_named_by_number_stem_file_name_or_path(tmp_path):
    from analysis.report.notebooks import find_notebooks

    for name in ("02", "02_spring", "02_spring.ipynb"):
        (tmp_path / "02_spring.ipynb").write_text("{}", encoding="utf-8")
        assert find_notebooks([name], tmp_path) == [tmp_path / "02_spring.ipynb"]
    (tmp_path / "01_autumn.ipynb").write_text("{}", encoding="utf-8")
    other = tmp_path / "elsewhere.ipynb"
    other.write_text("{}", encoding="utf-8")
    assert find_notebooks([str(other), "01"], tmp_path) == [other, tmp_path / "01_autumn.ipynb"]
    assert find_notebooks([], tmp_path) == [tmp_path / "01_autumn.ipynb",
                                            tmp_path / "02_spring.ipynb"]


def test_a_notebook_name_that_matches_none_is_one_line_naming_the_choices(capsys):
    assert main(["notebooks", "99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error: 99: no such notebook; give a notebook file or one of "
                          "01_load_and_clean, 02_word_frequencies")
    assert err.count("\n") == 1


def run_python(code: str) -> str:
    """Run ``code`` in a fresh interpreter with this checkout first on the path; its stdout."""
    import os
    import subprocess
    import sys

    from analysis.paths import PROJECT_ROOT

    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True, cwd=PROJECT_ROOT)
    return done.stdout


def test_the_console_command_is_run_which_skips_the_slow_optional_import():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    from analysis.paths import PROJECT_ROOT

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["framing"] == "analysis.report.cli:run"
    # after the skip, notebooks are still read and validated, without the IRI checker module
    out = run_python(
        "import sys\n"
        "from analysis.report.cli import skip_slow_optional_imports\n"
        "skip_slow_optional_imports()\n"
        "import nbformat\n"
        "node = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1 + 1')])\n"
        "nbformat.validate(node)\n"
        "nbformat.validate(nbformat.reads(nbformat.writes(node), as_version=4))\n"
        "print(sys.modules['rfc3987_syntax'], 'jsonschema' in sys.modules)\n")
    assert out.split() == ["None", "True"]


def test_compare_checks_its_inputs_before_importing_the_notebook_machinery(tmp_path):
    out = run_python(
        "import sys\n"
        "from analysis.report.cli import main\n"
        f"code = main(['compare', {str(tmp_path / 'missing.txt')!r}, 'other.txt'])\n"
        "print(code, *(name in sys.modules for name in ('nbformat', 'papermill', 'nbconvert')))\n")
    assert out.split() == ["2", "False", "False", "False"]

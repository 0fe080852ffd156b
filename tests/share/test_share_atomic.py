"""Report folders are written whole or not at all, hold only what the project wrote, and show
no local paths (issue 14, items 1, 3 and 6)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell
from share_checks import pair_files
from test_share_compare import SEED_PARAMETERS, failing_notebook, write_story_notebook

from analysis.paths import PROJECT_ROOT, SEEDS_DIR, project_path
from analysis.report import build, folder
from analysis.report.cli import main
from analysis.report.folder import MARKER, owned_entries, read_marker

PAIR_PARAMETERS = SEED_PARAMETERS + "MAX_BYTES = None\n"


def fine_notebook(folder_: Path, name: str = "08_fine.ipynb", check: str = "1 + 1") -> Path:
    """A story notebook that loads its two articles and runs ``check``."""
    parameters = new_code_cell(PAIR_PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    return write_story_notebook(folder_ / "nb" / name, [
        new_markdown_cell(f"# {name}"), parameters,
        new_code_cell("import analysis\narticles = analysis.load_articles(ARTICLES, "
                      "manifest=MANIFEST, labels=LABELS, max_bytes=MAX_BYTES)\n"
                      "[a.id for a in articles]"),
        new_code_cell(check)])


def snapshot(path: Path) -> dict[str, bytes]:
    """Every file under ``path`` (hidden ones too) with its bytes."""
    return {p.relative_to(path).as_posix(): p.read_bytes()
            for p in sorted(path.rglob("*")) if p.is_file()}


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("framing: error: "), err
    return err.strip()


def compare(out: Path, *extra: str) -> list[str]:
    first, second = pair_files("plain")
    return ["compare", str(first), str(second), "--out", str(out), *extra]


# -- without notebooks: which entries a folder owns, and the refusals -------------------------


def test_a_folder_is_owned_through_its_marker_or_by_the_old_page_names(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("index.html", "01_x.html", "notes.txt"):
        (out / name).write_text("x", encoding="utf-8")
    assert owned_entries(out, set(), {"index.html", "01_x.html"}) == ([], ["notes.txt"])
    (out / MARKER).write_text(json.dumps({"files": ["index.html", "inputs/a.txt"]}))
    (out / "inputs").mkdir()
    nested = out / "comparison"  # another report: kept
    nested.mkdir()
    (nested / MARKER).write_text('{"files": []}')
    (out / "executed").mkdir()  # a companion only in reports/
    assert owned_entries(out, set(), {"01_x.html"}) == (
        ["comparison"], ["01_x.html", "executed", "notes.txt"])
    assert owned_entries(out, {"comparison"}) == ([], ["01_x.html", "comparison", "executed",
                                                       "notes.txt"])
    old = out / "old"  # a report written before markers: only its index and pages
    old.mkdir()
    (old / "index.html").write_text("x", encoding="utf-8")
    assert owned_entries(out, set(), {"index.html"})[0] == ["comparison", "old"]
    (old / "mine.txt").write_text("x", encoding="utf-8")
    assert "old" in owned_entries(out, set(), {"index.html"})[1]
    monkeypatch.setattr(folder, "REPORTS_DIR", out)
    assert owned_entries(out, set())[0] == ["comparison", "executed"]
    (out / MARKER).write_text("not json")
    assert read_marker(out) is None


def test_a_folder_with_foreign_files_is_refused_before_anything_runs(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    before = snapshot(out)
    assert main(compare(out)) == 2
    assert one_line_error(capsys) == (
        f"framing: error: {out}: holds files this project did not write ('evil.html', "
        "'notes.txt'); choose another --out folder, or pass --force to replace the folder's "
        "contents")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no partial folder
    assert main(["report", "--out", str(out)]) == 2
    assert "holds files this project did not write" in one_line_error(capsys)


@pytest.mark.parametrize("where", ["root", "notebooks", "cwd", "parent of cwd", "file"])
def test_folders_that_hold_the_project_or_the_current_folder_are_never_targets(
        tmp_path, monkeypatch, capsys, where):
    work = tmp_path / "work"
    work.mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    monkeypatch.chdir(work)
    out = {"root": PROJECT_ROOT, "notebooks": PROJECT_ROOT / "notebooks", "cwd": work,
           "parent of cwd": tmp_path, "file": tmp_path / "a-file"}[where]
    assert main(compare(out, "--force")) == 2
    message = one_line_error(capsys)
    assert ("exists and is not a folder" if where == "file" else "cannot be a report folder"
            if where != "notebooks" else "must not be the notebooks folder") in message


def test_max_bytes_on_compare_and_report_refuses_before_anything_runs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(compare(out, "--max-bytes", "2000")) == 2
    assert "is more than the 2,000-byte limit for one article" in one_line_error(capsys)
    assert main(["report", "--out", str(out), "--max-bytes", "100"]) == 2
    assert "000_402bb0ddee2a2a46.txt: " in one_line_error(capsys)
    assert not out.exists()
    with pytest.raises(SystemExit):
        main(compare(out, "--max-bytes", "0"))
    assert "--max-bytes: must be a positive number of bytes, not '0'" in capsys.readouterr().err


def test_max_bytes_reaches_the_parameters_only_when_given():
    first, second = pair_files("plain")
    assert "MAX_BYTES" not in build.compare_parameters(first, second)
    assert build.compare_parameters(first, second, max_bytes=4096)["MAX_BYTES"] == 4096


def test_a_relative_path_is_read_from_the_current_folder_when_it_is_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "a.txt").write_text("Ferry\n\nThe ferry leaves.\n")
    assert project_path("inputs/a.txt") == Path("inputs/a.txt")
    assert project_path("seeds/articles.csv") == SEEDS_DIR / "articles.csv"
    assert project_path("inputs/b.txt") == PROJECT_ROOT / "inputs" / "b.txt"


# -- with small notebooks: atomic replacement ---------------------------------------------------


@pytest.mark.executes_notebooks
def test_a_failing_compare_leaves_the_previous_report_byte_identical(tmp_path, monkeypatch,
                                                                    capsys):
    out = tmp_path / "report"
    fine, broken = fine_notebook(tmp_path), failing_notebook(tmp_path)
    monkeypatch.setattr(build, "notebook_paths", lambda: [fine])
    assert main(compare(out)) == 0
    before = snapshot(out)
    assert read_marker(out) == sorted(set(before) - {MARKER})
    assert {"08_fine.ipynb", "08_fine.html", "index.html", "inputs/a.txt"} <= set(before)
    monkeypatch.setattr(build, "notebook_paths", lambda: [fine, broken])
    assert main(compare(out, "--label-a", "Second")) == 1
    message = one_line_error(capsys)
    partial = re.search(r"the partial report is in (\S+)$", message).group(1)
    assert "09_broken.ipynb: cell [2] `ratio = 1 / 0` failed" in message
    assert f"; {out} is unchanged" in message
    assert snapshot(out) == before
    assert Path(partial).parent == tmp_path and Path(partial).name.startswith("report.partial-")
    assert (Path(partial) / "09_broken.ipynb").is_file()
    assert read_marker(Path(partial)) == []  # not complete: lists nothing


@pytest.mark.executes_notebooks
def test_a_second_run_replaces_the_report_whole_and_force_removes_foreign_files(
        tmp_path, monkeypatch, capsys):
    out = tmp_path / "report"
    first, second = fine_notebook(tmp_path), fine_notebook(tmp_path, "09_other.ipynb")
    monkeypatch.setattr(build, "notebook_paths", lambda: [first, second])
    assert main(compare(out)) == 0
    assert (out / "09_other.html").is_file()
    nested = out / "comparison"
    nested.mkdir()
    (nested / MARKER).write_text('{"files": []}')
    monkeypatch.setattr(build, "notebook_paths", lambda: [first])
    assert main(compare(out)) == 0  # no stale page of the first run; the nested report stays
    assert sorted(snapshot(out)) == [MARKER, "08_fine.html", "08_fine.ipynb",
                                     f"comparison/{MARKER}", "index.html", "inputs/a.txt",
                                     "inputs/b.txt"]
    (out / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    assert main(compare(out)) == 2
    assert "('evil.html')" in one_line_error(capsys)
    assert main(compare(out, "--force")) == 0
    assert not (out / "evil.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nb", "report"]  # nothing left over


@pytest.mark.executes_notebooks
def test_max_bytes_reaches_the_notebooks(tmp_path, monkeypatch):
    check = fine_notebook(tmp_path, check="assert MAX_BYTES == 4096, MAX_BYTES")
    monkeypatch.setattr(build, "notebook_paths", lambda: [check])
    assert main(compare(tmp_path / "out", "--max-bytes", "4096")) == 0
    injected = nbformat.read(tmp_path / "out" / check.name, as_version=4).cells[2].source
    assert "MAX_BYTES = 4096" in injected


# -- the real notebooks: no local path anywhere in a report -----------------------------------

_BASE64_RUN = re.compile(r"[A-Za-z0-9+/=\\n]{200,}")  # embedded figures


@pytest.mark.executes_notebooks
def test_no_local_path_appears_in_any_file_of_a_report(tmp_path, monkeypatch):
    events = tmp_path / "my event"
    events.mkdir()
    (events / "actors.tsv").write_text("actor\tpattern\tmode\tnote\nNYT\tNew York Times\t"
                                       "case\t\n", encoding="utf-8")
    (events / "choices.tsv").write_text("group\tterm\tforms\nthe money\tbounty\tbounty|"
                                        "bounties\n", encoding="utf-8")
    out = tmp_path / "shared report"
    monkeypatch.chdir(events)
    assert main(["compare", str(SEEDS_DIR / "000_402bb0ddee2a2a46.txt"),
                 str(SEEDS_DIR / "003_01a4db6abad63367.txt"), "--actors", "actors.tsv",
                 "--word-choices", "choices.tsv", "--out", str(out)]) == 0
    files = snapshot(out)
    assert {"inputs/000_402bb0ddee2a2a46.txt", "inputs/003_01a4db6abad63367.txt",
            "inputs/actors.tsv", "inputs/choices.tsv"} <= set(files)
    assert files["inputs/actors.tsv"] == (events / "actors.tsv").read_bytes()
    local = [str(tmp_path), str(Path.home()), str(PROJECT_ROOT), "/tmp/", "file://"]
    for name, data in files.items():
        text = _BASE64_RUN.sub("", data.decode("utf-8"))
        assert [p for p in local if p in text] == [], name
    injected = [c.source for c in nbformat.read(out / "04_framing.ipynb", as_version=4).cells
                if "injected-parameters" in c.metadata.get("tags", [])][0]
    assert 'ARTICLES = ["inputs/000_402bb0ddee2a2a46.txt", "inputs/003_01a4db6abad63367.txt"]' \
        in injected
    assert 'ACTORS = "inputs/actors.tsv"' in injected and 'OUTPUT_DIR = "."' in injected
    index = files["index.html"].decode("utf-8")
    assert "<code>inputs/000_402bb0ddee2a2a46.txt</code>" in index

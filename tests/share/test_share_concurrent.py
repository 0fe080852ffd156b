"""Notebooks run two at a time write the same report, in the same order, as one at a time, and
a failure still leaves ``--out`` untouched and names the notebook (issue 16, item 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from share_checks import pair_files
from test_share_atomic import fine_notebook, snapshot
from test_share_compare import failing_notebook

from analysis import NotebookError
from analysis.report import build
from analysis.report.build import build_reports, compare_parameters, default_workers
from analysis.report.folder import PARTIAL


def test_the_default_pool_is_one_notebook_per_core_and_at_most_two(monkeypatch):
    monkeypatch.setattr("analysis.text.pool.default_workers", lambda: 8)
    assert [default_workers(n) for n in (0, 1, 2, 5)] == [1, 1, 2, 2]
    monkeypatch.setattr("analysis.text.pool.default_workers", lambda: 1)
    assert default_workers(5) == 1


@pytest.mark.executes_notebooks
def test_a_pair_compared_two_at_a_time_is_the_same_bytes_as_one_at_a_time(tmp_path):
    first, second = pair_files("wire")
    parameters = compare_parameters(first, second, labels=("Wire A", "Wire B"))
    lines: dict[int, list[str]] = {1: [], 2: []}
    for workers in (1, 2):
        build_reports(tmp_path / f"w{workers}", parameters, workers=workers,
                      progress=lines[workers].append)
    sequential, concurrent = snapshot(tmp_path / "w1"), snapshot(tmp_path / "w2")
    assert sorted(sequential) == sorted(concurrent)
    assert [n for n in sequential if n.endswith(".ipynb")] == [
        "01_load_and_clean.ipynb", "02_word_frequencies.ipynb", "03_named_sources.ipynb",
        "04_framing.ipynb", "05_summary.ipynb"]
    for name, data in sequential.items():
        assert concurrent[name] == data, name
    # the same progress lines; with two at a time, every "running" line comes first, then
    # the pages in reading order
    assert [line.endswith(f"w{w}/index.html: open it in a browser") for w in (1, 2)
            for line in lines[w][-1:]] == [True, True]
    untimed = {w: sorted(re.sub(r" \([\d.]+ s\)$", "", line) for line in lines[w][:-1])
               for w in (1, 2)}
    assert untimed[1] == untimed[2] and len(lines[2]) == 12
    wrote = [line.split(":")[0] for line in lines[2] if ": wrote " in line and "[" in line]
    assert wrote == [f"[{n}/6] {name}" for n, name in enumerate(
        ["01_load_and_clean.ipynb", "02_word_frequencies.ipynb", "03_named_sources.ipynb",
         "04_framing.ipynb", "05_summary.ipynb"], start=1)]


@pytest.mark.executes_notebooks
def test_a_failure_among_concurrent_notebooks_names_it_and_leaves_out_untouched(
        tmp_path, monkeypatch):
    notebooks = [fine_notebook(tmp_path, "07_fine.ipynb"), failing_notebook(tmp_path),
                 fine_notebook(tmp_path, "10_fine.ipynb")]
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    before = snapshot(out)
    monkeypatch.setattr(build, "notebook_paths", lambda: notebooks)
    with pytest.raises(NotebookError) as caught:
        build_reports(out, notebooks=notebooks, workers=2, progress=lambda _: None, force=True)
    message = str(caught.value)
    assert message.startswith("09_broken.ipynb: cell [2] `ratio = 1 / 0` failed with "
                              "ZeroDivisionError")
    assert snapshot(out) == before
    partial = [p for p in tmp_path.iterdir() if p.name.startswith(f"out.{PARTIAL}-")]
    assert len(partial) == 1 and partial[0].name in message
    assert (partial[0] / "07_fine.ipynb").is_file()
    assert not (partial[0] / "index.html").exists()


def test_one_worker_runs_in_this_process_without_a_pool(tmp_path, monkeypatch):
    runner = build
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    ran: list[Path] = []
    monkeypatch.setattr(runner, "ProcessPoolExecutor", no_pool)
    monkeypatch.setattr(runner, "run_one",
                        lambda source, folder, parameters, **options: (
                            source.stem, f"{source.stem}.html", 0.0)
                        if not ran.append(source) else None)
    jobs = [runner.NotebookJob(f"[{n}/2] {n}.ipynb", Path(f"{n}.ipynb"), {}) for n in (1, 2)]
    lines: list[str] = []
    pages, extra = runner.run_notebooks(jobs, tmp_path, workers=1, progress=lines.append,
                                        meanwhile=lambda: "summary")
    assert ran == [Path("1.ipynb"), Path("2.ipynb")] and extra == "summary"
    assert [p.html for p in pages] == [tmp_path / "1.html", tmp_path / "2.html"]
    assert lines == ["[1/2] 1.ipynb: running ...", "[1/2] 1.ipynb: wrote 1.html (0.0 s)",
                     "[2/2] 2.ipynb: running ...", "[2/2] 2.ipynb: wrote 2.html (0.0 s)"]

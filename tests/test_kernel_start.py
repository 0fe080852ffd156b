"""A kernel that does not start is started again once; a second failure is one clear line."""

from __future__ import annotations

import papermill
import pytest

from analysis import NotebookError
from analysis.report.execute import execute


def test_a_kernel_that_fails_to_start_once_is_started_again(tmp_path, monkeypatch):
    calls = []

    def flaky(source, target, **kwargs):
        calls.append(target)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")

    monkeypatch.setattr(papermill, "execute_notebook", flaky)
    target = tmp_path / "out" / "03_story.ipynb"
    assert execute(tmp_path / "03_story.ipynb", target) == target
    assert calls == [str(target), str(target)]


def test_a_kernel_that_never_starts_is_a_notebook_error_naming_the_notebook(tmp_path,
                                                                           monkeypatch):
    def broken(source, target, **kwargs):
        raise TimeoutError("Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    with pytest.raises(NotebookError, match=r"^03_story\.ipynb: the kernel did not start "
                                            r"\(Kernel didn't respond in 60 seconds\)$"):
        execute(tmp_path / "03_story.ipynb", tmp_path / "out" / "03_story.ipynb")

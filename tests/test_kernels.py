"""Kernels forked from the kernel factory run a notebook as a new kernel would."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import nbformat
import pytest

from analysis.errors import NotebookError
from analysis.paths import PROJECT_ROOT
from analysis.report import kernels
from analysis.report.execute import execute_evaluating

pytestmark = pytest.mark.skipif(not kernels.available(), reason="kernels are forked on Linux only")

# what a kernel sees of its start: its folder, the path's first entry, the matplotlib backend,
# the fixed hash seed and whether pandas was imported before the notebook asked for it
PROBE = """import os, sys
preloaded = "pandas" in sys.modules
import matplotlib
print(os.path.basename(os.getcwd()), matplotlib.get_backend() == "{backend}",
      os.environ["PYTHONHASHSEED"], sys.path == {path!r})"""
FIGURE = """import matplotlib.pyplot as plt
plt.plot([1, 3, 2])
plt.show()"""


def notebook(tmp_path, *cells: str):
    folder = tmp_path / "work"
    folder.mkdir(exist_ok=True)
    node = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    node.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                   "language": "python"}
    path = folder / "probe.ipynb"
    nbformat.write(node, path)
    return path


def outputs(path):
    node = nbformat.read(path, as_version=4)
    return [[(o.get("output_type"), o.get("text") or sorted(o.get("data", {})))
             for o in cell.outputs] for cell in node.cells]


@pytest.fixture
def factory(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(PROJECT_ROOT))  # relative entries are never forked
    with kernels.kernel_factory() as path:
        yield path


def kernel_path(tmp_path) -> list[str]:
    """``sys.path`` in a new kernel."""
    source = notebook(tmp_path, "import sys\nprint(repr(sys.path))")
    done, _ = execute_evaluating(source, tmp_path / "path.ipynb")
    return eval(nbformat.read(done, as_version=4).cells[0].outputs[0]["text"])


def test_a_forked_kernel_runs_a_notebook_as_a_new_kernel_does(tmp_path, factory):
    probe = PROBE.format(backend=kernels.INLINE_BACKEND, path=kernel_path(tmp_path))
    source = notebook(tmp_path, probe, "print(preloaded)", FIGURE)
    new, _ = execute_evaluating(source, tmp_path / "new.ipynb")
    forked, value = execute_evaluating(source, tmp_path / "forked.ipynb",
                                       factory_socket=factory, expression="preloaded")
    assert outputs(new)[0] == outputs(forked)[0] == [("stream", "work True 0 True\n")]
    assert outputs(new)[2] == outputs(forked)[2] == [("display_data", ["image/png",
                                                                       "text/plain"])]
    # the one difference: the forked kernel found pandas already imported
    assert outputs(new)[1] == [("stream", "False\n")] and value is True


def test_a_failing_cell_in_a_forked_kernel_names_the_cell(tmp_path, factory):
    source = notebook(tmp_path, "x = 1", "1 / 0")
    with pytest.raises(NotebookError, match=r"probe.ipynb: cell \[2\] `1 / 0` failed with "
                                            r"ZeroDivisionError"):
        execute_evaluating(source, tmp_path / "out.ipynb", factory_socket=factory)


def test_without_a_listening_factory_the_kernel_starts_as_usual(tmp_path, monkeypatch):
    monkeypatch.setattr(kernels, "READY_TIMEOUT", 0.2)
    source = notebook(tmp_path, "print(6 * 7)")
    done, _ = execute_evaluating(source, tmp_path / "out.ipynb",
                                 factory_socket=str(tmp_path / "no-factory.sock"))
    assert outputs(done) == [[("stream", "42\n")]]


def test_the_factory_stops_with_its_block_and_can_be_switched_off(monkeypatch):
    with kernels.kernel_factory() as path:
        assert path is not None
        with kernels.kernel_factory() as inner:  # a factory already running is reused
            assert inner == path
        assert kernels._RUNNING == path
    assert kernels._RUNNING is None
    with pytest.raises(OSError), socket.socket(socket.AF_UNIX) as connection:
        connection.connect(path)
    monkeypatch.setenv(kernels.SWITCH, "0")
    with kernels.kernel_factory() as path:
        assert path is None


def ask(path: str, line: bytes) -> dict:
    """Send one line to the factory (once it listens); its reply."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.socket(socket.AF_UNIX) as connection:
                connection.connect(path)
                connection.sendall(line)
                return json.loads(connection.makefile("rb").readline())
        except (FileNotFoundError, ConnectionRefusedError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_a_bad_request_gets_an_error_and_the_factory_goes_on(tmp_path, factory):
    assert ask(factory, b"not json\n") == {"error": "bad request"}
    assert ask(factory, b'{"argv": []}\n') == {"error": "bad request"}
    source = notebook(tmp_path, "print('still here')")
    done, _ = execute_evaluating(source, tmp_path / "out.ipynb", factory_socket=factory)
    assert outputs(done) == [[("stream", "still here\n")]]


def test_a_kernel_whose_python_settings_differ_starts_anew(tmp_path, factory, monkeypatch):
    reply = ask(factory, json.dumps({"argv": [], "cwd": str(tmp_path),
                                     "env": {"PYTHONHASHSEED": "7"}}).encode() + b"\n")
    assert reply == {"error": "different Python settings"}
    monkeypatch.setenv("PYTHONHASHSEED", "7")  # execute_evaluating sets it back to 0
    monkeypatch.setattr(kernels, "KERNEL_ENV", {"PYTHONHASHSEED": "7"})
    source = notebook(tmp_path, "import sys\nprint('pandas' in sys.modules)")
    done, _ = execute_evaluating(source, tmp_path / "out.ipynb", factory_socket=factory)
    assert outputs(done) == [[("stream", "False\n")]]  # a new process: nothing preloaded


def test_only_this_pythons_launcher_is_forked():
    arguments = kernels.launcher_arguments
    assert arguments([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json"]) == [
        "-f", "c.json"]
    assert arguments(["/usr/bin/other-python", "-m", "ipykernel_launcher", "-f", "c.json"]) \
        is None
    assert arguments([sys.executable, "-m", "some_other_kernel"]) is None


FORK_AFTER_IN_PROCESS = """
from pathlib import Path
import sys
import nbformat
from analysis.report.build import NotebookJob, run_notebooks

folder = Path(sys.argv[1])
jobs = []
for name in ("01_a", "02_b"):
    node = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# " + name),
                                           nbformat.v4.new_code_cell("print(6 * 7)")])
    node.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                   "language": "python"}
    nbformat.write(node, folder / f"{name}.ipynb")
    jobs.append(NotebookJob(name, folder / f"{name}.ipynb", {}))
run_notebooks(jobs[:1], folder, workers=1, progress=lambda line: None)  # in this process
pages, _ = run_notebooks(jobs, folder, workers=2, progress=lambda line: None)  # then forked
print(*[page.html.name for page in pages])
"""


def test_notebooks_run_in_a_pool_after_one_ran_in_this_process(tmp_path):
    # a pool forked after a kernel was started in this process must not inherit its event
    # loop's helper threads (it hung before: a worker waited for a thread it did not have)
    done = subprocess.run([sys.executable, "-c", FORK_AFTER_IN_PROCESS, str(tmp_path)],
                          capture_output=True, text=True, timeout=240, cwd=PROJECT_ROOT,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["01_a.html", "02_b.html"]


def test_a_stopped_factory_is_seen_at_once(tmp_path):
    socket_path = tmp_path / "factory.sock"
    assert not kernels._factory_alive(str(socket_path))  # no process id written
    (tmp_path / kernels.PID_FILE).write_text(str(os.getpid()))
    assert kernels._factory_alive(str(socket_path))
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    (tmp_path / kernels.PID_FILE).write_text(finished.stdout.strip())
    assert not kernels._factory_alive(str(socket_path))


ORPHAN = """
import os, subprocess, sys, time
factory = subprocess.Popen([sys.executable, "-m", "analysis.report.kernels", sys.argv[1],
                            str(os.getpid())])
print(factory.pid, flush=True)
time.sleep(60)
"""


def test_the_factory_stops_when_the_command_that_started_it_is_killed(tmp_path):
    starter = subprocess.Popen([sys.executable, "-c", ORPHAN, str(tmp_path / "f.sock")],
                               stdout=subprocess.PIPE, text=True, cwd=PROJECT_ROOT,
                               env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    pid = int(starter.stdout.readline())
    (tmp_path / kernels.PID_FILE).write_text(str(pid))
    assert kernels._factory_alive(str(tmp_path / "f.sock"))
    starter.kill()
    starter.wait()
    deadline = time.monotonic() + 60
    while kernels._factory_alive(str(tmp_path / "f.sock")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not kernels._factory_alive(str(tmp_path / "f.sock"))


def test_the_caches_the_factory_fills_are_the_ones_the_lenses_read():
    """Each ``WARMED`` call gives the same object every time (a cache, so filling it in the
    factory spares every kernel the work), and the lenses then compile no stock lexicon and
    build no argument-free cache of ``WARMED`` again."""
    import importlib

    from analysis import frames, loaded, sources, stance, tone
    from analysis.lexicons import match
    from analysis.paths import SEEDS_DIR
    from analysis.text import build_article

    calls = [(getattr(importlib.import_module(m), f), a) for m, f, a in kernels.WARMED]
    match._compile_file.cache_clear()
    assert all(function(*arguments) is function(*arguments) for function, arguments in calls)
    argument_free = [function for function, arguments in calls
                     if not arguments and hasattr(function, "cache_info")]
    hits = [function.cache_info().hits for function in argument_free]
    compiled = match._compile_file.cache_info().currsize
    assert compiled == 3
    article = build_article("Storm hits coast\n\nThe mayor said the brazen agency lied.\n",
                            id="storm", path=SEEDS_DIR / "storm.txt")
    assert len(stance.markers(article)) + len(loaded.markers(article)) > 0
    frames.scores(article)
    assert match._compile_file.cache_info().currsize == compiled
    # and the argument-free ones are read by the lenses (warming them is not wasted; the
    # first names borne by both sexes are read only to resolve some pronouns)
    assert list(sources.attributions(article)["source"]) == ["The mayor"]
    tone.score(article)
    read = {function.__name__: function.cache_info().hits > before
            for function, before in zip(argument_free, hits, strict=True)}
    assert read == {"name_regex": True, "first_names": True, "shared_first_names": False,
                    "alias_index": True, "grammar": True, "cue_regex": True,
                    "coreference": True, "_vader": True}


def test_a_client_is_ready_when_the_kernel_went_idle_after_answering(tmp_path, factory):
    """The client reads IOPub up to the kernel's ``idle`` for ``kernel_info`` and no further:
    nothing is left unread, and the first request's messages are the first to come."""
    import asyncio

    manager = kernels.manager_class(factory)(kernel_name="python3")
    assert manager.client_factory.__name__ == "ReadyKernelClient"

    async def first_messages() -> tuple[bool, list[str]]:
        await manager.start_kernel(cwd=str(tmp_path))
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            left = await client.iopub_channel.msg_ready()
            request = client.execute("print(6 * 7)")
            seen = []
            while not seen or seen[-1] != "status:idle":
                message = await client.iopub_channel.get_msg(timeout=30)
                assert message["parent_header"].get("msg_id") == request
                content = message["content"]
                seen.append(f"{message['msg_type']}:"
                            f"{content.get('execution_state') or content.get('text', '')}")
            return left, seen
        finally:
            client.stop_channels()
            await manager.shutdown_kernel(now=True)

    left, seen = asyncio.run(first_messages())
    assert left is False
    assert seen == ["status:busy", "execute_input:", "stream:42\n", "status:idle"]

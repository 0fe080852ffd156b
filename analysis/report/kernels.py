"""Kernels forked from a process that has already imported the libraries the notebooks use.

Every notebook still runs in a fresh kernel of its own: a new process, a new IPython shell and an
empty namespace, started with the same command line, environment and working folder as
``jupyter_client`` would start it. Only the start differs. Instead of a new Python that imports
ipykernel, pandas and this package (about 1.5 s of CPU per kernel, five or six times per
report), a *kernel factory* (:func:`serve`) imports them once, and each kernel is a fork of it.
The factory also fills a few pure caches of the package once (``WARMED``: the name pattern,
the stock lexicons compiled, the source grammar, the tone analyser), which every kernel would
otherwise build. The factory never runs notebook code, so every kernel starts from the same
state.

:func:`manager_class` gives a kernel manager that asks the factory for a kernel and falls
back to the usual launch whenever it cannot (the factory is not running or not ready, the
kernel command is not this Python's ``ipykernel_launcher``, the platform is not Linux, or
``FRAMING_FORK_KERNELS=0``); its clients wait for a kernel only until it is ready (the kernel's
``idle`` after answering ``kernel_info``), not 0.2 s more. :func:`kernel_environment` is the
environment every kernel gets.
:func:`kernel_factory` runs a factory for the length of a ``with`` block.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from ..paths import PROJECT_ROOT

KERNEL_ENV = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "0"}  # fixed seeds and dates
SWITCH = "FRAMING_FORK_KERNELS"  # "0" turns forked kernels off
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets, if unset
# imported by the factory, in this order; a module that fails to import is skipped
# (not pyplot: the inline backend it loads needs the kernel's shell to exist)
# (ipykernel.debugger, which imports debugpy, is half of a kernel's own start-up)
PRELOADED = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "numpy",
             "pandas", "matplotlib", "matplotlib.figure", "matplotlib.axes", "analysis",
             "analysis.report.display", "analysis.report.summary", "analysis.report.prose")
# what the lenses build once per process and keep (pure, argument-free caches: the name pattern,
# the stock lexicons compiled, the source grammar, the tone analyser): built once in the
# factory, not in each kernel (the source grammar's patterns alone take 0.1 s in every kernel
# of notebooks 02-05)
WARMED = (("analysis.entities.gazetteer", "name_regex", ()),
          ("analysis.entities.gazetteer", "first_names", ()),
          ("analysis.entities.gazetteer", "shared_first_names", ()),
          ("analysis.entities.gazetteer", "alias_index", ()),
          ("analysis.sources.grammar", "grammar", ()),
          ("analysis.sources.cues", "cue_regex", ()),
          ("analysis.sources.cues", "coreference", ()),
          ("analysis.lexicons.match", "compile_lexicon",
           ("stance.tsv", ("category", "subcategory"))),
          ("analysis.lexicons.match", "compile_lexicon", ("loaded.tsv", ("category", "origin"))),
          ("analysis.lexicons.match", "compile_lexicon",
           ("frames.tsv", ("frame", "item"), "frame")),
          ("analysis.tone", "_vader", ()),
          ("PIL.Image", "preinit", ()))  # the image formats, loaded when the first PNG is saved
_RUNNING: str | None = None  # the socket of the factory this process runs, if any
READY_TIMEOUT = 120.0  # seconds a kernel request waits for a running factory to listen
PID_FILE = "factory.pid"  # beside the socket: the factory's process id
PARENT_CHECK = 1.0  # seconds between the factory's checks that the command that started it runs


@contextlib.contextmanager
def kernel_environment() -> Iterator[None]:
    """Environment inherited by kernels: this checkout's package first, fixed seeds and dates."""
    names = (*KERNEL_ENV, "PYTHONPATH")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(KERNEL_ENV)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(PROJECT_ROOT), *([saved["PYTHONPATH"]] if saved["PYTHONPATH"] else [])])
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def available() -> bool:
    """True where kernels can be forked: Linux, unless ``FRAMING_FORK_KERNELS=0``."""
    return sys.platform.startswith("linux") and os.environ.get(SWITCH, "1") != "0"


@contextlib.contextmanager
def kernel_factory() -> Iterator[str | None]:
    """Run a kernel factory for the ``with`` block; yield its socket's path (None when kernels
    cannot be forked here). The factory starts with the environment kernels get
    (:func:`kernel_environment`) and is stopped at the end. Inside a block that already runs
    one, that one is yielded (so a caller can start it early, while it goes on working)."""
    global _RUNNING
    if _RUNNING is not None or not available():
        yield _RUNNING
        return
    with tempfile.TemporaryDirectory(prefix="framing-kernels-") as folder:
        path = str(Path(folder) / "factory.sock")
        with kernel_environment():
            process = subprocess.Popen(
                [sys.executable, "-m", "analysis.report.kernels", path, str(os.getpid())],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, start_new_session=True)
        Path(folder, PID_FILE).write_text(str(process.pid), encoding="ascii")
        _RUNNING = path
        try:
            yield path
        finally:
            _RUNNING = None
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def request_kernel(path: str, argv: list[str], env: dict[str, str], cwd: str,
                         timeout: float | None = None) -> int:
    """Ask the factory at ``path`` for a kernel; return its process id. While the factory
    is still importing, waits up to ``timeout`` seconds (None: ``READY_TIMEOUT``) for it to
    listen; raises ``OSError`` when it does not, or has stopped. (No thread is used: a
    process forked later, such as a worker of a process pool, would inherit an event loop
    whose threads it does not have.)"""
    deadline = time.monotonic() + (READY_TIMEOUT if timeout is None else timeout)
    request = json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode("utf-8") + b"\n"
    while True:
        try:
            return _ask(path, request)
        except (FileNotFoundError, ConnectionRefusedError):
            if time.monotonic() > deadline or not _factory_alive(path):
                raise
            await asyncio.sleep(0.05)


def _factory_alive(path: str) -> bool:
    """Whether the factory whose socket is ``path`` still runs (its process id is written
    beside the socket; an exited process not yet collected is a zombie, ``Z``)."""
    try:
        pid = int(Path(path).with_name(PID_FILE).read_text(encoding="ascii"))
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except (OSError, ValueError):
        return False
    return stat.rpartition(")")[2].split()[:1] not in (["Z"], ["X"])


def _ask(path: str, request: bytes) -> int:
    """One request to a listening factory (it answers at once); the kernel's process id."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(READY_TIMEOUT)
        connection.connect(path)
        connection.sendall(request)
        reply = json.loads(connection.makefile("rb").readline() or b"{}")
    if "pid" not in reply:
        raise OSError(f"the kernel factory did not start a kernel: {reply}")
    return int(reply["pid"])


class ForkedKernel:
    """What ``jupyter_client``'s local provisioner needs of a kernel's process (``poll``,
    ``wait``, ``send_signal``, ``kill``, ``terminate``) for a kernel the factory forked. The
    factory reaps it as soon as it exits."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0  # its exit status went to the factory
            except PermissionError:
                pass  # alive, under another user (cannot happen for our own fork)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def manager_class(factory_path: str | None) -> type:
    """The kernel manager class for a factory at ``factory_path``: ``jupyter_client``'s
    ``AsyncKernelManager`` starting kernels from the factory, or as usual whenever it cannot
    (None: ``AsyncKernelManager`` itself)."""
    from jupyter_client.manager import AsyncKernelManager

    if factory_path is None:
        return AsyncKernelManager
    return type("ForkingKernelManager", (_forking_manager(),), {"factory_path": factory_path})


@cache
def _forking_manager() -> type:
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class ForkingKernelManager(AsyncKernelManager):
        """Starts kernels from the factory at ``factory_path``, or as usual; its clients are
        :func:`_ready_client`'s."""

        factory_path: str | None = None

        @default("client_factory")
        def _client_factory_default(self) -> type:
            return _ready_client()

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
            argv = launcher_arguments(kernel_cmd)
            if argv is None or not self.factory_path or not available():
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            env = dict(kw.get("env") or os.environ)
            cwd = str(kw.get("cwd") or os.getcwd())
            try:
                pid = await request_kernel(self.factory_path, argv, env, cwd)
            except (OSError, ValueError):
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            provisioner = self.provisioner
            provisioner.process = ForkedKernel(pid)
            provisioner.pid, provisioner.pgid, provisioner.cwd = pid, pid, cwd
            self._reconcile_connection_info(provisioner.connection_info)

    return ForkingKernelManager


READY_READ = 0.2  # seconds to wait for each IOPub message while the kernel gets ready


@cache
def _ready_client() -> type:
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_core.utils import ensure_async

    class ReadyKernelClient(AsyncKernelClient):
        """``jupyter_client``'s client, with a wait for the kernel that ends when it is ready.

        ``jupyter_client`` asks for ``kernel_info`` until the reply comes and one IOPub
        message follows (so IOPub is connected), then reads IOPub until 0.2 s pass without a
        message: 0.2 s lost at every kernel start. This one reads IOPub up to the kernel's
        ``idle`` status for the answered request (the last message the request makes), and
        asks again as ``jupyter_client`` does when that does not come within 0.2 s. Every
        message the kernel sent before is read either way; the notebook's cells come after.
        """

        async def wait_for_ready(self, timeout: float | None = None) -> None:
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                request = self.kernel_info()
                try:
                    reply = await ensure_async(self.shell_channel.get_msg(timeout=1))
                except Empty:
                    reply = None
                if (reply is not None and reply["msg_type"] == "kernel_info_reply"
                        and await self._idle_after(request)):
                    self._handle_kernel_info_reply(reply)
                    return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

        async def _idle_after(self, request: str) -> bool:
            """Read IOPub up to the ``idle`` status of ``request``; False when a wait for
            the next message times out."""
            while True:
                try:
                    message = await ensure_async(self.iopub_channel.get_msg(timeout=READY_READ))
                except Empty:
                    return False
                if (message["msg_type"] == "status"
                        and message["content"].get("execution_state") == "idle"
                        and message["parent_header"].get("msg_id") == request):
                    return True

    return ReadyKernelClient


def launcher_arguments(kernel_cmd: list[str]) -> list[str] | None:
    """The arguments after ``python -m ipykernel_launcher`` when the command runs this
    Python's launcher; None for any other command."""
    if len(kernel_cmd) < 3 or kernel_cmd[1:3] != ["-m", "ipykernel_launcher"]:
        return None
    if os.path.realpath(kernel_cmd[0]) != os.path.realpath(sys.executable):
        return None
    return list(kernel_cmd[3:])


# --- the factory process ---------------------------------------------------------------------

def serve(path: str, parent: int | None = None) -> None:
    """The factory: import ``PRELOADED`` and fill the caches ``WARMED`` names, then fork a
    kernel for each request on the socket at ``path`` until stopped (SIGTERM), or until its
    parent, the process ``parent`` (None: the one at the start), has gone."""
    parent = os.getppid() if parent is None else parent
    if sys.path and (sys.path[0] in ("", os.getcwd())):
        del sys.path[0]  # as ipykernel_launcher does; the kernel's shell puts "" back
    startup = _startup_settings(os.environ)
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)  # before matplotlib reads it
    for name in PRELOADED:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    for module, function, arguments in WARMED:
        with contextlib.suppress(Exception):
            getattr(importlib.import_module(module), function)(*arguments)
    signal.signal(signal.SIGCHLD, _reap)  # so their CPU time counts as this process's children
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    listener.settimeout(PARENT_CHECK)
    while True:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            if os.getppid() != parent:
                return  # the command that started it is gone (killed): so is the factory
            continue
        connection.settimeout(None)
        with connection:
            try:
                request = json.loads(connection.makefile("rb").readline())
                argv, env, cwd = list(request["argv"]), dict(request["env"]), str(request["cwd"])
            except (ValueError, KeyError, TypeError):
                connection.sendall(b'{"error": "bad request"}\n')
                continue
            if _startup_settings(env) != startup or not _absolute_path_entries(env):
                # Python reads these when it starts: a kernel needing others starts anew
                connection.sendall(b'{"error": "different Python settings"}\n')
                continue
            pid = os.fork()
            if pid == 0:
                listener.close()
                connection.close()
                _run_kernel(argv, env, cwd)  # never returns
            connection.sendall(json.dumps({"pid": pid}).encode("utf-8") + b"\n")


def _startup_settings(env: dict[str, str]) -> dict[str, str]:
    """The variables Python reads when it starts (``PYTHON*``: the path, the hash seed)."""
    return {name: value for name, value in env.items() if name.startswith("PYTHON")}


def _absolute_path_entries(env: dict[str, str]) -> bool:
    """True when ``PYTHONPATH`` names no relative folder (a new Python resolves those
    against its own working folder, the factory against its own)."""
    entries = [e for e in env.get("PYTHONPATH", "").split(os.pathsep) if e]
    return all(os.path.isabs(e) for e in entries)


def _reap(signum: int, frame: object) -> None:
    """Collect every kernel that has exited."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _run_kernel(argv: list[str], env: dict[str, str], cwd: str) -> None:
    """In a forked child: become the kernel ``python -m ipykernel_launcher *argv`` would start
    in ``cwd`` with ``env``, then exit."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.setsid()
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        sys.argv = [sys.argv[0], *argv]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except BaseException:  # noqa: BLE001 - a kernel that fails to start exits; its manager sees it
        code = 1
    finally:
        os._exit(code)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)

"""A minimal Chrome DevTools Protocol client: open a page in headless Chromium and evaluate
JavaScript in it, to measure the layout the rendered page really has.

``--dump-dom`` gives the DOM but not sizes; the browser smoke test also needs to know whether a
table is wider than the notebook, which only the browser's layout can say. Chromium is started
with ``--remote-debugging-port=0`` (it picks a free port and writes it to ``DevToolsActivePort``
in its profile folder), a tab is opened with ``PUT /json/new``, and ``Runtime.evaluate`` runs an
expression over the tab's websocket (``websocket-client``, a JupyterLab dependency). See
https://chromedevtools.github.io/devtools-protocol/.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from pathlib import Path

START_SECONDS = 30


class DevToolsError(Exception):
    """Chromium could not be started or driven; the message says why."""


class Chromium:
    """Headless Chromium with a DevTools port; use as a context manager (stopped on exit)."""

    def __init__(self, browser: str, profile: Path, flags: list[str]):
        self.profile = profile
        self.process = subprocess.Popen(
            [browser, *flags, f"--user-data-dir={profile}", "--remote-debugging-port=0",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.port = self._wait_for_port()
        except DevToolsError:
            self.__exit__()  # never leave a Chromium running
            raise

    def _wait_for_port(self) -> int:
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DevToolsError(f"Chromium exited with code {self.process.returncode}")
            lines = marker.read_text().split() if marker.exists() else []
            if len(lines) >= 2:
                return int(lines[0])
            time.sleep(0.1)
        raise DevToolsError(f"Chromium opened no DevTools port within {START_SECONDS} s")

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def open(self, url: str) -> Tab:
        """A new tab loading ``url``."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/json/new?{url}", method="PUT")
        with urllib.request.urlopen(request, timeout=10) as response:
            target = json.load(response)
        return Tab(self.port, target["id"], target["webSocketDebuggerUrl"])


class Tab:
    """One browser tab: evaluate expressions in it, then close it."""

    def __init__(self, port: int, target: str, socket_url: str):
        import websocket  # websocket-client, installed with jupyter_server

        self.port, self.target = port, target
        self.socket = websocket.create_connection(socket_url, timeout=60)
        self.calls = 0

    def evaluate(self, expression: str):
        """The value of a JavaScript expression (JSON-serialisable) in the page."""
        self.calls += 1
        self.socket.send(json.dumps({"id": self.calls, "method": "Runtime.evaluate", "params": {
            "expression": expression, "returnByValue": True}}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.calls:
                break
        result = message.get("result", {})
        if "exceptionDetails" in result or "error" in message:
            raise DevToolsError(f"the page could not evaluate the check: "
                                f"{message.get('error') or result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, seconds: float) -> bool:
        """Evaluate ``expression`` every half second until it is true; False on time-out."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.5)
        return False

    def close(self) -> None:
        self.socket.close()
        with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}/json/close/{self.target}", timeout=10):
            pass

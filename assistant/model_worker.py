"""A local GGUF model served by llama.cpp in a child process on a loopback port, started and supervised by the app.

Native model code can crash (a segfault in one of ggml's CPU backends kills whatever process hosts it). In a child
process a crash takes down only the worker: the request in flight fails, the answerer falls back to the extractive
answer with a notice, and the next request starts a new worker. The worker leaves with its parent.

Run as a module (`python -m assistant.model_worker ARGS…`) it is the worker itself: llama-cpp-python's
OpenAI-compatible server, plus a watch on the parent process.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import runpy
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from index.errors import NDVError

START_TIMEOUT_S = 120.0  # loading a model from a cold disk; the health check polls until then


class ModelWorkerError(NDVError):
    """The local model's worker could not be started or has stopped."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ModelWorker:
    """One worker process per model per app process, (re)started on demand; thread-safe."""

    def __init__(self, model_path: str, n_ctx: int = 4096, n_threads: int = 2) -> None:
        self.model_path = model_path
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.starts = 0  # how many workers this supervisor started (a restart after a crash counts)
        self._process: subprocess.Popen[bytes] | None = None
        self._log = Path(tempfile.mkstemp(prefix="ndv-model-worker-", suffix=".log")[1])
        self._url = ""
        self._lock = threading.Lock()
        atexit.register(self.close)

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def death(self, wait_s: float = 0.0) -> str | None:
        """How the last worker ended, if it has within `wait_s` ("killed by SIGSEGV"), else None. (A client may
        see the connection drop a moment before the crashed process is gone.)"""
        process = self._process
        if process is None:
            return None
        try:
            code = process.wait(timeout=wait_s) if wait_s else process.poll()
        except subprocess.TimeoutExpired:
            return None
        if code is None:
            return None
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"killed by {signal.Signals(-code).name}"
        return f"exit code {code}"

    def url(self) -> str:
        """The `/v1` URL of a running worker, starting one if there is none or the last one died."""
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._start()
            return self._url

    def _start(self) -> None:
        port = _free_port()
        command = [
            sys.executable,
            "-m",
            "assistant.model_worker",
            "--model",
            self.model_path,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            str(self.n_ctx),
            "--n_threads",
            str(self.n_threads),
        ]
        with open(self._log, "wb") as log:
            self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        self.starts += 1
        self._url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ModelWorkerError(f"The local model stopped while loading: {self._last_log_line()}")
            try:
                with urllib.request.urlopen(f"{self._url}/models", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self._stop()
        raise ModelWorkerError(f"The local model did not start within {START_TIMEOUT_S:.0f} s.")

    def _last_log_line(self) -> str:
        lines = self._log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        return lines[-1][:300] if lines else f"exit code {self._process.returncode if self._process else '?'}"

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def close(self) -> None:
        with self._lock:
            self._stop()
        self._log.unlink(missing_ok=True)


def _leave_with_parent(parent: int) -> None:
    """The worker must not outlive the app (a killed app cannot clean up): exit when the parent is gone."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=_leave_with_parent, args=(os.getppid(),), daemon=True).start()
    sys.argv[0] = "llama_cpp.server"
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)

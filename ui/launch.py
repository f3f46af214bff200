"""Start the real app (`streamlit run app.py`) as a child process on loopback; for tests and benchmarks.

The process gets its own store folder and offline answers unless ``env`` says otherwise; the context
manager waits until Streamlit answers its health check and stops the process at the end.

Usage::

    with running_app(store_dir, {"LEIDRAAD_CORPUS_DIR": str(corpus)}) as app:
        page.goto(app.url)           # a browser session on http://127.0.0.1:PORT/
        app.cpu_seconds()            # CPU the app process has used so far (user + system)
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import ROOT

LOOPBACK = "127.0.0.1"  # test and benchmark servers never listen on the network
_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def stop(proc: subprocess.Popen, timeout: float = 30) -> None:
    """Ask the process to end; kill it when it has not after ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    """Return once ``url`` answers 200; raise if the process ends or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"de server stopte met code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


@dataclass(frozen=True)
class AppServer:
    """A running app: its address, process, store folder and when ``streamlit run`` was started."""

    url: str
    proc: subprocess.Popen
    store_dir: Path
    started: float  # time.monotonic() just before `streamlit run`

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the app process so far (Linux /proc)."""
        return cpu_seconds(self.proc.pid)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc); 0 once it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime (fields 14, 15 of stat)


@contextlib.contextmanager
def running_app(
    store_dir: Path, env: Mapping[str, str] | None = None, timeout: float = 180, checkout: Path = ROOT
) -> Iterator[AppServer]:
    """`streamlit run app.py` on a free loopback port over ``store_dir``, with offline answers by
    default; ``env`` adds or overrides variables (e.g. ``LEIDRAAD_CHROMA_HOST``); ``checkout`` is
    the source tree to serve (another version of the app, to compare)."""
    port = free_port()
    full_env = {
        **os.environ,
        "LEIDRAAD_STORE_DIR": str(store_dir),
        "LEIDRAAD_LLM_PROVIDER": "none",
        # This code first, also where the venv was installed from another checkout.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(checkout), os.environ.get("PYTHONPATH")])),
        **(env or {}),
    }
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    cmd += ["--server.port", str(port), "--server.address", LOOPBACK, "--browser.gatherUsageStats", "false"]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, cwd=checkout, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_healthy(f"http://{LOOPBACK}:{port}/_stcore/health", proc, timeout)
        yield AppServer(f"http://{LOOPBACK}:{port}/", proc, store_dir, started)
    finally:
        stop(proc, timeout=15)

"""`make run` (python -m ui.serve) listens on loopback only, unless a host and an access code are set."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.settings import ROOT, ConfigError, Settings
from tests.conftest import CORPUS
from ui.launch import free_port
from ui.serve import is_loopback, streamlit_command


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "leraren-pc.school.local"])
def test_network_hosts(host: str) -> None:
    assert not is_loopback(host)


def test_default_is_loopback() -> None:
    command = streamlit_command(settings())
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.port") + 1] == "8501"


@pytest.mark.parametrize("code", [None, "", "   "])
def test_network_host_needs_an_access_code(code: str | None) -> None:
    with pytest.raises(ConfigError, match="Zet ook LEIDRAAD_ACCESS_CODE"):
        streamlit_command(settings(host="0.0.0.0", access_code=code))


def test_network_host_with_code_is_served() -> None:
    command = streamlit_command(settings(host="0.0.0.0", port=8600, access_code="kikker-42"))
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    assert "kikker-42" not in " ".join(command)  # the code stays in the settings, not in `ps`


def _lan_address() -> str | None:
    """This machine's address on its network (no packet is sent), or None without one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("10.255.255.255", 9))
        except OSError:
            return None
        address = str(sock.getsockname()[0])
    return None if is_loopback(address) or address == "0.0.0.0" else address


def _answers(host: str, port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=5) as resp:
            return resp.status == 200
    except OSError:
        return False


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., int]]:
    """Start ``python -m ui.serve`` with LEIDRAAD_ variables; it is stopped at the end of the test."""
    started: list[subprocess.Popen[bytes]] = []

    def start(**env: str) -> int:
        port = free_port()
        environ = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")}
        environ |= {
            "PYTHONPATH": str(ROOT),
            "LEIDRAAD_STORE_DIR": str(tmp_path / "store"),
            "LEIDRAAD_CORPUS_DIR": str(CORPUS),
            "LEIDRAAD_PORT": str(port),
            **env,
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "ui.serve"],
            cwd=tmp_path,
            env=environ | {"STREAMLIT_SERVER_HEADLESS": "true"},  # no browser is opened
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # streamlit's own children stop with it
        )
        started.append(proc)
        deadline = time.monotonic() + 120
        while not _answers("127.0.0.1", port):
            assert proc.poll() is None, f"ui.serve stopte met code {proc.returncode}"
            assert time.monotonic() < deadline, "ui.serve startte niet binnen 120 s"
            time.sleep(0.3)
        return port

    yield start
    for proc in started:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


needs_lan = pytest.mark.skipif(_lan_address() is None, reason="deze machine heeft geen netwerkadres")


@pytest.mark.slow
@needs_lan
def test_make_run_serves_on_loopback_only(serve: Callable[..., int]) -> None:
    port = serve()
    lan = _lan_address()
    assert lan is not None and not _answers(lan, port)


@pytest.mark.slow
@needs_lan
def test_network_mode_is_reachable_from_the_network(serve: Callable[..., int]) -> None:
    port = serve(LEIDRAAD_HOST="0.0.0.0", LEIDRAAD_ACCESS_CODE="kikker-42")
    lan = _lan_address()
    assert lan is not None and _answers(lan, port)

"""Helpers for tests that start a real server on loopback: a free port, and stopping it again."""

from __future__ import annotations

import socket
import subprocess

LOOPBACK = "127.0.0.1"  # test servers never listen on the network


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

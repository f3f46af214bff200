"""Helpers for tests that start a real server on loopback: a free port, and stopping it again.

They live in ``ui.launch`` (the load benchmark starts the app too); tests import them from here.
"""

from __future__ import annotations

from ui.launch import LOOPBACK, free_port, stop

__all__ = ["LOOPBACK", "free_port", "stop"]

"""Read flow definitions and prompt texts from ``prompts/flows/`` (TOML for steps, Markdown for prompts).

Usage::

    spec = load_spec("probleemanalyse")   # prompts/flows/probleemanalyse.toml as a dict
    text = load_prompt("rephrase_system") # prompts/flows/rephrase_system.md
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.settings import ROOT

FLOWS_DIR = ROOT / "prompts" / "flows"


@lru_cache(maxsize=16)
def load_spec(name: str, folder: Path = FLOWS_DIR) -> dict[str, Any]:
    """The TOML step definition of one flow."""
    with (folder / f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=16)
def load_prompt(name: str, folder: Path = FLOWS_DIR) -> str:
    """A Markdown prompt text for LLM mode."""
    return (folder / f"{name}.md").read_text(encoding="utf-8").strip()

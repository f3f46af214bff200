"""A configuration problem ends a command with one Dutch line naming the fix (exit code 2), no traceback;
searching, which needs no language model, works despite a broken LLM setting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.runtime import Core
from assistant.settings import ROOT

BROKEN_LLM = {"LEIDRAAD_LLM_PROVIDER": "openai", "LEIDRAAD_LLM_MODEL": ""}


def run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` outside the repository (no .env is read) with only the given LEIDRAAD_ variables."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("LEIDRAAD_")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=environ | {"PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def assert_config_error(proc: subprocess.CompletedProcess[str], *names: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    line = proc.stderr.strip()
    assert "\n" not in line and line.startswith("Fout in de instellingen: "), line
    for name in names:
        assert name in line


@pytest.mark.parametrize(
    ("module", "env", "names"),
    [
        ("assistant", {"LEIDRAAD_PORT": "acht"}, ["LEIDRAAD_PORT", "'acht'"]),
        ("ingest", {"LEIDRAAD_LLM_PROVIDER": "chatgpt"}, ["LEIDRAAD_LLM_PROVIDER", "'chatgpt'"]),
        ("ui.serve", {"LEIDRAAD_MAX_FILE_MB": "-1"}, ["LEIDRAAD_MAX_FILE_MB"]),
    ],
)
def test_rejected_setting_is_named(
    module: str, env: dict[str, str], names: list[str], tmp_path: Path
) -> None:
    args = ["-m", module] + (["search", "vraag"] if module == "assistant" else [])
    assert_config_error(run(args, tmp_path, LEIDRAAD_STORE_DIR=str(tmp_path / "store"), **env), *names)


def test_search_works_with_a_broken_llm_setting(corpus_core: Core, tmp_path: Path) -> None:
    store = str(corpus_core.settings.store_dir)
    proc = run(
        ["-m", "assistant", "search", "verbeterplan", "--k", "1"],
        tmp_path,
        LEIDRAAD_STORE_DIR=store,
        **BROKEN_LLM,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("[1] ")
    assert proc.stderr.startswith("Let op: Geen model opgegeven voor openai: zet LEIDRAAD_LLM_MODEL")
    assert "Traceback" not in proc.stderr


def test_ask_with_a_broken_llm_setting_names_the_fix(corpus_core: Core, tmp_path: Path) -> None:
    store = str(corpus_core.settings.store_dir)
    proc = run(
        ["-m", "assistant", "ask", "Wat is een verbeterplan?"],
        tmp_path,
        LEIDRAAD_STORE_DIR=store,
        **BROKEN_LLM,
    )
    assert_config_error(proc, "zet LEIDRAAD_LLM_MODEL")


def test_embedder_without_model_folder_names_the_fix(tmp_path: Path) -> None:
    proc = run(
        ["-m", "assistant", "search", "vraag"],
        tmp_path,
        LEIDRAAD_STORE_DIR=str(tmp_path / "store"),
        LEIDRAAD_EMBEDDER="sentence-transformers",
    )
    assert_config_error(proc, "LEIDRAAD_EMBEDDER_PATH")


@pytest.mark.parametrize("args", [[], ["--check"]])
def test_network_host_without_access_code_is_refused(args: list[str], tmp_path: Path) -> None:
    proc = run(["-m", "ui.serve", *args], tmp_path, LEIDRAAD_HOST="0.0.0.0")
    assert_config_error(proc, "LEIDRAAD_HOST=0.0.0.0", "LEIDRAAD_ACCESS_CODE")


def test_check_passes_for_the_defaults_and_for_network_mode_with_a_code(tmp_path: Path) -> None:
    assert run(["-m", "ui.serve", "--check"], tmp_path).returncode == 0
    network = run(
        ["-m", "ui.serve", "--check"], tmp_path, LEIDRAAD_HOST="0.0.0.0", LEIDRAAD_ACCESS_CODE="k-42"
    )
    assert network.returncode == 0, network.stderr

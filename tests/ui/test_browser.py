"""The real app in a real browser: `streamlit run` on a test store, driven by Debian chromium.

Prints the time from starting the server to the page showing its first answer.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.settings import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
QUESTION = "Hoe borg je verbeteringen in het mbo?"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit stopped with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


def _ask(page: object, question: str, answers_before: int) -> str:
    """Ask in the chat box; wait for the answer's first source card; return the answer's text."""
    box = page.get_by_placeholder("Stel je vraag over de leidraad…")  # type: ignore[attr-defined]
    box.fill(question)
    box.press("Enter")
    messages = page.locator('[data-testid="stChatMessage"]')  # type: ignore[attr-defined]
    answer = messages.nth(answers_before * 2 + 1)
    answer.locator('[data-testid="stExpander"]').first.wait_for(timeout=120_000)
    return str(answer.inner_text())


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium ontbreekt (/usr/bin/chromium)")
def test_browser_question_upload_and_again(ui_store: tuple[Path, Path], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    # A private copy of the store: the upload must not change the shared one.
    store_dir = tmp_path / "store"
    shutil.copytree(ui_store[0], store_dir)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {
        **os.environ,
        "LEIDRAAD_STORE_DIR": str(store_dir),
        "LEIDRAAD_CORPUS_DIR": str(ui_store[1]),
        "LEIDRAAD_LLM_PROVIDER": "none",
    }
    cmd = [
        str(ROOT / ".venv" / "bin" / "python"),
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(f"http://127.0.0.1:{port}/")
            text = _ask(page, QUESTION, 0)
            assert "Misschien verwant" not in text and "[1]" in text, text
            first_answer_s = time.monotonic() - started
            print(f"\nVan `streamlit run` tot het eerste antwoord: {first_answer_s:.1f} s")
            page.locator('[data-testid="stExpander"]').first.click()
            page.wait_for_timeout(500)
            shot = ARTIFACTS / "answer.png"
            page.screenshot(path=str(shot), full_page=True)
            shutil.copy(shot, ROOT / "docs" / "screenshot.png")

            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
                files=[{"name": "kapot.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 broken"}]
            )
            error = page.locator('[data-testid="stAlertContentError"]')
            error.first.wait_for(timeout=60_000)
            message = error.first.inner_text()
            assert "kapot.pdf" in message, message
            page.screenshot(path=str(ARTIFACTS / "upload-error.png"), full_page=True)

            text = _ask(page, "Hoe monitor je de uitvoering van een verbeterplan?", 1)
            assert "Misschien verwant" not in text and "[1]" in text, text
            page.screenshot(path=str(ARTIFACTS / "after-upload.png"), full_page=True)
            browser.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()

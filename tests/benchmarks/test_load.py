"""The load benchmark's CPU count of the browsers, against a real Debian chromium."""

from pathlib import Path

import pytest

from benchmarks.load import CHROMIUM, browser_pids

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium ontbreekt (/usr/bin/chromium)")


def test_the_browsers_cpu_counts_the_pages_renderers_not_only_the_browser() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.set_content("<p>Een pagina met een tabblad-proces.</p>")
        commands = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in browser_pids()]
        browser.close()
    assert any(b"--type=renderer" in command for command in commands)
    assert any(b"--type=" not in command for command in commands)  # the browser process itself

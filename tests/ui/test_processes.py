"""Two app processes on one store, with a Chroma server: what the README tells a school to run when one
process is not enough. Both answer, and each sees what the other saved and added, also when both write
at the same moment.

Real parts only: `chroma run` from the installed chromadb, `python -m ingest`, two `streamlit run`
processes on loopback and Debian chromium.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.conversations import FILENAME, ConversationStore
from assistant.settings import ROOT
from tests.robustness.conftest import MBO_POSTER, PO_POSTER, copy_corpus_files
from tests.robustness.test_chroma_server import CHROMA, wait_for_heartbeat
from ui.launch import LOOPBACK, AppServer, free_port, running_app, stop

CHROMIUM = Path("/usr/bin/chromium")
CHAT_BOX = "Stel je vraag over de leidraad…"
WAIT_MS = 180_000
# Two documents, one uploaded through each process at the same moment: text, a word only it holds, a question.
UPLOADS = {
    "verslag-zwemles.txt": (
        "Ons schoolplan voor zwemlessen: de kikkerzwemslag oefenen we elke dinsdag in het zwembad, "
        "met twee badmeesters en de gymdocent.",
        "kikkerzwemslag",
        "Wanneer oefenen we de kikkerzwemslag?",
    ),
    "verslag-moestuin.txt": (
        "De moestuin achter de school: leerlingen van groep zes planten in april de pompoenbedden en "
        "oogsten in oktober.",
        "pompoenbedden",
        "Wanneer planten de leerlingen de pompoenbedden?",
    ),
}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium ontbreekt (/usr/bin/chromium)"),
]


@pytest.fixture(scope="module")
def chroma_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A Chroma server on loopback, and a store folder with the two posters ingested into it (the whole
    corpus would take minutes through the server; the posters hold borging and monitoring)."""
    root = tmp_path_factory.mktemp("twee-processen")
    port = free_port()
    server = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(root / "chroma"), "--host", LOOPBACK, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_heartbeat(server, port)
        copy_corpus_files(root / "corpus", MBO_POSTER, PO_POSTER)
        env = {
            "LEIDRAAD_STORE_DIR": str(root / "store"),
            "LEIDRAAD_CORPUS_DIR": str(root / "corpus"),
            "LEIDRAAD_CHROMA_HOST": LOOPBACK,
            "LEIDRAAD_CHROMA_PORT": str(port),
        }
        subprocess.run(
            [sys.executable, "-m", "ingest"],
            cwd=ROOT,
            env={**os.environ, **env},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        yield env
    finally:
        stop(server)


@pytest.fixture(scope="module")
def apps(chroma_env: dict[str, str]) -> Iterator[tuple[AppServer, AppServer]]:
    store = Path(chroma_env["LEIDRAAD_STORE_DIR"])
    with running_app(store, chroma_env) as first, running_app(store, chroma_env) as second:
        yield first, second


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def _open(browser: Any, app: AppServer) -> Any:
    page = browser.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(app.url)
    page.get_by_role("textbox", name=CHAT_BOX).wait_for()
    return page


def _send(page: Any, question: str) -> None:
    box = page.get_by_role("textbox", name=CHAT_BOX)
    box.fill(question)
    box.press("Enter")


def _answer(page: Any, n: int) -> str:
    """The text of the page's n-th answer (0-based) once it shows a source card."""
    answer = page.get_by_test_id("stChatMessage").nth(2 * n + 1)
    answer.get_by_test_id("stExpander").first.wait_for()
    return str(answer.inner_text())


def _cid(page: Any) -> str:
    page.wait_for_url(re.compile(r"[?&]c=[0-9a-f]{32}"))
    return re.search(r"[?&]c=([0-9a-f]{32})", page.url)[1]


def test_two_processes_answer_and_keep_every_conversation(
    apps: tuple[AppServer, AppServer], browser: Any
) -> None:
    first, second = apps
    questions = [
        ("Hoe borg je verbeteringen in het mbo?", "Wat vraagt borging elk schooljaar?"),
        ("Hoe monitor je de uitvoering van een verbeterplan?", "Hoe kom je tot een gedragen verbeterplan?"),
    ]
    pages = [_open(browser, first), _open(browser, second)]
    for n in range(2):  # both processes answer and save at the same moment, twice
        for page, asked in zip(pages, questions, strict=True):
            _send(page, asked[n])
        for page in pages:
            assert "[1]" in _answer(page, n)
    cids = [_cid(page) for page in pages]

    store = ConversationStore(Path(first.store_dir) / FILENAME)
    deadline = time.monotonic() + 30
    while any(len(store.get(cid).messages) < 4 for cid in cids) and time.monotonic() < deadline:
        time.sleep(0.3)
    for cid, asked in zip(cids, questions, strict=True):
        saved = [m.content for m in store.get(cid).messages if m.role == "user"]
        assert saved == list(asked)

    # A new tab on either process lists the conversation the other process saved, and opens it.
    for app, other_title in ((first, questions[1][0]), (second, questions[0][0])):
        page = _open(browser, app)
        sidebar = page.get_by_role("region", name="Sidebar")
        sidebar.get_by_role("button", name=other_title).first.click()
        page.get_by_test_id("stChatMessage").nth(3).wait_for()
        assert other_title in page.get_by_test_id("stChatMessage").nth(0).inner_text()
        page.close()
    for page in pages:
        page.close()


def test_documents_added_at_once_through_both_processes_are_seen_by_both(
    apps: tuple[AppServer, AppServer], browser: Any
) -> None:
    pages = [_open(browser, app) for app in apps]
    for page, (name, (text, _, _)) in zip(pages, UPLOADS.items(), strict=True):
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": name, "mimeType": "text/plain", "buffer": text.encode()}]
        )
    for page in pages:
        page.get_by_test_id("stAlertContentSuccess").first.wait_for()
        page.close()

    # Each process lists both documents and answers from the one the other process added.
    for app, (_, word, question) in zip(reversed(apps), UPLOADS.values(), strict=True):
        page = _open(browser, app)
        listed = page.get_by_role("region", name="Sidebar").inner_text()
        assert all(name.removesuffix(".txt").split("-")[1] in listed.lower() for name in UPLOADS), listed
        _send(page, question)
        assert word in _answer(page, 0).lower()
        page.close()

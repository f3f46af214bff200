"""The real app in a real browser: `streamlit run` on a copy of the corpus store, driven by Debian chromium.

Screenshots and downloads go to tests/artifacts/; the answer screenshot also becomes docs/screenshot.png.
The time from starting the server to the page showing its first answer is printed and written to
tests/artifacts/first-answer.txt.
"""

from __future__ import annotations

import io
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from assistant.conversations import FILENAME, Conversation, ConversationStore
from assistant.runtime import Core
from assistant.settings import ROOT
from tests.conftest import CORPUS
from ui.chat import GONE
from ui.launch import AppServer, running_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
QUESTION = "Hoe borg je verbeteringen in het mbo?"
CHAT_BOX = "Stel je vraag over de leidraad…"
WAIT_MS = 180_000  # two shared cores: a rerun that searches or builds a flow can take a while

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium ontbreekt (/usr/bin/chromium)"),
]


@pytest.fixture(scope="module")
def server(
    corpus_core: Core, frog_port: int, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """`streamlit run app.py` on a loopback port, over a private copy of the corpus store (an upload
    must not change the shared one), with the session's Frog server."""
    store_dir = tmp_path_factory.mktemp("browser") / "store"
    # Without the conversations other tests saved there: the server starts as a fresh install.
    shutil.copytree(corpus_core.settings.store_dir, store_dir, ignore=shutil.ignore_patterns(f"{FILENAME}*"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    env = {"LEIDRAAD_CORPUS_DIR": str(CORPUS), "LEIDRAAD_FROG_PORT": str(frog_port)}
    with running_app(store_dir, env) as app:
        yield app


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser: Any, server: AppServer) -> Iterator[Callable[..., Any]]:
    """Opens the app in a new page, so a new Streamlit session, and waits until it is ready."""
    pages: list[Any] = []

    def open_(width: int = 1280, height: int = 1000) -> Any:
        page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
        pages.append(page)
        page.set_default_timeout(WAIT_MS)
        page.goto(server.url)
        page.get_by_role("textbox", name=CHAT_BOX).wait_for()
        return page

    yield open_
    for page in pages:
        page.close()


def _ask(page: Any, question: str) -> Any:
    """Ask the first question of a page in the chat box (keyboard: Enter); wait for the answer's first
    source card; return the answer."""
    box = page.get_by_role("textbox", name=CHAT_BOX)
    box.fill(question)
    box.press("Enter")
    answer = page.get_by_test_id("stChatMessage").nth(1)
    answer.get_by_test_id("stExpander").first.wait_for()
    return answer


def _saved(page: Any, server: AppServer, messages: int) -> Conversation:
    """The page's conversation as saved, once it holds ``messages`` messages and the page shows the last."""
    page.wait_for_url(re.compile(r"[?&]c=[0-9a-f]{32}"))  # saved: the address names the conversation
    cid = re.search(r"[?&]c=([0-9a-f]{32})", page.url)[1]
    store = ConversationStore(server.store_dir / FILENAME)
    deadline = time.monotonic() + WAIT_MS / 1000
    while len(conversation := store.get(cid).messages) < messages and time.monotonic() < deadline:
        time.sleep(0.5)
    assert len(conversation) == messages, conversation
    last = conversation[-1].content.splitlines()[0][:40]
    page.get_by_test_id("stChatMessage").nth(messages - 1).get_by_text(last).first.wait_for()
    return store.get(cid)


def _mode(page: Any, mode: str) -> None:
    page.get_by_role("radiogroup", name="Wat wil je doen?").get_by_text(mode, exact=True).click()


def _download(page: Any, label: str) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    download = info.value
    path = ARTIFACTS / download.suggested_filename
    download.save_as(path)
    return path


def test_question_gets_an_answer_with_source_cards(open_page: Callable[..., Any], server: AppServer) -> None:
    page = open_page(height=1300)  # tall enough to show an opened source card
    answer = _ask(page, QUESTION)
    text = answer.inner_text()
    assert "Misschien verwant" not in text and "[1]" in text, text
    first_answer_s = time.monotonic() - server.started
    report = f"Van `streamlit run` tot het eerste antwoord: {first_answer_s:.1f} s"
    (ARTIFACTS / "first-answer.txt").write_text(report + "\n", encoding="utf-8")
    print(f"\n{report}")

    card = answer.get_by_test_id("stExpander").first
    card.get_by_text(re.compile(r"^\[1\]")).click()
    details = card.inner_text()
    assert "Sector:" in details, details
    assert card.locator("strong").count() >= 1  # the quoted sentences are highlighted
    page.wait_for_timeout(500)
    shot = ARTIFACTS / "answer.png"
    page.screenshot(path=str(shot), full_page=True)
    shutil.copy(shot, ROOT / "docs" / "screenshot.png")


def test_kennisvraag_flow_by_keyboard_and_download(open_page: Callable[..., Any]) -> None:
    page = open_page()
    _mode(page, "Van praktijkvraag naar kennisvraag")
    box = page.get_by_label("Je praktijkvraag")
    box.fill("Hoe kunnen we de woordenschat van leerlingen vergroten?")
    box.press("Tab")  # to the doelgroep…
    page.keyboard.press("Tab")  # …to the button
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Download als Markdown").wait_for()

    markdown = _download(page, "Download als Markdown")
    assert markdown.name == "zoekplan.md"
    text = markdown.read_text(encoding="utf-8")
    assert "## Kennisvraag" in text and "woordenschat" in text and "## Bronnen" in text, text
    word = _download(page, "Download als Word")
    assert word.name == "zoekplan.docx"
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(word.read_bytes())).paragraphs)
    assert "Kennisvraag" in body and "woordenschat" in body
    page.screenshot(path=str(ARTIFACTS / "kennisvraag.png"), full_page=True)


def test_probleemanalyse_step_forward_and_back(open_page: Callable[..., Any]) -> None:
    page = open_page()
    _mode(page, "Probleemanalyse")
    page.get_by_label("Waar werkt het team aan? (het speerpunt)").fill(
        "Leerlingen plannen hun huiswerk slecht"
    )
    page.get_by_role("button", name="Begin").click()
    first = page.get_by_label("Wat is het probleem of de verbeterwens?")
    first.wait_for()
    page.get_by_text(re.compile(r"^Vraag 1 van \d+")).wait_for()
    assert page.get_by_role("button", name="Vorige").is_disabled()
    first.fill("Huiswerk komt te laat binnen")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_text(re.compile(r"^Vraag 2 van \d+")).wait_for()
    page.screenshot(path=str(ARTIFACTS / "probleemanalyse.png"), full_page=True)
    page.get_by_role("button", name="Vorige").click()
    first.wait_for()
    assert first.input_value() == "Huiswerk komt te laat binnen"


def test_corrupt_upload_shows_an_error_and_documents_stay_searchable(open_page: Callable[..., Any]) -> None:
    page = open_page()
    documents = page.get_by_role("region", name="Sidebar").get_by_role("listitem")
    count = documents.count()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": "kapot.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 broken"}]
    )
    error = page.get_by_test_id("stAlertContentError").first
    error.wait_for()
    message = error.inner_text()
    assert "kapot.pdf" in message, message
    error.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "upload-error.png"), full_page=True)
    assert documents.count() == count

    text = _ask(page, "Hoe monitor je de uitvoering van een verbeterplan?").inner_text()
    assert "Misschien verwant" not in text and "[1]" in text, text
    page.screenshot(path=str(ARTIFACTS / "after-upload.png"), full_page=True)


def test_phone_width(open_page: Callable[..., Any]) -> None:
    page = open_page(width=390, height=844)
    card = _ask(page, QUESTION).get_by_test_id("stExpander").first
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.screenshot(path=str(ARTIFACTS / "phone.png"))
    # The sidebar is folded away at this width; one tap brings it (sector, documents) into view.
    sidebar_left = "() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().left"
    assert page.evaluate(sidebar_left) < 0
    page.get_by_role("button", name="Expand sidebar").click()
    page.wait_for_function(f"({sidebar_left})() >= 0")
    page.wait_for_timeout(500)  # the slide-in animation
    page.screenshot(path=str(ARTIFACTS / "phone-sidebar.png"))


def test_conversation_follow_up_reload_reopen_and_download(
    open_page: Callable[..., Any], server: AppServer
) -> None:
    page = open_page()
    first = "Wat zegt de leidraad over borging?"
    assert "Misschien verwant" not in _ask(page, first).inner_text()
    box = page.get_by_role("textbox", name=CHAT_BOX)
    box.fill("En in het mbo?")
    box.press("Enter")
    saved = _saved(page, server, messages=4)
    page.screenshot(path=str(ARTIFACTS / "conversation.png"), full_page=True)
    assert [m.content for m in saved.messages if m.role == "user"] == [first, "En in het mbo?"]
    answer = saved.messages[3].answer
    assert answer is not None
    shown = [c.passage for c in answer.citations] + [h.passage for h in answer.related]
    assert shown and all(p.sector in (None, "mbo") for p in shown)  # the follow-up's sources fit it

    page.reload()  # the address keeps the conversation
    page.get_by_test_id("stChatMessage").nth(3).wait_for()
    assert first in page.get_by_test_id("stChatMessage").nth(0).inner_text()

    other = open_page()  # a new tab starts empty, and opens the conversation from the sidebar
    assert other.get_by_test_id("stChatMessage").count() == 0
    sidebar = other.get_by_role("region", name="Sidebar")
    sidebar.get_by_role("button", name=first).first.click()
    other.get_by_test_id("stChatMessage").nth(3).wait_for()
    sidebar.get_by_text("Dit gesprek", exact=True).click()
    markdown = _download(other, "Download als Markdown").read_text(encoding="utf-8")
    assert markdown.startswith(f"# Gesprek: {first}") and "## En in het mbo?" in markdown
    first_answer = saved.messages[1].answer
    assert first_answer is not None
    assert first_answer.citations[0].passage.title in markdown.split("## Bronnen")[1]
    other.screenshot(path=str(ARTIFACTS / "conversation-reopened.png"), full_page=True)

    # The follow-up is read in the conversation's context and said back above the answer.
    assert answer.understood_as is not None and not answer.abstained
    assert "borg" in answer.understood_as.lower()
    assert "Ik lees je vraag als" in other.get_by_test_id("stChatMessage").nth(3).inner_text()


def test_a_question_after_the_conversation_was_deleted_elsewhere_starts_a_new_one(
    open_page: Callable[..., Any], server: AppServer
) -> None:
    page = open_page()
    _ask(page, "Wat is een kennisvraag?")
    gone = _saved(page, server, messages=2).info.id
    store = ConversationStore(server.store_dir / FILENAME)
    store.delete(gone)  # as another tab or another app process does
    box = page.get_by_role("textbox", name=CHAT_BOX)
    box.fill("Wat is een praktijkvraag?")
    box.press("Enter")  # reruns only the chat, which still holds the deleted conversation
    page.get_by_text(GONE).wait_for()
    # The deleted conversation stays on screen above the notice until the next page run.
    page.get_by_test_id("stChatMessage").nth(3).get_by_test_id("stExpander").first.wait_for()
    page.wait_for_url(re.compile(rf"[?&]c=(?!{gone})[0-9a-f]{{32}}"))
    saved = store.get(re.search(r"[?&]c=([0-9a-f]{32})", page.url)[1])
    assert next(m.content for m in saved.messages) == "Wat is een praktijkvraag?"
    assert saved.messages[1].answer is not None and not store.exists(gone)


def test_probleemanalyse_responds_and_hands_over_to_the_next_flows(
    open_page: Callable[..., Any], server: AppServer
) -> None:
    speerpunt = "Brugklasleerlingen plannen hun huiswerk slecht"
    page = open_page(height=1400)
    _mode(page, "Probleemanalyse")
    page.get_by_label("Waar werkt het team aan? (het speerpunt)").fill(speerpunt)
    page.get_by_role("button", name="Begin").click()

    # The first answer names people but no data: the response says so and shows a passage for it.
    first = page.get_by_label("Wat is het probleem of de verbeterwens?")
    first.fill("Veel brugklasleerlingen maken hun huiswerk niet. Mentoren merken het sinds dit schooljaar.")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_text("Bij jullie antwoord op ‘Wat is het probleem").wait_for()
    page.get_by_text("Betrokkenen genoemd: brugklasleerlingen").wait_for()
    page.get_by_text("Noem je al gegevens?").first.wait_for()
    page.get_by_text("Uit de leidraad, gevonden bij jullie antwoord").wait_for()
    page.screenshot(path=str(ARTIFACTS / "probleemanalyse-terugkoppeling.png"), full_page=True)

    page.get_by_label("Welke bewijzen hebben we dat er echt een verbetering nodig is?").fill(
        "In oktober miste 40% van de brugklas drie keer of vaker het huiswerk."
    )
    page.get_by_role("button", name="Volgende").click()
    page.get_by_text("Gegevens genoemd: 40").wait_for()
    while not page.get_by_role("button", name="Maak de kennisvraag").is_visible():
        position = page.get_by_text(re.compile(r"^Vraag \d+ van \d+")).first.inner_text()
        page.get_by_role("button", name="Overslaan").first.click()  # a rerun may still show the old form
        page.wait_for_function(  # the next question (or the end) is shown
            "p => !document.body.innerText.includes(p)", arg=position, timeout=WAIT_MS
        )

    werkblad = _download(page, "Download als Markdown").read_text(encoding="utf-8")
    stelling = werkblad.split("## Concept-probleemstelling")[1]
    assert (
        "40% van de brugklas" in stelling and "sinds dit schooljaar" in stelling and "Nog open." in stelling
    )
    assert speerpunt in werkblad.split("## Verder")[1]
    page.screenshot(path=str(ARTIFACTS / "probleemanalyse-klaar.png"), full_page=True)

    page.get_by_role("button", name="Maak interviewvragen").click()  # the form, filled in and run
    page.get_by_text(f"Interviewprotocol: {speerpunt}").wait_for()  # the rerun has drawn the form
    assert page.get_by_label("Speerpunt").input_value() == speerpunt
    page.get_by_role("button", name="Download als Markdown").wait_for()
    page.get_by_text("Doelgroep: leerlingen").first.wait_for()  # the group the answers named

    _mode(page, "Probleemanalyse")
    page.get_by_role("button", name="Maak de kennisvraag").click()
    page.get_by_text("Je kennisvraag").wait_for()
    assert page.get_by_label("Je praktijkvraag").input_value() == speerpunt
    assert page.get_by_label("Doelgroep (mag leeg blijven)").input_value() == "brugklasleerlingen"

    _mode(page, "Probleemanalyse")
    page.get_by_role("button", name="Verder in de chat").click()
    saved = _saved(page, server, messages=4)
    assert saved.messages[1].flow is not None and saved.messages[1].flow.flow == "kennisvraag"
    assert saved.messages[3].flow is not None and saved.messages[3].flow.params["doelgroep"] == "leerlingen"
    assert speerpunt in page.get_by_test_id("stChatMessage").nth(2).inner_text()
    page.screenshot(path=str(ARTIFACTS / "probleemanalyse-chat.png"), full_page=True)

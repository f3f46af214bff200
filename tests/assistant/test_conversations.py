"""Saved conversations on a real SQLite file, with real answers and flow results from the corpus store."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import docx
import pytest

from assistant.chat import GREETING_REPLY, Chat, small_talk
from assistant.conversations import ConversationNotFound, ConversationStore, Message, title_from
from assistant.flows.chat import ChatFlows
from assistant.models import Scope
from assistant.runtime import Core
from assistant.settings import ROOT

QUESTION = "Hoe borg je verbeteringen in het mbo?"
PRAKTIJKVRAAG = "Hoe zorgen we dat leerlingen in de brugklas minder vaak hun spullen vergeten?"


@pytest.fixture
def chat(corpus_core: Core, tmp_path: Path) -> Chat:
    store = ConversationStore(tmp_path / "conversations.sqlite3")
    return Chat(corpus_core.answerer, ChatFlows(corpus_core.store), store)


def _say(chat: Chat, cid: str, text: str, scope: Scope | None = None) -> Message:
    *_, reply = chat.send(cid, text, scope)
    assert isinstance(reply, Message)
    return reply


READ_BACK = """
import json, sys
from pathlib import Path
from assistant.conversations import ConversationStore
store = ConversationStore(Path(sys.argv[1]))
conversation = store.get(store.list()[0].id)
def sources(m):
    return [f"{c.passage.title} | {c.passage.text}" for c in (m.answer.citations if m.answer else [])]
print(json.dumps({
    "title": conversation.info.title,
    "messages": [
        {
            "role": m.role,
            "content": m.content,
            "sources": sources(m),
            "flow": m.flow.params if m.flow else None,
        }
        for m in conversation.messages
    ],
}))
"""


def test_saved_conversation_survives_a_new_process(chat: Chat) -> None:
    cid = chat.new(QUESTION)
    answer = _say(chat, cid, QUESTION).answer
    assert answer is not None and answer.citations
    flow = _say(chat, cid, f"maak een kennisvraag van: {PRAKTIJKVRAAG}").flow
    assert flow is not None

    out = subprocess.run(
        [sys.executable, "-c", READ_BACK, str(chat.conversations.path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    saved = json.loads(out.stdout)
    assert saved["title"] == QUESTION
    assert [m["role"] for m in saved["messages"]] == ["user", "assistant", "user", "assistant"]
    assert saved["messages"][1]["content"] == answer.text
    # The sources come back whole (title and passage text), without searching again.
    expected = [f"{c.passage.title} | {c.passage.text}" for c in answer.citations]
    assert saved["messages"][1]["sources"] == expected
    assert saved["messages"][3]["flow"]["praktijkvraag"] == PRAKTIJKVRAAG


def test_a_reopened_conversation_is_the_same(chat: Chat) -> None:
    cid = chat.new(QUESTION)
    reply = _say(chat, cid, QUESTION)
    reopened = ConversationStore(chat.conversations.path).get(cid)  # as after a restart
    assert reopened.messages[1] == reply
    assert reopened.history()[0].content == QUESTION


def test_rename_delete_and_a_new_conversation_starts_empty(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    first = store.create("Eerste vraag")
    store.append(first, Message("user", "Eerste vraag"), Message("assistant", "Antwoord"))
    second = store.create("Tweede vraag")
    assert [c.id for c in store.list()] == [second, first]  # newest first
    assert store.get(second).messages == []

    store.rename(first, "  Borging   in het mbo ")
    assert store.get(first).info.title == "Borging in het mbo"
    with pytest.raises(ValueError, match="naam"):
        store.rename(first, "   ")

    store.delete(first)
    assert [c.id for c in store.list()] == [second]
    with pytest.raises(ConversationNotFound):
        store.get(first)
    with pytest.raises(ConversationNotFound):
        store.append(first, Message("user", "nog iets"))


def test_conversations_of_tabs_stay_apart(tmp_path: Path) -> None:
    """Two tabs (threads, each with its own store object) write at the same time into their own
    conversation: each sees only its own messages, in order."""
    path = tmp_path / "c.sqlite3"
    ConversationStore(path)
    ids: dict[str, str] = {}

    def tab(name: str) -> None:
        store = ConversationStore(path)
        cid = ids[name] = store.create(name)
        for n in range(20):
            store.append(cid, Message("user", f"{name} {n}"), Message("assistant", f"antwoord {name} {n}"))

    threads = [threading.Thread(target=tab, args=(name,)) for name in ("links", "rechts")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store = ConversationStore(path)
    assert ids["links"] != ids["rechts"]
    for name, cid in ids.items():
        users = [m.content for m in store.get(cid).messages if m.role == "user"]
        assert users == [f"{name} {n}" for n in range(20)]


def test_export_has_every_answer_with_its_sources(chat: Chat) -> None:
    cid = chat.new(QUESTION)
    answer = _say(chat, cid, QUESTION).answer
    _say(chat, cid, "Wat zegt de leidraad over monitoren?")
    assert answer is not None
    markdown = chat.conversations.export_markdown(cid)
    assert markdown.startswith(f"# Gesprek: {QUESTION}")
    assert f"## {QUESTION}" in markdown and "## Wat zegt de leidraad over monitoren?" in markdown
    sources = markdown.split("## Bronnen")[1]
    for citation in answer.citations:
        assert citation.passage.title in sources
        assert citation.passage.text.splitlines()[0] in sources
    # Source numbers run through the document: the second answer's [1] is not the first answer's.
    assert "[1]" in markdown and f"[{len(answer.citations) + 1}]" in markdown

    body = docx.Document(io.BytesIO(chat.conversations.export_docx(cid)))
    text = "\n".join(p.text for p in body.paragraphs)
    assert QUESTION in text and answer.citations[0].passage.title in text


def test_history_and_scope_reach_the_answerer(chat: Chat, corpus_core: Core) -> None:
    cid = chat.new(QUESTION)
    _say(chat, cid, "Wat is borging?")
    reply = _say(chat, cid, "Hoe monitor je een verbeterplan?", Scope(sector="po"))
    assert reply.answer is not None
    expected = corpus_core.answerer.answer("Hoe monitor je een verbeterplan?", scope=Scope(sector="po"))
    assert reply.answer.citations == expected.citations
    assert all(c.passage.sector in (None, "po") for c in reply.answer.citations)


def test_what_a_flow_still_needs_and_small_talk_are_said_in_the_chat(chat: Chat) -> None:
    cid = chat.new("x")
    reply = _say(chat, cid, "maak een kennisvraag")
    assert reply.answer is None and reply.flow is None and "praktijkvraag" in reply.content
    thanks = _say(chat, cid, "Top, bedankt!")
    assert thanks.answer is None and thanks.content.startswith("Graag gedaan")
    assert _say(chat, cid, "Bedankt, en wat zegt h6 over tijd?").answer is not None  # a question after all
    assert len(chat.conversations.get(cid).messages) == 6


@pytest.mark.parametrize("said", ["Oké.", "Dank je wel!", "Thanks!"])
def test_the_chat_and_the_answerer_welcome_the_same_acknowledgements_alike(chat: Chat, said: str) -> None:
    """One rule and one wording for a turn that only acknowledges, whichever path it takes."""
    cid = chat.new("x")
    _say(chat, cid, "Hoe richt ik een PLG in?")
    history = chat.conversations.get(cid).history()
    reply = _say(chat, cid, said)
    answer = chat.answerer.answer(said, history)
    assert reply.answer is None and reply.content == answer.text
    assert not answer.citations and not answer.abstained


@pytest.mark.parametrize(
    ("said", "greeted"),
    [
        ("Hallo!", True),
        ("Hoi, hoe gaat het?", True),
        ("How are you?", True),
        ("Hallo, hoe borg ik een nieuwe aanpak?", False),  # a question after the greeting
        ("Hoe gaat het met de PLG?", False),
        ("?", False),
    ],
)
def test_a_greeting_is_greeted_and_a_question_is_not(said: str, greeted: bool) -> None:
    assert (small_talk(said) == GREETING_REPLY) is greeted


def test_title_from_a_long_question() -> None:
    title = title_from("Hoe " + "zorgen we ervoor dat leerlingen " * 5)
    assert len(title) <= 81 and title.endswith("…") and not title.endswith(" …")

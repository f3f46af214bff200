"""Saved conversations: questions, answers with their sources, and flow results, in SQLite.

One file in the store folder (``conversations.sqlite3``) holds every conversation of this machine.
Each conversation has its own id; nothing is shared between browser tabs unless a tab opens a
conversation by its id. Answers are saved whole (text, citations with their passages, related
passages), so a reopened conversation shows its sources without searching again.

Usage::

    store = ConversationStore(settings.store_dir / "conversations.sqlite3")
    cid = store.create("Hoe borg je verbeteringen?")
    store.append(cid, Message("user", "Hoe borg je verbeteringen?"), Message.of_answer(answer))
    store.list()[0].title; store.get(cid).messages[1].answer.citations
    Path("gesprek.md").write_text(store.export_markdown(cid))
"""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from assistant.answer import Answer, Citation
from assistant.flows.chat import FlowReply
from assistant.flows.export import Artifact, Entry, Section, SourceList, to_docx, to_markdown
from assistant.flows.sources import cite
from assistant.models import Hit, Passage, Turn

FILENAME = "conversations.sqlite3"
MAX_TITLE = 80
_MARKERS = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    data TEXT,
    PRIMARY KEY (conversation_id, position)
);
"""


def _answer_json(answer: Answer) -> dict[str, Any]:
    """Everything of an Answer, passages included (``Answer.to_json`` is the shorter public form)."""
    return asdict(answer)


def _answer_from_json(data: dict[str, Any]) -> Answer:
    return Answer(
        question=data["question"],
        text=data["text"],
        abstained=data["abstained"],
        citations=[Citation(c["n"], Passage(**c["passage"])) for c in data["citations"]],
        related=[Hit(Passage(**h["passage"]), h["score"], h.get("signals", {})) for h in data["related"]],
        mode=data.get("mode", "offline"),
        notice=data.get("notice"),
        understood_as=data.get("understood_as"),
    )


@dataclass(frozen=True)
class Message:
    """One message. An assistant message carries the ``answer`` or the ``flow`` result it showed;
    ``content`` is its text as the conversation history gives it to the answerer."""

    role: Literal["user", "assistant"]
    content: str
    answer: Answer | None = None
    flow: FlowReply | None = None

    @classmethod
    def of_answer(cls, answer: Answer) -> Message:
        return cls("assistant", answer.text, answer=answer)

    @classmethod
    def of_flow(cls, reply: FlowReply) -> Message:
        return cls("assistant", reply.text, flow=reply)

    def data(self) -> dict[str, Any] | None:
        if self.answer is not None:
            return {"answer": _answer_json(self.answer)}
        if self.flow is not None:
            return {"flow": self.flow.to_json()}
        return None

    @classmethod
    def from_row(cls, role: str, content: str, data: str | None) -> Message:
        saved = json.loads(data) if data else {}
        answer = _answer_from_json(saved["answer"]) if "answer" in saved else None
        flow = FlowReply.from_json(saved["flow"]) if "flow" in saved else None
        return cls("assistant" if role == "assistant" else "user", content, answer, flow)


@dataclass(frozen=True)
class ConversationInfo:
    """A conversation as the list shows it: id, title and when it was started and last changed."""

    id: str
    title: str
    created: str
    updated: str


@dataclass(frozen=True)
class Conversation:
    info: ConversationInfo
    messages: list[Message] = field(default_factory=list)

    def history(self) -> list[Turn]:
        """The messages as ``Turn``s, oldest first, for ``Answerer.stream(question, history)``."""
        return [Turn(m.role, m.content) for m in self.messages]

    def last_flow(self) -> FlowReply | None:
        """The flow result of the latest assistant message, if that message was one (to refine it)."""
        for message in reversed(self.messages):
            if message.role == "assistant":
                return message.flow
        return None

    def to_artifact(self) -> Artifact:
        """The conversation as a document: a section per question with its answer, the sources at the end.

        Source numbers run through the whole document, so an answer's "[1]" becomes the number its
        passage has in the document's list of sources.
        """
        sources = SourceList()
        sections: list[Section] = []
        question = ""
        for message in self.messages:
            if message.role == "user":
                question = message.content
                continue
            if message.answer is not None:
                sections.append(Section(question, _answer_entries(message.answer, sources)))
            elif message.flow is not None:
                artifact = message.flow.artifact
                sections.append(Section(question, [Entry(message.flow.text), *artifact.intro]))
                sections += [
                    Section(
                        s.heading,
                        [
                            Entry(e.label, e.text, sources.ref(*(artifact.sources[r - 1] for r in e.refs)))
                            for e in s.entries
                        ],
                    )
                    for s in artifact.sections
                ]
            else:
                sections.append(Section(question, [Entry(message.content)]))
        created = self.info.created[:10]
        intro = [Entry("Begonnen op", created), Entry("Gemaakt met de Leidraad-assistent")]
        return Artifact(f"Gesprek: {self.info.title}", intro, sections, sources.items)


def _answer_entries(answer: Answer, sources: SourceList) -> list[Entry]:
    numbers = {c.n: sources.ref(cite(c.passage))[0] for c in answer.citations}

    def renumber(match: re.Match[str]) -> str:
        found = [int(n) for n in re.findall(r"\d+", match.group(1))]
        return "".join(f"[{numbers[n]}]" if n in numbers else f"[{n}]" for n in found)

    entries = [Entry("Antwoord", _MARKERS.sub(renumber, answer.shown_text()))]
    if answer.notice:
        entries.append(Entry("Let op", answer.notice))
    if answer.abstained and answer.related:
        entries += [
            Entry(f"Misschien verwant: {h.passage.title}", refs=sources.ref(cite(h.passage)))
            for h in answer.related
        ]
    return entries


def title_from(question: str) -> str:
    """A conversation's title: its first question, cut at a word if it is long."""
    text = " ".join(question.split())
    if len(text) <= MAX_TITLE:
        return text
    return text[:MAX_TITLE].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class ConversationNotFound(LookupError):
    """No conversation with this id (deleted, or from another machine)."""


class ConversationStore:
    """Conversations in one SQLite file (WAL: one writer and many readers at once).

    A connection is opened per call, so one store object can serve every Streamlit session thread.
    """

    def __init__(self, path: Path) -> None:
        if path.exists() and path.is_dir():
            raise ValueError(f"{path} is een map; geef het pad van een bestand voor de gesprekken.")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            db.execute("PRAGMA foreign_keys=ON")
            # WAL with NORMAL flushes to disk at checkpoints, not at every commit. A commit still
            # survives the app stopping or crashing and the file is never corrupt; only a power cut
            # may undo the last commits. With 20 sessions saving at once the flush of every commit
            # (FULL) made a save's p95 25-32 ms and its max up to 0.22 s; with NORMAL 2-6 ms and
            # 0.03 s (six busy processes beside it, like browsers; `benchmarks.load` in the app).
            db.execute("PRAGMA synchronous=NORMAL")
            with db:  # one transaction: committed on success, rolled back on an error
                yield db

    def create(self, title: str) -> str:
        """A new, empty conversation; returns its id."""
        cid = uuid.uuid4().hex
        now = _now()
        with self._connect() as db:
            db.execute(
                "INSERT INTO conversations (id, title, created, updated) VALUES (?, ?, ?, ?)",
                (cid, _title(title), now, now),
            )
        return cid

    def list(self) -> list[ConversationInfo]:
        """Every conversation, the most recently changed first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, title, created, updated FROM conversations ORDER BY updated DESC, rowid DESC"
            ).fetchall()
        return [ConversationInfo(*row) for row in rows]

    def get(self, cid: str) -> Conversation:
        with self._connect() as db:
            row = db.execute(
                "SELECT id, title, created, updated FROM conversations WHERE id = ?", (cid,)
            ).fetchone()
            if row is None:
                raise ConversationNotFound(f"Het gesprek {cid!r} bestaat niet (meer).")
            messages = db.execute(
                "SELECT role, content, data FROM messages WHERE conversation_id = ? ORDER BY position",
                (cid,),
            ).fetchall()
        return Conversation(ConversationInfo(*row), [Message.from_row(*m) for m in messages])

    def exists(self, cid: str) -> bool:
        with self._connect() as db:
            return db.execute("SELECT 1 FROM conversations WHERE id = ?", (cid,)).fetchone() is not None

    def append(self, cid: str, *messages: Message) -> None:
        """Add messages at the end of the conversation, in one transaction."""
        with self._connect() as db:
            updated = db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (_now(), cid))
            if updated.rowcount == 0:
                raise ConversationNotFound(f"Het gesprek {cid!r} bestaat niet (meer).")
            count = db.execute("SELECT COUNT(*) FROM messages WHERE conversation_id = ?", (cid,)).fetchone()[
                0
            ]
            db.executemany(
                "INSERT INTO messages (conversation_id, position, role, content, data) "
                "VALUES (?, ?, ?, ?, ?)",
                [(cid, count + i, m.role, m.content, _dump(m.data())) for i, m in enumerate(messages)],
            )

    def rename(self, cid: str, title: str) -> None:
        with self._connect() as db:
            renamed = db.execute("UPDATE conversations SET title = ? WHERE id = ?", (_title(title), cid))
            if renamed.rowcount == 0:
                raise ConversationNotFound(f"Het gesprek {cid!r} bestaat niet (meer).")

    def delete(self, cid: str) -> None:
        """Remove the conversation and its messages (nothing happens if it is already gone)."""
        with self._connect() as db:
            db.execute("DELETE FROM conversations WHERE id = ?", (cid,))

    def export_markdown(self, cid: str) -> str:
        return to_markdown(self.get(cid).to_artifact())

    def export_docx(self, cid: str) -> bytes:
        return to_docx(self.get(cid).to_artifact())


def _title(title: str) -> str:
    cleaned = " ".join(title.split())[:MAX_TITLE]
    if not cleaned:
        raise ValueError("Geef het gesprek een naam (die mag niet leeg zijn).")
    return cleaned


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _dump(data: dict[str, Any] | None) -> str | None:
    return json.dumps(data, ensure_ascii=False) if data is not None else None

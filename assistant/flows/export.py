"""Render what a flow produced (a werkblad, a zoekplan, an interviewprotocol) as Markdown or DOCX.

Every flow builds one ``Artifact``: a title, a few intro lines, sections of entries, and the
numbered sources. Entries refer to sources by number, so the document shows "[2]" where a step
rests on the second source.

Usage::

    sources = SourceList()
    entry = Entry("Vraag", "Antwoord", sources.ref(cite(passage)))
    artifact = Artifact("Werkblad", [Entry("Speerpunt", "…")], [Section("Analyse", [entry])], sources.items)
    Path("werkblad.md").write_text(to_markdown(artifact))
    Path("werkblad.docx").write_bytes(to_docx(artifact))
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field
from typing import Any

from docx import Document

from assistant.flows.sources import short_ref


@dataclass(frozen=True)
class Entry:
    """One line of a section: a label (a question, a term) with its text and the sources behind it."""

    label: str
    text: str = ""
    refs: tuple[int, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Artifact:
    """``intro`` holds the facts above the sections: ``Entry("Speerpunt", "…")`` reads "Speerpunt: …",
    an entry without text is a line of its own."""

    title: str
    intro: list[Entry]
    sections: list[Section]
    sources: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Artifact:
        """The artifact ``to_json`` gave (a saved conversation shows it again without re-running the flow)."""

        def entry(e: dict[str, Any]) -> Entry:
            return Entry(e["label"], e.get("text", ""), tuple(e.get("refs", ())))

        return cls(
            data["title"],
            [entry(e) for e in data["intro"]],
            [Section(s["heading"], [entry(e) for e in s["entries"]]) for s in data["sections"]],
            list(data["sources"]),
        )


class SourceList:
    """Numbers citations in the order they are first used; the same passage keeps its number."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._numbers: dict[str, int] = {}

    def ref(self, *citations: dict[str, Any]) -> tuple[int, ...]:
        numbers = []
        for c in citations:
            if c["id"] not in self._numbers:
                self.items.append(c)
                self._numbers[c["id"]] = len(self.items)
            numbers.append(self._numbers[c["id"]])
        return tuple(numbers)


def _refs(refs: tuple[int, ...]) -> str:
    return " " + "".join(f"[{n}]" for n in refs) if refs else ""


def to_markdown(artifact: Artifact) -> str:
    lines = [f"# {artifact.title}", ""]
    intro = [f"**{e.label}:** {e.text}" if e.text else e.label for e in artifact.intro]
    lines += ["  \n".join(intro), ""] if intro else []
    for section in artifact.sections:
        lines += [f"## {section.heading}", ""]
        for entry in section.entries:
            if entry.text:
                lines += [f"**{entry.label}**{_refs(entry.refs)}", "", entry.text, ""]
            else:
                lines.append(f"- {entry.label}{_refs(entry.refs)}")
        if section.entries and not section.entries[-1].text:
            lines.append("")
    lines += ["## Bronnen", ""]
    for n, c in enumerate(artifact.sources, 1):
        quote = c["text"].replace("\n", "\n   > ")
        lines += [f"{n}. {short_ref(c)}", f"   > {quote}", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_docx(artifact: Artifact) -> bytes:
    doc = Document()
    doc.add_heading(artifact.title, level=0)
    for entry in artifact.intro:
        paragraph = doc.add_paragraph()
        if entry.text:
            paragraph.add_run(f"{entry.label}: ").bold = True
            paragraph.add_run(entry.text)
        else:
            paragraph.add_run(entry.label)
    for section in artifact.sections:
        doc.add_heading(section.heading, level=1)
        for entry in section.entries:
            if entry.text:
                doc.add_paragraph().add_run(entry.label + _refs(entry.refs)).bold = True
                doc.add_paragraph(entry.text)
            else:
                doc.add_paragraph(entry.label + _refs(entry.refs), style="List Bullet")
    doc.add_heading("Bronnen", level=1)
    for n, c in enumerate(artifact.sources, 1):
        doc.add_paragraph(f"[{n}] {short_ref(c)}")
        doc.add_paragraph(c["text"], style="Quote")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

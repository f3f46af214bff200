"""``python -m assistant mcp``: the leidraad as a Model Context Protocol server over stdio.

Any MCP client (Claude Desktop, VS Code, Open WebUI, …) starts this command and gets three tools:

* ``search``: passages for a question, exactly as ``search --batch`` prints them (``{"passages": [...]}``).
* ``ask``: the offline answer, exactly as ``ask --batch`` prints it (answer, abstained, citations, mode).
* ``documents``: the ingested documents (title, sector, number of passages).

stdout carries the protocol: the SDK points stray prints at stderr while it serves, and logs go to
stderr. The core is built on the first tool call, so the client's handshake is not kept waiting.

Usage::

    create_server().run("stdio")                       # what `python -m assistant mcp` does
    create_server(LazyCore(core=core))                 # an in-process server over an existing core
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import Field
from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

from assistant.integrations import EmptyStoreError, LazyCore
from assistant.models import AANBEVELINGEN, SECTORS, Scope, Turn
from assistant.runtime import Core

CORPUS = (
    "De NRO-leidraad 'Werken aan onderwijsverbetering' (vo) met de posters voor po en mbo, de "
    "PO-Raad-startnotitie over evidence-informed werken, een presentatie over de school als lerende "
    "organisatie en documenten die de gebruiker zelf toevoegde. / The Dutch NRO guide 'Werken aan "
    "onderwijsverbetering' (improving education in schools) with its primary and vocational posters, "
    "related Dutch documents and any documents the user added."
)
INSTRUCTIONS = (
    "Zoekt en citeert in Nederlandse documenten voor docenten over onderzoeksmatig werken aan "
    f"onderwijsverbetering. {CORPUS} Antwoorden zijn letterlijke citaten met bronvermelding "
    "(document, hoofdstuk, pagina); staat het er niet in, dan zegt het antwoord dat (abstained). "
    "Answers are verbatim quotes with sources; when the documents do not cover a question, the answer "
    "says so instead of guessing. The documents are in Dutch: ask in Dutch for the best results."
)
SEARCH_DESCRIPTION = (
    "Zoek passages in de leidraad en verwante documenten. Geeft de best passende passages letterlijk, "
    "met document, titel, sector, aanbeveling, hoofdstuk, pagina en score. / Search passages of the "
    f"guide and related documents; returns verbatim passages with their source and score. {CORPUS}"
)
ASK_DESCRIPTION = (
    "Stel een vraag; het antwoord bestaat uit letterlijke citaten met [n]-verwijzingen naar de "
    "citations (tekst, document, hoofdstuk, pagina). Zeggen de documenten er niets over, dan is "
    "abstained true en zegt het antwoord dat. / Ask a question; the answer is verbatim quotes with [n] "
    "markers pointing at the citations (text, document, section, page). When the documents do not answer "
    f"it, abstained is true and the answer says so. history: the conversation so far (follow-ups). {CORPUS}"
)
DOCUMENTS_DESCRIPTION = (
    "De ingelezen documenten: bestandsnaam, titel, sector en aantal passages. / The ingested documents: "
    "file name, title, sector and number of passages."
)
READ_ONLY = ToolAnnotations(read_only_hint=True, open_world_hint=False)

Question = Annotated[str, Field(min_length=1, description="De vraag / the question (Dutch works best).")]
Sector = Annotated[str | None, Field(description=f"Filter: {', '.join(SECTORS)}; leeg = alle sectoren.")]
Aanbeveling = Annotated[
    str | None, Field(description=f"Filter: {', '.join(AANBEVELINGEN)}; leeg = alle aanbevelingen.")
]


class HistoryTurn(TypedDict):
    role: Literal["user", "assistant"]
    content: str


History = Annotated[
    list[HistoryTurn] | None,
    Field(description="Het gesprek tot nu toe, oudste eerst / the conversation so far, oldest first."),
]


def create_server(lazy: LazyCore | None = None) -> MCPServer:
    """The MCP server with the ``search``, ``ask`` and ``documents`` tools."""
    lazy = lazy or LazyCore()
    server = MCPServer("leidraad-assistent", instructions=INSTRUCTIONS, log_level="WARNING")

    def core() -> Core:
        try:
            return lazy.get()
        except EmptyStoreError as err:
            raise ToolError(str(err)) from err

    def scope(sector: str | None, aanbeveling: str | None) -> Scope:
        try:
            return Scope(sector or None, aanbeveling or None)
        except ValueError as err:  # the SDK would hide the message of anything but a ToolError
            raise ToolError(str(err)) from err

    @server.tool(description=SEARCH_DESCRIPTION, annotations=READ_ONLY)
    def search(
        question: Question,
        # At most 50: enough to read around, not the whole corpus in an assistant's context.
        k: Annotated[int, Field(ge=1, le=50, description="Aantal passages / number of passages.")] = 10,
        sector: Sector = None,
        aanbeveling: Aanbeveling = None,
    ) -> dict[str, Any]:
        hits = core().search(question, k=k, scope=scope(sector, aanbeveling))
        return {"passages": [hit.to_json() for hit in hits]}

    @server.tool(description=ASK_DESCRIPTION, annotations=READ_ONLY)
    def ask(
        question: Question,
        history: History = None,
        sector: Sector = None,
        aanbeveling: Aanbeveling = None,
    ) -> dict[str, Any]:
        turns = [Turn.from_json(dict(turn)) for turn in history or []]
        return core().answerer.answer(question, turns, scope(sector, aanbeveling)).to_json()

    @server.tool(description=DOCUMENTS_DESCRIPTION, annotations=READ_ONLY)
    def documents() -> dict[str, Any]:
        records = core().store.snapshot().documents.values()
        return {
            "documents": [
                {"doc": r.doc, "title": r.title, "sector": r.sector, "passages": r.chunks} for r in records
            ]
        }

    return server


def serve() -> int:
    """Serve over stdio until the client closes the connection."""
    create_server().run("stdio")
    return 0

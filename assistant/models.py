"""Plain data types shared by ingestion, retrieval, answers and flows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SECTORS = ("po", "vo", "mbo")
AANBEVELINGEN = tuple(f"h{n}" for n in range(1, 7))
# How answers name a sector to the reader ("In het mbo, aanbeveling 6: …").
SECTOR_NAMES = {"po": "het primair onderwijs (po)", "vo": "het voortgezet onderwijs (vo)", "mbo": "het mbo"}


@dataclass(frozen=True)
class Passage:
    """A citable piece of a document: a few sentences to a paragraph.

    ``section`` is the heading path ("Aanbeveling 1 › Stap 2: Verdiep en analyseer"),
    ``aanbeveling`` is "h1".."h6" or None, ``sector`` is "po", "vo", "mbo" or None,
    ``page`` is the 1-based page where the source has pages, else None.
    ``order`` is the passage's position in its document (for neighbours).
    """

    id: str
    text: str
    doc: str
    title: str
    sector: str | None
    aanbeveling: str | None
    section: str
    page: int | None
    order: int

    def metadata(self) -> dict[str, Any]:
        """Chroma metadata (no None values allowed there)."""
        data = asdict(self)
        data.pop("id")
        data.pop("text")
        return {k: ("" if v is None else v) for k, v in data.items()}

    def to_citation(self) -> dict[str, Any]:
        """What a reader needs to find the passage back: its text and where it stands."""
        return {
            "text": self.text,
            "doc": self.doc,
            "title": self.title,
            "sector": self.sector,
            "aanbeveling": self.aanbeveling,
            "section": self.section,
            "page": self.page,
        }

    @classmethod
    def from_metadata(cls, pid: str, text: str, meta: dict[str, Any]) -> Passage:
        page = meta.get("page")
        return cls(
            id=pid,
            text=text,
            doc=str(meta.get("doc", "")),
            title=str(meta.get("title", "")),
            sector=meta.get("sector") or None,
            aanbeveling=meta.get("aanbeveling") or None,
            section=str(meta.get("section", "")),
            page=int(page) if page not in (None, "") else None,
            order=int(meta.get("order", 0)),
        )


@dataclass(frozen=True)
class Signals:
    """What each retriever said of a hit: cosine similarities, the BM25 score, and where each dense
    or lexical retriever on its own ranked it (None: outside its top list)."""

    dense: float = 0.0  # e5 cosine
    # e5 cosine of the passage nearest the question within the hit's scope (the same for every hit
    # of one search): how near the documents come, whatever the fused ranking put first
    nearest: float = 0.0
    bm25: float = 0.0
    second: float | None = None  # the second dense model's cosine, when the store has its vectors
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass(frozen=True)
class Hit:
    """A passage found for a question, with its fused relevance score (higher is better)."""

    passage: Passage
    score: float
    signals: Signals = field(default_factory=Signals)
    story: bool = False  # inside a practitioner's quoted story (``sentences.quoted_stories``)

    def to_json(self) -> dict[str, Any]:
        return {**self.passage.to_citation(), "score": round(self.score, 6)}


@dataclass(frozen=True)
class Scope:
    """Explicit filters chosen outside the question text (sidebar, API, a resolved follow-up).

    Usage::

        Scope(sector="mbo", aanbeveling="h6")
    """

    sector: str | None = None
    aanbeveling: str | None = None

    def __post_init__(self) -> None:
        if self.sector not in (None, *SECTORS):
            raise ValueError(f"Onbekende sector {self.sector!r}: kies po, vo of mbo.")
        if self.aanbeveling not in (None, *AANBEVELINGEN):
            raise ValueError(f"Onbekende aanbeveling {self.aanbeveling!r}: kies h1 t/m h6.")


@dataclass(frozen=True)
class Turn:
    """One message of a conversation, as the batch CLIs receive it in ``history``."""

    role: Literal["user", "assistant"]
    content: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Turn:
        role = data.get("role")
        if role not in ("user", "assistant"):
            raise ValueError(f"Onbekende rol {role!r} in de geschiedenis: gebruik 'user' of 'assistant'.")
        return cls(role, str(data.get("content", "")))


@dataclass(frozen=True)
class ResolvedQuestion:
    """A question made to stand on its own: ``text`` is what is searched, ``scope`` its filters.

    ``understood_as`` is said back to the user when the conversation changed the question
    ("borging in het mbo") or its typing slips were read as other words; None otherwise.
    ``context`` is the exchange before a question searched as asked in a conversation: the search
    reads the question beside it (``RetrievalConfig.context_share``); "" when there is none.
    ``previous`` is that exchange's user turn: a document it names by title is preferred
    (``RetrievalConfig.document_bonus``); the reply names the sources it quoted, which the user did not.
    """

    asked: str
    text: str
    scope: Scope = Scope()
    understood_as: str | None = None
    context: str = ""
    previous: str = ""

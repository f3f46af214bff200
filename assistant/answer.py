"""Cited answers: extractive and offline by default, fluent through an LLM when one is configured.

The offline answer quotes the sentences of the best passages that share most with the question,
verbatim, each marked [n]; the citation list holds the passages. When the evidence is too weak
(calibrated on retrieval similarity and on how much of the question's vocabulary the
documents use at all) the answerer abstains and shows the nearest passages as
"misschien verwant". An LLM answer is only kept when the grounding guard accepts it.

Usage::

    answerer = Answerer(core.retriever)
    answer = answerer.answer("Wat zegt h6 over tijd?")
    print(answer.text); [c.passage.section for c in answer.citations]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.followup import FollowUpResolver
from assistant.lexical import LexicalIndex, analyse
from assistant.llm.generate import LLMAnswerer, LLMUnavailable
from assistant.models import Hit, Passage, ResolvedQuestion, Scope, Turn
from assistant.query import ParsedQuery, is_english, parse_query
from assistant.retriever import HybridRetriever
from assistant.sentences import is_heading, made_of, sentence_kind, split_sentences, unasked_kind

SECTOR_NAMES = {"po": "het primair onderwijs (po)", "vo": "het voortgezet onderwijs (vo)", "mbo": "het mbo"}
_POINTER = re.compile(r"zie\b|https?://|www\.", re.I)  # "Zie het kader…", a bare web address
_MIN_OVERLAP = 0.2  # share of the question's words a third or fourth sentence must hold


@dataclass(frozen=True)
class AnswerConfig:
    """Calibrated on the development questions plus ``benchmarks/data/abstention.jsonl``.

    Similarities are e5 cosines of the best passage. A Dutch question needs ``min_similarity``
    when the documents use all of its words, and up to ``unknown_word_penalty`` more as the
    IDF-weighted share of words they never use grows ("welke laptop…", "vakantiedagen").
    """

    min_similarity: float = 0.842
    unknown_word_penalty: float = 0.06
    min_similarity_english: float = 0.825  # cross-lingual similarities run lower
    # ...unless a passage nearly as similar holds most of the question's weight (IDF) of terms:
    # short questions ("wat zegt h6 over tijd?") embed less sharply than the passages they match.
    covered_similarity: float = 0.82
    min_coverage: float = 0.6
    passages_considered: int = 4
    max_sentences: int = 4
    max_citations: int = 2
    # Fused scores are sums of standardised scores: a quarter of a standard deviation is a tie.
    tie_gap: float = 0.25
    related_shown: int = 3


@dataclass(frozen=True)
class Citation:
    n: int
    passage: Passage

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, **self.passage.to_citation()}


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    abstained: bool
    citations: list[Citation]
    related: list[Hit] = field(default_factory=list)
    mode: str = "offline"
    notice: str | None = None  # e.g. why the LLM was not used
    understood_as: str | None = None  # how a follow-up was read ("borging in het mbo")

    def shown_text(self) -> str:
        """The answer as the reader sees it: how a follow-up was understood, then the answer."""
        if not self.understood_as:
            return self.text
        return f"Ik lees je vraag als: {self.understood_as}.\n\n{self.text}"

    def to_json(self, qid: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"id": qid} if qid is not None else {}
        out.update(
            answer=self.shown_text(),
            abstained=self.abstained,
            citations=[c.to_json() for c in self.citations],
            mode=self.mode,
        )
        return out


def _best_sentences(text: str, terms: set[str], most: int, wanted: frozenset[str]) -> list[str]:
    """The sentences that share most words with the question, in their own order.

    The two best always come (a passage is cited for a reason); more only while they share at
    least ``_MIN_OVERLAP`` of the question's words. Headings, fragments and pointers elsewhere
    ("Zie het kader voor …") are skipped, and so are questions and references unless the reader
    asked for that kind: they state nothing.
    """
    scored = []
    for pos, sentence in enumerate(split_sentences(text)):
        words = set(analyse(sentence))
        kind = sentence_kind(sentence)
        if (
            len(words) < 3
            or is_heading(sentence, pos)
            or (kind is not None and kind not in wanted)
            or _POINTER.match(sentence)
        ):
            continue
        scored.append((len(terms & words) / max(1, len(terms)), pos, sentence))
    if not scored:  # nothing but headings, fragments or questions: quote how the passage begins
        return split_sentences(text)[:1]
    best = sorted(scored, key=lambda s: (-s[0], s[1]))
    kept = best[:2] + [s for s in best[2:] if s[0] >= _MIN_OVERLAP]
    return [sentence for _, _, sentence in sorted(kept[:most], key=lambda s: s[1])]


def scope_label(query: ParsedQuery) -> str | None:
    """'In het mbo, aanbeveling 6' — the scope the question asked for, said out loud."""
    parts = []
    if query.sector:
        parts.append(SECTOR_NAMES[query.sector])
    if query.aanbeveling:
        parts.append(f"aanbeveling {query.aanbeveling[1]}")
    return "In " + ", ".join(parts) if parts else None


class ExtractiveAnswerer:
    """Picks verbatim sentences from the top passages; no model, no network."""

    def __init__(
        self, config: AnswerConfig | None = None, vocabulary: Callable[[], LexicalIndex | None] | None = None
    ) -> None:
        self.config = config or AnswerConfig()
        # A callable, not an index: the store swaps its index when documents are (re-)ingested.
        self.vocabulary = vocabulary or (lambda: None)

    def coverage(self, query: ParsedQuery, hits: list[Hit]) -> float:
        """Largest IDF-weighted share of the question's topic terms found in one top passage."""
        index = self.vocabulary()
        idf = index.idf if index else (lambda _term: 1.0)
        terms = set(analyse(query.topic))
        total = sum(idf(t) for t in terms)
        if not total:
            return 0.0
        return max(
            (
                sum(idf(t) for t in terms & set(analyse(h.passage.section + " " + h.passage.text))) / total
                for h in hits[:3]
            ),
            default=0.0,
        )

    def required_similarity(self, query: ParsedQuery) -> float:
        cfg = self.config
        if is_english(query.text):  # English words are unknown to Dutch documents by nature
            return cfg.min_similarity_english
        index = self.vocabulary()
        known = index.known_share(query.topic) if index else 1.0
        return cfg.min_similarity + cfg.unknown_word_penalty * (1.0 - known)

    def should_abstain(self, query: ParsedQuery, hits: list[Hit]) -> bool:
        if not hits:
            return True
        cfg = self.config
        best = max(h.signals.get("dense", 0.0) for h in hits)
        if best >= self.required_similarity(query):
            return False
        return best < cfg.covered_similarity or self.coverage(query, hits) < cfg.min_coverage

    def answering_order(self, query: ParsedQuery, hits: list[Hit]) -> list[int]:
        """Indices of the top passages as answers, best first.

        A passage made of questions (a practitioner's question box, a list of questions) or of
        literature references answers only a question that asks for that kind; the passages that
        say something go first, in retrieval order.
        """
        considered = range(min(len(hits), self.config.passages_considered))
        return sorted(considered, key=lambda i: unasked_kind(hits[i].passage.text, query.wants))

    def select(self, query: ParsedQuery, hits: list[Hit]) -> list[tuple[int, str]]:
        """(hit index, sentence) pairs in reading order: the best passage, then near-ties.

        Another passage (up to ``max_citations`` in all) is cited only when the retriever cannot
        tell it from the first (fused scores within ``tie_gap``): quoting a clearly weaker passage
        adds a citation the reader has to check for little gain.
        """
        cfg = self.config
        order = self.answering_order(query, hits)
        if not order:
            return []
        first = order[0]
        ties = [
            i
            for i in order[1:]
            if hits[first].score - hits[i].score <= cfg.tie_gap
            and not unasked_kind(hits[i].passage.text, query.wants)
        ][: cfg.max_citations - 1]
        terms = query.terms()
        room = cfg.max_sentences - len(ties)
        text = hits[first].passage.text
        if "questions" in query.wants and made_of(text, "questions"):
            # Asked for questions and found a list of them: quote the list as it stands.
            lines = [s for s in split_sentences(text) if sentence_kind(s) == "questions"][:room]
        else:
            lines = _best_sentences(text, terms, room, query.wants)
        picked = [(first, s) for s in lines]
        for i in ties:
            picked += [(i, s) for s in _best_sentences(hits[i].passage.text, terms, 1, query.wants)]
        return picked

    def answer(self, question: str, hits: list[Hit], scope: Scope | None = None) -> Answer:
        query = parse_query(question, scope)
        if self.should_abstain(query, hits):
            return abstention(question, query, hits[: self.config.related_shown])
        picked = self.select(query, hits)
        numbers: dict[int, int] = {}
        lines = []
        for rank, sentence in picked:
            n = numbers.setdefault(rank, len(numbers) + 1)
            lines.append(f"- {sentence} [{n}]")
        citations = [Citation(n, hits[rank].passage) for rank, n in numbers.items()]
        intro = _intro(question, query, citations)
        return Answer(question, intro + "\n\n" + "\n".join(lines), False, citations)


def _intro(question: str, query: ParsedQuery, citations: list[Citation]) -> str:
    scope = scope_label(query)
    titles = list(dict.fromkeys(c.passage.title for c in citations))
    verb = "zegt" if len(titles) == 1 else "zeggen"
    intro = f"dit {verb} {' en '.join(titles)} hierover:"
    intro = f"{scope}: {intro}" if scope else intro[0].upper() + intro[1:]
    if query.sector and all(c.passage.sector is None for c in citations):
        intro = (
            f"De documenten voor {SECTOR_NAMES[query.sector]} zeggen hier niets over; "
            f"deze algemene bron wel. {intro}"
        )
    if is_english(question):
        intro = "The documents are in Dutch; the relevant passages say (quoted in Dutch): " + intro
    return intro


def abstention(question: str, query: ParsedQuery, related: list[Hit]) -> Answer:
    scope = scope_label(query)
    where = f" ({scope[0].lower() + scope[1:]})" if scope else ""
    text = (
        f"Daar zeggen de documenten{where} niets over: ik vond geen passage die deze vraag beantwoordt."
        + (" Hieronder staan passages die misschien verwant zijn." if related else "")
    )
    if is_english(question):
        text = "The documents do not answer this question. " + text
    return Answer(question, text, True, [], related)


class Answerer:
    """Retrieve, then answer with the LLM if configured (guarded), else extractively."""

    def __init__(
        self,
        retriever: HybridRetriever,
        llm: LLMAnswerer | None = None,
        extractive: ExtractiveAnswerer | None = None,
        k: int = 8,
        resolver: FollowUpResolver | None = None,
    ) -> None:
        if k < 1:
            raise ValueError("k moet minstens 1 zijn.")
        self.retriever = retriever
        self.llm = llm
        self.extractive = extractive or ExtractiveAnswerer(vocabulary=lambda: retriever.store.lexical)
        self.k = k
        self.resolver = resolver or FollowUpResolver()

    def _retrieve(self, resolved: ResolvedQuestion) -> list[Hit]:
        if not resolved.text:
            return []
        return self.retriever.search(resolved.text, k=self.k, scope=resolved.scope)

    def answer(self, question: str, history: Sequence[Turn] = (), scope: Scope | None = None) -> Answer:
        """Answer ``question`` in the context of ``history`` (oldest first) within ``scope``."""
        *_, final = self.stream(question, history, scope)
        assert isinstance(final, Answer)
        return final

    def stream(
        self, question: str, history: Sequence[Turn] = (), scope: Scope | None = None
    ) -> Iterator[str | Answer]:
        """Tokens as the LLM writes them, then the final (guarded) Answer as the last item."""
        resolved = self.resolver.resolve(question, history, scope)
        for item in self._stream(resolved):
            yield item if isinstance(item, str) else replace(item, understood_as=resolved.understood_as)

    def _stream(self, resolved: ResolvedQuestion) -> Iterator[str | Answer]:
        hits = self._retrieve(resolved)
        offline = self.extractive.answer(resolved.text, hits, resolved.scope)
        if self.llm is None or offline.abstained:
            yield offline
            return
        used = self._for_llm(resolved, hits)
        try:
            stream = self.llm.stream(resolved.text, used)
            yield from stream
            result = stream.result
        except LLMUnavailable as err:
            yield _with_notice(offline, str(err))
            return
        yield self._from_llm(resolved.text, used, result.text, result.cited, result.fell_back, offline)

    def _for_llm(self, resolved: ResolvedQuestion, hits: list[Hit]) -> list[Hit]:
        """The passages the LLM sees, numbered in this order: those that answer before those that ask."""
        query = parse_query(resolved.text, resolved.scope)
        return [hits[i] for i in self.extractive.answering_order(query, hits)]

    @staticmethod
    def _from_llm(
        question: str, used: list[Hit], text: str, cited: list[int], fell_back: bool, offline: Answer
    ) -> Answer:
        if fell_back or not cited:
            return _with_notice(
                offline,
                "Het taalmodel gaf geen antwoord dat met de passages te onderbouwen was; "
                "hieronder het antwoord zonder taalmodel.",
            )
        citations = [Citation(n, used[n - 1].passage) for n in cited if 0 < n <= len(used)]
        return Answer(question, text, False, citations, mode="llm")


def _with_notice(answer: Answer, notice: str) -> Answer:
    return replace(answer, notice=notice)

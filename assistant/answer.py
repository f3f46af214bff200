"""Cited answers: extractive and offline by default, fluent through an LLM when one is configured.

The offline answer quotes the sentences of the best passages that share most with the question,
verbatim (without the document's footnote marks), each marked [n]; the citation list holds the
passages. When the evidence is too weak
(``AnswerDecision``: a model fitted on the best passage's similarity read beside the question's
length and language, and on how much of the asking sentence's vocabulary the documents and the best
passages use) the answerer abstains and shows the
nearest passages as "misschien verwant"; when a specific fact is asked and no passage holds one, it
says which fact is absent and quotes what the documents do say. An LLM answer is only kept when
the grounding guard accepts it.

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

from assistant.answerability import (
    AnswerDecision,
    about_one_person,
    asked_facts,
    asked_object,
    asked_part,
    asked_whole,
    asks_only_scope,
    evidence_of,
    fact_topic,
    holds_fact,
    members_named_by,
    topic_words,
    unknown_names,
    with_earlier_question,
)
from assistant.followup import FollowUpResolver, what_is_asked
from assistant.lexical import LexicalIndex, analyse
from assistant.llm.generate import LLMAnswerer, LLMUnavailable
from assistant.models import Hit, Passage, ResolvedQuestion, Scope, Turn
from assistant.phrasing import Phrasing, phrasing_for
from assistant.pleasantries import reply_to_pleasantry
from assistant.query import ParsedQuery, parse_resolved
from assistant.retriever import HybridRetriever
from assistant.sentences import (
    is_heading,
    list_items,
    made_of,
    sentence_kind,
    split_sentences,
    unasked_kind,
    without_notes,
)
from assistant.spelling import speller_for

_POINTER = re.compile(r"zie\b|https?://|www\.", re.I)  # "Zie het kader…", a bare web address
# "welke stappen…", "hoe pak ik dit aan?", "noem de kenmerken", "which steps": the whole list is the answer.
_ASKS_LIST = re.compile(
    r"\b(?:welke (?:stappen|fasen|kenmerken|voorwaarden|onderdelen|punten|tips|elementen|rollen|thema'?s)|"
    r"hoe pak\w*|hoe ga\w* (?:ik|we|je) .{0,40}te werk|stappen|checklist|lijst\w*|noem|"
    r"kenmerken|which steps|what steps|characteristics|list)\b",
    re.I,
)


@dataclass(frozen=True)
class AnswerConfig:
    """How much an answer quotes and cites. Whether it answers at all is ``AnswerDecision``'s job,
    fitted by ``python -m benchmarks.decision``."""

    passages_considered: int = 4
    # Points quoted from the best passage and its near-ties (the brief: at most about 8); a list
    # question gets up to ``max_list_points`` items of its list. 6 → 8 on the tuning half:
    # answer-point coverage 0.54 → 0.56, validation 0.44 → 0.51, citation precision unchanged.
    max_sentences: int = 8
    max_list_points: int = 8
    # Asked to say it shorter ("Kun je dat korter zeggen?"): the best passage's two sentences that
    # share most words with the question, the least ``select`` ever quotes. No dev question asks this.
    short_sentences: int = 2
    max_citations: int = 2
    # Share of the question's terms a sentence beyond the first two must hold to be quoted. 0: the
    # best passage's statements are quoted up to ``max_sentences`` (answer-point coverage 0.36 → 0.50
    # tune, 0.29 → 0.49 validation, citation precision unchanged: the passage was cited anyway).
    min_overlap: float = 0.0
    # Fused scores are sums of standardised scores: a passage within half a standard deviation of the
    # best is quoted and cited beside it. 0.1 → 0.5: answers citing a gold passage 0.61 → 0.72 tune,
    # 0.58 → 0.70 validation; answer points 0.45 → 0.50 and 0.39 → 0.40; citation precision 0.54 →
    # 0.51 and 0.49 → 0.47 (``python -m benchmarks.tune --answer``; 1.0 cost precision 0.06 for +0.02).
    tie_gap: float = 0.5
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

    def reading(self) -> str | None:
        """How a follow-up (or a question with slips) was read, in the question's language; None for a
        question read as typed."""
        if not self.understood_as:
            return None
        return f"{phrasing_for(self.question).read_as}: {self.understood_as}."

    def shown_text(self) -> str:
        """The answer as the reader sees it: how a follow-up was understood, then the answer."""
        reading = self.reading()
        return f"{reading}\n\n{self.text}" if reading else self.text

    def to_json(self, qid: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"id": qid} if qid is not None else {}
        out.update(
            answer=self.shown_text(),
            abstained=self.abstained,
            citations=[c.to_json() for c in self.citations],
            mode=self.mode,
        )
        return out


def _statements(text: str, wanted: frozenset[str], headings: bool = False) -> list[tuple[int, str, set[str]]]:
    """The passage's sentences that state something, with their position and terms. Fragments and
    pointers elsewhere ("Zie het kader voor …") state nothing, and neither do questions and references
    unless the reader asked for that kind, nor headings unless ``headings`` (a quoted testimonial
    without closing punctuation still says something)."""
    found = []
    for pos, sentence in enumerate(split_sentences(text)):
        words = set(analyse(sentence))
        kind = sentence_kind(sentence)
        if (
            len(words) < 3
            or (not headings and is_heading(sentence, pos))
            or (kind is not None and kind not in wanted)
            or _POINTER.match(sentence)
        ):
            continue
        found.append((pos, sentence, words))
    return found


def _silent(text: str, wanted: frozenset[str]) -> bool:
    """Does the passage state nothing at all (a title slide, a heading alone)? It is no answer."""
    return not _statements(text, wanted, headings=True)


def _best_sentences(
    text: str, terms: set[str], most: int, wanted: frozenset[str], min_overlap: float
) -> list[str]:
    """The statements (``_statements``) that share most words with the question, in their own order.

    The two best always come (a passage is cited for a reason); more only while they share at
    least ``min_overlap`` of the question's words.
    """
    share = len(terms) or 1
    scored = [(len(terms & words) / share, pos, s) for pos, s, words in _statements(text, wanted)]
    if not scored:  # nothing but headings, fragments or questions: quote how the passage begins
        return split_sentences(text)[:1]
    best = sorted(scored, key=lambda s: (-s[0], s[1]))
    kept = best[:2] + [s for s in best[2:] if s[0] >= min_overlap]
    return [sentence for _, _, sentence in sorted(kept[:most], key=lambda s: s[1])]


def _asking(query: ParsedQuery) -> str:
    """The sentences that ask what the reader wants to know: of the reader's own question when a
    follow-up asks its own (``ParsedQuery.asks``); a situation's story may count things it does not ask."""
    return asked_part(query.asks or query.text)


def _words(query: ParsedQuery) -> Phrasing:
    """The frame in the language of the reader's own words (``ParsedQuery.reader``)."""
    return phrasing_for(query.reader or query.text)


def scope_label(query: ParsedQuery) -> str | None:
    """'In het mbo, aanbeveling 6' ('In vocational education (mbo), recommendation 6') — the scope the
    question asked for, said out loud in its language."""
    return _words(query).scope(query.sector, query.aanbeveling)


def _where(query: ParsedQuery) -> str:
    """' (in het mbo)': the scope inside a sentence, or ''."""
    scope = scope_label(query)
    return f" ({scope[0].lower() + scope[1:]})" if scope else ""


class ExtractiveAnswerer:
    """Picks verbatim sentences from the top passages; no model, no network."""

    def __init__(
        self,
        config: AnswerConfig | None = None,
        vocabulary: Callable[[], LexicalIndex | None] | None = None,
        decision: AnswerDecision | None = None,
    ) -> None:
        self.config = config or AnswerConfig()
        # A callable, not an index: the store swaps its index when documents are (re-)ingested.
        self.vocabulary = vocabulary or (lambda: None)
        self._decision = decision

    @property
    def decision(self) -> AnswerDecision:
        """The fitted answer/decline model (read on first use, so the fitting script runs without one)."""
        if self._decision is None:
            self._decision = AnswerDecision.load()
        return self._decision

    def should_abstain(self, query: ParsedQuery, hits: list[Hit]) -> bool:
        if not hits:
            return True
        index = self.vocabulary()
        declined = not self.decision.answers(evidence_of(query, hits, index))
        if declined and (joined := with_earlier_question(query)) is not None:
            declined = not self.decision.answers(evidence_of(joined, hits, index))
        return declined and not asks_only_scope(query)

    def answering_order(self, query: ParsedQuery, hits: list[Hit]) -> list[int]:
        """Indices of the top passages as answers, best first.

        A passage made of questions (a practitioner's question box, a list of questions) or of
        literature references answers only a question that asks for that kind, and another
        practitioner's story only a question that asks for an example, and a passage that states
        nothing at all (a title slide, a heading alone) none; the passages that say something go
        first, in retrieval order. Stories last: answer-point coverage 0.500 → 0.516
        tune, 0.403 → 0.403 validation, citation precision 0.514 → 0.529 and 0.461 → 0.461.
        """
        considered = range(min(len(hits), self.config.passages_considered))

        def kind(i: int) -> tuple[bool, bool, bool]:
            hit = hits[i]
            text = hit.passage.text
            return (
                _silent(text, query.wants),
                unasked_kind(text, query.wants),
                hit.story and "example" not in query.wants,
            )

        return sorted(considered, key=kind)

    def select(self, query: ParsedQuery, hits: list[Hit]) -> list[tuple[int, str]]:
        """(hit index, sentence) pairs in reading order: the best passage, then near-ties.

        Another passage (up to ``max_citations`` in all) is cited only when the retriever hardly
        tells it from the first (fused scores within ``tie_gap``): quoting a clearly weaker passage
        adds a citation the reader has to check for little gain.
        """
        cfg = self.config
        order = self.answering_order(query, hits)
        if not order:
            return []
        first = order[0]
        short = "short" in query.wants  # asked to say it shorter: one passage, its best sentences
        ties = [
            i
            for i in order[1:]
            if not short
            and hits[first].score - hits[i].score <= cfg.tie_gap
            and not unasked_kind(hits[i].passage.text, query.wants)
            and not _silent(hits[i].passage.text, query.wants)
            # passages that only filled up a small named aanbeveling are not its answer
            and query.aanbeveling in (None, hits[i].passage.aanbeveling)
        ][: cfg.max_citations - 1]
        terms = query.terms()
        room = cfg.short_sentences if short else cfg.max_sentences - len(ties)
        text = hits[first].passage.text
        if "questions" in query.wants and made_of(text, "questions"):
            # Asked for questions and found a list of them: quote the list as it stands.
            lines = [s for s in split_sentences(text) if sentence_kind(s) == "questions"][:room]
        elif _ASKS_LIST.search(query.text) and (items := list_items(text)):
            lines = items[: cfg.max_list_points]
        else:
            lines = _best_sentences(text, terms, room, query.wants, cfg.min_overlap)
        picked = [(first, s) for s in lines]
        for i in ties:
            extra = _best_sentences(hits[i].passage.text, terms, 1, query.wants, cfg.min_overlap)
            picked += [(i, s) for s in extra if s not in lines]
        return picked

    def missing_fact(self, query: ParsedQuery, hits: list[Hit]) -> str | None:
        """The first kind of fact the question asks for that no top passage sentence on its topic holds.
        A question about a named thing ("welke laptop…") is on its topic only where that thing is."""
        asked = _asking(query)
        return next((kind for kind in asked_facts(asked) if not self._holds(query, hits, asked, kind)), None)

    def _holds(self, query: ParsedQuery, hits: list[Hit], asked: str, kind: str) -> bool:
        """Does a top passage state a fact of ``kind`` in a sentence on the question's topic?"""
        thing = members_named_by(asked) if kind == "parts" else asked_object(asked)
        topic = set(analyse(query.topic + " " + query.expansion))
        terms = set(analyse(thing)) if thing else fact_topic(topic)
        whole = set(analyse(asked_whole(asked) or ""))  # "onderdelen" are on its topic beside "spinnenweb"
        for hit in hits[: self.config.passages_considered]:
            if whole and not whole <= set(analyse(hit.passage.section + " " + hit.passage.text)):
                continue
            for sentence in split_sentences(hit.passage.text):
                if terms & set(analyse(sentence)) and holds_fact(without_notes(sentence), kind):
                    return True
        return False

    def treats_topic(self, query: ParsedQuery, hits: list[Hit]) -> bool:
        """Do the documents speak of what a fact question is about? A top passage that states
        something (not only a list of questions) holds more of its topic's IDF weight than the words
        the documents never use carry ("vakantiedagen", "onderwijsinspectie": nothing to show), and
        it names the thing the question asks about when the question names one ("welke laptop")."""
        quotable = [
            set(analyse(hit.passage.text))
            for hit in hits[: self.config.passages_considered]
            if not unasked_kind(hit.passage.text, query.wants)
        ]
        if (thing := asked_object(_asking(query))) is not None:
            named = set(analyse(thing))
            quotable = [terms for terms in quotable if named & terms]
        index = self.vocabulary()
        if index is None or not quotable:
            return bool(quotable)
        words = topic_words(query.topic + " " + query.expansion)
        topic = set(analyse(words))
        unknown = (1.0 - index.known_share(words)) * sum(index.idf(t) for t in topic)
        return max(sum(index.idf(t) for t in topic & terms) for terms in quotable) > unknown

    def answer(self, query: ParsedQuery, hits: list[Hit], conversation: str = "") -> Answer:
        """The answer to ``query`` from ``hits``, or an abstention that shows what is nearby;
        ``conversation`` is the text of the turns before it (names it explains are no strangers)."""
        if declined := self.declined(query, hits, conversation):
            return declined
        citations: list[Citation] = []
        lines = cite([(hits[rank].passage, s) for rank, s in self.select(query, hits)], citations)
        intro = _intro(query, citations)
        return Answer(query.text, intro + "\n\n" + "\n".join(lines), False, citations)

    def declined(self, query: ParsedQuery, hits: list[Hit], conversation: str = "") -> Answer | None:
        """The abstention when the question names what nothing explains, the passages are too far
        from it, or none holds the kind of fact it asks for; None when it can be answered."""
        related = hits[: self.config.related_shown]
        index = self.vocabulary()
        if index is not None and (names := unknown_names(query.text, index.knows, conversation)):
            return abstention(query, related, names=names)
        if about_one_person(query.asks or query.text):
            return abstention(query, related, one_person=True)
        if self.should_abstain(query, hits):
            return abstention(query, related)
        if kind := self.missing_fact(query, hits):
            if not self.treats_topic(query, hits):  # nothing on its topic to show: decline plainly
                return abstention(query, related)
            asked = _asking(query)
            return self.without_fact(query, hits, _words(query).fact(asked, kind, asked_object(asked)))
        return None

    def without_fact(self, query: ParsedQuery, hits: list[Hit], fact: str) -> Answer:
        """Says which asked fact the documents do not state, then quotes what they do say about it."""
        citations: list[Citation] = []
        lines = cite([(hits[rank].passage, s) for rank, s in self.select(query, hits)], citations)
        text = _words(query).no_fact(_where(query), fact, quoted=bool(lines))
        if lines:
            text += "\n\n" + "\n".join(lines)
        return Answer(query.text, text, True, citations)

    def compare(self, query: ParsedQuery, hits_by_sector: dict[str, list[Hit]]) -> Answer:
        """Each named sector's answer side by side ("verschil tussen po en mbo bij h2?")."""
        words = _words(query)
        citations: list[Citation] = []
        blocks = []
        for sector, hits in hits_by_sector.items():
            one = query.within(sector)
            quotes = []
            if not self.declined(one, hits):
                quotes = [(hits[rank].passage, s) for rank, s in self.select(one, hits)]
            lines = cite(quotes, citations) or [words.sector_silent]
            name = words.sectors[sector]
            blocks.append(f"**{name[0].upper()}{name[1:]}**\n" + "\n".join(lines))
        if not citations:
            return abstention(query, [])
        return Answer(query.text, words.side_by_side + "\n\n" + "\n\n".join(blocks), False, citations)


def cite(quotes: list[tuple[Passage, str]], citations: list[Citation]) -> list[str]:
    """Answer lines "- sentence [n]"; a passage not yet in ``citations`` is added with the next n."""
    numbers = {c.passage.id: c.n for c in citations}
    lines = []
    for passage, sentence in quotes:
        if passage.id not in numbers:
            numbers[passage.id] = len(citations) + 1
            citations.append(Citation(numbers[passage.id], passage))
        # The document's footnote marks ("oprechte zorgen.34,35 Daarom") mean nothing without its notes.
        lines.append(f"- {without_notes(sentence)} [{numbers[passage.id]}]")
    return lines


def _intro(query: ParsedQuery, citations: list[Citation]) -> str:
    titles = list(dict.fromkeys(c.passage.title for c in citations))
    general = query.sector if query.sector and all(c.passage.sector is None for c in citations) else None
    return _words(query).intro(titles, scope_label(query), general)


def abstention(
    query: ParsedQuery, related: list[Hit], names: list[str] | None = None, one_person: bool = False
) -> Answer:
    """No answer: the documents are silent, never mention the ``names`` the question is about, or do
    not treat the case of one pupil or parent (``one_person``); the nearby passages come along."""
    text = _words(query).declined(_where(query), names, bool(related), one_person)
    return Answer(query.text, text, True, [], related)


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

    def spelled(self, question: str) -> str:
        """``question`` with its typing slips read as the documents' words ("aanpk" → "aanpak")."""
        return speller_for(self.retriever.store.snapshot()).correct(question)

    def read(
        self, question: str, history: Sequence[Turn] = (), scope: Scope | None = None
    ) -> ResolvedQuestion:
        """How ``question`` is meant: its slips read as the documents' words, then resolved against
        ``history``; ``understood_as`` says a corrected question back to the reader too."""
        spelled = self.spelled(question)
        resolved = self.resolver.resolve(spelled, history, scope)
        if spelled != question and resolved.understood_as is None:
            return replace(resolved, understood_as=f"‘{spelled}’")
        return resolved

    def _retrieve(self, query: ParsedQuery) -> list[Hit]:
        return self.retriever.retrieve(query, k=self.k) if query.text else []

    def answer(self, question: str, history: Sequence[Turn] = (), scope: Scope | None = None) -> Answer:
        """Answer ``question`` in the context of ``history`` (oldest first) within ``scope``."""
        *_, final = self.stream(question, history, scope)
        assert isinstance(final, Answer)
        return final

    def stream(
        self, question: str, history: Sequence[Turn] = (), scope: Scope | None = None
    ) -> Iterator[str | Answer]:
        """Tokens as the LLM writes them, then the final (guarded) Answer as the last item."""
        resolved = self.read(question, history, scope)
        conversation = " ".join(turn.content for turn in history)
        for item in self._stream(resolved, conversation):
            if isinstance(item, str):
                yield item
            else:  # the answer to the question as the reader asked it, saying how it was read
                yield replace(item, question=resolved.asked, understood_as=resolved.understood_as)

    def _stream(self, resolved: ResolvedQuestion, conversation: str) -> Iterator[str | Answer]:
        if (welcome := reply_to_pleasantry(resolved.text)) is not None:  # nothing to search or decline
            yield Answer(resolved.text, welcome, False, [])
            return
        # The one parse of this question; a follow-up's own question word says what it asks.
        query = replace(parse_resolved(resolved), asks=what_is_asked(resolved), reader=resolved.asked)
        if len(query.sectors) > 1 and resolved.scope.sector is None:
            # A comparison is composed from each sector's own passages, offline: side by side is
            # what the reader asked for, and each line stays verbatim.
            by_sector = {s: self._retrieve(query.within(s)) for s in query.sectors}
            yield self.extractive.compare(query, by_sector)
            return
        hits = self._retrieve(query)
        offline = self.extractive.answer(query, hits, conversation)
        if self.llm is None or offline.abstained:
            yield offline
            return
        # The passages the LLM sees, numbered in this order: those that answer before those that ask.
        used = [hits[i] for i in self.extractive.answering_order(query, hits)]
        try:
            stream = self.llm.stream(query.text, used)
            yield from stream
            result = stream.result
        except LLMUnavailable as err:
            yield _with_notice(offline, str(err))
            return
        yield self._from_llm(query.text, used, result.text, result.cited, result.fell_back, offline)

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

"""Sentences of a passage and what kind they are: statements, questions, literature references.

Both the retriever (which sets aside passages of a kind the question did not ask for) and the
extractive answerer (which quotes statements) read passages this way.

Usage::

    split_sentences("Stap 1\nEen team kiest een speerpunt. Wat is het probleem?")
    # ['Stap 1', 'Een team kiest een speerpunt.', 'Wat is het probleem?']
    sentence_kind("Wat is het probleem?")          # "questions"
    unasked_kind(passage.text, frozenset())         # True for a list of questions
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.lexical import analyse
from assistant.models import Passage

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“'(•])")
_TERMINAL = frozenset(".!?:;")
# "Coburn, Penuel, & Geil (2013)." — a literature reference, not a statement.
_REFERENCE = re.compile(r"\(\d{4}[a-z]?\)|\bet al\.")
_MAX_HEADING_WORDS = 8
# A footnote number glued to a word or mark ("leerprestaties.12", "Kools2"), or a list of them
# ("schoolontwikkeling.5,7,16"): a note, not a number. Not after a single letter: "h4" names an
# aanbeveling.
_NOTE_MARK = re.compile(r"(?:(?<=[a-z]{2})|(?<=[.,;:)’”]))\d{1,3}(?:,\d{1,3})*\b")
# More questions (or references) than this share of its sentences: the passage asks (or points
# to literature); it answers only a question asking for that.
KIND_SHARE = 0.25
KINDS = ("questions", "sources")
# A practitioner's story ("‘Ik heb op een teambijeenkomst…’"): quoted, and most sentences in the first
# person. It illustrates advice; it is not the advice. (Penalised unless asked: +0.02 MRR on both
# dev halves.)
# A web address, with its scheme or "www." or as a bare Dutch or international domain ("slo.nl").
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:nl|com|org|eu|be)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:ik|mijn|me|mij|wij|we|ons|onze)\b", re.I)
_QUOTE_OPEN = re.compile(r"[‘“]")
STORY_SHARE = 0.5


def split_sentences(text: str) -> list[str]:
    """Sentences and list items of a passage, as they stand."""
    parts: list[str] = []
    for line in text.split("\n"):
        line = line.strip().removeprefix("•").strip()  # the answer renders its own list markers
        parts.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return parts


def situation_sentences(question: str) -> list[str]:
    """The sentences of a question that tells a situation before it asks (a story of one or more
    sentences, then a question); [] for any other question."""
    sentences = split_sentences(question)
    if len(sentences) < 2 or last_mark(sentences[-1]) != "?" or last_mark(sentences[0]) == "?":
        return []
    return sentences


def list_items(text: str) -> list[str]:
    """The bulleted items of a passage (with the line that introduces them), or [] if it has none."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    items = [line.removeprefix("•").strip() for line in lines if line.startswith("•")]
    if len(items) < 2:
        return []
    first = next(i for i, line in enumerate(lines) if line.startswith("•"))
    intro = lines[first - 1] if first and lines[first - 1].endswith(":") else None
    return [intro, *items] if intro else items


def sentence_kind(sentence: str) -> str | None:
    """The kind of a sentence: "questions", "sources" (a literature reference) or None (a statement)."""
    if last_mark(sentence) == "?":
        return "questions"
    if _REFERENCE.search(sentence):
        return "sources"
    return None


def is_heading(sentence: str, pos: int) -> bool:
    """A passage's first line without closing punctuation, or any short line without it."""
    unfinished = last_mark(sentence) not in _TERMINAL
    return unfinished and (pos == 0 or len(sentence.split()) <= _MAX_HEADING_WORDS)


def without_notes(sentence: str) -> str:
    """The sentence without footnote marks ("kan enkele jaren duren.30" → "… duren.")."""
    return _NOTE_MARK.sub("", sentence)


def without_notes_mapped(text: str) -> tuple[str, list[int]]:
    """``without_notes(text)`` and, for each of its characters, where it stands in ``text``: a
    sentence quoted without its notes is found back in the passage that has them."""
    kept: list[int] = []
    end = 0
    for mark in _NOTE_MARK.finditer(text):
        kept.extend(range(end, mark.start()))
        end = mark.end()
    kept.extend(range(end, len(text)))
    return "".join(text[i] for i in kept), kept


def last_mark(sentence: str) -> str:
    """The sentence's last character, looking past closing quotes, brackets and a footnote mark."""
    return without_notes(sentence).rstrip("’”'\") ")[-1:]


@lru_cache(maxsize=1 << 16)  # every search asks this of its ~100 candidates; passages recur
def kinds_of(text: str) -> frozenset[str]:
    """The kinds ("questions", "sources", "example") a passage is largely made of."""
    # The first line is left out: a heading may well be a question ("Waarom een visie?") or
    # name a study ("Observaties Kools (2020)") above plain statements.
    sentences = split_sentences(text)[1:]
    kinds = [sentence_kind(s) for s in sentences]
    found = {k for k in KINDS if (n := kinds.count(k)) >= 2 and n > KIND_SHARE * len(kinds)}
    if not found and _is_story(text, sentences):  # a story of questions is a list of questions
        found.add("example")
    return frozenset(found)


def _is_story(text: str, sentences: list[str]) -> bool:
    return _first_person(sentences) and bool(_QUOTE_OPEN.search(text))


def _first_person(sentences: list[str]) -> bool:
    first_person = sum(bool(_FIRST_PERSON.search(s)) for s in sentences)
    return bool(sentences) and first_person > STORY_SHARE * len(sentences)


# A closing quote is followed by no letter; "collega’s" holds an apostrophe.
_QUOTE_MARK = re.compile(r"[‘“]|[’”](?![^\W\d_])")


def quoted_stories(passages: Sequence[Passage]) -> frozenset[int]:
    """Rows of passages that lie mostly inside a practitioner's quoted first-person story.

    A story box ("Een vraag uit de praktijk van een docent ‘Vorig jaar hebben we …’") often runs
    over several passages; only the first holds the opening quote. Quotes are followed through
    each document in reading order, so a passage that continues a story is known as one too.
    """
    rows_by_doc: dict[str, list[int]] = {}
    for row, passage in enumerate(passages):
        rows_by_doc.setdefault(passage.doc, []).append(row)
    stories = set()
    for rows in rows_by_doc.values():
        depth = 0  # quotes open at this point of the document (nested quotes inside a story)
        told = False  # the previous passage opened a story whose quote it did not close
        for row in sorted(rows, key=lambda r: passages[r].order):
            text = passages[row].text
            opened = opens_story(text)
            if opened or told:
                stories.add(row)
            inside, start, balance = 0, 0, 0
            for mark in _QUOTE_MARK.finditer(text):
                if depth:
                    inside += mark.start() - start
                step = 1 if mark.group() in "‘“" else -1
                depth, balance, start = max(0, depth + step), balance + step, mark.start()
            told = opened and balance > 0
            if depth:
                inside += len(text) - start
            if inside > STORY_SHARE * len(text) and _first_person(split_sentences(text)):
                stories.add(row)
    return frozenset(stories)


def opens_story(text: str) -> bool:
    """Does the passage open a story box: a heading, then a quote whose first sentence is in the
    first person ("Een vraag uit de praktijk van …\n‘In onze school hebben …")? Such a story may
    tell most of its sentences in the third person, so the share test above misses it."""
    heading, _, body = text.partition("\n")
    if not heading or not _QUOTE_OPEN.match(body):
        return False
    first = split_sentences(body)
    return bool(first) and bool(_FIRST_PERSON.search(first[0]))


@lru_cache(maxsize=1 << 16)
def content_terms(text: str) -> int:
    """How many distinct content terms a passage holds (a heading or caption alone holds few)."""
    return len(set(analyse(text)))


def made_of(text: str, kind: str) -> bool:
    """Is the passage largely sentences of ``kind``?"""
    return kind in kinds_of(text)


def unasked_kind(text: str, wants: frozenset[str]) -> bool:
    """Is the passage largely questions or references while the question asked for neither?"""
    return not kinds_of(text) <= wants

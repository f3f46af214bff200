"""The grounding guard: keep only the sentences of an LLM answer that cite a passage and agree with it.

The model gets passages numbered ``[1]..[n]`` and must cite each sentence. The guard

1. removes citations to numbers that were never given (``[7]`` when there are 2 passages),
2. drops sentences left without a valid citation,
3. drops sentences that share too few content words with the passages they cite,
4. asks for a fall back to the offline answer when nothing grounded remains.

Usage::

    guard = GroundingGuard(min_support=0.5)
    result = guard.check("Maak een verbeterplan [1]. Dat kost geld [7].", ["Kom tot een verbeterplan."])
    result.text       # "Maak een verbeterplan [1]."
    result.cited      # (1,)
    result.fall_back  # False
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.lexical import STOPWORDS, stem_words

# "[1]", "[1, 3]", "[1;2]" and the variants small models like to write: "[bron 2]", "[Passage 1]".
_CITE = r"\[\s*(?:(?:bron|passage|fragment)\s*)?\d+(?:\s*[,;]\s*\d+)*\s*\]"
_CITATION = re.compile(_CITE, re.IGNORECASE)
# "Zin. [1]" -> "Zin [1]." so the citation stays with the sentence it follows.
_TRAILING_CITATIONS = re.compile(rf"([.!?])((?:\s*{_CITE})+)", re.IGNORECASE)
# A sentence ends at . ! or ? followed by a space and no lowercase letter ("bijv. de" is not an end).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?![a-zà-öø-ÿ])")
_LIST_MARKER = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_WORD = re.compile(r"[^\W_]+")
# Words that carry no claim: the analyser's stop words plus the scaffolding models put around an answer.
_STOPWORDS = STOPWORDS | {
    "volgens", "passage", "passages", "bron", "bronnen", "fragment", "tekst", "staat", "wel", "we",
    "wij", "jullie", "onze", "kunt", "moeten", "zoals", "bijvoorbeeld", "daarbij", "hierbij",
}  # fmt: skip
# Parts of Dutch compounds: "onderwijsverbetering" supports "verbetering" and vice versa.
_MIN_COMPOUND_PART = 5


@dataclass(frozen=True)
class GroundingResult:
    """What the guard kept of an answer.

    ``cited`` lists the passage numbers (1-based) in order of first citation; ``fall_back`` is True when
    nothing grounded remains and the caller should show the offline answer; ``reasons`` says, in Dutch,
    what was removed and why.
    """

    text: str
    cited: tuple[int, ...]
    fall_back: bool
    reasons: tuple[str, ...]


class GroundingGuard:
    """Checks an LLM answer against the numbered passages it was given.

    ``min_support`` is the share (0..1) of a sentence's content words that must occur in the passages it
    cites; Dutch stemming and compound parts count as a match.

    Usage::

        result = GroundingGuard().check(answer_text, [hit.passage.text for hit in hits])
        if result.fall_back:
            ...  # show the offline answer
    """

    def __init__(self, min_support: float = 0.5) -> None:
        if not 0.0 <= min_support <= 1.0:
            raise ValueError(f"min_support moet tussen 0 en 1 liggen, niet {min_support}.")
        self.min_support = min_support

    def check(self, answer: str, passages: Sequence[str]) -> GroundingResult:
        """Clean ``answer``, whose citations ``[n]`` refer to ``passages[n - 1]``."""
        vocabularies = [_content_words(text) for text in passages]
        reasons: list[str] = []
        cited: list[int] = []
        lines: list[str] = []
        for line in answer.splitlines():
            marker_match = _LIST_MARKER.match(line)
            marker_end = marker_match.end() if marker_match else 0
            marker = line[:marker_end].lstrip()
            body = _TRAILING_CITATIONS.sub(_move_before_punctuation, line[marker_end:]).strip()
            kept = [
                sentence
                for raw in _SENTENCE_END.split(body)
                if raw.strip()
                and (sentence := self._check_sentence(raw.strip(), vocabularies, cited, reasons)) is not None
            ]
            if kept:
                lines.append(marker + " ".join(kept))
        if not answer.strip():
            reasons.append("het taalmodel gaf een leeg antwoord")
        elif not lines:
            reasons.append("geen enkele zin is met de passages onderbouwd")
        return GroundingResult(
            text="\n".join(lines), cited=tuple(cited), fall_back=not lines, reasons=tuple(reasons)
        )

    def _check_sentence(
        self,
        sentence: str,
        vocabularies: list[set[str]],
        cited: list[int],
        reasons: list[str],
    ) -> str | None:
        numbers: list[int] = []

        def keep_valid(match: re.Match[str]) -> str:
            given = [int(n) for n in re.findall(r"\d+", match.group(0))]
            valid = [n for n in given if 1 <= n <= len(vocabularies)]
            reasons.extend(f"verwijzing [{n}] bestaat niet en is verwijderd" for n in given if n not in valid)
            numbers.extend(n for n in valid if n not in numbers)
            return f"[{', '.join(map(str, valid))}]" if valid else ""

        cleaned = re.sub(r"\s+([.!?,;:])", r"\1", re.sub(r" {2,}", " ", _CITATION.sub(keep_valid, sentence)))
        if not numbers:
            reasons.append(f"zin zonder geldige bronvermelding weggelaten: “{_short(sentence)}”")
            return None
        vocabulary = set().union(*(vocabularies[n - 1] for n in numbers))
        score = _support(_content_words(_CITATION.sub(" ", sentence)), vocabulary)
        if score < self.min_support:
            reasons.append(
                f"zin weggelaten, te weinig overeenkomst ({score:.0%}) met "
                f"{''.join(f'[{n}]' for n in numbers)}: “{_short(sentence)}”"
            )
            return None
        cited.extend(n for n in numbers if n not in cited)
        return cleaned.strip()


def _content_words(text: str) -> set[str]:
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS and (len(w) > 1 or w.isdigit())]
    return set(stem_words(words))


def _support(words: set[str], vocabulary: set[str]) -> float:
    """Share of ``words`` found in ``vocabulary``, exactly or as part of a compound (1.0 for no words)."""
    if not words:
        return 1.0

    def found(word: str) -> bool:
        if word in vocabulary:
            return True
        return len(word) >= _MIN_COMPOUND_PART and any(
            word in other or (len(other) >= _MIN_COMPOUND_PART and other in word) for other in vocabulary
        )

    return sum(map(found, words)) / len(words)


def _move_before_punctuation(match: re.Match[str]) -> str:
    return f" {match.group(2).strip()}{match.group(1)}"


def _short(sentence: str, limit: int = 80) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"

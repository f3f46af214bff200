"""Turn answers and passages into safe Markdown for Streamlit; no HTML, ever.

Document and user text is escaped so Markdown, HTML entities, LaTeX and Streamlit directives
in it show up as plain characters. Sentences an answer quotes are shown **bold** in the passage.

Usage::

    st.markdown(answer_markdown(answer.text))
    with st.expander(source_label(citation.n, citation.passage)):
        st.markdown(passage_markdown(citation.passage.text, quoted_sentences(answer.text)))
    st.markdown(intro_markdown(artifact.intro)); st.markdown(entry_markdown(entry))  # a flow's werkblad
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from assistant.flows.export import Entry
from assistant.models import SECTOR_NAMES, Passage
from assistant.sentences import without_notes, without_notes_mapped

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=^])")
_NON_SPACE = re.compile(r"\S+")
_BULLET_LINE = re.compile(r"^\s*[-•*]\s+(.*)$")
_MARKERS = re.compile(r"(?:\s*\[\d+(?:\s*,\s*\d+)*\])+\s*$")


def escape_md(text: str) -> str:
    """Backslash-escape every character that Markdown (or Streamlit's extensions) could interpret."""
    return _SPECIAL.sub(r"\\\1", text)


def _lines(text: str) -> str:
    """Keep the text's line breaks in Markdown (hard breaks). Only spaces before a break go: the
    last line may end in the space before a highlighted sentence ("• **Zin.**")."""
    *broken, last = text.split("\n")
    return "".join(line.rstrip() + "  \n" for line in broken) + last


def answer_markdown(text: str) -> str:
    """The answer text escaped line by line; "- " bullet lines stay a list."""
    out: list[str] = []
    for line in text.split("\n"):
        bullet = _BULLET_LINE.match(line)
        out.append(f"- {escape_md(bullet.group(1))}" if bullet else escape_md(line) + "  ")
    return "\n".join(out)


def quoted_sentences(answer_text: str) -> list[str]:
    """The sentences an answer quotes: its "- sentence [n]" lines without the markers."""
    found: list[str] = []
    for line in answer_text.split("\n"):
        bullet = _BULLET_LINE.match(line)
        if bullet is None:
            continue
        sentence = _MARKERS.sub("", bullet.group(1)).strip()
        if len(sentence) >= 12:
            found.append(sentence)
    return found


def _spans(text: str, sentences: Sequence[str]) -> list[tuple[int, int]]:
    """Where each sentence stands in ``text``, whatever whitespace (a line break) separates its words
    and whatever footnote marks the answer left out of it ("zorgen.34,35 Daarom").

    Found in the text with its whitespace collapsed and its notes left out, then mapped back: one
    regex per quoted sentence was compiled anew on every rerun (Python's regex cache holds 512 and a
    page shows many sentences), 4 % of the app's GIL time with 20 users asking at once (py-spy,
    benchmarks.load)."""
    words = list(_NON_SPACE.finditer(text))
    flat = " ".join(w.group() for w in words)
    flat_starts = list(accumulate((len(w.group()) + 1 for w in words[:-1]), initial=0))
    clean, in_flat = without_notes_mapped(flat)

    def original(pos: int) -> int:  # a position in ``flat`` (not on a joining space) in ``text``
        i = bisect_right(flat_starts, pos) - 1
        return words[i].start() + pos - flat_starts[i]

    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        needle = without_notes(" ".join(sentence.split()))
        at = clean.find(needle) if needle else -1
        if at >= 0:
            spans.append((original(in_flat[at]), original(in_flat[at + len(needle) - 1]) + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def passage_markdown(text: str, highlight: Sequence[str] = ()) -> str:
    """The passage escaped, with the quoted sentences in **bold** (a sentence never spans a break)."""
    return _passage_markdown(text, tuple(highlight))


# Every rerun of the chat draws the answers given since the page was drawn again, with the same
# passages and quotes: each is marked up once per process.
@lru_cache(maxsize=1024)
def _passage_markdown(text: str, highlight: tuple[str, ...]) -> str:
    out: list[str] = []
    pos = 0
    for start, end in _spans(text, highlight):
        out.append(_lines(escape_md(text[pos:start])))
        quoted = " ".join(text[start:end].split())
        out.append(f"**{escape_md(quoted)}**")
        pos = end
    out.append(_lines(escape_md(text[pos:])))
    return "".join(out)


def source_label(n: int, passage: Passage) -> str:
    """Expander label "[n] title — section (p. X)" (labels are Markdown too, so escaped)."""
    label = f"[{n}] {passage.title}"
    if passage.section:
        label += f" — {passage.section}"
    if passage.page is not None:
        label += f" (p. {passage.page})"
    return escape_md(label)


def passage_facts(passage: Passage) -> str:
    """One escaped line: sector and aanbeveling of a passage."""
    sector = SECTOR_NAMES[passage.sector].removeprefix("het ") if passage.sector else "alle sectoren"
    facts = f"Sector: {sector}"
    if passage.aanbeveling:
        facts += f" · Aanbeveling {passage.aanbeveling.removeprefix('h')}"
    return f"*{escape_md(facts)}*"


def entry_markdown(entry: Entry) -> str:
    """One line of a flow's werkblad: a bold label with its text below it, or a bullet; all escaped.
    The source numbers follow the label ("[1][3]")."""
    refs = " " + escape_md("".join(f"[{n}]" for n in entry.refs)) if entry.refs else ""
    if not entry.text:
        return f"- {escape_md(entry.label)}{refs}"
    return f"**{escape_md(entry.label)}**{refs}  \n{_lines(escape_md(entry.text))}"


def intro_markdown(intro: list[Entry]) -> str:
    """The facts above a werkblad ("**Speerpunt:** …"), one per line, escaped."""
    return "  \n".join(
        f"**{escape_md(e.label)}:** {escape_md(e.text)}" if e.text else escape_md(e.label) for e in intro
    )

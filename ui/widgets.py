"""Streamlit pieces the chat and the forms share: source cards, an answer with its sources, a flow result.

Usage::

    show_answer(answer)                       # text, notice, a card per source
    show_artifact(result.to_artifact(), "zoekplan", key="form")  # downloads, werkblad, sources
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from assistant.answer import Answer
from assistant.flows import Artifact, to_docx, to_markdown
from assistant.models import Passage
from ui.render import (
    answer_markdown,
    entry_markdown,
    escape_md,
    intro_markdown,
    passage_facts,
    passage_markdown,
    quoted_sentences,
    source_label,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def source_card(n: int, passage: Passage, highlight: Sequence[str] = ()) -> None:
    """An expandable source: title, section and page on the label; sector, aanbeveling and text inside."""
    with st.expander(source_label(n, passage)):
        st.markdown(passage_facts(passage))
        st.markdown(passage_markdown(passage.text, highlight))


def show_answer(answer: Answer) -> None:
    """How a follow-up was read, the answer text, a notice if any, and a source card per citation
    (or the related passages when the documents do not answer)."""
    if reading := answer.reading():
        st.caption(escape_md(reading))
    st.markdown(answer_markdown(answer.text))
    if answer.notice:
        st.info(escape_md(answer.notice))
    quoted = quoted_sentences(answer.text)
    for citation in answer.citations:
        source_card(citation.n, citation.passage, quoted)
    if answer.abstained and answer.related:
        st.markdown("**Misschien verwant**")
        for i, hit in enumerate(answer.related, start=1):
            source_card(i, hit.passage)


def download_buttons(markdown: Callable[[], str], docx: Callable[[], bytes], name: str, key: str) -> None:
    """Markdown and Word downloads side by side, made when clicked (a page run does not build a Word
    file nobody asks for); ``key`` keeps buttons of several results apart."""
    with st.container(horizontal=True):
        formats = [("Markdown", markdown, "md", "text/markdown"), ("Word", docx, "docx", DOCX)]
        for label, data, ext, mime in formats:
            st.download_button(
                f"Download als {label}", data, f"{name}.{ext}", mime, key=f"{key}-{ext}", on_click="ignore"
            )


def show_artifact(artifact: Artifact, name: str, key: str) -> None:
    """Download buttons (Markdown and Word), then what the flow made with its sources as cards."""
    download_buttons(lambda: to_markdown(artifact), lambda: to_docx(artifact), name, key)
    with st.container(border=True):
        st.subheader(escape_md(artifact.title), anchor=False)
        st.markdown(intro_markdown(artifact.intro))
        for section in artifact.sections:
            st.markdown(f"#### {escape_md(section.heading)}")  # headings: screen readers can jump
            for entry in section.entries:
                st.markdown(entry_markdown(entry))
        st.markdown("#### Bronnen")
        for n, citation in enumerate(artifact.sources, start=1):
            source_card(n, Passage(**citation))

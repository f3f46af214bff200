"""Leidraad-assistent: a thin Streamlit page over the core (retrieval and answers live in ``assistant``).

Run with ``streamlit run app.py``. Settings come from the environment and ``.env`` (``LEIDRAAD_*``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import streamlit as st

from assistant.answer import Answer
from assistant.llm.providers import describe_llm
from assistant.runtime import Core
from assistant.settings import get_settings
from ingest.errors import IngestError
from ingest.pipeline import IngestPipeline, collect_files
from ingest.uploads import save_upload
from ui.render import (
    answer_markdown,
    escape_md,
    passage_facts,
    passage_markdown,
    quoted_sentences,
    source_label,
    with_sector,
)

MODES = ["Vraag stellen", "Van praktijkvraag naar kennisvraag", "Probleemanalyse", "Interviewvragen"]
SECTORS = {"alle": "Alle sectoren", "po": "po", "vo": "vo", "mbo": "mbo"}

st.set_page_config(page_title="Leidraad-assistent")


@st.cache_resource(show_spinner="De assistent wordt gestart…")
def load_core() -> Core:
    return Core.from_settings(get_settings())


def pipeline(core: Core) -> IngestPipeline:
    return IngestPipeline(core.settings, store=core.store, embedder=core.embedder)


def ingest_corpus(core: Core) -> None:
    """First start: read the bundled documents into an empty store, with visible progress."""
    files = collect_files([core.settings.corpus_dir]) if core.settings.corpus_dir.exists() else []
    with st.status("Eerste start: de documenten worden ingelezen…", expanded=True) as status:
        for path in files:
            st.write(f"{escape_md(path.name)} inlezen…")
            result = pipeline(core).run(path)
            if result.status == "failed":
                st.write(f"Niet gelukt: {escape_md(result.error or '')}")
        status.update(label="Klaar: de documenten zijn ingelezen.", state="complete", expanded=False)


def handle_upload(core: Core, uploaded: Any) -> None:
    """Save and ingest one uploaded file; remember the outcome so it stays visible."""
    try:
        path = save_upload(uploaded.name, uploaded.getvalue(), core.settings)
    except IngestError as err:
        st.session_state.upload_msg = ("error", str(err))
        return
    result = pipeline(core).run(path)
    if result.status == "failed":
        if path.name not in core.store.documents:  # never remove the file behind an ingested document
            path.unlink(missing_ok=True)
        st.session_state.upload_msg = ("error", result.error or "Het bestand kon niet worden ingelezen.")
    elif result.status == "unchanged":
        st.session_state.upload_msg = ("success", f"{path.name} stond er al in; er is niets veranderd.")
    else:
        st.session_state.upload_msg = ("success", f"{path.name} is toegevoegd ({result.chunks} passages).")


def sidebar(core: Core) -> tuple[str, str]:
    with st.sidebar:
        mode = st.radio("Wat wil je doen?", MODES)
        sector = st.selectbox("Sector", list(SECTORS), format_func=SECTORS.__getitem__)
        st.caption("De sector wordt aan je vraag toegevoegd, bijvoorbeeld ‘(in het mbo)’.")

        st.subheader("Documenten")
        for record in sorted(core.store.documents.values(), key=lambda r: r.title):
            name, doc = escape_md(record.title), escape_md(record.doc)
            st.markdown(f"- {name} ({record.chunks} passages)  \n  {doc}")

        uploaded = st.file_uploader("Document toevoegen", type=["pdf", "txt", "docx", "md"])
        if uploaded is not None and st.session_state.get("upload_id") != uploaded.file_id:
            st.session_state.upload_id = uploaded.file_id
            with st.spinner("Het document wordt ingelezen…"):
                handle_upload(core, uploaded)
            st.rerun()
        if msg := st.session_state.get("upload_msg"):
            (st.success if msg[0] == "success" else st.error)(escape_md(msg[1]))

        st.subheader("Antwoordmodus")
        st.write(escape_md(describe_llm(core.settings)))
        st.caption("Taalmodel instellen: zet `LEIDRAAD_LLM_PROVIDER` (en `LEIDRAAD_LLM_MODEL`) in `.env`.")
    return mode, sector


def show_answer(answer: Answer) -> None:
    """The answer text, a notice if any, and a source card per citation (or related passages)."""
    st.markdown(answer_markdown(answer.text))
    if answer.notice:
        st.info(escape_md(answer.notice))
    quoted = quoted_sentences(answer.text)
    for citation in answer.citations:
        with st.expander(source_label(citation.n, citation.passage)):
            st.markdown(passage_facts(citation.passage))
            st.markdown(passage_markdown(citation.passage.text, quoted))
    if answer.abstained and answer.related:
        st.markdown("**Misschien verwant**")
        for i, hit in enumerate(answer.related, start=1):
            with st.expander(source_label(i, hit.passage)):
                st.markdown(passage_facts(hit.passage))
                st.markdown(passage_markdown(hit.passage.text))


def ask(core: Core, question: str) -> Answer:
    """Stream the answer when an LLM is configured, else answer at once; returns the final Answer."""
    if core.settings.llm_provider == "none":
        with st.spinner("Zoeken in de documenten…"):
            answer = core.answerer.answer(question)
        show_answer(answer)
        return answer
    final: list[Answer] = []

    def tokens() -> Iterator[str]:
        for item in core.answerer.stream(question):
            if isinstance(item, Answer):
                final.append(item)
            else:
                yield item

    placeholder = st.empty()
    with placeholder.container():
        st.write_stream(tokens())
    placeholder.empty()
    show_answer(final[-1])
    return final[-1]


def chat(core: Core, sector: str) -> None:
    history: list[dict[str, Any]] = st.session_state.setdefault("history", [])
    for turn in history:
        with st.chat_message(turn["role"]):
            if turn["role"] == "user":
                st.markdown(escape_md(turn["content"]))
            else:
                show_answer(turn["answer"])
    if question := st.chat_input("Stel je vraag over de leidraad…"):
        with st.chat_message("user"):
            st.markdown(escape_md(question))
        history.append({"role": "user", "content": question})
        with st.chat_message("assistant"):
            answer = ask(core, with_sector(question, sector))
        history.append({"role": "assistant", "answer": answer})


def kennisvraag_flow(core: Core, sector: str) -> None:
    """Praktijkvraag → kennisvraag with a zoekplan, downloadable as Markdown and Word."""
    try:
        from assistant.flows.export import to_docx, to_markdown
        from assistant.flows.kennisvraag import KennisvraagBuilder
    except ImportError:
        st.info("Deze begeleide stap komt binnenkort. Stel intussen je vraag via ‘Vraag stellen’.")
        return
    st.caption(
        "Maak van een vraag uit de praktijk een kennisvraag, met zoektermen en bronnen uit de leidraad."
    )
    with st.form("kennisvraag"):
        praktijkvraag = st.text_area(
            "Je praktijkvraag", placeholder="Hoe kunnen we leerlingen beter leren plannen?"
        )
        doelgroep = st.text_input("Doelgroep (optioneel)", placeholder="bijvoorbeeld: leerlingen in klas 1")
        submitted = st.form_submit_button("Maak kennisvraag")
    if submitted:
        try:
            result = KennisvraagBuilder(core.store).run(
                praktijkvraag, sector=None if sector == "alle" else sector, doelgroep=doelgroep
            )
        except (ValueError, LookupError) as err:  # FlowInputError, SourceMissingError: Dutch messages
            st.session_state.pop("kennisvraag_result", None)
            st.error(escape_md(str(err)))
            return
        st.session_state.kennisvraag_result = result
    result = st.session_state.get("kennisvraag_result")
    if result is None:
        return
    artifact = result.to_artifact()
    markdown = to_markdown(artifact)
    st.subheader("Kennisvraag")
    st.success(escape_md(result.kennisvraag))
    with st.expander("Het hele zoekplan", expanded=True):
        st.markdown(markdown)  # built by the flow; Streamlit never renders HTML here
    left, right = st.columns(2)
    left.download_button("Download als Markdown", markdown, "zoekplan.md", "text/markdown")
    right.download_button(
        "Download als Word",
        to_docx(artifact),
        "zoekplan.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def main() -> None:
    st.title("Leidraad-assistent")
    core = load_core()
    if not core.store.documents:
        ingest_corpus(core)
    mode, sector = sidebar(core)
    if mode == "Vraag stellen":
        st.caption("Antwoorden komen uit de documenten, met bronnen. Open een bron om de passage te lezen.")
        chat(core, sector)
    elif mode == "Van praktijkvraag naar kennisvraag":
        st.header(mode)
        kennisvraag_flow(core, sector)
    else:
        st.header(mode)
        st.info("Deze begeleide stap komt binnenkort. Stel intussen je vraag via ‘Vraag stellen’.")


main()

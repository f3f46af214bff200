"""Leidraad-assistent: a thin Streamlit page over the core (retrieval, answers and flows: ``assistant``).

Run with ``streamlit run app.py``. Settings come from the environment and ``.env`` (``LEIDRAAD_*``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
from langchain_core.language_models import BaseChatModel
from pydantic import ValidationError

from assistant.chat import Chat
from assistant.conversations import FILENAME, ConversationStore, Message
from assistant.entrypoint import settings_problem
from assistant.flows import (
    FlowInputError,
    InterviewGenerator,
    KennisvraagBuilder,
    Probleemanalyse,
    ProbleemanalyseSession,
    SourceMissingError,
)
from assistant.flows.chat import ChatFlows
from assistant.flows.interview import MAX_VRAGEN
from assistant.flows.probleemanalyse import Overdracht
from assistant.flows.terugkoppeling import Terugkoppeling
from assistant.llm.providers import LLMConfigError, describe_llm
from assistant.models import SECTORS, Passage, Scope
from assistant.runtime import Core
from assistant.settings import ConfigError, Settings, get_settings
from ingest.pipeline import IngestPipeline, collect_files
from ingest.uploads import ingest_upload
from ui.access import require_access
from ui.chat import chat_page
from ui.conversations import active_conversation, conversation_sidebar, set_active
from ui.documents import document_list, removal_control
from ui.render import escape_md
from ui.widgets import show_artifact, source_card

ASK, PROBLEEM, KENNIS, INTERVIEW = (
    "Vraag stellen",
    "Probleemanalyse",
    "Van praktijkvraag naar kennisvraag",
    "Interviewvragen",
)
SECTOR_CHOICES = {"alle": "Alle sectoren"} | {s: s for s in SECTORS}
FLOW_ERRORS = (FlowInputError, SourceMissingError)  # their messages are Dutch and meant for the user
LLM_HOWTO = (
    "Een taalmodel maakt de antwoorden vloeiender; de bronnen blijven dezelfde. Instellen: zet in het "
    "bestand `.env` bijvoorbeeld `LEIDRAAD_LLM_PROVIDER=ollama` en `LEIDRAAD_LLM_MODEL=llama3.1`, "
    "en start de app opnieuw. De README noemt de andere mogelijkheden."
)

st.set_page_config(page_title="Leidraad-assistent")


@st.cache_resource(show_spinner="De assistent wordt gestart…")
def load_core() -> tuple[Core, str | None]:
    """The core, and why the configured language model cannot be used (answers are then offline)."""
    settings = get_settings()
    try:
        core, problem = Core.from_settings(settings), None
    except LLMConfigError as err:
        core, problem = Core.from_settings(settings.model_copy(update={"llm_provider": "none"})), str(err)
    core.warm_up()
    return core, problem


@st.cache_resource(show_spinner=False)
def load_chat(_core: Core) -> Chat:
    """The chat over the saved conversations of this machine (one SQLite file in the store folder)."""
    conversations = ConversationStore(_core.settings.store_dir / FILENAME)
    return Chat(_core.answerer, ChatFlows(_core.store, chat_model(_core)), conversations)


@st.cache_resource(show_spinner=False)
def pending_files(_core: Core) -> list[Path]:
    """Bundled documents the store lacks or holds in an older version. Looked up once per process;
    the list is emptied once they are ingested (a cached resource is one shared object)."""
    corpus = _core.settings.corpus_dir
    return pipeline(_core).outdated(collect_files([corpus])) if corpus.is_dir() else []


def pipeline(core: Core) -> IngestPipeline:
    return IngestPipeline(core.settings, store=core.store, embedder=core.embedder)


def ingest_pending(core: Core, files: list[Path]) -> None:
    """First start, or changed documents: ingest them before anything else, with visible progress."""
    if core.store.documents:
        label = "Er zijn nieuwe of gewijzigde documenten; die worden nu ingelezen…"
    else:
        label = "Eerste start: de documenten worden ingelezen…"
    failed = False
    with st.status(label, expanded=True) as status:
        bar = st.progress(0.0)
        done = 0

        def advance() -> None:
            nonlocal done
            done += 1
            text = f"{done} van {len(files)} documenten verwerkt" if done < len(files) else "Opslaan…"
            bar.progress(done / len(files), text=text)

        # One commit for the lot (run_many), not one per file: a first start is faster.
        for result in pipeline(core).run_many(files, progress=advance):
            if result.status == "failed":
                failed = True
                st.write(f"Niet gelukt: {escape_md(result.error or result.path.name)}")
        bar.progress(1.0, text="Alle documenten zijn verwerkt.")
        if failed:
            status.update(label="Klaar, maar niet elk document kon worden ingelezen.", state="error")
        else:
            status.update(label="Klaar: de documenten zijn ingelezen.", state="complete", expanded=False)
    files.clear()


def handle_upload(core: Core, uploaded: Any) -> None:
    """Save and ingest one uploaded file; remember the outcome so it stays visible."""
    outcome = ingest_upload(pipeline(core), uploaded.name, uploaded.getvalue())
    st.session_state.upload_msg = ("success" if outcome.ok else "error", outcome.message)


def sidebar(core: Core, llm_problem: str | None) -> str:
    """Sector filter, the documents, upload and the answer mode; returns the chosen sector."""
    with st.sidebar:
        sector = st.selectbox("Sector", list(SECTOR_CHOICES), format_func=SECTOR_CHOICES.__getitem__)
        st.caption(
            "De antwoorden komen dan uit de documenten voor die sector en de algemene documenten. "
            "De begeleide stappen (probleemanalyse, kennisvraag, interviewvragen) gebruiken de sector ook."
        )

        st.subheader("Documenten", anchor=False)
        document_list(core)
        uploaded = st.file_uploader(
            "Document toevoegen (PDF, Word of tekst)",
            type=["pdf", "txt", "docx", "md"],
            max_upload_size=math.ceil(core.settings.max_file_mb),
        )
        if uploaded is not None and st.session_state.get("upload_id") != uploaded.file_id:
            st.session_state.upload_id = uploaded.file_id
            with st.spinner("Het document wordt ingelezen…"):
                handle_upload(core, uploaded)
            st.rerun()
        if msg := st.session_state.get("upload_msg"):
            (st.success if msg[0] == "success" else st.error)(escape_md(msg[1]))
        removal_control(core)

        st.subheader("Antwoordmodus", anchor=False)
        st.write(escape_md(describe_llm(core.settings)))
        if llm_problem:
            st.warning(escape_md(f"Het ingestelde taalmodel werkt niet: {llm_problem}"))
        st.caption(LLM_HOWTO)
    return sector


# -- guided flows ----------------------------------------------------------------------------------


def chat_model(core: Core) -> BaseChatModel | None:
    """The configured language model also polishes the flows' wording (the offline text is the fallback)."""
    return core.answerer.llm.chat_model if core.answerer.llm else None


def flow_sector(sector: str) -> str | None:
    return None if sector == "alle" else sector


def show_chat() -> None:
    """Opening a conversation shows the chat, whatever the page showed before."""
    st.session_state.mode = ASK


def run_flow(key: str, make: Callable[[], Any]) -> None:
    """Run a flow and keep its result in the session; a Dutch error replaces an earlier result."""
    try:
        with st.spinner("Even bezig…"):
            st.session_state[key] = make()
    except FLOW_ERRORS as err:
        st.session_state.pop(key, None)
        st.error(escape_md(str(err)))


def show_terugkoppeling(vraag: str, feedback: Terugkoppeling) -> None:
    """What the last answer names and lacks, and the passage found for it."""
    with st.container(border=True):
        st.markdown(escape_md(f"Bij jullie antwoord op ‘{vraag}’"))
        for controle in feedback.controles:
            icon = ":material/check:" if controle.gevonden else ":material/edit_note:"
            st.markdown(f"{icon} {escape_md(controle.tekst)}")
        for n, citation in enumerate(feedback.passages, start=1):
            st.caption("Uit de leidraad, gevonden bij jullie antwoord")
            source_card(n, Passage(**citation))


def hand_over(core: Core, overdracht: Overdracht, target: str) -> None:
    """Carry speerpunt, sector and doelgroep into the kennisvraag or interview form, or into the chat
    (a new conversation holding both flows' results); then show that page. A button callback: it runs
    before the page is drawn, so the forms show the carried-over values."""
    try:
        if target == KENNIS:
            st.session_state.update(
                kv_praktijkvraag=overdracht.speerpunt, kv_doelgroep=overdracht.doelgroep or ""
            )
            builder = KennisvraagBuilder(core.store, chat_model(core))
            st.session_state.kennisvraag_resultaat = builder.run(**overdracht.kennisvraag)
        elif target == INTERVIEW:
            st.session_state.update(
                iv_speerpunt=overdracht.speerpunt,
                iv_doelgroep=overdracht.interview_doelgroep,
                iv_fase=overdracht.interview_fase,
            )
            generator = InterviewGenerator(core.store, chat_model(core))
            st.session_state.interview_resultaat = generator.run(**overdracht.interview)
        else:
            chat = load_chat(core)
            exchanges = [chat.flows.handover(overdracht, flow) for flow in ("kennisvraag", "interview")]
            cid = chat.new(exchanges[0][0])
            for message, reply in exchanges:
                chat.conversations.append(cid, Message("user", message), Message.of_flow(reply))
            set_active(cid)
    except FLOW_ERRORS as err:
        st.session_state.flow_error = str(err)
        return
    st.session_state.mode = target


def probleemanalyse_flow(core: Core, sector: str) -> None:
    """Probleemanalyse, one question at a time (back, skip, next), each answer answered with a check
    and a passage, ending in a werkblad with a concept-probleemstelling and the hand-over."""
    session: ProbleemanalyseSession | None = st.session_state.get("probleemanalyse_sessie")
    if session is None:
        st.caption(
            "Breng met je team het probleem in kaart, vraag voor vraag. De vragen komen uit de leidraad; "
            "aan het eind download je een werkblad voor het overleg."
        )
        with st.form("probleemanalyse-start"):
            speerpunt = st.text_input(
                "Waar werkt het team aan? (het speerpunt)",
                placeholder="bijvoorbeeld: leerlingen plannen hun huiswerk slecht",
            )
            start = st.form_submit_button("Begin", type="primary")
        if start:
            flow = Probleemanalyse(core.store, chat_model(core), core.retriever)
            run_flow("probleemanalyse_sessie", lambda: flow.start(speerpunt, flow_sector(sector)))
            if "probleemanalyse_sessie" in st.session_state:
                st.rerun()
        return

    step, total = session.current, len(session.steps)
    if last := st.session_state.get("probleemanalyse_terugkoppeling"):
        show_terugkoppeling(*last)
    if error := st.session_state.pop("flow_error", None):
        st.error(escape_md(error))
    if step is None:
        st.progress(1.0, text=f"Klaar: alle {total} vragen zijn doorlopen.")
        st.success(
            "Hieronder staat het werkblad met een concept-probleemstelling. Download het en neem het mee "
            "naar het overleg. Ga daarna verder met het speerpunt:"
        )
        overdracht = session.overdracht()
        kennis, interview, chat = st.columns(3)
        for column, target, label in (
            (kennis, KENNIS, "Maak de kennisvraag"),
            (interview, INTERVIEW, "Maak interviewvragen"),
            (chat, ASK, "Verder in de chat"),
        ):
            column.button(label, on_click=hand_over, args=(core, overdracht, target), width="stretch")
        show_artifact(session.werkblad(), "werkblad-probleemanalyse", key="werkblad")
        if st.button("Vorige vraag"):
            session.back()
            st.rerun()
    else:
        position = session.state.positie
        st.progress(position / total, text=escape_md(f"Vraag {position + 1} van {total} · {step.fase}"))
        st.caption(escape_md(step.uitleg))
        with st.form(f"probleemanalyse-{step.id}"):
            text = st.text_area(
                escape_md(step.vraag), value=session.state.antwoorden.get(step.id, ""), key=f"pa-{step.id}"
            )
            back, skip, forward = st.columns(3)
            go_back = back.form_submit_button("Vorige", disabled=position == 0, width="stretch")
            go_skip = skip.form_submit_button("Overslaan", width="stretch")
            go_forward = forward.form_submit_button("Volgende", type="primary", width="stretch")
        if go_back or go_skip or go_forward:
            st.session_state.pop("probleemanalyse_terugkoppeling", None)
            if go_back:
                session.edit(step.id, text or "")  # keep what was typed before going back
                session.back()
            elif go_skip:
                session.skip()
            else:
                with st.spinner("Even kijken wat de leidraad bij jullie antwoord zegt…"):
                    if feedback := session.answer(text or ""):
                        st.session_state.probleemanalyse_terugkoppeling = (step.vraag, feedback)
            st.rerun()
        st.markdown("**Uit de leidraad**")
        for n, citation in enumerate(step.citations, start=1):
            source_card(n, Passage(**citation), [step.vraag])
    if st.button("Opnieuw beginnen"):
        del st.session_state["probleemanalyse_sessie"]
        st.session_state.pop("probleemanalyse_terugkoppeling", None)
        st.rerun()


def kennisvraag_flow(core: Core, sector: str) -> None:
    """Praktijkvraag → kennisvraag with a zoekplan, downloadable as Markdown and Word."""
    st.caption(
        "Maak van een vraag uit de praktijk een kennisvraag, met zoektermen en bronnen uit de leidraad."
    )
    with st.form("kennisvraag"):
        praktijkvraag = st.text_area(
            "Je praktijkvraag",
            placeholder="Hoe kunnen we leerlingen beter leren plannen?",
            key="kv_praktijkvraag",
        )
        doelgroep = st.text_input(
            "Doelgroep (mag leeg blijven)",
            placeholder="bijvoorbeeld: leerlingen in klas 1",
            key="kv_doelgroep",
        )
        submitted = st.form_submit_button("Maak kennisvraag", type="primary")
    if submitted:
        builder = KennisvraagBuilder(core.store, chat_model(core))
        run_flow("kennisvraag_resultaat", lambda: builder.run(praktijkvraag, flow_sector(sector), doelgroep))
    if result := st.session_state.get("kennisvraag_resultaat"):
        st.markdown("**Je kennisvraag**")
        st.success(escape_md(result.kennisvraag))
        show_artifact(result.to_artifact(), "zoekplan", key="kennisvraag")


def interview_flow(core: Core, sector: str) -> None:
    """Interview- en monitoringvragen for a speerpunt, doelgroep and fase, as a protocol to download."""
    generator = InterviewGenerator(core.store, chat_model(core))
    doelgroepen, fasen = generator.doelgroepen(), generator.fasen()
    st.caption("Maak open vragen voor een interview of gesprek. Elke vraag komt uit de leidraad.")
    with st.form("interview"):
        speerpunt = st.text_input(
            "Speerpunt", placeholder="bijvoorbeeld: huiswerk plannen", key="iv_speerpunt"
        )
        doelgroep = st.selectbox(
            "Wie interview je?", list(doelgroepen), format_func=doelgroepen.__getitem__, key="iv_doelgroep"
        )
        fase = st.selectbox(
            "Wanneer?", list(fasen), format_func=lambda key: fasen[key].capitalize(), key="iv_fase"
        )
        aantal = st.number_input("Hoeveel vragen?", min_value=1, max_value=MAX_VRAGEN, value=8)
        submitted = st.form_submit_button("Maak vragen", type="primary")
    if submitted:
        run_flow(
            "interview_resultaat",
            lambda: generator.run(speerpunt, doelgroep, fase, int(aantal), flow_sector(sector)),
        )
    if result := st.session_state.get("interview_resultaat"):
        show_artifact(result.to_artifact(), "interviewprotocol", key="interview")


def settings_or_stop() -> Settings:
    """The settings; a value they reject stops the page with the Dutch line the CLI prints too."""
    try:
        return get_settings()
    except ValidationError as err:
        st.error(escape_md(f"Fout in de instellingen: {settings_problem(err)}"))
        st.stop()


def main() -> None:
    require_access(settings_or_stop())
    st.title("Leidraad-assistent", anchor=False)
    try:
        core, llm_problem = load_core()
    except ConfigError as err:  # e.g. an embedder folder that is not there
        st.error(escape_md(f"Fout in de instellingen: {err}"))
        st.stop()
    if files := pending_files(core):
        ingest_pending(core, files)
    chat = load_chat(core)
    active_conversation(chat.conversations)
    with st.sidebar:
        conversation_sidebar(chat.conversations, on_open=show_chat)
    sector = sidebar(core, llm_problem)
    mode = st.radio("Wat wil je doen?", [ASK, PROBLEEM, KENNIS, INTERVIEW], horizontal=True, key="mode")
    if mode == ASK:
        chat_page(chat, Scope(sector=flow_sector(sector)), streaming=core.answerer.llm is not None)
    elif mode == PROBLEEM:
        probleemanalyse_flow(core, sector)
    elif mode == KENNIS:
        kennisvraag_flow(core, sector)
    else:
        interview_flow(core, sector)


main()

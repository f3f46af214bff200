"""Page logic of app.py through Streamlit's AppTest (in-process, no browser)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from streamlit.testing.v1 import AppTest

from assistant.answer import Answer, Answerer
from assistant.conversations import FILENAME, Conversation, ConversationStore
from assistant.flows.export import Entry
from assistant.llm import generate
from assistant.models import Scope, Turn
from assistant.runtime import Core
from assistant.sentences import split_sentences
from tests.conftest import CORPUS
from tests.ui.conftest import APP, start_app
from ui.render import (
    answer_markdown,
    entry_markdown,
    escape_md,
    intro_markdown,
    passage_markdown,
    quoted_sentences,
)

QUESTION = "Hoe borg je verbeteringen in het mbo?"


def _click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def _mode(at: AppTest, mode: str) -> AppTest:
    at.radio[0].set_value(mode).run()
    assert not at.exception, at.exception
    return at


def _downloads(at: AppTest) -> list[str]:
    return [d.proto.label for d in at.get("download_button")]


def _saved(at: AppTest, core: Core) -> Conversation:
    """The conversation the page shows, as saved in the store folder."""
    store = ConversationStore(core.settings.store_dir / FILENAME)
    return store.get(at.session_state["conversation_id"])


def _answer(at: AppTest, core: Core, n: int = 1) -> Answer:
    answer = _saved(at, core).messages[n].answer
    assert answer is not None
    return answer


def test_app_loads_and_answers_with_sources(app_env: Core) -> None:
    at = start_app()
    assert at.title[0].value == "Leidraad-assistent"
    assert at.radio[0].label == "Wat wil je doen?"
    assert not at.status  # the store is up to date: nothing to ingest
    docs = " ".join(m.value for m in at.sidebar.markdown)
    assert "passages" in docs and "Offline" in docs
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception, at.exception
    assert len(at.chat_message) == 2
    assert at.chat_message[1].name == "assistant"
    assert at.expander and at.expander[0].label.startswith("\\[1\\]")
    answer = _answer(at, app_env)
    assert not answer.abstained and answer.citations
    assert at.query_params["c"] == at.session_state["conversation_id"]  # a reload reopens it
    # The quoted sentences are bold inside the source card, which names sector and aanbeveling.
    card = [m.value for m in at.expander[0].markdown]
    assert "Sector" in card[0] and any("**" in m for m in card[1:])


def test_sector_filter_is_a_scope_not_words_in_the_question(app_env: Core) -> None:
    at = start_app()
    next(s for s in at.sidebar.selectbox if s.label == "Sector").select("po").run()
    at.chat_input[0].set_value("Hoe monitor je een verbeterplan?").run()
    assert not at.exception, at.exception
    answer = _answer(at, app_env)
    assert answer.question == "Hoe monitor je een verbeterplan?"
    expected = app_env.answerer.answer("Hoe monitor je een verbeterplan?", scope=Scope(sector="po"))
    assert answer.citations == expected.citations
    assert all(c.passage.sector in (None, "po") for c in answer.citations)


def test_follow_up_gets_the_conversation_as_history(app_env: Core, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, tuple[Turn, ...]]] = []
    stream = Answerer.stream

    def spy(self: Answerer, question: str, history=(), scope=None) -> Iterator[str | Answer]:
        seen.append((question, tuple(history)))
        yield from stream(self, question, history, scope)

    monkeypatch.setattr(Answerer, "stream", spy)
    at = start_app()
    at.chat_input[0].set_value(QUESTION).run()
    at.chat_input[0].set_value("En in het po?").run()
    assert not at.exception, at.exception
    first = _answer(at, app_env)
    assert seen[1] == ("En in het po?", (Turn("user", QUESTION), Turn("assistant", first.text)))
    assert len(at.chat_message) == 4


def test_conversations_are_listed_reopened_renamed_and_deleted(app_env: Core) -> None:
    at = start_app()
    at.chat_input[0].set_value("Wat is een kennisvraag?").run()
    cid = at.session_state["conversation_id"]
    titles = [b.label for b in at.sidebar.button]
    assert "Wat is een kennisvraag?" in titles

    _click(at, "Nieuw gesprek")
    assert not at.chat_message and at.session_state["conversation_id"] is None
    assert "c" not in at.query_params

    fresh = AppTest.from_file(APP, default_timeout=120)  # another tab: starts empty…
    fresh.run()
    assert not fresh.chat_message
    _click(fresh, "Wat is een kennisvraag?")  # …until it opens a conversation itself
    assert fresh.session_state["conversation_id"] == cid and len(fresh.chat_message) == 2

    reloaded = AppTest.from_file(APP, default_timeout=120)  # a reload: the address names it
    reloaded.query_params["c"] = cid
    reloaded.run()
    assert len(reloaded.chat_message) == 2
    assert _downloads(reloaded)[:2] == ["Download als Markdown", "Download als Word"]

    next(t for t in reloaded.sidebar.text_input if t.label == "Naam").input("Kennisvraag uitgelegd")
    _click(reloaded, "Naam opslaan")
    assert "Kennisvraag uitgelegd" in [b.label for b in reloaded.sidebar.button]
    reloaded.sidebar.checkbox[0].check().run()
    _click(reloaded, "Gesprek verwijderen")
    assert not reloaded.chat_message
    assert "Kennisvraag uitgelegd" not in [b.label for b in reloaded.sidebar.button]


def test_many_conversations_can_be_searched_by_name(app_env: Core) -> None:
    store = ConversationStore(app_env.settings.store_dir / FILENAME)
    made = [store.create(f"Zoektest {n} {'borging' if n % 3 == 0 else 'monitoren'}") for n in range(9)]
    at = start_app()
    search = next(t for t in at.sidebar.text_input if t.label == "Zoek een gesprek")
    search.input("BORGING").run()
    titles = [b.label for b in at.sidebar.button if b.label.startswith("Zoektest")]
    assert titles == ["Zoektest 6 borging", "Zoektest 3 borging", "Zoektest 0 borging"]  # newest first
    for cid in made:
        store.delete(cid)


def test_kennisvraag_asked_and_refined_in_the_chat(app_env: Core) -> None:
    at = start_app()
    at.chat_input[0].set_value(
        "help me van deze praktijkvraag een kennisvraag te maken: "
        "Hoe zorgen we dat leerlingen in de brugklas minder vaak hun spullen vergeten?"
    ).run()
    assert not at.exception, at.exception
    assert "Je kennisvraag" in at.chat_message[1].markdown[0].value
    assert "Download als Markdown" in _downloads(at)
    at.chat_input[0].set_value("specifieker voor klas 1").run()
    assert not at.exception, at.exception
    reply = _saved(at, app_env).messages[3]
    assert reply.flow is not None and reply.flow.params["doelgroep"] == "klas 1"
    assert "Aangepast" in at.chat_message[3].markdown[0].value


@pytest.mark.parametrize("grounded", [True, False], ids=["grounded", "ungrounded"])
def test_streamed_llm_answer_passes_the_grounding_guard(
    app_env: Core, monkeypatch: pytest.MonkeyPatch, grounded: bool
) -> None:
    """A fake chat model behind the core's Answerer: its tokens are streamed to the page, then the
    guard keeps a grounded answer, or replaces an ungrounded one by the offline answer with a notice."""
    top = app_env.retriever.search(QUESTION, k=8)[0].passage
    sentence = max(split_sentences(top.text), key=len)
    reply = f"{sentence} [1]" if grounded else "Borging regel je met een ruimteschip en een goochelaar [1]."
    monkeypatch.setenv("LEIDRAAD_LLM_PROVIDER", "ollama")
    monkeypatch.setenv("LEIDRAAD_LLM_MODEL", "nepmodel")
    monkeypatch.setattr(
        generate,
        "build_chat_model",
        lambda _settings: GenericFakeChatModel(messages=iter([AIMessage(reply)])),
    )
    streamed: list[str | Answer] = []
    stream = Answerer.stream

    def spy(self: Answerer, question: str, history=(), scope=None) -> Iterator[str | Answer]:
        for item in stream(self, question, history, scope):
            streamed.append(item)
            yield item

    monkeypatch.setattr(Answerer, "stream", spy)
    at = start_app()
    assert "nepmodel" in " ".join(m.value for m in at.sidebar.markdown)
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception, at.exception

    tokens = [t for t in streamed if isinstance(t, str)]
    assert len(tokens) > 1 and "".join(tokens) == reply  # token by token, as the model wrote them
    answer = _answer(at, app_env)
    assert streamed[-1] == answer  # the final Answer, saved as it was
    assert at.expander and answer.citations
    if grounded:
        assert answer.mode == "llm" and sentence.rstrip(".") in answer.text and not at.info
    else:
        assert answer.mode == "offline" and "ruimteschip" not in answer.text
        assert "taalmodel" in at.info[0].value


def test_broken_llm_settings_fall_back_to_offline_answers(
    app_env: Core, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEIDRAAD_LLM_PROVIDER", "ollama")  # and no LEIDRAAD_LLM_MODEL
    monkeypatch.delenv("LEIDRAAD_LLM_MODEL", raising=False)
    at = start_app()
    assert "LEIDRAAD\\_LLM\\_MODEL" in at.sidebar.warning[0].value
    assert "Offline" in " ".join(m.value for m in at.sidebar.markdown)
    at.chat_input[0].set_value(QUESTION).run()
    assert not at.exception, at.exception
    assert _answer(at, app_env).mode == "offline"


def test_first_start_ingests_with_progress_and_a_changed_file_again(
    fresh_app: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    poster = corpus / "po-poster-werken-aan-onderwijsverbetering.txt"
    poster.write_text((CORPUS / poster.name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("LEIDRAAD_STORE_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("LEIDRAAD_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("LEIDRAAD_LLM_PROVIDER", "none")

    at = start_app()
    assert at.status[0].label == "Klaar: de documenten zijn ingelezen." and at.status[0].state == "complete"
    assert "passages" in " ".join(m.value for m in at.sidebar.markdown)
    assert not start_app().status  # checked once per process

    new = "Borging vraagt elk schooljaar een borgingsgesprek met het hele team."
    poster.write_text(poster.read_text(encoding="utf-8") + f"\n{new}\n")
    st.cache_resource.clear()  # as a restart of the app
    at = start_app()
    assert at.status[0].state == "complete"
    at.chat_input[0].set_value("Wat vraagt borging elk schooljaar?").run()
    store = ConversationStore(tmp_path / "store" / FILENAME)
    answer = store.get(at.session_state["conversation_id"]).messages[1].answer
    assert answer is not None and new in answer.text


def test_probleemanalyse_steps_back_and_forth_to_a_werkblad(app_env: Core) -> None:
    at = _mode(start_app(), "Probleemanalyse")
    _click(at, "Begin")  # no speerpunt yet
    assert "speerpunt" in at.error[0].value

    at.text_input[0].input("Leerlingen plannen hun huiswerk slecht")
    _click(at, "Begin")
    progress = at.get("progress")[0].proto
    total = int(progress.text.split(" van ")[1].split()[0])
    assert progress.text.startswith("Vraag 1 van") and total > 5
    assert at.text_area[0].label == "Wat is het probleem of de verbeterwens?"
    assert at.expander  # the leidraad passages behind the question
    assert next(b for b in at.button if b.label == "Vorige").disabled

    at.text_area[0].input("Huiswerk komt te laat binnen")
    _click(at, "Volgende")
    assert at.get("progress")[0].proto.text.startswith("Vraag 2 van")
    _click(at, "Vorige")
    assert at.text_area[0].value == "Huiswerk komt te laat binnen"  # the answer is kept

    for _ in range(total):
        _click(at, "Overslaan")
    assert at.get("progress")[0].proto.value == 100
    assert _downloads(at) == ["Download als Markdown", "Download als Word"]
    werkblad = " ".join(m.value for m in at.markdown)
    assert "Huiswerk komt te laat binnen" in werkblad and "Open punten" in werkblad
    _click(at, "Vorige vraag")
    assert at.text_area
    _click(at, "Opnieuw beginnen")
    assert [b.label for b in at.main.button] == ["Begin"]


def test_kennisvraag_flow_reports_errors_in_dutch_and_gives_a_zoekplan(app_env: Core) -> None:
    at = _mode(start_app(), "Van praktijkvraag naar kennisvraag")
    _click(at, "Maak kennisvraag")  # empty praktijkvraag
    assert "praktijkvraag" in at.error[0].value
    at.text_area[0].input("Hoe kunnen we leerlingen beter leren plannen?")
    _click(at, "Maak kennisvraag")
    assert not at.error
    assert at.success[0].value.endswith("?")
    assert _downloads(at) == ["Download als Markdown", "Download als Word"]
    assert len(at.expander) >= 2  # the leidraad passages of the zoekplan


def test_interview_flow_gives_a_protocol(app_env: Core) -> None:
    at = _mode(start_app(), "Interviewvragen")
    at.text_input[0].input("huiswerk plannen")
    next(s for s in at.selectbox if s.label == "Wie interview je?").select("leerlingen")
    next(s for s in at.selectbox if s.label == "Wanneer?").select("monitoren")
    at.number_input[0].set_value(3)
    _click(at, "Maak vragen")
    protocol = [m.value for m in at.markdown]
    assert sum(m.startswith(("**1\\.", "**2\\.", "**3\\.")) for m in protocol) == 3
    assert not any(m.startswith("**4\\.") for m in protocol)
    assert _downloads(at) == ["Download als Markdown", "Download als Word"]


def test_interview_flow_speaks_as_the_chosen_sector(app_env: Core) -> None:
    at = _mode(start_app(), "Interviewvragen")
    next(s for s in at.sidebar.selectbox if s.label == "Sector").select("po").run()
    at.text_input[0].input("samen spelen op het plein")
    next(s for s in at.selectbox if s.label == "Wie interview je?").select("leerlingen")
    _click(at, "Maak vragen")
    assert any("juf of meester" in m.value for m in at.markdown)


# -- rendering helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "**vet** [link](http://x) $x$ :red[a] &amp;"])
def test_document_and_user_text_is_escaped(text: str) -> None:
    outputs = [passage_markdown(text), entry_markdown(Entry(text, text)), intro_markdown([Entry(text, text)])]
    for out in outputs:
        for raw in ["<script>", "**vet**", "[link](", "$x$", ":red[", " &amp;"]:
            assert raw not in out


def test_quoted_sentences_are_bold() -> None:
    answer = "Volgens de poster:\n- Borging vraagt om tijd en aandacht. [1]\n- Iets anders hier staat. [2]"
    assert quoted_sentences(answer) == ["Borging vraagt om tijd en aandacht.", "Iets anders hier staat."]
    out = passage_markdown("Intro.\nBorging vraagt om tijd\nen aandacht. Rest.", quoted_sentences(answer))
    assert "**Borging vraagt om tijd en aandacht\\.**" in out
    # The space between a bullet and a quoted sentence stays.
    assert passage_markdown("• Iets anders hier staat.", quoted_sentences(answer)).startswith("• **Iets")
    assert answer_markdown(answer).splitlines()[1].startswith("- Borging")
    assert escape_md("[1]") == "\\[1\\]"


def test_a_sentence_quoted_without_its_footnote_marks_is_bold_with_them() -> None:
    answer = "Volgens de leidraad:\n- Weerstand betekent oprechte zorgen. Daarom is dialoog nodig. [1]"
    out = passage_markdown(
        "Intro.\nWeerstand betekent oprechte zorgen.34,35 Daarom is\ndialoog nodig. Rest.",
        quoted_sentences(answer),
    )
    assert "**Weerstand betekent oprechte zorgen\\.34,35 Daarom is dialoog nodig\\.**" in out


def test_werkblad_entries() -> None:
    assert entry_markdown(Entry("Vraag?", "Regel 1\nRegel 2", (1, 3))) == (
        "**Vraag?** \\[1\\]\\[3\\]  \nRegel 1  \nRegel 2"
    )
    assert entry_markdown(Entry("Open punt", refs=(2,))) == "- Open punt \\[2\\]"
    assert intro_markdown([Entry("Speerpunt", "plannen"), Entry("Een opmerking.")]) == (
        "**Speerpunt:** plannen  \nEen opmerking\\."
    )


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("LEIDRAAD_CHUNK_MAX_CHARS", "veel", "LEIDRAAD_CHUNK_MAX_CHARS"),  # a value the settings reject
        ("LEIDRAAD_EMBEDDER", "sentence-transformers", "LEIDRAAD_EMBEDDER_PATH"),  # one that cannot work
    ],
)
def test_a_wrong_setting_shows_the_fix_not_a_traceback(
    app_env: Core, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    at = start_app()
    assert any(
        named in e.value.replace("\\", "") and "Fout in de instellingen" in e.value for e in at.error
    ), [e.value for e in at.error]
    assert not at.chat_input  # nothing that would need the core

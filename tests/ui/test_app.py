"""Page logic of app.py through Streamlit's AppTest (in-process, no browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.settings import ROOT
from ui.render import answer_markdown, escape_md, passage_markdown, quoted_sentences, with_sector

APP = str(ROOT / "app.py")


def _app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def test_app_loads_and_answers_with_sources(ui_env: tuple[Path, Path]) -> None:
    at = _app()
    assert at.title[0].value == "Leidraad-assistent"
    assert at.sidebar.radio[0].label == "Wat wil je doen?"
    docs = " ".join(m.value for m in at.sidebar.markdown)
    assert "passages" in docs
    at.chat_input[0].set_value("Hoe borg je verbeteringen in het mbo?").run()
    assert not at.exception, at.exception
    assert len(at.chat_message) == 2
    assert at.chat_message[1].name == "assistant"
    assert len(at.expander) >= 1
    assert at.expander[0].label.startswith("\\[1\\]")
    answer = at.session_state["history"][1]["answer"]
    assert not answer.abstained and answer.citations
    # The quoted sentences are bold inside the source card.
    assert any("**" in m.value for m in at.expander[0].markdown)


def test_sector_filter_and_other_modes(ui_env: tuple[Path, Path]) -> None:
    at = _app()
    at.sidebar.selectbox[0].select("po").run()
    at.chat_input[0].set_value("Wat is borging?").run()
    assert not at.exception
    assert at.session_state["history"][1]["answer"].question == "Wat is borging? (in het po)"
    at.sidebar.radio[0].set_value("Probleemanalyse").run()
    assert not at.exception
    assert at.info and "binnenkort" in at.info[0].value


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "**vet** [link](http://x) $x$ :red[a] &amp;"])
def test_document_text_is_escaped(text: str) -> None:
    out = passage_markdown(text)
    for raw in ["<script>", "**vet**", "[link](", "$x$", ":red[", " &amp;"]:
        assert raw not in out


def test_quoted_sentences_are_bold() -> None:
    answer = "Volgens de poster:\n- Borging vraagt om tijd en aandacht. [1]\n- Iets anders hier staat. [2]"
    assert quoted_sentences(answer) == ["Borging vraagt om tijd en aandacht.", "Iets anders hier staat."]
    out = passage_markdown("Intro.\nBorging vraagt om tijd\nen aandacht. Rest.", quoted_sentences(answer))
    assert "**Borging vraagt om tijd en aandacht\\.**" in out
    assert answer_markdown(answer).splitlines()[1].startswith("- Borging")
    assert escape_md("[1]") == "\\[1\\]"
    assert with_sector("Wat is borging?", "mbo") == "Wat is borging? (in het mbo)"
    assert with_sector("Wat is borging?", "alle") == "Wat is borging?"


def test_kennisvraag_flow_reports_errors_in_dutch(ui_env: tuple[Path, Path]) -> None:
    at = _app()
    at.sidebar.radio[0].set_value("Van praktijkvraag naar kennisvraag").run()
    at.button[0].click().run()  # empty praktijkvraag
    assert not at.exception, at.exception
    assert at.error and "praktijkvraag" in at.error[0].value
    # The two-poster store lacks the leidraad's zoekvraag passages: a Dutch error, or a result to download.
    at.text_area[0].input("Hoe kunnen we leerlingen beter leren plannen?")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.error or len(at.get("download_button")) == 2

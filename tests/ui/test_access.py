"""The access gate: with a code set, nothing of the app shows until the visitor enters it; without a code
the app refuses to show itself on a network address."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import ui.access
from assistant.runtime import Core
from tests.ui.conftest import start_app

CODE = "kikker-42"


def enter(at: AppTest, code: str) -> AppTest:
    at.text_input[0].input(code)
    next(b for b in at.button if b.label == "Openen").click().run()
    assert not at.exception, at.exception
    return at


def shows_the_app(at: AppTest) -> bool:
    return bool(at.radio) or bool(at.chat_input) or bool(at.sidebar.selectbox)


@pytest.fixture
def with_code(app_env: Core, monkeypatch: pytest.MonkeyPatch) -> Core:
    monkeypatch.setenv("LEIDRAAD_ACCESS_CODE", CODE)
    monkeypatch.setattr(ui.access, "WRONG_CODE_PAUSE_S", 0.0)
    return app_env


def test_code_is_asked_before_anything_else(with_code: Core) -> None:
    at = start_app()
    assert [t.label for t in at.text_input] == ["Toegangscode"]
    assert at.text_input[0].proto.type == at.text_input[0].proto.PASSWORD
    assert not shows_the_app(at)
    assert not at.sidebar.markdown  # not even the list of documents


def test_wrong_code_keeps_the_app_closed(with_code: Core) -> None:
    at = enter(start_app(), "kikker-43")
    assert [e.value for e in at.error] == [
        "Deze code klopt niet. Controleer hoofdletters en spaties, of vraag de code opnieuw."
    ]
    assert not shows_the_app(at)


def test_right_code_opens_the_app_for_this_session(with_code: Core) -> None:
    at = enter(start_app(), CODE)
    assert shows_the_app(at) and at.title[0].value == "Leidraad-assistent"
    at.run()  # the next rerun of the same session asks no code again
    assert shows_the_app(at) and not at.text_input


def test_network_address_without_code_shows_only_the_fix(app_env: Core) -> None:
    st.config.set_option("server.address", "0.0.0.0")
    at = start_app()
    assert len(at.error) == 1 and "Zet LEIDRAAD_ACCESS_CODE" in at.error[0].value
    assert not shows_the_app(at)

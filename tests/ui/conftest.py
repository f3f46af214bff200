"""The UI tests run the app on the session's corpus store (the flows need the whole leidraad)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.dutch import DutchAnalyser
from assistant.runtime import Core
from assistant.settings import ROOT, get_settings
from tests.conftest import CORPUS

APP = str(ROOT / "app.py")


def start_app() -> AppTest:
    """The app's first run in a new tab, which must not raise."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def fresh_app() -> Iterator[None]:
    """Settings and the app's cached core built afresh: ``st.cache_resource`` lives for the whole
    process, across AppTests, so a test with other settings would otherwise see the last core."""
    get_settings.cache_clear()
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    get_settings.cache_clear()
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def app_env(corpus_core: Core, frog: DutchAnalyser, monkeypatch: pytest.MonkeyPatch, fresh_app: None) -> Core:
    """Point the app at the corpus store with offline answers (no .env LLM) and the session's Frog;
    returns the test's core over the same store."""
    monkeypatch.setenv("LEIDRAAD_STORE_DIR", str(corpus_core.settings.store_dir))
    monkeypatch.setenv("LEIDRAAD_CORPUS_DIR", str(CORPUS))
    monkeypatch.setenv("LEIDRAAD_LLM_PROVIDER", "none")
    return corpus_core


@pytest.fixture(autouse=True)
def loopback_address() -> Iterator[None]:
    """AppTest reads .streamlit/config.toml only when run from the repository folder; without it the
    access gate would see Streamlit's default address (every interface) and show nothing else."""
    before = st.get_option("server.address")
    st.config.set_option("server.address", "127.0.0.1")
    yield
    st.config.set_option("server.address", before)

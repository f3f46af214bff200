"""The retrieval core for tools people already use: a LangChain retriever and an MCP server.

* ``assistant.integrations.langchain.LeidraadRetriever``: passages as LangChain ``Document``s.
* ``assistant.integrations.mcp_server``: ``python -m assistant mcp``, tools over stdio.

Both reach the core through ``LazyCore``: building it loads the embedder, so it happens once, on
first use, and not while a LangChain app or an MCP client is still starting up.

Usage::

    lazy = LazyCore()                    # settings from the environment, like the CLI
    hits = lazy.get().search("borging in het mbo", k=5)
"""

from __future__ import annotations

import threading

from assistant.runtime import Core
from assistant.settings import Settings, get_settings


class EmptyStoreError(RuntimeError):
    """The store holds no documents yet: nothing can be found or cited."""


class LazyCore:
    """One ``Core`` per owner, built on first ``get()``; safe to call from several threads.

    Usage::

        LazyCore()                           # get_settings(): LEIDRAAD_* variables and .env
        LazyCore(settings=Settings(store_dir=Path("/data/store")))
        LazyCore(core=existing_core)         # share a core the application already has
    """

    def __init__(self, settings: Settings | None = None, core: Core | None = None) -> None:
        if settings is not None and core is not None:
            raise ValueError(
                "Geef settings óf een core, niet allebei: een core heeft al zijn eigen settings."
            )
        self._settings = settings
        self._core = core
        self._lock = threading.Lock()

    def get(self) -> Core:
        """The core; raises ``EmptyStoreError`` (with the fix) while nothing is ingested."""
        if self._core is None:
            with self._lock:
                if self._core is None:
                    self._core = Core.from_settings(self._settings or get_settings())
        core = self._core
        # Checked on every call: another process may ingest while we run.
        if not core.store.snapshot().documents:
            raise EmptyStoreError(
                f"De index in {core.settings.store_dir} bevat nog geen documenten. Lees ze eerst in met "
                "`python -m ingest` (of `make ingest`), of wijs LEIDRAAD_STORE_DIR naar een ingelezen index."
            )
        return core

"""Fixtures for the flow tests: the flows over the session's real corpus store, and a citation check."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.runtime import Core


@pytest.fixture
def assert_in_store(corpus_core: Core):
    """Check that every citation names a passage of the store, with the same place and exact text."""

    def check(citations: list[dict[str, Any]]) -> None:
        assert citations, "een flow zonder bronnen"
        by_id = {p.id: p for p in corpus_core.store.passages}
        for c in citations:
            passage = by_id.get(c["id"])
            assert passage is not None, c
            assert (c["doc"], c["section"], c["page"], c["text"]) == (
                passage.doc,
                passage.section,
                passage.page,
                passage.text,
            )

    return check

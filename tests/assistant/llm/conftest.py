"""Fixtures for the LLM layer tests."""

from __future__ import annotations

import pytest

from assistant.models import Hit
from tests.assistant.llm.helpers import PLAN, SUBTEAMS, make_hit


@pytest.fixture
def hits() -> list[Hit]:
    return [make_hit(1, PLAN), make_hit(2, SUBTEAMS, section="Aanbeveling 1 › Subteams", page=None)]

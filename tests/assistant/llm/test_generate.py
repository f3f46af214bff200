from __future__ import annotations

import time

import pytest
from langchain_core.language_models.fake_chat_models import (
    FakeListChatModel,
    FakeMessagesListChatModel,
    GenericFakeChatModel,
    ParrotFakeChatModel,
)
from langchain_core.messages import AIMessage

from assistant.llm import LLMAnswerer, LLMUnavailable, build_answerer
from assistant.models import Hit
from tests.assistant.llm.helpers import make_settings

QUESTION = "Hoe kom ik tot een goed verbeterplan?"
GROUNDED = "Analyseer voor elk speerpunt de huidige situatie [1]. Werk met subteams van leerkrachten [2]."


def test_answer_keeps_grounded_text(hits: list[Hit]) -> None:
    result = LLMAnswerer(FakeListChatModel(responses=[GROUNDED])).answer(QUESTION, hits)
    assert result.text == GROUNDED
    assert result.cited == (1, 2)
    assert not result.fell_back
    assert result.raw == GROUNDED


def test_prompt_reaches_the_model(hits: list[Hit]) -> None:
    # The parrot answers with the last message it got: the user prompt.
    raw = LLMAnswerer(ParrotFakeChatModel()).answer(QUESTION, hits).raw
    assert '<passage nummer="1">' in raw
    assert '<passage nummer="2">' in raw
    assert QUESTION in raw


def test_invalid_citation_is_removed(hits: list[Hit]) -> None:
    model = FakeMessagesListChatModel(responses=[AIMessage("Werk met subteams van leerkrachten [2][7].")])
    result = LLMAnswerer(model).answer(QUESTION, hits)
    assert result.text == "Werk met subteams van leerkrachten [2]."
    assert result.cited == (2,)
    assert "verwijzing [7] bestaat niet en is verwijderd" in result.reasons


def test_answer_without_citations_falls_back(hits: list[Hit]) -> None:
    model = FakeListChatModel(responses=["Maak gewoon een plan en begin morgen."])
    result = LLMAnswerer(model).answer(QUESTION, hits)
    assert result.fell_back
    assert result.text == ""
    assert result.raw == "Maak gewoon een plan en begin morgen."


def test_stream_yields_tokens_then_the_guarded_result(hits: list[Hit]) -> None:
    model = GenericFakeChatModel(messages=iter([AIMessage(GROUNDED + " Verzonnen slot zonder bron.")]))
    stream = LLMAnswerer(model).stream(QUESTION, hits)
    with pytest.raises(RuntimeError, match="Lees eerst"):
        _ = stream.result
    tokens = list(stream)
    assert len(tokens) > 5
    assert "".join(tokens) == GROUNDED + " Verzonnen slot zonder bron."
    assert stream.result.text == GROUNDED
    assert stream.result.cited == (1, 2)


def test_without_passages_the_model_is_not_asked() -> None:
    model = FakeListChatModel(responses=["mag niet gebruikt worden"])
    result = LLMAnswerer(model).answer(QUESTION, [])
    assert result.fell_back
    assert model.i == 0


def test_slow_model_hits_the_deadline(hits: list[Hit]) -> None:
    model = FakeListChatModel(responses=[GROUNDED], sleep=0.5)  # 0.5 s per character
    answerer = LLMAnswerer(model, label="Testmodel", timeout_s=0.3)
    started = time.monotonic()
    with pytest.raises(LLMUnavailable) as caught:
        answerer.answer(QUESTION, hits)
    assert time.monotonic() - started < 1.5
    assert str(caught.value) == (
        "Het taalmodel (Testmodel) gaf niet binnen 0.3 seconden antwoord; "
        "het antwoord hieronder is zonder taalmodel gemaakt."
    )


def test_model_error_becomes_llm_unavailable(hits: list[Hit]) -> None:
    model = FakeListChatModel(responses=[GROUNDED], error_on_chunk_number=3)
    stream = LLMAnswerer(model, label="Testmodel").stream(QUESTION, hits)
    with pytest.raises(LLMUnavailable, match=r"^Het taalmodel \(Testmodel\) gaf een fout"):
        list(stream)


def test_answerer_validates_its_arguments() -> None:
    with pytest.raises(TypeError, match="BaseChatModel"):
        LLMAnswerer("llama3.1")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timeout_s"):
        LLMAnswerer(FakeListChatModel(responses=["x"]), timeout_s=0)


def test_no_llm_configured_gives_no_answerer() -> None:
    assert build_answerer(make_settings(llm_provider="none")) is None

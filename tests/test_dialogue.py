"""The conversation engine as a user meets it: routes, grounding, help paths, sessions."""

from __future__ import annotations

import io
import json
import re
import threading

import pytest
from conftest import CORPUS

from assistant.dialogue import Conversation
from assistant.helppath import region

ARTICLES = {p.stem: " ".join(p.read_text("utf-8").split()) for p in CORPUS.glob("*.md")}


def _say(assistant, conversation, *texts):
    return [assistant.respond(conversation, t) for t in texts]


def test_a_question_gets_a_cited_answer_whose_quotes_are_in_the_articles(assistant):
    (reply,) = _say(assistant, Conversation(), "What are the signs of compassion fatigue?")
    assert reply.mode == "answer"
    assert reply.citations
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", reply.text)}
    assert markers == {c.n for c in reply.citations}
    for citation in reply.citations:
        assert " ".join(citation.quote.split()) in ARTICLES[citation.source]
    assert reply.help is None


def test_a_comparison_answers_with_a_side_by_side_table(assistant):
    (reply,) = _say(
        assistant, Conversation(), "What's the difference between burnout and compassion fatigue?"
    )
    assert reply.mode == "answer" and reply.table is not None
    assert {"Burnout", "Compassion fatigue"} <= set(reply.table.headers)
    assert reply.table.to_markdown() in reply.to_markdown()


@pytest.mark.parametrize(
    "question", ["How do I file my taxes?", "What's a good lasagna recipe?", "Write me a SQL query"]
)
def test_out_of_scope_says_so_plainly_without_citations(assistant, question):
    (reply,) = _say(assistant, Conversation(), question)
    assert reply.mode == "out_of_scope"
    assert not reply.citations
    assert "articles" in reply.text.lower() and len(reply.text.split()) < 90


def test_a_feeling_is_named_back_with_one_question_and_an_offer(assistant):
    (reply,) = _say(assistant, Conversation(), "I feel numb after sessions lately")
    assert reply.mode == "feeling"
    assert "numb" in reply.text.lower()
    assert reply.text.count("?") == 1
    assert not reply.text.lower().startswith("i hear you")


def test_accepting_the_offer_starts_a_reflection_that_runs_to_a_closing_with_an_exercise(
    assistant,
):
    conversation = Conversation()
    first, accepted = _say(assistant, conversation, "I feel numb after sessions lately", "yes")
    assert first.mode == "feeling"
    assert accepted.mode in ("reflection", "exercise")
    if accepted.mode == "exercise":  # the offer was an exercise: ask for the reflection instead
        accepted = assistant.respond(conversation, "Help me reflect on a hard session")
    assert accepted.mode == "reflection" and accepted.text.count("?") == 1
    answers = [
        "Mostly a flat, numb feeling, and some guilt.",
        "Maybe it keeps me from feeling how sad her story was.",
        "Her fear is hers. The guilt about not doing more is mine.",
        "My shoulders are up and my jaw is tight.",
        "A short walk before my next client.",
    ]
    replies = _say(assistant, conversation, *answers)
    for reply in replies[:-1]:
        assert reply.mode == "reflection" and reply.text.count("?") == 1
    assert any(
        word in " ".join(r.text for r in replies[1:-1]).lower() for word in ("numb", "guilt")
    )
    closing = replies[-1]
    assert closing.exercise is not None and "?" not in closing.text
    assert conversation.reflection is None


def test_stop_ends_a_reflection_at_once(assistant):
    conversation = Conversation()
    start, answer, stop = _say(
        assistant,
        conversation,
        "Help me reflect on a hard session",
        "I can't stop thinking about her",
        "that's enough for now",
    )
    assert start.mode == answer.mode == "reflection"
    assert answer.text.count("?") == 1  # "can't stop thinking" is an answer, not a stop
    assert stop.mode == "reflection" and "?" not in stop.text
    assert conversation.reflection is None


def test_an_exercise_request_gives_numbered_steps_and_another_one_differs(assistant):
    conversation = Conversation()
    first, second = _say(assistant, conversation, "Give me a 2-minute reset", "another one")
    assert first.mode == second.mode == "exercise"
    assert first.exercise.minutes <= 2
    assert "1. " in first.to_markdown() and "2. " in first.to_markdown()
    assert second.exercise.id != first.exercise.id


def test_crisis_gets_the_fixed_text_with_the_regions_numbers_and_nothing_else(assistant):
    conversation = Conversation(region="UK")
    (reply,) = _say(
        assistant, conversation, "I keep thinking everyone would be better off without me"
    )
    assert reply.mode == "crisis"
    assert reply.help.kind == "crisis" and reply.text == reply.help.text
    assert "116 123" in reply.text
    assert not reply.citations and reply.exercise is None


def test_the_default_region_is_the_setting(assistant):
    (reply,) = _say(assistant, Conversation(), "I want to kill myself")
    assert reply.help.region.code == region(None).code or "988" in reply.text


def test_after_a_crisis_later_calm_turns_keep_the_help_path(assistant):
    conversation = Conversation()
    _say(assistant, conversation, "I wish I could go to sleep and not wake up")
    later = _say(assistant, conversation, "thanks", "What is vicarious trauma?")
    for reply in later:
        assert reply.mode != "crisis"
        assert reply.help is not None and reply.help.kind == "crisis_followup"


def test_concern_keeps_the_normal_reply_and_adds_professional_help(assistant):
    conversation = Conversation()
    (reply,) = _say(assistant, conversation, "I haven't slept properly in weeks since that case")
    assert reply.mode != "crisis"
    assert reply.help is not None and "therapist" in reply.help.text.lower()
    (calm,) = _say(assistant, conversation, "What is compassion fatigue?")
    assert calm.help is not None  # the help path stays visible


def test_a_clients_risk_gets_guidance_and_a_check_on_the_clinician_not_a_takeover(assistant):
    (reply,) = _say(assistant, Conversation(), "My client told me she has a plan to kill herself")
    assert reply.mode != "crisis"
    assert reply.help is not None and reply.help.kind.startswith("other_at_risk")
    assert "protocol" in reply.help.text and "how are you" in reply.help.text.lower()


def test_greetings_and_thanks_are_brief_and_warm(assistant):
    hello, thanks = _say(assistant, Conversation(), "hi", "thank you")
    assert hello.mode == thanks.mode == "smalltalk"
    assert not hello.citations and len(thanks.text.split()) < 40


def test_stream_yields_the_reply_text_and_records_the_turn(assistant):
    conversation = Conversation()
    text = "".join(assistant.stream(conversation, "What is burnout?"))
    assert text == conversation.last_reply.text and len(conversation.turns) == 1


def test_conversations_interleaved_across_threads_never_mix(assistant):
    scripts = {
        "a": ["I feel numb after sessions lately", "yes", "mostly numbness"],
        "b": ["Give me a 2-minute reset", "another one", "thanks"],
        "c": ["I want to die", "thanks", "What is burnout?"],
    }
    conversations = {name: Conversation() for name in scripts}
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            for text in scripts[name]:
                assistant.respond(conversations[name], text)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in scripts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for name, texts in scripts.items():
        assert [t for t, _ in conversations[name].turns] == texts
    assert all(r.help is None for _, r in conversations["b"].turns)
    assert all(r.help is not None for _, r in conversations["c"].turns)
    assert conversations["a"].last_reply.mode == "reflection"
    assert all(r.exercise is not None for _, r in conversations["b"].turns[:2])


def test_ask_jsonl_keeps_sessions_apart_and_answers_in_order(assistant, monkeypatch, capsys):
    import assistant.dialogue as dialogue
    from assistant.__main__ import main

    monkeypatch.setattr(dialogue, "build_assistant", lambda: assistant)
    lines = [
        {"text": "I want to die", "session": "one"},
        {"text": "What is burnout?", "session": "two"},
        {"text": "thanks", "session": "one"},
        {"text": "thanks", "session": "two"},
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines) + "\n"))
    assert main(["ask", "--jsonl"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o["mode"] for o in out] == ["crisis", "answer", "smalltalk", "smalltalk"]
    for o in out:
        assert set(o) >= {"text", "mode", "citations", "exercise", "help", "assessment"}
    assert out[2]["help"]["kind"] == "crisis_followup" and out[3]["help"] is None
    assert {"source", "title", "section", "quote"} <= set(out[1]["citations"][0])
    assert set(out[0]["assessment"]) == {"level", "other_at_risk", "signals"}

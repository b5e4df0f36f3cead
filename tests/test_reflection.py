"""Reflective listening and the guided reflection, as a user would notice them."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from assistant.content import load
from assistant.corpus import load_document
from assistant.exercises import Exercise
from assistant.listening import feeling_noun, feeling_words, key_clause, reflect_feeling
from assistant.reflection import ReflectionState, advance, is_stop, start, step_ids

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
ANSWERS = [
    "I feel numb, like I went through the motions with her.",
    "Maybe it's protecting me from how awful her story was.",
    "Her fear is hers. The guilt that I couldn't do more feels like mine.",
    "My shoulders are up by my ears and my jaw is tight.",
    "Take a walk before my next client, I guess.",
]


def _plain(text: str) -> str:
    """Whitespace and curly quotes normalised, for word-for-word comparison."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _cited() -> list[tuple[str, dict]]:
    entries = [(f"reflection:{s['id']}", s) for s in load("reflection.yaml")["steps"]]
    normalising = load("listening.yaml")["normalising"]
    return entries + [(f"listening:{i}", e) for i, e in enumerate(normalising)]


def _mentions(reply: str, word: str) -> bool:
    reply = reply.lower()
    return word in reply or feeling_noun(word) in reply


def _run(opening: str, answers: list[str]):
    """A whole reflection: each reply in order, then the final state and exercise."""
    state, reply = start(opening)
    replies = [reply]
    exercise = None
    for answer in answers:
        state, reply, exercise = advance(state, answer)
        replies.append(reply)
        if state is None:
            break
    return replies, state, exercise


# --- data --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "entry"), _cited(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_entry_quotes_its_source_word_for_word(name, entry):
    path = CORPUS / f"{entry['source']}.md"
    assert path.exists(), f"{name}: no corpus article {entry['source']}"
    assert _plain(entry["quote"]) in _plain(load_document(path).body), name


def test_listening_texts_use_known_placeholders_and_only_questions_ask():
    data = load("listening.yaml")
    allowed = {"echo", "feelings", "feeling", "new", "title", "duration"}

    def texts(node, path=""):
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from texts(item, f"{path}[{i}]")
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in {"source", "quote", "feelings"}:
                    yield from texts(value, f"{path}.{key}")

    for path, text in texts(data):
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        assert fields <= allowed, (path, fields)
        assert text.count("?") == (1 if path.startswith(".questions") else 0), path


def test_reflection_steps_each_have_prompts_with_and_without_a_feeling():
    for step in load("reflection.yaml")["steps"]:
        plain = [p for p in step["prompts"] if "{feeling}" not in p]
        assert len(plain) >= 2 and len(plain) < len(step["prompts"]), step["id"]
        assert all(p.count("?") == 1 for p in step["prompts"]), step["id"]


# --- feeling words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("I feel numb after sessions lately", ["numb"]),
        ("The numbness is the worst part", ["numb"]),
        ("I\u2019m exhausted and a bit on edge", ["exhausted", "on edge"]),
        ("Feeling drained. Also guilty, honestly.", ["drained", "guilty"]),
        ("That session was so heavy", ["heavy"]),
        ("I've been feeling flat all week", ["flat"]),
        ("I'M SO IRRITABLE", ["irritable"]),
        ("I'm not angry, just tired", ["tired"]),
        ("My client was angry the whole hour", []),
        ("She seemed anxious", []),
        ("My flat is cold and I have a heavy caseload", []),
        ("Her story left me raw", ["raw"]),
    ],
)
def test_feeling_words_are_the_users_own(text, words):
    assert feeling_words(text) == words


def test_key_clause_turns_pronouns_round_and_stays_short():
    assert key_clause("I feel numb after sessions lately.") == "you feel numb after sessions lately"
    assert key_clause("I'm exhausted") == "you're exhausted"
    long = (
        "So today I saw six clients back to back and by the last one I was so drained that I "
        "could barely follow what she was saying to me and then I drove home in silence"
    )
    echo = key_clause(long)
    assert "drained" in echo and len(echo.split()) <= 20


# --- reflective listening ----------------------------------------------------------------

FEELING_SHARES = [
    ("I feel numb after sessions lately", "numb"),
    ("Honestly I've been so irritable with my family after work", "irritable"),
    ("That session left me drained and I feel guilty for wanting it to end", "drained"),
    ("I'm anxious all the time before my Monday clients", "anxious"),
    ("Numb.", "numb"),
]


@pytest.mark.parametrize(("text", "word"), FEELING_SHARES)
@pytest.mark.parametrize("turn", [0, 1, 2, 3, 4])
def test_reflect_feeling_names_back_normalises_asks_once_and_offers(text, word, turn):
    reply, offer = reflect_feeling(text, turn)
    assert word in reply.lower()
    assert reply.count("?") == 1
    assert not reply.lower().startswith(("i hear you", "it sounds like"))
    assert offer in {"reflection", "exercise"}
    assert ("reflection" in reply) if offer == "reflection" else ("exercise" in reply)
    assert "{" not in reply and "}" not in reply


def test_reflect_feeling_uses_their_words_not_a_canned_line():
    reply, _ = reflect_feeling("I feel numb after sessions lately", 0)
    assert "you feel numb after sessions lately" in reply.lower()


def test_reflect_feeling_varies_with_the_turn():
    replies = {reflect_feeling("I feel numb after sessions lately", t)[0] for t in range(4)}
    assert len(replies) == 4


def test_a_session_is_offered_a_reflection_and_switching_off_an_exercise():
    assert reflect_feeling("That session was heavy, I feel raw", 1)[1] == "reflection"
    assert reflect_feeling("I feel on edge and can't switch off at home", 0)[1] == "exercise"


def test_a_question_in_the_share_is_not_echoed_as_a_second_question():
    reply, _ = reflect_feeling("I feel so drained. Is that normal?", 0)
    assert reply.count("?") == 1


# --- the guided reflection ---------------------------------------------------------------


def test_a_full_run_of_five_answers_ends_with_a_closing_and_an_exercise():
    replies, state, exercise = _run("help me reflect on a hard session", ANSWERS)
    assert len(step_ids()) == 5 and len(replies) == 6
    assert state is None and isinstance(exercise, Exercise)
    assert exercise.title in replies[-1]
    assert "?" not in replies[-1]


def test_each_mid_reflection_reply_asks_exactly_one_question():
    replies, _, _ = _run("help me reflect on a hard session", ANSWERS)
    for reply in replies[:-1]:
        assert reply.count("?") == 1, reply
        assert "{" not in reply


def test_from_the_second_step_replies_echo_an_earlier_feeling_word():
    state, _ = start("help me reflect on a hard session")
    said: list[str] = []
    for step, answer in enumerate(ANSWERS):
        state, reply, _ = advance(state, answer)
        if step >= 1 and said:
            assert any(_mentions(reply, w) for w in said), (step, reply)
        said += feeling_words(answer)


def test_feelings_in_the_opening_are_picked_up_and_carried():
    state, reply = start("I feel numb after that session")
    assert state.feelings == ("numb",)
    assert "numbness" in reply and reply.count("?") == 1
    for answer in ["I don't know", "Maybe", "Not sure", "Tired"]:
        state, reply, _ = advance(state, answer)
        assert "numbness" in reply, reply


def test_a_run_without_feeling_words_still_acknowledges_and_asks_once():
    answers = ["It was a long day", "I don't know", "Mostly hers", "My shoulders", "A walk"]
    replies, state, exercise = _run("help me reflect", answers)
    assert state is None and exercise is not None
    assert all(r.count("?") == 1 for r in replies[:-1])
    assert "long day" in replies[1]


def test_prompts_do_not_repeat_within_a_run_or_across_runs():
    state, _ = start("help me reflect")
    for answer in ANSWERS[:4]:
        state, _, _ = advance(state, answer)
    assert len(set(state.used_prompts)) == len(state.used_prompts) == 5
    again, _ = start("help me reflect", avoid=state.used_prompts)
    assert again.used_prompts[-1] not in state.used_prompts


@pytest.mark.parametrize("steps_done", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("stop", ["stop", "That's enough.", "end reflection", "I'm done"])
def test_stop_works_at_any_step(steps_done, stop):
    state, _ = start("help me reflect on a hard session")
    for answer in ANSWERS[:steps_done]:
        state, _, _ = advance(state, answer)
    after, closing, exercise = advance(state, stop)
    assert after is None and exercise is None
    assert closing and "?" not in closing


def test_cannot_stop_thinking_is_an_answer_not_a_stop():
    state, _ = start("help me reflect on a hard session")
    after, reply, _ = advance(state, "I can't stop thinking about her")
    assert after is not None and after.step == 1
    assert reply.count("?") == 1


@pytest.mark.parametrize(
    "text",
    [
        "stop",
        "STOP!",
        "Stop please",
        "that's enough",
        "That\u2019s enough for now",
        "enough for now",
        "end reflection",
        "I'm done",
        "can we stop?",
        "Okay, let's stop here. Thank you",
        "I think that's enough for today",
    ],
)
def test_is_stop(text):
    assert is_stop(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can't stop thinking about her",
        "I want to stop feeling like this",
        "I'm done with feeling guilty",
        "she said enough is enough",
        "It doesn't stop",
        "no",
    ],
)
def test_is_not_stop(text):
    assert not is_stop(text)


def test_state_round_trips_through_json():
    state, _ = start("I feel numb")
    state, _, _ = advance(state, "tired and heavy")
    again = ReflectionState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert again == state
    assert advance(again, "my jaw")[1] == advance(state, "my jaw")[1]


def test_the_same_conversation_gets_the_same_words():
    assert _run("help me reflect", ANSWERS) == _run("help me reflect", ANSWERS)


def test_replies_never_use_a_canned_opener():
    replies, _, _ = _run("help me reflect on a hard session", ANSWERS)
    for reply in replies:
        assert not re.match(r"(i hear you|it sounds like)", reply, re.I)

"""The exercise library and the recommender, as a user would notice them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.content import load
from assistant.corpus import load_document
from assistant.exercises import (
    Exercise,
    get,
    load_exercises,
    moment_tags,
    recommend,
    stated_minutes,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _plain(text: str) -> str:
    """Whitespace and curly quotes normalised, for word-for-word comparison."""
    for curly, straight in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


# --- the library -------------------------------------------------------------------------


def test_library_has_at_least_ten_well_formed_exercises():
    exercises = load_exercises()
    assert len(exercises) >= 10
    assert len({e.id for e in exercises}) == len(exercises)
    for e in exercises:
        assert isinstance(e, Exercise)
        assert e.minutes > 0 and 3 <= len(e.steps) <= 7, e.id
        assert e.title and e.why and e.when, e.id
        assert "?" not in e.why, e.id  # the reflection's closing quotes it and asks nothing


def test_every_when_tag_can_be_detected():
    detectable = set(load("moments.yaml")["tags"])
    for e in load_exercises():
        assert set(e.when) <= detectable, (e.id, set(e.when) - detectable)


@pytest.mark.parametrize("exercise", load_exercises(), ids=lambda e: e.id)
def test_exercise_quotes_its_source_word_for_word(exercise):
    path = CORPUS / f"{exercise.source}.md"
    assert path.exists(), f"{exercise.id}: no corpus article {exercise.source}"
    assert _plain(exercise.quote) in _plain(load_document(path).body), exercise.id


def test_markdown_card_has_title_duration_numbered_steps_and_source():
    card = get("grounding-54321").to_markdown()
    assert card.startswith("**5-4-3-2-1 grounding** · 2 minutes")
    for n in range(1, len(get("grounding-54321").steps) + 1):
        assert f"\n{n}. " in card
    assert "Source: the-weight-of-caring" in card
    assert get("mindfulness-check-in").duration == "1 minute"


def test_to_dict_is_json_ready():
    data = get("outcomes-log").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["steps"] == list(get("outcomes-log").steps)


# --- reading the moment ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("I just came out of a really heavy session", "after_heavy_session"),
        ("That session was brutal.", "after_heavy_session"),
        ("I feel numb", "numb"),
        ("I DON'T FEEL ANYTHING when they tell me awful things", "numb"),
        ("I've become so cynical about the whole system", "cynical"),
        ("I can't switch off at home", "cannot_switch_off"),
        ("I can\u2019t switch off at home", "cannot_switch_off"),
        ("I cant stop thinking about her all evening", "cannot_switch_off"),
        ("Honestly I've lost my sense of purpose", "meaning_lost"),
        ("what's the point of any of it", "meaning_lost"),
        ("Something quick please", "quick"),
        ("I've only got 2 minutes", "quick"),
        ("I keep beating myself up about what I said", "self_critical"),
        ("I've been snapping at my kids", "irritable"),
        ("I have a difficult client this afternoon", "before_session"),
        ("I took on all of my client's grief", "absorbed_client_pain"),
        ("I feel so alone with this", "isolated"),
        ("I can never say no to extra sessions", "boundaries"),
    ],
)
def test_moment_tags_read_the_moment(text, tag):
    assert tag in moment_tags(text)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("I'm not anxious, just tired", "anxious"),
        ("I'm not really numb any more", "numb"),
        ("I'm no longer cynical", "cynical"),
        ("I was short with my family", "quick"),
    ],
)
def test_negated_or_other_meanings_do_not_tag(text, tag):
    assert tag not in moment_tags(text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("I've got 2 minutes", 2), ("only five minutes", 5), ("a couple of minutes", 2), ("hi", None)],
)
def test_stated_minutes(text, minutes):
    assert stated_minutes(text) == minutes


# --- the mappings ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I just had a really heavy session",
        "That session was brutal and I'm still shaking",
        "Just finished a tough session with a client who disclosed abuse",
    ],
)
def test_right_after_a_heavy_session_gives_grounding(text):
    assert recommend(text).id == "grounding-54321"


@pytest.mark.parametrize(
    "text",
    [
        "I feel numb after sessions lately",
        "I've become so cynical about my clients",
        "I don't feel anything any more when clients cry",
        "Numb and cynical, honestly",
    ],
)
def test_numbness_or_cynicism_gives_compassionate_curiosity(text):
    assert recommend(text).id == "compassionate-curiosity-journal"


@pytest.mark.parametrize(
    "text",
    [
        "I can't switch off at home",
        "I keep replaying the session in bed at night",
        "I can\u2019t stop thinking about my clients at home",
    ],
)
def test_cannot_switch_off_at_home_gives_end_of_day_ritual(text):
    assert recommend(text).id == "end-of-day-ritual"


@pytest.mark.parametrize(
    "text",
    [
        "I've lost all sense of meaning in this work",
        "What's the point, nothing I do makes a difference",
        "I'm losing my purpose",
    ],
)
def test_meaning_lost_gives_outcomes_log(text):
    assert recommend(text).id == "outcomes-log"


@pytest.mark.parametrize("text", ["something quick", "give me something short"])
def test_quick_gives_the_shortest(text):
    shortest = min(e.minutes for e in load_exercises())
    assert recommend(text).minutes == shortest


@pytest.mark.parametrize("text", ["2 minutes", "Give me a 2-minute reset", "I have 3 minutes"])
def test_a_stated_time_gives_the_best_fit_within_it(text):
    exercise = recommend(text)
    assert exercise.minutes <= int(next(c for c in text if c.isdigit()))
    if "reset" in text:
        assert "between_sessions" in exercise.when or "after_heavy_session" in exercise.when


def test_quick_gives_the_shortest_that_fits_the_moment():
    exercise = recommend("Something quick, that session was heavy")
    assert exercise.id == "grounding-54321"
    fitting = [e for e in load_exercises() if "after_heavy_session" in e.when]
    assert exercise.minutes == min(e.minutes for e in fitting)


def test_a_stated_number_of_minutes_is_respected():
    for minutes in (1, 2, 3, 5):
        text = f"I have {minutes} minutes and I feel overwhelmed"
        assert recommend(text).minutes <= minutes


@pytest.mark.parametrize(
    "text",
    [
        "I just had a really heavy session",
        "I feel numb",
        "I can't switch off at home",
        "I've lost all meaning",
        "something quick",
        "hello",
    ],
)
def test_never_repeats_the_exercise_it_just_gave(text):
    first = recommend(text)
    second = recommend(text, exclude=[first.id])
    assert second.id != first.id
    third = recommend(text, exclude=[first.id, second.id])
    assert third.id not in {first.id, second.id}


def test_excluding_everything_still_returns_an_exercise():
    every = [e.id for e in load_exercises()]
    assert recommend("I feel numb", exclude=every) in load_exercises()


def test_current_text_outweighs_earlier_text():
    history = "I can't switch off at home"
    assert recommend("I feel numb", history_text=history).id == "compassionate-curiosity-journal"
    assert recommend("okay", history_text=history).id == "end-of-day-ritual"


def test_recommendation_is_deterministic():
    text = "rough day, a bit anxious, something quick"
    assert len({recommend(text).id for _ in range(5)}) == 1


def test_conversation_modules_do_not_load_the_embedding_model():
    code = (
        "import sys, assistant.exercises, assistant.listening, assistant.reflection\n"
        "heavy = {'torch', 'sentence_transformers', 'chromadb'} & set(sys.modules)\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=CORPUS.parent)

"""The chat page through Streamlit's own AppTest, over the real engine and packaged model."""

from __future__ import annotations

import re
import time

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from assistant import ui_text as ui
from assistant.dialogue import Assistant

APP = str(ROOT / "app.py")
CRISIS = "I keep thinking everyone would be better off without me"
CONCERN = "I have not slept properly in weeks and I keep seeing images from my clients stories"


@pytest.fixture(scope="module")
def loaded() -> None:
    """Load model, index and assistant once (st.cache_resource is per process)."""
    at = AppTest.from_file(APP, default_timeout=900).run()
    assert not at.exception


def fresh(loaded) -> AppTest:
    return AppTest.from_file(APP, default_timeout=120).run()


def say(at: AppTest, text: str) -> AppTest:
    at.chat_input(key="chat").set_value(text).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def messages(at: AppTest) -> list[tuple[str, str]]:
    """Each chat bubble: who, and its plain text or Markdown."""
    out = []
    for message in at.chat_message:
        parts = [t.value for t in message.text] + [m.value for m in message.markdown]
        out.append((message.name, "\n".join(parts)))
    return out


def button_keys(at: AppTest) -> set[str]:
    return {b.key for b in at.button}


def sidebar_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.sidebar.markdown)


def test_first_visit_shows_welcome_starters_help_and_privacy(loaded):
    at = fresh(loaded)
    assert not at.exception
    [welcome] = at.chat_message
    text = welcome.markdown[0].value
    assert "not therapy" in text and "not a crisis service" in text
    starters = {b.key: b.label for b in welcome.button}
    assert starters == dict(ui.STARTERS)
    help_now = sidebar_text(at)
    assert "988" in help_now and "911" in help_now and "findahelpline.com" in help_now
    assert "therapist who works with clinicians" in help_now.lower()
    assert at.sidebar.selectbox(key="region").value == "US"
    assert any("nothing is stored or sent anywhere" in c.value for c in at.caption)
    assert not at.error  # no crisis banner before anything was said


def test_a_starter_question_gets_a_cited_answer_with_sources_and_a_table(loaded):
    at = fresh(loaded)
    at.button(key="starter-compare").click().run()
    assert not at.exception
    (who, said), (_, answer) = messages(at)
    assert who == "user" and said == ui.STARTERS[0][1]
    assert re.search(r"\[1\]", answer)
    labels = [e.label for e in at.expander]
    assert labels and labels[0].startswith("[1] ")
    assert at.expander[0].markdown[0].value.startswith("> ")  # the quoted passage
    assert any("| Burnout | Compassion fatigue |" in m.value for m in at.markdown)
    assert any(c.value == ui.COMPOSED for c in at.caption)  # which backend wrote it
    assert "reflect" in button_keys(at)


def test_a_crisis_turn_keeps_the_banner_for_the_rest_of_the_session(loaded):
    at = say(fresh(loaded), CRISIS)
    [banner] = at.error
    assert "988" in banner.value and "911" in banner.value
    assert "are you thinking about ending your life?" in messages(at)[-1][1]
    say(at, "thanks")
    [banner] = at.error
    assert "988" in banner.value
    assert at.info and "988" in at.info[0].value  # the follow-up help path with the reply
    at.button(key="new").click().run()
    assert not at.error and len(at.chat_message) == 1  # a new conversation starts clean


def test_a_concern_shows_the_help_path_with_the_reply_and_keeps_it_in_the_sidebar(loaded):
    at = say(fresh(loaded), CONCERN)
    assert not at.error
    assert any("therapist" in i.value.lower() for i in at.info)
    assert "Support for you" in [s.value for s in at.sidebar.subheader]
    say(at, "thanks")
    assert "Support for you" in [s.value for s in at.sidebar.subheader]


def test_an_exercise_shows_its_card_and_another_one_gives_a_different_one(loaded):
    at = say(fresh(loaded), "Give me a 2-minute reset")
    card = messages(at)[-1][1]
    assert re.search(r"^1\. .+\n2\. ", card, re.M)  # numbered steps
    assert "From *" in "\n".join(c.value for c in at.caption)  # the source
    first = at.chat_message[-1].markdown[1].value  # the card's title
    assert "another-0" in button_keys(at)
    at.button(key="another-0").click().run()
    assert not at.exception
    assert messages(at)[-2] == ("user", ui.ANOTHER_PROMPT)
    second = at.chat_message[-1].markdown[1].value
    assert second != first
    assert "another-0" not in button_keys(at) and "another-1" in button_keys(at)


def test_a_timed_exercise_counts_down_after_start(loaded):
    at = say(fresh(loaded), "Give me a 2-minute reset")
    starts = [b for b in at.button if b.key.startswith("start-")]
    assert starts, "the quick reset should be a timed exercise"
    starts[0].click().run()
    assert not at.exception
    [progress] = at.progress
    assert re.search(r"\d:\d\d left", progress.proto.text)
    stop = [b for b in at.button if b.key.startswith("stop-")]
    stop[0].click().run()
    assert not at.progress and any(b.key.startswith("start-") for b in at.button)


def test_a_finished_countdown_says_so_and_can_start_again(loaded):
    at = say(fresh(loaded), "Give me a 2-minute reset")
    [start] = [b for b in at.button if b.key.startswith("start-")]
    start.click().run()
    timer = dict(at.session_state["timer"])
    at.session_state["timer"] = {**timer, "ends": time.monotonic() - 1}  # as if a minute passed
    at.run()
    assert not at.exception and not at.progress
    assert [s.value for s in at.success] == [ui.TIMER_DONE]
    assert any(b.key.startswith("start-") for b in at.button)


def test_reflection_runs_until_end_reflection(loaded):
    at = fresh(loaded)
    at.button(key="starter-reflect").click().run()
    assert "end-reflection" in button_keys(at) and "reflect" not in button_keys(at)
    say(at, "A client cancelled again and I felt relieved, then guilty")
    assert "end-reflection" in button_keys(at)
    at.button(key="end-reflection").click().run()
    assert not at.exception
    assert "end-reflection" not in button_keys(at) and "reflect" in button_keys(at)
    assert at.session_state["conversation"].reflection is None


def test_user_text_renders_as_plain_text_never_markdown(loaded):
    fake = "**[1] Source** <b>banner</b> :red[call 000] I feel numb"
    at = say(fresh(loaded), fake)
    user = at.chat_message[0]
    assert user.name == "user" and [t.value for t in user.text] == [fake]
    assert not user.markdown


def test_the_region_selector_changes_the_numbers_for_this_session(loaded):
    at = fresh(loaded)
    at.sidebar.selectbox(key="region").select("UK").run()
    assert "116 123" in sidebar_text(at) and "999" in sidebar_text(at)
    say(at, CRISIS)
    assert "116 123" in at.error[0].value and "999" in at.error[0].value
    assert at.session_state["conversation"].region == "UK"
    assert "988" not in messages(at)[-1][1]
    other = fresh(loaded)
    assert "988" in sidebar_text(other)  # the other session keeps its own region


def test_two_sessions_do_not_share_state(loaded):
    one, two = fresh(loaded), fresh(loaded)
    say(one, CRISIS)
    two.run()
    assert len(two.chat_message) == 1 and not two.error
    assert two.session_state["conversation"] is not one.session_state["conversation"]
    assert not two.session_state["conversation"].turns


def test_download_offers_the_conversation_as_markdown(loaded):
    at = fresh(loaded)
    assert at.get("download_button")[0].proto.disabled  # nothing to download yet
    say(at, "What are mirror neurons?")
    assert not at.get("download_button")[0].proto.disabled
    text = ui.transcript(at.session_state["conversation"].turns)
    assert "> What are mirror neurons?" in text and "Sources:" in text and "[1]" in text


def test_a_failed_turn_keeps_earlier_turns_and_offers_a_retry(loaded, monkeypatch, caplog):
    at = say(fresh(loaded), "hello")
    original = Assistant.respond

    def broken(self, conversation, text):
        raise RuntimeError("index went away")

    monkeypatch.setattr(Assistant, "respond", broken)
    say(at, "What is burnout?")
    assert not at.exception
    assert any("something went wrong" in w.value for w in at.warning)
    assert [m[0] for m in messages(at)] == ["user", "assistant", "user", "assistant"]
    assert messages(at)[0] == ("user", "hello")
    assert "index went away" in caplog.text  # the details go to the server log only
    assert all("Traceback" not in m[1] for m in messages(at))
    monkeypatch.setattr(Assistant, "respond", original)
    at.button(key="retry").click().run()
    assert not at.warning and len(at.session_state["conversation"].turns) == 2
    assert messages(at)[-2] == ("user", "What is burnout?")

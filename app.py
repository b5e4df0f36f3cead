"""Streamlit shell: the Reflect chat. Renders only; assistant/ decides every reply."""

from __future__ import annotations

import itertools
import logging
import time

import streamlit as st

from assistant import ui_text as ui
from assistant.answer import Citation
from assistant.config import SettingsError, get_settings
from assistant.content import load
from assistant.dialogue import Conversation, Reply, build_assistant
from assistant.exercises import Exercise
from assistant.helppath import region, regions

log = logging.getLogger("reflect.app")

st.set_page_config(page_title="Reflect", page_icon="🌿")


@st.cache_resource(show_spinner=ui.LOADING)
def load_assistant():
    """The model, the index and the assistant: once per server process, shared by sessions."""
    assistant = build_assistant()
    assistant.warm()  # embeds example sets and article sentences now, not on a first turn
    return assistant


state = st.session_state
if "conversation" not in state:
    state.conversation = Conversation()
for name in ("pending", "failed", "timer"):
    state.setdefault(name, None)


# --- callbacks (run before the page script on the next rerun) ---------------------------------


def _send(text: str, kind: str = "say") -> None:
    state.pending, state.failed = (kind, text), None


def _retry() -> None:
    state.pending, state.failed = state.failed, None


def _new_conversation() -> None:
    state.conversation = Conversation()
    state.pending = state.failed = state.timer = None


def _start_timer(key: str, seconds: int) -> None:
    state.timer = {"key": key, "ends": time.monotonic() + seconds, "total": seconds}


def _stop_timer() -> None:
    state.timer = None


# --- pieces -----------------------------------------------------------------------------------


def _sidebar(conv: Conversation) -> None:
    codes = list(regions())
    default = region(get_settings().region).code
    conv.region = state.get("region") or default
    with st.sidebar:
        st.header("Get help now")
        st.markdown(ui.help_now(region(conv.region)))
        st.selectbox(
            "Your region",
            codes,
            index=codes.index(default),
            format_func=lambda code: regions()[code].name,
            key="region",
            help="Which helplines to show. Applies to this conversation only.",
        )
        kept = ui.kept_help(conv.turns)
        if kept:
            st.subheader("Support for you")
            st.markdown(kept)
        st.divider()
        st.subheader("This conversation")
        st.button("New conversation", key="new", on_click=_new_conversation, width="stretch")
        turns = tuple(conv.turns)  # a snapshot: the file is built only when you click
        st.download_button(
            "Download conversation",
            data=lambda: ui.transcript(turns),
            file_name="reflect-conversation.md",
            mime="text/markdown",
            key="download",
            on_click="ignore",
            disabled=not turns,
            width="stretch",
        )
        st.caption(ui.PRIVACY)


def _welcome() -> None:
    with st.chat_message("assistant"):
        st.markdown(ui.WELCOME)
        st.caption(ui.STARTERS_LEAD)
        for key, text in ui.STARTERS:
            st.button(text, key=key, on_click=_send, args=(text,))


def _sources(citations: tuple[Citation, ...]) -> None:
    st.caption("Sources")
    for c in citations:
        with st.expander(f"[{c.n}] {c.title}" + (f" · {c.section}" if c.section else "")):
            st.markdown(ui.quote_block(c.quote))
            st.caption(f"Article: {c.source}")


@st.fragment(run_every=1)
def _countdown(key: str) -> None:
    timer = state.timer
    if not timer or timer["key"] != key or timer.get("done"):
        st.rerun(scope="app")  # stopped or finished: redraw the card without the ticking
    left = timer["ends"] - time.monotonic()
    if left <= 0:
        state.timer = {**timer, "done": True}
        st.rerun(scope="app")
    st.progress(min(1.0, 1 - left / timer["total"]), text=f"{ui.clock(left)} left")
    st.button("Stop", key=f"stop-{key}", on_click=_stop_timer)


def _exercise(exercise: Exercise, turn: int, latest: bool) -> None:
    key = f"{turn}-{exercise.id}"
    with st.container(border=True, key=f"exercise-{turn}"):
        st.markdown(f"**{exercise.title}**")
        st.caption(exercise.duration)
        st.markdown("\n".join(f"{n}. {step}" for n, step in enumerate(exercise.steps, 1)))
        st.caption(f'From *{ui.source_title(exercise.source)}*: "{exercise.quote}"')
        timer = state.timer if state.timer and state.timer["key"] == key else None
        if exercise.timed and timer and not timer.get("done"):
            _countdown(key)
            return
        if timer:
            st.success(ui.TIMER_DONE)
        with st.container(horizontal=True):
            if exercise.timed:
                st.button(
                    f"Start · {exercise.duration}",
                    key=f"start-{turn}",
                    on_click=_start_timer,
                    args=(key, exercise.minutes * 60),
                    type="primary",
                )
            if latest:
                st.button(
                    "Another one", key=f"another-{turn}", on_click=_send, args=(ui.ANOTHER_PROMPT,)
                )


def _reply(reply: Reply, turn: int, latest: bool) -> None:
    st.markdown(reply.text)
    if reply.table:
        st.markdown(reply.table.to_markdown())
    if reply.exercise:
        _exercise(reply.exercise, turn, latest)
    if reply.citations:
        _sources(reply.citations)
    backend = ui.backend_caption(reply)
    if backend:
        st.caption(backend)
    if reply.help and reply.help.text != reply.text:
        if latest:
            st.info(reply.help.text, icon=":material/support:")
        else:
            with st.expander("Support options"):
                st.markdown(reply.help.text)


def _respond(assistant, conv: Conversation, kind: str, text: str) -> None:
    """Run one turn live: the user's words as plain text, the reply streamed as it comes."""
    with st.chat_message("user"):
        st.text(text if kind == "say" else "stop")
    with st.chat_message("assistant"):
        if kind == "end":
            st.markdown(assistant.end_reflection(conv).text)
            return
        with st.spinner(ui.THINKING):
            chunks = iter(assistant.stream(conv, text))
            first = next(chunks, "")
        st.write_stream(itertools.chain([first], chunks))


def _unusable_setting(exc: SettingsError) -> None:
    """A REFLECT_* setting this machine cannot use (a bad value, a missing extra): say which."""
    log.error("%s", exc)
    st.error(str(exc), icon=":material/settings:")
    st.stop()


# --- the page ---------------------------------------------------------------------------------

conv: Conversation = state.conversation
try:
    get_settings()
except SettingsError as exc:
    _unusable_setting(exc)
_sidebar(conv)
st.title(ui.TITLE)
st.caption(f"{ui.TAGLINE} {ui.PRIVACY}")
banner = st.container(key="banner")
typed = st.chat_input(ui.PLACEHOLDER, key="chat")
if typed:
    _send(typed)

try:
    assistant = load_assistant()
except SettingsError as exc:
    _unusable_setting(exc)
except Exception:
    log.exception("could not load the assistant")
    st.warning(ui.LOAD_FAILED, icon=":material/hourglass:")
    st.button("Try again", key="retry-load")
    st.stop()

if not assistant.answerer.available:  # an unreachable index: all but questions still work
    st.info(load("library.yaml")["sources_note"], icon=":material/cloud_off:")

if ui.had_crisis(conv.turns):
    with banner:
        st.error(ui.crisis_banner(region(conv.region)), icon=":material/call:")

if not conv.turns and not state.pending:
    _welcome()

for turn, (said, reply) in enumerate(conv.turns):
    with st.chat_message("user"):
        st.text(said)
    with st.chat_message("assistant"):
        _reply(reply, turn, latest=turn == len(conv.turns) - 1)

if state.pending:
    kind, text = state.pending
    state.pending = None
    try:
        _respond(assistant, conv, kind, text)
    except Exception:
        log.exception("a turn failed")  # the earlier turns are untouched: a turn is recorded whole
        state.failed = (kind, text)
    st.rerun()  # draw the page again from the conversation: banner, cards, buttons

if state.failed:
    with st.chat_message("user"):
        st.text(state.failed[1] or "stop")
    with st.chat_message("assistant"):
        st.warning(ui.TURN_FAILED, icon=":material/sentiment_calm:")
        st.button("Try again", key="retry", on_click=_retry)
elif conv.reflection is not None:
    st.button("End reflection", key="end-reflection", on_click=_send, args=("", "end"))
elif conv.turns:
    st.button("Reflect on a session", key="reflect", on_click=_send, args=(ui.REFLECT_PROMPT,))

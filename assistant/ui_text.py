"""The chat page's fixed copy and the plain-text pieces it shows; no Streamlit here."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from .config import get_settings
from .content import load
from .corpus import CorpusError, load_document
from .helppath import Region

if TYPE_CHECKING:
    from .dialogue import Reply

TITLE = "Reflect"
TAGLINE = "A quiet place to think after a hard shift."
PRIVACY = (
    "Your conversation stays in this browser session: nothing is stored or sent anywhere. "
    "Close the tab or start a new conversation and it is gone."
)
WELCOME = (
    "Hello. Reflect is a reflection companion for people who carry others' pain for a living. "
    "It answers from a small library of articles on compassion fatigue, burnout and secondary "
    "trauma, and shows you where each answer comes from. It can also offer a short exercise or "
    "walk you through reflecting on a hard session.\n\n"
    "It is **not therapy** and **not a crisis service**. If you might be in danger, the numbers "
    "under *Get help now* reach a person straight away."
)
STARTERS_LEAD = "Some places to start:"
STARTERS = (
    ("starter-compare", "What's the difference between burnout and compassion fatigue?"),
    ("starter-numb", "I feel numb after sessions lately"),
    ("starter-reset", "Give me a 2-minute reset"),
    ("starter-reflect", "Help me reflect on a hard session"),
)
REFLECT_PROMPT = "Help me reflect on a hard session"
ANOTHER_PROMPT = "another one"
PLACEHOLDER = "Say what's on your mind, or ask about the articles"
LOADING = "Loading the articles and the language model. The first start takes about a minute."
THINKING = "Thinking…"
LOAD_FAILED = (
    "Reflect couldn't get ready just now. This is on our side, not yours. "
    "Please try again in a moment."
)
TURN_FAILED = (
    "Sorry, something went wrong while I was answering. Your conversation so far is safe. "
    "You can try again."
)
CRISIS_LEAD = "If you are thinking about ending your life, please reach a person now."
THERAPIST_HOW = (
    "To find one, ask your Employee Assistance Programme, your supervisor or your professional "
    "association for a name, or search a therapist directory for *compassion fatigue*, "
    "*vicarious trauma* or *clinician care*."
)
TIMER_DONE = "Time's up. Notice how you are now, before you go on."


def plain(text: str) -> str:
    """One line of text for a label or caption, with Markdown's special characters escaped."""
    specials = "\\`*_{}[]()<>#+-.!|~$:"
    return "".join("\\" + ch if ch in specials else ch for ch in " ".join(text.split()))


def quote_block(text: str) -> str:
    """Article text as a Markdown block quote, keeping its lines and lists."""
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.splitlines())


def crisis_lines(where: Region) -> list[str]:
    """The region's crisis lines as Markdown list items, or the directory when it has none."""
    lines = [
        f"**{line.contact}**: {line.name}" + (f", {line.hours}" if line.hours else "")
        for line in where.crisis_lines
    ]
    return lines or [f"Find a free crisis line for your country at **{where.more}**"]


def emergency(where: Region) -> str:
    number = where.emergency
    return f"call **{number}**" if number[:1].isdigit() else f"call {number}"


def crisis_banner(where: Region) -> str:
    """The banner kept at the top of the chat once a turn was assessed as crisis."""
    first = crisis_lines(where)[0]
    return (
        f"**{CRISIS_LEAD}** {first}. "
        f"If you are in immediate danger, {emergency(where)}. "
        f"In another country, **{where.more}** lists crisis lines."
    )


@cache
def _professional_help() -> dict[str, dict]:
    return {entry["id"]: entry for entry in load("helplines.yaml")["professional_help"]}


def help_now(where: Region) -> str:
    """The sidebar's "Get help now": crisis lines, emergency, directory, a clinician's therapist."""
    therapist = _professional_help()["clinician_therapist"]
    items = [
        *crisis_lines(where),
        f"In immediate danger: {emergency(where)}",
        f"Other countries: **{where.more}**",
    ]
    return (
        "\n".join(f"- {item}" for item in items)
        + f"\n\n**{therapist['name']}.** {' '.join(therapist['description'].split())} "
        + THERAPIST_HOW
    )


@cache
def source_title(stem: str) -> str:
    """An article's title from the corpus folder, or its stem when the file is not there."""
    try:
        return load_document(get_settings().corpus_dir / f"{stem}.md").title
    except CorpusError:
        return stem


def clock(seconds: float) -> str:
    """Seconds left as m:ss."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


COMPOSED = "Composed from the library"


def backend_caption(reply: Reply) -> str | None:
    """Which backend wrote the words, quietly: a model's name, or the composer (and why)."""
    from .dialogue import fallback_note

    if reply.backend != "composer":
        return f"Phrased by {plain(reply.backend)}"
    if reply.fallback:
        return fallback_note(reply.fallback)
    return COMPOSED if reply.mode == "answer" else None


def had_crisis(turns: Iterable[tuple[str, Reply]]) -> bool:
    """Whether any turn so far was assessed as crisis (the banner then stays)."""
    return any(reply.assessment.level == "crisis" for _, reply in turns)


def kept_help(turns: list[tuple[str, Reply]]) -> str | None:
    """The latest professional-help path seen, kept in the sidebar for the rest of the session."""
    for _, reply in reversed(turns):
        if reply.help is not None and "concern" in reply.help.kind:
            return reply.help.text
    return None


def transcript(turns: Iterable[tuple[str, Reply]]) -> str:
    """The conversation as a Markdown file: what you wrote, then each reply in full."""
    parts = ["# Conversation with Reflect", PRIVACY]
    for user_text, reply in turns:
        said = "\n".join(f"> {line}" for line in user_text.splitlines() or [""])
        parts.append(f"**You:**\n\n{said}\n\n**Reflect:**\n\n{reply.to_markdown()}")
    return "\n\n---\n\n".join(parts) + "\n"

"""The guided reflection after a hard session: a small, pure state machine, one question a turn.

Steps (data/reflection.yaml): notice, curiosity, sort, body, next_step. The state lives with the
caller; every function here returns a new state and never keeps one.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .content import load
from .exercises import Exercise, normalise, recommend
from .listening import feeling_noun, feeling_words, is_unsure, key_clause

NOTE_WORDS = 60  # enough of each answer to match an exercise at the end
_LEAD = (
    r"(?:(?:ok|okay|actually|sorry|um|umm|right|yeah|yes|well|please|honestly|hmm|ah|i think) )*"
)
_CORE = (
    r"(?:stop|please stop|lets stop|let us stop|(?:can|could) we (?:please )?stop|"
    r"i (?:want|would like|d like|need) to stop|id like to stop|stop (?:the |this )?reflection|"
    r"stop reflecting|end (?:the |this )?reflection|end (?:it|this)|end|(?:thats|that is) enough|"
    r"enough|(?:im|i am) done|done|(?:im|i am) finished|finish|lets finish|"
    r"(?:lets|let us) (?:leave|end) it|no more|quit|exit|cancel|(?:i )?(?:have|need|got) to go|"
    r"gotta go|not now|not right now|maybe later|(?:that|this) will do|thatll do|"
    r"(?:thats|that is) it)"
)
_TAIL = (
    r"(?: (?:now|here|there|then|please|thanks|thank you|for now|for today|for the moment|today|"
    r"with this|with the reflection|for me|i think|actually|ok|okay))*"
)
_STOP = re.compile(f"^{_LEAD}{_CORE}{_TAIL}$")


@dataclass(frozen=True)
class ReflectionState:
    """Where a reflection is: the step whose question was asked last, and what was said so far."""

    step: int = 0
    feelings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    used_prompts: tuple[int, ...] = ()

    def to_dict(self) -> dict:
        return {
            "step": self.step,
            "feelings": list(self.feelings),
            "notes": list(self.notes),
            "used_prompts": list(self.used_prompts),
        }

    @classmethod
    def from_dict(cls, data: dict) -> ReflectionState:
        return cls(
            step=int(data.get("step", 0)),
            feelings=tuple(data.get("feelings", ())),
            notes=tuple(data.get("notes", ())),
            used_prompts=tuple(int(i) for i in data.get("used_prompts", ())),
        )


@cache
def _script() -> dict:
    return load("reflection.yaml")


@cache
def _acks() -> dict:
    return load("listening.yaml")["acknowledgements"]


def step_ids() -> tuple[str, ...]:
    """The reflection's steps, in order."""
    return tuple(step["id"] for step in _script()["steps"])


def is_stop(text: str) -> bool:
    """Whether the user is asking to end the reflection ("stop", "that's enough", "I'm done")."""
    clauses = re.split(r"[.,;:!?\n]+", normalise(text))
    return any(_STOP.match(c.strip()) for c in clauses if c.strip())


def _seed(state: ReflectionState) -> int:
    # crc32 rather than hash(): the same conversation gets the same wording in every process
    return zlib.crc32("\n".join(state.notes).encode()) + len(state.used_prompts)


def _pick(items: list[str], seed: int) -> str:
    return items[seed % len(items)]


def _note(text: str) -> str:
    return " ".join(text.split()[:NOTE_WORDS])


def _merge(feelings: tuple[str, ...], text: str) -> tuple[str, ...]:
    return feelings + tuple(w for w in feeling_words(text) if w not in feelings)


def _question(step: int, feeling: str | None, used: tuple[int, ...], seed: int) -> tuple[str, int]:
    """One prompt for a step, with the feeling in it when asked, avoiding used prompts."""
    steps = _script()["steps"]
    offset = sum(len(s["prompts"]) for s in steps[:step])
    prompts = steps[step]["prompts"]
    kinds = [i for i, p in enumerate(prompts) if ("{feeling}" in p) == bool(feeling)]
    if not kinds:
        kinds = [i for i, p in enumerate(prompts) if "{feeling}" not in p]
    fresh = [i for i in kinds if offset + i not in used] or kinds
    index = fresh[seed % len(fresh)]
    text = prompts[index].format(feeling=feeling_noun(feeling)) if feeling else prompts[index]
    return text, offset + index


def _acknowledge(earlier: tuple[str, ...], text: str, seed: int, name_earlier: bool) -> str:
    """A brief acknowledgement of an answer that draws on what the user said before."""
    acks = _acks()
    new = [w for w in feeling_words(text) if w not in earlier]
    if earlier and name_earlier:
        feeling = feeling_noun(earlier[-1])
        if new:
            return _pick(acks["both"], seed).format(new=feeling_noun(new[0]), feeling=feeling)
        return _pick(acks["earlier_feeling"], seed).format(feeling=feeling)
    if new:
        return _pick(acks["new_feeling"], seed).format(new=feeling_noun(new[0]))
    if is_unsure(text):
        return _pick(acks["unsure"], seed)
    echo = key_clause(text)
    if echo and len(echo.split()) <= 12:
        line = _pick(acks["echo"], seed).format(echo=echo)
        return line[0].upper() + line[1:]
    return _pick(acks["plain"], seed)


def start(text: str = "", avoid: Iterable[int] = ()) -> tuple[ReflectionState, str]:
    """Begin a reflection: a gentle opener and the first question.

    `text` is what led here (a feeling share, or "help me reflect on a hard session"); feeling
    words in it are remembered. `avoid` lists prompts used in an earlier reflection.
    """
    feelings = tuple(feeling_words(text))
    state = ReflectionState(feelings=feelings, notes=(_note(text),) if text.strip() else ())
    seed = _seed(state)
    used = tuple(avoid)
    question, prompt = _question(0, feelings[-1] if feelings else None, used, seed)
    opener = _pick(_script()["openers"], seed)
    return ReflectionState(0, feelings, state.notes, used + (prompt,)), f"{opener} {question}"


def _closing(state: ReflectionState, stopped: bool) -> str:
    seed = _seed(state)
    closing = _pick(_script()["closings"], seed)
    return f"{_pick(_acks()['stop'], seed)} {closing}" if stopped else closing


def advance(
    state: ReflectionState, text: str, exclude: Iterable[str] = ()
) -> tuple[ReflectionState | None, str, Exercise | None]:
    """Take the user's answer: the next question, or the end (None) with a closing.

    After the last step the closing suggests an exercise matched to everything they wrote;
    `exclude` lists exercise ids not to suggest again (the one given just before).
    """
    if is_stop(text):
        return None, _closing(state, stopped=True), None
    earlier = state.feelings
    seed = _seed(state) + zlib.crc32(text.encode())
    feelings = _merge(earlier, text)
    notes = state.notes + ((_note(text),) if text.strip() else ())
    nxt = state.step + 1
    last = nxt >= len(_script()["steps"])
    # Alternate where an earlier feeling is named: in the acknowledgement, or in the question.
    in_question = bool(earlier) and nxt % 2 == 1 and not last
    ack = _acknowledge(earlier, text, seed, name_earlier=not in_question)
    if last:
        done = ReflectionState(nxt, feelings, notes, state.used_prompts)
        exercise = recommend(" ".join(notes), exclude=exclude)
        suggest = _pick(_acks()["suggest_exercise"], seed).format(
            title=exercise.title, duration=exercise.duration
        )
        return None, f"{ack} {suggest} {exercise.why}\n\n{_closing(done, False)}", exercise
    feeling = earlier[-1] if in_question else None
    question, prompt = _question(nxt, feeling, state.used_prompts, seed)
    new_state = ReflectionState(nxt, feelings, notes, state.used_prompts + (prompt,))
    return new_state, f"{ack} {question}", None

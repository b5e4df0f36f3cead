"""The exercise library and the recommender that matches an exercise to the moment."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache

from .content import load

_NOW, _EARLIER = 3.0, 1.0  # what the user says now outweighs what they said before
_QUICK_MINUTES = 5  # "something quick" with no number means at most this long
_UNSCORED = {"quick"}  # asked-for length filters the pool; it does not make an exercise fit
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a couple of": 2, "couple of": 2, "a few": 5, "few": 5,
}  # fmt: skip
_MINUTES = re.compile(
    r"(?<![a-z0-9])(\d+|a couple of|couple of|a few|few|"
    + "|".join(w for w in _NUMBERS if " " not in w)
    + r") (?:min|mins|minute|minutes)(?![a-z0-9])"
)


@dataclass(frozen=True)
class Exercise:
    """One short practice, in Reflect's words, with the article passage it draws on."""

    id: str
    title: str
    minutes: int
    timed: bool
    when: tuple[str, ...]
    steps: tuple[str, ...]
    why: str
    source: str
    quote: str

    @property
    def duration(self) -> str:
        return f"{self.minutes} minute{'' if self.minutes == 1 else 's'}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["when"], data["steps"] = list(self.when), list(self.steps)
        return data

    def to_markdown(self) -> str:
        steps = "\n".join(f"{n}. {step}" for n, step in enumerate(self.steps, 1))
        return (
            f"**{self.title}** · {self.duration}\n\n{steps}\n\n_Why it helps:_ {self.why}\n\n"
            f'Source: {self.source}, "{self.quote}"'
        )


@cache
def load_exercises() -> tuple[Exercise, ...]:
    """Every exercise in data/exercises.yaml, in file order."""
    return tuple(
        Exercise(
            id=e["id"],
            title=e["title"],
            minutes=int(e["minutes"]),
            timed=bool(e["timed"]),
            when=tuple(e["when"]),
            steps=tuple(e["steps"]),
            why=e["why"].strip(),
            source=e["source"],
            quote=e["quote"],
        )
        for e in load("exercises.yaml")["exercises"]
    )


def get(exercise_id: str) -> Exercise:
    """One exercise by id; KeyError if there is none."""
    for exercise in load_exercises():
        if exercise.id == exercise_id:
            return exercise
    raise KeyError(exercise_id)


def normalise(text: str) -> str:
    """Lower case, no apostrophes, words and clause punctuation only, single spaces."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("'", "")
    text = re.sub(r"[^a-z0-9.,;:!?]+", " ", text)
    return " ".join(re.sub(r"([.,;:!?])", r" \1 ", text).split())


@cache
def _moments() -> tuple[dict[str, re.Pattern], frozenset[str], frozenset[str]]:
    data = load("moments.yaml")
    patterns = {
        tag: re.compile(r"(?<![a-z0-9])(?:" + "|".join(f"(?:{p})" for p in pats) + r")(?![a-z0-9])")
        for tag, pats in data["tags"].items()
    }
    return patterns, frozenset(data["negators"]), frozenset(data["softeners"])


def negated(before: str) -> bool:
    """Whether normalised text ending right before a match negates it ("not really ...")."""
    _, negators, softeners = _moments()
    words = before.split()
    for word in reversed(words[-3:]):
        if word in negators:
            return True
        if word not in softeners:
            return False
    return False


def moment_tags(text: str) -> set[str]:
    """The moment tags (data/moments.yaml) the text shows, ignoring negated mentions."""
    norm = normalise(text)
    found = set()
    for tag, pattern in _moments()[0].items():
        if any(not negated(norm[: m.start()]) for m in pattern.finditer(norm)):
            found.add(tag)
    return found


def stated_minutes(text: str) -> int | None:
    """How many minutes the user says they have, if they name a number."""
    norm = normalise(text)
    if re.search(r"(?<![a-z0-9])(?:seconds|a sec|a second)(?![a-z0-9])", norm):
        return 1
    if "half an hour" in norm:
        return 30
    match = _MINUTES.search(norm)
    if not match:
        return None
    word = match.group(1)
    return int(word) if word.isdigit() else _NUMBERS[word]


def _score(exercise: Exercise, now: set[str], earlier: set[str]) -> float:
    score = 0.0
    for rank, tag in enumerate(exercise.when):
        if tag in _UNSCORED:
            continue
        weight = _NOW if tag in now else _EARLIER if tag in earlier else 0.0
        score += weight * (1 + 0.5 / (rank + 1))  # a tag listed first is the best fit
    return score


def recommend(text: str, exclude: Iterable[str] = (), history_text: str = "") -> Exercise:
    """The exercise that best fits the moment; the shortest fitting one when time is short."""
    exercises = load_exercises()
    now, earlier = moment_tags(text), moment_tags(history_text)
    limit = stated_minutes(text)
    quick = "quick" in now or (limit is not None and limit <= _QUICK_MINUTES)
    if quick and limit is None:
        limit = _QUICK_MINUTES
    excluded = set(exclude)
    pool = [e for e in exercises if e.id not in excluded] or list(exercises)
    if limit is not None:
        pool = [e for e in pool if e.minutes <= limit] or [min(pool, key=lambda e: e.minutes)]
    order = {e.id: i for i, e in enumerate(exercises)}
    scored = [(_score(e, now, earlier), e) for e in pool]
    if quick and stated_minutes(text) is None:  # "something quick": the shortest that fits
        fitting = [item for item in scored if item[0] > 0] or scored
        return min(fitting, key=lambda s: (s[1].minutes, -s[0], order[s[1].id]))[1]
    return max(scored, key=lambda s: (s[0], -order[s[1].id]))[1]

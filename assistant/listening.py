"""Reflective listening: name back a feeling in the user's words, normalise it, ask one thing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .content import load
from .exercises import moment_tags, negated, normalise

MAX_ECHO_WORDS = 18
_FILLERS = {
    "and", "but", "so", "honestly", "just", "well", "um", "umm", "uh", "like", "ok", "okay",
    "yeah", "yes", "tbh", "anyway", "also", "basically", "i guess", "to be honest", "i mean",
}  # fmt: skip
_LOOSE_ENDS = {"and", "but", "or", "the", "a", "an", "to", "of", "with", "about", "that", "so"}
# Words that may start an echo in lower case; anything else (a client's name) keeps its capital.
_LOWER_STARTS = set(
    "the that this these those today today's tonight yesterday it it's its you you're you've "
    "your after since before during lately recently work every each some all there when then "
    "now sessions session clients client patients people everything nothing everyone nobody "
    "she he they we her his their our a an one no what how being seeing hearing sitting "
    "listening working going feeling at in on for with because if even still sometimes most "
    "another last maybe really".split()
)
_SWAPS = [
    (r"\bam I\b", "are you"),
    (r"\bwas I\b", "were you"),
    (r"\bI am\b", "you are"),
    (r"\bI was\b", "you were"),
    (r"\bI wasn't\b", "you weren't"),
    (r"\bI'm\b|\bim\b", "you're"),
    (r"\bI've\b|\bive\b", "you've"),
    (r"\bI'd\b", "you'd"),
    (r"\bI'll\b", "you'll"),
    (r"\bI\b", "you"),
    (r"\bmyself\b", "yourself"),
    (r"\bmy\b", "your"),
    (r"\bmine\b", "yours"),
    (r"\bme\b", "you"),
]
_UNSURE = re.compile(
    r"^(?:i )?(?:dont|do not|really dont) know|^not sure|^no idea|^idk|^nothing(?: really)?$|"
    r"^(?:im )?not sure|^hard to say|^i cant say"
)
_SESSION_MOMENTS = {"after_heavy_session", "absorbed_client_pain"}
_BODY_MOMENTS = {
    "quick", "anxious", "overwhelmed", "cannot_switch_off", "irritable", "before_session",
    "between_sessions",
}  # fmt: skip


@dataclass(frozen=True)
class _Feeling:
    word: str
    noun: str
    framed: bool


@cache
def _lexicon() -> dict:
    data = load("feelings.yaml")
    forms: dict[str, _Feeling] = {}
    for entry in data["feelings"]:
        feeling = _Feeling(entry["word"], entry["noun"], bool(entry.get("framed")))
        for form in entry["forms"]:
            forms[form] = feeling
    ordered = sorted(forms, key=len, reverse=True)  # "burnt out" before "burnt"
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(map(re.escape, ordered)) + r")(?![a-z0-9])")
    return {
        "forms": forms,
        "pattern": pattern,
        "nouns": {f.word: f.noun for f in forms.values()},
        "first": set(data["first_person"]),
        "third": set(data["third_person"]),
        "frames": [tuple(f.split()) for f in data["frames"]],
        "intensifiers": sorted((tuple(w.split()) for w in data["intensifiers"]), key=len)[::-1],
        "breaks": set(data["clause_breaks"]),
    }


@cache
def _texts() -> dict:
    return load("listening.yaml")


def _clause_before(norm: str, start: int) -> list[str]:
    """The words of the clause that leads up to a match."""
    words: list[str] = []
    for word in reversed(norm[:start].split()):
        if word in ".,;:!?" or word in _lexicon()["breaks"]:
            break
        words.append(word)
    return words[::-1]


def _framed(words: list[str]) -> bool:
    lex = _lexicon()
    stripped = True
    while stripped and words:
        stripped = False
        for phrase in lex["intensifiers"]:
            if tuple(words[-len(phrase) :]) == phrase:
                words, stripped = words[: -len(phrase)], True
                break
    return any(tuple(words[-len(frame) :]) == frame for frame in lex["frames"])


def _counts(norm: str, start: int, feeling: _Feeling) -> bool:
    """Whether a mention is the user's own, unnegated feeling."""
    lex = _lexicon()
    clause = _clause_before(norm, start)
    if negated(" ".join(clause)):
        return False
    last_first = max((i for i, w in enumerate(clause) if w in lex["first"]), default=-1)
    last_third = max((i for i, w in enumerate(clause) if w in lex["third"]), default=-1)
    if last_third > last_first:
        return False
    return not feeling.framed or _framed(clause)


def _matches(text: str) -> list[tuple[int, _Feeling]]:
    norm = normalise(text)
    lex = _lexicon()
    return [
        (m.start(), lex["forms"][m.group(1)])
        for m in lex["pattern"].finditer(norm)
        if _counts(norm, m.start(), lex["forms"][m.group(1)])
    ]


def feeling_words(text: str) -> list[str]:
    """The feeling words the user used about themselves, in order, each once ("numb")."""
    seen: list[str] = []
    for _, feeling in _matches(text):
        if feeling.word not in seen:
            seen.append(feeling.word)
    return seen


def feeling_noun(word: str) -> str:
    """How a reply refers to a feeling after "the": numb -> numbness."""
    return _lexicon()["nouns"].get(word, word)


def swap_pronouns(text: str) -> str:
    """Turn the user's first person round: "I feel my chest" -> "you feel your chest"."""
    for pattern, repl in _SWAPS:
        text = re.sub(pattern, repl, text, flags=re.I)
    return text


def _clean(text: str) -> str:
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", "")
        .replace("\u201d", "")
    )
    return re.sub(r"[\"*_#`{}<>\[\]()|~^]", "", text)


def _trim(words: list[str]) -> list[str]:
    while words and words[0].lower().strip(",;:") in _FILLERS:
        words = words[1:]
    if len(words) > 1 and f"{words[0]} {words[1]}".lower().strip(",;:") in _FILLERS:
        words = words[2:]
    while words and words[-1].lower().strip(",;:.!") in _LOOSE_ENDS:
        words = words[:-1]
    return words


def _clauses(words: list[str]) -> list[tuple[int, int]]:
    """Spans of clauses in a sentence: a comma or dash ends one, a conjunction starts one."""
    spans, begin = [], 0
    for i, word in enumerate(words):
        if i > begin and word.lower() in _lexicon()["breaks"]:
            spans.append((begin, i))
            begin = i
        if word.endswith((",", ";", ":")) or word in {"-", "--", "\u2013", "\u2014"}:
            spans.append((begin, i + 1))
            begin = i + 1
    if begin < len(words):
        spans.append((begin, len(words)))
    return [s for s in spans if s[0] < s[1]]


def key_clause(text: str) -> str:
    """The user's key clause about how they feel, at most ~18 words, pronouns turned round."""
    parts = re.split(r"([.!?;\n]+)", _clean(text) + "\n")
    pairs = zip(parts[::2], parts[1::2], strict=False)
    sentences = [s.strip() for s, end in pairs if s.strip() and "?" not in end]  # no questions
    first = _lexicon()["first"]
    target = next((s for s in sentences if feeling_words(s)), None)
    if target is None:  # no feeling word: what they said about themselves, or simply the start
        mine = (s for s in sentences if first & set(normalise(s).split()))
        target = next(mine, sentences[0] if sentences else "")
    if not target:
        return ""
    words = target.split()
    spans = _clauses(words)
    hit = next((k for k, (a, b) in enumerate(spans) if feeling_words(" ".join(words[a:b]))), 0)
    a, b = spans[hit]
    if b - a > MAX_ECHO_WORDS:  # one long clause: a window around the feeling word
        at = next((i for i in range(a, b) if feeling_words(" ".join(words[a : i + 1]))), a)
        a, b = max(a, at - 6), min(b, at + 10)
    else:
        lead = spans[hit - 1][1] - spans[hit - 1][0] if hit else MAX_ECHO_WORDS
        if lead <= 6 and b - a + lead <= MAX_ECHO_WORDS:
            a = spans[hit - 1][0]  # a short lead-in such as "After that session,"
        for _, d in spans[hit + 1 :]:
            if d - a > MAX_ECHO_WORDS:
                break
            b = d
    echo = " ".join(_trim(words[a:b])).strip(" ,;:-\u2013\u2014")
    if len(echo.split()) < 2:
        return ""
    echo = swap_pronouns(echo)
    first_word = echo.split()[0].lower()
    if first_word in _LOWER_STARTS:
        echo = echo[0].lower() + echo[1:]
    return echo


def _pick(items: list, turn: int):
    return items[turn % len(items)]


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _normalising(words: list[str], tags: set[str], turn: int) -> str:
    entries = _texts()["normalising"]
    fitting = [e for e in entries if set(e.get("feelings") or ()) & set(words)]
    fitting = fitting or [e for e in entries if set(e.get("moments") or ()) & tags]
    general = [e for e in entries if not e.get("feelings") and not e.get("moments")]
    return _pick(fitting or general, turn)["text"]


def _offer_kind(tags: set[str], turn: int) -> str:
    if tags & _SESSION_MOMENTS:
        return "reflection"
    if tags & _BODY_MOMENTS:
        return "exercise"
    return "reflection" if turn % 2 == 0 else "exercise"


def name_back(text: str, turn: int = 0) -> str:
    """One sentence that says back what the user said, in their words."""
    texts, words = _texts(), feeling_words(text)
    echo = key_clause(text)
    if echo:
        templates = texts["name_back"]
        if re.search(r"\bso\b", echo, re.I):  # not "So that was so heavy"
            templates = [t for t in templates if not t.startswith("So ")]
        return _sentence(_pick(templates, turn).format(echo=echo))
    if words:
        return _sentence(_pick(texts["name_back_words"], turn).format(feelings=" and ".join(words)))
    return _pick(texts["name_back_plain"], turn)


def reflect_feeling(text: str, turn: int) -> tuple[str, str]:
    """A reflective-listening reply to a feeling share, and which offer it made."""
    texts, words = _texts(), feeling_words(text)
    if words:
        question = _pick(texts["questions"]["with_feeling"], turn)
        question = question.format(feeling=feeling_noun(words[0]))
    else:
        question = _pick(texts["questions"]["plain"], turn)
    tags = moment_tags(text)
    offer = _offer_kind(tags, turn)
    reply = f"{name_back(text, turn)} {_normalising(words, tags, turn)} {question}"
    return f"{reply}\n\n{_pick(texts['offers'][offer], turn)}", offer


def is_unsure(text: str) -> bool:
    """Whether an answer is a version of "I don't know"."""
    return bool(_UNSURE.search(normalise(text)))

"""The check a language model's wording must pass before it is shown as a final reply.

A reply is rejected when it
- names a method, dose or place (the same terms and function as every other reply:
  `method_terms.method_terms`, data/method_terms.yaml);
- cites a passage number it was not given, or (for answers) cites none;
- has a sentence that no passage it cites supports: the sentence's best cosine with a line of
  those passages (a sentence or list item, or the whole passage), with the packaged embedder, is
  below SUPPORT;
- states a specific that nothing it was given contains: a number (digits or a number word) or a
  capitalised name that appears in none of the passages and not in the user's message. Invented
  figures and names are what embedding similarity misses most easily ("affects 40 percent of
  social workers" sits close to a passage about social workers);
- (outside answers) asks a different number of questions than the composer's draft, or drops a
  word that must stay (a feeling word named back, an exercise's title).

Outside answers the only source is the composer's draft (the user's own message may supply
names and numbers but supports no sentence): the model may say the same more warmly, no more.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .corpus import split_sentences
from .method_terms import method_terms

# Chosen on eval/data/grounding_dev.jsonl with `eval/grounding.py` (dev questions only): the
# composer's own answer sentences and hand-written paraphrases of them (supported) against
# invented claims, warm filler and sentences of other questions' answers from other articles
# (unsupported), each scored against the passages the composer cited for its question. The cut
# keeps every composer sentence and at least 95% of paraphrases; eval/grounding.py prints how
# many unsupported sentences pass at it.
SUPPORT = 0.68
_MARK = re.compile(r"\s*\[(\d+)\]")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_MIN_WORDS = 3  # "In short:" says nothing to check; method words are checked in every fragment
_CACHE = 2048  # source lines (article sentences, drafts) kept embedded, in memory only
_NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
    if n >= 2  # "one" is mostly not a number ("no one", "one of the")
} | {
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "percent": "%",
    "per cent": "%",
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?|%|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
_NAME = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_OPENER = re.compile(r"(?:^|[.!?:;\]\n]|^\s*(?:[-*+•]|\d{1,2}[.)]))[\s\"“‘'(*_]*$")


@dataclass(frozen=True)
class Source:
    """Something the model was given to say: a numbered passage (n >= 1) or a draft (n = 0)."""

    n: int
    text: str
    title: str = ""
    section: str = ""


@dataclass(frozen=True)
class Verdict:
    """Whether a reply may be shown; `reason` and `detail` never contain message text."""

    ok: bool
    reason: str = ""  # method | citation | no_citation | unsupported | questions | dropped | empty
    detail: str = ""
    # For each checked sentence: the passage number and the passage line that supports it best.
    support: tuple[tuple[int, str], ...] = ()


def sentences(text: str) -> list[str]:
    """The sentences and list items of a reply, citation markers removed."""
    out = []
    for line in text.splitlines():
        line = _MARK.sub("", _BULLET.sub("", line)).strip()
        if line:
            out.extend(s.strip() for s in split_sentences(line) if s.strip())
    return out


def markers(text: str) -> list[int]:
    """The passage numbers a text cites, in order of first use."""
    return list(dict.fromkeys(int(n) for n in _MARK.findall(text)))


def specifics(text: str) -> set[str]:
    """Numbers (as digits) and capitalised names in a text, not counting sentence openers."""
    text = "\n".join(_MARK.sub("", _BULLET.sub("", line)) for line in text.splitlines())
    found = {_NUMBER_WORDS.get(m.group(0).lower(), m.group(0)) for m in _NUMBER.finditer(text)}
    for m in _NAME.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        name = m.group(0)
        initial = len(name) == 1 or re.match(r"I['’]", name)  # "R.", "I'm": no name
        if not initial and not _OPENER.search(text[line_start : m.start()]):
            found.add(name)
    return found


def _parts(name: str) -> list[str]:
    return [p.lower() for p in re.split(r"[-'’]", name) if len(p) > 1 or p.isdigit()]


def _vocabulary(texts: Sequence[str]) -> set[str]:
    joined = " ".join(texts)
    words = {w.lower() for w in re.findall(r"[\w%]+", joined)}
    words |= {_NUMBER_WORDS.get(m.group(0).lower(), m.group(0)) for m in _NUMBER.finditer(joined)}
    return words


def new_specifics(text: str, sources: Sequence[Source], context: str = "") -> list[str]:
    """The numbers and names in `text` that neither the sources nor `context` contain."""
    known = _vocabulary([src.text for src in sources] + [context])
    return sorted(x for x in specifics(text) if not all(p in known for p in _parts(x) or [x]))


def questions(text: str) -> int:
    return len(re.findall(r"\?(?=\s|$|\[|[”\"')])", _MARK.sub("", text)))


class Guard:
    """Checks model replies against what the model was given."""

    def __init__(
        self, encode: Callable[[list[str]], np.ndarray], threshold: float = SUPPORT
    ) -> None:
        self._encode_fn = encode
        self.threshold = threshold
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        """Source lines recur (article sentences, the same draft): each is embedded once."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        fresh = dict(zip(missing, self._encode_fn(missing), strict=True)) if missing else {}
        with self._lock:
            self._cache.update(fresh)
            for t in texts:
                self._cache.move_to_end(t)
            out = np.stack([self._cache[t] for t in texts])
            while len(self._cache) > _CACHE:
                self._cache.popitem(last=False)
        return out

    def _lines(self, sources: Sequence[Source]) -> list[tuple[int, str]]:
        lines = []
        for s in sources:
            lines.append((s.n, " ".join(s.text.split())))
            lines.extend((s.n, line) for line in sentences(s.text))
        return list(dict.fromkeys(lines))

    def scores(self, said: list[str], sources: Sequence[Source]) -> list[tuple[float, int, str]]:
        """Each sentence's best support: (cosine, passage number, passage line)."""
        lines = self._lines(sources)
        if not said or not lines:
            return [(0.0, 0, "") for _ in said]
        # Model sentences are new every time: embedded directly, not kept.
        cos = np.asarray(self._encode_fn(said)) @ self._encode([t for _, t in lines]).T
        best = cos.argmax(axis=1)
        return [(float(cos[i, j]), lines[j][0], lines[j][1]) for i, j in enumerate(best)]

    def check(
        self,
        text: str,
        sources: Sequence[Source],
        *,
        cite: bool,
        questions_expected: int | None = None,
        keep: Sequence[str] = (),
        context: str = "",
        final: bool = True,
    ) -> Verdict:
        """The verdict on a reply (`final`) or on a piece of one as it streams (`final=False`).

        A piece is checked against every source given, since its citation may come later; the
        final check uses only the passages the reply cites, and its whole-reply rules. `context`
        (the user's message) may supply specifics but supports no sentence.
        """
        if method_terms(text):
            return Verdict(False, "method")
        given = {s.n for s in sources if s.n > 0}
        cited = markers(text)
        wrong = [n for n in cited if n not in given]
        if wrong:
            return Verdict(False, "citation", f"cites {wrong}, given {sorted(given)}")
        new = new_specifics(text, sources, context)
        if new:
            return Verdict(False, "specifics", f"{len(new)} not in what was given")
        said = [s for s in sentences(text) if len(s.split()) >= _MIN_WORDS]
        if final:
            if not said:
                return Verdict(False, "empty")
            if cite and not cited:
                return Verdict(False, "no_citation")
            if questions_expected is not None and questions(text) != questions_expected:
                return Verdict(
                    False, "questions", f"{questions(text)} questions, {questions_expected} wanted"
                )
            lowered = text.lower()
            dropped = [w for w in keep if w.lower() not in lowered]
            if dropped:
                return Verdict(False, "dropped", f"{len(dropped)} kept words missing")
        against = [s for s in sources if s.n in cited or s.n == 0] if final and cite else sources
        scored = self.scores(said, against)
        for i, (score, _, _) in enumerate(scored):
            if score < self.threshold:
                return Verdict(False, "unsupported", f"sentence {i + 1}: {score:.2f}")
        return Verdict(True, support=tuple((n, line) for _, n, line in scored))

"""Which kind of turn a message is: rules first, then similarity to example messages.

Intents: question, feeling, exercise, reflection, smalltalk, plus yes/no answers to an offer.
Every route says why it was chosen, so a surprising reply can be explained.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from .content import load
from .listening import feeling_words

INTENTS = ("question", "feeling", "exercise", "reflection", "smalltalk")


@dataclass(frozen=True)
class Route:
    intent: str  # one of INTENTS, or "yes" / "no" to a pending offer
    reason: str  # e.g. "rule:question" or "semantic:feeling 0.61"


def _norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


_YES = re.compile(
    r"^(?:yes|yeah|yep|yup|sure|ok|okay|please|alright|all right|go on|go ahead|let's do it|"
    r"let's try|lets|let's|sounds good|that would help|i'd like that|why not|y)"
    r"(?:[ ,.!]+(?:please|thanks|thank you|let's|lets|try it|do it|go|ok|sure|"
    r"that would help))*[ .!]*$"
)
_NO = re.compile(
    r"^(?:no|nope|nah|not now|not really|no thanks|no thank you|maybe later|i'm ok|i'm okay|"
    r"i'm fine|not right now)(?:[ ,.!]+(?:thanks|thank you|i'm ok|i'm fine|not now))*[ .!]*$"
)
_REFLECT = re.compile(
    r"\b(?:reflect(?:ion|ing)?|debrief|unpack|process(?:ing)? (?:what|a|the|this|my|that|today)|"
    r"(?:go|talk|walk me) through (?:a|the|this|my|that|what) \w*\s*(?:session|shift|call|visit|"
    r"case|day|appointment|happened))\b"
)
# "What is reflective practice?" asks about reflection; "can we reflect on..." asks for one.
_ABOUT_REFLECTION = re.compile(r"^(?:what|why|how does|how do|is|are|does)\b")
_EXERCISE_NOUN = re.compile(
    r"\b(?:exercises?|techniques?|practices?|grounding|ground myself|breathing|breathe|reset|"
    r"routine|ritual|meditation|mindful\w*|body scan|something (?:quick|short|small|practical|"
    r"to do|i can do)|\d+[- ]?min(?:ute)?s?|(?:two|three|five|a couple of|a few) minutes|"
    r"calm (?:myself |me )?down|switch off|unwind|settle (?:myself|down)|decompress)\b"
)
_REQUEST = re.compile(
    r"\b(?:give me|suggest|recommend|show me|teach me|walk me|i need|i want|i'd like|can you|"
    r"could you|can i|what can i do|anything|something|help me|let's|lets|please|another|"
    r"one more|different one|try)\b"
)
_QUESTION_START = re.compile(
    r"^(?:what|what's|whats|how|why|when|where|which|who|is|are|can|could|does|do|did|should|"
    r"would|will|tell me|explain|describe|define|compare|difference|list|write|make|create|"
    r"generate|translate|summari[sz]e|calculate|find|give me (?:the|some|a) "
    r"(?:signs|difference|facts|definition|recipe|list|summary))\b"
)
_SMALLTALK = re.compile(
    r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks|thank you|thx|cheers|ta|"
    r"bye|goodbye|see you|good night|ok|okay|cool|great|nice|who are you|what are you|"
    r"what can you do|how does this work)\b[^?]{0,30}[?.!]*$"
)
_TOPIC = re.compile(
    r"\b(?:burn ?out|compassion fatigue|vicarious|secondary trauma\w*|secondary traumatic|"
    r"empathy fatigue|sts|self[- ]care|boundar\w+|supervision|therap\w+)\b"
)
_FIRST_PERSON_STATE = re.compile(
    r"\b(?:i feel|i'm feeling|i am feeling|i felt|i've been|i have been|i'm|i am|i can't|i cannot|"
    r"i keep|i don't|i cried|i snapped|i dread|i hate|i miss)\b"
)


class Router:
    """Decides the kind of a turn. Holds the example vectors; safe to share between threads."""

    def __init__(self, embedder=None, top: int = 3) -> None:
        self._embedder = embedder
        self._top = top
        self._vectors: dict[str, np.ndarray] | None = None
        self._lock = threading.Lock()

    def _examples(self) -> dict[str, np.ndarray] | None:
        if self._embedder is None:
            return None
        with self._lock:
            if self._vectors is None:
                data = load("intents.yaml")
                self._vectors = {
                    name: self._embedder.encode([str(t) for t in data[name]["examples"]])
                    for name in INTENTS
                }
        return self._vectors

    def warm(self) -> None:
        """Embed the example messages now rather than on the first unmatched message."""
        self._examples()

    def route(self, text: str, offer: str | None = None) -> Route:
        norm = _norm(text)
        if offer and _YES.match(norm):
            return Route("yes", f"rule:accept {offer}")
        if offer and _NO.match(norm):
            return Route("no", f"rule:decline {offer}")
        if _REFLECT.search(norm) and not _ABOUT_REFLECTION.match(norm):
            return Route("reflection", "rule:reflection")
        asks_about_topic = _QUESTION_START.match(norm) and _TOPIC.search(norm)
        wants = _REQUEST.search(norm) or len(norm.split()) <= 4
        if _EXERCISE_NOUN.search(norm) and wants and not asks_about_topic:
            return Route("exercise", "rule:exercise")
        if _SMALLTALK.match(norm):
            return Route("smalltalk", "rule:smalltalk")
        asks = norm.endswith("?") or bool(_QUESTION_START.match(norm))
        if asks and (_TOPIC.search(norm) or not feeling_words(text)):
            return Route("question", "rule:question")
        if feeling_words(text) or _FIRST_PERSON_STATE.search(norm):
            return Route("feeling", "rule:feeling")
        return self._nearest(text)

    def _nearest(self, text: str) -> Route:
        examples = self._examples()
        if examples is None:
            return Route("feeling", "default:feeling")
        vector = self._embedder.encode([text])[0]
        best, best_score = "feeling", -1.0
        for name in INTENTS:
            sims = examples[name] @ vector
            score = float(np.sort(sims)[-self._top :].mean())
            if score > best_score:
                best, best_score = name, score
        return Route(best, f"semantic:{best} {best_score:.2f}")

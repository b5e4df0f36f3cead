"""The conversation engine: risk check first, then route, then compose one reply.

`Assistant` is shared by every conversation (it holds the loaded models and the retriever) and
keeps no conversation state of its own; each conversation's state lives in a `Conversation`
owned by its caller (a Streamlit session, a CLI session id).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from . import listening, reflection
from .answer import Answerer, Citation, Table, span
from .config import get_settings
from .content import load
from .exercises import Exercise, recommend
from .helppath import HelpPath, fixed_text, help_path, region
from .inputs import LONG_CHARS, clean, language, tail
from .method_terms import method_terms
from .routing import Route, Router
from .safety import Assessment, Assessor, default_risk_model

if TYPE_CHECKING:
    from .llm import Job, Outcome, Phraser
    from .retrieval import Passage

log = logging.getLogger(__name__)

MODES = ("crisis", "answer", "reflection", "feeling", "exercise", "smalltalk", "out_of_scope")
# A message is risk-checked in full whatever its length (rules on every clause; the semantic
# layer on the last safety.SEMANTIC_CHARS). One over inputs.LONG_CHARS (a pasted case note) is
# routed and answered on its last part only: inputs.tail, its last paragraph, at most
# inputs.TAIL_CHARS characters, so retrieval and composing cost what a short question costs. The
# user sees the "long_message" line from dialogue.yaml before the reply, saying so.
MAX_CHARS = LONG_CHARS


@dataclass(frozen=True)
class Reply:
    """One reply and everything the UI shows with it."""

    text: str
    mode: str
    citations: tuple[Citation, ...] = ()
    exercise: Exercise | None = None
    help: HelpPath | None = None
    assessment: Assessment = field(default_factory=Assessment)
    table: Table | None = None
    route: str = ""
    # Who wrote the words: "composer" (the extractive composer, scripted flows and fixed texts)
    # or the language model's name. `fallback` says why a configured model's words were not
    # used (timeout, error, guard:<rule>); empty otherwise.
    backend: str = "composer"
    fallback: str = ""
    # The whole passages behind the citations ([n] is passages[n - 1]), for phrasing; not shown.
    passages: tuple[Passage, ...] = field(default=(), repr=False, compare=False)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "mode": self.mode,
            "citations": [c.to_dict() for c in self.citations],
            "exercise": self.exercise.to_dict() if self.exercise else None,
            "help": _help_dict(self.help),
            "assessment": self.assessment.to_dict(),
            "table": _table_dict(self.table),
            "backend": self.backend,
            "fallback": self.fallback,
        }

    def to_markdown(self) -> str:
        """The reply as Markdown: text, table, exercise steps, sources and help path."""
        parts = [self.text]
        if self.table:
            parts.append(self.table.to_markdown())
        if self.exercise:
            parts.append(self.exercise.to_markdown())
        if self.citations:
            parts.append(
                "Sources:\n"
                + "\n".join(
                    f"[{c.n}] {c.title}" + (f", {c.section}" if c.section else "")
                    for c in self.citations
                )
            )
        if self.help and self.help.text != self.text:
            parts.append(self.help.text)
        return "\n\n".join(parts)

    def chunks(self, words: int = 4) -> Iterator[str]:
        """The text in small pieces, for streaming to a UI."""
        pieces = re.findall(r"\S+\s*", self.text)
        for start in range(0, len(pieces), words):
            yield "".join(pieces[start : start + words])


def _table_dict(table: Table | None) -> dict | None:
    return {"headers": table.headers, "rows": table.rows} if table else None


def _help_dict(path: HelpPath | None) -> dict | None:
    if path is None:
        return None
    return {"kind": path.kind, "text": path.text, "region": path.region.code}


@dataclass
class Conversation:
    """One conversation's state: what was said, what is running, what was offered."""

    region: str | None = None  # None: the REFLECT_REGION setting
    turns: list[tuple[str, Reply]] = field(default_factory=list)
    reflection: reflection.ReflectionState | None = None
    offer: str | None = None  # "reflection" | "exercise" awaiting a yes or no
    last_exercise: str | None = None
    used_prompts: tuple[int, ...] = ()

    @property
    def assessments(self) -> list[Assessment]:
        return [reply.assessment for _, reply in self.turns]

    @property
    def last_reply(self) -> Reply | None:
        return self.turns[-1][1] if self.turns else None

    def user_text(self) -> str:
        return " ".join(text for text, _ in self.turns)


def _region(conversation: Conversation) -> str:
    return conversation.region or get_settings().region


@cache
def _texts() -> dict:
    return load("dialogue.yaml")


def _pick(kind: str, turn: int) -> str:
    items = _texts()[kind]
    return items[turn % len(items)]


class Assistant:
    """Shared, stateless between conversations: safe to call from many sessions' threads."""

    def __init__(
        self,
        assessor: Assessor,
        answerer: Answerer,
        router: Router,
        phraser: Phraser | None = None,
    ) -> None:
        self.assessor = assessor
        self.answerer = answerer
        self.router = router
        self.phraser = phraser  # an optional language model that only rephrases (llm.py)

    def warm(self) -> None:
        """Embed every example set and article sentence now, so the first reply is quick."""
        self.answerer.warm()
        self.assessor.assess("warming up")
        self.router.warm()

    def respond(self, conversation: Conversation, text: str) -> Reply:
        """Answer one message and record the turn in the conversation."""
        text, reply, job = self._decide(conversation, text)
        if job is not None:
            reply = self._phrased(reply, job, self.phraser.phrase(job))
        conversation.turns.append((text, reply))
        return reply

    def stream(self, conversation: Conversation, text: str) -> Iterator[str]:
        """Respond, yielding the reply's text in pieces; the Reply is the last turn's.

        Without a model the pieces join to the reply's text. With one, the model's sentences
        stream as each passes the guard; if a later one fails (or time runs out) the stream goes
        on with a short note and the composer's reply, which is the turn's Reply.
        """
        if self.phraser is None:
            yield from self.respond(conversation, text).chunks()
            return
        text, reply, job = self._decide(conversation, text)
        if job is None:
            conversation.turns.append((text, reply))
            yield from reply.chunks()
            return
        shown = False
        pieces = self.phraser.stream(job)
        while True:
            try:
                piece = next(pieces)
            except StopIteration as done:
                outcome = done.value
                break
            shown = True
            yield piece
        final = self._phrased(reply, job, outcome)
        conversation.turns.append((text, final))
        if outcome.accepted:
            return
        if shown:
            yield f"\n\n*{fallback_note(outcome.reason)}*\n\n"
        yield from final.chunks()

    def _decide(self, conversation: Conversation, text: str) -> tuple[str, Reply, Job | None]:
        """Everything but the wording: the cleaned text, the composer's reply, and the job a
        language model may phrase (None: this reply stays exactly as composed)."""
        text = clean(text)  # NUL, control characters, lone surrogates, zero-width: never an error
        assessment = self.assessor.assess(text, conversation.assessments)
        long_message = False
        if assessment.level == "crisis":
            reply = self._crisis(conversation, assessment)
        elif len(text) > MAX_CHARS:
            long_message = True
            reply = self._compose(conversation, tail(text), assessment)
            note = _pick("long_message", len(conversation.turns))
            reply = replace(reply, text=f"{note}\n\n{reply.text}")
        else:
            reply = self._compose(conversation, text, assessment)
        if reply.mode != "crisis":
            reply = self._guard(conversation, reply)
        job = None
        if self.phraser is not None and not long_message:
            job = self._job(text, reply)
        return text, reply, job

    # --- phrasing (optional language model) ----------------------------------------------------

    def _job(self, text: str, reply: Reply) -> Job | None:
        """What a model may phrase: composed answers, feelings, reflections and exercises.

        Never a crisis turn or any later turn of a conversation that had one, a fixed text
        (dialogue.yaml), a reply the method guard touched, or an answer without its passages."""
        from .llm import PHRASED, Job, answer_job
        from .llm_guard import Source, questions

        if reply.mode not in PHRASED or "crisis" in (
            reply.assessment.level,
            reply.assessment.earlier,
        ):
            return None
        if "guard:method" in reply.route or reply.text in _fixed_texts():
            return None
        if reply.mode == "answer":
            if not reply.passages or not reply.citations:
                return None
            return answer_job(text, reply.text, reply.passages)
        keep: tuple[str, ...] = ()
        title = ""
        if reply.mode in ("feeling", "reflection"):
            keep = tuple(w for w in listening.feeling_words(text) if w in reply.text.lower())
        if reply.exercise is not None and reply.mode == "exercise":
            title = reply.exercise.title
            keep = (title,)
        return Job(
            reply.mode,
            text,
            reply.text,
            (Source(0, reply.text),),
            questions=questions(reply.text),
            keep=keep,
            title=title,
        )

    def _phrased(self, reply: Reply, job: Job, outcome: Outcome) -> Reply:
        """The turn's reply: the model's words when they passed, else the composer's."""
        if not outcome.accepted:
            log.info(
                "language model not used (%s, %s): %s %s",
                reply.mode,
                self.phraser.label,
                outcome.reason,
                outcome.detail,
            )  # never the message or the reply: only what failed
            return replace(reply, fallback=outcome.reason)
        citations = reply.citations
        if job.cite:
            cited = {int(n) for n in re.findall(r"\[(\d+)\]", outcome.text)}
            if reply.table is not None:
                cited |= {int(n) for n in re.findall(r"\[(\d+)\]", reply.table.to_markdown())}
            leaned: dict[int, list[str]] = {}
            for n, line in outcome.support:
                leaned.setdefault(n, []).append(line)
            citations = tuple(
                replace(c, quote=span(reply.passages[c.n - 1].text, leaned[c.n]))
                if c.n in leaned and c.n not in _table_numbers(reply)
                else c
                for c in reply.citations
                if c.n in cited
            )
        return replace(reply, text=outcome.text, citations=citations, backend=self.phraser.label)

    # --- composing ----------------------------------------------------------------------------

    def _crisis(self, conversation: Conversation, assessment: Assessment) -> Reply:
        path = help_path(assessment, _region(conversation))
        conversation.reflection = None
        conversation.offer = "exercise"  # the crisis text offers grounding; "yes" gives it
        return Reply(path.text, "crisis", help=path, assessment=assessment, route="safety:crisis")

    def _compose(self, conversation: Conversation, text: str, assessment: Assessment) -> Reply:
        turn = len(conversation.turns)
        if not text.strip():
            return self._finish(conversation, _pick("empty", turn), "smalltalk", assessment, "")
        if language(text) != "en":
            conversation.offer = None
            conversation.reflection = None
            where = region(_region(conversation))
            body = fixed_text("language", where)
            return self._finish(conversation, body, "smalltalk", assessment, "rule:language")
        if conversation.reflection is not None:
            return self._reflect(conversation, text, assessment)
        last = conversation.last_reply
        if last is not None and last.exercise is not None and _ANOTHER.search(text.lower()):
            route = Route("exercise", "rule:another exercise")
        else:
            route = self.router.route(text, conversation.offer)
        offer, conversation.offer = conversation.offer, None
        log.debug("route %s", route.reason)
        if route.intent == "yes":
            intent = "reflection" if offer == "reflection" else "exercise"
            earlier = conversation.turns[-1][0] if conversation.turns else ""
            earlier = tail(earlier) if len(earlier) > MAX_CHARS else earlier
            route = Route(intent, route.reason)
            text = earlier if intent == "reflection" else f"{earlier} {text}"
        elif route.intent == "no":
            declined = _pick("declined", turn)
            return self._finish(conversation, declined, "smalltalk", assessment, route)
        if route.intent == "reflection":
            return self._start_reflection(conversation, text, assessment, route)
        if route.intent == "exercise":
            return self._exercise(conversation, text, assessment, route)
        if route.intent == "smalltalk":
            if assessment.earlier == "crisis" or assessment.level != "none":
                text = _pick("after_risk", turn)  # no cheerful small talk after a crisis
            else:
                text = _smalltalk(text, turn)
            return self._finish(conversation, text, "smalltalk", assessment, route)
        if route.intent == "question":
            return self._answer(conversation, text, assessment, route)
        if assessment.other_at_risk and not listening.feeling_words(text):
            lead = _pick("other_at_risk_lead", turn)
            return self._finish(conversation, lead, "feeling", assessment, route)
        reply, offer = listening.reflect_feeling(text, turn)
        conversation.offer = offer
        return self._finish(conversation, reply, "feeling", assessment, route)

    def _answer(self, conversation, text, assessment, route) -> Reply:
        answer = self.answerer.answer(text)
        mode = "answer" if answer.in_scope else "out_of_scope"
        return self._finish(
            conversation,
            answer.text,
            mode,
            assessment,
            route,
            citations=tuple(answer.citations),
            table=answer.table,
            passages=answer.passages,
        )

    def _exercise(self, conversation, text, assessment, route) -> Reply:
        exclude = [conversation.last_exercise] if conversation.last_exercise else []
        exercise = recommend(text, exclude=exclude, history_text=conversation.user_text())
        conversation.last_exercise = exercise.id
        turn = len(conversation.turns)
        intro = _pick("exercise_intro", turn).format(
            title=exercise.title, duration=exercise.duration
        )
        body = f"{intro} {exercise.why}\n\n{_pick('exercise_after', turn)}"
        return self._finish(conversation, body, "exercise", assessment, route, exercise=exercise)

    def _start_reflection(self, conversation, text, assessment, route) -> Reply:
        state, question = reflection.start(text, avoid=conversation.used_prompts)
        conversation.reflection = state
        conversation.used_prompts = state.used_prompts
        return self._finish(conversation, question, "reflection", assessment, route)

    def _reflect(self, conversation, text, assessment) -> Reply:
        exclude = [conversation.last_exercise] if conversation.last_exercise else []
        state, reply, exercise = reflection.advance(conversation.reflection, text, exclude)
        conversation.reflection = state
        if state is not None:
            conversation.used_prompts = state.used_prompts
        if exercise is not None:
            conversation.last_exercise = exercise.id
        return self._finish(
            conversation, reply, "reflection", assessment, "reflection:continue", exercise=exercise
        )

    def end_reflection(self, conversation: Conversation) -> Reply:
        """The "end reflection" button: the same as saying "stop"."""
        if conversation.reflection is None:
            reply = Reply(
                _pick("reflection_stop_none", 0),
                "smalltalk",
                help=conversation.last_reply.help if conversation.last_reply else None,
                assessment=conversation.last_reply.assessment
                if conversation.last_reply
                else Assessment(),
            )
            conversation.turns.append(("end reflection", reply))
            return reply
        return self.respond(conversation, "stop")

    def _guard(self, conversation: Conversation, reply: Reply) -> Reply:
        """No method, dose or place detail in any reply but the fixed crisis text: a sentence that
        names one (an article sentence, a name-back of the user's words) is dropped, with its
        citations; a table or exercise that names one is dropped; if nothing is left, a fixed
        line that points to a person instead."""
        if not method_terms(reply.to_markdown()):
            return reply
        log.info("method guard: %s", reply.route)
        kept = [s for s in _SENTENCE.split(reply.text) if s.strip() and not method_terms(s)]
        text = " ".join(kept).strip()
        markers = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
        citations = tuple(
            c for c in reply.citations if c.n in markers and not method_terms(_cited(c))
        )
        table = reply.table
        if table is not None and method_terms(table.to_markdown()):
            table = None
        exercise = reply.exercise
        if exercise is not None and method_terms(exercise.to_markdown()):
            exercise = None
        guarded = replace(reply, text=text, citations=citations, table=table, exercise=exercise)
        if len(text.split()) < 4 or method_terms(guarded.to_markdown()):
            line = _pick("method_guard", len(conversation.turns))
            guarded = replace(
                reply, text=line, mode="smalltalk", citations=(), table=None, exercise=None
            )
            if guarded.help is not None and method_terms(guarded.help.text):
                guarded = replace(guarded, help=None)  # never: help texts are fixed and vetted
        return replace(guarded, route=f"{reply.route} guard:method")

    def _finish(
        self,
        conversation: Conversation,
        text: str,
        mode: str,
        assessment: Assessment,
        route: Route | str,
        **extra,
    ) -> Reply:
        reason = route.reason if isinstance(route, Route) else route
        path = help_path(assessment, _region(conversation)) if assessment.needs_help_path else None
        return Reply(text, mode, help=path, assessment=assessment, route=reason, **extra)


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)|\n+")


@cache
def _fixed_texts() -> frozenset[str]:
    """Every fixed line in dialogue.yaml (vetted wording: never rephrased)."""
    return frozenset(
        str(item) for items in _texts().values() if isinstance(items, list) for item in items
    )


def _table_numbers(reply: Reply) -> set[int]:
    if reply.table is None:
        return set()
    return {int(n) for n in re.findall(r"\[(\d+)\]", reply.table.to_markdown())}


def fallback_note(reason: str) -> str:
    """The short note shown when the composer's reply stands in for a model's."""
    notes = _texts()["llm_fallback"]
    return notes.get(reason.split(":")[0], notes["guard"])


def _cited(citation: Citation) -> str:
    return f"{citation.title} {citation.section or ''}"


_ANOTHER = re.compile(
    r"^(?:(?:can i have |give me |try |maybe |how about )?(?:another|a different|something else|"
    r"different)(?: one| exercise)?|one more|next|something different|not that one)\b"
)
_GREETING = re.compile(r"^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))\b")
_THANKS = re.compile(r"\b(?:thanks|thank you|thx|cheers|ta)\b")
_BYE = re.compile(r"\b(?:bye|goodbye|see you|good night)\b")
_ABOUT = re.compile(r"\b(?:who are you|what are you|what can you do|how does this work)\b")


def _smalltalk(text: str, turn: int) -> str:
    norm = text.lower()
    for pattern, kind in (
        (_ABOUT, "about"),
        (_BYE, "goodbye"),
        (_THANKS, "thanks"),
        (_GREETING, "greeting"),
    ):
        if pattern.search(norm):
            return _pick(kind, turn)
    return _pick("acknowledge", turn)


def build_assistant(retriever=None, embedder=None) -> Assistant:
    """The assistant over the configured index, with the packaged model."""
    from .embeddings import get_embedder
    from .index import IndexUnavailable
    from .library import get_retriever
    from .llm import build_phraser

    embedder = embedder or get_embedder()
    phraser = build_phraser(get_settings(), embedder)  # None unless REFLECT_LLM_PROVIDER is set
    if retriever is None:
        try:
            retriever = get_retriever(embedder=embedder)
        except IndexUnavailable as exc:  # feelings, exercises, reflections and safety still work
            log.warning("the article library is unavailable: %s", exc)
    return Assistant(
        Assessor(embedder, model=default_risk_model()),
        Answerer(retriever, embedder),
        Router(embedder),
        phraser=phraser,
    )

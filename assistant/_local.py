"""A transformers causal language model as a small LangChain chat model that can be stopped.

langchain-huggingface's pipeline wrapper starts a generation it cannot stop: a reply the guard
has already rejected, or one past its time limit, would keep both cores busy to the end (and a
generation still running when the process exits aborts it). Here every generation stops at the
next token once its reader goes away, and any left at exit are stopped first.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}
_running: set[tuple[threading.Event, threading.Thread]] = set()
_running_lock = threading.Lock()


@atexit.register
def _stop_all() -> None:
    with _running_lock:
        running = list(_running)
    for stop, _ in running:
        stop.set()
    for _, thread in running:
        thread.join(timeout=10)


class LocalChatModel(BaseChatModel):
    """Greedy generation with the model's own chat template, streamed token by token."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    model: Any
    tokenizer: Any
    label: str
    max_new_tokens: int = 320
    max_time: float = 20.0
    repetition_penalty: float = 1.1

    @property
    def _llm_type(self) -> str:
        return "reflect-local"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        text = "".join(c.text for c in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        chat = [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages]
        inputs = self.tokenizer.apply_chat_template(
            chat, add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        streamer = TextIteratorStreamer(
            self.tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=self.max_time + 30
        )
        halt = threading.Event()
        failure: list[BaseException] = []

        class _Halt(StoppingCriteria):
            def __call__(self, input_ids, scores, **kw) -> bool:
                return halt.is_set()

        def run() -> None:
            import torch

            try:
                with torch.inference_mode():
                    self.model.generate(
                        **inputs,
                        streamer=streamer,
                        max_new_tokens=self.max_new_tokens,
                        max_time=self.max_time,
                        do_sample=False,  # the same draft gets the same wording
                        repetition_penalty=self.repetition_penalty,
                        stopping_criteria=StoppingCriteriaList([_Halt()]),
                        pad_token_id=self.tokenizer.eos_token_id,
                    )
            except BaseException as exc:  # handed to the reader below
                failure.append(exc)
                streamer.end()

        thread = threading.Thread(target=run, daemon=True, name="reflect-local-generate")
        with _running_lock:
            _running.add((halt, thread))
        thread.start()
        try:
            for text in streamer:
                if text:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
                    if run_manager:
                        run_manager.on_llm_new_token(text, chunk=chunk)
                    yield chunk
            if failure:
                raise failure[0]
        finally:
            halt.set()  # the reader is gone (done, rejected or out of time): stop at the next token
            thread.join(timeout=self.max_time + 30)
            with _running_lock:
                _running.discard((halt, thread))

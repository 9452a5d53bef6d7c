"""A local GGUF model (`NDV_LLM=llamacpp:/path/model.gguf`) as a LangChain chat model.

The model runs in a supervised worker process (`assistant.model_worker`), never in the app's process; this class
talks to the worker's OpenAI-compatible endpoint on loopback. A worker that died (a native crash) is restarted by
the next request; the request that was in flight fails like any backend failure (the answerer falls back).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from assistant.model_worker import ModelWorker, ModelWorkerError

MAX_OUTPUT_TOKENS = 512  # bounds the time of one generation
DEATH_WAIT_S = 1.0  # after a failed request: how long a crashing worker may take to be gone


class LlamaCppChat(BaseChatModel):
    model_path: str
    timeout_s: float = 120.0
    _worker: ModelWorker = PrivateAttr()
    _client: Any = PrivateAttr(default=None)
    _client_url: str = PrivateAttr(default="")

    def model_post_init(self, context: Any) -> None:
        self._worker = ModelWorker(self.model_path)

    @property
    def _llm_type(self) -> str:
        return "llamacpp-worker"

    @property
    def worker(self) -> ModelWorker:
        return self._worker

    def _openai(self) -> Any:
        """The OpenAI-compatible client for the running worker (a restarted worker has a new port)."""
        url = self._worker.url()
        if self._client is None or url != self._client_url:
            from langchain_openai import ChatOpenAI

            self._client = ChatOpenAI(
                model="local",
                base_url=url,
                api_key="not-needed",  # type: ignore[arg-type]
                timeout=self.timeout_s,
                max_retries=0,
                temperature=0.0,
            )
            self._client_url = url
        return self._client

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        kwargs = self._with_token_limit(kwargs)
        with self._worker_failure():
            return self._openai()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        kwargs = self._with_token_limit(kwargs)
        with self._worker_failure():
            yield from self._openai()._stream(messages, stop=stop, run_manager=run_manager, **kwargs)

    @contextlib.contextmanager
    def _worker_failure(self) -> Iterator[None]:
        """A request that failed because the worker died says so (the next request starts a new worker)."""
        try:
            yield
        except Exception as exc:
            if isinstance(exc, ModelWorkerError) or (death := self._worker.death(wait_s=DEATH_WAIT_S)) is None:
                raise
            raise ModelWorkerError(
                f"the local model's process stopped ({death}); it is restarted on the next question"
            ) from exc

    def _with_token_limit(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """Every request to the worker is bounded: llama-cpp-python's server reads `max_tokens` only (LangChain
        would send `max_completion_tokens`), in the extra body beside whatever the caller put there."""
        return {**kwargs, "extra_body": {"max_tokens": MAX_OUTPUT_TOKENS, **kwargs.get("extra_body", {})}}

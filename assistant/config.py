"""Settings: one typed object, read from `NDV_*` environment variables and CLI flags, nowhere else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import InputError

if TYPE_CHECKING:
    from index.loaders import Limits
    from index.store import IndexStore


def _default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ndv-assistant", appauthor=False))


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    top_k: int = 5  # paragraphs handed to the answerer and reported as `retrieved`
    max_question_chars: int = 2000
    chroma_host: str | None = None  # vectors in a Chroma server instead of the embedded store
    chroma_port: int = 8000
    time_budget_s: int = 10  # one answer, end to end; also the Chroma server's request timeout
    max_file_mb: int = 50  # documents added with `ndv index add` or fetched
    max_pages: int = 500
    fetch_base_url: str = "https://documents.un.org"  # the UN Official Document System
    fetch_timeout_s: int = 60
    llm: str | None = None  # "openai:MODEL" / "ollama:MODEL"; unset = the offline extractive answerer
    llm_base_url: str | None = None
    llm_timeout_s: int = 30
    llm_max_retries: int = 1

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env["NDV_DATA_DIR"]).expanduser() if env.get("NDV_DATA_DIR") else _default_data_dir()
        settings = cls(
            data_dir=data_dir,
            top_k=_int(env, "NDV_TOP_K", cls.top_k, 1, 50),
            chroma_host=env.get("NDV_CHROMA_HOST") or None,
            chroma_port=_int(env, "NDV_CHROMA_PORT", cls.chroma_port, 1, 65535),
            time_budget_s=_int(env, "NDV_TIME_BUDGET", cls.time_budget_s, 1, 300),
            max_file_mb=_int(env, "NDV_MAX_FILE_MB", cls.max_file_mb, 1, 2048),
            max_pages=_int(env, "NDV_MAX_PAGES", cls.max_pages, 1, 100_000),
            fetch_base_url=env.get("NDV_FETCH_BASE_URL") or cls.fetch_base_url,
            fetch_timeout_s=_int(env, "NDV_FETCH_TIMEOUT", cls.fetch_timeout_s, 1, 600),
            llm=env.get("NDV_LLM") or None,
            llm_base_url=env.get("NDV_LLM_BASE_URL") or None,
            llm_timeout_s=_int(env, "NDV_LLM_TIMEOUT", cls.llm_timeout_s, 1, 600),
            llm_max_retries=_int(env, "NDV_LLM_RETRIES", cls.llm_max_retries, 0, 5),
        )
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **given) if given else settings

    def limits(self) -> Limits:
        from index.loaders import Limits

        return Limits(max_bytes=self.max_file_mb * 1024 * 1024, max_pages=self.max_pages)


def index_store(settings: Settings) -> IndexStore:
    """The index these settings point at: the data dir, and the Chroma server when one is set."""
    from index.store import ChromaServer, IndexStore

    server = (
        ChromaServer(settings.chroma_host, settings.chroma_port, settings.time_budget_s)
        if settings.chroma_host
        else None
    )
    return IndexStore(settings.data_dir, server=server)


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"{name} must be a whole number, not {raw!r}.") from None
    if not low <= value <= high:
        raise InputError(f"{name} must be between {low} and {high}, not {value}.")
    return value

"""Settings: one typed object, read from `NDV_*` environment variables and CLI flags, nowhere else."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from index.errors import InputError


def _default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ndv-assistant", appauthor=False))


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    top_k: int = 5  # paragraphs handed to the answerer and reported as `retrieved`
    max_question_chars: int = 2000

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if env is None else env
        data_dir = Path(env["NDV_DATA_DIR"]).expanduser() if env.get("NDV_DATA_DIR") else _default_data_dir()
        settings = cls(data_dir=data_dir, top_k=_int(env, "NDV_TOP_K", cls.top_k, 1, 50))
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(settings, **given) if given else settings


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

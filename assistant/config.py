"""Typed settings, read once from REFLECT_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_PROJECT_ROOT = Path(__file__).resolve().parent.parent


LLM_PROVIDERS = ("none", "openai", "ollama", "local")
LLM_TIMEOUT = 20.0  # seconds the model may take for a whole reply before the composer's is used


class SettingsError(ValueError):
    """A REFLECT_* variable holds a value that cannot be used."""


def _default_corpus_dir() -> Path:
    shipped = _PROJECT_ROOT / "corpus"
    return shipped if shipped.is_dir() else Path.cwd() / "corpus"


@dataclass(frozen=True)
class Settings:
    """Where state lives and which services to use."""

    data_dir: Path
    corpus_dir: Path
    chroma_url: str | None
    region: str
    collection: str = "corpus"
    llm_provider: str = "none"  # see LLM_PROVIDERS; "none" keeps the extractive composer only
    llm_model: str | None = None  # model name (openai, ollama) or a GGUF file (local)
    llm_base_url: str | None = None
    llm_api_key: str | None = field(default=None, repr=False)  # never printed or logged
    llm_timeout: float = LLM_TIMEOUT

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        data_dir = Path(env.get("REFLECT_DATA_DIR") or ".data").expanduser()
        corpus = env.get("REFLECT_CORPUS_DIR")
        return cls(
            data_dir=data_dir.resolve(),
            corpus_dir=Path(corpus).expanduser().resolve() if corpus else _default_corpus_dir(),
            chroma_url=(env.get("REFLECT_CHROMA_URL") or "").strip() or None,
            region=(env.get("REFLECT_REGION") or "US").strip().upper(),
            llm_provider=_provider(env.get("REFLECT_LLM_PROVIDER")),
            llm_model=(env.get("REFLECT_LLM_MODEL") or "").strip() or None,
            llm_base_url=(env.get("REFLECT_LLM_BASE_URL") or "").strip() or None,
            llm_api_key=(env.get("REFLECT_LLM_API_KEY") or env.get("OPENAI_API_KEY") or "").strip()
            or None,
            llm_timeout=_seconds(env.get("REFLECT_LLM_TIMEOUT")),
        )


def _provider(value: str | None) -> str:
    provider = (value or "none").strip().lower()
    if provider not in LLM_PROVIDERS:
        raise SettingsError(
            f"REFLECT_LLM_PROVIDER={value!r}: expected one of {', '.join(LLM_PROVIDERS)}"
        )
    return provider


def _seconds(value: str | None) -> float:
    if not (value or "").strip():
        return LLM_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise SettingsError(f"REFLECT_LLM_TIMEOUT={value!r}: expected a number of seconds above 0")
    return seconds


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings.from_env()

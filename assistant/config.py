"""Typed settings, read once from REFLECT_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_PROJECT_ROOT = Path(__file__).resolve().parent.parent


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
        )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings.from_env()

"""Shared fixtures: the real packaged model (loaded once), real Chroma in temp folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Keep every test's state out of the developer's .data/ before anything reads settings.
os.environ["REFLECT_DATA_DIR"] = tempfile.mkdtemp(prefix="reflect-test-data-")
os.environ.pop("REFLECT_CHROMA_URL", None)
os.environ["ANONYMIZED_TELEMETRY"] = "False"

from assistant.config import Settings, get_settings  # noqa: E402
from assistant.embeddings import Embedder, get_embedder  # noqa: E402
from assistant.index import Index  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"
STEMS = (
    "keeping-on-and-moving-forward",
    "when-compassion-fatigue-hits",
    "the-weight-of-caring",
    "compassion-fatigue-and-vicarious-trauma",
    "empathy-fatigue",
)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return get_embedder()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped corpus that a test may edit."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


@pytest.fixture
def settings(tmp_path: Path, corpus_copy: Path) -> Settings:
    return Settings.from_env(
        {"REFLECT_DATA_DIR": str(tmp_path / "data"), "REFLECT_CORPUS_DIR": str(corpus_copy)}
    )


@pytest.fixture
def index(settings: Settings, embedder: Embedder) -> Index:
    return Index(settings, embedder)


@pytest.fixture(scope="session")
def retriever(tmp_path_factory, embedder: Embedder) -> Retriever:
    """The shipped corpus, ingested once for the whole session."""
    data = tmp_path_factory.mktemp("shipped")
    index = Index(Settings.from_env({"REFLECT_DATA_DIR": str(data)}), embedder)
    index.ingest()
    return Retriever(index)


@pytest.fixture
def fresh_settings_cache():
    """Let a test change REFLECT_* variables and have them read again."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def assistant(retriever: Retriever, embedder: Embedder):
    """The conversation engine over the shipped corpus, built once."""
    from assistant.dialogue import build_assistant

    return build_assistant(retriever=retriever, embedder=embedder)

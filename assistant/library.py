"""One place that assembles settings, model, index and retriever, loading each once."""

from __future__ import annotations

import logging
import threading

from .config import Settings, get_settings
from .embeddings import Embedder, get_embedder
from .index import Index, IngestReport
from .retrieval import Retriever

log = logging.getLogger(__name__)
_lock = threading.Lock()
_retrievers: dict[Settings, Retriever] = {}


def ensure_index(index: Index, progress: bool = False) -> IngestReport | None:
    """Build the index from the corpus folder when it is empty or was built differently."""
    if index.count() and index.is_current():
        return None
    log.info("index is empty or out of date: ingesting %s", index.settings.corpus_dir)
    return index.ingest(progress=progress)


def get_retriever(settings: Settings | None = None, embedder: Embedder | None = None) -> Retriever:
    """The retriever for these settings, built (and its index ingested if needed) once."""
    settings = settings or get_settings()
    with _lock:
        if settings not in _retrievers:
            index = Index(settings, embedder or get_embedder())
            ensure_index(index)
            _retrievers[settings] = Retriever(index)
        return _retrievers[settings]

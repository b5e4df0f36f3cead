"""One place that assembles settings, model, index and retriever, loading each once."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from pathlib import Path

from .config import Settings, get_settings
from .embeddings import Embedder, get_embedder
from .index import Index, IndexUnavailable, IngestReport
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


def _check(index: Index) -> None:
    """Read the store once end to end (metadata, one record, one nearest-neighbour query).

    A damaged SQLite file fails when the client opens or on the first read; a damaged vector
    segment fails on the first query. Either raises here rather than on a user's question.
    """
    index.count()
    index.is_current()
    got = index.collection.get(limit=1, include=["embeddings"])
    if got["ids"]:
        index.collection.query(query_embeddings=[list(got["embeddings"][0])], n_results=1)


def _forget_client(path: Path) -> None:
    """Drop Chroma's cached client for this folder, so the next open reads the disk afresh."""
    try:
        from chromadb.api.shared_system_client import SharedSystemClient
    except ImportError:  # another Chroma layout: nothing cached that we know of
        return
    system = SharedSystemClient._identifier_to_system.pop(str(path), None)
    SharedSystemClient._identifier_to_refcount.pop(str(path), None)
    if system is not None:
        try:
            system.stop()
        except Exception:  # a broken store may fail to close as well; it is moved aside anyway
            log.debug("could not stop the damaged Chroma client", exc_info=True)


def _move_aside(settings: Settings) -> Path:
    """Rename the damaged Chroma folder to chroma.damaged-<timestamp> inside the data dir."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    target = settings.data_dir / f"chroma.damaged-{stamp}"
    n = 1
    while target.exists():
        n += 1
        target = settings.data_dir / f"chroma.damaged-{stamp}-{n}"
    _forget_client(settings.chroma_dir)
    shutil.move(str(settings.chroma_dir), str(target))
    return target


def open_index(
    settings: Settings, embedder: Embedder, progress: bool = False
) -> tuple[Index, IngestReport | None]:
    """Open the index, ingesting the corpus when it is missing, empty or out of date.

    A local store that is damaged (corrupted or truncated files) is moved aside to
    `chroma.damaged-<timestamp>` in the data dir and rebuilt from the corpus. An unreachable
    Chroma server raises IndexUnavailable: it is not ours to repair.
    """
    if not settings.chroma_url and not settings.chroma_dir.exists():
        log.info(
            "no index at %s: building it from the corpus at %s",
            settings.chroma_dir,
            settings.corpus_dir,
        )
    try:
        index = Index(settings, embedder)
        _check(index)
    except Exception as exc:
        if settings.chroma_url:
            if isinstance(exc, IndexUnavailable):
                raise
            raise IndexUnavailable(f"the Chroma server at {settings.chroma_url}: {exc}") from exc
        moved = _move_aside(settings)
        log.warning(
            "the index at %s could not be read (%s): moved it to %s and rebuilding from %s",
            settings.chroma_dir,
            str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
            moved,
            settings.corpus_dir,
        )
        index = Index(settings, embedder)
    return index, ensure_index(index, progress=progress)


def get_retriever(settings: Settings | None = None, embedder: Embedder | None = None) -> Retriever:
    """The retriever for these settings, built (and its index ingested if needed) once.

    Raises IndexUnavailable when a configured Chroma server cannot be reached.
    """
    settings = settings or get_settings()
    with _lock:
        if settings not in _retrievers:
            index, _ = open_index(settings, embedder or get_embedder())
            _retrievers[settings] = Retriever(index)
        return _retrievers[settings]

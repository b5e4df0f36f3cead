"""The Chroma index of corpus passages: open it, keep it in step with the corpus, read it back."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from . import corpus
from .config import Settings
from .corpus import Chunk, chunk_corpus, load_corpus
from .embeddings import Embedder

log = logging.getLogger(__name__)
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")  # Chroma's telemetry, off everywhere

_EMBED_BATCH = 16


class IndexUnavailable(Exception):
    """The Chroma store or server cannot be reached or opened."""


@dataclass
class IngestReport:
    """What one ingest did."""

    files: int = 0
    added: int = 0
    kept: int = 0
    removed: int = 0
    updated: int = 0
    rebuilt: bool = False
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        note = " (rebuilt: model or chunker changed)" if self.rebuilt else ""
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return (
            f"{self.files} files{skipped}: {self.added} chunks added, {self.kept} kept, "
            f"{self.removed} removed in {self.seconds:.1f}s{note}"
        )


def _chroma_settings():
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def open_client(settings: Settings):
    """An embedded on-disk Chroma under the data dir, or an HttpClient when a URL is set."""
    import chromadb

    if settings.chroma_url:
        url = urlparse(
            settings.chroma_url if "//" in settings.chroma_url else f"//{settings.chroma_url}"
        )
        host, port = url.hostname or "127.0.0.1", url.port or 8000
        try:
            client = chromadb.HttpClient(
                host=host, port=port, ssl=url.scheme == "https", settings=_chroma_settings()
            )
            client.heartbeat()
        except Exception as exc:  # chromadb raises several kinds for a refused connection
            raise IndexUnavailable(
                f"cannot reach the Chroma server at {settings.chroma_url}: {exc}"
            ) from exc
        return client
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=_chroma_settings())
    except Exception as exc:
        raise IndexUnavailable(f"cannot open the index at {settings.chroma_dir}: {exc}") from exc


class Index:
    """One Chroma collection of passages, embedded with the packaged model."""

    def __init__(self, settings: Settings, embedder: Embedder, client=None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client or open_client(settings)
        self._collection = None

    @property
    def _wanted_metadata(self) -> dict[str, str]:
        return {
            "hnsw:space": "cosine",
            "embed_model": self.embedder.name,
            "chunker": corpus.CHUNKER_VERSION,
        }

    def _open(self):
        if self._collection is None:
            # No embedding function: vectors always come from the packaged model, never Chroma's.
            self._collection = self.client.get_or_create_collection(
                self.settings.collection,
                metadata=self._wanted_metadata,
                embedding_function=None,
            )
        return self._collection

    @property
    def collection(self):
        return self._open()

    def is_current(self) -> bool:
        """True when the stored collection was built with this model and chunker."""
        meta = self.collection.metadata or {}
        wanted = self._wanted_metadata
        return all(meta.get(key) == wanted[key] for key in ("embed_model", "chunker"))

    def reset(self) -> None:
        """Drop the collection and start empty."""
        try:
            self.client.delete_collection(self.settings.collection)
        except Exception:  # absent already
            log.debug("no collection to delete")
        self._collection = None
        self._open()

    def count(self) -> int:
        return self.collection.count()

    def _get_all(self, page: int = 2000, **query) -> dict:
        """collection.get in pages: one call on a big collection passes SQLite's variable cap."""
        keys = ["ids", *query.get("include", [])]
        out: dict[str, list] = {key: [] for key in keys}
        offset = 0
        while True:
            got = self.collection.get(limit=page, offset=offset, **query)
            for key in keys:
                out[key].extend(got[key] if got[key] is not None else [])
            if len(got["ids"]) < page:
                return out
            offset += page

    def _stored(self) -> tuple[dict[str, dict], dict[str, list[str]]]:
        """Passage metadata by chunk id, and the record ids of each chunk's views."""
        got = self._get_all(include=["metadatas"])
        passages: dict[str, dict] = {}
        records: dict[str, list[str]] = {}
        for rid, meta in zip(got["ids"], got["metadatas"], strict=True):
            chunk = meta.get("chunk", rid)
            records.setdefault(chunk, []).append(rid)
            if meta.get("view", 0) == 0:
                passages[chunk] = meta
        return passages, records

    def _add(self, chunks: Sequence[Chunk], progress: bool) -> None:
        from tqdm import tqdm

        bar = tqdm(total=len(chunks), unit="chunk", desc="embedding", disable=not progress)
        group = 64  # chunks per write; each chunk writes its passage and sentence views
        try:
            for start in range(0, len(chunks), group):
                batch = chunks[start : start + group]
                ids, docs, metas, texts = [], [], [], []
                for chunk in batch:
                    for view, text in enumerate(chunk.views()):
                        ids.append(_record_id(chunk.id, view))
                        docs.append(chunk.text if view == 0 else text)
                        metas.append(_view_metadata(chunk, view))
                        texts.append(text)
                self.collection.add(
                    ids=ids,
                    documents=docs,
                    metadatas=metas,
                    embeddings=self.embedder.encode(texts, batch_size=_EMBED_BATCH),
                )
                bar.update(len(batch))
        finally:
            bar.close()

    def sync(
        self, chunks: Sequence[Chunk], roots: Iterable[Path], progress: bool = False
    ) -> IngestReport:
        """Make the index hold `chunks` for the files under `roots`.

        Passages of files under `roots` (or of files that no longer exist) that are not in
        `chunks` are deleted; passages of other folders ingested earlier are left alone.
        """
        rebuilt = False
        if not self.is_current():
            rebuilt = self.count() > 0
            log.info("index was built with another model or chunker: rebuilding")
            self.reset()
        wanted = {c.id: c for c in chunks}
        stored, records = self._stored()
        root_paths = [Path(r).resolve() for r in roots]

        def covered(path: str) -> bool:
            file = Path(path)
            return (
                any(file == root or root in file.parents for root in root_paths)
                or not file.exists()
            )

        new = [c for cid, c in wanted.items() if cid not in stored]
        gone = [
            cid
            for cid, meta in stored.items()
            if cid not in wanted and covered(meta.get("path", ""))
        ]
        moved = [
            c for cid, c in wanted.items() if cid in stored and stored[cid] != _view_metadata(c, 0)
        ]
        doomed = [rid for cid in gone for rid in records[cid]]
        for start in range(0, len(doomed), 1000):
            self.collection.delete(ids=doomed[start : start + 1000])
        if moved:  # same text, new position or file: only the metadata changes
            self.collection.update(
                ids=[_record_id(c.id, 0) for c in moved],
                metadatas=[_view_metadata(c, 0) for c in moved],
            )
        if new:
            self._add(new, progress)
        return IngestReport(
            added=len(new),
            kept=len(wanted) - len(new),
            removed=len(gone),
            updated=len(moved),
            rebuilt=rebuilt,
        )

    def ingest(self, paths: Iterable[Path] | None = None, progress: bool = False) -> IngestReport:
        """Load, chunk and store the articles under paths (default: the corpus folder)."""
        started = time.perf_counter()
        roots = [Path(p) for p in (paths or [self.settings.corpus_dir])]
        documents, skipped = load_corpus(roots)
        for message in skipped:
            log.warning("skipped: %s", message)
        report = self.sync(chunk_corpus(documents), roots, progress=progress)
        report.files, report.skipped = len(documents), skipped
        report.seconds = time.perf_counter() - started
        return report

    def all_passages(self, with_embeddings: bool = False) -> dict:
        """Every stored passage (not its sentence views): ids, documents, metadatas, embeddings."""
        include = ["documents", "metadatas"] + (["embeddings"] if with_embeddings else [])
        got = self._get_all(where={"view": 0}, include=include)
        got["ids"] = [_chunk_of(rid) for rid in got["ids"]]
        return got

    def query(self, vector: np.ndarray, n: int) -> list[str]:
        """The chunk ids of the n nearest records (passages or sentences), best first."""
        n = max(1, min(n, self.count()))
        # Record ids are "<chunk id>#<view>": reading the chunk from the id spares a metadata
        # fetch per hit, which dominates query time on a large index.
        got = self.collection.query(
            query_embeddings=[vector.tolist()], n_results=n, include=["distances"]
        )
        return [_chunk_of(rid) for rid in got["ids"][0]]


def _record_id(chunk_id: str, view: int) -> str:
    return f"{chunk_id}#{view}"


def _chunk_of(record_id: str) -> str:
    return record_id.rsplit("#", 1)[0]


def _view_metadata(chunk: Chunk, view: int) -> dict[str, str | int]:
    """View 0 carries the passage's metadata; every view names its chunk and file."""
    if view == 0:
        return {**chunk.metadata(), "chunk": chunk.id, "view": 0}
    return {"chunk": chunk.id, "view": view, "source": chunk.source, "path": chunk.path}

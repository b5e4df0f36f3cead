"""Hybrid retrieval: dense (Chroma) and lexical (BM25) rankings fused, then diversified."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import asdict, dataclass
from functools import cache

import numpy as np

from .index import Index

logging.getLogger("bm25s").setLevel(logging.WARNING)
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# Small English stop list: question words carry no topic, and BM25 should match on topic words.
_STOP = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves get got really thing things something anything lot lately im ive dont""".split()
)


@cache
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop words dropped, stemmed."""
    words = [w.replace("’", "'").split("'")[0] for w in _WORD.findall(text.lower())]
    return _stemmer().stemWords([w for w in words if w and w not in _STOP])


@dataclass(frozen=True)
class Passage:
    """A retrieved passage with where it came from and how well it matched."""

    id: str
    source: str
    title: str
    section: str
    text: str
    position: int
    score: float  # fused rank score, 0..1 (1 = first in both rankings)
    similarity: float  # cosine similarity of query and passage, -1..1

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RetrievalConfig:
    """Knobs of the hybrid ranker; defaults chosen on eval/data/retrieval.jsonl."""

    candidates: int = 30
    views_per_passage: int = 4  # dense query depth: candidates x this many views
    rrf_k: int = 10  # small k: with ~30 candidates a side, the top few ranks should count most
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    mmr_lambda: float = 0.8
    duplicate_similarity: float = 0.92


class Retriever:
    """Searches one index; holds the BM25 model and passage vectors in memory."""

    def __init__(self, index: Index, config: RetrievalConfig | None = None) -> None:
        self.index = index
        self.config = config or RetrievalConfig()
        self._lock = threading.Lock()
        self.refresh()

    def refresh(self) -> None:
        """Re-read the index (after an ingest)."""
        import bm25s

        got = self.index.all_passages(with_embeddings=True)
        ids = list(got["ids"])
        metas = list(got["metadatas"])
        docs = list(got["documents"])
        vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(ids), -1)
        bm25 = None
        if ids:
            bm25 = bm25s.BM25()
            bm25.index(
                [
                    tokenize(f"{m.get('section', '')} {d}") or [""]
                    for m, d in zip(metas, docs, strict=True)
                ],
                show_progress=False,
            )
        with self._lock:
            self._ids, self._metas, self._docs, self._vectors, self._bm25 = (
                ids,
                metas,
                docs,
                vectors,
                bm25,
            )
            self._row = {pid: i for i, pid in enumerate(ids)}

    def __len__(self) -> int:
        return len(self._ids)

    def _dense(self, vector: np.ndarray, n: int) -> list[int]:
        """Passages ranked by their best-matching view (whole passage or one sentence)."""
        hits = self.index.query(vector, n * self.config.views_per_passage)
        rows = dict.fromkeys(self._row[c] for c in hits if c in self._row)  # first view wins
        return list(rows)[:n]

    def _lexical(self, query: str, n: int) -> list[int]:
        tokens = tokenize(query)
        if not tokens or self._bm25 is None:
            return []
        scores = self._bm25.get_scores(tokens)
        n = min(n, len(scores))
        top = np.argpartition(-scores, n - 1)[:n]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [int(i) for i in top if scores[i] > 0]

    def search(self, query: str, k: int = 5) -> list[Passage]:
        """The k best passages for a query, near-duplicates removed."""
        if not self._ids or not query.strip():
            return []
        cfg = self.config
        vector = self.index.embedder.encode([query])[0]
        fused: dict[int, float] = {}
        for weight, ranking in (
            (cfg.dense_weight, self._dense(vector, cfg.candidates)),
            (cfg.lexical_weight, self._lexical(query, cfg.candidates)),
        ):
            for rank, row in enumerate(ranking):
                fused[row] = fused.get(row, 0.0) + weight / (cfg.rrf_k + rank + 1)
        best = (cfg.dense_weight + cfg.lexical_weight) / (cfg.rrf_k + 1)
        rows = sorted(fused, key=fused.get, reverse=True)
        chosen = self._diversify(rows, fused, k)
        similarity = self._vectors[chosen] @ vector if chosen else []
        return [
            Passage(
                id=self._ids[row],
                source=self._metas[row].get("source", ""),
                title=self._metas[row].get("title", ""),
                section=self._metas[row].get("section", ""),
                text=self._docs[row],
                position=int(self._metas[row].get("position", 0)),
                score=round(fused[row] / best, 4),
                similarity=round(float(sim), 4),
            )
            for row, sim in zip(chosen, similarity, strict=True)
        ]

    def _diversify(self, rows: list[int], fused: dict[int, float], k: int) -> list[int]:
        """Maximal marginal relevance over the fused list, dropping near-duplicates."""
        cfg = self.config
        if not rows:
            return []
        top = fused[rows[0]]
        chosen: list[int] = []
        pool = list(rows)
        while pool and len(chosen) < k:
            if chosen:
                overlap = self._vectors[pool] @ self._vectors[chosen].T
                redundancy = overlap.max(axis=1)
            else:
                redundancy = np.zeros(len(pool))
            scores = [
                cfg.mmr_lambda * fused[row] / top - (1 - cfg.mmr_lambda) * red
                for row, red in zip(pool, redundancy, strict=True)
            ]
            pick = int(np.argmax(scores))
            row = pool.pop(pick)
            if redundancy[pick] < cfg.duplicate_similarity:
                chosen.append(row)
        return chosen

"""The risk check's learned reader: the packaged MiniLM with its encoder layers fine-tuned.

Nearest-example similarity over the stock embeddings misses wording no example shares, and the
rules only know the phrasings someone wrote down. This reader was fine-tuned (encoder layers plus
two small heads) on the same labelled messages the semantic layer compares against
(data/risk_exemplars.yaml and data/risk_examples.jsonl), so it learns what the classes have in
common rather than what single examples look like.

Only the fine-tuned layers and the heads ship, in data/risk_model.safetensors; the rest of the
model is the packaged all-MiniLM-L6-v2, loaded offline. `eval/train_risk_model.py` trains it
(and measures it on writers it has not seen); this module only reads it.
"""

from __future__ import annotations

import hashlib
import json
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .content import load, load_lines
from .embeddings import model_path, offline

WEIGHTS = Path(__file__).parent / "data" / "risk_model.safetensors"
LEVEL_HEAD = ("none", "concern", "crisis")  # output order of the level head
MAX_TOKENS = 128


def _torch():
    import torch

    return torch


def training_rows(leave_out: frozenset[str] = frozenset()) -> list[tuple[str, int, int]]:
    """(text, level index or -1, other-at-risk 0/1 or -1 when the source does not say)."""
    rows = []
    exemplars = load("risk_exemplars.yaml")
    for name in ("crisis", "concern", "none"):
        for item in exemplars[name]:
            # A crisis or concern exemplar does not say whether someone else is at risk too.
            rows.append((str(item["text"]), LEVEL_HEAD.index(name), 0 if name == "none" else -1))
    for item in exemplars["other_at_risk"]:
        rows.append((str(item["text"]), -1, 1))  # the writer's own level is not labelled
    for row in load_lines("risk_examples.jsonl"):
        if row["writer"] not in leave_out:
            rows.append((row["text"], LEVEL_HEAD.index(row["level"]), int(row["other_at_risk"])))
    return rows


def examples_digest(rows: list[tuple[str, int, int]]) -> str:
    """Names the training data, so stale weights are noticed (tests compare it)."""
    return hashlib.sha256(json.dumps(rows).encode("utf-8")).hexdigest()[:16]


class Reader:
    """MiniLM with mean pooling and two heads: the writer's level, and someone else at risk."""

    def __init__(self, trained_layers: int, scale: float) -> None:
        offline()
        torch = _torch()
        from transformers import AutoModel, AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(model_path())
        self.body = AutoModel.from_pretrained(model_path())
        self.trained_layers = trained_layers
        self.scale = scale
        hidden = self.body.config.hidden_size
        self.level_head = torch.nn.Linear(hidden, len(LEVEL_HEAD))
        self.other_head = torch.nn.Linear(hidden, 2)

    def trained(self) -> list:
        """The parameters fine-tuning changes: the top `trained_layers` layers and both heads."""
        layers = self.body.encoder.layer[-self.trained_layers :]
        return [p for layer in layers for p in layer.parameters()] + [
            *self.level_head.parameters(),
            *self.other_head.parameters(),
        ]

    def state(self) -> dict:
        """The weights that ship: the trained layers (by their full names) and the heads."""
        first = len(self.body.encoder.layer) - self.trained_layers
        out = {
            f"body.{name}": tensor
            for name, tensor in self.body.state_dict().items()
            if name.startswith("encoder.layer.") and int(name.split(".")[2]) >= first
        }
        out.update({f"level_head.{k}": v for k, v in self.level_head.state_dict().items()})
        out.update({f"other_head.{k}": v for k, v in self.other_head.state_dict().items()})
        return out

    def load_state(self, tensors: dict) -> None:
        body = {k[len("body.") :]: v for k, v in tensors.items() if k.startswith("body.")}
        missing = set(body) - set(self.body.state_dict())
        if missing:
            raise ValueError(f"risk model weights name unknown layers: {sorted(missing)[:3]}")
        self.body.load_state_dict(body, strict=False)
        for prefix, head in (("level_head.", self.level_head), ("other_head.", self.other_head)):
            own = {k[len(prefix) :]: v for k, v in tensors.items() if k.startswith(prefix)}
            head.load_state_dict(own)

    def vectors(self, texts: Sequence[str]):
        """Mean-pooled, unit-length sentence vectors (as the packaged model makes them)."""
        torch = _torch()
        batch = self.tokenizer(
            list(texts), padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        )
        hidden = self.body(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
        return torch.nn.functional.normalize(pooled, dim=-1)

    def logits(self, texts: Sequence[str]):
        v = self.vectors(texts)
        return self.level_head(v) * self.scale, self.other_head(v) * self.scale


def without_pictographs(text: str) -> str:
    """The text without emoji and other pictographs, unless that leaves nothing.

    The tokenizer knows none of them: each becomes the same unknown token, which the reader
    learned from a few joking crisis lines ("kms 😂") and so read "👋 hello" as crisis. The rules
    still read the emoji (a laughing face after risk words is a retraction, and stays crisis).
    """
    joiners = "\u200d\ufe0f"  # zero-width joiner, emoji presentation selector
    kept = "".join(
        ch for ch in text if unicodedata.category(ch) not in ("So", "Sk") and ch not in joiners
    )
    return kept if kept.strip() else text


class RiskModel:
    """Reads the shipped weights once; thread-safe; per text: P(crisis), P(concern), P(other)."""

    def __init__(self, weights: Path = WEIGHTS, reader: Reader | None = None) -> None:
        torch = _torch()
        if reader is None:
            from safetensors import safe_open
            from safetensors.torch import load_file

            with safe_open(str(weights), framework="pt") as handle:
                meta = handle.metadata() or {}
            reader = Reader(int(meta["trained_layers"]), float(meta["scale"]))
            tensors = {k: v.to(torch.float32) for k, v in load_file(str(weights)).items()}
            reader.load_state(tensors)
            self.meta = dict(meta)
        else:
            self.meta = {}
        reader.body.eval()
        self._reader = reader
        self._lock = threading.Lock()

    def probabilities(self, texts: Sequence[str], batch_size: int = 16) -> dict[str, np.ndarray]:
        """Per text: the level head's probabilities and P(someone else is at risk)."""
        torch = _torch()
        out = {name: [] for name in (*LEVEL_HEAD, "other_at_risk")}
        with self._lock, torch.inference_mode():
            for start in range(0, len(texts), batch_size):
                batch = [without_pictographs(t) for t in texts[start : start + batch_size]]
                level, other = self._reader.logits(batch)
                level = torch.softmax(level, dim=-1).numpy()
                other = torch.softmax(other, dim=-1)[:, 1].numpy()
                for i, name in enumerate(LEVEL_HEAD):
                    out[name].append(level[:, i])
                out["other_at_risk"].append(other)
        return {
            name: np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
            for name, parts in out.items()
        }

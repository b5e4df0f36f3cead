"""Fine-tune the risk check's learned reader, or measure it on writers it has not seen.

Run:
  .venv/bin/python eval/train_risk_model.py
      train on every labelled message, write assistant/data/risk_model.safetensors
  .venv/bin/python eval/train_risk_model.py --folds g,h e,i
      per fold: train without those writers, then judge their messages

The training data is what ships: data/risk_exemplars.yaml and data/risk_examples.jsonl. All six
encoder layers of the packaged MiniLM and two small heads are trained (about 30 minutes on two
cores); the word embeddings stay as packaged, so only the layers and heads ship (fp16, 21 MB).
In a fold the held-out writers are left out of both the training and the semantic layer's
examples, and the whole assessor (rules, similarity, reader) judges them: those are the figures
that say how it meets wording it has never seen. The eval's test split is never read here.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import safety_patterns as sp  # noqa: E402
from assistant.content import load_lines  # noqa: E402
from assistant.risk_model import (  # noqa: E402
    LEVEL_HEAD,
    WEIGHTS,
    Reader,
    RiskModel,
    examples_digest,
    training_rows,
)

LAYERS = 6  # encoder layers fine-tuned (and shipped): all of them
EPOCHS = 3
BATCH = 32
SCALE = 5.0  # logits are cosine-sized; scaled before the softmax
BODY_LR = 4e-5
HEAD_LR = 2e-3
SEED = 0


def train(rows: list[tuple[str, int, int]], log=print) -> Reader:
    """Fine-tune from the packaged model; the same rows and seed give the same weights."""
    import numpy as np
    import torch

    random.seed(SEED)
    torch.manual_seed(SEED)
    reader = Reader(LAYERS, SCALE)
    for p in reader.body.parameters():
        p.requires_grad = False
    trained = reader.trained()
    for p in trained:
        p.requires_grad = True
    heads = [*reader.level_head.parameters(), *reader.other_head.parameters()]
    body = [p for p in trained if all(p is not h for h in heads)]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": BODY_LR}, {"params": heads, "lr": HEAD_LR}], weight_decay=0.01
    )
    counts = np.bincount([r[1] for r in rows if r[1] >= 0], minlength=len(LEVEL_HEAD))
    weight = torch.tensor(len(rows) / (len(LEVEL_HEAD) * counts), dtype=torch.float32)
    level_loss = torch.nn.CrossEntropyLoss(weight=weight, ignore_index=-1)
    other_loss = torch.nn.CrossEntropyLoss(ignore_index=-1)
    rows = list(rows)
    started = time.perf_counter()
    reader.body.train()
    for epoch in range(EPOCHS):
        random.shuffle(rows)
        total = 0.0
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            # Half the texts as the assessor reads them (normalised), half as typed.
            texts = [sp.normalize(t) if random.random() < 0.5 else t for t, _, _ in batch]
            level, other = reader.logits(texts)
            loss = level_loss(level, torch.tensor([b[1] for b in batch])) + other_loss(
                other, torch.tensor([b[2] for b in batch])
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item()
        took = time.perf_counter() - started
        log(f"  epoch {epoch + 1}/{EPOCHS}: loss {total:.1f} ({took:.0f} s)")
    reader.body.eval()
    return reader


def save(reader: Reader, rows: list, path: Path = WEIGHTS) -> None:
    import torch
    from safetensors.torch import save_file

    meta = {
        "trained_layers": str(LAYERS),
        "scale": str(SCALE),
        "epochs": str(EPOCHS),
        "seed": str(SEED),
        "examples": str(len(rows)),
        "examples_sha": examples_digest(rows),
    }
    tensors = {k: v.detach().to(torch.float16).contiguous() for k, v in reader.state().items()}
    save_file(tensors, str(path), metadata=meta)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) from {len(rows)} examples")


def measure_folds(folds: list[frozenset[str]]) -> None:
    """Each fold's writers judged by an assessor that never saw them."""
    from assistant.embeddings import get_embedder
    from assistant.safety import Assessor
    from eval.safety import measure, print_summary

    embedder = get_embedder()
    examples = load_lines("risk_examples.jsonl")
    rows_all, predictions_all = [], []
    for fold in folds:
        print(f"fold {','.join(sorted(fold))}: training without them")
        reader = train(training_rows(fold))
        assessor = Assessor(embedder, leave_out=fold, model=RiskModel(reader=reader))
        for writer in sorted(fold):
            rows = [r for r in examples if r["writer"] == writer]
            predictions = [assessor.assess(r["text"]) for r in rows]
            print_summary(f"writer {writer}", measure(rows, predictions))
            rows_all += rows
            predictions_all += predictions
    print_summary("all held-out writers", measure(rows_all, predictions_all))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", nargs="*", help="writer groups to hold out, e.g. g,h e,i")
    args = parser.parse_args(argv)
    if args.folds:
        measure_folds([frozenset(f.split(",")) for f in args.folds])
        return 0
    rows = training_rows()
    print(f"training on {len(rows)} examples")
    save(train(rows), rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

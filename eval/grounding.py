"""How the LLM guard's support threshold was chosen (assistant/llm_guard.py, SUPPORT).

Run: `.venv/bin/python eval/grounding.py [--measure lines|passage|both]`.
Dev questions only (eval/data/retrieval.jsonl). For each, the composer answers and cites its
passages; every sentence is then scored against those passages (best cosine of the sentence with
a passage line, with the whole passage, or either: `--measure`):
- supported: the composer's own answer sentences, and one hand-written paraphrase per question
  (eval/data/grounding_dev.jsonl, kind "paraphrase"), the way a fluent model rewrites a line;
- unsupported: one hand-written invented claim per question (kind "invented": on topic,
  plausible, said by none of the passages), warm filler lines a chat model tends to add (kind
  "filler", scored against every question's passages), and the composer's sentences from other
  questions' answers whose articles this answer does not cite ("other").
It prints the rates at a range of cuts and the cut the rule picks: the highest that keeps every
composer sentence and at least 95% of the paraphrases.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answer import Answerer  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.embeddings import get_embedder  # noqa: E402
from assistant.index import Index  # noqa: E402
from assistant.llm_guard import SUPPORT, Source, new_specifics, sentences  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402

DATA = ROOT / "eval" / "data"
KEEP_PARAPHRASES = 0.95


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


_VECTORS: dict[str, np.ndarray] = {}


def _vectors(embedder, texts: list[str]) -> np.ndarray:
    missing = list(dict.fromkeys(t for t in texts if t not in _VECTORS))
    if missing:
        _VECTORS.update(zip(missing, embedder.encode(missing), strict=True))
    return np.stack([_VECTORS[t] for t in texts])


def score(embedder, sentence: str, passages: list[str], measure: str) -> float:
    """A sentence's best cosine with the passages' lines and/or whole texts."""
    lines: list[str] = []
    for text in passages:
        if measure in ("passage", "both"):
            lines.append(" ".join(text.split()))
        if measure in ("lines", "both"):
            lines.extend(sentences(text))
    vectors = _vectors(embedder, [sentence, *lines])
    return float((vectors[1:] @ vectors[0]).max())


def rows(embedder, measure: str) -> list[tuple[str, bool, float, bool]]:
    """(kind, supported, score, no new specifics) for every dev sentence."""
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Settings.from_env({"REFLECT_DATA_DIR": tmp}), embedder)
        index.ingest()
        answerer = Answerer(Retriever(index), embedder)
        answers, asked = {}, {}
        for q in _load(DATA / "retrieval.jsonl"):
            answer = answerer.answer(q["q"])
            if answer.in_scope:
                answers[q["id"]] = answer
                asked[q["id"]] = q["q"]
    out = []
    texts = {qid: [p.text for p in a.passages] for qid, a in answers.items()}

    def row(kind: str, supported: bool, sentence: str, qid: str) -> tuple:
        given = [Source(n, text) for n, text in enumerate(texts[qid], 1)]
        plain = not new_specifics(sentence, given, asked[qid])
        return (kind, supported, score(embedder, sentence, texts[qid], measure), plain)

    for qid, answer in answers.items():
        for s in sentences(answer.text):
            out.append(row("composer", True, s, qid))
    for line in _load(DATA / "grounding_dev.jsonl"):
        targets = list(answers) if line["id"] == "*" else [line["id"]]
        for qid in targets:
            if qid in answers:
                out.append(row(line["kind"], line["supported"], line["sentence"], qid))
    ids = sorted(answers)
    for i, qid in enumerate(ids):  # the next question's answer, when it cites other articles
        other = answers[ids[(i + 1) % len(ids)]]
        mine = {c.source for c in answers[qid].citations}
        if mine & {c.source for c in other.citations}:
            continue
        for s in sentences(other.text):
            out.append(row("other", False, s, qid))
    return out


def choose(scored: list[tuple]) -> float:
    """The highest cut keeping every composer sentence and KEEP_PARAPHRASES of paraphrases."""
    composer = [v for k, _, v, _ in scored if k == "composer"]
    para = np.array([v for k, _, v, _ in scored if k == "paraphrase"])
    best = 0.0
    for cut in np.arange(0.30, 0.96, 0.01):
        cut = round(float(cut), 2)
        if min(composer) >= cut and (para >= cut).mean() >= KEEP_PARAPHRASES:
            best = cut
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measure", choices=("lines", "passage", "both"), default="both")
    args = parser.parse_args(argv)
    scored = rows(get_embedder(), args.measure)
    kinds = sorted({r[0] for r in scored}, key=lambda k: (k not in ("composer", "paraphrase"), k))
    print(f"support measure: {args.measure}; dev sentences per kind:")
    for kind in kinds:
        values = np.array([v for k, _, v, _ in scored if k == kind])
        q = np.percentile(values, [5, 50, 95])
        print(
            f"  {kind:<10} n={len(values):<4} min {values.min():.2f}  p5 {q[0]:.2f}  "
            f"median {q[1]:.2f}  p95 {q[2]:.2f}  max {values.max():.2f}"
        )
    print(f"\n{'cut':>5}" + "".join(f"{k:>12}" for k in kinds) + "   (share passing)")
    for cut in (0.45, 0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75):
        cells = "".join(
            f"{np.mean([v >= cut for k, _, v, _ in scored if k == kind]):>12.3f}" for kind in kinds
        )
        print(f"{cut:>5.2f}{cells}")
    chosen = choose(scored)
    print(f"\nrule's cut: {chosen:.2f} (in code: SUPPORT = {SUPPORT})")
    print(f"{'at SUPPORT, share passing':<28}" + "".join(f"{k:>12}" for k in kinds))
    for label, plain in (("similarity alone", False), ("and no new specifics", True)):
        shares = [
            np.mean([v >= SUPPORT and (ok or not plain) for k, _, v, ok in scored if k == kind])
            for kind in kinds
        ]
        cells = "".join(f"{share:>12.3f}" for share in shares)
        print(f"{label:<28}{cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

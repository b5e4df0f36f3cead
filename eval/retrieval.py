"""Retrieval quality: hybrid retriever vs the tutorial pipeline, on eval/data/retrieval.jsonl.

Run: `make eval` or `.venv/bin/python eval/retrieval.py [--write-baseline]`.
A question is a hit at rank r when the passage at r comes from any of its answering stems.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.embeddings import Embedder, get_embedder  # noqa: E402
from assistant.index import Index  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402

QUESTIONS = ROOT / "eval" / "data" / "retrieval.jsonl"
# Written separately and never used to choose settings: the check against tuning to QUESTIONS.
HOLDOUT = ROOT / "eval" / "data" / "retrieval_holdout.jsonl"
BASELINE = ROOT / "eval" / "results" / "retrieval.json"
SEEDS = ROOT.parent / "shared" / "seeds"
BARS = {"hit@1": 0.90, "hit@3": 0.97, "mrr": 0.93}


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def score(ranked: list[list[str]], questions: list[dict]) -> dict:
    """hit@1, hit@3 and MRR over the ranked stems returned per question."""
    h1 = h3 = rr = 0.0
    for stems, q in zip(ranked, questions, strict=True):
        ranks = [i for i, s in enumerate(stems) if s in q["stems"]]
        first = ranks[0] + 1 if ranks else None
        h1 += first == 1
        h3 += bool(first and first <= 3)
        rr += 1 / first if first else 0
    n = len(questions)
    return {"hit@1": h1 / n, "hit@3": h3 / n, "mrr": rr / n}


def _raw_articles() -> list[tuple[str, str]]:
    """(stem, text) of the articles as saved from the web, or the corpus files as a fallback."""
    table = SEEDS / "README.md"
    if table.exists():
        pairs = re.findall(r"\|\s*`([^`]+\.txt)`\s*\|\s*`([^`]+)`", table.read_text())
        found = [
            (stem, (SEEDS / name).read_text()) for name, stem in pairs if (SEEDS / name).exists()
        ]
        if found:
            return found
    return [(p.stem, p.read_text()) for p in sorted((ROOT / "corpus").glob("*.md"))]


def tutorial_pipeline(
    embedder: Embedder, questions: list[dict]
) -> tuple[list[list[str]], list[float]]:
    """RecursiveCharacterTextSplitter 1000/200 + the same MiniLM + Chroma similarity_search k=4."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = splitter.split_documents(
        [Document(page_content=text, metadata={"source": stem}) for stem, text in _raw_articles()]
    )
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = Chroma(collection_name="tutorial", embedding_function=embedder, client=client)
    store.add_documents(docs)
    ranked, times = [], []
    for q in questions:
        started = time.perf_counter()
        hits = store.similarity_search(q["q"], k=4)
        times.append(time.perf_counter() - started)
        ranked.append([d.metadata["source"] for d in hits])
    client.delete_collection("tutorial")
    return ranked, times


def hybrid_pipeline(embedder: Embedder, questions: list[dict], k: int = 5):
    """The product's retriever over a fresh index of corpus/."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.from_env({"REFLECT_DATA_DIR": tmp})
        index = Index(settings, embedder)
        index.ingest()
        retriever = Retriever(index)
        ranked, times, misses = [], [], []
        for q in questions:
            started = time.perf_counter()
            passages = retriever.search(q["q"], k=k)
            times.append(time.perf_counter() - started)
            stems = [p.source for p in passages]
            ranked.append(stems)
            if not stems or stems[0] not in q["stems"]:
                misses.append((q["id"], q["q"], stems[:3], q["stems"]))
        del retriever, index
    return ranked, times, misses


def _median(values: list[float]) -> float:
    values = sorted(values)
    return values[len(values) // 2] if values else 0.0


def _table(name: str, results: dict, baseline: dict | None) -> None:
    print(f"\n{name}: {results['questions']} questions")
    print(f"{'metric':<8} {'hybrid':>8} {'tutorial':>9} {'bar':>6} {'vs baseline':>12}")
    for metric, bar in BARS.items():
        ours, tut = results["hybrid"][metric], results["tutorial"][metric]
        moved = ""
        if baseline:
            delta = ours - baseline["hybrid"][metric]
            moved = "same" if abs(delta) < 1e-9 else f"{delta:+.3f}"
        flag = "ok" if ours >= bar else "below"
        print(f"{metric:<8} {ours:>8.3f} {tut:>9.3f} {bar:>6.2f} {moved:>12}  {flag}")
    print(
        f"median query ms: hybrid {results['hybrid_ms']:.1f}, tutorial {results['tutorial_ms']:.1f}"
    )


def evaluate(embedder: Embedder, path: Path) -> tuple[dict, list]:
    questions = load_questions(path)
    ours_ranked, ours_times, misses = hybrid_pipeline(embedder, questions)
    tut_ranked, tut_times = tutorial_pipeline(embedder, questions)
    results = {
        "questions": len(questions),
        "hybrid": score(ours_ranked, questions),
        "tutorial": score(tut_ranked, questions),
        "hybrid_ms": round(_median(ours_times) * 1000, 1),
        "tutorial_ms": round(_median(tut_times) * 1000, 1),
    }
    return results, misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-baseline", action="store_true", help="save these results")
    args = parser.parse_args(argv)

    embedder = get_embedder()
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    saved = {}
    print("retrieval eval (hybrid: this product; tutorial: 1000/200 splitter + Chroma k=4)")
    for name, path in (("dev", QUESTIONS), ("holdout", HOLDOUT)):
        results, misses = evaluate(embedder, path)
        saved[name] = results
        _table(f"{name} set {path.relative_to(ROOT)}", results, baseline.get(name))
        for qid, text, got, want in misses:
            print(f"  miss@1 {qid}: {text!r} got {got} want {want}")
    if args.write_baseline:
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE.write_text(json.dumps(saved, indent=2) + "\n")
        print(f"wrote {BASELINE.relative_to(ROOT)}")
    below = [m for m, bar in BARS.items() if saved["dev"]["hybrid"][m] < bar]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())

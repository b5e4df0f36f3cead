"""Speed of the data layer: ingest throughput and warm query latency, shipped and synthetic corpus.

Run: `make bench` or `.venv/bin/python eval/bench.py [--synthetic 20000] [--repeats 3]`.
The target is a retrieval median under 2x the median time of embedding the query alone, and a
reply (risk check, route, compose) median under 3x it, over the scripted conversations in
eval/data/dialogues.yaml and the question set, with the model warm.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.corpus import chunk_corpus, load_corpus, split_sentences  # noqa: E402
from assistant.embeddings import Embedder, get_embedder  # noqa: E402
from assistant.index import Index  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402

QUESTION_FILES = [
    ROOT / "eval" / "data" / "retrieval.jsonl",
    ROOT / "eval" / "data" / "retrieval_holdout.jsonl",
]


def _queries() -> list[str]:
    import json

    return [
        json.loads(line)["q"]
        for path in QUESTION_FILES
        for line in path.read_text().splitlines()
        if line.strip()
    ]


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _write_synthetic(folder: Path, chunks: int, seed: int = 7) -> None:
    """Articles of two-sentence paragraphs recombined from the corpus, with numbered headings."""
    documents, _ = load_corpus([ROOT / "corpus"])
    sentences = [
        s for c in chunk_corpus(documents) for s in split_sentences(c.text.replace("\n- ", " "))
    ]
    sentences = [s for s in sentences if 80 <= len(s) <= 260]
    rng = random.Random(seed)
    per_file = 100
    for f in range(chunks // per_file):
        lines = [f"---\ntitle: Synthetic article {f}\n---\n"]
        for p in range(per_file):
            if p % 10 == 0:
                lines.append(f"## Section {f}.{p // 10}\n")
            a, b = rng.sample(sentences, 2)
            lines.append(f"{a} {b} (note {f}-{p})\n")
        (folder / f"synthetic-{f:04d}.md").write_text("\n".join(lines))


def _measure(
    label: str, retriever: Retriever, embedder: Embedder, queries: list[str], repeats: int
):
    retriever.search(queries[0])  # warm
    embed_ms, search_ms = [], []
    for _ in range(repeats):
        for q in queries:
            embedder.forget()  # each timing starts without the text remembered
            started = time.perf_counter()
            embedder.encode([q])
            embed_ms.append((time.perf_counter() - started) * 1000)
            embedder.forget()
            started = time.perf_counter()
            retriever.search(q, k=5)
            search_ms.append((time.perf_counter() - started) * 1000)
    ratio = statistics.median(search_ms) / statistics.median(embed_ms)
    print(
        f"{label:<22} {len(retriever):>7} {statistics.median(embed_ms):>9.1f} "
        f"{_pct(embed_ms, 0.95):>8.1f} {statistics.median(search_ms):>10.1f} "
        f"{_pct(search_ms, 0.95):>9.1f} {ratio:>6.2f}x {'ok' if ratio < 2 else 'over'}"
    )


def _measure_replies(retriever: Retriever, embedder: Embedder, queries: list[str]) -> None:
    import yaml

    from assistant.dialogue import Conversation, build_assistant

    assistant = build_assistant(retriever=retriever, embedder=embedder)
    assistant.answerer.warm()
    scripts = yaml.safe_load((ROOT / "eval" / "data" / "dialogues.yaml").read_text("utf-8"))
    conversations = [[t["say"] for t in s["turns"]] for s in scripts] + [[q] for q in queries]
    assistant.respond(Conversation(), "warm up: what is burnout?")
    embed_ms, reply_ms = [], []
    for texts in conversations:
        conversation = Conversation()
        for text in texts:
            embedder.forget()  # each timing starts without the text remembered
            started = time.perf_counter()
            embedder.encode([text])
            embed_ms.append((time.perf_counter() - started) * 1000)
            embedder.forget()
            started = time.perf_counter()
            assistant.respond(conversation, text)
            reply_ms.append((time.perf_counter() - started) * 1000)
    ratio = statistics.median(reply_ms) / statistics.median(embed_ms)
    print(f"\nreply time, warm, {len(reply_ms)} turns in {len(conversations)} conversations (ms)")
    print(f"{'embed p50':>9} {'reply p50':>10} {'reply p95':>10} {'ratio':>7}")
    print(
        f"{statistics.median(embed_ms):>9.1f} {statistics.median(reply_ms):>10.1f} "
        f"{_pct(reply_ms, 0.95):>10.1f} {ratio:>6.2f}x {'ok' if ratio < 3 else 'over'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=20000, help="synthetic chunks (0 = skip)")
    parser.add_argument("--repeats", type=int, default=3, help="passes over the query set")
    args = parser.parse_args(argv)

    embedder = get_embedder()
    queries = _queries()
    ingest_rows, rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        settings = Settings.from_env({"REFLECT_DATA_DIR": str(tmp / "shipped")})
        index = Index(settings, embedder)
        report = index.ingest()
        ingest_rows.append(("shipped corpus", report.added, report.seconds))
        rows.append(("shipped corpus", Retriever(index)))

        if args.synthetic:
            folder = tmp / "synthetic-corpus"
            folder.mkdir()
            _write_synthetic(folder, args.synthetic)
            settings = Settings.from_env(
                {"REFLECT_DATA_DIR": str(tmp / "synthetic"), "REFLECT_CORPUS_DIR": str(folder)}
            )
            index = Index(settings, embedder)
            report = index.ingest(progress=True)
            ingest_rows.append((f"synthetic {args.synthetic}", report.added, report.seconds))
            started = time.perf_counter()
            again = index.ingest()
            ingest_rows.append(("  re-ingest unchanged", again.kept, time.perf_counter() - started))
            rows.append((f"synthetic {args.synthetic}", Retriever(index)))

        print("\ningest")
        print(f"{'corpus':<22} {'chunks':>7} {'seconds':>8} {'chunks/s':>9}")
        for label, chunks, seconds in ingest_rows:
            print(f"{label:<22} {chunks:>7} {seconds:>8.1f} {chunks / max(seconds, 1e-9):>9.1f}")
        print(f"\nquery latency, warm, {len(queries)} queries x {args.repeats} (ms)")
        print(
            f"{'corpus':<22} {'chunks':>7} {'embed p50':>9} {'emb p95':>8} "
            f"{'search p50':>10} {'srch p95':>9} {'ratio':>7}"
        )
        for label, retriever in rows:
            _measure(label, retriever, embedder, queries, args.repeats)
        _measure_replies(rows[0][1], embedder, queries)
    return 0


if __name__ == "__main__":
    sys.exit(main())

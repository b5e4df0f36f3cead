"""Speed of the data layer: ingest throughput and warm query latency, shipped and synthetic corpus.

Run: `make bench` or `.venv/bin/python eval/bench.py [--synthetic 20000] [--repeats 3]`.
The target is a retrieval median under 2x the median time of embedding the query alone, and a
reply (risk check, route, compose) median under 3x it, over the scripted conversations in
eval/data/dialogues.yaml and the question set, with the model warm. `--load` (default on) then
runs 20 conversations of 10 turns at once on one shared assistant: no errors, no conversation
seeing another's words, and resident memory within 10% between the first 20 turns and 200 more.
"""

from __future__ import annotations

import argparse
import os
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


def _time_cold(embedder: Embedder, text: str, work) -> tuple[float, float]:
    """Milliseconds to embed the text alone, and to run work(text); each starts with the
    embedder's memory of recent texts cleared, so neither reuses the other's embedding."""
    embedder.forget()
    started = time.perf_counter()
    embedder.encode([text])
    embed = (time.perf_counter() - started) * 1000
    embedder.forget()
    started = time.perf_counter()
    work(text)
    return embed, (time.perf_counter() - started) * 1000


def _measure(
    label: str, retriever: Retriever, embedder: Embedder, queries: list[str], repeats: int
):
    retriever.search(queries[0])  # warm
    embed_ms, search_ms = [], []
    for _ in range(repeats):
        for q in queries:
            embed, search = _time_cold(embedder, q, lambda text: retriever.search(text, k=5))
            embed_ms.append(embed)
            search_ms.append(search)
    ratio = statistics.median(search_ms) / statistics.median(embed_ms)
    print(
        f"{label:<22} {len(retriever):>7} {statistics.median(embed_ms):>9.1f} "
        f"{_pct(embed_ms, 0.95):>8.1f} {statistics.median(search_ms):>10.1f} "
        f"{_pct(search_ms, 0.95):>9.1f} {ratio:>6.2f}x {'ok' if ratio < 2 else 'over'}"
    )


def _measure_replies(assistant, embedder: Embedder, queries: list[str]) -> None:
    import yaml

    from assistant.dialogue import Conversation

    scripts = yaml.safe_load((ROOT / "eval" / "data" / "dialogues.yaml").read_text("utf-8"))
    conversations = [[t["say"] for t in s["turns"]] for s in scripts] + [[q] for q in queries]
    assistant.respond(Conversation(), "warm up: what is burnout?")
    embed_ms, reply_ms = [], []
    for texts in conversations:
        conversation = Conversation()
        for text in texts:
            embed, reply = _time_cold(
                embedder, text, lambda t, c=conversation: assistant.respond(c, t)
            )
            embed_ms.append(embed)
            reply_ms.append(reply)
    ratio = statistics.median(reply_ms) / statistics.median(embed_ms)
    print(f"\nreply time, warm, {len(reply_ms)} turns in {len(conversations)} conversations (ms)")
    print(f"{'embed p50':>9} {'reply p50':>10} {'reply p95':>10} {'ratio':>7}")
    print(
        f"{statistics.median(embed_ms):>9.1f} {statistics.median(reply_ms):>10.1f} "
        f"{_pct(reply_ms, 0.95):>10.1f} {ratio:>6.2f}x {'ok' if ratio < 3 else 'over'}"
    )


# One conversation of the load run: a question, a feeling, "yes" to the offer, reflection answers,
# an exercise, "another one" and thanks; {m} is the conversation's own marker word.
LOAD_SCRIPT = (
    "What is compassion fatigue?",
    "I feel drained and flat after my sessions this week, {m}",
    "yes",
    "A client told me about losing her brother and {m} stayed with me",
    "I noticed I went quiet and my shoulders were tight",
    "stop",
    "Can you give me a short grounding exercise?",
    "another one",
    "How can I recover from burnout?",
    "thanks, {m}",
)


def _rss_mb() -> float:
    """Resident memory of this process now (VmRSS), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # no /proc: the peak is the best available

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_conversations(assistant, markers: list[str], script=LOAD_SCRIPT) -> dict:
    """One thread per marker, all started together, each its own Conversation on one assistant.

    Returns the errors, each conversation's replies, the reply times (ms) and whether any
    conversation's replies or recorded turns hold another conversation's marker.
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from assistant.dialogue import Conversation

    start = threading.Barrier(len(markers))
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def talk(marker: str) -> tuple[Conversation, list[str]]:
        conversation, replies = Conversation(), []
        start.wait()
        for line in script:
            started = time.perf_counter()
            try:
                replies.append(assistant.respond(conversation, line.format(m=marker)).to_markdown())
            except Exception as exc:  # counted, and the conversation goes on
                with lock:
                    errors.append(f"{marker}: {type(exc).__name__}: {exc}")
                continue
            with lock:
                times.append((time.perf_counter() - started) * 1000)
        return conversation, replies

    with ThreadPoolExecutor(max_workers=len(markers)) as pool:
        results = list(pool.map(talk, markers))
    crossed = []
    for marker, (conversation, replies) in zip(markers, results, strict=True):
        seen = " ".join(replies) + " " + conversation.user_text()
        crossed += [
            f"{marker} saw {other}" for other in markers if other != marker and other in seen
        ]
        if len(conversation.turns) != len(script) - sum(e.startswith(marker) for e in errors):
            crossed.append(f"{marker} holds {len(conversation.turns)} turns")
    return {
        "errors": errors,
        "crossed": crossed,
        "times": times,
        "replies": [r for _, r in results],
    }


def _measure_load(assistant, conversations: int = 20, turns: int = 10) -> None:
    """Many conversations at once on one shared assistant: errors, crossing, latency, memory."""
    script = LOAD_SCRIPT[:turns]
    first = run_conversations(assistant, ["warmupa", "warmupb"], script)  # the first 20 turns
    rss_first = _rss_mb()
    markers = [f"marker{chr(97 + n // 26)}{chr(97 + n % 26)}" for n in range(conversations)]
    load = run_conversations(assistant, markers, script)  # 200 more, all at once
    rss_after = _rss_mb()
    times, change = load["times"], (rss_after - rss_first) / rss_first * 100
    print(
        f"\nload: {conversations} conversations x {len(script)} turns at once, one shared "
        f"assistant ({len(first['times'])} warm-up turns first)"
    )
    print(f"{'errors':>6} {'crossed':>8} {'reply p50':>10} {'reply p95':>10} {'max':>8}  (ms)")
    print(
        f"{len(load['errors']):>6} {'yes' if load['crossed'] else 'no':>8} "
        f"{statistics.median(times):>10.1f} {_pct(times, 0.95):>10.1f} {max(times):>8.1f}  "
        f"{'ok' if not load['errors'] and not load['crossed'] else 'FAIL'}"
    )
    for problem in (load["errors"] + load["crossed"])[:5]:
        print(f"  {problem}")
    print(
        f"memory (RSS): {rss_first:.0f} MB after the first {len(first['times'])} turns, "
        f"{rss_after:.0f} MB after {len(times)} more ({change:+.1f}%) "
        f"{'ok' if abs(change) <= 10 else 'over'} (target within 10%; "
        f"MALLOC_ARENA_MAX={os.environ.get('MALLOC_ARENA_MAX', 'unset')})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=20000, help="synthetic chunks (0 = skip)")
    parser.add_argument("--repeats", type=int, default=3, help="passes over the query set")
    parser.add_argument(
        "--load",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="20 conversations at once on one assistant: errors, crossing, latency, memory",
    )
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
        from assistant.dialogue import build_assistant

        assistant = build_assistant(retriever=rows[0][1], embedder=embedder)
        assistant.warm()  # example sets and article sentences embedded once, for both runs
        _measure_replies(assistant, embedder, queries)
        if args.load:
            _measure_load(assistant)
    return 0


if __name__ == "__main__":
    sys.exit(main())

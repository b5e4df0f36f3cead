"""Grounded answers: citations, scope, faithfulness, length and speed of assistant/answer.py.

Run: `.venv/bin/python eval/answers.py [--json] [--features] [--provider none|local|openai|ollama]`.
In scope: eval/data/retrieval.jsonl (dev) and retrieval_holdout.jsonl (test), each with the
article stems that answer it. Out of scope: eval/data/out_of_scope.jsonl, split dev and test.
Scope thresholds are tuned on dev only; --features prints the numbers they were chosen from.
With --provider other than none, every in-scope answer is also given to that language model
(settings from REFLECT_LLM_*) behind the guard, and a second table sets it beside the composer:
the guard's pass rate and why it rejected, the hit rate of what the user finally sees (the
model's reply when it passed, else the composer's) and the latency of the whole reply.
A report: it always exits 0 and says PASS or MISS per bar.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.answer import Answer, Answerer  # noqa: E402
from assistant.config import LLM_PROVIDERS, Settings  # noqa: E402
from assistant.corpus import split_sentences  # noqa: E402
from assistant.embeddings import get_embedder  # noqa: E402
from assistant.index import Index  # noqa: E402
from assistant.llm import answer_job, build_phraser  # noqa: E402
from assistant.llm_guard import markers  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402

DATA = ROOT / "eval" / "data"
IN_SCOPE = {"dev": DATA / "retrieval.jsonl", "test": DATA / "retrieval_holdout.jsonl"}
OUT_OF_SCOPE = DATA / "out_of_scope.jsonl"
RESULTS = ROOT / "eval" / "results" / "answers.json"
BARS = {"hit": 0.95, "oos_refused": 1.0, "faithful": 1.0}
_MARK = re.compile(r"\s*\[(\d+)\]")
_FRAMING_WORDS = 12  # one short line without a citation may frame the answer


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _norm(text: str) -> str:
    """Whitespace collapsed; quote marks and brackets dropped (the sentence splitter moves them)."""
    return " ".join(re.sub(r"[“”\"'’()]", "", text).split())


def unsupported(answer: Answer, passages: dict[str, list[str]]) -> list[str]:
    """Lines of the answer not found word for word in what they cite; [] when faithful."""
    quotes = {c.n: _norm(c.quote) for c in answer.citations}
    bad = [
        f"quote {c.n} not in {c.source}"
        for c in answer.citations
        if not any(_norm(c.quote) in _norm(text) for text in passages.get(c.source, []))
    ]
    cited = set()
    framed = False
    for block in answer.text.split("\n\n"):
        numbers = [int(n) for n in _MARK.findall(block)]
        cited.update(numbers)
        for line in _MARK.sub("", block).splitlines():
            line = re.sub(r"^\s*[-*]\s+", "", line).strip()
            for sentence in split_sentences(line) if line else []:
                if any(_norm(sentence) in quotes.get(n, "") for n in numbers):
                    continue
                if not numbers and not framed and len(sentence.split()) <= _FRAMING_WORDS:
                    framed = True
                    continue
                bad.append(sentence)
    for row in answer.table.rows if answer.table else []:
        for cell in row[1:]:
            numbers = [int(n) for n in _MARK.findall(cell)]
            cited.update(numbers)
            body = _MARK.sub("", cell).removesuffix(" …").strip()
            if body != "—" and not any(_norm(body) in quotes.get(n, "") for n in numbers):
                bad.append(f"cell: {body}")
    if sorted(cited) != [c.n for c in answer.citations] or cited != set(range(1, len(cited) + 1)):
        bad.append(f"markers {sorted(cited)} vs citations {[c.n for c in answer.citations]}")
    return bad


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def evaluate(
    answerer: Answerer, passages: dict, split: str, features: bool, phraser=None
) -> tuple[dict, list, dict | None]:
    """One split: its in-scope questions and its out-of-scope questions (and the model's)."""
    inside = load(IN_SCOPE[split])
    outside = [q for q in load(OUT_OF_SCOPE) if q["split"] == split]
    times, words, misses = [], [], []
    hits = refused = faithful = answered = tables = comparisons = 0
    model = {"times": [], "hits": 0, "passed": 0, "asked": 0, "reasons": Counter(), "misses": []}
    for q, expect in [(q, True) for q in inside] + [(q, False) for q in outside]:
        started = time.perf_counter()
        answer = answerer.answer(q["q"])
        times.append(time.perf_counter() - started)
        if features:
            f = answerer.check_scope(q["q"])
            print(
                f"  {split:<4} {'in ' if expect else 'out'} sim {f['similarity']:.2f} "
                f"margin {f['margin']:+.2f} {f['reason'] or 'answer':<22} {q['q'][:60]}"
            )
        if not expect:
            if answer.in_scope:
                misses.append(("answered", q["id"], q["q"], ""))
            continue
        if not answer.in_scope:
            refused += 1
            misses.append(("refused", q["id"], q["q"], ""))
            continue
        answered += 1
        words.append(len(answer.text.split()))
        sources = {c.source for c in answer.citations}
        if sources & set(q["stems"]):
            hits += 1
        else:
            misses.append(("no stem", q["id"], q["q"], f"cited {sorted(sources)}"))
        if phraser is not None:
            _phrase(phraser, q, answer, times[-1], model)
        bad = unsupported(answer, passages)
        faithful += not bad
        if bad:
            misses.append(("unfaithful", q["id"], q["q"], bad[0][:80]))
        if q.get("kind") == "comparison":
            comparisons += 1
            tables += answer.table is not None
    oos_refused = sum(1 for q in outside) - sum(1 for m in misses if m[0] == "answered")
    results = {
        "in_scope": len(inside),
        "out_of_scope": len(outside),
        "hit": hits / answered if answered else 0.0,
        "oos_refused": oos_refused / len(outside) if outside else 1.0,
        "refused_in_scope": refused,
        "faithful": faithful / answered if answered else 0.0,
        "comparison_tables": f"{tables}/{comparisons}",
        "mean_words": round(sum(words) / len(words), 1) if words else 0.0,
        "p50_ms": round(_percentile(times, 0.5) * 1000, 1),
        "p95_ms": round(_percentile(times, 0.95) * 1000, 1),
    }
    if phraser is None:
        return results, misses, None
    asked = model["asked"]
    phrased = {
        "answers": asked,
        "guard_pass": model["passed"] / asked if asked else 0.0,
        "hit": model["hits"] / asked if asked else 0.0,
        "p50_ms": round(_percentile(model["times"], 0.5) * 1000, 1),
        "p95_ms": round(_percentile(model["times"], 0.95) * 1000, 1),
        "reasons": dict(model["reasons"].most_common()),
        "misses": model["misses"],
    }
    return results, misses, phrased


def _phrase(phraser, q: dict, answer: Answer, composed: float, model: dict) -> None:
    """Give one composed answer to the model, as the assistant would, and score what is shown."""
    outcome = phraser.phrase(answer_job(q["q"], answer.text, answer.passages))
    model["asked"] += 1
    model["times"].append(composed + outcome.seconds)
    model["reasons"][outcome.reason or "passed"] += 1
    if outcome.accepted:
        model["passed"] += 1
        cited = set(markers(outcome.text))
        if answer.table is not None:
            cited |= set(markers(answer.table.to_markdown()))
        sources = {c.source for c in answer.citations if c.n in cited}
    else:
        sources = {c.source for c in answer.citations}
    if sources & set(q["stems"]):
        model["hits"] += 1
    else:
        model["misses"].append(("no stem", q["id"], q["q"], f"cited {sorted(sources)}"))


def _table(saved: dict) -> None:
    rows = [
        ("hit (cites an answering article)", "hit", ".3f"),
        ("out of scope refused", "oos_refused", ".3f"),
        ("in scope wrongly refused", "refused_in_scope", "d"),
        ("faithful (every line in its quote)", "faithful", ".3f"),
        ("comparison questions with a table", "comparison_tables", "s"),
        ("mean answer words", "mean_words", ".1f"),
        ("latency p50 ms", "p50_ms", ".1f"),
        ("latency p95 ms", "p95_ms", ".1f"),
    ]
    splits = list(saved)
    print(f"\n{'metric':<36}" + "".join(f"{s:>10}" for s in splits) + f"{'bar':>7}  verdict")
    for label, key, fmt in rows:
        cells = "".join(f"{saved[s][key]:>10{fmt}}" for s in splits)
        bar = BARS.get(key)
        verdict = ""
        if bar is not None:
            verdict = " ".join(f"{s}:{'PASS' if saved[s][key] >= bar else 'MISS'}" for s in splits)
        print(f"{label:<36}{cells}{(f'{bar:.2f}' if bar else ''):>7}  {verdict}")
    sizes = ", ".join(
        f"{s}: {saved[s]['in_scope']} in scope + {saved[s]['out_of_scope']} out" for s in splits
    )
    print(f"questions: {sizes}")


def _side_by_side(saved: dict, phrased: dict, label: str) -> None:
    """The composer and the model, per split: what the user is shown, and how fast."""
    splits = list(phrased)
    head = "".join(f"{f'{s} composer':>16}{f'{s} {label}'[:28]:>30}" for s in splits)
    print(f"\n{'with the language model':<30}{head}")
    rows = [
        ("answers given to the model", lambda r: "—", lambda p: f"{p['answers']}"),
        ("guard pass rate", lambda r: "—", lambda p: f"{p['guard_pass']:.3f}"),
        (
            "hit (cites an answering article)",
            lambda r: f"{r['hit']:.3f}",
            lambda p: f"{p['hit']:.3f}",
        ),
        ("latency p50 ms", lambda r: f"{r['p50_ms']:.1f}", lambda p: f"{p['p50_ms']:.1f}"),
        ("latency p95 ms", lambda r: f"{r['p95_ms']:.1f}", lambda p: f"{p['p95_ms']:.1f}"),
    ]
    for name, composer, model in rows:
        cells = "".join(f"{composer(saved[s]):>16}{model(phrased[s]):>30}" for s in splits)
        print(f"{name:<30}{cells}")
    for s in splits:
        reasons = ", ".join(f"{k} {v}" for k, v in phrased[s]["reasons"].items())
        print(f"  {s}: {reasons}")
    print(
        "  (latency: the composer's answer alone, and the whole reply with the model: composing, "
        "generating and checking)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help=f"also write {RESULTS.name}")
    parser.add_argument("--features", action="store_true", help="print the scope numbers")
    parser.add_argument(
        "--provider",
        choices=LLM_PROVIDERS,
        default="none",
        help="also phrase every answer with this language model (REFLECT_LLM_* settings)",
    )
    args = parser.parse_args(argv)

    embedder = get_embedder()
    phraser = None
    if args.provider != "none":
        settings = Settings.from_env({**os.environ, "REFLECT_LLM_PROVIDER": args.provider})
        started = time.perf_counter()
        phraser = build_phraser(settings, embedder)
        print(
            f"model: {phraser.label} ({args.provider}), loaded in "
            f"{time.perf_counter() - started:.1f}s, time limit {settings.llm_timeout:g}s"
        )
    saved, all_misses, phrased = {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Settings.from_env({"REFLECT_DATA_DIR": tmp}), embedder)
        index.ingest()
        got = index.all_passages()
        passages: dict[str, list[str]] = {}
        for meta, text in zip(got["metadatas"], got["documents"], strict=True):
            passages.setdefault(meta["source"], []).append(text)
        answerer = Answerer(Retriever(index), embedder)
        started = time.perf_counter()
        answerer.warm()  # embeds every article sentence once, as a server would at start-up
        print(f"answer eval (extractive composer; warm-up {time.perf_counter() - started:.1f}s)")
        for split in ("dev", "test"):
            saved[split], all_misses[split], model = evaluate(
                answerer, passages, split, args.features, phraser
            )
            if model is not None:
                phrased[split] = model
    _table(saved)
    if phraser is not None:
        _side_by_side(saved, phrased, phraser.label)
    for split, misses in all_misses.items():
        for kind, qid, text, note in misses:
            print(f"  {split} {kind} {qid}: {text!r} {note}")
    if args.json and phraser is not None:
        path = RESULTS.with_name(f"answers_{args.provider}.json")
        out = {"model": phraser.label, **phrased}
        path.write_text(json.dumps(out, indent=2, default=list) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")
    elif args.json:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        out = {s: {**saved[s], "misses": [list(m) for m in all_misses[s]]} for s in saved}
        RESULTS.write_text(json.dumps(out, indent=2) + "\n")
        print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

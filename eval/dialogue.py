"""Scripted multi-turn conversations (eval/data/dialogues.yaml), checked turn by turn.

Run: `.venv/bin/python eval/dialogue.py [--verbose]`. Prints the pass rate per check and per
conversation, and each failed check. A report: exits 0 unless --strict and something failed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.config import Settings  # noqa: E402
from assistant.dialogue import Assistant, Conversation, Reply, build_assistant  # noqa: E402
from assistant.embeddings import get_embedder  # noqa: E402
from assistant.index import Index  # noqa: E402
from assistant.listening import feeling_noun, feeling_words  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402

SCRIPTS = ROOT / "eval" / "data" / "dialogues.yaml"
ARTICLES = {p.stem: " ".join(p.read_text("utf-8").split()) for p in (ROOT / "corpus").glob("*.md")}


def check(name: str, want, reply: Reply, conversation: Conversation, said: list[str]) -> bool:
    """Whether one expectation holds for the reply just given."""
    if name == "mode":
        return reply.mode in str(want).split("|")
    if name == "help":
        return (reply.help is not None) == bool(want)
    if name == "help_kind":
        return reply.help is not None and reply.help.kind.startswith(str(want))
    if name == "one_question":
        return reply.text.count("?") == 1
    if name == "echoes_feeling":
        earlier = {w for text in said[:-1] for w in feeling_words(text)}
        forms = earlier | {feeling_noun(w) for w in earlier}
        return any(re.search(rf"\b{re.escape(w)}", reply.text.lower()) for w in forms)
    if name == "steps":
        md = reply.to_markdown()
        return reply.exercise is not None and "1. " in md and "2. " in md
    if name == "citations":
        return bool(reply.citations) and all(
            " ".join(c.quote.split()) in ARTICLES.get(c.source, "") for c in reply.citations
        )
    if name == "no_citations":
        return not reply.citations
    if name == "reflection_ended":
        return conversation.reflection is None
    if name == "new_exercise":
        earlier = [r.exercise.id for _, r in conversation.turns[:-1] if r.exercise]
        return reply.exercise is not None and bool(earlier) and reply.exercise.id != earlier[-1]
    raise ValueError(f"unknown check {name!r}")


def run(assistant: Assistant, scripts: list[dict], verbose: bool = False) -> dict:
    by_check: Counter = Counter()
    passed_check: Counter = Counter()
    conversations_passed = 0
    failures = []
    for script in scripts:
        conversation = Conversation()
        said: list[str] = []
        ok_all = True
        for number, turn in enumerate(script["turns"], 1):
            said.append(turn["say"])
            reply = assistant.respond(conversation, turn["say"])
            for name, want in turn.get("expect", {}).items():
                ok = check(name, want, reply, conversation, said)
                by_check[name] += 1
                passed_check[name] += ok
                if not ok:
                    ok_all = False
                    failures.append(
                        f"{script['id']} turn {number} {name}={want!r}: got mode={reply.mode} "
                        f"help={reply.help.kind if reply.help else None} "
                        f"text={reply.text[:100]!r}"
                    )
            if verbose:
                print(f"  {script['id']}#{number} [{reply.mode}] {reply.text[:80]!r}")
        conversations_passed += ok_all
    return {
        "checks": {k: (passed_check[k], by_check[k]) for k in sorted(by_check)},
        "conversations": (conversations_passed, len(scripts)),
        "failures": failures,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every reply")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a check fails")
    args = parser.parse_args(argv)
    scripts = yaml.safe_load(SCRIPTS.read_text("utf-8"))
    embedder = get_embedder()
    with tempfile.TemporaryDirectory(prefix="reflect-eval-") as tmp:
        index = Index(Settings.from_env({"REFLECT_DATA_DIR": tmp}), embedder)
        index.ingest()
        assistant = build_assistant(retriever=Retriever(index), embedder=embedder)
        result = run(assistant, scripts, args.verbose)
    print(f"\ndialogue eval: {len(scripts)} scripted conversations")
    print(f"{'check':<18} {'passed':>7} {'of':>4} {'rate':>6}")
    for name, (ok, total) in result["checks"].items():
        print(f"{name:<18} {ok:>7} {total:>4} {ok / total:>6.3f}")
    ok, total = result["conversations"]
    print(f"{'conversations':<18} {ok:>7} {total:>4} {ok / total:>6.3f}")
    turns = sum(t for _, t in result["checks"].values())
    passed = sum(p for p, _ in result["checks"].values())
    print(f"{'all checks':<18} {passed:>7} {turns:>4} {passed / turns:>6.3f}")
    for line in result["failures"]:
        print(f"  FAIL {line}")
    return 1 if args.strict and result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: `python -m assistant ingest|search|assess|ask|chat ...`."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .config import SettingsError, get_settings
from .corpus import CorpusError
from .index import IndexUnavailable

EXIT_USAGE = 2


def _ingest(args: argparse.Namespace) -> int:
    from .embeddings import get_embedder
    from .index import Index

    index = Index(get_settings(), get_embedder())
    report = index.ingest([Path(p) for p in args.paths] or None, progress=not args.quiet)
    for message in report.skipped:
        print(f"skipped: {message}", file=sys.stderr)
    print(report.summary())
    return 0


def _stdin_field(field: str):
    """One field of each JSON object read line by line from stdin; blank lines skipped."""
    for line in sys.stdin:
        if line.strip():
            yield str(json.loads(line).get(field, ""))


def _emit(payload: dict) -> None:
    print(json.dumps(payload, ensure_ascii=False), flush=True)


def _search(args: argparse.Namespace) -> int:
    from .library import get_retriever

    retriever = get_retriever()
    if args.jsonl:
        for query in _stdin_field("q"):
            results = [p.to_dict() for p in retriever.search(query, k=args.k)]
            _emit({"q": query, "results": _public(results)})
        return 0
    if not args.query:
        print("error: give a QUERY, or --jsonl to read queries from stdin", file=sys.stderr)
        return EXIT_USAGE
    passages = retriever.search(args.query, k=args.k)
    if args.json:
        results = _public([p.to_dict() for p in passages])
        print(json.dumps({"q": args.query, "results": results}, ensure_ascii=False, indent=2))
        return 0
    if not passages:
        print("no passages found")
    for rank, p in enumerate(passages, 1):
        where = f"{p.title} — {p.section}" if p.section else p.title
        print(f"[{rank}] {p.source} · {where} (score {p.score:.3f})")
        print(f"    {p.text[:300]}{'…' if len(p.text) > 300 else ''}\n")
    return 0


def _assess(args: argparse.Namespace) -> int:
    from .safety import default_assessor

    assessor = default_assessor()
    if args.jsonl:
        for text in _stdin_field("text"):
            _emit(assessor.assess(text).to_dict())
        return 0
    if args.text is None:
        print("error: give TEXT, or --jsonl to read messages from stdin", file=sys.stderr)
        return EXIT_USAGE
    result = assessor.assess(args.text)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(f"level: {result.level}")
        print(f"other_at_risk: {'yes' if result.other_at_risk else 'no'}")
        print(f"signals: {', '.join(result.signals) or '(none)'}")
    return 0


def _ask(args: argparse.Namespace) -> int:
    from .dialogue import Conversation, build_assistant

    assistant = build_assistant()
    if args.jsonl:
        conversations: dict[str, Conversation] = {}
        for line in sys.stdin:
            if not line.strip():
                continue
            item = json.loads(line)
            session = str(item.get("session", ""))
            conversation = conversations.setdefault(session, Conversation())
            _emit(assistant.respond(conversation, str(item.get("text", ""))).to_dict())
        return 0
    if args.text is None:
        print("error: give TEXT, or --jsonl to read messages from stdin", file=sys.stderr)
        return EXIT_USAGE
    reply = assistant.respond(Conversation(), args.text)
    if args.json:
        print(json.dumps(reply.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(reply.to_markdown())
    return 0


def _chat(args: argparse.Namespace) -> int:
    from .dialogue import Conversation, build_assistant

    print("Loading…", file=sys.stderr)
    assistant = build_assistant()
    conversation = Conversation()
    print("Reflect: a reflection companion grounded in a few articles. Not therapy, not a crisis")
    print("service. Type 'quit' to leave. Nothing is saved.\n")
    while True:
        try:
            text = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text.strip().lower() in ("quit", "exit", ":q"):
            return 0
        reply = assistant.respond(conversation, text)
        print(f"\nreflect> {reply.to_markdown()}\n")


def _public(results: list[dict]) -> list[dict]:
    keys = ("source", "title", "section", "text", "score")
    return [{k: r[k] for k in keys} for r in results]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="index the corpus folder, or the given files/folders")
    ingest.add_argument("paths", nargs="*", help="files or folders (default: the corpus folder)")
    ingest.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(func=_ingest)

    search = sub.add_parser("search", help="find the passages that answer a query")
    search.add_argument("query", nargs="?", help="what to look for")
    search.add_argument("--k", type=int, default=5, help="how many passages (default 5)")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument("--jsonl", action="store_true", help='read {"q": ...} lines from stdin')
    search.set_defaults(func=_search)
    assess = sub.add_parser("assess", help="risk-check a message (the check every turn runs)")
    assess.add_argument("text", nargs="?", help="the message")
    assess.add_argument("--json", action="store_true", help="print JSON")
    assess.add_argument("--jsonl", action="store_true", help='read {"text": ...} lines from stdin')
    assess.set_defaults(func=_assess)
    ask = sub.add_parser("ask", help="one reply from the conversation engine")
    ask.add_argument("text", nargs="?", help="the message")
    ask.add_argument("--json", action="store_true", help="print JSON")
    ask.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"text": ..., "session": ...} lines; a session shares one conversation',
    )
    ask.set_defaults(func=_ask)
    chat = sub.add_parser("chat", help="a conversation in the terminal")
    chat.set_defaults(func=_chat)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.func(args)
    except (CorpusError, IndexUnavailable, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())

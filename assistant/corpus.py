"""Load articles from Markdown or text files and cut them into self-contained passages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Bump when the chunking rules change: the index rebuilds itself when this differs.
CHUNKER_VERSION = "3"

SUFFIXES = (".md", ".markdown", ".txt")
_SKIPPED_SECTIONS = {"references", "sources", "bibliography", "notes"}
_LEAD_IN_MAX = 160  # a paragraph this short carries on into the next block
_LIST_SPLIT_AT = 1400  # a longer list is split into groups, each with its lead-in
_LIST_GROUP = 900
_LEAD_IN_LIST_MAX = 300  # a paragraph up to this long, right before a list, introduces it
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+(.*)$")


class CorpusError(Exception):
    """The corpus cannot be read: missing folder, no articles, or an unreadable file."""


@dataclass(frozen=True)
class Document:
    """One article: its stem, front matter and body text."""

    source: str
    title: str
    body: str
    path: Path
    author: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Chunk:
    """A passage of an article with where it came from."""

    source: str
    title: str
    section: str
    text: str
    position: int
    path: str
    section_path: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        digest = hashlib.sha1(f"{self.source}\0{self.section}\0{self.text}".encode()).hexdigest()
        return f"{self.source}:{digest[:16]}"

    @property
    def embed_text(self) -> str:
        """What is embedded and matched: the section heading travels with its passage."""
        heading = " > ".join(self.section_path)
        return f"{heading}\n{self.text}" if heading else self.text

    def views(self) -> list[str]:
        """Texts embedded for this passage: the whole passage, then each sentence or list item.

        Matching a query against single sentences finds a point made in one line of a long
        passage, which a single passage vector blurs.
        """
        parts: list[str] = []
        for line in self.text.splitlines():
            item = _ITEM.match(line)
            parts.extend([item.group(1)] if item else split_sentences(line))
        return [self.embed_text] + (parts if len(parts) > 1 else [])

    def metadata(self) -> dict[str, str | int]:
        return {
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "position": self.position,
            "path": self.path,
        }


_SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\"')]?\s+(?=[“\"'(]?[A-Z0-9])")
_MIN_SENTENCE = 40


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; very short ones are joined to their neighbour."""
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        if sentences and (len(sentences[-1]) < _MIN_SENTENCE or len(piece) < _MIN_SENTENCE):
            sentences[-1] = f"{sentences[-1]} {piece}"
        elif piece:
            sentences.append(piece)
    return sentences


def _split_front_matter(raw: str) -> tuple[dict, str]:
    if not raw.startswith("---"):
        return {}, raw
    match = re.match(r"^---\s*\n(.*?)\n---\s*(?:\n|$)", raw, re.S)
    if not match:
        return {}, raw
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, raw[match.end() :]


def _title_from_body(body: str, stem: str, suffix: str) -> tuple[str, str]:
    lines = body.lstrip("\n").splitlines()
    if lines:
        first = lines[0].strip()
        heading = _HEADING.match(first)
        if heading and len(heading.group(1)) == 1:
            return heading.group(2), "\n".join(lines[1:])
        if suffix == ".txt" and first and len(first) <= 120 and not first.endswith("."):
            return first, "\n".join(lines[1:])
    return stem.replace("-", " ").replace("_", " ").strip().capitalize(), body


def load_document(path: Path) -> Document:
    """Read one article; raise CorpusError naming the file when it cannot be parsed."""
    try:
        raw = path.read_text(encoding="utf-8")
        meta, body = _split_front_matter(raw.replace("\r\n", "\n"))
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise CorpusError(f"cannot read {path}: {exc}") from exc
    title = str(meta.get("title") or "").strip()
    if not title:
        title, body = _title_from_body(body, path.stem, path.suffix.lower())
    if not body.strip():
        raise CorpusError(f"{path} has no article text")
    return Document(
        source=path.stem,
        title=title,
        body=body,
        path=path.resolve(),
        author=str(meta.get("author") or "").strip(),
        summary=str(meta.get("summary") or "").strip(),
    )


def find_files(paths: Iterable[Path]) -> list[Path]:
    """The article files under the given files or folders, in a stable order."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CorpusError(f"corpus path not found: {path}")
    return found


def load_corpus(paths: Iterable[Path]) -> tuple[list[Document], list[str]]:
    """Every readable article under paths, and a message for each file that was skipped."""
    paths = list(paths)
    files = find_files(paths)
    if not files:
        where = ", ".join(str(p) for p in paths) or "(no path)"
        raise CorpusError(f"no .md or .txt articles found in {where}")
    documents, skipped = [], []
    for file in files:
        try:
            documents.append(load_document(file))
        except CorpusError as exc:
            skipped.append(str(exc))
    if not documents:
        raise CorpusError("no readable articles: " + "; ".join(skipped))
    return documents, skipped


@dataclass
class _Block:
    kind: str  # "heading" | "para" | "list"
    lines: list[str]
    level: int = 0


def _blocks(body: str) -> Iterator[_Block]:
    """Group lines into headings, paragraphs and lists."""
    current: _Block | None = None
    for line in body.splitlines():
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        item = _ITEM.match(line)
        if not stripped:
            if current:
                yield current
            current = None
        elif heading:
            if current:
                yield current
            current = None
            yield _Block("heading", [heading.group(2)], len(heading.group(1)))
        elif item:
            if current and current.kind != "list":
                yield current
                current = None
            current = current or _Block("list", [])
            current.lines.append(item.group(1).strip())
        elif current and current.kind == "list" and line[:1].isspace():
            current.lines[-1] += " " + stripped  # continuation of a wrapped list item
        else:
            if current and current.kind != "para":
                yield current
                current = None
            current = current or _Block("para", [])
            current.lines.append(stripped)
    if current:
        yield current


def _render(block: _Block) -> str:
    if block.kind == "list":
        return "\n".join(f"- {item}" for item in block.lines)
    return " ".join(block.lines)


def _split_list(lead: str, items: list[str]) -> list[str]:
    """A long list becomes groups of items, each group keeping the lead-in."""
    groups: list[list[str]] = [[]]
    size = len(lead)
    for item in items:
        if groups[-1] and size + len(item) > _LIST_GROUP:
            groups.append([])
            size = len(lead)
        groups[-1].append(item)
        size += len(item)
    return ["\n".join(filter(None, [lead, "\n".join(f"- {i}" for i in group)])) for group in groups]


def _section_passages(blocks: list[_Block]) -> list[str]:
    """Passages of one section: a paragraph, or a list with its lead-in sentence."""
    passages: list[str] = []
    pending = ""  # a short paragraph waiting to lead into what follows
    previous = ""
    for block in blocks:
        text = _render(block)
        if block.kind == "list":
            if not pending and previous == "para" and len(passages[-1]) <= _LEAD_IN_LIST_MAX:
                pending = passages.pop()  # the paragraph just before a list introduces it
            previous = "list"
            size = len(pending) + len(text)
            if size > _LIST_SPLIT_AT:
                passages.extend(_split_list(pending, block.lines))
            else:
                passages.append("\n".join(filter(None, [pending, text])))
            pending = ""
            continue
        previous = "para"
        if pending:
            text = f"{pending} {text}" if not pending.endswith(":") else f"{pending}\n{text}"
            pending = ""
        if len(text) < _LEAD_IN_MAX or text.endswith(":"):
            pending = text
        else:
            passages.append(text)
    if pending:
        if passages and not pending.endswith(":"):
            passages[-1] = f"{passages[-1]} {pending}"
        else:
            passages.append(pending)
    return passages


def chunk_document(doc: Document) -> list[Chunk]:
    """Cut an article into passages; a heading travels with its section."""
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []
    section_blocks: list[_Block] = []

    def flush() -> None:
        names = tuple(name for _, name in path)
        if names and names[-1].strip().lower() in _SKIPPED_SECTIONS:
            section_blocks.clear()
            return
        for text in _section_passages(section_blocks):
            chunks.append(
                Chunk(
                    source=doc.source,
                    title=doc.title,
                    section=names[-1] if names else "",
                    text=text,
                    position=len(chunks),
                    path=str(doc.path),
                    section_path=names,
                )
            )
        section_blocks.clear()

    for block in _blocks(doc.body):
        if block.kind == "heading":
            flush()
            while path and path[-1][0] >= block.level:
                path.pop()
            path.append((block.level, block.lines[0]))
        else:
            section_blocks.append(block)
    flush()
    return chunks


def chunk_corpus(documents: Iterable[Document]) -> list[Chunk]:
    """All passages of all documents, deduplicated by id."""
    seen: dict[str, Chunk] = {}
    for doc in documents:
        for chunk in chunk_document(doc):
            seen.setdefault(chunk.id, chunk)
    return list(seen.values())

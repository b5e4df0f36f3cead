"""Faults: a missing or damaged index, an unparseable article, an unreachable Chroma server."""

from __future__ import annotations

import io
import json
import logging
import os
import socket
from pathlib import Path

import pytest
from conftest import ROOT, STEMS

from assistant import library
from assistant.__main__ import main
from assistant.config import Settings
from assistant.content import load
from assistant.dialogue import Conversation, build_assistant
from assistant.index import Index, IndexUnavailable
from assistant.retrieval import Retriever

UNAVAILABLE = " ".join(load("library.yaml")["unavailable"].split())
CRISIS = "I keep thinking everyone would be better off without me"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def small(settings: Settings, corpus_copy: Path) -> Settings:
    """The settings over a one-article corpus: every (re)build here takes seconds, not minutes."""
    for stem in STEMS[1:]:
        (corpus_copy / f"{stem}.md").unlink()
    return settings


def _build(settings: Settings, embedder) -> int:
    """Build the index, then forget Chroma's in-process client, as if the process ended."""
    index, report = library.open_index(settings, embedder)
    count = index.count()
    assert report is not None and count > 0
    library._forget_client(settings.chroma_dir)
    return count


def test_a_missing_data_dir_is_rebuilt_from_the_corpus_with_a_log_line(small, embedder, caplog):
    assert not small.data_dir.exists()
    with caplog.at_level(logging.INFO, logger="assistant.library"):
        index, report = library.open_index(small, embedder)
    assert report is not None and report.added > 0 and index.count() > 0
    assert any("no index at" in r.getMessage() for r in caplog.records)
    assert Retriever(index).search("what are mirror neurons?", k=1)
    again, report = library.open_index(small, embedder)  # intact: opened, not rebuilt
    assert report is None and again.count() == index.count()


def _garbage(db: Path) -> None:
    db.write_bytes(os.urandom(64 * 1024))


def _truncate(db: Path) -> None:
    with db.open("r+b") as f:
        f.truncate(db.stat().st_size // 3)


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _header(db: Path) -> None:
    with db.open("r+b") as f:  # keep the size, spoil the first page
        f.write(b"\0" * 4096)


@pytest.mark.parametrize("damage", [_garbage, _truncate, _empty, _header], ids=lambda f: f.__name__)
def test_a_damaged_store_is_moved_aside_and_rebuilt(small, embedder, caplog, damage):
    count = _build(small, embedder)
    damage(small.chroma_dir / "chroma.sqlite3")
    with caplog.at_level(logging.INFO, logger="assistant.library"):
        index, report = library.open_index(small, embedder)
    assert index.count() == count and report is not None
    hits = Retriever(index).search("what are mirror neurons?", k=1)
    assert hits and hits[0].source == STEMS[0]
    aside = sorted(small.data_dir.glob("chroma.damaged-*"))
    if damage is _empty:  # an empty file is a fresh database to SQLite: rebuilt in place
        assert aside == [] or len(aside) == 1
    else:
        assert len(aside) == 1 and (aside[0] / "chroma.sqlite3").exists()
        warned = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert any("could not be read" in r.getMessage() for r in warned)


def test_the_app_engine_answers_after_the_store_was_damaged(small, embedder):
    _build(small, embedder)
    _garbage(small.chroma_dir / "chroma.sqlite3")
    retriever = library.get_retriever(small, embedder)
    assistant = build_assistant(retriever=retriever, embedder=embedder)
    reply = assistant.respond(Conversation(), "What are mirror neurons?")
    assert reply.mode == "answer" and reply.citations


def test_an_unparseable_article_is_skipped_by_name_and_the_rest_indexed(
    settings, corpus_copy, embedder, caplog
):
    (corpus_copy / "broken.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n")
    with caplog.at_level(logging.WARNING, logger="assistant.index"):
        report = Index(settings, embedder).ingest()
    assert report.files == len(STEMS)
    assert len(report.skipped) == 1 and "broken.md" in report.skipped[0]
    assert any("broken.md" in r.getMessage() for r in caplog.records)


# --- an unreachable Chroma server ---------------------------------------------------------------


@pytest.fixture
def unreachable(monkeypatch, tmp_path, fresh_settings_cache) -> str:
    url = f"http://127.0.0.1:{_closed_port()}"
    monkeypatch.setenv("REFLECT_CHROMA_URL", url)
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path / "data"))
    return url


def test_open_index_against_an_unreachable_server_raises_index_unavailable(unreachable, embedder):
    with pytest.raises(IndexUnavailable, match="cannot reach the Chroma server"):
        library.open_index(Settings.from_env(), embedder)


def test_the_engine_keeps_working_without_the_library(unreachable, embedder, caplog):
    with caplog.at_level(logging.WARNING, logger="assistant.dialogue"):
        assistant = build_assistant(embedder=embedder)
    assert not assistant.answerer.available
    assert any("article library is unavailable" in r.getMessage() for r in caplog.records)
    assistant.warm()

    conversation = Conversation()
    feeling = assistant.respond(conversation, "I feel drained after today's sessions")
    assert feeling.mode == "feeling" and feeling.text
    exercise = assistant.respond(Conversation(), "Give me a 2-minute reset")
    assert exercise.mode == "exercise" and exercise.exercise is not None
    question = assistant.respond(Conversation(), "What is compassion fatigue?")
    assert question.mode == "out_of_scope" and question.text == UNAVAILABLE
    assert not question.citations
    crisis = assistant.respond(Conversation(), CRISIS)
    assert crisis.mode == "crisis" and "988" in crisis.text
    reflect = Conversation()
    first = assistant.respond(reflect, "Can we reflect on a hard session?")
    assert first.mode == "reflection"
    assert assistant.respond(reflect, "A client told me about a loss").mode == "reflection"


def test_the_cli_search_exits_2_and_ask_still_replies(unreachable, capsys, monkeypatch):
    assert main(["search", "burnout"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: cannot reach the Chroma server")
    assert main(["ingest", "--quiet"]) == 2
    assert "cannot reach the Chroma server" in capsys.readouterr().err
    lines = [{"text": "What is burnout?"}, {"text": "I feel drained after today's sessions"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines)))
    assert main(["ask", "--jsonl"]) == 0
    replies = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert replies[0]["text"] == UNAVAILABLE and replies[0]["mode"] == "out_of_scope"
    assert replies[1]["mode"] == "feeling" and replies[1]["text"]


def test_the_app_says_sources_are_unavailable_and_still_listens(unreachable):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()  # this process's assistant may be one with the library
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
        assert not at.exception
        assert any("sources are unavailable right now" in i.value for i in at.info)
        at.chat_input(key="chat").set_value("What is burnout?").run()
        at.chat_input(key="chat").set_value("I feel drained after today's sessions").run()
        assert not at.exception
        said = [m.markdown[0].value for m in at.chat_message if m.name == "assistant"]
        assert said[0] == UNAVAILABLE and len(said) == 2 and said[1]
    finally:
        st.cache_resource.clear()

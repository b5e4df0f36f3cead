"""Privacy: a whole conversation (engine, CLI, app) leaves no trace on disk, in logs or on the net.

One run drives every kind of turn through the engine, `python -m assistant ask --jsonl` in
process and the Streamlit page through AppTest, plus an ingest and a search into a temp dir,
with a unique marker sentence in the messages, every log record captured at DEBUG and every
socket connection checked. The tests then read what that run left behind.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import socket
import tempfile
import time
import tomllib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT, STEMS

from assistant import dialogue, index
from assistant.__main__ import main
from assistant.dialogue import Conversation

pytestmark = pytest.mark.slow

SKIP_DIRS = {".venv", ".git", "node_modules", "site-packages", "__pycache__"}
MAX_BYTES = 5 * 1024 * 1024
LOOPBACK = {"127.0.0.1", "::1", "localhost", "0.0.0.0", "::"}


@dataclass
class Run:
    marker: str
    started: float
    records: list[logging.LogRecord] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    checked: int = 0
    replies: list[str] = field(default_factory=list)


class _Records(logging.Handler):
    def __init__(self, records: list) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _loopback(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX: a path
        return True
    host = str(address[0]).strip("[]").lower()
    return host in LOOPBACK or host.startswith("127.") or host.startswith("::ffff:127.")


def _guard(mp: pytest.MonkeyPatch, run: Run) -> None:
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex
    create_connection = socket.create_connection

    def check(address) -> None:
        run.checked += 1
        if not _loopback(address):
            run.blocked.append(repr(address))
            raise OSError(f"blocked by test_privacy: {address!r}")

    def guarded_connect(self, address):
        check(address)
        return connect(self, address)

    def guarded_connect_ex(self, address):
        check(address)
        return connect_ex(self, address)

    def guarded_create_connection(address, *args, **kwargs):
        check(address)
        return create_connection(address, *args, **kwargs)

    mp.setattr(socket.socket, "connect", guarded_connect)
    mp.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    mp.setattr(socket, "create_connection", guarded_create_connection)


def _engine(assistant, say: str, run: Run) -> None:
    conversation = Conversation()
    for text in (
        f"What is compassion fatigue? {say}",
        f"I feel drained and numb after today's sessions. {say}",
        "yes",
        f"A client described a loss that stayed with me. {say}",
        f"I noticed my chest go tight when she spoke. {say}",
        "stop",
        f"Give me a 2-minute reset. {say}",
        "another one",
        "thanks",
    ):
        run.replies.append(assistant.respond(conversation, text).text)
    crisis = assistant.respond(Conversation(), f"I want to end my life. {say}")
    assert crisis.mode == "crisis"


def _cli(say: str, mp: pytest.MonkeyPatch, run: Run) -> None:
    lines = [
        {"session": "a", "text": f"What helps with burnout? {say}"},
        {"session": "a", "text": f"I feel overwhelmed by my caseload. {say}"},
        {"session": "b", "text": f"Give me a grounding exercise. {say}"},
    ]
    mp.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines)))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["ask", "--jsonl"]) == 0
    run.replies += [json.loads(line)["text"] for line in out.getvalue().splitlines()]


def _app(say: str) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
        for text in (f"What are mirror neurons? {say}", f"I feel so tired lately. {say}"):
            at.chat_input(key="chat").set_value(text).run()
            assert not at.exception, [e.value for e in at.exception]
        at.button(key="reflect").click().run()
        at.chat_input(key="chat").set_value(f"It was a hard intake. {say}").run()
        assert not at.exception
        assert len(at.chat_message) >= 6
    finally:
        st.cache_resource.clear()


@pytest.fixture(scope="module")
def run(assistant, tmp_path_factory) -> Run:
    """The whole conversation, once, under the socket guard and a DEBUG log capture."""
    marker = f"privacy-marker-{uuid.uuid4().hex}"
    say = f"My codeword is {marker}."
    result = Run(marker=marker, started=time.time() - 1)
    handler = _Records(result.records)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with pytest.MonkeyPatch.context() as mp:
            _guard(mp, result)
            # A one-article corpus ingested and searched in a temp dir, over loopback-free code.
            corpus = tmp_path_factory.mktemp("privacy-corpus")
            (corpus / f"{STEMS[0]}.md").write_bytes(
                (ROOT / "corpus" / f"{STEMS[0]}.md").read_bytes()
            )
            data = tmp_path_factory.mktemp("privacy-data")
            mp.setenv("REFLECT_DATA_DIR", str(data))
            mp.setenv("REFLECT_CORPUS_DIR", str(corpus))
            from assistant.config import get_settings

            get_settings.cache_clear()
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                assert main(["ingest", "--quiet"]) == 0
                assert main(["search", "--json", "what are mirror neurons?"]) == 0
            assert "mirror" in out.getvalue()
            # Every reply below comes from the session's engine (shipped corpus, warm model).
            mp.setattr(dialogue, "build_assistant", lambda *a, **k: assistant)
            _engine(assistant, say, result)
            _cli(say, mp, result)
            _app(say)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        from assistant.config import get_settings

        get_settings.cache_clear()
    return result


def _scan(root: Path, marker: bytes, since: float) -> list[str]:
    """Files under root modified since `since` (at most 5 MB, outside tool folders) with marker."""
    found = []
    for folder, dirs, files in os.walk(root, onerror=lambda e: None):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in files:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path, follow_symlinks=False)
                if (
                    info.st_mtime < since
                    or info.st_size > MAX_BYTES
                    or not os.path.isfile(path)
                    or os.path.islink(path)
                ):
                    continue
                with open(path, "rb") as f:
                    if marker in f.read():
                        found.append(path)
            except OSError:
                continue
    return found


def test_the_conversation_happened(run):
    assert len(run.replies) >= 12 and all(run.replies)


def test_nothing_the_user_said_is_written_to_disk(run):
    roots = {
        Path(os.environ["REFLECT_DATA_DIR"]),
        ROOT,
        Path.home(),
        Path(tempfile.gettempdir()),
    }
    marker = run.marker.encode()
    found = [hit for root in sorted(roots) for hit in _scan(root, marker, run.started)]
    assert found == []


def test_the_disk_scan_finds_a_marker_when_one_is_written(tmp_path):
    marker = f"privacy-control-{uuid.uuid4().hex}"
    (tmp_path / "written.txt").write_text(f"said: {marker}")
    assert _scan(tmp_path, marker.encode(), time.time() - 5) == [str(tmp_path / "written.txt")]


def test_no_connection_leaves_the_machine(run):
    assert run.blocked == []


def test_no_log_record_carries_message_text(run):
    assert run.records, "the run logged nothing at DEBUG: the capture did not work"
    leaked = []
    for record in run.records:
        text = record.getMessage() + (record.exc_text or "") + repr(record.args)
        if run.marker in text or "My codeword is" in text:
            leaked.append(f"{record.name}: {text[:200]}")
    assert leaked == []


def test_chroma_and_streamlit_telemetry_are_off():
    assert index._chroma_settings().anonymized_telemetry is False
    assert os.environ.get("ANONYMIZED_TELEMETRY") == "False"
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"


def test_the_socket_guard_blocks_a_non_loopback_address():
    result = Run(marker="", started=0)
    with pytest.MonkeyPatch.context() as mp:
        _guard(mp, result)
        with pytest.raises(OSError, match="blocked"):
            socket.create_connection(("192.0.2.1", 80), timeout=1)
    assert result.blocked and _loopback(("127.0.0.1", 1)) and _loopback("/tmp/sock")

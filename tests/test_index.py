"""The Chroma index: incremental ingest, rebuilds, and server mode. Real Chroma, real model."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from assistant import corpus
from assistant.config import Settings
from assistant.index import Index, IndexUnavailable
from assistant.retrieval import Retriever


@pytest.fixture
def counted(embedder, monkeypatch):
    """Count the texts the model is asked to embed."""
    calls: list[int] = []
    original = embedder.encode

    def encode(texts, batch_size=None):
        calls.append(len(texts))
        return original(texts, batch_size=batch_size)

    monkeypatch.setattr(embedder, "encode", encode)
    return calls


def test_first_ingest_stores_every_passage_on_disk_under_the_data_dir(index, settings):
    report = index.ingest()
    assert report.files == 5 and report.added > 40 and report.kept == 0
    assert settings.chroma_dir.is_dir() and any(settings.chroma_dir.iterdir())
    assert len(index.all_passages()["ids"]) == report.added
    assert "5 files" in report.summary() and "chunks added" in report.summary()


def test_reingesting_an_unchanged_corpus_writes_nothing(index, counted):
    first = index.ingest()
    before = index.count()
    counted.clear()
    again = index.ingest()
    assert (again.added, again.removed, again.updated) == (0, 0, 0)
    assert again.kept == first.added
    assert counted == [] and index.count() == before


def test_an_edited_file_replaces_only_its_changed_passages(index, corpus_copy, counted):
    first = index.ingest()
    path = corpus_copy / "empathy-fatigue.md"
    text = path.read_text()
    old = "Therapists need therapy, too."
    path.write_text(text.replace(old, "Therapists need therapy, too, and supervisors do as well."))
    counted.clear()
    report = index.ingest()
    assert (report.added, report.removed) == (1, 1)
    assert report.kept == first.added - 1
    assert sum(counted) < 10  # one passage and its sentences, not the corpus
    hits = Retriever(index).search("do supervisors need therapy as well?", k=3)
    assert "supervisors do as well" in hits[0].text


def test_a_removed_file_loses_its_passages(index, corpus_copy):
    index.ingest()
    own = [m for m in index.all_passages()["metadatas"] if m["source"] == "empathy-fatigue"]
    (corpus_copy / "empathy-fatigue.md").unlink()
    report = index.ingest()
    assert report.removed == len(own) and report.added == 0
    sources = {m["source"] for m in index.all_passages()["metadatas"]}
    assert "empathy-fatigue" not in sources and len(sources) == 4


def test_a_second_folder_adds_articles_without_touching_the_corpus(index, tmp_path):
    first = index.ingest()
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "night-shift.md").write_text(
        "---\ntitle: Night Shift Recovery\n---\n\n"
        "After a run of night shifts, paramedics recover better when they protect a "
        "dark, quiet sleep window and eat a proper meal before bed.\n"
    )
    report = index.ingest([extra])
    assert (report.added, report.removed) == (1, 0)
    assert index.count() and len(index.all_passages()["ids"]) == first.added + 1
    assert Retriever(index).search("sleep after night shifts as a paramedic")[0].source == (
        "night-shift"
    )


def test_a_changed_chunker_rebuilds_the_index(index, monkeypatch, counted):
    first = index.ingest()
    monkeypatch.setattr(corpus, "CHUNKER_VERSION", corpus.CHUNKER_VERSION + "-next")
    counted.clear()
    report = index.ingest()
    assert report.rebuilt and report.added == first.added and "rebuilt" in report.summary()
    assert sum(counted) > first.added


def test_a_changed_model_rebuilds_the_index(settings, embedder, monkeypatch):
    Index(settings, embedder).ingest()
    monkeypatch.setattr(embedder, "name", "another/embedding-model")
    later = Index(settings, embedder)
    assert not later.is_current()
    assert later.ingest().rebuilt
    assert later.collection.metadata["embed_model"] == "another/embedding-model"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """A real `chroma run` server on a free loopback port."""
    chroma = shutil.which("chroma") or str(Path(os.sys.executable).parent / "chroma")
    port = _free_port()
    proc = subprocess.Popen(
        [
            chroma,
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma run did not start listening")
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.slow
def test_server_mode_ingests_and_searches_over_http(chroma_server, corpus_copy, embedder, tmp_path):
    settings = Settings.from_env(
        {
            "REFLECT_DATA_DIR": str(tmp_path / "local"),
            "REFLECT_CORPUS_DIR": str(corpus_copy),
            "REFLECT_CHROMA_URL": chroma_server,
        }
    )
    index = Index(settings, embedder)
    report = index.ingest()
    assert report.added > 40
    assert not settings.chroma_dir.exists()  # nothing embedded on local disk
    again = Index(settings, embedder).ingest()
    assert again.added == 0 and again.kept == report.added
    hits = Retriever(index).search("what are mirror neurons?", k=3)
    assert hits[0].source == "keeping-on-and-moving-forward"


def test_an_unreachable_server_is_a_clear_error(tmp_path, embedder):
    settings = Settings.from_env(
        {
            "REFLECT_DATA_DIR": str(tmp_path),
            "REFLECT_CHROMA_URL": f"http://127.0.0.1:{_free_port()}",
        }
    )
    with pytest.raises(IndexUnavailable, match="cannot reach the Chroma server"):
        Index(settings, embedder)


def test_reading_back_pages_through_a_large_collection(index):
    """One unpaged read of tens of thousands of records exceeds SQLite's variable limit."""
    index.ingest()
    paged = index._get_all(page=7, include=["metadatas"])
    assert len(paged["ids"]) == len(set(paged["ids"])) == index.count()

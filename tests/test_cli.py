"""`python -m assistant ingest|search`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from assistant.__main__ import main


@pytest.fixture
def env(monkeypatch, tmp_path, corpus_copy, fresh_settings_cache):
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REFLECT_CORPUS_DIR", str(corpus_copy))
    return tmp_path


def test_ingest_prints_a_one_line_summary(env, capsys):
    assert main(["ingest", "--quiet"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("5 files:") and "chunks added" in out[0]
    assert main(["ingest", "--quiet"]) == 0
    assert " 0 chunks added" in capsys.readouterr().out


def test_ingest_of_a_missing_or_empty_folder_exits_2(env, capsys):
    assert main(["ingest", str(env / "nowhere")]) == 2
    assert "corpus path not found" in capsys.readouterr().err
    (env / "empty").mkdir()
    assert main(["ingest", str(env / "empty")]) == 2
    assert "no .md or .txt articles" in capsys.readouterr().err


def test_search_json(env, capsys):
    assert main(["search", "what is empathy fatigue?", "--k", "2", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["q"] == "what is empathy fatigue?" and len(payload["results"]) == 2
    assert set(payload["results"][0]) == {"source", "title", "section", "text", "score"}
    assert payload["results"][0]["source"] == "empathy-fatigue"


def test_search_jsonl_answers_each_line_in_order(env, capsys, monkeypatch):
    queries = ["what are mirror neurons?", "micro rest between sessions", "Lisa Dion"]
    lines = "\n".join(json.dumps({"q": q}) for q in queries) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert main(["search", "--jsonl", "--k", "3"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["q"] for r in rows] == queries
    assert all(len(r["results"]) == 3 for r in rows)
    assert rows[0]["results"][0]["source"] == "keeping-on-and-moving-forward"


@pytest.mark.slow
def test_the_module_runs_as_a_program(tmp_path, corpus_copy):
    env = {
        **os.environ,
        "REFLECT_DATA_DIR": str(tmp_path / "d"),
        "REFLECT_CORPUS_DIR": str(corpus_copy),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "search", "--jsonl"],
        input='{"q": "signs of burnout"}\n{"q": "self-compassion break"}\n',
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2
    missing = subprocess.run(
        [sys.executable, "-m", "assistant", "ingest", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert missing.returncode == 2 and missing.stderr.startswith("error:")

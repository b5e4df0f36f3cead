"""Content data files shipped with the package (assistant/data/*.yaml, *.jsonl)."""

from __future__ import annotations

import json
from importlib import resources

import yaml


def load(name: str) -> dict:
    """One data file, parsed."""
    return yaml.safe_load(resources.files("assistant").joinpath(f"data/{name}").read_text("utf-8"))


def load_lines(name: str) -> list[dict]:
    """A JSON Lines data file: one record per line."""
    text = resources.files("assistant").joinpath(f"data/{name}").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]

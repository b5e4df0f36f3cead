"""Content data files shipped with the package (assistant/data/*.yaml, *.jsonl)."""

from __future__ import annotations

import json
from importlib import resources

import yaml


def read_text(name: str) -> str:
    """One data file's text (a path under assistant/data/)."""
    return resources.files("assistant").joinpath(f"data/{name}").read_text("utf-8")


def load(name: str) -> dict:
    """One YAML data file, parsed."""
    return yaml.safe_load(read_text(name))


def load_lines(name: str) -> list[dict]:
    """A JSON Lines data file: one record per line."""
    return [json.loads(line) for line in read_text(name).splitlines() if line.strip()]
